/**
 * Why a card went wrong, as far as the history, the server log and the databases decide:
 * one function per card class, each returning a typed cause that names the requests it rests
 * on, or `unknown` with what would have decided it. Never a guess: a cause is decided only
 * when no other reading of the same evidence is left.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import type { Cause, CardLocation, WriteAttribution } from '../verdict.ts';
import { linesInFlight, type AuditContext } from '../audit-context.ts';
import { entriesBetween, IN_FLIGHT_SLACK_MS } from '../log-match.ts';
import type { LogEntry } from '../server-log.ts';
import { attributeWrite } from '../write-attribution.ts';
import { clockText, deckText, dbText, responseText } from '../evidence-text.ts';
import type { AddGroup } from './add-groups.ts';
import { otherSwitchesDuring, ownLastSwitch, type DeckSwitches } from './deck-interleaving.ts';

/** What would decide a card's writer when the log cannot. */
const NO_DIAGNOSTICS = "the server's ADD_CARD_START/ADD_CARD_SUCCESS lines for this write (docs/diagnostics.md)";

/** The request that wrote `location`, from the diagnostic lines around the group's sends. */
export function writerOf(context: AuditContext, group: AddGroup | undefined, location: CardLocation): WriteAttribution | null {
  if (!group) return null;
  const from = Math.min(...group.ops.map((op) => op.sentAt));
  const to = Math.max(...group.ops.map((op) => op.returnedAt));
  const requestUserId = group.primary.userId ?? context.index.userIdByUsername.get(group.owner);
  return attributeWrite(context.log, location.cardId, location.userId, from, to, requestUserId);
}

/** misrouted: which session user the worker wrote for, against whose cookie the request carried. */
export function misroutedCause(context: AuditContext, group: AddGroup | undefined, foreign: CardLocation, writer: WriteAttribution | null): Cause {
  if (!group) return { kind: 'unknown', missing: 'the request that added it (the history has no add with this marker)' };
  if (!writer) return { kind: 'unknown', missing: context.log ? NO_DIAGNOSTICS : `a server log with ${NO_DIAGNOSTICS}` };
  const op = group.primary;
  const carried = `the request carried ${op.username}'s cookie (${op.vu}, ${op.id}${op.cookieFingerprint ? `, cookie ${op.cookieFingerprint}` : ''})`;
  const writeUser = writer.writeUsername ?? foreign.username ?? `user ${writer.writeUserId ?? foreign.userId}`;
  const head = `written by PID ${writer.pid} for session user ${writeUser} while ${carried}`;
  const base = { opIds: [op.id], logLines: [...writer.logLines] };
  if (writer.sessionUser === undefined && writer.sessionUserId === undefined) {
    return { kind: 'unknown', missing: `the ADD_CARD_START line of PID ${writer.pid}'s request (its session id and session user at entry); the write itself was ${head}` };
  }
  const startUser = writer.sessionUser ?? `user ${writer.sessionUserId}`;
  const ownCookie = writer.sessionFingerprint === op.cookieFingerprint ? ", the request's own cookie" : '';
  const session = writer.sessionFingerprint ? `session #${writer.sessionFingerprint}${ownCookie}` : 'its session';
  const startedAsOwner = writer.sessionUser === op.username || writer.sessionUserId === op.userId;
  const wroteOwner = writer.writeUserId === undefined || writer.writeUserId === op.userId || writer.writeUsername === op.username;
  if (startedAsOwner && !wroteOwner) {
    const mismatch = writer.sessionMismatch ? ` (SESSION_MISMATCH Expected:${writer.sessionMismatch.expected} Got:${writer.sessionMismatch.got})` : '';
    return {
      kind: 'session-user-changed',
      text: `${head}: ${session} began as ${startUser} and named ${writeUser} by the time of the write${mismatch} — the session changed under a running request`,
      ...base,
    };
  }
  if (!startedAsOwner) {
    return { kind: 'session-of-other-user', text: `${head}: at the route's entry ${session} already belonged to ${startUser} — the server resolved the cookie to another user's session`, ...base };
  }
  // The session was the requester's from entry to write: the file is what the lines must explain.
  const fileUser = userOfDbPath(writer.dbPath);
  const requesterId = op.userId ?? context.index.userIdByUsername.get(op.username);
  if (fileUser !== undefined && fileUser !== requesterId) {
    return {
      kind: 'right-session-wrong-file',
      text: `PID ${writer.pid}'s lines for the write name the requester as the session user (${startUser}) and ${writer.dbPath}, user ${fileUser}'s database, as the file — the session was right and the database path was wrong`,
      ...base,
    };
  }
  // The lines say the request wrote its own user's file: they do not tell how the card reached another one.
  return {
    kind: 'unknown',
    missing: `how the card reached ${dbText(foreign)}: PID ${writer.pid}'s lines for it name ${op.username}, the request's own user${writer.dbPath ? `, and ${writer.dbPath}` : ''}`,
  };
}

