/** The Chart.js UMD build in node_modules, which the dashboard serves as it is. */
import { createRequire } from 'node:module';
import path from 'node:path';

export function chartJsPath(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}
