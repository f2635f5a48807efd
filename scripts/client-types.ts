import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { SimulatedClock } from '../src/kernel/clock.js';
import { openPglite } from '../src/kernel/db/pglite.js';
import { buildApp } from '../src/server/app.js';
import { allWorkRunner } from '../src/server/all-work.js';
import { startEngine } from '../src/server/engine.js';

/** Where the TypeScript client keeps the types generated from the server's OpenAPI document. */
export const CLIENT_TYPES_FILE = new URL('../clients/typescript/src/schema.ts', import.meta.url);

const HEADER = `/**
 * Generated from the API's /openapi.json by \`npm run client:types\` (openapi-typescript). Do not
 * edit: test/clients/typescript-client.test.ts fails when this differs from what the server serves.
 */

`;

/**
 * The client sends an Idempotency-Key on every mutation itself (one per call, the same on its
 * retries), so the types leave the header out instead of making every caller pass one.
 */
function withoutIdempotencyHeaders(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document), (key, value: unknown) =>
    key === 'parameters' && Array.isArray(value)
      ? value.filter(
          (p: { in?: string; name?: string }) => !(p.in === 'header' && p.name === 'idempotency-key'),
        )
      : value,
  );
}

/**
 * The client's types, generated from the OpenAPI document of a server as \`npm start\` runs it in
 * sandbox mode (test clocks included), on a throwaway in-memory store.
 */
export async function generateClientTypes(): Promise<string> {
  const engine = await startEngine(await openPglite(), new SimulatedClock('2026-01-01T00:00:00Z'));
  try {
    const runner = allWorkRunner(engine, { holdSweepSeconds: 30, notifications: { alertScanSeconds: 60 } });
    // The built-in render farm's routes (submit, quote) as on the embedded default.
    const app = await buildApp({ ...engine, renderFarmSandbox: true }, { testClocks: runner });
    await app.ready();
    const document = app.swagger();
    await app.close();
    const ast = await openapiTS(withoutIdempotencyHeaders(document) as Parameters<typeof openapiTS>[0]);
    const text = HEADER + astToString(ast);
    const prettier = await import('prettier');
    const config = await prettier.resolveConfig(fileURLToPath(CLIENT_TYPES_FILE));
    return prettier.format(text, { ...config, parser: 'typescript' });
  } finally {
    await engine.close();
  }
}
