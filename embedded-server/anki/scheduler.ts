/**
 * The real server's simplified SM-2 for POST /answer, as a pure function.
 * New card: ease 1/2 → learning, due in new.delays[0] min; 3/4 → new.delays[1] min.
 * Learning card: 1 → first step again; 2 → same step; 3/4 → review (ivl 1, due tomorrow)
 * (the lapse conf of a learning card has one step, so Good always graduates).
 * Review card: 1 → relearning (type 3, lapses + 1); 2/3/4 → interval × hard / ivlFct / ease4,
 * at least +1 day, factor −150 / 0 / +150 (min 1300).
 */
import { asObject, type JsonObject } from './collection.ts';
import type { JsonValue } from './python-json.ts';
import { SchedulingConfigError } from './scheduling-config-error.ts';

export interface CardSchedule {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
}

export type Ease = 1 | 2 | 3 | 4;

export interface Answered {
  card: CardSchedule;
  /** revlog.type: the card's type before the answer, 2 for a lapse, 1 for a passed review. */
  revlogType: number;
}

function numberList(v: JsonValue | undefined, key: string): number[] {
  if (!Array.isArray(v)) throw new SchedulingConfigError(key);
  return v.filter((x): x is number => typeof x === 'number');
}

function num(obj: JsonObject | undefined, key: string, fallback: number): number {
  const v = obj?.[key];
  return typeof v === 'number' ? v : fallback;
}

/** Options group used for a card in its current state (new / lapse / rev), as upstream chooses it. */
function stepsFor(deckConf: JsonObject, type: number, queue: number): number[] {
  const group = type === 1 ? (queue === 1 ? 'lapse' : 'new') : type === 2 ? 'rev' : type === 3 ? 'lapse' : 'new';
  return numberList(asObject(deckConf[group])?.delays, 'delays');
}

export function answerCard(card: CardSchedule, ease: Ease, deckConf: JsonObject, nowSeconds: number, dayCutoff: number): Answered {
  const next: CardSchedule = { ...card, reps: card.reps + 1 };
  let revlogType = card.type;
  const graduate = (): void => {
    next.queue = 2;
    next.type = 2;
    next.ivl = 1;
    next.due = dayCutoff + 1;
    next.left = 0;
  };
  const learnIn = (minutes: number): void => {
    next.left = minutes;
    next.due = nowSeconds + minutes * 60;
  };

  if (card.queue === 0) {
    const steps = stepsFor(deckConf, card.type, card.queue);
    next.queue = 1;
    next.type = 1;
    const step = ease === 1 || ease === 2 ? 0 : 1;
    const minutes = steps[step];
    if (minutes !== undefined) learnIn(minutes);
    else graduate();
  } else if (card.queue === 1) {
    const steps = stepsFor(deckConf, card.type, card.queue);
    if (ease === 1) learnIn(steps[0] ?? 0);
    else if (ease === 2) next.due = nowSeconds + card.left * 60;
    else if (card.left === 0 || ease === 4) graduate();
    else {
      const minutes = steps[1];
      if (minutes !== undefined) learnIn(minutes);
      else graduate();
    }
  } else if (card.queue === 2) {
    if (ease === 1) {
      const lapse = asObject(deckConf.lapse);
      const delays = Array.isArray(lapse?.delays) ? numberList(lapse.delays, 'delays') : [10];
      next.queue = 1;
      next.type = 3;
      const first = delays[0];
      if (first !== undefined) {
        learnIn(first);
        next.ivl = 0;
      } else {
        next.queue = 2;
        next.type = 2;
        next.ivl = Math.max(1, Math.trunc(card.ivl * num(lapse, 'mult', 0)));
        next.due = dayCutoff + next.ivl;
        next.left = 0;
      }
      next.lapses = card.lapses + 1;
      revlogType = 2;
    } else {
      const rev = asObject(deckConf.rev);
      const intervalFactor = num(rev, 'ivlFct', 1);
      const adjust = ease === 2 ? num(rev, 'hardFactor', 1.2) : ease === 3 ? intervalFactor : num(rev, 'ease4', 1.3) * intervalFactor;
      const factorChange = ease === 2 ? -150 : ease === 3 ? 0 : 150;
      next.ivl = Math.max(card.ivl + 1, Math.trunc(card.ivl * adjust * intervalFactor));
      next.factor = Math.max(1300, card.factor + factorChange);
      next.due = dayCutoff + next.ivl;
      next.queue = 2;
      next.type = 2;
      revlogType = 1;
    }
  }
  return { card: next, revlogType };
}
