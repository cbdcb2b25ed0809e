/**
 * The browser side of the dashboard (the frames are described in dashboard-frame.ts): applies
 * each frame of `/events` to the header, the charts and the tables. Plain JavaScript text,
 * because it runs in the page, not in Node; animation is off so a frame costs one redraw.
 * `data-frames` on the body counts the frames applied, for a test or a curious reader.
 */
export const DASHBOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var colors = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563', '#65a30d', '#ea580c'];
  var colorOf = {};
  function color(key) {
    if (!(key in colorOf)) colorOf[key] = colors[Object.keys(colorOf).length % colors.length];
    return colorOf[key];
  }
  var windows = [];
  var frames = 0;
  var lastT = 0;
  var firstT = 0;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.size = 11;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;

  // Saturated windows shaded on every time chart; a limit line where a chart has one.
  Chart.register({
    id: 'saturatedWindows',
    beforeDatasetsDraw: function (chart) {
      var x = chart.scales.x;
      var a = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = 'rgba(220, 38, 38, 0.12)';
      windows.forEach(function (w) {
        var x0 = Math.max(a.left, x.getPixelForValue(w.startT));
        var x1 = Math.min(a.right, x.getPixelForValue(w.endT));
        if (x1 > x0) ctx.fillRect(x0, a.top, x1 - x0, a.bottom - a.top);
      });
      var limit = chart.options.plugins.limitLine;
      if (limit && typeof limit.y === 'number') {
        var y = chart.scales.y.getPixelForValue(limit.y);
        if (y >= a.top && y <= a.bottom) {
          ctx.strokeStyle = '#dc2626';
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(a.left, y);
          ctx.lineTo(a.right, y);
          ctx.stroke();
          ctx.fillStyle = '#dc2626';
          ctx.fillText(limit.label, a.left + 4, y - 4);
        }
      }
      ctx.restore();
    },
  });

  function timeChart(canvas, yTitle, extra) {
    var options = {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 's from the run epoch' } },
        y: { beginAtZero: true, title: { display: true, text: yTitle } },
      },
      plugins: { limitLine: extra && extra.limit },
      elements: { point: { radius: 0 } },
    };
    if (extra && extra.y2) options.scales.y2 = { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: extra.y2 } };
    if (extra && extra.suggestedMax) options.scales.y.suggestedMax = extra.suggestedMax;
    return new Chart(canvas, { type: 'line', data: { datasets: [] }, options: options });
  }

  function dataset(chart, label, style) {
    var found = chart.data.datasets.find(function (d) { return d.label === label; });
    if (found) return found;
    var d = Object.assign({ label: label, data: [], borderWidth: 1.5, pointRadius: 0, fill: false }, style);
    chart.data.datasets.push(d);
    return d;
  }

  var ramp = timeChart(document.getElementById('chart-ramp'), 'VUs');
  var rps = timeChart(document.getElementById('chart-rps'), 'requests/s');
  var errors = timeChart(document.getElementById('chart-errors'), 'per second');
  var health = timeChart(document.getElementById('chart-health'), 'CPU %', { y2: 'event-loop p99 ms' });
  var latency = {};
  var all = [ramp, rps, errors, health];

  function latencyChart(endpoint, limits) {
    if (latency[endpoint]) return latency[endpoint];
    var box = document.createElement('div');
    var title = document.createElement('h2');
    title.textContent = endpoint;
    var holder = document.createElement('div');
    holder.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('data-endpoint', endpoint);
    holder.appendChild(canvas);
    box.appendChild(title);
    box.appendChild(holder);
    document.getElementById('latency-charts').appendChild(box);
    var limit = limits.find(function (l) { return l.endpoint === endpoint; });
    var chart = timeChart(canvas, 'ms', limit ? { limit: { y: limit.limitMs, label: 'limit on the mean ' + limit.limitMs + ' ms' }, suggestedMax: limit.limitMs * 1.2 } : null);
    latency[endpoint] = chart;
    all.push(chart);
    return chart;
  }

  function text(id, value) {
    document.querySelector('[data-testid="' + id + '"]').textContent = value;
  }

  function reset() {
    firstT = 0;
    lastT = 0;
    all.forEach(function (c) { c.data.datasets = []; });
    document.getElementById('violations').textContent = '';
  }

  function planned(frame) {
    frame.run.planned.forEach(function (p) {
      var d = dataset(ramp, p.scenario + ' planned', { borderColor: color(p.scenario), borderDash: [5, 4], stepped: true });
      d.data = p.steps.map(function (s) { return { x: s.t, y: s.count }; });
      var last = p.steps[p.steps.length - 1];
      if (last && lastT > last.t) d.data.push({ x: lastT, y: last.count });
    });
  }

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) td.className = className;
    row.appendChild(td);
  }

  function verdict(v) {
    var word = document.getElementById('verdict-word');
    word.textContent = v.word;
    word.className = v.result === 'passed' ? 'ok' : v.result === 'failed' ? 'bad' : 'unknown';
    word.setAttribute('data-result', v.result || 'none');
    var body = document.getElementById('verdict-body');
    body.textContent = '';
    var table = document.createElement('table');
    v.criteria.forEach(function (c) {
      var row = document.createElement('tr');
      cell(row, c.passed === true ? 'pass' : c.passed === false ? 'FAIL' : 'not judged', c.passed === true ? 'ok' : c.passed === false ? 'bad' : 'unknown');
      cell(row, c.id + '. ' + c.name);
      cell(row, c.detail);
      table.appendChild(row);
    });
    body.appendChild(table);
    var p = document.createElement('p');
    if (v.reportPath) {
      var a = document.createElement('a');
      a.href = '/report.html';
      a.textContent = 'report.html';
      a.setAttribute('data-testid', 'report-link');
      p.appendChild(a);
      p.appendChild(document.createTextNode(' (served until the run\'s process exits; on disk: ' + v.reportPath + ')'));
    } else p.textContent = 'No report.html was written.';
    body.appendChild(p);
  }

  function apply(frame) {
    if (frame.full) reset();
    frames += 1;
    document.body.setAttribute('data-frames', String(frames));
    document.getElementById('run-id').textContent = frame.run.id + ' · ' + frame.run.profile;
    document.getElementById('bucket-note').textContent = 'Requests that returned in each ' + frame.run.bucketSeconds + ' s, plotted at its middle.';
    document.getElementById('error-limit-note').textContent = 'Errors: fail or indeterminate answers, dashed: timeouts among them. The run fails at ' + frame.run.errorRateLimit * 100 + ' % of all requests.';
    var h = frame.header;
    text('dash-time', h.elapsedSec + 's');
    text('dash-writers', h.writers.active + '/' + h.writers.total);
    text('dash-reviewers', h.reviewers.active + '/' + h.reviewers.total);
    text('dash-cards', String(h.cardsCreated));
    text('dash-errors', String(h.errors));
    text('dash-integrity', h.integrityOk ? '✓ ok' : '✗ violated');
    text('cards-acknowledged', String(frame.integrity.acknowledged));
    text('cards-audited', String(frame.integrity.audited));
    text('violation-count', String(frame.integrity.violations));
    if (frame.windows) windows = frame.windows;
    var listed = windows.slice(-3).map(function (w) { return w.startT + '–' + w.endT + ' s (' + w.reason + ')'; });
    document.getElementById('windows-note').textContent = windows.length
      ? 'Saturated in ' + windows.length + ' window(s)' + (windows.length > 3 ? '; the last three: ' : ': ') + listed.join('; ')
      : 'Not saturated so far.';

    frame.ramp.forEach(function (p) {
      lastT = Math.max(lastT, p.t);
      firstT = Math.min(firstT, p.t);
      var scenarios = Object.keys(p.active).concat(frame.run.planned.map(function (r) { return r.scenario; }));
      scenarios.forEach(function (s) {
        dataset(ramp, s + ' active', { borderColor: color(s) }).data.push({ x: p.t, y: p.active[s] || 0 });
      });
    });
    planned(frame);
    // A bucket is plotted at its middle: one point can be the only one, so points are drawn.
    var dot = { pointRadius: 2 };
    frame.endpoints.forEach(function (p) {
      firstT = Math.min(firstT, p.t - frame.run.bucketSeconds / 2);
      dataset(rps, p.endpoint, { borderColor: color(p.endpoint), pointRadius: 2 }).data.push({ x: p.t, y: p.rps });
      var chart = latencyChart(p.endpoint, frame.run.latencyLimits);
      dataset(chart, 'p50', Object.assign({ borderColor: '#16a34a' }, dot)).data.push({ x: p.t, y: p.p50Ms });
      dataset(chart, 'p95', Object.assign({ borderColor: '#f59e0b' }, dot)).data.push({ x: p.t, y: p.p95Ms });
      dataset(chart, 'p99', Object.assign({ borderColor: '#dc2626' }, dot)).data.push({ x: p.t, y: p.p99Ms });
      dataset(chart, 'mean', Object.assign({ borderColor: '#2563eb', borderDash: [2, 2] }, dot)).data.push({ x: p.t, y: p.meanMs });
    });
    frame.errors.forEach(function (p) {
      dataset(errors, p.scenario + ' errors', Object.assign({ borderColor: color(p.scenario) }, dot)).data.push({ x: p.t, y: p.errorsPerSec });
      dataset(errors, p.scenario + ' timeouts', Object.assign({ borderColor: color(p.scenario), borderDash: [4, 3] }, dot)).data.push({ x: p.t, y: p.timeoutsPerSec });
    });
    frame.cpu.forEach(function (p) {
      firstT = Math.min(firstT, p.t);
      dataset(health, 'machine CPU', { borderColor: '#9ca3af' }).data.push({ x: p.t, y: p.machinePct });
      if (p.runnerPct !== null) dataset(health, 'runner CPU', { borderColor: '#2563eb' }).data.push({ x: p.t, y: p.runnerPct });
      if (p.browserPct !== null) dataset(health, 'browsers CPU', { borderColor: '#7c3aed' }).data.push({ x: p.t, y: p.browserPct });
      if (p.serverPct !== null) dataset(health, 'server CPU', { borderColor: '#16a34a' }).data.push({ x: p.t, y: p.serverPct });
    });
    frame.loop.forEach(function (p) {
      if (p.runnerP99Ms !== null) dataset(health, 'runner loop p99', { borderColor: '#2563eb', borderDash: [2, 2], yAxisID: 'y2' }).data.push({ x: p.t, y: p.runnerP99Ms });
      if (p.workersP99Ms !== null) dataset(health, 'workers loop p99', { borderColor: '#f59e0b', borderDash: [2, 2], yAxisID: 'y2' }).data.push({ x: p.t, y: p.workersP99Ms });
    });
    var table = document.getElementById('violations');
    frame.violations.forEach(function (v) {
      var row = document.createElement('tr');
      row.setAttribute('data-class', v.cls);
      cell(row, v.foundT + ' s');
      cell(row, v.vu);
      cell(row, v.cls, 'bad');
      cell(row, v.card);
      cell(row, v.cause || v.message);
      row.title = v.message;
      table.appendChild(row);
    });
    if (frame.verdict) verdict(frame.verdict);
    // One time axis for every chart, so a shaded window lines up across them.
    all.forEach(function (c) {
      c.options.scales.x.min = Math.floor(firstT);
      c.options.scales.x.max = Math.ceil(lastT);
      c.update('none');
    });
  }

  var stream = document.querySelector('[data-testid="dash-stream"]');
  var source = new EventSource('/events');
  source.addEventListener('frame', function (e) {
    var frame = JSON.parse(e.data);
    apply(frame);
    stream.textContent = 'live';
    // The run has ended: nothing more will come.
    if (frame.verdict) {
      source.close();
      stream.textContent = 'run ended';
    }
  });
  source.onerror = function () {
    if (stream.textContent !== 'run ended') stream.textContent = 'reconnecting…';
  };
})();
`;
