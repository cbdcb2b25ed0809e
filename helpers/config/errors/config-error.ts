import { BadInputError } from './bad-input-error.ts';

/** A setting in `.env` or the environment is missing or wrong; the message names it and the fix. */
export class ConfigError extends BadInputError {
  override name = 'ConfigError';
  constructor(variable: string, problem: string, fix: string) {
    super(`${variable}: ${problem} — ${fix}`);
  }
}
