import { test, expect } from '@playwright/test';
import { analyseSessions } from '../../report/session-analysis.ts';
import { unexplainedCookieChanges } from '../../helpers/history/session-rules.ts';
import { EPOCH_MS, fakeVerdict, op } from './report-fake-run.ts';

const t = (s: number): number => EPOCH_MS + s * 1000;
const decks = (...names: string[]) => names.map((name, i) => ({ id: String(i + 1), name }));

test('counts logins, requests per session and logout/login cycles', () => {
  const ops = [
    op({ vu: 't01', scenario: 'sessions', op: 'login', path: '/login', status: 200, sentAt: t(0), seq: 1 }),
    op({ vu: 't01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(1), seq: 2, cookieFingerprint: 'aaa', sessionValid: true }),
    op({ vu: 't01', scenario: 'sessions', op: 'logout', path: '/logout', status: 200, sentAt: t(2), seq: 3, cookieFingerprint: 'aaa', sessionValid: true }),
    op({ vu: 't01', scenario: 'sessions', op: 'login', path: '/login', status: 200, sentAt: t(3), seq: 4, cookieFingerprint: 'aaa', sessionValid: false }),
    op({ vu: 't01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(4), seq: 5, cookieFingerprint: 'bbb', sessionValid: true }),
    op({ vu: 't01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(5), seq: 6, cookieFingerprint: 'bbb', sessionValid: true }),
  ];
  const analysis = analyseSessions(ops, fakeVerdict());
  const vu = analysis.vus[0]!;
  expect(vu).toMatchObject({ sessionsCreated: 2, logoutLoginCycles: 1, cookieChanges: 1, unexplainedCookieChanges: 0 });
  expect(vu.requestsPerSession).toEqual([
    { fingerprint: 'aaa', requests: 3 },
    { fingerprint: 'bbb', requests: 2 },
  ]);
  expect(analysis.overall).toMatchObject({ distinctSessions: 2, meanRequestsPerSession: 2.5, maxRequestsPerSession: 3 });
});

test("counts the checker's findings: a probe that saw another user's decks and a 401 on a valid session", () => {
  const ops = [
    op({
      vu: 'p01',
      scenario: 'sessions',
      op: 'list_decks',
      method: 'GET',
      path: '/decks',
      status: 200,
      sentAt: t(1),
      seq: 1,
      cookieFingerprint: 'aaa',
      sessionValid: true,
      probeDeckName: 'Probe p01',
      body: decks('MyFirstDeck', 'Probe p01'),
    }),
    op({
      vu: 'p01',
      scenario: 'sessions',
      op: 'list_decks',
      method: 'GET',
      path: '/decks',
      status: 200,
      sentAt: t(2),
      seq: 2,
      cookieFingerprint: 'aaa',
      sessionValid: true,
      probeDeckName: 'Probe p01',
      body: decks('MyFirstDeck', 'Probe r07'),
    }),
    op({
      vu: 'p01',
      scenario: 'sessions',
      op: 'list_decks',
      method: 'GET',
      path: '/decks',
      status: 401,
      outcome: 'fail',
      sentAt: t(3),
      seq: 3,
      cookieFingerprint: 'aaa',
      sessionValid: true,
      probeDeckName: 'Probe p01',
      body: { error: 'Authentication required' },
    }),
    // A 401 after logout is the server being right, not a session fault.
    op({
      vu: 'p01',
      scenario: 'sessions',
      op: 'list_decks',
      method: 'GET',
      path: '/decks',
      status: 401,
      outcome: 'fail',
      sentAt: t(4),
      seq: 4,
      cookieFingerprint: 'aaa',
      sessionValid: false,
      body: { error: 'Authentication required' },
    }),
  ];
  // What the checker (session-judge.ts) reports for this history; the report only counts it.
  const seen = 'p01 (p01k7q) listed decks and saw r07k7q\'s probe deck "Probe r07"';
  const rejected = 'p01 (p01k7q) was answered 401 on a valid session';
  const verdict = fakeVerdict([
    { class: 'session-mismatch', message: seen, vu: 'p01', opIds: ['p01#2'], cause: { kind: 'unknown', missing: 'not this test' } },
    { class: 'session-mismatch', message: rejected, vu: 'p01', opIds: ['p01#3'], cause: { kind: 'unknown', missing: 'not this test' } },
  ]);
  const vu = analyseSessions(ops, verdict).vus[0]!;
  expect(vu.identityProbes).toBe(3);
  expect(vu.identityProbesFailed).toBe(2);
  expect(vu.probeFailures.map((f) => [f.opId, f.reason])).toEqual([
    ['p01#2', seen],
    ['p01#3', rejected],
  ]);
  expect(vu.unauthorizedOnValidSession).toBe(1);
  expect(vu.unauthorizedOpIds).toEqual(['p01#3']);
  // Without the checker's findings the report finds nothing: it judges no probe and no 401 itself.
  expect(analyseSessions(ops, fakeVerdict()).vus[0]).toMatchObject({ identityProbesFailed: 0, unauthorizedOnValidSession: 0 });
});

test('flags a cookie that changed with no login in between', () => {
  const ops = [op({ vu: 'w01', sentAt: t(1), seq: 1, cookieFingerprint: 'aaa', sessionValid: true }), op({ vu: 'w01', sentAt: t(2), seq: 2, cookieFingerprint: 'zzz', sessionValid: true })];
  expect(analyseSessions(ops, fakeVerdict()).vus[0]).toMatchObject({ cookieChanges: 1, unexplainedCookieChanges: 1 });
});

test('carries wrong-deck violations of the verdict with their evidence', () => {
  const verdict = fakeVerdict([
    {
      class: 'wrong-deck',
      message: 'Card w01k7q_3 is in deck "Verbal Tenses" (2), not in "MyFirstDeck" (1).',
      vu: 'w01',
      marker: 'w01k7q_3',
      expectedDeck: '1',
      opIds: ['w01#1'],
      cause: { kind: 'unknown', missing: 'not this test' },
      actual: [{ userId: 1, username: 'w01k7q', dbFile: 'user_1.db', cardId: 11, noteId: 10, deckId: '2', deckName: 'Verbal Tenses', front: 'f', back: 'b' }],
    },
  ]);
  const analysis = analyseSessions([op({ vu: 'w01', sentAt: t(1), seq: 1 })], verdict);
  expect(analysis.overall.wrongDeck).toBe(1);
  expect(analysis.vus[0]!.wrongDeck).toBe(1);
  expect(analysis.vus[0]!.evidence[0]).toMatchObject({ marker: 'w01k7q_3', expectedDeck: '1', actualDecks: ['Verbal Tenses (2) in user_1.db'] });
});

test('an unexplained cookie change is counted by the checker’s rule: a login answered while the old cookie was still in use explains the new one', () => {
  // A browser page: a deck list with the old cookie overlaps the login that replaces it.
  const ops = [
    op({ vu: 'b01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(0), latencyMs: 100, seq: 1, cookieFingerprint: 'aaa', sessionValid: true }),
    op({ vu: 'b01', scenario: 'sessions', op: 'login', path: '/login', status: 200, sentAt: t(1), latencyMs: 2000, seq: 2, cookieFingerprint: 'aaa', sessionValid: true }),
    op({ vu: 'b01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(2), latencyMs: 100, seq: 3, cookieFingerprint: 'aaa', sessionValid: true }),
    op({ vu: 'b01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(4), latencyMs: 100, seq: 4, cookieFingerprint: 'bbb', sessionValid: true }),
    // No session request at all before this change: unexplained by either reading.
    op({ vu: 'b01', scenario: 'sessions', op: 'list_decks', method: 'GET', path: '/decks', status: 200, sentAt: t(6), latencyMs: 100, seq: 5, cookieFingerprint: 'ccc', sessionValid: true }),
  ];
  expect(unexplainedCookieChanges(ops).map((c) => c.to)).toEqual(['ccc']);
  const analysis = analyseSessions(ops, fakeVerdict());
  expect(analysis.vus[0]).toMatchObject({ cookieChanges: 2, unexplainedCookieChanges: 1 });
  expect(analysis.overall.unexplainedCookieChanges).toBe(unexplainedCookieChanges(ops).length);
});
