/**
 * Card markers: the only evidence of ownership that survives the server.
 * Front: `[USER:u][SEQ:n][TIME:ms][TOPIC:t] question`, back: `answer [MARKER:u_n]`.
 * One format and one parser, shared by the writers and the checker.
 */

export interface CardMarker {
  username: string;
  /** Sequence within the VU; a string so retried or suffixed sequences (`2b`) survive. */
  seq: string;
  timeMs: number;
  topic: string;
}

export interface MarkedCard {
  marker: CardMarker;
  /** `u_n`: the identity of the card across every database. */
  id: string;
  front: string;
  back: string;
}

export function markerId(username: string, seq: string | number): string {
  return `${username}_${seq}`;
}

export function buildCard(marker: CardMarker, question: string, answer: string): MarkedCard {
  const front = `[USER:${marker.username}][SEQ:${marker.seq}][TIME:${marker.timeMs}][TOPIC:${marker.topic}] ${question}`;
  const id = markerId(marker.username, marker.seq);
  const back = `${answer} [MARKER:${id}]`;
  return { marker, id, front, back };
}

const FRONT_RE = /^\[USER:([^\]]+)\]\[SEQ:([^\]]+)\]\[TIME:(\d+)\]\[TOPIC:([^\]]*)\]/;
const BACK_RE = /\[MARKER:([^\]]+)\]/;

/** Parse the marker of a card front; null for cards that carry none (sample deck, other tools). */
export function parseFront(front: string): CardMarker | null {
  const m = FRONT_RE.exec(front);
  if (!m) return null;
  return { username: m[1]!, seq: m[2]!, timeMs: Number(m[3]), topic: m[4]! };
}

/** The `u_n` marker id carried on the back, or null. */
export function parseBackMarker(back: string): string | null {
  const m = BACK_RE.exec(back);
  return m ? m[1]! : null;
}

/**
 * The marker id of a stored card: from the back when present, else from the front.
 * Both are read so a card whose back was altered is still attributed by its front.
 */
export function markerIdOf(front: string, back: string): string | null {
  const fromBack = parseBackMarker(back);
  if (fromBack) return fromBack;
  const m = parseFront(front);
  return m ? markerId(m.username, m.seq) : null;
}

/** The username a marker id `u_n` names: everything before its last `_` (usernames may hold `_`, sequences do not). */
export function ownerOfMarkerId(id: string): string {
  const cut = id.lastIndexOf('_');
  return cut > 0 ? id.slice(0, cut) : id;
}

/** The username a stored card's marker names: the front's `[USER:…]` when present, else the back's marker id; null when unmarked. */
export function markerOwnerOf(front: string, back: string): string | null {
  const parsed = parseFront(front);
  if (parsed) return parsed.username;
  const id = parseBackMarker(back);
  return id === null ? null : ownerOfMarkerId(id);
}

/** Topics of the plan's card table. */
export const TOPICS = ['History', 'Science', 'Mathematics', 'Geography', 'Literature', 'Languages', 'Art', 'Music'] as const;
