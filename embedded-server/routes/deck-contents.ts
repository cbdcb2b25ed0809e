/** GET /decks/<int>/stats and GET /decks/<id>/cards (paginated, newest first). */
import { Router } from 'express';
import { readCollection, asObject } from '../anki/collection.ts';
import { splitFields } from '../anki/notes.ts';
import { routeParam } from '../http/route-param.ts';
import type { AppContext } from '../context.ts';
import { requireLogin, sessionUser } from '../http/auth.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { errorText, withUserDb } from '../user-db-access.ts';
import { intParam } from './decks.ts';
import Database from 'better-sqlite3';

const EMPTY_COUNTS = { New: 0, Learning: 0, Relearning: 0, Young: 0, Mature: 0, Suspended: 0, Buried: 0 };
type CountName = keyof typeof EMPTY_COUNTS;

function countName(queue: number, ivl: number): CountName | null {
  if (queue === 0) return 'New';
  if (queue === 1) return 'Learning';
  if (queue === 3) return 'Relearning';
  if (queue === 2) return ivl >= 21 ? 'Mature' : 'Young';
  if (queue === -1) return 'Suspended';
  if (queue === -2 || queue === -3) return 'Buried';
  return null;
}

/** Werkzeug's `args.get(name, default, type=int)`: Python int() or the default. */
function intArg(raw: unknown, fallback: number): number {
  if (typeof raw !== 'string' || !/^\s*[+-]?\d+(_\d+)*\s*$/.test(raw)) return fallback;
  return Number.parseInt(raw.replace(/_/g, ''), 10);
}

export function deckContentRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const login = requireLogin(ctx);

  router.get('/decks/:deckId/stats', intParam('deckId'), login, (req, res) => {
    const deckId = Number(routeParam(req, 'deckId'));
    const { userId } = sessionUser(req);
    try {
      const outcome = withUserDb(ctx, userId, (db) => {
        const col = readCollection(db);
        if (!col) return null;
        if (!Object.hasOwn(col.decks, String(deckId))) return 'missing' as const;
        const counts = { ...EMPTY_COUNTS };
        const rows = db.prepare('SELECT queue, ivl FROM cards WHERE did = ?').all(deckId) as { queue: number; ivl: number }[];
        for (const row of rows) {
          const name = countName(row.queue, row.ivl);
          if (name) counts[name] += 1;
        }
        return { counts, total: rows.length };
      });
      if (outcome === null) return sendError(res, 500, 'Collection data not found.');
      if (outcome === 'missing') return sendError(res, 404, 'Deck not found or access denied.');
      sendJson(res, 200, outcome);
    } catch (err) {
      const sqlite = err instanceof Database.SqliteError;
      ctx.log.error(`${sqlite ? 'Database error fetching' : 'Error fetching'} stats for deck ${deckId}, user ${userId}: ${errorText(err)}`);
      sendError(res, 500, sqlite ? 'Database error occurred while fetching statistics.' : 'An internal server error occurred');
    }
  });

  router.get('/decks/:deckId/cards', login, (req, res) => {
    const deckId = routeParam(req, 'deckId');
    const page = intArg(req.query.page, 1);
    const perPage = intArg(req.query.perPage, 10);
    try {
      const outcome = withUserDb(ctx, sessionUser(req).userId, (db) => {
        const col = readCollection(db);
        if (!col) return null;
        const deck = asObject(col.decks[deckId]);
        if (!deck) return 'missing' as const;
        const { n: total } = db.prepare('SELECT COUNT(*) AS n FROM cards c WHERE c.did = ?').get(deckId) as { n: number };
        const rows = db
          .prepare('SELECT c.id, n.id AS note_id, n.flds, c.mod FROM cards c JOIN notes n ON c.nid = n.id WHERE c.did = ? ORDER BY c.id DESC LIMIT ? OFFSET ?')
          .all(deckId, perPage, (page - 1) * perPage) as { id: number; note_id: number; flds: string; mod: number }[];
        const cards = rows
          .filter((r) => r.flds.includes('\x1f'))
          .map((r) => {
            const [front, back] = splitFields(r.flds);
            return { cardId: r.id, noteId: r.note_id, front, back, modified: r.mod };
          });
        if (perPage === 0) throw new Error('integer division or modulo by zero');
        return { deckId, deckName: typeof deck.name === 'string' ? deck.name : '', cards, pagination: { total, page, perPage, totalPages: Math.floor((total + perPage - 1) / perPage) } };
      });
      if (outcome === null) return sendError(res, 500, 'Collection data not found');
      if (outcome === 'missing') {
        ctx.log.warning(`Deck ${deckId} not found`);
        return sendError(res, 404, 'Deck not found');
      }
      sendJson(res, 200, outcome);
    } catch (err) {
      ctx.log.error(`Error fetching cards for deck ${deckId}: ${errorText(err)}`);
      sendError(res, 500, `Error fetching cards: ${errorText(err)}`);
    }
  });

  return router;
}
