/**
 * Session integrity: an identity probe (a deck list carrying `intent.probeDeckName`) must
 * show the VU's own probe deck and no other pool user's; a request sent with a valid
 * session must never be answered 401; a session cookie never changes without a register,
 * login or logout; a request sent after logout is never answered as a logged-in user.
 */
import type { Operation } from '../../helpers/history/operation.ts';
import { isAnsweredAfterLogout, rejectedSessionRuns, unexplainedCookieChanges } from '../../helpers/history/session-rules.ts';
import type { Cause, Violation } from '../verdict.ts';
import { evidenceFor, userIdOf, type AuditContext, type Findings } from '../audit-context.ts';
import { clockText } from '../evidence-text.ts';
import { lateLogout, probeCause, rejectedSessionCause } from './session-causes.ts';
import { lostDecks } from './deck-judge.ts';

/** Judge every identity probe, every 401, every session cookie change and every request after logout of the history. */
export function judgeSessions(context: AuditContext): Findings {
  const findings: Findings = { violations: [], observations: [], lateEffects: [] };
  const probeOwners = probeDeckOwners(context.history);
  const { created, attempted } = probeCreations(context.history, probeOwners);
  // A probe deck the server acknowledged and then lost (lost-deck) is missing from every list
  // for that reason, not because the session served someone else: its absence proves nothing.
  const lostProbes = new Set(lostDecks(context).map(({ op, deck }) => `${op.username}/${op.intent?.deckName ?? deck.name}`));

  for (const change of unexplainedCookieChanges(context.history)) {
    findings.violations.push(
      sessionViolation(
        context,
        change.op,
        `${change.op.method} ${change.op.path} at ${clockText(change.op.sentAt)} carried session cookie ${change.to} where its previous requests carried ${change.from}, with no register, login or logout answered in between — the server replaced the session under it.`,
        { kind: 'unknown', missing: 'the Set-Cookie of the answer that replaced the cookie (the history keeps the cookie each request carried, not what each answer set)' },
      ),
    );
  }
  for (const { first, followers } of rejectedSessionRuns(context.history)) {
    // The VU's own logout that it gave up on may have ended the session late: the server did
    // what that request asked, so the 401 is an observation of it, not a lost session.
    const late = lateLogout(context, first);
    if (late) findings.lateEffects!.push({ op: late.logout, at: late.line?.at ?? null, what: `401 on ${first.method} ${first.path} (${first.id}) at ${clockText(first.sentAt)}` });
    else findings.violations.push(rejectedSession(context, first, followers));
  }
  for (const op of context.history) {
    if (isAnsweredAfterLogout(op)) {
      // A logout the client gave up on may not have been served yet: nothing is claimed for it.
      const logout = context.history.filter((o) => o.vu === op.vu && o.op === 'logout' && o.returnedAt <= op.sentAt).at(-1);
      if (logout?.outcome !== 'info') {
        findings.violations.push(
          sessionViolation(
            context,
            op,
            `${op.method} ${op.path} at ${clockText(op.sentAt)}, sent after its logout, was answered ${op.status} as a logged-in user — the server did not end the session (cookie ${op.cookieFingerprint ?? '(unknown)'}).`,
            keptAfterLogoutCause(op, logout),
          ),
        );
      }
    }
    const probe = op.intent?.probeDeckName;
    if (probe === undefined || op.outcome !== 'ok') continue;
    const names = deckNamesOf(op.body);
    if (names === null) continue;
    const strangers = names.filter((name) => {
      const owner = probeOwners.get(name);
      return owner !== undefined && owner !== op.username;
    });
    const key = `${op.username}/${probe}`;
    const createdAt = created.get(key);
    // Before its own probe deck exists a list cannot show it. A creation left unanswered
    // (timeout, crash) or refused may never have happened: then the deck is not required.
    // With no creation recorded at all, the probe's intent is the claim that it exists.
    const mustShowOwn = createdAt !== undefined ? createdAt <= op.sentAt : !attempted.has(key);
    const ownMissing = mustShowOwn && !lostProbes.has(key) && !names.includes(probe);
    if (strangers.length > 0 || ownMissing) findings.violations.push(probeMismatch(context, op, probe, strangers, ownMissing, probeOwners));
  }
  return findings;
}

/** Probe deck name → the username whose probe it is. */
function probeDeckOwners(history: readonly Operation[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const op of history) {
    const probe = op.intent?.probeDeckName;
    if (probe !== undefined && !owners.has(probe)) owners.set(probe, op.username);
  }
  return owners;
}

