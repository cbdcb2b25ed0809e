/**
 * A server log for the pinned card specs: lines given by time and message (INFO and worker 41
 * unless told), written as the real server's log would hold them, then parsed and indexed as the
 * checker reads a log.
 */
import { indexLog, type LogIndex } from '../../../db/log-match.ts';
import { parseServerLog } from '../../../db/server-log.ts';

export interface LogLine {
  at: number;
  message: string;
  level?: string;
  pid?: number;
}

export function indexedLog(lines: readonly LogLine[]): LogIndex {
  return indexLog(parseServerLog(lines.map((l) => `${new Date(l.at).toISOString()} ${l.level ?? 'INFO'} app pid=${l.pid ?? 41} : ${l.message}`).join('\n')));
}
