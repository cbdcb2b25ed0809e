/**
 * CPU per .apkg export of the target's zip writer: `npx tsx scripts/bench-zip.ts [--exports N]
 * [--rounds N] [ZIP_MODULE]`. One export is what GET /export zips: a real JAVUMBO user
 * database (tests/unit/fixtures/real-javumbo-sample, 100 KiB) and the media map `{}`.
 *
 * ZIP_MODULE defaults to embedded-server/anki/zip.ts; give another file exporting the same
 * `zipEntries` to compare, e.g. the hand-written writer adm-zip replaced:
 *   git show 2abe063:embedded-server/anki/zip.ts > /tmp/old-zip.ts
 *   npx tsx scripts/bench-zip.ts /tmp/old-zip.ts
 * Each archive is read back with adm-zip (the suite's reader) and must hold both entries
 * intact. Prints µs of process CPU (`process.cpuUsage`) per export for each round after a
 * warm-up, their median, and the archive's size.
 */
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import type { zipEntries } from '../embedded-server/anki/zip.ts';

interface Options {
  exports: number;
  rounds: number;
  module: string;
}

const USER_DB = path.join(import.meta.dirname, '../tests/unit/fixtures/real-javumbo-sample/user_dbs/user_1.db');

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { exports: 500, rounds: 5, module: 'embedded-server/anki/zip.ts' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === '--exports' || arg === '--rounds') && /^\d+$/.test(argv[i + 1] ?? '')) options[arg === '--exports' ? 'exports' : 'rounds'] = Number(argv[++i]);
    else if (!arg.startsWith('--')) options.module = arg;
    else throw new Error(`Unknown argument ${arg}. Usage: npx tsx scripts/bench-zip.ts [--exports N] [--rounds N] [ZIP_MODULE]`);
  }
  if (options.exports < 1 || options.rounds < 1) throw new Error('Need at least 1 export and 1 round.');
  return options;
}

function round(zip: typeof zipEntries, exports: number, collection: Buffer): { micros: number; bytes: number } {
  let last: Buffer = Buffer.alloc(0);
  const before = process.cpuUsage();
  for (let i = 0; i < exports; i++) {
    last = zip([
      { name: 'collection.anki2', data: collection },
      { name: 'media', data: Buffer.from('{}') },
    ]);
  }
  const used = process.cpuUsage(before);
  const read = new AdmZip(last, { noSort: true }).getEntries().map((e) => [e.entryName, e.getData()] as const);
  if (read.length !== 2 || read[0]![0] !== 'collection.anki2' || !read[0]![1].equals(collection) || read[1]![0] !== 'media' || read[1]![1].toString() !== '{}') {
    throw new Error(`The archive read back does not hold collection.anki2 and media intact: ${read.map(([name, data]) => `${name} (${data.length} bytes)`).join(', ')}`);
  }
  return { micros: (used.user + used.system) / exports, bytes: last.length };
}

const options = parseArgs(process.argv.slice(2));
const { zipEntries: zip } = (await import(pathToFileURL(path.resolve(options.module)).href)) as { zipEntries: typeof zipEntries };
const collection = fs.readFileSync(USER_DB);
round(zip, Math.min(options.exports, 50), collection);
const rounds = Array.from({ length: options.rounds }, () => round(zip, options.exports, collection));
const micros = rounds.map((r) => r.micros);
const median = [...micros].sort((a, b) => a - b)[Math.floor(micros.length / 2)]!;
console.log(
  `${options.module}: ${options.rounds} rounds × ${options.exports} exports of a ${collection.length}-byte collection, CPU µs per export: ${micros.map((u) => u.toFixed(0)).join(', ')}; median ${median.toFixed(0)}; archive ${rounds[0]!.bytes} bytes`,
);
