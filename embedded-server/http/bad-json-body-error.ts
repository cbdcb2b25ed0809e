/**
 * A request body that Flask's `request.get_json()` would refuse (missing, not JSON,
 * wrong Content-Type). The error handler answers it with Werkzeug's 400 HTML page.
 */
export class BadJsonBodyError extends Error {
  constructor(method: string, path: string, reason: string) {
    super(`${method} ${path}: ${reason}`);
    this.name = 'BadJsonBodyError';
  }
}
