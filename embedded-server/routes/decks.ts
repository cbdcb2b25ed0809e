/** GET /decks, POST /decks, PUT /decks/current, PUT /decks/<int>/rename, DELETE /decks/<int>. */
import type Database from 'better-sqlite3';
import { Router, type RequestHandler } from 'express';
import { asObject, deckKey, readCollection, saveConf, saveDecks } from '../anki/collection.ts';
import { deckEntry } from '../anki/collection-json.ts';
import { compareCodePoints, pyStr, pyStrip, type JsonValue } from '../anki/python-json.ts';
import { routeParam } from '../http/route-param.ts';
import type { AppContext } from '../context.ts';
import { requireLogin, sessionUser } from '../http/auth.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { getJson, pyContains, requireObject, requireString, truthy } from '../http/json-body.ts';
import { errorText, withUserDb } from '../user-db-access.ts';

/** Werkzeug's `<int:...>` converter: digits only; anything else is no route (404 page, even without login). */
export function intParam(name: string): RequestHandler {
  return (req, _res, next) => {
    const value = routeParam(req, name);
    next(/^\d+$/.test(value) ? undefined : 'route');
  };
}

function nameOf(deck: JsonValue | undefined): string {
  const name = asObject(deck)?.name;
  return typeof name === 'string' ? name : '';
}

export function deckRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const login = requireLogin(ctx);
  router.get('/decks', login, listDecks(ctx));
  router.post('/decks', login, createDeck(ctx));
  router.put('/decks/current', login, setCurrentDeck(ctx));
  router.put('/decks/:deckId/rename', intParam('deckId'), login, renameDeck(ctx));
  router.delete('/decks/:deckId', intParam('deckId'), login, deleteDeck(ctx));
  return router;
}

