/**
 * What a response's body means for the history, for API clients and browser pages alike:
 * parsed JSON when declared so, else at most 2 KB of text with why it is not usable.
 */
export const MAX_BODY_TEXT = 2048;

export function interpretBody(text: string, contentType: string, status: number): { body: unknown; error?: string } {
  if (contentType.includes('application/json')) {
    try {
      return { body: JSON.parse(text) as unknown };
    } catch {
      return { body: text.slice(0, MAX_BODY_TEXT), error: 'body declared JSON but does not parse' };
    }
  }
  const kind = contentType.includes('text/html') ? 'HTML page' : `non-JSON body (${contentType || 'no content-type'})`;
  return { body: text.slice(0, MAX_BODY_TEXT), error: `server answered an ${kind} with status ${status}` };
}
