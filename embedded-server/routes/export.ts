/** GET /export: the user's collection as an .apkg (zip of collection.anki2 and an empty media map). */
import fs from 'node:fs';
import { Router } from 'express';
import { zipEntries } from '../anki/zip.ts';
import type { AppContext } from '../context.ts';
import { userDbPath } from '../data-paths.ts';
import { requireLogin, sessionUser } from '../http/auth.ts';
import { sendBody, sendError } from '../http/flask-response.ts';
import { errorText } from '../user-db-access.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `time.strftime("%Y%m%d_%H%M%S")`, local time. */
function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}_${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

export function exportRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router.get('/export', requireLogin(ctx), (req, res) => {
    const { userId, username } = sessionUser(req);
    const dbPath = userDbPath(ctx.paths, userId);
    if (!fs.existsSync(dbPath)) return sendError(res, 404, 'User database not found.');
    try {
      // A plain file copy, like upstream's shutil.copy2 of the live database.
      const apkg = zipEntries([
        { name: 'collection.anki2', data: fs.readFileSync(dbPath) },
        { name: 'media', data: Buffer.from('{}') },
      ]);
      const filename = `${username}_export_${stamp(new Date())}.apkg`;
      // Werkzeug's send_file: a plain filename when it is ASCII, RFC 5987 otherwise.
      const plain = /^[\x20-\x7e]+$/.test(filename) && !/[";\\]/.test(filename);
      res.setHeader('Content-Disposition', plain ? `attachment; filename=${filename}` : `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
      ctx.log.info(`Created APKG file for user ${userId}: ${filename}`);
      sendBody(res, 200, 'application/zip', apkg);
    } catch (err) {
      ctx.log.error(`Error during APKG export for user ${userId}: ${errorText(err)}`);
      sendError(res, 500, 'Failed to generate export file.');
    }
  });

  return router;
}
