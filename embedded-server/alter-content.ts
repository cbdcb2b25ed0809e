/**
 * The alter-content fault: one character of the question text changes. The bracketed
 * marker prefix (`[USER:u][SEQ:n]...`) is left intact so the checker can still tell
 * whose card it is and report a content mismatch rather than a foreign card.
 */
const MARKER_PREFIX = /^(?:\[[^\]]*\])*/;

function substitute(c: string): string {
  if (/^[a-y]$/i.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  return c === '*' ? '#' : '*';
}

export function alterOneCharacter(front: string): string {
  const prefix = MARKER_PREFIX.exec(front)?.[0] ?? '';
  const chars = [...front.slice(prefix.length)];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] ?? '';
    if (c.trim() !== '') {
      chars[i] = substitute(c);
      return prefix + chars.join('');
    }
  }
  return `${front}*`;
}
