import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { renderOffLoop } from '../../kernel/documents/render-pool.js';
import { z } from 'zod';
import { type InvoiceDocument, effectLabel } from './invoice-rules.js';
import type { ComputeContext } from '../context.js';
import { getInvoice } from './get-invoice.js';
import { Invoice, InvoiceParams } from './invoice-schemas.js';
import { money } from '../../ledger/present.js';
import { formatMoney } from '../../kernel/format-rules.js';
import { formatWei } from '../deposits/relay-rules.js';
import { reply } from '../../kernel/http/reply.js';
import { sendPdf } from '../../kernel/http/send-pdf.js';
import { COMMON_PROBLEMS, ProblemSchema } from '../../kernel/http/schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;

const presentInvoice = (invoice: InvoiceDocument) => ({
  number: invoice.number,
  title: invoice.title,
  issuer: invoice.issuer,
  seller: invoice.seller,
  date: invoice.date.toISOString(),
  transactionId: invoice.transactionId,
  accountId: invoice.accountId,
  kind: invoice.kind,
  unit: invoice.unit,
  billTo: invoice.billTo,
  settings: { source: invoice.settingsSource, version: invoice.settingsVersion },
  lines: invoice.lines.map((line) => ({
    description: line.description,
    effect: line.effect,
    label: effectLabel(invoice.unit, line.effect),
    amount: money(line.amountMicros, invoice.unit),
  })),
  details: presentDetails(invoice),
  totals: {
    label: invoice.totals.label,
    amount: money(invoice.totals.amountMicros, invoice.unit),
    deducted: money(invoice.totals.deductedMicros, invoice.unit),
    added: money(invoice.totals.addedMicros, invoice.unit),
    net: money(invoice.totals.netMicros, invoice.unit),
  },
});

const presentDetails = ({ details: d }: InvoiceDocument) => ({
  payment: d.payment && {
    method: d.payment.method,
    currency: d.payment.currency,
    credits: money(d.payment.creditsMicros, 'CREDIT'),
    amountPaid: formatMoney(d.payment.amountPaidMicros),
    fee: formatMoney(d.payment.feeMicros),
    networkFee: d.payment.networkFee && {
      paidBy: d.payment.networkFee.paidBy,
      amount:
        d.payment.networkFee.wei === null
          ? null
          : { amount: formatWei(d.payment.networkFee.wei), unit: 'ETH' as const },
      refund: d.payment.networkFee.refund && {
        credits: money(d.payment.networkFee.refund.creditsMicros, 'CREDIT'),
        transactionId: d.payment.networkFee.refund.transactionId,
      },
      statement: d.payment.networkFee.statement,
    },
    totalCharged: formatMoney(d.payment.totalChargedMicros),
    references: d.payment.references.map((r) => ({ label: r.label, value: r.value, url: r.url ?? null })),
  },
  promotion: d.promotion && {
    name: d.promotion.name,
    credits: money(d.promotion.creditsMicros, 'CREDIT'),
    transactionId: d.promotion.transactionId,
  },
  usage: d.usage.map((u) => ({
    description: u.description,
    quantity: u.quantity,
    rate: u.rate,
    amount: money(u.amountMicros, 'CREDIT'),
  })),
  refundOf: d.refundOf && {
    transactionId: d.refundOf.transactionId,
    number: d.refundOf.number,
    date: d.refundOf.date.toISOString(),
  },
  payout: d.payout && { label: d.payout.label, value: d.payout.value, url: d.payout.url ?? null },
});

export const invoicesRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/accounts/:accountId/transactions/:transactionId/invoice',
      {
        config: { roles: ALL },
        schema: {
          tags: ['invoices'],
          summary: "A transaction's invoice: its gapless number, the settings of its time, lines and totals",
          params: InvoiceParams,
          response: { 200: Invoice, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => reply(res, await getInvoice(ctx, request.params), presentInvoice),
    );

    app.get(
      '/v1/accounts/:accountId/transactions/:transactionId/invoice.pdf',
      {
        config: { roles: ALL },
        schema: {
          tags: ['invoices'],
          summary: "A transaction's invoice as a PDF download (the same document as the JSON)",
          params: InvoiceParams,
          // The body is the PDF's bytes, sent as they are (fastify does not serialize a Buffer).
          response: {
            200: z.any().describe('the invoice as application/pdf'),
            ...COMMON_PROBLEMS,
            503: ProblemSchema,
          },
        },
      },
      async (request, res) =>
        sendPdf(res, () => getInvoice(ctx, request.params), {
          render: (invoice) =>
            renderOffLoop(import.meta.url, './invoice-pdf.js', 'renderInvoicePdf', [invoice]),
          filename: (invoice) => `${invoice.number}.pdf`,
        }),
    );
  };
