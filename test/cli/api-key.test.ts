import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { randomPort } from '../support/server-process.js';

const run = promisify(execFile);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('timed out');
}

/**
 * `pictor-billing api-key` while `serve` holds the embedded data directory: PGlite allows one
 * process per directory, so the command asks the running server, as the operator whose key
 * `serve` wrote at its first start, instead of failing with "data directory … is in use".
 */
describe('cli api-key beside a running server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pictor-cli-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('issues a working key through the server when the data directory is in use', async () => {
    const port = String(await randomPort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PICTOR_DATA_DIR: dir,
      PORT: port,
      LOG_LEVEL: 'warn',
      PICTOR_DEMO: 'off',
    };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      env,
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => fs.existsSync(path.join(dir, 'operator.key')) && (await fetch(`${base}/health`)).ok,
      90_000,
    );

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'api-key', '--role', 'service', '--label', 'render farm'],
      { env },
    );
    const secret = stdout.trim();
    expect(secret).toMatch(/^pk_/);
    // The new key authenticates against the same server.
    const answer = await fetch(`${base}/v1/gpu/instance-types`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(answer.status).toBe(200);
  });
});
