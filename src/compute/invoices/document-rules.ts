/**
 * What a compute document states beyond its wallet lines, without I/O: the payment a receipt
 * acknowledges (method, amounts paid, fee, total charged, the rail's references), the promotion
 * granted with it, the usage a charge bills (resources × duration × rate), and the document a
 * credit note refers to. Built from the transaction's own metadata plus the facts the use case
 * looked up (`DocumentFacts`); every amount comes from stored micros, never recomputed from text.
 */
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import {
  formatDateRange,
  formatDateTime,
  formatMoney,
  formatMoneyWithUnit,
} from '../../kernel/format-rules.js';
import { parsePositiveAmount } from '../../kernel/money.js';
import { formatWei, networkFeeWei } from '../deposits/relay-rules.js';
import { type RenderRates, type RenderResources, hourlyRateMicros } from '../rendering/rendering-rules.js';

export type DocumentTitle = 'Receipt' | 'Invoice' | 'Credit note' | 'Adjustment note';

export interface PaymentReference {
  label: string;
  value: string;
  /** A public page showing it (a chain explorer), when there is one. */
  url?: string;
}

export interface PaymentDetails {
  method: 'PayPal' | 'PayPal (sandbox)' | 'USDT';
  /** What was paid in: USD through PayPal, USDT on chain. */
  currency: 'USD' | 'USDT';
  /** Credits added by the payment (1 credit = 1 USD = 1 USDT). */
  creditsMicros: bigint;
  /** The amount paid for the credits, in `currency`: equal to the credits. */
  amountPaidMicros: bigint;
  /** The payment rail's fee, paid by the payer on top (PayPal); 0 for USDT. */
  feeMicros: bigint;
  /** USDT only: who paid the chain's network fee (gas), and how much if Pictor did. */
  networkFee: NetworkFeeStatement | null;
  /** amount paid + fee: what the payer was charged. */
  totalChargedMicros: bigint;
  references: PaymentReference[];
}

/**
 * Who paid a USDT deposit's gas, as the receipt states it. Pictor's relayer (docs/usdt-relay.md)
 * pays it in the chain's native token, so it is stated in wei → ETH, never as a USDT amount;
 * a transfer the customer's wallet sent was paid for by that wallet, which the receipt says
 * instead of a "0.00" that would read as free.
 */
export interface NetworkFeeStatement {
  paidBy: 'pictor' | 'sender';
  /**
   * gasUsed × effectiveGasPrice: what Pictor's relayer paid, or what the sending wallet paid when
   * Pictor refunded it; null until the watcher read the receipt, or when nobody measured it.
   */
  wei: bigint | null;
  /** The sender paid and Pictor refunded the gas as credits ("Network fee sponsored"). */
  refund: { creditsMicros: bigint; transactionId: string } | null;
  statement: string;
}

export interface UsageLine {
  description: string;
  /** "2 GPU, 8 CPU cores … × 1 h 30 min", "100 GB × 1 h". */
  quantity: string;
  /** "3.10 credits/h", "0.00028 credits/GB·h". */
  rate: string;
  amountMicros: bigint;
}

export interface DocumentDetails {
  title: DocumentTitle;
  payment: PaymentDetails | null;
  /** The promotion granted with this payment (a separate Promotion transaction). */
  promotion: { name: string; creditsMicros: bigint; transactionId: string } | null;
  usage: UsageLine[];
  /** A credit note's original document. */
  refundOf: { transactionId: string; number: string; date: Date } | null;
  /** A credit note of a USDT top-up: the on-chain payout that sent the USDT back. */
  payout: PaymentReference | null;
}

/** What the use case looked up for the transaction's details (absent: not applicable or not found). */
export interface DocumentFacts {
  promotion?: TransactionRecord;
  original?: { transaction: TransactionRecord; number: string };
  renderTask?: { usage: RenderResources & { seconds: number }; rates: RenderRates };
  instance?: {
    typeCode: string;
    diskGb: number;
    computeMicrosPerHour: bigint;
    storageMicrosPerGbHour: bigint;
  };
  chainNames?: Record<string, string>;
  /** A USDT payment Pictor's relayer sent: the gas recorded on the relay (null until known). */
  relay?: { gasUsed: bigint | null; effectiveGasPrice: bigint | null };
  /** A USDT payment whose gas the sending wallet paid and Pictor refunded ("Network fee sponsored"). */
  networkFeeRefund?: TransactionRecord;
}

const TITLES: Record<TransactionRecord['kind'], DocumentTitle> = {
  payment: 'Receipt',
  charge: 'Invoice',
  refund: 'Credit note',
  promotion: 'Adjustment note',
  other: 'Adjustment note',
};

/** Ethereum-family chains by id, for "Chain: Ethereum (1)"; unknown ids are shown as the id. */
const CHAINS: Record<string, string> = {
  '1': 'Ethereum',
  '11155111': 'Sepolia',
  '31337': 'Local test chain',
};

