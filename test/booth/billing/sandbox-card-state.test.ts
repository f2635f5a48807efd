import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SandboxCardProcessor } from '../../../src/sandbox/sandbox-card-processor.js';

/** The embedded default's sandbox keeps saved cards in the data directory, as a real processor would. */
describe('sandbox card processor state', () => {
  it('a card tokenized before a restart is still known (and chargeable) after it; no card number is kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cards-'));
    const stateFile = path.join(dir, 'sandbox-cards.json');
    const call = (
      sandbox: SandboxCardProcessor,
      method: string,
      url: string,
      body = '',
      publishable = false,
    ) => {
      const key = publishable ? sandbox.publishableKey : sandbox.secretKey;
      const res = sandbox.handle({ method, url, headers: { authorization: `Bearer ${key}` }, body });
      return { status: res.status, json: JSON.parse(res.body || '{}') as Record<string, unknown> };
    };
    const first = new SandboxCardProcessor({ stateFile });
    const pm = call(
      first,
      'POST',
      '/v1/payment_methods',
      'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2031&card[cvc]=123',
      true,
    );
    expect(pm.status).toBe(200);
    const customer = call(first, 'POST', '/v1/customers', 'metadata[accountId]=acct_x');
    expect(customer.status).toBe(200);
    expect(
      call(first, 'POST', `/v1/payment_methods/${pm.json.id}/attach`, `customer=${customer.json.id}`).status,
    ).toBe(200);

    const restarted = new SandboxCardProcessor({ stateFile });
    expect(restarted.secretKey).toBe(first.secretKey);
    const again = call(restarted, 'GET', `/v1/payment_methods/${pm.json.id}`);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: pm.json.id, customer: customer.json.id, card: { last4: '4242' } });
    const charge = call(
      restarted,
      'POST',
      '/v1/payment_intents',
      `amount=4900&currency=usd&customer=${customer.json.id}&payment_method=${pm.json.id}&confirm=true&off_session=true`,
    );
    expect(charge.json).toMatchObject({ status: 'succeeded', amount: 4900 });
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain('4242424242424242');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
