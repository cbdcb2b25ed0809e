/**
 * Bad input is refused with one line naming the problem and the fix, exit code 1,
 * and no stack trace.
 */
import fs from 'node:fs';
import net from 'node:net';
import { runMain } from './support/run-main.ts';
import { expect, test } from './support/target-fixture.ts';

async function expectRefusal(args: string[], pattern: RegExp, env: Record<string, string> = {}): Promise<void> {
  const { code, stdout, stderr } = await runMain(args, env);
  expect(code).toBe(1);
  expect(stdout).not.toContain('BASE_URL=');
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^target: /);
  expect(lines[0]).toMatch(pattern);
}

test('an unknown fault name is refused with the list of known faults', async ({}, testInfo) => {
  await expectRefusal(['--data-dir', testInfo.outputPath('d'), '--faults', 'lost-write:1,typo-fault:0.5'], /unknown fault 'typo-fault'.*known faults: session-mixup/);
});

test('a fault rate outside 0..1 or not a number is refused, also from JAVUMBO_FAULTS', async ({}, testInfo) => {
  await expectRefusal(['--data-dir', testInfo.outputPath('d'), '--faults', 'latency:1.5'], /fault 'latency' has rate '1.5'; give a number from 0 to 1/);
  await expectRefusal(['--data-dir', testInfo.outputPath('d')], /fault 'lost-write' has rate 'x'/, { JAVUMBO_FAULTS: 'lost-write:x' });
});

test('a busy port is refused before any worker starts', async ({}, testInfo) => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as net.AddressInfo;
  try {
    await expectRefusal(['--port', String(port), '--data-dir', testInfo.outputPath('d')], new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  } finally {
    blocker.close();
  }
});

test('a data dir that cannot be written is refused', async ({}, testInfo) => {
  const file = testInfo.outputPath('not-a-folder');
  fs.mkdirSync(testInfo.outputPath(), { recursive: true });
  fs.writeFileSync(file, '');
  await expectRefusal(['--data-dir', `${file}/data`], /data dir .*not-a-folder\/data is not writable .*pass --data-dir/);
});

test('a non-loopback host and unknown options are refused', async () => {
  await expectRefusal(['--host', '0.0.0.0'], /--host '0\.0\.0\.0' is not a loopback address/);
  await expectRefusal(['--prot', '8000'], /Unknown option '--prot'/);
});

test('a JAVUMBO_ENHANCED_LOG that is not true or false is refused', async ({}, testInfo) => {
  await expectRefusal(['--data-dir', testInfo.outputPath('d')], /JAVUMBO_ENHANCED_LOG 'sometimes' is not valid; give true or false \(or pass --enhanced-log\)/, { JAVUMBO_ENHANCED_LOG: 'sometimes' });
});

test('a session store that is neither files, redis, nor a loopback redis:// URL is refused', async ({}, testInfo) => {
  await expectRefusal(['--data-dir', testInfo.outputPath('d'), '--session-store', 'memcached'], /--session-store 'memcached' is not valid; give files, redis/);
  await expectRefusal(['--data-dir', testInfo.outputPath('d'), '--session-store', 'redis://10.0.0.5:6379'], /--session-store 'redis:\/\/10\.0\.0\.5:6379' is not on loopback/);
});
