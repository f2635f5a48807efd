/**
 * Renders one document of each kind from sample data, through the same builders and renderers the
 * API uses, then turns each PDF's first page into a PNG with Debian's pdftoppm (poppler-utils):
 * docs/screenshots/invoices/<kind>.png. Run: `npx tsx scripts/document-samples.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInvoiceDocument, type InvoiceRecord } from '../src/compute/invoices/invoice-rules.js';
import { documentDetails, type DocumentFacts } from '../src/compute/invoices/document-rules.js';
import { renderInvoicePdf } from '../src/compute/invoices/invoice-pdf.js';
import { renderBoothInvoicePdf } from '../src/booth/billing/booth-invoice-pdf.js';
import { renderTokenStatementPdf } from '../src/booth/billing/token-statement-pdf.js';
import type { BoothInvoice } from '../src/booth/billing/booth-invoice-rules.js';
import { parseStatementMonth } from '../src/booth/billing/token-statement-rules.js';
import type { TransactionRecord } from '../src/ledger/ledger-rules.js';
import { SAMPLE_SELLER } from '../src/kernel/documents/seller-rules.js';

const OUT = 'docs/screenshots/invoices';
const ACCOUNT = 'acct_01k93demo0studio9nine00';
const BILL_TO = {
  name: 'Zoë Ångström — Łódź → Café Müller',
  email: 'billing@studio9.example',
  address: 'ul. Piotrkowska 104, 90-001 Łódź, Poland',
  taxInformation: 'VAT PL-7251234567',
};

const txn = (id: string, t: Partial<TransactionRecord>): TransactionRecord => ({
  id,
  accountId: ACCOUNT,
  kind: 'payment',
  unit: 'CREDIT',
  amountMicros: 0n,
  description: '',
  metadata: {},
  holdId: null,
  createdAt: new Date('2027-04-15T09:30:00Z'),
  ...t,
});

async function computePdf(number: bigint, t: TransactionRecord, facts: DocumentFacts = {}): Promise<Buffer> {
  const invoice: InvoiceRecord = {
    transactionId: t.id,
    accountId: ACCOUNT,
    prefix: '7KQ2MZ4X',
    number,
    settingsVersion: 1,
    billTo: BILL_TO,
    numberedAt: t.createdAt,
  };
  const side = t.amountMicros < 0n ? 'debit' : 'credit';
  const amount = t.amountMicros < 0n ? -t.amountMicros : t.amountMicros;
  const movement = {
    walletSide: side,
    amountMicros: amount,
    counterpartyAccountId: 'system:x:CREDIT',
  } as const;
  return renderInvoicePdf(
    buildInvoiceDocument(invoice, t, [movement], SAMPLE_SELLER, documentDetails(t, facts)),
  );
}

async function main(): Promise<void> {
  const paypal = txn('txn_01k93paypal000000000000', {
    amountMicros: 57_500_000n,
    description: 'PayPal top-up',
    metadata: {
      rail: 'paypal',
      sourceId: '7XK12345AB678901C',
      paypalOrderId: '5O190127TN364715T',
      fee: '2.83',
      charged: '60.33',
    },
  });
  const promotion = txn('txn_01k93promo0000000000000', {
    kind: 'promotion',
    amountMicros: 5_750_000n,
    description: 'Promotion: Spring bonus',
  });
  const hash = '0x9fc76417374aa880d4449a1f7f31ec597f00b1f6f3dd2d66f4c9c6c445836d8b';
  const usdt = txn('txn_01k93usdt00000000000000', {
    amountMicros: 1_234_500_000n,
    description: 'USDT deposit',
    metadata: {
      rail: 'usdt',
      txHash: hash,
      chainId: '1',
      fromAddress: '0x52908400098527886E0F7030069857D2E4169EE7',
      explorerUrl: `https://etherscan.io/tx/${hash}`,
      fee: '0',
    },
  });
  const render = txn('txn_01k93render00000000000', {
    kind: 'charge',
    amountMicros: -450_000n,
    description: 'Render task frame-12 of job 7',
    metadata: { renderJob: 'job-7', renderTask: 'frame-12' },
  });
  const rental = txn('txn_01k93rental00000000000', {
    kind: 'charge',
    amountMicros: -60_672_000n,
    description: 'Machine rental charge: rtx-4090, 100 GB, 1 day(s)',
    metadata: {
      instanceType: 'rtx-4090',
      diskGb: '100',
      periodStart: '2027-04-15T09:30:00.000Z',
      periodEnd: '2027-04-16T09:30:00.000Z',
      hours: '24',
      compute: '60.000000',
      computeMicrosPerHour: '2500000',
      storageMicrosPerGbHour: '280',
      storage: '0.672000',
    },
  });
  const storage = txn('txn_01k93storage0000000000', {
    kind: 'charge',
    amountMicros: -28_000n,
    description: 'Storage charge: 100 GB, 1 hour',
    metadata: {
      storageChargeId: 'stc_1',
      instanceIds: 'inst_1',
      hourStart: '2027-04-16T10:00:00.000Z',
      hourEnd: '2027-04-16T11:00:00.000Z',
      diskGb: '100',
      fees: '0.028000',
    },
  });
  const refund = txn('txn_01k93refund00000000000', {
    kind: 'refund',
    amountMicros: -20_000_000n,
    description: 'Refund: customer request',
    createdAt: new Date('2027-04-20T14:00:00Z'),
    metadata: { paymentId: paypal.id, rail: 'paypal' },
  });
  const resources = { gpus: 1, cpuCores: 10, ramGb: 16, storageGb: 100, seconds: 1350 };
  const rates = {
    gpuHourMicros: 900_000n,
    cpuCoreHourMicros: 20_000n,
    ramGbHourMicros: 5_000n,
    storageGbHourMicros: 200n,
  };

  const booth: BoothInvoice = {
    id: 'binv_01k93order000000000000',
    accountId: ACCOUNT,
    source: 'order:lord_1',
    number: 12n,
    formattedNumber: 'BTH-000012',
    status: 'paid',
    description: 'Pro monthly × 5',
    settlement: { type: 'charge_default_card', applyAccountCredit: true, onDecline: 'void' },
    lines: [
      {
        position: 1,
        kind: 'purchase',
        description: 'Pro monthly × 5 at $99.00, 15 Apr – 15 May 2027',
        quantity: 5,
        amountMicros: 495_000_000n,
        metadata: {},
      },
      {
        position: 2,
        kind: 'volume_discount',
        description: 'Volume discount 10%',
        quantity: 1,
        amountMicros: -49_500_000n,
        metadata: {},
      },
      {
        position: 3,
        kind: 'coupon',
        description: 'Coupon SPRING20 (20%)',
        quantity: 1,
        amountMicros: -89_100_000n,
        metadata: {},
      },
    ],
    subtotalMicros: 356_400_000n,
    creditAppliedMicros: 9_900_000n,
    totalMicros: 346_500_000n,
    amountPaidMicros: 346_500_000n,
    billTo: { settingsVersion: 1, ...BILL_TO },
    paymentAttempts: 1,
    paymentMethodId: 'pm_1',
    lastDeclineCode: null,
    lastDeclineMessage: null,
    createdAt: new Date('2027-04-15T12:00:00Z'),
    finalizedAt: new Date('2027-04-15T12:00:00Z'),
    paidAt: new Date('2027-04-15T12:00:01Z'),
    voidedAt: null,
    markedUncollectibleAt: null,
    dunning: null,
  };
  const statement = {
    accountId: ACCOUNT,
    period: parseStatementMonth('2027-04')!,
    issuedAt: new Date('2027-04-30T23:59:59Z'),
    billTo: { settingsVersion: 1, ...BILL_TO },
    lines: [
      {
        eventId: 'evt_1',
        event: 'Gala — Kraków',
        item: 'ai image low outputs',
        quantity: 212,
        tokensMicros: 212_000_000n,
      },
      { eventId: 'evt_1', event: 'Gala — Kraków', item: 'photo outputs', quantity: 640, tokensMicros: 0n },
      {
        eventId: 'evt_2',
        event: 'Expo Tiếng Việt',
        item: 'Virtual booth sessions',
        quantity: 70,
        tokensMicros: 70_000_000n,
      },
    ],
    totalTokensMicros: 282_000_000n,
    charges: 83,
  };

  const documents: [string, Promise<Buffer>][] = [
    ['receipt-paypal', computePdf(21n, paypal, { promotion })],
    ['receipt-usdt', computePdf(22n, usdt)],
    ['invoice-render-task', computePdf(23n, render, { renderTask: { usage: resources, rates } })],
    ['invoice-rental', computePdf(24n, rental)],
    ['invoice-storage-hour', computePdf(25n, storage)],
    [
      'credit-note-refund',
      computePdf(26n, refund, { original: { transaction: paypal, number: 'PB-000021' } }),
    ],
    ['booth-invoice', renderBoothInvoicePdf(booth)],
    ['token-usage-statement', renderTokenStatementPdf(statement)],
  ];
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'documents-'));
  for (const [name, pdf] of documents) {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, join(OUT, name)]);
    console.log(`${OUT}/${name}.png`);
  }
}

await main();