/** The user id of a `…/user_<id>.db` path, as the server names its files; undefined for any other path. */
export function userOfDbPath(dbPath: string | undefined): number | undefined {
  const match = dbPath === undefined ? null : /(?:^|[/\\])user_(\d+)\.db$/.exec(dbPath);
  return match ? Number(match[1]) : undefined;
}

/** lost: the log lines of the acknowledged request, when they show the server wrote the card. */
export function lostCause(context: AuditContext, group: AddGroup, ownerId: number | undefined): { cause: Cause; writtenBy?: WriteAttribution } {
  const op = group.acknowledgedOp!;
  const cardId = group.acknowledgedCardId;
  if (!context.log) return { cause: { kind: 'unknown', missing: 'a server log with the lines of this request' } };
  if (cardId === undefined) return { cause: { kind: 'unknown', missing: 'the card id of the write (the acknowledgement carried none, so no log line can be tied to it)' } };
  const writer = attributeWrite(context.log, cardId, ownerId, op.sentAt, op.returnedAt);
  const owner = `${group.owner}${ownerId !== undefined ? ` (user ${ownerId})` : ''}`;
  if (writer) {
    return {
      cause: {
        kind: 'write-not-kept',
        text: `PID ${writer.pid} logged ADD_CARD_SUCCESS for card ${cardId} in ${owner}'s database${writer.dbPath ? ` (${writer.dbPath})` : ''} and the server answered ${responseText(op)}, yet no database holds it — the write was not kept after the server reported it`,
        opIds: [op.id],
        logLines: [...writer.logLines],
      },
      writtenBy: writer,
    };
  }
  const noteId = noteIdOf(op.body);
  const mentions = [`card ${cardId}`, ...(noteId !== undefined ? [`note ${noteId}`] : [])];
  const written = linesInFlight(context, [op], [ownerId]).filter((entry) => entry.level === 'INFO' && mentions.some((text) => entry.message.includes(text)));
  if (written.length > 0) {
    return {
      cause: {
        kind: 'write-not-kept',
        text: `the server logged writing card ${cardId} for ${owner} while ${op.id} was in flight and answered ${responseText(op)}, yet no database holds it — the write was not kept after the server reported it`,
        opIds: [op.id],
        logLines: written.map((entry) => entry.text),
      },
    };
  }
  return { cause: { kind: 'unknown', missing: `a server log line of ${op.id} about card ${cardId} (the log has none while it was in flight)` } };
}

/** phantom: the request's own lines show the card written, then an error answered. */
export function phantomCause(context: AuditContext, group: AddGroup, ownerId: number | undefined, location: CardLocation, writer: WriteAttribution | null): Cause {
  if (!context.log) return { kind: 'unknown', missing: 'a server log with the lines of the refused request' };
  const refused = group.ops.filter((op) => op.outcome === 'fail');
  const lines = linesInFlight(context, refused, [ownerId, location.userId], [`card ${location.cardId}`]);
  // The write: the diagnostic success line when there is one, else a line naming the card.
  const wrote = writer ? lines.find((entry) => entry.text === writer.logLines.at(-1)) : lines.find((entry) => entry.level === 'INFO' && entry.message.includes(`card ${location.cardId}`));
  const writeLine = wrote?.text ?? writer?.logLines.at(-1);
  const writeAt = wrote?.at ?? Number.NEGATIVE_INFINITY;
  const error = lines.find((entry) => (entry.level === 'ERROR' || entry.level === 'CRITICAL') && entry.at >= writeAt);
  if (writeLine !== undefined && error) {
    const op = refused.find((o) => o.sentAt <= error.at + 100 && o.returnedAt >= error.at - 100) ?? group.primary;
    return {
      kind: 'error-after-write',
      text: `while ${op.id} was in flight the server wrote card ${location.cardId} and then logged an error ("${error.message}"), and answered ${responseText(op)} — the error came after the commit`,
      opIds: [op.id],
      logLines: [writeLine, error.text],
    };
  }
  // An error line naming nobody (a traceback, say) written in the flight may be this request's too.
  const from = Math.min(...refused.map((o) => o.sentAt)) - IN_FLIGHT_SLACK_MS;
  const to = Math.max(...refused.map((o) => o.returnedAt)) + IN_FLIGHT_SLACK_MS;
  const isError = (entry: LogEntry) => entry.level === 'ERROR' || entry.level === 'CRITICAL';
  const anyError = lines.find(isError) ?? entriesBetween(context.log, from, to).find((entry) => isError(entry) && entry.userId === null);
  if (writeLine === undefined && anyError)
    return { kind: 'unknown', missing: `a log line of the write of card ${location.cardId} during the refused request (the log shows only the error "${anyError.message}")` };
  if (anyError) return { kind: 'unknown', missing: `a log line of the error the refused request answered with after the write of card ${location.cardId} (the log shows an error before it)` };
  // The row is there (committed), the answer was an error, and the server logged no error while
  // the request was in flight: the commit held and the response failed after it.
  const op = refused[0] ?? group.primary;
  const wroteText = writeLine !== undefined ? `logged the write of card ${location.cardId}` : `stored card ${location.cardId} in ${dbText(location)}`;
  return {
    kind: 'response-failed-after-commit',
    text: `while ${op.id} was in flight the server ${wroteText} and logged no error, yet answered ${responseText(op)} — the card was committed, then the response failed`,
    opIds: [op.id],
    logLines: writeLine !== undefined ? [writeLine] : [],
  };
}

