/**
 * The secrets a run must never write down: the pool's passwords (derived from the run
 * secret), the run secret itself, and the session ids the target handed out (the names
 * of its flask_session/ files; a session cookie's value is `<id>.<signature>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPaths, type PoolUser } from '../../../helpers/run/run-dir.ts';
import { passwordFor } from '../../../helpers/secrets/run-secret.ts';
import type { Secret } from './file-scan.ts';

/** Any JSON "password" member, also inside an escaped JSON string: redaction drops the key entirely. */
export const PASSWORD_FIELD: Secret = { label: 'a "password" field', value: /\\?"password\\?"\s*:\s*\\?"/i };

export function poolOf(runDir: string): PoolUser[] {
  return JSON.parse(fs.readFileSync(runPaths(runDir).pool, 'utf8')) as PoolUser[];
}

export function passwordSecrets(runDir: string, runSecret: string): Secret[] {
  return poolOf(runDir).map((user) => ({ label: `password of ${user.username}`, value: passwordFor(runSecret, user.username) }));
}

/** Session ids still on the target's disk when the run ended (logged-out sessions are deleted). */
export function sessionIdSecrets(runDir: string): Secret[] {
  const folder = path.join(runPaths(runDir).targetData, 'flask_session');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => name.replace(/\.json$/, ''))
    .filter((id) => id.length >= 16)
    .map((id) => ({ label: `session id ${id.slice(0, 8)}…`, value: id }));
}
