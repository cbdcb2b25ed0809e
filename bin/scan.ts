/**
 * `npm run scan -- <data dir> [--json]`: cross-contamination scan of any data directory by
 * card markers alone. Exit 0 clean, 1 when foreign cards are found (each listed: marker, the
 * owner it names, the file it sits in), 2 on bad input, 3 when nothing foreign was found but
 * some user database could not be read.
 */
import { pathToFileURL } from 'node:url';
import { scanForForeignCards, type ContaminationScan } from '../db/contamination-scan.ts';
import { parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';

const USAGE = 'npm run scan -- <data dir> [--json]';

const HELP = `Usage: ${USAGE}

Scans admin.db and every user_dbs/user_<id>.db of a data directory (the server's folder, or
a run's database_snapshots/) for cards whose marker ([USER:u]… on the front, [MARKER:u_n] on
the back) names someone other than the owner of the file they sit in. No history is needed.

Options:
  --json     print the scan as JSON instead of text
  --help     this text

Exit codes: 0 clean; 1 foreign cards found (each listed with its marker, the owner the marker
names and the file it sits in); 2 bad input; 3 nothing foreign found but a database was unreadable.`;

const EXIT_FOREIGN = 1;
const EXIT_INCOMPLETE = 3;

/** The scan as text: one line per foreign card, then the totals. */
export function formatScan(scan: ContaminationScan): string {
  const lines = scan.foreign.map(
    (card) =>
      `FOREIGN ${card.marker}: names ${card.owner}${card.ownerUserId === null ? ' (no such account)' : ` (user ${card.ownerUserId})`} but sits in ${card.file}` +
      ` of ${card.holder ?? 'no account'} (user ${card.holderUserId}), card ${card.cardId}${card.deckName === null ? '' : `, deck "${card.deckName}"`}`,
  );
  for (const db of scan.unreadable) lines.push(`UNREADABLE user_dbs/${db.dbFile} (${db.username ?? `user ${db.userId}`}): ${db.reason}`);
  const totals = `${scan.databasesRead} user databases of ${scan.accounts} accounts, ${scan.cardsRead} cards, ${scan.markedCards} marked`;
  const verdict =
    scan.foreign.length > 0
      ? `CONTAMINATED — ${scan.foreign.length} foreign card(s) in ${new Set(scan.foreign.map((c) => c.file)).size} file(s)`
      : scan.unreadable.length > 0
        ? `NOT ALL SCANNED — no foreign card in what was read, ${scan.unreadable.length} database(s) unreadable`
        : 'CLEAN — every marked card sits in the database of the user its marker names';
  lines.push(`Scan of ${scan.dataDir}: ${totals}: ${verdict}`);
  return lines.join('\n');
}

/** Run the command on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  return runCommand(() => {
    const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } }, USAGE);
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no data directory given' : `one data directory expected, got ${positionals.length}`, USAGE);
    const scan = scanForForeignCards(positionals[0]!);
    out(values.json ? JSON.stringify(scan, null, 2) : formatScan(scan));
    return scan.foreign.length > 0 ? EXIT_FOREIGN : scan.unreadable.length > 0 ? EXIT_INCOMPLETE : 0;
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
