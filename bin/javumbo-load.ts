/**
 * `npx javumbo-load --target URL --users 30 --duration 300`: the plan's command line. Maps the
 * options onto the suite's settings (helpers/config/load-command.ts), checks them with the suite's own
 * config reader, then runs `playwright test` in the suite's folder with them and exits with
 * its code. Bad input: one line, exit 2; a bug keeps its stack.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadConfig } from '../helpers/config/config.ts';
import { BadInputError } from '../helpers/config/errors/bad-input-error.ts';
import { ConfigError } from '../helpers/config/errors/config-error.ts';
import { runCommand } from '../helpers/config/cli-args.ts';
import { LOAD_HELP, nameTheOption, parseLoadCommand } from '../helpers/config/load-command.ts';

function main(argv: readonly string[]): number {
  const command = parseLoadCommand(argv);
  if (command.help) {
    console.log(LOAD_HELP);
    return 0;
  }
  const env = { ...process.env, ...command.env };
  // The suite reads these again in every process; checking them here stops a bad value before Playwright starts.
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new BadInputError(nameTheOption(error.message, command.env));
    throw error;
  }
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', ...command.playwrightArgs];
  const settings = Object.entries(command.env).map(([name, value]) => `${name}=${value}`);
  console.log(`javumbo-load: ${settings.length ? settings.join(' ') : '(no settings given: .env and the environment decide)'}; profile ${config.profile.name}; target ${config.baseUrl ?? 'embedded'}`);
  console.log(`javumbo-load: npx playwright test ${command.playwrightArgs.join(' ')}`.trimEnd());
  if (command.dryRun) return 0;
  const run = spawnSync(process.execPath, args, { cwd: config.root, env, stdio: 'inherit' });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

process.exitCode = runCommand(() => main(process.argv.slice(2)), console.error);
