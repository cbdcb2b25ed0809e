/** GET, PUT and DELETE /cards/<id>: one card of the logged-in user. */
import { Router } from 'express';
import { readCollection, deckName } from '../anki/collection.ts';
import { cardState } from '../anki/card-state.ts';
import { FIELD_SEPARATOR, noteChecksum, splitFields } from '../anki/notes.ts';
import { logFront } from '../anki/log-front.ts';
import { pyStrip } from '../anki/python-json.ts';
import { routeParam } from '../http/route-param.ts';
import type { AppContext } from '../context.ts';
import { requireLogin, sessionUser } from '../http/auth.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { getJson, pyContains, requireObject, requireString, truthy } from '../http/json-body.ts';
import { errorText, withUserDb } from '../user-db-access.ts';

export function cardRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const login = requireLogin(ctx);

  router.get('/cards/:cardId', login, (req, res) => {
    const cardId = routeParam(req, 'cardId');
    try {
      const row = withUserDb(
        ctx,
        sessionUser(req).userId,
        (db) => db.prepare('SELECT n.flds, c.id FROM cards c JOIN notes n ON c.nid = n.id WHERE c.id = ?').get(cardId) as { flds: string; id: number } | undefined,
      );
      if (!row) {
        ctx.log.warning(`Card ${cardId} not found`);
        return sendError(res, 404, 'Card not found');
      }
      if (!row.flds.includes(FIELD_SEPARATOR)) return sendError(res, 500, 'Invalid card format');
      const [front, back] = splitFields(row.flds);
      sendJson(res, 200, { cardId: row.id, front, back });
    } catch (err) {
      ctx.log.error(`Error fetching card ${cardId}: ${errorText(err)}`);
      sendError(res, 500, `Error fetching card: ${errorText(err)}`);
    }
  });

  router.put('/cards/:cardId', login, (req, res) => {
    const cardId = routeParam(req, 'cardId');
    const data = getJson(req);
    if (!truthy(data) || !pyContains(data, 'front') || !pyContains(data, 'back')) {
      ctx.log.warning('Invalid request data for card update');
      return sendError(res, 400, 'Front and back fields are required');
    }
    const body = requireObject(data, 'cards');
    const front = pyStrip(requireString(body.front, 'front'));
    const back = pyStrip(requireString(body.back, 'back'));
    if (!front || !back) {
      ctx.log.warning('Empty front or back field');
      return sendError(res, 400, 'Front and back fields cannot be empty');
    }
    try {
      const outcome = withUserDb(ctx, sessionUser(req).userId, (db) => {
        const card = db.prepare('SELECT nid FROM cards WHERE id = ?').get(cardId) as { nid: number } | undefined;
        if (!card) return 'missing' as const;
        const note = db.prepare('SELECT flds FROM notes WHERE id = ?').get(card.nid) as { flds: string } | undefined;
        const fields = (note?.flds ?? '').split(FIELD_SEPARATOR);
        if (fields.length < 2) return 'invalid' as const;
        fields[0] = front;
        fields[1] = back;
        db.transaction(() => {
          const now = Math.floor(Date.now() / 1000);
          db.prepare('UPDATE notes SET flds = ?, sfld = ?, csum = ?, mod = ? WHERE id = ?').run(fields.join(FIELD_SEPARATOR), front, noteChecksum(front), now, card.nid);
          db.prepare('UPDATE cards SET mod = ? WHERE id = ?').run(now, cardId);
          db.prepare('UPDATE col SET mod = ?').run(Date.now());
        })();
        return 'ok' as const;
      });
      if (outcome === 'missing') {
        ctx.log.warning(`Card ${cardId} not found`);
        return sendError(res, 404, 'Card not found');
      }
      if (outcome === 'invalid') {
        ctx.log.error(`Card ${cardId} has invalid field structure`);
        return sendError(res, 500, 'Card has invalid field structure');
      }
      ctx.log.info(`Successfully updated card ${cardId}`);
      sendJson(res, 200, { success: true, message: 'Card updated successfully' });
    } catch (err) {
      ctx.log.error(`Error updating card ${cardId}: ${errorText(err)}`);
      sendError(res, 500, `Error updating card: ${errorText(err)}`);
    }
  });

  router.delete('/cards/:cardId', login, (req, res) => {
    const cardId = routeParam(req, 'cardId');
    const { userId, username } = sessionUser(req);
    try {
      const deleted = withUserDb(ctx, userId, (db) => {
        const row = db.prepare('SELECT c.nid, c.did, c.type, c.queue, c.ivl, n.flds FROM cards c JOIN notes n ON c.nid = n.id WHERE c.id = ?').get(cardId) as
          { nid: number; did: number; type: number; queue: number; ivl: number; flds: string } | undefined;
        if (!row) return null;
        const col = readCollection(db);
        const name = col ? deckName(col.decks, row.did, 'Unknown') : 'Unknown';
        db.transaction(() => {
          db.prepare('DELETE FROM cards WHERE id = ?').run(cardId);
          const { n } = db.prepare('SELECT COUNT(*) AS n FROM cards WHERE nid = ?').get(row.nid) as { n: number };
          if (n === 0) db.prepare('DELETE FROM notes WHERE id = ?').run(row.nid);
          db.prepare('UPDATE col SET mod = ?').run(Date.now());
        })();
        return { ...row, deckName: name };
      });
      if (!deleted) {
        ctx.log.warning(`Card ${cardId} not found`);
        return sendError(res, 404, 'Card not found');
      }
      const front = logFront(splitFields(deleted.flds)[0]);
      ctx.log.info(`User ${userId} (${username}) deleted card ${cardId} from deck ${deleted.did} (${deleted.deckName}): "${front}" [state: ${cardState(deleted.type, deleted.queue, deleted.ivl)}]`);
      sendJson(res, 200, { success: true, message: 'Card deleted successfully' });
    } catch (err) {
      ctx.log.error(`Error deleting card ${cardId}: ${errorText(err)}`);
      sendError(res, 500, `Error deleting card: ${errorText(err)}`);
    }
  });

  return router;
}