/** GET /decks: the user's decks by name. */
function listDecks(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const { userId } = sessionUser(req);
    try {
      const decks = withUserDb(ctx, userId, (db) => readCollection(db)?.decks);
      if (!decks) return sendError(res, 500, 'Collection data not found or invalid');
      const list = Object.entries(decks).map(([id, deck]) => ({ id, name: nameOf(deck) }));
      list.sort((a, b) => compareCodePoints(a.name, b.name));
      sendJson(res, 200, list);
    } catch (err) {
      ctx.log.error(`Error fetching decks for user ${userId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to fetch decks');
    }
  };
}

/** POST /decks: a new deck, its id from the clock in ms; 409 on a name taken (any case). */
function createDeck(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const { userId } = sessionUser(req);
    const body = requireObject(getJson(req), 'decks');
    const rawName = body.name;
    if (!truthy(rawName) || !pyStrip(requireString(rawName, 'name'))) return sendError(res, 400, 'Deck name cannot be empty');
    const name = pyStrip(requireString(rawName, 'name'));
    try {
      const outcome = withUserDb(ctx, userId, (db) => {
        const col = readCollection(db);
        if (!col) return 'no-collection' as const;
        const nowMs = Date.now();
        const id = String(nowMs);
        if (Object.values(col.decks).some((d) => nameOf(d).toLowerCase() === name.toLowerCase())) return 'duplicate' as const;
        col.decks[id] = deckEntry(id, name, Math.floor(nowMs / 1000), '');
        saveDecks(db, col.decks, Date.now());
        return id;
      });
      if (outcome === 'no-collection') return sendError(res, 500, 'Collection data not found');
      if (outcome === 'duplicate') return sendError(res, 409, 'A deck with this name already exists');
      ctx.log.info(`Created new deck '${name}' (ID: ${outcome}) for user ${userId}`);
      sendJson(res, 201, { id: outcome, name });
    } catch (err) {
      ctx.log.error(`Error creating deck for user ${userId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to create deck');
    }
  };
}

/** PUT /decks/current: `conf.curDeck`, one value per user, shared by all of its sessions. */
function setCurrentDeck(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const { userId } = sessionUser(req);
    const body = requireObject(getJson(req), 'decks/current');
    const deckId = body.deckId ?? null;
    if (deckId === null) return sendError(res, 400, 'Missing deckId');
    try {
      const outcome = withUserDb(ctx, userId, (db) => {
        const col = readCollection(db);
        if (!col) return 'no-collection' as const;
        if (!Object.hasOwn(col.decks, deckKey(deckId))) return 'invalid' as const;
        col.conf.curDeck = Number.parseInt(deckKey(deckId), 10);
        saveConf(db, col.conf, Date.now());
        return 'ok' as const;
      });
      if (outcome === 'no-collection') return sendError(res, 500, 'Collection data not found');
      if (outcome === 'invalid') return sendError(res, 404, 'Invalid deck ID');
      ctx.log.info(`Set current deck to ${pyStr(deckId)} for user ${userId}`);
      sendJson(res, 200, { message: 'Current deck updated successfully' });
    } catch (err) {
      ctx.log.error(`Error setting current deck for user ${userId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to set current deck');
    }
  };
}

/** PUT /decks/<int>/rename. */
function renameDeck(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const deckId = Number(routeParam(req, 'deckId'));
    const data = getJson(req);
    if (!truthy(data) || !pyContains(data, 'name') || !pyStrip(requireString(requireObject(data, 'rename').name, 'name'))) {
      ctx.log.warning('Missing or empty deck name in rename request');
      return sendError(res, 400, 'New deck name cannot be empty');
    }
    const newName = pyStrip(requireString(requireObject(data, 'rename').name, 'name'));
    try {
      const outcome = withUserDb(ctx, sessionUser(req).userId, (db) => {
        const col = readCollection(db);
        if (!col) return { kind: 'no-collection' as const };
        const key = String(deckId);
        const deck = asObject(col.decks[key]);
        if (!deck) return { kind: 'missing' as const };
        const oldName = nameOf(deck);
        const clash = Object.entries(col.decks).some(([k, d]) => k !== key && nameOf(d).toLowerCase() === newName.toLowerCase());
        if (clash) return { kind: 'duplicate' as const };
        deck.name = newName;
        deck.mod = Math.floor(Date.now() / 1000);
        saveDecks(db, col.decks, Date.now());
        return { kind: 'ok' as const, oldName };
      });
      if (outcome.kind === 'no-collection') return sendError(res, 500, 'Collection data not found');
      if (outcome.kind === 'missing') {
        ctx.log.warning(`Attempt to rename non-existent deck ${deckId}`);
        return sendError(res, 404, 'Deck not found');
      }
      if (outcome.kind === 'duplicate') {
        ctx.log.warning(`Attempt to rename deck to existing name: ${newName}`);
        return sendError(res, 409, 'A deck with this name already exists');
      }
      ctx.log.info(`Renamed deck from '${outcome.oldName}' to '${newName}'`);
      sendJson(res, 200, { message: `Deck renamed from '${outcome.oldName}' to '${newName}' successfully`, id: deckId, name: newName });
    } catch (err) {
      ctx.log.error(`Error renaming deck ${deckId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to rename deck');
    }
  };
}

/** DELETE /decks/<int>: the deck, its cards, and notes left without a card, in one transaction. */
function deleteDeck(ctx: AppContext): RequestHandler {
  return (req, res) => {
    const deckId = Number(routeParam(req, 'deckId'));
    const { userId, username } = sessionUser(req);
    try {
      const outcome = withUserDb(ctx, userId, (db) => {
        const col = readCollection(db);
        if (!col) return { kind: 'no-collection' as const };
        const key = String(deckId);
        if (!Object.hasOwn(col.decks, key)) return { kind: 'missing' as const };
        const name = nameOf(col.decks[key]);
        ctx.log.info(`Deleting deck '${name}' (ID: ${deckId}) for user ${userId}`);
        const cardCount = deleteDeckRows(db, col.decks, key);
        return { kind: 'ok' as const, name, cardCount };
      });
      if (outcome.kind === 'no-collection') return sendError(res, 500, 'Collection data not found');
      if (outcome.kind === 'missing') {
        ctx.log.warning(`Attempt to delete non-existent deck ${deckId}`);
        return sendError(res, 404, 'Deck not found');
      }
      ctx.log.info(`User ${userId} (${username}) deleted deck ${deckId} (${outcome.name}) with ${outcome.cardCount} cards`);
      sendJson(res, 200, { message: `Deck '${outcome.name}' and ${outcome.cardCount} cards deleted successfully` });
    } catch (err) {
      ctx.log.error(`Error deleting deck ${deckId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to delete deck');
    }
  };
}

/** Deletes a deck's cards, the notes they leave without a card, and the deck itself, in one transaction; returns the cards deleted. */
function deleteDeckRows(db: Database.Database, decks: Record<string, JsonValue>, key: string): number {
  const deckId = Number(key);
  return db.transaction(() => {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM cards WHERE did = ?').get(deckId) as { n: number };
    const noteIds = (db.prepare('SELECT DISTINCT nid FROM cards WHERE did = ?').all(deckId) as { nid: number }[]).map((r) => r.nid);
    db.prepare('DELETE FROM cards WHERE did = ?').run(deckId);
    const remaining = db.prepare('SELECT COUNT(*) AS n FROM cards WHERE nid = ?');
    const deleteNote = db.prepare('DELETE FROM notes WHERE id = ?');
    for (const nid of noteIds) {
      if ((remaining.get(nid) as { n: number }).n === 0) deleteNote.run(nid);
    }
    delete decks[key];
    saveDecks(db, decks, Date.now());
    return n;
  })();
}
