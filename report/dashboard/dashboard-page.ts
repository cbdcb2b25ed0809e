/**
 * The dashboard page: a frame for the header line, the charts, the integrity table and the
 * verdict. It loads Chart.js and its own script from the dashboard (nothing from the
 * internet) and is filled by the frames of `/events`.
 */
export const DASHBOARD_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>JAVUMBO load run — live</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
  header { position: sticky; top: 0; z-index: 1; background: #111827; color: #f9fafb; padding: 10px 16px; display: flex; flex-wrap: wrap; gap: 6px 22px; align-items: baseline; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header .field b { font-variant-numeric: tabular-nums; font-size: 18px; }
  header .stream { margin-left: auto; font-size: 12px; color: #9ca3af; }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 12px; padding: 12px; }
  section { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  section.wide { grid-column: 1 / -1; }
  h2 { font-size: 14px; margin: 0 0 6px; }
  .note { font-size: 12px; color: #6b7280; margin: 0 0 6px; }
  .chart { position: relative; height: 220px; }
  #latency-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 10px; }
  #latency-charts .chart { height: 180px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  .ok { color: #15803d; } .bad { color: #b91c1c; } .unknown { color: #a16207; }
  #verdict-word { font-size: 20px; font-weight: 700; }
</style>
</head>
<body>
<header data-testid="dash-header">
  <h1>JAVUMBO <span id="run-id"></span></h1>
  <span class="field">Time <b data-testid="dash-time">–</b></span>
  <span class="field">Writers <b data-testid="dash-writers">–</b></span>
  <span class="field">Reviewers <b data-testid="dash-reviewers">–</b></span>
  <span class="field">Cards created <b data-testid="dash-cards">–</b></span>
  <span class="field">Errors <b data-testid="dash-errors">–</b></span>
  <span class="field">Integrity <b data-testid="dash-integrity">–</b></span>
  <span class="stream" data-testid="dash-stream">connecting…</span>
</header>
<main>
  <section class="wide" data-testid="verdict">
    <h2>Verdict</h2>
    <div id="verdict-word" data-testid="verdict-word">the run is going: its verdict appears here when the teardown has judged it</div>
    <div id="verdict-body"></div>
  </section>
  <section>
    <h2>Virtual users: active against planned</h2>
    <p class="note">Active: a request returned in the last 10 s. Planned: the profile's stages (dashed).</p>
    <div class="chart"><canvas id="chart-ramp"></canvas></div>
  </section>
  <section>
    <h2>Requests per second by endpoint</h2>
    <p class="note" id="bucket-note"></p>
    <div class="chart"><canvas id="chart-rps"></canvas></div>
  </section>
  <section>
    <h2>Errors and timeouts by scenario (per second)</h2>
    <p class="note" id="error-limit-note"></p>
    <div class="chart"><canvas id="chart-errors"></canvas></div>
  </section>
  <section>
    <h2>Load generator health</h2>
    <p class="note">CPU in % of one core (machine: % of all cores); event-loop p99 in ms. Shaded: the generator was saturated — latencies there are not judged.</p>
    <div class="chart"><canvas id="chart-health"></canvas></div>
    <p class="note" id="windows-note"></p>
  </section>
  <section class="wide">
    <h2>Latency by endpoint: p50, p95, p99 and mean (ms)</h2>
    <p class="note">Red line: the plan's limit on the endpoint's mean. Shaded: saturated generator, not judged.</p>
    <div id="latency-charts"></div>
  </section>
  <section class="wide" data-testid="integrity">
    <h2>Integrity so far</h2>
    <p><span data-testid="cards-acknowledged">0</span> cards acknowledged, <span data-testid="cards-audited">0</span> audited by their VU's own check, <span data-testid="violation-count">0</span> violations found.</p>
    <table><thead><tr><th>found at</th><th>VU</th><th>class</th><th>card</th><th>cause</th></tr></thead><tbody id="violations" data-testid="violations"></tbody></table>
  </section>
</main>
<script src="/chart.umd.js"></script>
<script src="/dashboard.js"></script>
</body>
</html>
`;
