/**
 * Fail-fast checks of a target before any load is sent: it answers, it answers like
 * JAVUMBO (JSON 401 on a protected route), and serves a web client when browsers need one.
 * Its data directory is checked by the checker's readers (db/data-dir-check.ts).
 */
import { TargetError } from './errors/target-error.ts';

/** GET /decks without a session must be a JSON 401 `{"error":"Authentication required"}`. */
export async function probeTarget(baseUrl: string, timeoutMs = 5_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/decks`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (e) {
    // fetch wraps the socket error: its cause carries ECONNREFUSED and the like, or says "bad port".
    const inner = (e as { cause?: { code?: string; message?: string } }).cause;
    const cause = inner?.code ?? inner?.message ?? (e as Error).name;
    throw new TargetError(`BASE_URL ${baseUrl} is unreachable (${cause}) — start the server or fix BASE_URL in .env (unset it to use the embedded target)`);
  }
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (!type.includes('application/json')) {
    const what = type.includes('text/html') ? 'an HTML page' : `"${type || 'no content type'}"`;
    throw new TargetError(
      `BASE_URL ${baseUrl} answered GET /decks with ${what} (status ${res.status}), not JSON — point BASE_URL at the JAVUMBO API (behind a proxy, check that /decks is proxied to it)`,
    );
  }
  if (res.status !== 401 || !text.includes('Authentication required'))
    throw new TargetError(`BASE_URL ${baseUrl} answered GET /decks without a session with ${res.status} ${text.slice(0, 80)} instead of 401 "Authentication required" — is this a JAVUMBO server?`);
}

/** Browser VUs need the web client at `/` (the real deployment puts nginx in front of the API). */
export async function probeWebClient(baseUrl: string, timeoutMs = 5_000): Promise<void> {
  let text = '';
  let status = 0;
  try {
    const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/html' } });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw new TargetError(`BASE_URL ${baseUrl} did not answer GET / (${(e as Error).name}) — the browser projects need the web client there`);
  }
  if (status !== 200 || !/<script/i.test(text))
    throw new TargetError(
      `BASE_URL ${baseUrl} serves no web client at / (status ${status}: "${text.slice(0, 40).trim()}") — browser projects need the client (nginx in front of the API); point BASE_URL at it or drop the browser-* projects`,
    );
}