/** duplicate: sent several times and stored each, or one send stored several times. */
export function duplicateCause(group: AddGroup | undefined, locations: CardLocation[]): Cause {
  if (!group) return { kind: 'unknown', missing: 'the request that added it (the history has no add with this marker)' };
  const sends = group.ops.length;
  const ids = group.ops.map((op) => op.id);
  if (sends > 1 && sends >= locations.length) {
    return {
      kind: 'resent',
      text: `${group.vu} sent this card ${sends} times (${ids.join(', ')}) and the server stored ${locations.length === sends ? 'each send' : `${locations.length} of them`}`,
      opIds: ids,
    };
  }
  const how = sends === 1 ? `once (${ids[0]})` : `${sends} times (${ids.join(', ')})`;
  return {
    kind: 'one-request-several-rows',
    text: `${group.vu} sent this card ${how} and the server stored ${locations.length} rows (ids ${locations.map((l) => l.cardId).join(', ')}) — at least one request was stored more than once`,
    opIds: ids,
  };
}

/** content-mismatch: a refused update that was applied, or an add stored altered when nothing else touched the card. */
export function contentCause(context: AuditContext, group: AddGroup, location: CardLocation): Cause {
  const updates = context.history.filter(
    (op) => op.op === 'update_card' && (op.intent?.marker === group.marker || (op.username === group.owner && op.intent?.cardId !== undefined && op.intent.cardId === location.cardId)),
  );
  // Stryker disable next-line OptionalChaining: every update kept above matched on its intent's marker or card id, so each has an intent
  const applied = updates.find((op) => op.outcome === 'fail' && op.intent?.front === location.front && op.intent?.back === location.back);
  if (applied) {
    return {
      kind: 'refused-update-applied',
      text: `the stored content is what ${applied.vu}'s update ${applied.id} at ${clockText(applied.sentAt)} sent, and that update was refused (${responseText(applied)}) — a refused update was applied`,
      opIds: [applied.id],
    };
  }
  if (updates.length === 0) {
    const op = group.acknowledgedOp ?? group.primary;
    return { kind: 'altered-on-write', text: `no request of the history changed this card after ${op.id} added it — the content was altered when the add was stored`, opIds: [op.id] };
  }
  return { kind: 'unknown', missing: `which request stored this content: it matches neither the add nor any of the card's updates (${updates.map((op) => op.id).join(', ')})` };
}

/** wrong-deck: another session's switch, or the VU's own acknowledged switch with nobody else switching. */
export function wrongDeckCause(switches: DeckSwitches, op: Operation, interleaving: Operation | null, actualDeck: CardLocation): Cause {
  if (interleaving) {
    return {
      kind: 'deck-switched-by-other-session',
      text: `${interleaving.vu} (same user ${op.username}) made ${deckText(actualDeck.deckId, actualDeck.deckName)} current at ${clockText(interleaving.sentAt)} (${interleaving.id}) — the current deck is per user, not per session`,
      opIds: [interleaving.id],
    };
  }
  const expected = op.intent?.deckId;
  const ownLast = ownLastSwitch(switches, op);
  // Stryker disable next-line OptionalChaining: indexDeckSwitches keeps only switches whose intent names a deck, so ownLast has an intent
  if (!ownLast || ownLast.outcome !== 'ok' || String(ownLast.intent?.deckId) !== String(expected)) {
    return {
      kind: 'unknown',
      missing: `an acknowledged switch of ${op.vu}'s session to ${deckText(expected, op.intent?.deckName)} before the add (the history has ${ownLast ? `${ownLast.id}, ${ownLast.outcome}` : 'none'})`,
    };
  }
  const others = otherSwitchesDuring(switches, op, ownLast.sentAt);
  if (others.length > 0) return { kind: 'unknown', missing: `which deck switch took effect: other sessions of ${op.username} switched meanwhile (${others.map((s) => s.id).join(', ')})` };
  return {
    kind: 'server-chose-other-deck',
    // Stryker disable next-line OptionalChaining: reached only when the add's deck id equals its own indexed switch's (never undefined), so the add has an intent
    text: `${op.vu}'s own switch to ${deckText(expected, op.intent?.deckName)} (${ownLast.id}) was acknowledged at ${clockText(ownLast.returnedAt)} and no other session of ${op.username} switched decks until the add returned — the server filed the card under another deck itself`,
    opIds: [ownLast.id],
  };
}

function noteIdOf(body: unknown): number | undefined {
  // Stryker disable next-line LogicalOperator: lostCause reads a note id only from a body that carried a numeric card_id, an object, where every regrouping gives the same answer
  if (typeof body !== 'object' || body === null || !('note_id' in body)) return undefined;
  const id = body.note_id;
  return typeof id === 'number' ? id : undefined;
}
