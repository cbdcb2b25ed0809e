/**
 * Is a process still running? Read from /proc where it exists, because a dead process
 * whose parent is gone can linger as a zombie that `kill(pid, 0)` still reports alive.
 */
import fs from 'node:fs';

/** State letter and process group of a pid from /proc/<pid>/stat, or null when it is gone. */
function stat(pid: number): { state: string; pgrp: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields restart after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function isRunning(pid: number): boolean {
  if (!fs.existsSync('/proc/self/stat')) return signalable(pid);
  const s = stat(pid);
  return s !== null && s.state !== 'Z' && s.state !== 'X';
}

/** Pids of the running (not zombie) members of process group `pgid`. */
export function runningInGroup(pgid: number): number[] {
  if (!fs.existsSync('/proc/self/stat')) return signalable(-pgid) ? [pgid] : [];
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const s = stat(pid);
      return s !== null && s.pgrp === pgid && s.state !== 'Z' && s.state !== 'X';
    });
}
