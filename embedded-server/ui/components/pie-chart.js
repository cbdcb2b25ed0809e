// A plain canvas pie of the deck's card counts, standing in for the real
// client's Chart.js pie (a canvas too, so nothing in it is accessible text).
// Zero counts are left out, colours follow the status order.
const COLOURS = ['#36a2eb', '#ff9f40', '#ff6384', '#4bc0c0', '#2e8b57', '#ffce56', '#6c757d'];

export function drawPieChart(canvas, counts) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const entries = Object.entries(counts).map(([label, count], i) => ({ label, count, colour: COLOURS[i % COLOURS.length] }))
    .filter((entry) => entry.count > 0);
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const legendHeight = 20 * Math.ceil(entries.length / 3);
  const radius = Math.min(width, height - legendHeight) / 2 - 10;
  const cx = width / 2;
  const cy = legendHeight + 10 + radius;
  let angle = -Math.PI / 2;
  for (const entry of entries) {
    const sweep = (entry.count / total) * 2 * Math.PI;
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.arc(cx, cy, radius, angle, angle + sweep);
    ctx.closePath();
    ctx.fillStyle = entry.colour;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    angle += sweep;
  }
  ctx.font = '12px Arial, sans-serif';
  ctx.textBaseline = 'middle';
  entries.forEach((entry, i) => {
    const x = 10 + (i % 3) * (width / 3);
    const y = 10 + Math.floor(i / 3) * 20;
    ctx.fillStyle = entry.colour;
    ctx.fillRect(x, y - 6, 24, 12);
    ctx.fillStyle = '#666';
    ctx.fillText(entry.label, x + 30, y);
  });
}
