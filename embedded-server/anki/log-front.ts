import { pyLen, pySlice } from './python-json.ts';

/** The card front as log lines show it: the first 15 characters, then "..." when longer. */
export function logFront(front: string): string {
  return pyLen(front) > 15 ? `${pySlice(front, 15)}...` : front;
}
