/**
 * `npm run validate-user -- --data-dir DIR <username> [--json]`: one user's database — schema,
 * decks with their card counts, markers, and every card whose marker names someone else.
 * Exit 0 ok, 1 when foreign cards are found or the database fails its schema check, 2 on bad input.
 */
import { pathToFileURL } from 'node:url';
import { checkUserDatabase, type UserDatabaseCheck } from '../db/user-database-check.ts';
import { parseCommandLine, runCommand } from '../helpers/config/cli-args.ts';
import { UsageError } from '../helpers/config/errors/usage-error.ts';

const USAGE = 'npm run validate-user -- --data-dir DIR <username> [--json]';

const HELP = `Usage: ${USAGE}

Checks one user's database, user_dbs/user_<id>.db of the account <username> in DIR/admin.db:
its Anki tables, its decks and how many cards each holds, its marked cards by the user their
marker names, and every card whose marker names someone else.

Options:
  --data-dir DIR   folder holding admin.db and user_dbs/ (the server's, or a run's database_snapshots/)
  --json           print the check as JSON instead of text
  --help           this text

Exit codes: 0 ok; 1 foreign cards found or the schema check failed; 2 bad input (no such
folder, no admin.db, no such user).`;

const EXIT_FINDINGS = 1;

/** The check as text, one fact per line. */
export function formatUserCheck(check: UserDatabaseCheck): string {
  const lines = [`User ${check.username} (user ${check.userId}), ${check.file}`];
  lines.push(check.schemaProblems.length === 0 ? 'schema: ok (tables cards, col, graves, notes, revlog)' : `schema: ${check.schemaProblems.join('; ')}`);
  for (const deck of check.decks) lines.push(`deck ${deck.deckId} "${deck.name ?? '(not in decks)'}": ${deck.cards} card(s)${deck.current ? ' (current)' : ''}`);
  const owners = Object.entries(check.markersByOwner)
    .map(([owner, n]) => `${n} of ${owner}`)
    .join(', ');
  lines.push(`cards: ${check.cards} (${check.cards - check.unmarkedCards} marked${owners ? `: ${owners}` : ''}; ${check.unmarkedCards} unmarked); review log rows: ${check.reviews}`);
  for (const card of check.foreign) lines.push(`FOREIGN ${card.marker}: names ${card.owner}, card ${card.cardId}${card.deckName === null ? '' : ` in deck "${card.deckName}"`}`);
  const ok = check.foreign.length === 0 && check.schemaProblems.length === 0;
  lines.push(ok ? `OK — every marked card of ${check.file} names ${check.username}` : `FAIL — ${check.foreign.length} foreign card(s), ${check.schemaProblems.length} schema problem(s)`);
  return lines.join('\n');
}

/** Run the command on `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): number {
  return runCommand(() => {
    const { values, positionals } = parseCommandLine(argv, { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } }, USAGE);
    if (values.help) {
      out(HELP);
      return 0;
    }
    if (values['data-dir'] === undefined) throw new UsageError('--data-dir DIR is required', USAGE);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no username given' : `one username expected, got ${positionals.join(' ')}`, USAGE);
    const check = checkUserDatabase(values['data-dir'], positionals[0]!);
    out(values.json ? JSON.stringify(check, null, 2) : formatUserCheck(check));
    return check.foreign.length > 0 || check.schemaProblems.length > 0 ? EXIT_FINDINGS : 0;
  }, err);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