export function documentDetails(transaction: TransactionRecord, facts: DocumentFacts): DocumentDetails {
  return {
    title: TITLES[transaction.kind],
    payment: transaction.kind === 'payment' ? paymentDetails(transaction, facts) : null,
    promotion: facts.promotion
      ? {
          name: facts.promotion.description.replace(/^Promotion: /, ''),
          creditsMicros: facts.promotion.amountMicros,
          transactionId: facts.promotion.id,
        }
      : null,
    usage: transaction.kind === 'charge' ? usageLines(transaction, facts) : [],
    payout:
      transaction.kind === 'refund' && transaction.metadata.payoutTxHash
        ? {
            label: 'Payout transaction',
            value: transaction.metadata.payoutTxHash,
            ...(transaction.metadata.explorerUrl ? { url: transaction.metadata.explorerUrl } : {}),
          }
        : null,
    refundOf: facts.original
      ? {
          transactionId: facts.original.transaction.id,
          number: facts.original.number,
          date: facts.original.transaction.createdAt,
        }
      : null,
  };
}

const micros = (text: string | undefined): bigint => {
  if (text === undefined || text === '0') return 0n;
  const parsed = parsePositiveAmount(text, 'CREDIT');
  return parsed.ok ? parsed.micros : 0n;
};

/** "0.000061234 ETH": wei as ETH, every significant digit and no trailing zeros. */
export function formatEth(wei: bigint): string {
  const [whole, fraction] = formatWei(wei).split('.') as [string, string];
  const digits = fraction.replace(/0+$/, '');
  return `${whole}${digits ? `.${digits}` : ''} ETH`;
}

/**
 * Who paid a USDT deposit's gas and what Pictor did about it, as the receipt, the deposits API and
 * the page state it: paid by Pictor's relayer; paid by the sending wallet and refunded as credits
 * (docs/usdt-relay.md § Refund); or paid by the sending wallet and not refunded.
 */
export function networkFeeStatement(
  relay: DocumentFacts['relay'],
  refund?: TransactionRecord,
): NetworkFeeStatement {
  if (relay) {
    const wei =
      relay.gasUsed !== null && relay.effectiveGasPrice !== null
        ? networkFeeWei(relay.gasUsed, relay.effectiveGasPrice)
        : null;
    return {
      paidBy: 'pictor',
      wei,
      refund: null,
      statement:
        wei === null ? 'Network fee paid by Pictor' : `Network fee paid by Pictor: ${formatEth(wei)}`,
    };
  }
  if (refund) {
    const m = refund.metadata;
    const wei =
      m.gasUsed && m.effectiveGasPrice ? networkFeeWei(BigInt(m.gasUsed), BigInt(m.effectiveGasPrice)) : null;
    const credits = formatMoneyWithUnit(refund.amountMicros, 'CREDIT');
    return {
      paidBy: 'sender',
      wei,
      refund: { creditsMicros: refund.amountMicros, transactionId: refund.id },
      statement: `Network fee sponsored: ${credits} refunded${wei === null ? '' : ` (gas paid by the sending wallet: ${formatEth(wei)})`}`,
    };
  }
  return {
    paidBy: 'sender',
    wei: null,
    refund: null,
    statement: 'Network fee paid by the sending wallet (gas, in ETH)',
  };
}

function paymentDetails(t: TransactionRecord, facts: DocumentFacts): PaymentDetails | null {
  const m = t.metadata;
  if (m.rail === 'usdt') {
    const chain = m.chainId ? `${CHAINS[m.chainId] ?? 'Chain'} (chain id ${m.chainId})` : 'unknown';
    return {
      method: 'USDT',
      currency: 'USDT',
      creditsMicros: t.amountMicros,
      amountPaidMicros: t.amountMicros,
      feeMicros: 0n,
      networkFee: networkFeeStatement(facts.relay, facts.networkFeeRefund),
      totalChargedMicros: t.amountMicros,
      references: [
        { label: 'Chain', value: chain },
        ...(m.fromAddress ? [{ label: 'Sender wallet', value: m.fromAddress }] : []),
        ...(m.txHash
          ? [{ label: 'Transaction hash', value: m.txHash, ...(m.explorerUrl ? { url: m.explorerUrl } : {}) }]
          : []),
      ],
    };
  }
  if (m.rail === 'paypal' || m.rail === 'sandbox') {
    const fee = micros(m.fee);
    return {
      method: m.rail === 'paypal' ? 'PayPal' : 'PayPal (sandbox)',
      currency: 'USD',
      creditsMicros: t.amountMicros,
      amountPaidMicros: t.amountMicros,
      feeMicros: fee,
      networkFee: null,
      totalChargedMicros: m.charged ? micros(m.charged) : t.amountMicros + fee,
      references: [
        ...(m.sourceId ? [{ label: 'PayPal capture ID', value: m.sourceId }] : []),
        ...(m.paypalOrderId ? [{ label: 'PayPal order ID', value: m.paypalOrderId }] : []),
      ],
    };
  }
  return null;
}