/**
 * `username/deck name` → when that user's probe deck was certainly there (201, or 409: it
 * existed), and every `username/deck name` whose creation was attempted at all.
 */
function probeCreations(history: readonly Operation[], probeOwners: Map<string, string>): { created: Map<string, number>; attempted: Set<string> } {
  const created = new Map<string, number>();
  const attempted = new Set<string>();
  for (const op of history) {
    if (op.op !== 'create_deck') continue;
    const name = op.intent?.deckName;
    if (name === undefined || probeOwners.get(name) !== op.username) continue;
    const key = `${op.username}/${name}`;
    attempted.add(key);
    if (op.status !== 201 && op.status !== 409) continue;
    created.set(key, Math.min(created.get(key) ?? Number.POSITIVE_INFINITY, op.returnedAt));
  }
  return { created, attempted };
}

/** Deck names of a `GET /decks` body, or null when the body is not a deck list. */
export function deckNamesOf(body: unknown): string[] | null {
  if (!Array.isArray(body)) return null;
  const names: string[] = [];
  for (const deck of body as unknown[]) {
    if (typeof deck === 'object' && deck !== null && typeof (deck as { name?: unknown }).name === 'string') {
      names.push((deck as { name: string }).name);
    }
  }
  return names;
}

function probeMismatch(context: AuditContext, op: Operation, probe: string, strangers: string[], ownMissing: boolean, probeOwners: Map<string, string>): Violation {
  const parts: string[] = [];
  if (strangers.length > 0) {
    parts.push(`saw ${strangers.map((name) => `${probeOwners.get(name)}'s probe deck "${name}"`).join(', ')}`);
  }
  if (ownMissing) parts.push(`did not see its own probe deck "${probe}"`);
  const others = strangers.map((name) => userIdOf(context, probeOwners.get(name)!));
  return {
    class: 'session-mismatch',
    message: `${op.vu} (${op.username}) listed its decks at ${clockText(op.sentAt)} with cookie ${op.cookieFingerprint ?? '(unknown)'} and ${parts.join(' and ')} — the session served another user's data.`,
    vu: op.vu,
    expectedUser: op.username,
    opIds: [op.id],
    sentAt: op.sentAt,
    returnedAt: op.returnedAt,
    ...evidenceFor(context, [op], [userIdOf(context, op.username, op), ...others]),
    cause: probeCause(context, op, others),
  };
}

function rejectedSession(context: AuditContext, op: Operation, followers: readonly Operation[]): Violation {
  const more = followers.length > 0 ? ` (and ${followers.length} later request${followers.length === 1 ? '' : 's'} with that cookie, until it was accepted again or the VU logged in)` : '';
  const violation = sessionViolation(
    context,
    op,
    `got 401 on ${op.method} ${op.path} at ${clockText(op.sentAt)}${more} though its session (cookie ${op.cookieFingerprint ?? '(unknown)'}) was valid — the server forgot or mixed up a live session.`,
    rejectedSessionCause(context, op),
  );
  violation.opIds.push(...followers.map((o) => o.id));
  return violation;
}

/** The server acknowledged the logout, then served the same cookie as logged in: decided; without the logout in the history, unknown. */
function keptAfterLogoutCause(op: Operation, logout: Operation | undefined): Cause {
  if (!logout) return { kind: 'unknown', missing: `the logout of ${op.vu} this request came after (the history holds none)` };
  const sameCookie = logout.cookieFingerprint !== undefined && logout.cookieFingerprint === op.cookieFingerprint;
  if (!sameCookie)
    return {
      kind: 'unknown',
      missing: `whether the session of ${op.id} (cookie ${op.cookieFingerprint ?? 'unknown'}) is the one ${logout.id} ended (cookie ${logout.cookieFingerprint ?? 'unknown'})`,
    };
  return {
    kind: 'session-kept-after-logout',
    text: `${logout.id} was answered ${logout.status} at ${clockText(logout.returnedAt)} with the same cookie (${op.cookieFingerprint}), and no login came between — the server acknowledged the logout and kept the session`,
    opIds: [logout.id],
  };
}

/** A session-mismatch about one request of a VU: `what` follows `<vu> (<username>) `. */
function sessionViolation(context: AuditContext, op: Operation, what: string, cause: Cause): Violation {
  return {
    class: 'session-mismatch',
    message: `${op.vu} (${op.username}) ${what}`,
    vu: op.vu,
    expectedUser: op.username,
    opIds: [op.id],
    sentAt: op.sentAt,
    returnedAt: op.returnedAt,
    ...evidenceFor(context, [op], [userIdOf(context, op.username, op)]),
    cause,
  };
}
