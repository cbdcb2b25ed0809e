/**
 * What the target says it did: its `FAULT <name> key=value …` lines. They are the ground
 * truth a row's verdict is compared with — every injected fault the client saw succeed must
 * be reported, and every reported violation must trace back to one of these lines.
 */
import { readServerLog } from '../../../db/server-log.ts';

export interface FaultEvent {
  name: string;
  /** Epoch ms of the line (the server and the client share this machine's clock). */
  at: number;
  pid: number | null;
  fields: Readonly<Record<string, string>>;
  line: string;
}

const FAULT_MESSAGE = /^FAULT (\S+)(?: (.*))?$/;
// `key=value` or `key="JSON string"` (alter-content quotes the fronts it logs).
const FIELD = /([A-Za-z_]+)=("(?:[^"\\]|\\.)*"|\S+)/g;

/** Every FAULT line of a server log; empty when the log is missing. */
export function readFaultEvents(serverLog: string): FaultEvent[] {
  const log = readServerLog(serverLog);
  if (!log) return [];
  const events: FaultEvent[] = [];
  for (const entry of log.entries) {
    const m = FAULT_MESSAGE.exec(entry.message);
    if (!m) continue;
    events.push({ name: m[1]!, at: entry.at, pid: entry.pid, fields: parseFields(m[2] ?? ''), line: entry.text });
  }
  return events;
}

function parseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, key, raw] of text.matchAll(FIELD)) fields[key!] = raw!.startsWith('"') ? (JSON.parse(raw!) as string) : raw!;
  return fields;
}

/** A numeric field (user ids, card ids); NaN when absent, so comparisons fail rather than match. */
export function numberField(event: FaultEvent, key: string): number {
  const raw = event.fields[key];
  return raw === undefined ? Number.NaN : Number(raw);
}