const rateText = (perHourMicros: bigint, per: string) => `${formatMoney(perHourMicros)} credits/${per}`;
const hoursText = (hours: string) => `${hours} h`;

/** The usage a charge bills, one line per priced part; none for a charge without usage metadata. */
function usageLines(t: TransactionRecord, facts: DocumentFacts): UsageLine[] {
  const m = t.metadata;
  const charged = -t.amountMicros;
  if (facts.renderTask) return renderTaskLines(m, charged, facts.renderTask);
  if (m.periodStart && m.periodEnd && m.compute !== undefined && m.hours) return rentalLines(m, facts);
  if (m.storageChargeId && m.diskGb && m.hourStart && m.hourEnd) return storageSweepLines(m, charged);
  return [];
}

type ChargeMetadata = TransactionRecord['metadata'];

/** A render task: one line, its resources × seconds at the sum of their hourly rates. */
function renderTaskLines(
  m: ChargeMetadata,
  charged: bigint,
  { usage, rates }: NonNullable<DocumentFacts['renderTask']>,
): UsageLine[] {
  const parts = [
    usage.gpus > 0 ? `${usage.gpus} GPU` : '',
    usage.cpuCores > 0 ? `${usage.cpuCores} CPU cores` : '',
    usage.ramGb > 0 ? `${usage.ramGb} GB RAM` : '',
    usage.storageGb > 0 ? `${usage.storageGb} GB storage` : '',
  ].filter(Boolean);
  const resourceRates = [
    usage.gpus > 0 ? `GPU ${formatMoney(rates.gpuHourMicros)}` : '',
    usage.cpuCores > 0 ? `CPU core ${formatMoney(rates.cpuCoreHourMicros)}` : '',
    usage.ramGb > 0 ? `RAM GB ${formatMoney(rates.ramGbHourMicros)}` : '',
    usage.storageGb > 0 ? `storage GB ${formatMoney(rates.storageGbHourMicros)}` : '',
  ].filter(Boolean);
  return [
    {
      description: `Render task ${m.renderTask ?? ''} (${resourceRates.join(', ')} credits/h)`,
      quantity: `${parts.join(' + ')} × ${usage.seconds} s`,
      rate: rateText(hourlyRateMicros(usage, rates), 'h'),
      amountMicros: charged,
    },
  ];
}

/**
 * A rental period: a compute line and, when the instance has a disk, a storage line. Rates come from
 * the charge's metadata, else the instance, else the amount divided by the hours (older charges).
 */
function rentalLines(m: ChargeMetadata, facts: DocumentFacts): UsageLine[] {
  const type = m.instanceType ?? facts.instance?.typeCode ?? 'GPU instance';
  const diskGb = m.diskGb ?? (facts.instance ? String(facts.instance.diskGb) : undefined);
  const hours = BigInt(m.hours!);
  const compute = micros(m.compute);
  const storage = micros(m.storage);
  const period = formatDateRange(new Date(m.periodStart!), new Date(m.periodEnd!));
  const lines: UsageLine[] = [
    {
      description: `${type} compute, ${period}`,
      quantity: hoursText(m.hours!),
      rate: rateText(
        m.computeMicrosPerHour
          ? BigInt(m.computeMicrosPerHour)
          : (facts.instance?.computeMicrosPerHour ?? (hours > 0n ? compute / hours : 0n)),
        'h',
      ),
      amountMicros: compute,
    },
  ];
  if (storage > 0n || diskGb) {
    const gbHours = diskGb ? BigInt(diskGb) * hours : 0n;
    lines.push({
      description: `${type} storage, ${period}`,
      quantity: `${diskGb ?? '?'} GB × ${hoursText(m.hours!)}`,
      rate: rateText(
        m.storageMicrosPerGbHour
          ? BigInt(m.storageMicrosPerGbHour)
          : (facts.instance?.storageMicrosPerGbHour ?? (gbHours > 0n ? storage / gbHours : 0n)),
        'GB·h',
      ),
      amountMicros: storage,
    });
  }
  return lines;
}

/** One hour of stopped instances' storage; what the balance did not cover is said in the line. */
function storageSweepLines(m: ChargeMetadata, charged: bigint): UsageLine[] {
  const gb = BigInt(m.diskGb!);
  const hours = BigInt(Math.round((Date.parse(m.hourEnd!) - Date.parse(m.hourStart!)) / 3_600_000));
  const due = micros(m.fees) || charged;
  const instances = m.instanceIds ? m.instanceIds.split(',').length : 1;
  return [
    {
      description: `Storage of ${instances === 1 ? '1 stopped instance' : `${instances} stopped instances`}, hour from ${formatDateTime(new Date(m.hourStart!))}${due !== charged ? ` (${formatMoney(due)} due, ${formatMoney(charged)} covered by the balance)` : ''}`,
      quantity: `${m.diskGb} GB × ${hours} h`,
      rate: rateText(gb * hours > 0n ? due / (gb * hours) : 0n, 'GB·h'),
      amountMicros: charged,
    },
  ];
}
