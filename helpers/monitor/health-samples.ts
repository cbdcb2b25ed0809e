/**
 * The load generator's health as the run records it, one JSON object per line in the run's
 * `health/` folder: each Playwright worker writes its event-loop delay every second
 * (`loop-<pid>.jsonl`), and the runner writes the machine's CPU and the CPU and memory of
 * every process of the run by kind (`cpu.jsonl`). The report judges from these files alone,
 * so `npm run audit` of a saved run reaches the same judgement.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Who a process works for: the suite's Node processes, its browsers, or the server under test. */
export type ProcessKind = 'runner' | 'browser' | 'server';

export interface LoopSample {
  kind: 'loop';
  /** Epoch ms at the end of the second the sample covers. */
  t: number;
  pid: number;
  role: 'worker' | 'runner';
  /** Event-loop delay over the second, from perf_hooks.monitorEventLoopDelay. */
  p99Ms: number;
  maxMs: number;
}

export interface CpuSample {
  kind: 'cpu';
  t: number;
  cores: number;
  /** Cumulative machine counters (all cores) since boot, in clock ticks. */
  machineTotalTicks: number;
  machineBusyTicks: number;
  /** Cumulative CPU ticks of the run's processes by kind, over each process's whole life; server null when its pid is unknown. */
  ticks: Record<ProcessKind, number | null>;
  /** Resident memory summed per kind at this instant, bytes. */
  rssBytes: Record<ProcessKind, number | null>;
  /** Processes of each kind alive at this instant. */
  processes: Record<ProcessKind, number>;
}

export type HealthSample = LoopSample | CpuSample;

export const healthDir = (runDir: string): string => path.join(runDir, 'health');
export const cpuSamplesFile = (runDir: string): string => path.join(healthDir(runDir), 'cpu.jsonl');
export const loopSamplesFile = (runDir: string, pid: number): string => path.join(healthDir(runDir), `loop-${pid}.jsonl`);

/** Appends one sample; the folder is created on first use. */
export function appendSample(file: string, sample: HealthSample): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(sample)}\n`);
}

export interface HealthRecords {
  cpu: CpuSample[];
  loop: LoopSample[];
  /** Lines that were not a sample (a write cut short by a kill); counted, not fatal. */
  malformed: number;
}

/** Every sample of a run, sorted by time; an absent folder gives empty lists (runs from before health was measured). */
export function readHealthSamples(runDir: string): HealthRecords {
  const out: HealthRecords = { cpu: [], loop: [], malformed: 0 };
  const dir = healthDir(runDir);
  if (!fs.existsSync(dir)) return out;
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const value = JSON.parse(line) as Partial<HealthSample>;
        if (value.kind === 'cpu' && typeof value.t === 'number') out.cpu.push(value as CpuSample);
        else if (value.kind === 'loop' && typeof value.t === 'number') out.loop.push(value as LoopSample);
        else out.malformed += 1;
      } catch {
        out.malformed += 1;
      }
    }
  }
  out.cpu.sort((a, b) => a.t - b.t);
  out.loop.sort((a, b) => a.t - b.t);
  return out;
}
