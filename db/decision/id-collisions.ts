/**
 * The real server derives note ids from the clock in whole seconds, so a user's second
 * add within one second (or an add in the second the user registered, whose sample
 * cards took that second's ids) is refused with a 500 by design. Those refusals are
 * still errors, but the error rate is also reported without them so a reader can tell
 * the server's id scheme from a real fault. The log is not needed: the history shows
 * which seconds each user had already used.
 */
import type { Operation } from '../../helpers/history/operation.ts';

function secondsOf(op: Operation): number[] {
  const first = Math.floor(op.sentAt / 1000);
  const last = Math.floor(Math.max(op.sentAt, op.returnedAt) / 1000);
  const out: number[] = [];
  for (let s = first; s <= last; s += 1) out.push(s);
  return out;
}

function noteSecond(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || !('note_id' in body)) return null;
  const noteId = body.note_id;
  return typeof noteId === 'number' && Number.isFinite(noteId) ? Math.floor(noteId / 1000) : null;
}

/** Ids of add_card operations answered 500 in a second the same user had already used for ids. */
export function likelyIdCollisions(ops: readonly Operation[]): Set<string> {
  const usedSeconds = new Map<string, Set<number>>();
  const use = (username: string, seconds: number[]): void => {
    const set = usedSeconds.get(username) ?? new Set<number>();
    for (const s of seconds) set.add(s);
    usedSeconds.set(username, set);
  };
  for (const op of ops) {
    if (op.outcome !== 'ok') continue;
    if (op.op === 'register') use(op.username, secondsOf(op));
    if (op.op === 'add_card') {
      const second = noteSecond(op.body);
      use(op.username, second === null ? secondsOf(op) : [second]);
    }
  }
  const collisions = new Set<string>();
  for (const op of ops) {
    if (op.op !== 'add_card' || op.status !== 500) continue;
    const used = usedSeconds.get(op.username);
    if (used && secondsOf(op).some((s) => used.has(s))) collisions.add(op.id);
  }
  return collisions;
}
