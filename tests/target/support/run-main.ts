/** Runs embedded-server/main.ts as a child process with arguments, for tests of its refusals. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MainExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = fileURLToPath(new URL('../../../embedded-server/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A refusal comes right after tsx has loaded the entry; anything slower is a hang. */
const REFUSAL_TIMEOUT_MS = 30_000;

export function runMain(args: string[], env: Record<string, string> = {}): Promise<MainExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded-server/main.ts ${args.join(' ')} did not exit within ${REFUSAL_TIMEOUT_MS} ms; stdout: ${stdout}`));
    }, REFUSAL_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
