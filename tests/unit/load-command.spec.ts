/**
 * `npx javumbo-load --target URL --users 30 --duration 300` (the plan's command line): its
 * options mapped onto the settings config.ts reads, proven through config.ts itself, and the
 * bin entry's --help, --dry-run and one-line refusals.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { loadConfig } from '../../helpers/config/config.ts';
import { LOAD_OPTION_NAMES, parseLoadCommand, splitUsers } from '../../helpers/config/load-command.ts';
import { PROFILES, peakOf } from '../../helpers/config/profiles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** tsx and the config load in about a second; a bin that takes this long is stuck. */
const BIN_TIMEOUT_MS = 60_000;

function bin(args: readonly string[]): { code: number; out: string; err: string } {
  const result = spawnSync('npx', ['--no-install', 'javumbo-load', ...args], { cwd: ROOT, encoding: 'utf8', timeout: BIN_TIMEOUT_MS });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr.trim() };
}

test('the plan command line becomes the plan: 6 writers, 24 reviewers, its own timing, the given server', () => {
  const { env } = parseLoadCommand(['--target', 'http://127.0.0.1:8000', '--data-dir', '/srv/javumbo/server', '--users', '30', '--duration', '300']);
  expect(env).toEqual({ BASE_URL: 'http://127.0.0.1:8000', DATA_DIR: '/srv/javumbo/server', WRITERS: '6', REVIEWERS: '24', DURATION_SCALE: '1' });
  const config = loadConfig(env);
  expect(config.baseUrl).toBe('http://127.0.0.1:8000');
  expect(config.dataDir).toBe('/srv/javumbo/server');
  expect(config.profile.writers.stages).toEqual(PROFILES.plan!.writers.stages);
  expect(config.profile.reviewers.stages).toEqual(PROFILES.plan!.reviewers.stages);
  expect(config.profile.reviewers.budgetMs).toBe(PROFILES.plan!.reviewers.budgetMs);
});

test('--users and --duration scale the profile through config.ts; --workers sets the embedded target', () => {
  const { env } = parseLoadCommand(['--users', '60', '--duration', '150', '--workers', '1']);
  expect(env).toEqual({ WRITERS: '12', REVIEWERS: '48', DURATION_SCALE: '0.5', TARGET_WORKERS: '1' });
  const config = loadConfig(env);
  expect(config.baseUrl).toBeNull();
  expect(config.target.workers).toBe(1);
  expect(peakOf(config.profile.writers.stages)).toBe(12);
  expect(peakOf(config.profile.reviewers.stages)).toBe(48);
  expect(config.profile.writers.stages.map((s) => s.atMs)).toEqual([0, 15_000, 30_000, 45_000]);
  expect(config.profile.writers.budgetMs).toBe(PROFILES.plan!.writers.budgetMs / 2);
  expect([1, 2, 5, 10, 30].map((users) => splitUsers(users))).toEqual([
    { writers: 1, reviewers: 0 },
    { writers: 1, reviewers: 1 },
    { writers: 1, reviewers: 4 },
    { writers: 2, reviewers: 8 },
    { writers: 6, reviewers: 24 },
  ]);
});

test('projects and everything after -- go to playwright test; relative paths are taken from where the command is typed', () => {
  const command = parseLoadCommand(['--project', 'writers', '--project', 'reviewers', '--data-dir', 'data', '--target', 'http://localhost:8000', '--', '--headed', '--workers=1']);
  expect(command.playwrightArgs).toEqual(['--project', 'writers', '--project', 'reviewers', '--headed', '--workers=1']);
  expect(command.env.DATA_DIR).toBe(path.resolve('data'));
});

test('bad arguments are refused with a one-line reason', () => {
  for (const [argv, reason] of [
    [['--users', '0'], '--users "0" is not a whole number between 1 and 625'],
    [['--users', 'thirty'], '--users "thirty" is not a whole number'],
    [['--duration', '2'], '--duration "2" is not a whole number between 3 and 30000'],
    [['--target', 'http://127.0.0.1:8000'], '--target needs --data-dir DIR'],
    [['--data-dir', '/srv'], '--data-dir is about an external server: give --target URL too'],
    [['--target', 'http://127.0.0.1:8000', '--data-dir', '/srv', '--workers', '1'], '--workers sets the embedded target, not the server at --target'],
    [['--profile', 'smoke', '--profile-file', 'p.json'], 'give --profile or --profile-file, not both'],
    [['--speed', 'fast'], "Unknown option '--speed'"],
    [['--users'], "Option '--users <value>' argument missing"],
    [['thirty'], 'unexpected argument thirty'],
  ] as const) {
    expect(() => parseLoadCommand(argv), argv.join(' ')).toThrow(reason);
  }
});

test('npx javumbo-load --help lists every option and the setting it becomes', () => {
  const { code, out } = bin(['--help']);
  expect(code).toBe(0);
  for (const name of LOAD_OPTION_NAMES) expect(out).toContain(`--${name}`);
  for (const setting of ['BASE_URL', 'DATA_DIR', 'WRITERS=max(1, round(N × 0.2))', 'DURATION_SCALE=S / 300', 'TARGET_WORKERS']) expect(out).toContain(setting);
});

test('npx javumbo-load --dry-run names the settings and the command; bad input exits 2 with one line', () => {
  const dry = bin(['--users', '30', '--duration', '300', '--dry-run', '--', '--project=writers']);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('javumbo-load: WRITERS=6 REVIEWERS=24 DURATION_SCALE=1; profile plan; target embedded');
  expect(dry.out).toContain('javumbo-load: npx playwright test --project=writers');
  for (const [argv, line] of [
    [['--users', '0'], 'error: --users "0" is not a whole number between 1 and 625'],
    [['--target', 'http://10.1.2.3:8000', '--data-dir', '/srv', '--dry-run'], 'error: --target (BASE_URL): 10.1.2.3 is not a loopback address'],
    [['--profile', 'nope', '--dry-run'], 'error: --profile (PROFILE): unknown profile "nope"'],
  ] as const) {
    const result = bin(argv);
    expect(result.code, argv.join(' ')).toBe(2);
    expect(result.err).toContain(line);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.out).toBe('');
  }
});
