import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSaveProblem } from '../../../src/notify/webhook-target.js';
import { backends } from '../../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../../support/harness.js';

/**
 * A webhook URL is checked when it is saved, not only at delivery (SSRF, issue 18): a loopback,
 * private, link-local (cloud metadata) or unique-local target is refused with 422
 * webhook_target_refused naming `webhook.url`, and nothing is written.
 */
const SECRET = 'a-webhook-secret-of-some-length';

describe('webhookSaveProblem', () => {
  it('refuses a name that resolves to a refused address now, accepts one that does not resolve', async () => {
    const resolveTo = (addresses: string[]) => async () => addresses;
    expect(await webhookSaveProblem('https://rebind.example/h', 'public', resolveTo(['127.0.0.1']))).toBe(
      'webhook target rebind.example resolves to 127.0.0.1 (loopback)',
    );
    expect(
      await webhookSaveProblem(
        'https://meta.example/h',
        'public',
        resolveTo(['93.184.216.34', '169.254.169.254']),
      ),
    ).toBe('webhook target meta.example resolves to 169.254.169.254 (link-local (cloud metadata))');
    expect(
      await webhookSaveProblem('https://ok.example/h', 'public', resolveTo(['93.184.216.34'])),
    ).toBeNull();
    const notFound = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await webhookSaveProblem('https://nowhere.example/h', 'public', notFound)).toBeNull();
    expect(await webhookSaveProblem('http://ok.example/h', 'public', resolveTo([]))).toBe(
      'webhook URLs must use https',
    );
    expect(await webhookSaveProblem('http://127.0.0.1:9/h', 'local', resolveTo([]))).toBeNull();
  });
});

for (const backend of backends) {
  describe(`webhook URLs are checked when saved (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
      h.engine.webhookTargets = 'http'; // development: http allowed, public addresses only
    });
    afterAll(async () => h.close());

    const save = (accountId: string, key: string, url: string) =>
      h.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${accountId}/alert-settings`,
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': uniqueKey('hook') },
        payload: { webhook: { url, secret: SECRET } },
      });

    it('loopback, private, link-local and unique-local targets → 422 naming webhook.url, nothing written; a public one is saved', async () => {
      const accountId = await h.openAccount('Hooks');
      const customer = (await issueKey(h.engine, 'customer', accountId)).secret;
      const before = await rowCounts(h.engine.db);
      const refused = {
        'http://127.0.0.1:8080/hook': 'webhook target 127.0.0.1 is loopback',
        'http://localhost:3000/hook': 'webhook target localhost is loopback',
        'http://169.254.169.254/latest/meta-data/':
          'webhook target 169.254.169.254 is link-local (cloud metadata)',
        'http://10.1.2.3/hook': 'webhook target 10.1.2.3 is private',
        'http://192.168.0.10/hook': 'webhook target 192.168.0.10 is private',
        'https://[::1]/hook': 'webhook target ::1 is loopback',
        'https://[fd00::5]/hook': 'webhook target fd00::5 is unique-local',
        'http://[::ffff:127.0.0.1]/hook': 'webhook target ::ffff:7f00:1 is loopback',
      };
      for (const [url, detail] of Object.entries(refused)) {
        const res = await save(accountId, customer, url);
        expect(res.statusCode, url).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'webhook_target_refused', field: 'webhook.url', detail });
      }
      expect(await rowCounts(h.engine.db)).toEqual(before);

      const saved = await save(accountId, customer, 'https://93.184.216.34/hook');
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().webhook).toEqual({ url: 'https://93.184.216.34/hook', secretSet: true });
    });
  });
}
