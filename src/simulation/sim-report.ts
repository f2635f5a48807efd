import type { TransactionRecord } from '../ledger/ledger-rules.js';
import { type Unit, formatAmount } from '../kernel/money.js';
import { getBalances } from '../ledger/get-balances.js';
import { listTransactions } from '../ledger/list-transactions.js';
import { listNotifications } from '../notify/notification-store.js';
import { listBoothInvoices } from '../booth/billing/list-booth-invoices.js';
import type { SimWorld, SimulationEvent } from './sim-world.js';

const UNITS: Unit[] = ['CREDIT', 'TOKEN', 'USD'];

export interface CustomerLedger {
  unit: Unit;
  balanceMicros: bigint;
  /** Oldest first. */
  transactions: TransactionRecord[];
}

export interface ReportedInvoice {
  number: string;
  createdAt: Date;
  description: string;
  status: string;
  totalMicros: bigint;
  amountPaidMicros: bigint;
}

export interface CustomerReport {
  key: string;
  name: string;
  /** Both lines' books: CREDIT (compute), TOKEN and USD account credit (booth). */
  ledgers: Record<Unit, CustomerLedger>;
  /** Booth invoices, oldest first. */
  invoices: ReportedInvoice[];
}

export interface SimulationReport {
  scenario: string;
  customers: CustomerReport[];
  /** What the scenario did, and every notification of both lines, in time order. */
  events: SimulationEvent[];
  fleetCalls: { operation: string; fleetId: string }[];
  cardCharges: { amountCents: bigint; status: string }[];
}

/** Reads the books of every customer at the end of the run. */
export async function collectReport(
  w: SimWorld,
  scenario: { name: string; customers: { key: string; name: string }[] },
): Promise<SimulationReport> {
  const customers: CustomerReport[] = [];
  const notifications: SimulationEvent[] = [];
  for (const customer of scenario.customers) {
    const accountId = w.accounts.get(customer.key)!;
    customers.push({
      ...customer,
      ledgers: await ledgersOf(w, accountId),
      invoices: await invoicesOf(w, accountId),
    });
    for (const { notification: n } of await listNotifications(w.ctx.db, accountId, 100_000))
      notifications.push({
        at: n.occurredAt,
        customer: customer.key,
        type: n.type,
        detail: describe(n.payload),
      });
  }
  const byTime = (a: SimulationEvent, b: SimulationEvent) => a.at.getTime() - b.at.getTime();
  notifications.reverse().sort(byTime);
  return {
    scenario: scenario.name,
    customers,
    events: [...w.notes, ...notifications].sort(byTime),
    fleetCalls: w.fleet.calls,
    cardCharges: w.cards.charges,
  };
}

async function ledgersOf(w: SimWorld, accountId: string): Promise<Record<Unit, CustomerLedger>> {
  const balances = await getBalances(w.ctx, accountId);
  if (!balances.ok) throw new Error('reading the balances failed');
  const ledgers = {} as Record<Unit, CustomerLedger>;
  for (const unit of UNITS) {
    const history = await listTransactions(w.ctx, { accountId, unit, limit: 100_000 });
    if (!history.ok) throw new Error('reading the history failed');
    ledgers[unit] = {
      unit,
      balanceMicros: balances.value.find((b) => b.unit === unit)?.balanceMicros ?? 0n,
      transactions: [...history.value.transactions].reverse(),
    };
  }
  return ledgers;
}

async function invoicesOf(w: SimWorld, accountId: string): Promise<ReportedInvoice[]> {
  const listed = await listBoothInvoices(w.ctx, accountId, { limit: 100_000 });
  if (!listed.ok) throw new Error('reading the booth invoices failed');
  return [...listed.value.data].reverse().map((i) => ({
    number: i.formattedNumber ?? '(draft)',
    createdAt: i.createdAt,
    description: i.description,
    status: i.status,
    totalMicros: i.totalMicros,
    amountPaidMicros: i.amountPaidMicros,
  }));
}

/**
 * An event's data without what differs from run to run: generated ids, the document's path (made
 * of them) and its number (each account's series has a random prefix). The same scenario prints the
 * same report.
 */
function describe(data: Record<string, string>): string {
  return Object.entries(data)
    .filter(([k]) => (!/Id$/.test(k) || k === 'jobId') && k !== 'path' && k !== 'number')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

const minute = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');

/** The report as text: each customer's ledgers and invoices (no ids: the same scenario prints the same books). */
export function formatReport(report: SimulationReport): string {
  const lines = [`Scenario: ${report.scenario}`, ''];
  for (const c of report.customers) {
    lines.push(`${c.name} (${c.key})`);
    for (const ledger of Object.values(c.ledgers)) {
      if (ledger.transactions.length === 0 && ledger.balanceMicros === 0n) continue;
      lines.push(`  ${ledger.unit}: balance ${formatAmount(ledger.balanceMicros, ledger.unit)}`);
      for (const t of ledger.transactions) {
        const amount = formatAmount(t.amountMicros, t.unit).padStart(14);
        lines.push(`    ${minute(t.createdAt)}  ${t.kind.padEnd(9)} ${amount}  ${t.description}`);
      }
    }
    if (c.invoices.length > 0) lines.push('  Booth invoices:');
    for (const i of c.invoices) {
      const total = formatAmount(i.totalMicros, 'USD').padStart(10);
      lines.push(
        `    ${minute(i.createdAt)}  ${i.number}  ${i.status.padEnd(13)} ${total} USD  ${i.description}`,
      );
    }
    lines.push('');
  }
  lines.push('Events:');
  for (const e of report.events) lines.push(`  ${minute(e.at)}  ${e.customer}  ${e.type}  ${e.detail}`);
  const terminations = report.fleetCalls.filter((c) => c.operation === 'terminate').length;
  const declined = report.cardCharges.filter((c) => c.status === 'declined').length;
  lines.push('', `Fleet calls: ${report.fleetCalls.length} (${terminations} terminations)`);
  lines.push(`Card charges: ${report.cardCharges.length} (${declined} declined)`);
  return lines.join('\n');
}
