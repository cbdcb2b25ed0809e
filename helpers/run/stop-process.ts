/** Stop a process tree we started (the embedded target) and wait, boundedly, for it to go. */
import { setTimeout as delay } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then up to `graceMs` for a clean exit, then SIGKILL. */
export async function stopPid(pid: number, graceMs = 10_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await delay(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}
