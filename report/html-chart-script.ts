/**
 * The browser side of report.html: reads the data block and draws the four charts of
 * the plan and the capacity chart (p95 and error rate against active users) with the inlined Chart.js. Kept as plain JavaScript text because it runs in
 * the page, not in Node. Animation is off so every chart is drawn inside `new Chart`,
 * and `data-charts-drawn` then tells a test (or a person) the page is complete.
 */
import type { CapacityChartData } from './capacity-section.ts';

/** Shape of the JSON block the script reads (id `report-data`). */
export interface ReportChartData {
  capacity: CapacityChartData;
  latency: { labels: string[]; p50: number[]; p90: number[]; p95: number[]; p99: number[] };
  cards: { labels: string[]; perBucket: number[]; cumulative: number[]; bucketSeconds: number };
  errors: { labels: string[]; ratePct: number[]; errors: number[]; requests: number[]; limitPct: number };
  violations: {
    classes: string[];
    points: { cls: string; x: number; y: number; message: string }[];
    unplotted: number;
    /** The run's time span (s from epoch), so the timeline shows when nothing went wrong too. */
    xMin: number;
    xMax: number;
  };
}

export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var colors = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.size = 12;
  var drawn = 0;
  function draw(id, config) {
    new Chart(document.getElementById(id), config);
    drawn += 1;
  }

  draw('chart-latency', {
    type: 'bar',
    data: {
      labels: data.latency.labels,
      datasets: [
        { label: 'p50', data: data.latency.p50, backgroundColor: colors[1] },
        { label: 'p90', data: data.latency.p90, backgroundColor: colors[0] },
        { label: 'p95', data: data.latency.p95, backgroundColor: colors[2] },
        { label: 'p99', data: data.latency.p99, backgroundColor: colors[3] }
      ]
    },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, title: { display: true, text: 'latency (ms)' } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });

  draw('chart-cards', {
    type: 'bar',
    data: {
      labels: data.cards.labels,
      datasets: [
        { type: 'bar', label: 'cards acknowledged per ' + data.cards.bucketSeconds + ' s', data: data.cards.perBucket, backgroundColor: colors[0], yAxisID: 'y' },
        { type: 'line', label: 'cumulative', data: data.cards.cumulative, borderColor: colors[1], backgroundColor: colors[1], pointRadius: 0, yAxisID: 'y1' }
      ]
    },
    options: {
      scales: {
        x: { title: { display: true, text: 'run time (s)' } },
        y: { beginAtZero: true, title: { display: true, text: 'cards per bucket' } },
        y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'cumulative cards' } }
      },
      plugins: { legend: { position: 'bottom' } }
    }
  });

  draw('chart-errors', {
    type: 'bar',
    data: {
      labels: data.errors.labels,
      datasets: [
        { type: 'bar', label: 'error rate (%)', data: data.errors.ratePct, backgroundColor: colors[3] },
        { type: 'line', label: 'limit (' + data.errors.limitPct + ' %)', data: data.errors.labels.map(function () { return data.errors.limitPct; }), borderColor: colors[7], borderDash: [6, 4], pointRadius: 0, fill: false }
      ]
    },
    options: {
      scales: {
        y: { beginAtZero: true, suggestedMax: data.errors.limitPct * 2, title: { display: true, text: 'fail + info, % of requests' } }
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            afterLabel: function (ctx) {
              if (ctx.datasetIndex !== 0) return '';
              return data.errors.errors[ctx.dataIndex] + ' of ' + data.errors.requests[ctx.dataIndex] + ' requests';
            }
          }
        }
      }
    }
  });

  var classes = data.violations.classes;
  draw('chart-violations', {
    type: 'scatter',
    data: {
      datasets: classes.map(function (cls, i) {
        return {
          label: cls,
          data: data.violations.points.filter(function (p) { return p.cls === cls; }),
          backgroundColor: colors[i % colors.length],
          pointRadius: 5
        };
      }).filter(function (ds) { return ds.data.length > 0; })
    },
    options: {
      scales: {
        x: { type: 'linear', suggestedMin: data.violations.xMin, suggestedMax: data.violations.xMax, title: { display: true, text: 'run time (s)' } },
        y: {
          type: 'linear', min: -0.5, max: classes.length - 0.5, reverse: true,
          afterBuildTicks: function (axis) { axis.ticks = classes.map(function (_c, i) { return { value: i }; }); },
          ticks: { callback: function (value) { return classes[value] || ''; } }
        }
      },
      plugins: {
        legend: { position: 'bottom' },
        title: { display: data.violations.points.length === 0, text: 'no violations' },
        tooltip: { callbacks: { label: function (ctx) { return ctx.raw.cls + ' at ' + ctx.raw.x + ' s: ' + ctx.raw.message; } } }
      }
    }
  });

  var capacity = data.capacity;
  draw('chart-capacity', {
    type: 'line',
    data: {
      datasets: [
        { label: 'p95 (ms)', data: capacity.points.map(function (p) { return { x: p.users, y: p.p95Ms, stage: p.label }; }), borderColor: colors[2], backgroundColor: colors[2], yAxisID: 'y', spanGaps: false },
        { label: 'error rate (%)', data: capacity.points.map(function (p) { return { x: p.users, y: p.errorPct, stage: p.label }; }), borderColor: colors[3], backgroundColor: colors[3], yAxisID: 'y1', spanGaps: false },
        { label: 'error limit (' + capacity.limitPct + ' %)', data: capacity.points.map(function (p) { return { x: p.users, y: capacity.limitPct }; }), borderColor: colors[7], borderDash: [6, 4], pointRadius: 0, yAxisID: 'y1' }
      ]
    },
    options: {
      scales: {
        x: { type: 'linear', title: { display: true, text: 'active users' } },
        y: { beginAtZero: true, title: { display: true, text: 'p95 (ms)' } },
        y1: { beginAtZero: true, position: 'right', suggestedMax: capacity.limitPct * 2, grid: { drawOnChartArea: false }, title: { display: true, text: 'error rate (%)' } }
      },
      plugins: {
        legend: { position: 'bottom' },
        title: { display: capacity.points.length === 0, text: 'no stages' },
        tooltip: { callbacks: { title: function (items) { return items.length && items[0].raw.stage ? items[0].raw.stage : ''; } } }
      }
    }
  });

  document.body.dataset.chartsDrawn = String(drawn);
})();
`;
