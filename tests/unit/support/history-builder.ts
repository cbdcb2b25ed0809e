/**
 * Hand-made histories for the checker's tests and bench: operations shaped exactly like the
 * ones the load phase records, with markers built by the shared marker module.
 */
import { buildCard, type MarkedCard } from '../../../helpers/history/markers.ts';
import type { Intent, OpKind, Operation, Outcome } from '../../../helpers/history/operation.ts';

export interface VuIdentity {
  vu: string;
  username: string;
  userId: number;
}

export interface AddSpec extends VuIdentity {
  seq: string | number;
  deckId: string | number;
  deckName?: string;
  at: number;
  outcome?: Outcome;
  status?: number | null;
  /** `card_id` the server answered with (acknowledged adds). */
  cardId?: number;
  topic?: string;
  durationMs?: number;
}

export interface HistoryBuilder {
  readonly ops: Operation[];
  add(spec: AddSpec): { op: Operation; card: MarkedCard };
  answer(who: VuIdentity, cardId: number, ease: number, at: number, outcome?: Outcome, status?: number | null): Operation;
  op(who: VuIdentity, kind: OpKind, fields: Partial<Operation> & { at: number }): Operation;
}

/** A fresh builder; every call appends one operation with a per-VU sequence id. */
export function historyBuilder(runId = 'unit'): HistoryBuilder {
  const ops: Operation[] = [];
  const seqByVu = new Map<string, number>();

  function op(who: VuIdentity, kind: OpKind, fields: Partial<Operation> & { at: number }): Operation {
    const seq = (seqByVu.get(who.vu) ?? 0) + 1;
    seqByVu.set(who.vu, seq);
    const { at, ...rest } = fields;
    const record: Operation = {
      id: `${who.vu}#${seq}`,
      runId,
      scenario: 'unit',
      vu: who.vu,
      username: who.username,
      userId: who.userId,
      op: kind,
      method: 'GET',
      path: '/',
      sentAt: at,
      returnedAt: at + 20,
      status: 200,
      body: {},
      outcome: 'ok',
      cookieFingerprint: `cookie-${who.vu}`,
      sessionValid: true,
      ...rest,
    };
    ops.push(record);
    return record;
  }

  function add(spec: AddSpec): { op: Operation; card: MarkedCard } {
    const card = buildCard({ username: spec.username, seq: String(spec.seq), timeMs: spec.at, topic: spec.topic ?? 'History' }, `Question ${spec.seq}?`, `Answer ${spec.seq}`);
    const outcome = spec.outcome ?? 'ok';
    const status = spec.status !== undefined ? spec.status : outcome === 'ok' ? 201 : outcome === 'fail' ? 500 : null;
    const body =
      outcome === 'ok'
        ? { message: 'Card added successfully', ...(spec.cardId !== undefined ? { card_id: spec.cardId, note_id: spec.cardId - 1 } : {}) }
        : outcome === 'fail'
          ? { error: 'Database error occurred while adding card' }
          : null;
    const intent: Intent = {
      marker: card.id,
      front: card.front,
      back: card.back,
      deckId: String(spec.deckId),
      ...(spec.deckName !== undefined ? { deckName: spec.deckName } : {}),
    };
    const record = op(spec, 'add_card', {
      at: spec.at,
      returnedAt: spec.at + (spec.durationMs ?? 20),
      method: 'POST',
      path: '/add_card',
      status,
      body,
      outcome,
      intent,
      ...(outcome === 'info' ? { error: 'timeout' } : {}),
    });
    return { op: record, card };
  }

  function answer(who: VuIdentity, cardId: number, ease: number, at: number, outcome: Outcome = 'ok', status: number | null = outcome === 'ok' ? 200 : outcome === 'fail' ? 400 : null): Operation {
    return op(who, 'answer', {
      at,
      method: 'POST',
      path: '/answer',
      status,
      outcome,
      body: outcome === 'ok' ? { message: 'Answer processed successfully' } : outcome === 'fail' ? { error: 'Card not found' } : null,
      intent: { cardId, ease, timeTaken: 1500 },
    });
  }

  return { ops, add, answer, op };
}
