import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { stopWithin } from '../../src/server/shutdown.js';
import { pglite } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

/** The value of one sample line of a Prometheus text exposition (0 when absent). */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('operations: /metrics, /ready, rate limits, security headers, shutdown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pglite);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/metrics after a short load shows the ledger writer counters moving, and HTTP latency by route', async () => {
    const before = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    const account = await h.openAccount();
    await h.fund(account, '100');
    const charges = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.call('POST', `/v1/accounts/${account}/charges`, {
          body: {
            amount: { amount: '0.5', unit: 'CREDIT' },
            productLine: 'compute',
            description: `load ${i}`,
          },
        }),
      ),
    );
    expect(charges.every((c) => c.statusCode === 201)).toBe(true);
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const after = res.body;
    const written = (t: string) =>
      sample(t, 'pictor_ledger_requests_total', 'path="fast"') +
      sample(t, 'pictor_ledger_requests_total', 'path="locking"');
    expect(written(after) - written(before)).toBeGreaterThanOrEqual(41);
    const batches = (t: string) =>
      ['fast', 'locking'].reduce(
        (n, path) => n + sample(t, 'pictor_ledger_batches_total', `path="${path}",priority="interactive"`),
        0,
      );
    expect(batches(after)).toBeGreaterThan(batches(before));
    expect(sample(after, 'pictor_ledger_batch_size_count')).toBeGreaterThan(0);
    expect(after).toContain('pictor_ledger_writer_queue_depth 0');
    expect(after).toMatch(
      /pictor_http_request_duration_seconds_count\{method="POST",route="\/v1\/accounts\/:accountId\/charges",status_code="201"\} 40/,
    );
    expect(after).toContain('pictor_notifications_pending');
    expect(after).toContain('pictor_db_pool_connections{state="total"}');
    expect(after).toContain('pictor_api_key_cache_on 1'); // listening on PostgreSQL; always on PGlite
  });

  it('/ready answers 200 with the database and the writer backlog', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: 'ok', ledgerWriter: { queued: 0 } });
  });

  it('security headers on every answer; the page carries a Content-Security-Policy', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/health' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['strict-transport-security']).toBeDefined();
    const page = await h.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('helmet’s headers, in helmet’s order, on a JSON answer, a refused key and an unknown route alike', async () => {
    const account = await h.openAccount();
    const answers = [
      await h.call('GET', `/v1/accounts/${account}/balances`),
      await h.call('GET', `/v1/accounts/${account}/balances`, { key: 'pk_not_a_key' }),
      await h.call('GET', '/v1/no-such-route'),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404]);
    for (const answer of answers) {
      // Set first, before any route's own headers; the object keeps the order they were set in.
      expect(Object.keys(answer.headers).slice(0, 11)).toEqual([
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'origin-agent-cluster',
        'referrer-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-frame-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ]);
      expect(answer.headers).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(answer.headers['content-security-policy']).toBeUndefined();
    }
  });

  it('rate limits: per key, per IP unauthenticated, and failed authentications per IP; 429 problem+json with Retry-After', async () => {
    const app = await buildApp(h.engine, {
      rateLimit: { perKeyPerMinute: 5, perIpPerMinute: 3, authFailuresPerMinute: 2 },
    });
    try {
      const asKey = () =>
        app.inject({
          method: 'GET',
          url: '/v1/booth/catalog',
          headers: { authorization: `Bearer ${h.serviceKey}` },
        });
      for (let i = 0; i < 5; i++) expect((await asKey()).statusCode).toBe(200);
      const limited = await asKey();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      const nonce = () => app.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.7' });
      for (let i = 0; i < 3; i++) expect((await nonce()).statusCode).toBe(200);
      expect((await nonce()).statusCode).toBe(429);

      const guess = (n: number) =>
        app.inject({
          method: 'GET',
          url: '/v1/booth/catalog',
          remoteAddress: '10.0.0.8',
          headers: { authorization: `Bearer guess-${n}-xxxxxxxxxxxxxxxxxxxxxxxx` },
        });
      expect((await guess(1)).statusCode).toBe(401);
      expect((await guess(2)).statusCode).toBe(401);
      const refused = await guess(3);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('shutdown exits 0 once drained, and 1 when it cannot finish within its deadline', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const log = { info: () => {}, error: () => {} };
    try {
      await stopWithin(5, log, async () => {});
      expect(exit).toHaveBeenLastCalledWith(0);
      void stopWithin(0.2, log, () => new Promise<void>(() => {}));
      await new Promise((r) => setTimeout(r, 400));
      expect(exit).toHaveBeenLastCalledWith(1);
      await stopWithin(5, log, async () => {
        throw new Error('the writer could not drain');
      });
      expect(exit).toHaveBeenLastCalledWith(1);
    } finally {
      exit.mockRestore();
    }
  });
});
