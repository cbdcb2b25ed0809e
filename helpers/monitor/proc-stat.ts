/**
 * Readers of Linux's /proc: the machine's CPU counters and every process's CPU time and
 * parent, in clock ticks. The load generator's health is measured from these, per process
 * over the whole run, because what a process was charged is what it cost the machine.
 * Off Linux (no /proc) every reader answers null or empty, and health is "not measured".
 */
import fs from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks per second (100 on every Linux ABI Node runs on). */
export const CLOCK_TICKS_PER_SECOND = 100;
/** Page size of the rss field (4 KiB on the x86-64 and arm64 Linux this suite runs on). */
const PAGE_BYTES = 4096;

export interface MachineCpu {
  /** Ticks summed over every core since boot, all states. */
  totalTicks: number;
  /** Ticks not idle and not waiting for I/O. */
  busyTicks: number;
  cores: number;
}

export interface ProcessCpu {
  pid: number;
  ppid: number;
  /** The executable's name as the kernel keeps it (15 characters at most). */
  comm: string;
  /** utime + stime of the process itself (its reaped children not included). */
  ticks: number;
  /** Resident set size in bytes. */
  rssBytes: number;
}

/** The `cpu` line of /proc/stat and the number of `cpuN` lines; null off Linux. */
export function readMachineCpu(statFile = '/proc/stat'): MachineCpu | null {
  let text: string;
  try {
    text = fs.readFileSync(statFile, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const total = lines.find((l) => l.startsWith('cpu '));
  if (!total) return null;
  const fields = total.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const totalTicks = user + nice + system + idle + iowait + irq + softirq + steal;
  const cores = lines.filter((l) => /^cpu\d+ /.test(l)).length || 1;
  return { totalTicks, busyTicks: totalTicks - idle - iowait, cores };
}

/** Parses one /proc/<pid>/stat line; the name may hold spaces and parentheses, so split after the last ')'. */
export function parseProcessStat(line: string): ProcessCpu | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  const rest = line.slice(close + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24 (pages).
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const rss = Number(rest[21]);
  if (![pid, ppid, utime, stime, rss].every(Number.isFinite)) return null;
  return { pid, ppid, comm: line.slice(open + 1, close), ticks: utime + stime, rssBytes: rss * PAGE_BYTES };
}

/**
 * Every process of the machine; a process that ends while being read is skipped. `skip`:
 * pids the caller already knows it does not need (not read again while they live); the pids
 * of it that ended are removed from it, so a pid the kernel hands out again is read anew.
 */
export function readProcesses(procDir = '/proc', skip?: Set<number>): ProcessCpu[] {
  let names: string[];
  try {
    names = fs.readdirSync(procDir);
  } catch {
    return [];
  }
  const out: ProcessCpu[] = [];
  const listed = new Set<number>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    listed.add(pid);
    if (skip?.has(pid)) continue;
    try {
      const parsed = parseProcessStat(fs.readFileSync(`${procDir}/${name}/stat`, 'utf8'));
      if (parsed) out.push(parsed);
    } catch {
      // Gone between readdir and read.
    }
  }
  if (skip) for (const pid of skip) if (!listed.has(pid)) skip.delete(pid);
  return out;
}

/**
 * Proportional set size of one process in bytes (its private pages plus its share of pages
 * shared with others: what a Chromium renderer really adds), from /proc/<pid>/smaps_rollup;
 * null when the process ended or the kernel has no rollup.
 */
export function readPssBytes(pid: number, procDir = '/proc'): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB$/m.exec(fs.readFileSync(`${procDir}/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
