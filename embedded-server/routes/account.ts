/** POST /register, POST /login, POST /logout. */
import bcrypt from 'bcrypt';
import { Router } from 'express';
import { findUser, insertUser, openAdminDb } from '../admin-db.ts';
import { addSampleDeck } from '../anki/sample-deck.ts';
import { createCollection } from '../anki/user-db.ts';
import { pyLen, pyStr, pyStrip } from '../anki/python-json.ts';
import type { AppContext } from '../context.ts';
import { userDbPath } from '../data-paths.ts';
import { sendError, sendJson } from '../http/flask-response.ts';
import { getJson, pyContains, requireObject, requireString, truthy } from '../http/json-body.ts';
import { noteRequestUser } from '../http/request-log.ts';

const LIMITS = { username: [1, 10], name: [1, 40], password: [10, 20] } as const;

function outside(text: string, [min, max]: readonly [number, number]): boolean {
  const n = pyLen(text);
  return n < min || n > max;
}

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/register', (req, res) => {
    const data = getJson(req);
    if (!truthy(data) || !['username', 'name', 'password'].every((k) => pyContains(data, k))) {
      sendError(res, 400, 'Missing required fields');
      return;
    }
    const body = requireObject(data, 'register');
    const username = pyStrip(requireString(body.username, 'username'));
    const name = pyStrip(requireString(body.name, 'name'));
    const password = requireString(body.password, 'password');
    if (outside(username, LIMITS.username)) return sendError(res, 400, 'Username must be between 1 and 10 characters');
    if (outside(name, LIMITS.name)) return sendError(res, 400, 'Name must be between 1 and 40 characters');
    if (outside(password, LIMITS.password)) return sendError(res, 400, 'Password must be between 10 and 20 characters');

    // Hashed before the duplicate check, as upstream does: a duplicate costs a full bcrypt.
    // Synchronous on purpose: a Gunicorn sync worker is blocked while it hashes, and so is this one.
    const passwordHash = bcrypt.hashSync(password, ctx.bcryptCost);
    const admin = openAdminDb(ctx.paths, ctx.log);
    try {
      if (findUser(admin, username)) {
        sendError(res, 409, 'Username already exists');
        return;
      }
      const userId = insertUser(admin, username, name, passwordHash);
      admin.close();
      ctx.log.info(`User registered: ${username} (ID: ${userId})`);
      const dbPath = userDbPath(ctx.paths, userId);
      ctx.log.info(`Initializing Anki DB schema in '${dbPath}'...`);
      if (createCollection(dbPath, name)) ctx.log.info(`Initialized Anki DB schema in '${dbPath}'`);
      addSampleDeck(dbPath);
      sendJson(res, 201, { message: 'User registered successfully', userId });
    } catch (err) {
      ctx.log.error(`Error during registration: ${err instanceof Error ? err.message : String(err)}`);
      sendError(res, 500, 'An internal server error occurred');
    } finally {
      if (admin.open) admin.close();
    }
  });

  router.post('/login', (req, res) => {
    const data = getJson(req);
    if (!truthy(data) || !pyContains(data, 'username') || !pyContains(data, 'password')) {
      sendError(res, 400, 'Username and password are required');
      return;
    }
    const body = requireObject(data, 'login');
    const username = body.username ?? null;
    const password = body.password;
    const admin = openAdminDb(ctx.paths, ctx.log);
    try {
      if (typeof username === 'object' && username !== null) throw new TypeError('Error binding parameter 1 - probably unsupported type.');
      const user = findUser(admin, typeof username === 'boolean' ? Number(username) : username);
      admin.close();
      if (!user) {
        sendError(res, 401, 'Invalid username or password');
        return;
      }
      if (typeof password !== 'string') throw new TypeError(`'${typeof password}' object has no attribute 'encode'`);
      if (!bcrypt.compareSync(password, user.password_hash)) {
        sendError(res, 401, 'Invalid username or password');
        return;
      }
      noteRequestUser(req, user.user_id);
      req.session.userId = user.user_id;
      req.session.username = user.username;
      ctx.recentUsers.seen(user.user_id, user.username);
      ctx.log.info(`User logged in: ${pyStr(username)} (ID: ${user.user_id})`);
      sendJson(res, 200, { message: 'Login successful', user: { userId: user.user_id, username: user.username, name: user.name } });
    } catch (err) {
      ctx.log.error(`Error during login: ${err instanceof Error ? err.message : String(err)}`);
      sendError(res, 500, 'An internal server error occurred');
    } finally {
      if (admin.open) admin.close();
    }
  });

  router.post('/logout', (req, res) => {
    delete req.session.userId;
    delete req.session.username;
    ctx.log.info('User logged out.');
    // Flask-Session deletes an emptied session (file and cookie); one still holding a
    // remembered card survives, as upstream.
    if (req.session.currentCardId === undefined) {
      req.session.destroy(() => {
        res.clearCookie('session', { path: '/', httpOnly: true });
        sendJson(res, 200, { message: 'Logout successful' });
      });
      return;
    }
    sendJson(res, 200, { message: 'Logout successful' });
  });

  return router;
}
