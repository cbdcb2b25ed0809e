/**
 * The JSON columns of a fresh collection's col row (conf, models, decks, dconf),
 * with the keys in the order the real server writes them so `json.dumps`-style
 * text comes out byte for byte the same.
 */
import type { JsonValue } from './python-json.ts';
import { BASIC_MODEL_ID, FIRST_DECK_ID, SAMPLE_DECK_ID } from './schema.ts';

type JsonObject = { [key: string]: JsonValue };

export function defaultConf(): JsonObject {
  return {
    nextPos: 1,
    estTimes: true,
    activeDecks: [1],
    sortType: 'noteFld',
    timeLim: 0,
    sortBackwards: false,
    addToCur: true,
    curDeck: FIRST_DECK_ID,
    newBury: true,
    newSpread: 0,
    dueCounts: true,
    curModel: '1',
    collapseTime: 1200,
  };
}

const CARD_CSS = '.card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n';
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}';

export function defaultModels(crtSeconds: number): JsonObject {
  const field = (name: string, ord: number): JsonObject => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 });
  return {
    [BASIC_MODEL_ID]: {
      id: BASIC_MODEL_ID,
      name: 'Basic-Gemini',
      type: 0,
      mod: crtSeconds,
      usn: -1,
      sortf: 0,
      did: FIRST_DECK_ID,
      tmpls: [
        {
          name: 'Card 1',
          ord: 0,
          qfmt: '{{Front}}',
          afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}',
          bqfmt: '',
          bafmt: '',
          did: null,
          bfont: 'Arial',
          bsize: 12,
        },
      ],
      flds: [field('Front', 0), field('Back', 1)],
      css: CARD_CSS,
      latexPre: LATEX_PRE,
      latexPost: '\\end{document}',
      latexsvg: false,
      ver: [],
    },
  };
}

/** A deck entry; `desc` differs between the built-in decks and user-created ones. */
export function deckEntry(id: number | string, name: string, modSeconds: number, desc: string): JsonObject {
  return {
    id,
    name,
    mod: modSeconds,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    conf: 1,
    desc,
    dyn: 0,
    collapsed: false,
    extendNew: 10,
    extendRev: 50,
  };
}

export function defaultDecks(crtSeconds: number, userName: string): JsonObject {
  return {
    [String(FIRST_DECK_ID)]: deckEntry(FIRST_DECK_ID, 'MyFirstDeck', crtSeconds, 'Your first flashcard deck'),
    [String(SAMPLE_DECK_ID)]: deckEntry(SAMPLE_DECK_ID, 'Verbal Tenses', crtSeconds, `English verb tenses sample deck for ${userName}`),
  };
}

export function defaultDconf(crtSeconds: number): JsonObject {
  return {
    '1': {
      id: 1,
      name: 'Default',
      mod: crtSeconds,
      usn: -1,
      maxTaken: 60,
      timer: 0,
      autoplay: true,
      replayq: true,
      new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 25, separate: true },
      rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, perDay: 100, hardFactor: 1.2 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    },
  };
}
