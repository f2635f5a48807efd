import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpPool } from '../../bench/raw-http.js';

/**
 * The benches' HTTP client is the instrument behind their latencies: a request must resolve only
 * once the whole body has arrived, on a reused connection, and fail loudly on what it cannot read.
 */
const servers: http.Server[] = [];
const pools: RawHttpPool[] = [];

async function serve(handler: http.RequestListener, keepAliveTimeoutMs?: number): Promise<RawHttpPool> {
  const server = http.createServer(handler);
  if (keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = keepAliveTimeoutMs;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pool = new RawHttpPool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("the benches' raw HTTP client", () => {
  it('resolves with the status only after the last byte of a body sent in pieces', async () => {
    let lastPieceAt = 0;
    const pool = await serve((_req, res) => {
      res.writeHead(201, { 'content-length': '30000' });
      res.write('a'.repeat(10_000));
      setTimeout(() => res.write('b'.repeat(10_000)), 30);
      setTimeout(() => {
        lastPieceAt = performance.now();
        res.end('c'.repeat(10_000));
      }, 60);
    });
    const status = await pool.request('GET', '/pieces', { authorization: 'Bearer k' });
    expect(status).toBe(201);
    expect(lastPieceAt).toBeGreaterThan(0);
    expect(performance.now()).toBeGreaterThanOrEqual(lastPieceAt);
  });

  it('sends the body with its length and reuses one keep-alive connection for requests in turn', async () => {
    const seen: { method: string; body: string; socket: unknown }[] = [];
    const pool = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, body, socket: req.socket });
        res.statusCode = req.method === 'POST' ? 201 : 200;
        res.end('{"ok":true}'); // headers not yet sent: Node adds Content-Length
      });
    });
    expect(await pool.request('POST', '/a', { 'content-type': 'application/json' }, '{"é":1}')).toBe(201);
    expect(await pool.request('GET', '/b', {})).toBe(200);
    expect(seen.map((s) => [s.method, s.body])).toEqual([
      ['POST', '{"é":1}'],
      ['GET', ''],
    ]);
    expect(seen[0]!.socket).toBe(seen[1]!.socket);
  });

  it('opens a new connection when the server closed an idle one (its keep-alive timeout)', async () => {
    const sockets = new Set<unknown>();
    const pool = await serve((req, res) => {
      sockets.add(req.socket);
      res.end('done');
    }, 30);
    expect(await pool.request('GET', '/one', {})).toBe(200);
    // Node closes an idle keep-alive connection about a second after its timeout.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = pool.request('GET', '/two', {});
    const late = new Promise((resolve) => setTimeout(() => resolve('no answer within 2 s'), 2_000));
    expect(await Promise.race([second, late])).toBe(200);
    expect(sockets.size).toBe(2);
  });

  it('opens a connection per request in flight at once', async () => {
    const sockets = new Set<unknown>();
    const pool = await serve((req, res) => {
      sockets.add(req.socket);
      setTimeout(() => res.end('done'), 20);
    });
    const statuses = await Promise.all(Array.from({ length: 4 }, () => pool.request('GET', '/', {})));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(sockets.size).toBe(4);
  });

  it('refuses a body it cannot measure (chunked) instead of guessing', async () => {
    const pool = await serve((_req, res) => {
      res.write('part one');
      res.end('part two');
    });
    await expect(pool.request('GET', '/chunked', {})).rejects.toThrow(/Content-Length/);
  });
});
