/**
 * A small world for the cause tests: the three users of checker-scenario.ts (alice01 adds to
 * History, carol03 answers two sample cards, all recorded right), a history builder, and an
 * audit with an optional server log written as the target writes it (local time, pid header).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeDataDir, type FixtureUser } from './anki-fixture.ts';
import { historyBuilder, type HistoryBuilder } from './history-builder.ts';
import { ALICE, BOB, CAROL, HISTORY_DECK, T0, auditOf, baseUsers, rowFor, userOf } from './checker-scenario.ts';
import type { Violation, ViolationClass, Verdict } from '../../../db/verdict.ts';
import { formatLogLine, type LogLevel } from '../../../embedded-server/log.ts';

export const SAMPLE_CARD = 1_795_743_678_001;

export interface CauseWorld {
  users: FixtureUser[];
  h: HistoryBuilder;
  dir: string;
}

/** One server log line: when, which worker, what. */
export interface LineSpec {
  at: number;
  pid: number;
  message: string;
  level?: LogLevel;
}

/** alice01 adds `aliceCards` cards to History, bob02 1 to MyFirstDeck, carol03 answers 2 sample cards: all stored right. `name`: its folder, one per world of a test. */
export function causeWorld(name = 'data', aliceCards = 2): CauseWorld {
  const users = baseUsers();
  const h = historyBuilder();
  for (let seq = 1; seq <= aliceCards; seq++) {
    const cardId = T0 + seq * 1000 + 1;
    const { card } = h.add({ ...ALICE, seq, deckId: HISTORY_DECK, deckName: 'History', at: T0 + seq * 1000, cardId });
    userOf(users, 1).cards.push(rowFor(card, cardId, HISTORY_DECK));
  }
  const { card } = h.add({ ...BOB, seq: 1, deckId: 1, deckName: 'MyFirstDeck', at: T0 + 2000, cardId: T0 + 2001 });
  userOf(users, 2).cards.push(rowFor(card, T0 + 2001, 1));
  h.answer(CAROL, SAMPLE_CARD, 3, T0 + 5000);
  h.answer(CAROL, SAMPLE_CARD + 1, 1, T0 + 6000);
  userOf(users, 3).revlog!.push({ id: T0 + 5010, cardId: SAMPLE_CARD, ease: 3 }, { id: T0 + 6010, cardId: SAMPLE_CARD + 1, ease: 1 });
  return { users, h, dir: test.info().outputPath(name) };
}

/** Write the data directory (and the log, when lines are given) and audit it. */
export function judgeWorld(world: CauseWorld, lines?: readonly LineSpec[]): Verdict {
  writeDataDir(world.dir, world.users);
  if (!lines) return auditOf(world.dir, world.h.ops);
  const log = path.join(test.info().outputPath(), 'server.log');
  fs.writeFileSync(log, lines.map((l) => formatLogLine(new Date(l.at), l.level ?? 'INFO', l.pid, l.message)).join(''));
  return auditOf(world.dir, world.h.ops, { serverLog: log });
}

/** The one violation of the verdict, of that class. */
export function onlyViolation(verdict: Verdict, cls: ViolationClass): Violation {
  expect(
    verdict.violations.map((v) => v.class),
    verdict.violations.map((v) => v.message).join('\n'),
  ).toEqual([cls]);
  return verdict.violations[0]!;
}

export { ALICE, BOB, CAROL, HISTORY_DECK, T0, rowFor, userOf };
