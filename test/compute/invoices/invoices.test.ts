import type { LightMyRequestResponse } from 'fastify';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfSafe } from '../../../src/kernel/documents/pdf-layout.js';
import { buildInvoiceDocument, type InvoiceRecord } from '../../../src/compute/invoices/invoice-rules.js';
import { normalizeInvoiceSettings } from '../../../src/accounts/billing-profile-rules.js';
import type { TransactionRecord } from '../../../src/ledger/ledger-rules.js';
import { SAMPLE_SELLER } from '../../../src/kernel/documents/seller-rules.js';
import { documentDetails } from '../../../src/compute/invoices/document-rules.js';
import { formatDocumentNumber } from '../../../src/accounts/document-number-rules.js';
import { takeDocumentNumber } from '../../../src/accounts/document-series-store.js';
import { transactionWithRetry } from '../../../src/kernel/db/database.js';
import { backends } from '../../support/databases.js';
import { type Harness, issueKey, rowCounts, startHarness, uniqueKey } from '../../support/harness.js';

async function pdfText(res: LightMyRequestResponse): Promise<string> {
  const { text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
  return text;
}

/** The harness calls GET and POST; settings are replaced with PUT. */
function putSettings(
  h: Harness,
  accountId: string,
  body: unknown,
  options: { key?: string; idempotencyKey?: string | null } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.key ?? h.operatorKey}` };
  if (options.idempotencyKey !== null)
    headers['idempotency-key'] = options.idempotencyKey ?? uniqueKey('settings');
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  return h.app.inject({
    method: 'PUT',
    url: `/v1/accounts/${accountId}/invoice-settings`,
    headers,
    payload: typeof body === 'string' ? body : (body as object),
  });
}

async function charge(h: Harness, accountId: string, amount: string, description = 'Render task') {
  const res = await h.call('POST', `/v1/accounts/${accountId}/charges`, {
    key: h.serviceKey,
    body: { amount: { amount, unit: 'CREDIT' }, productLine: 'compute', description },
  });
  if (res.statusCode !== 201) throw new Error(`charge: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

async function lastTransactionId(h: Harness, accountId: string): Promise<string> {
  return (await h.call('GET', `/v1/accounts/${accountId}/transactions?limit=1`)).json().data[0].id;
}

/** The account's own document prefix (given on its first numbered document). */
async function prefixOf(h: Harness, accountId: string): Promise<string> {
  const rows = await h.engine.db.query<{ prefix: string }>(
    'SELECT prefix FROM account_document_series WHERE account_id = $1',
    [accountId],
  );
  return rows[0]!.prefix;
}

const invoiceUrl = (accountId: string, transactionId: string, pdf = false) =>
  `/v1/accounts/${accountId}/transactions/${transactionId}/invoice${pdf ? '.pdf' : ''}`;

for (const backend of backends) {
  describe(`invoices (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    it('an invoice shows the settings version in force at its time, even after the settings changed', async () => {
      const accountId = await h.openAccount('Studio Nine');
      const customerKey = (await issueKey(h.engine, 'customer', accountId)).secret;

      h.clock.set('2026-01-05T09:00:00Z');
      const v1 = await putSettings(
        h,
        accountId,
        {
          name: 'Studio Nine Ltd',
          email: 'billing@studio9.example',
          address: '12 Harbour Road, Da Nang',
          taxInformation: 'VAT VN-0312345678',
        },
        { key: customerKey },
      );
      expect(v1.statusCode).toBe(200);
      expect(v1.json()).toEqual({
        accountId,
        source: 'invoice_settings',
        version: 1,
        name: 'Studio Nine Ltd',
        email: 'billing@studio9.example',
        address: '12 Harbour Road, Da Nang',
        taxInformation: 'VAT VN-0312345678',
        effectiveAt: '2026-01-05T09:00:00.000Z',
      });

      h.clock.set('2026-01-06T10:00:00Z');
      await h.fund(accountId, '100');
      const funding = await lastTransactionId(h, accountId);
      h.clock.set('2026-01-07T11:30:00Z');
      const render = await charge(h, accountId, '12.345678', 'Render job 7: 3 tasks');

      h.clock.set('2026-02-01T00:00:00Z');
      const v2 = await putSettings(h, accountId, {
        name: 'Studio Nine Holdings',
        email: 'accounts@studio9.example',
        address: '1 New Street, Hanoi',
        taxInformation: 'VAT VN-0999999999',
      });
      expect(v2.json()).toMatchObject({ version: 2, effectiveAt: '2026-02-01T00:00:00.000Z' });
      h.clock.set('2026-02-02T08:00:00Z');
      const rental = await charge(h, accountId, '2.5', 'GPU rental: 1 h');

      // Numbered when recorded, in the account's own series: funding 1, render 2, rental 3.
      const prefix = await prefixOf(h, accountId);
      expect(prefix).toMatch(/^[A-Z2-9]{8}$/);
      const renderInvoice = await h.call('GET', invoiceUrl(accountId, render), { key: customerKey });
      expect(renderInvoice.statusCode).toBe(200);
      expect(renderInvoice.json()).toEqual({
        number: `${prefix}-000002`,
        title: 'Invoice',
        issuer: SAMPLE_SELLER.legalName,
        seller: SAMPLE_SELLER,
        date: '2026-01-07T11:30:00.000Z',
        transactionId: render,
        accountId,
        kind: 'charge',
        unit: 'CREDIT',
        billTo: {
          name: 'Studio Nine Ltd',
          email: 'billing@studio9.example',
          address: '12 Harbour Road, Da Nang',
          taxInformation: 'VAT VN-0312345678',
        },
        settings: { source: 'invoice_settings', version: 1 },
        lines: [
          {
            description: 'Render job 7: 3 tasks',
            effect: 'deducted',
            label: 'Credits deducted',
            amount: { amount: '12.345678', unit: 'CREDIT' },
          },
        ],
        details: { payment: null, promotion: null, usage: [], refundOf: null, payout: null },
        totals: {
          label: 'Credits deducted',
          amount: { amount: '12.345678', unit: 'CREDIT' },
          deducted: { amount: '12.345678', unit: 'CREDIT' },
          added: { amount: '0.000000', unit: 'CREDIT' },
          net: { amount: '-12.345678', unit: 'CREDIT' },
        },
      });

      const fundingInvoice = (await h.call('GET', invoiceUrl(accountId, funding))).json();
      expect(fundingInvoice).toMatchObject({
        number: `${prefix}-000001`,
        kind: 'other',
        settings: { source: 'invoice_settings', version: 1 },
        lines: [
          { effect: 'added', label: 'Credits added', amount: { amount: '100.000000', unit: 'CREDIT' } },
        ],
        totals: { label: 'Credits added', net: { amount: '100.000000', unit: 'CREDIT' } },
      });

      const pdf = await h.call('GET', invoiceUrl(accountId, render, true), { key: customerKey });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${prefix}-000002.pdf"`);
      const text = await pdfText(pdf);
      for (const expected of [
        `${prefix}-000002`,
        'Studio Nine Ltd',
        'billing@studio9.example',
        '12 Harbour Road, Da Nang',
        'VAT VN-0312345678',
        'Render job 7: 3 tasks -12.345678',
        'Total 12.345678 credits',
        '07 Jan 2026, 11:30 UTC',
        SAMPLE_SELLER.legalName,
        SAMPLE_SELLER.taxId,
      ]) {
        expect(text).toContain(expected);
      }
      for (const later of ['Studio Nine Holdings', '1 New Street', 'VN-0999999999', 'accounts@studio9']) {
        expect(text).not.toContain(later);
      }

      const rentalPdf = await pdfText(await h.call('GET', invoiceUrl(accountId, rental, true)));
      for (const expected of [
        `${prefix}-000003`,
        'Studio Nine Holdings',
        '1 New Street, Hanoi',
        'VN-0999999999',
        'GPU rental: 1 h -2.50',
      ]) {
        expect(rentalPdf).toContain(expected);
      }
      // Internal notes (which settings version applied) are not printed on documents.
      expect(rentalPdf).not.toContain('settings version');

      // Fetched again, later: the same number and the same bytes.
      h.clock.set('2026-03-01T00:00:00Z');
      const again = await h.call('GET', invoiceUrl(accountId, render, true), { key: customerKey });
      expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);
      expect((await h.call('GET', invoiceUrl(accountId, render))).body).toBe(renderInvoice.body);

      const current = await h.call('GET', `/v1/accounts/${accountId}/invoice-settings`, { key: customerKey });
      expect(current.json()).toMatchObject({ version: 2, name: 'Studio Nine Holdings' });
    });

    it("without settings at the transaction's time, the invoice uses the account's name and email", async () => {
      const created = await h.call('POST', '/v1/accounts', {
        body: { name: 'Ada Render', email: 'ada@render.example' },
      });
      const accountId = created.json().id as string;
      const before = await h.call('GET', `/v1/accounts/${accountId}/invoice-settings`);
      expect(before.json()).toEqual({
        accountId,
        source: 'account',
        version: null,
        name: 'Ada Render',
        email: 'ada@render.example',
        address: null,
        taxInformation: null,
        effectiveAt: null,
      });
      h.clock.advance(60_000);
      await h.fund(accountId, '5');
      const topUp = await lastTransactionId(h, accountId);
      h.clock.advance(60_000);
      // Set after the transaction: it must not reach back.
      expect((await putSettings(h, accountId, { email: 'ap@ada.example', name: 'Ada Ltd' })).statusCode).toBe(
        200,
      );
      const invoice = (await h.call('GET', invoiceUrl(accountId, topUp))).json();
      expect(invoice).toMatchObject({
        billTo: { name: 'Ada Render', email: 'ada@render.example', address: null, taxInformation: null },
        settings: { source: 'account', version: null },
        totals: { label: 'Credits added', amount: { amount: '5.000000', unit: 'CREDIT' } },
      });
      const text = await pdfText(await h.call('GET', invoiceUrl(accountId, topUp, true)));
      expect(text).toContain('Ada Render');
      expect(text).toContain('ada@render.example');
      expect(text).not.toContain('Ada Ltd');
    });

    it('a settings change is idempotent: a replay answers the same and writes nothing; another body is a 409', async () => {
      const accountId = await h.openAccount();
      const key = uniqueKey('settings');
      const body = { email: 'a@b.example', name: 'A' };
      const first = await putSettings(h, accountId, body, { idempotencyKey: key });
      expect(first.statusCode).toBe(200);
      const before = await rowCounts(h.engine.db);
      h.clock.advance(1_000);
      const replay = await putSettings(
        h,
        accountId,
        { name: 'A', email: 'a@b.example' },
        { idempotencyKey: key },
      );
      expect(replay.statusCode).toBe(200);
      expect(replay.body).toBe(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      const conflict = await putSettings(h, accountId, { email: 'c@d.example' }, { idempotencyKey: key });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().code).toBe('idempotency_key_reused');
      expect(await rowCounts(h.engine.db)).toEqual(before);
    });

    describe('bad input gets a clear problem and writes nothing', () => {
      let accountId: string;
      beforeAll(async () => {
        accountId = await h.openAccount('Bad Input Co');
        await putSettings(h, accountId, { email: 'keep@me.example', name: 'Kept' });
      });

      it.each([
        ['missing email', { name: 'No Email' }, 'validation_failed', 'email'],
        ['invalid email', { email: 'not-an-email' }, 'validation_failed', 'email'],
        ['email with spaces', { email: 'a b@c.example' }, 'validation_failed', 'email'],
        ['email not a string', { email: 42 }, 'validation_failed', 'email'],
        ['unknown field', { email: 'a@b.example', vatRate: '10' }, 'unknown_field', 'vatRate'],
        ['overlong name', { email: 'a@b.example', name: 'n'.repeat(201) }, 'validation_failed', 'name'],
        [
          'overlong address',
          { email: 'a@b.example', address: 'a'.repeat(1001) },
          'validation_failed',
          'address',
        ],
        [
          'overlong tax information',
          { email: 'a@b.example', taxInformation: 't'.repeat(501) },
          'validation_failed',
          'taxInformation',
        ],
        ['blank name', { email: 'a@b.example', name: '   ' }, 'validation_failed', 'name'],
        ['overlong email', { email: `${'e'.repeat(320)}@b.example` }, 'validation_failed', 'email'],
      ])('%s', async (_name, body, code, field) => {
        const before = await rowCounts(h.engine.db);
        const res = await putSettings(h, accountId, body);
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 400, code, field });
        expect(await rowCounts(h.engine.db)).toEqual(before);
        expect((await h.call('GET', `/v1/accounts/${accountId}/invoice-settings`)).json()).toMatchObject({
          version: 1,
          email: 'keep@me.example',
        });
      });

      it('a missing Idempotency-Key or malformed JSON is refused', async () => {
        const before = await rowCounts(h.engine.db);
        const noKey = await putSettings(h, accountId, { email: 'a@b.example' }, { idempotencyKey: null });
        expect(noKey.json()).toMatchObject({
          status: 400,
          code: 'idempotency_key_required',
          field: 'Idempotency-Key',
        });
        const malformed = await putSettings(h, accountId, '{"email": ');
        expect(malformed.json()).toMatchObject({ status: 400, code: 'malformed_json' });
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('an unknown transaction or account is a 404 problem and numbers nothing', async () => {
        const before = await rowCounts(h.engine.db);
        const unknownTxn = await h.call('GET', invoiceUrl(accountId, 'txn_doesnotexist'));
        expect(unknownTxn.statusCode).toBe(404);
        expect(unknownTxn.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(unknownTxn.json()).toMatchObject({ code: 'transaction_not_found' });
        expect((await h.call('GET', invoiceUrl(accountId, 'txn_doesnotexist', true))).json()).toMatchObject({
          status: 404,
          code: 'transaction_not_found',
        });
        expect((await h.call('GET', invoiceUrl('acct_nope', 'txn_nope'))).json().code).toBe(
          'account_not_found',
        );
        expect((await h.call('GET', '/v1/accounts/acct_nope/invoice-settings')).json().code).toBe(
          'account_not_found',
        );
        expect((await putSettings(h, 'acct_nope', { email: 'a@b.example' })).json().code).toBe(
          'account_not_found',
        );
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('a booth transaction (the welcome tokens) has no compute invoice and takes no number', async () => {
        const history = await h.call('GET', `/v1/accounts/${accountId}/transactions?unit=TOKEN`);
        const welcome = history.json().data[0];
        expect(welcome).toMatchObject({ kind: 'promotion', amount: { amount: '25.000000', unit: 'TOKEN' } });
        const before = await rowCounts(h.engine.db);
        const res = await h.call('GET', invoiceUrl(accountId, welcome.id));
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'invoice_not_found' });
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });
    });

    describe('authorization', () => {
      let mine: string;
      let theirs: string;
      let theirTransaction: string;
      let customerKey: string;
      beforeAll(async () => {
        mine = await h.openAccount('Mine');
        theirs = await h.openAccount('Theirs');
        await h.fund(theirs, '10');
        theirTransaction = await lastTransactionId(h, theirs);
        customerKey = (await issueKey(h.engine, 'customer', mine)).secret;
      });

      it("a customer key cannot read or change another account's invoices or settings (404), nor number them", async () => {
        const before = await rowCounts(h.engine.db);
        for (const url of [
          invoiceUrl(theirs, theirTransaction),
          invoiceUrl(theirs, theirTransaction, true),
          `/v1/accounts/${theirs}/invoice-settings`,
        ]) {
          const res = await h.call('GET', url, { key: customerKey });
          expect(res.statusCode).toBe(404);
          expect(res.json().code).toBe('account_not_found');
        }
        // Their transaction under my account id: not mine, so not found.
        const crossed = await h.call('GET', invoiceUrl(mine, theirTransaction), { key: customerKey });
        expect(crossed.json()).toMatchObject({ status: 404, code: 'transaction_not_found' });
        const put = await putSettings(h, theirs, { email: 'x@y.example' }, { key: customerKey });
        expect(put.json()).toMatchObject({ status: 404, code: 'account_not_found' });
        expect(await rowCounts(h.engine.db)).toEqual(before);
      });

      it('a customer sets its own settings; a service key may read them but not change them', async () => {
        expect(
          (await putSettings(h, mine, { email: 'me@mine.example' }, { key: customerKey })).statusCode,
        ).toBe(200);
        const service = await putSettings(h, mine, { email: 'svc@mine.example' }, { key: h.serviceKey });
        expect(service.json()).toMatchObject({ status: 403, code: 'forbidden' });
        const read = await h.call('GET', `/v1/accounts/${mine}/invoice-settings`, { key: h.serviceKey });
        expect(read.json()).toMatchObject({ version: 1, email: 'me@mine.example' });
      });
    });

    it('lists the invoice endpoints in the OpenAPI document with a strict settings body', async () => {
      const doc = (await h.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/accounts/{accountId}/invoice-settings',
          '/v1/accounts/{accountId}/transactions/{transactionId}/invoice',
          '/v1/accounts/{accountId}/transactions/{transactionId}/invoice.pdf',
        ]),
      );
      const body =
        doc.paths['/v1/accounts/{accountId}/invoice-settings'].put.requestBody.content['application/json']
          .schema;
      expect(body.additionalProperties).toBe(false);
      expect(body.required).toEqual(['email']);
    });
  });

  describe(`invoice numbers under concurrency (${backend.name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(async () => h.close());

    it('concurrent finalizations of one account, compute and booth alike, take numbers 1..N of its series', async () => {
      const accountId = await h.openAccount('Busy');
      await h.fund(accountId, '1000');
      // 20 charges (compute documents, numbered as the ledger records them) and 20 booth-style
      // finalizations (each takes a number in its own database transaction), all at once.
      const [charged, taken] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, (_, i) => charge(h, accountId, `1.${i}`))),
        Promise.all(
          Array.from({ length: 20 }, () =>
            transactionWithRetry(h.engine.db, (tx) => takeDocumentNumber(tx, accountId)),
          ),
        ),
      ]);
      const prefix = await prefixOf(h, accountId);
      const stored = await h.engine.db.query<{ transaction_id: string; prefix: string; number: bigint }>(
        'SELECT transaction_id, prefix, number FROM invoices WHERE account_id = $1',
        [accountId],
      );
      // Every charge was numbered when recorded, before anyone fetched its invoice.
      expect(stored.map((r) => r.transaction_id)).toEqual(expect.arrayContaining(charged));
      expect(new Set([...stored.map((r) => r.prefix), ...taken.map((t) => t.prefix)])).toEqual(
        new Set([prefix]),
      );
      const numbers = [...stored.map((r) => BigInt(r.number)), ...taken.map((t) => t.number)].sort((a, b) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      expect(numbers).toEqual(Array.from({ length: 41 }, (_, i) => BigInt(i + 1)));

      // In finalization order: the ledger's order of the charges is their numbers' order.
      const inLedgerOrder = await h.engine.db.query<{ number: bigint }>(
        `SELECT i.number FROM invoices i JOIN transactions t ON t.id = i.transaction_id
         WHERE i.account_id = $1 ORDER BY t.created_at, t.seq`,
        [accountId],
      );
      const ordered = inLedgerOrder.map((r) => BigInt(r.number));
      expect(ordered).toEqual([...ordered].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

      // Fetching changes nothing; a later document continues the series.
      const first = await h.call('GET', invoiceUrl(accountId, charged[0]!));
      const firstNumber = stored.find((r) => r.transaction_id === charged[0])!.number;
      expect(first.json().number).toBe(formatDocumentNumber(prefix, BigInt(firstNumber)));
      const late = await charge(h, accountId, '3');
      expect((await h.call('GET', invoiceUrl(accountId, late))).json().number).toBe(`${prefix}-000042`);
    });

    it("a new account's first invoice is number 1 of its own prefix; older numbers are kept", async () => {
      const older = await h.openAccount('Older');
      await h.fund(older, '5');
      const fresh = await h.openAccount('Fresh');
      await h.fund(fresh, '5');
      const invoice = (await h.call('GET', invoiceUrl(fresh, await lastTransactionId(h, fresh)))).json();
      const prefix = await prefixOf(h, fresh);
      expect(prefix).not.toBe(await prefixOf(h, older));
      expect(invoice.number).toBe(`${prefix}-000001`);

      // A document numbered in the old shared series keeps its number.
      const legacyId = await lastTransactionId(h, older);
      await h.engine.db.query(`UPDATE invoices SET prefix = 'PB', number = 5 WHERE transaction_id = $1`, [
        legacyId,
      ]);
      expect((await h.call('GET', invoiceUrl(older, legacyId))).json().number).toBe('PB-000005');
    });
  });
}

describe('invoice domain', () => {
  const transaction: TransactionRecord = {
    id: 'txn_1',
    accountId: 'acct_1',
    kind: 'charge',
    unit: 'CREDIT',
    amountMicros: -3_500_001n,
    description: 'Render',
    metadata: {},
    holdId: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
  const invoice: InvoiceRecord = {
    transactionId: 'txn_1',
    accountId: 'acct_1',
    prefix: 'PB',
    number: 42n,
    settingsVersion: 3,
    billTo: { name: 'N', email: 'n@x.example', address: null, taxInformation: null },
    numberedAt: new Date('2026-01-02T00:00:00Z'),
  };

  it('lines are positive with their direction, and the totals are their exact sum', () => {
    const doc = buildInvoiceDocument(
      invoice,
      transaction,
      [
        {
          walletSide: 'debit',
          amountMicros: 3_000_000n,
          counterpartyAccountId: 'system:revenue.compute:CREDIT',
        },
        {
          walletSide: 'debit',
          amountMicros: 500_001n,
          counterpartyAccountId: 'system:revenue.compute:CREDIT',
        },
      ],
      SAMPLE_SELLER,
      documentDetails(transaction, {}),
    );
    expect(doc.number).toBe('PB-000042');
    expect(doc.lines.map((l) => [l.effect, l.amountMicros])).toEqual([
      ['deducted', 3_000_000n],
      ['deducted', 500_001n],
    ]);
    expect(doc.totals).toEqual({
      deductedMicros: 3_500_001n,
      addedMicros: 0n,
      netMicros: -3_500_001n,
      label: 'Credits deducted',
      amountMicros: 3_500_001n,
    });
  });

  it('refuses to draw an invoice whose lines do not add up to the transaction', () => {
    expect(() =>
      buildInvoiceDocument(
        invoice,
        transaction,
        [
          {
            walletSide: 'debit',
            amountMicros: 3_000_000n,
            counterpartyAccountId: 'system:revenue.compute:CREDIT',
          },
        ],
        SAMPLE_SELLER,
        documentDetails(transaction, {}),
      ),
    ).toThrow(/sum to/);
  });

  it('numbers grow past six digits; settings are trimmed and checked', () => {
    expect(formatDocumentNumber('7KQ2MZ4X', 1n)).toBe('7KQ2MZ4X-000001');
    expect(formatDocumentNumber('PB', 1_234_567n)).toBe('PB-1234567');
    expect(normalizeInvoiceSettings({ email: ' a@b.example ', name: '  ', address: ' 1 Road ' })).toEqual({
      ok: true,
      value: { email: 'a@b.example', address: '1 Road' },
    });
    expect(normalizeInvoiceSettings({ email: 'nope' })).toMatchObject({
      ok: false,
      error: { field: 'email' },
    });
    expect(normalizeInvoiceSettings({ email: 'a@b.example', taxInformation: 'x'.repeat(501) })).toMatchObject(
      {
        ok: false,
        error: { field: 'taxInformation' },
      },
    );
  });

  it('customer text is kept as it is (NFC); what the embedded font lacks shows as U+FFFD, never "?"', () => {
    expect(pdfSafe('Công ty Nguyễn Đức, 12 − 14 Phố Huế')).toBe('Công ty Nguyễn Đức, 12 − 14 Phố Huế');
    expect(pdfSafe('Cafe\u0301\u0007')).toBe('Café');
    expect(pdfSafe('Müller & Søn – 東京')).toBe('Müller & Søn – \ufffd\ufffd');
  });
});
