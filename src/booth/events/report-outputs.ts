import {
  type OutputKind,
  decideOutputs,
  kindsAboveTier,
  outputCost,
  unknownOutputKinds,
  type OutputClaim,
  type StoredOutput,
} from './booth-usage-rules.js';
import { newId } from '../../kernel/ids.js';
import { claimOutputs, dropUnpaidOutputs, outputsOfCharge } from './booth-store.js';
import { postTokens } from './booth-tokens.js';
import { checkAutoTopup } from './auto-topup.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';
import { type OutputCatalog, TIER_RANK, type Tier } from '../licenses/licensing-rules.js';

export interface ReportedOutput {
  outputId: string;
  sessionId: string;
  kind: OutputKind;
}

export type OutputRefusal =
  'insufficient_tokens' | 'event_not_running' | 'output_id_reused' | 'output_in_progress';

export interface OutputResult {
  outputId: string;
  status: 'recorded' | 'refused';
  /** What the output costs (charged when recorded). */
  tokensMicros: bigint;
  /** The Charge that paid for it (null for free and refused outputs). */
  transactionId: string | null;
  /** Recorded by an earlier report of the same output id. */
  replayed: boolean;
  code?: OutputRefusal;
  detail?: string;
}

export interface ReportOutputsValue {
  results: OutputResult[];
  /** Tokens this report charged (replays excluded). */
  chargedMicros: bigint;
  /** Available TOKEN balance after this report, as this report saw it. */
  availableMicros: bigint;
  transactionId: string | null;
}

const INSUFFICIENT = 'not enough tokens for this output; nothing was charged';
const IN_PROGRESS_RECORDED = 'another report of this output is being recorded; retry';
const IN_PROGRESS_CHARGED = 'another report of this output is being charged; retry';
const REUSED = 'this output id was reported with a different event, session or kind';

/** A charge whose outputs were recorded this long ago and is still not written was left by a failed report. */
const ABANDONED_AFTER_MS = 30_000;

/**
 * Records a batch of outputs of one event and charges them in ONE Charge transaction: each output
 * is idempotent by its id (per account), and each is decided on its own — when the balance cannot
 * pay an output it is refused (`insufficient_tokens`, nothing charged, the balance returned) while
 * the others proceed. Free (non-AI) outputs are always recorded while the event runs.
 *
 * How it stays exact with few round trips: one statement reads the event, earlier outputs with the
 * same ids and the TOKEN balance, and records the new outputs under the id of the Charge about to
 * be written; the Charge then goes through the ledger writer (which batches concurrent reports and
 * enforces the balance while it writes). An output whose Charge does not exist is not paid: if the
 * ledger refuses the Charge (another report spent the tokens meanwhile), the outputs are decided
 * again on the balance the ledger saw and the refused ones forgotten; if the report died half-way,
 * a later report of the same id finds the Charge unwritten and writes it (same key, so never twice).
 */
export async function reportOutputs(
  ctx: BoothContext,
  input: { accountId: string; eventId: string; outputs: ReportedOutput[] },
): Promise<Result<ReportOutputsValue>> {
  const now = ctx.clock.now();
  // A batch may name an output twice: the first occurrence decides, a different twin is refused.
  const first = new Map<string, ReportedOutput>();
  for (const o of input.outputs) if (!first.has(o.outputId)) first.set(o.outputId, o);
  const unique = [...first.values()];
  const transactionId = newId('transaction');
  const claim = await claimOutputs(ctx.db, {
    accountId: input.accountId,
    eventId: input.eventId,
    outputs: unique,
    transactionId,
    now,
  });
  if (!claim.event) return fail('event_not_found', 'no such event', { eventId: input.eventId });
  // Checked after the statement, which wrote nothing when either refusal applies.
  const refusal = refuseKinds(unique, claim.outputs, claim.event.tag);
  if (refusal) return refusal;
  const report: Report = {
    ctx,
    input,
    event: claim.event,
    costOf: (kind: OutputKind) => outputCost(claim.outputs, kind),
    results: new Map(),
  };
  const sorted = sortReported(report, unique, claim, now);
  // New outputs: decide on the balance read, then let the ledger confirm (or correct) the decision.
  const charged = await chargeFresh(report, sorted.fresh, transactionId, claim.availableMicros);
  const available = await settleAbandoned(report, sorted.abandoned, charged.availableMicros);

  // Spending may cross the auto top-up threshold: one pack per crossing, bought as due work.
  if (charged.chargedMicros > 0n) {
    await checkAutoTopup(ctx, input.accountId, available < 0n ? 0n : available);
  }
  return ok({
    results: inReportedOrder(report, first),
    chargedMicros: charged.chargedMicros,
    availableMicros: available < 0n ? 0n : available,
    transactionId: charged.written ? transactionId : null,
  });
}

/** One report being decided: what every step shares, and the results so far by output id. */
interface Report {
  ctx: BoothContext;
  input: { accountId: string; eventId: string; outputs: ReportedOutput[] };
  event: NonNullable<OutputClaim['event']>;
  costOf: (kind: OutputKind) => bigint;
  results: Map<string, OutputResult>;
}

/**
 * Sorts the batch's outputs: the ones this report recorded (fresh, to be charged), the ones an
 * earlier report left with an unwritten charge (abandoned, by charge), and the others decided
 * now (replayed, reused ids, refused while not running or being recorded elsewhere).
 */
function sortReported(
  report: Report,
  unique: readonly ReportedOutput[],
  claim: OutputClaim,
  now: Date,
): { fresh: ReportedOutput[]; abandoned: Map<string, StoredOutput[]> } {
  const existing = new Map(claim.existing.map((o) => [o.outputId, o]));
  const fresh: ReportedOutput[] = [];
  const abandoned = new Map<string, StoredOutput[]>();
  const event = report.event;
  for (const o of unique) {
    const cost = report.costOf(o.kind);
    const set = (r: OutputResult) => report.results.set(o.outputId, r);
    const earlier = existing.get(o.outputId);
    if (claim.inserted.has(o.outputId)) fresh.push(o);
    else if (!earlier) {
      if (event.status !== 'running') set(refused(o.outputId, cost, 'event_not_running', notRunning(event)));
      else if (cost > claim.availableMicros)
        set(refused(o.outputId, cost, 'insufficient_tokens', INSUFFICIENT));
      else set(refused(o.outputId, cost, 'output_in_progress', IN_PROGRESS_RECORDED));
    } else if (
      earlier.eventId !== report.input.eventId ||
      earlier.sessionId !== o.sessionId ||
      earlier.kind !== o.kind
    ) {
      set(refused(o.outputId, cost, 'output_id_reused', REUSED));
    } else if (earlier.settled) set(recorded(earlier, true));
    else if (now.getTime() - earlier.createdAt.getTime() >= ABANDONED_AFTER_MS) {
      abandoned.set(earlier.transactionId!, [...(abandoned.get(earlier.transactionId!) ?? []), earlier]);
    } else set(refused(o.outputId, cost, 'output_in_progress', IN_PROGRESS_CHARGED));
  }
  return { fresh, abandoned };
}

/**
 * Charges the fresh outputs in one Charge: decided on the balance read, and decided again on the
 * balance the ledger saw when it refuses; the outputs the balance cannot pay are forgotten.
 */
async function chargeFresh(
  report: Report,
  fresh: readonly ReportedOutput[],
  transactionId: string,
  availableMicros: bigint,
): Promise<{ chargedMicros: bigint; availableMicros: bigint; written: boolean }> {
  const { ctx, input, costOf } = report;
  let available = availableMicros;
  let costed = fresh.filter((o) => costOf(o.kind) > 0n);
  let chargedMicros = 0n;
  let written = false;
  const refusedNow: ReportedOutput[] = [];
  for (let attempt = 0; costed.length > 0; attempt++) {
    const decisions = decideOutputs(
      costed.map((o) => costOf(o.kind)),
      available,
    );
    const paying = costed.filter((_, i) => decisions[i]!.accepted);
    const shortOf = costed.filter((_, i) => !decisions[i]!.accepted);
    if (shortOf.length > 0) {
      const ids = shortOf.map((o) => o.outputId);
      await dropUnpaidOutputs(ctx.db, input.accountId, transactionId, ids);
      refusedNow.push(...shortOf);
    }
    costed = paying;
    if (paying.length === 0) break;
    const total = paying.reduce((s, o) => s + costOf(o.kind), 0n);
    const outcome = await postTokens(ctx, {
      accountId: input.accountId,
      key: `outputs:${transactionId}`,
      kind: 'charge',
      amountMicros: total,
      transactionId,
      description: `Booth outputs: ${paying.length} on ${report.event.name}`,
      metadata: { eventId: input.eventId, outputs: String(paying.length) },
    });
    if (outcome.status === 'applied' || outcome.status === 'replayed') {
      [chargedMicros, available, written] = [total, available - total, true];
      break;
    }
    if (outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds' && attempt < 1_000) {
      available = outcome.error.availableMicros; // the balance the ledger saw: decide again on it
      continue;
    }
    throw new Error(`booth output charge ${transactionId}: ${outcome.status}`);
  }
  const accepted = [...fresh.filter((o) => costOf(o.kind) === 0n), ...costed];
  for (const o of accepted) {
    const cost = costOf(o.kind);
    const charge = cost > 0n && written ? transactionId : null;
    report.results.set(o.outputId, {
      outputId: o.outputId,
      status: 'recorded',
      tokensMicros: cost,
      transactionId: charge,
      replayed: false,
    });
  }
  for (const o of refusedNow) {
    report.results.set(o.outputId, refused(o.outputId, costOf(o.kind), 'insufficient_tokens', INSUFFICIENT));
  }
  return { chargedMicros, availableMicros: available, written };
}

/** Charges a failed report left unwritten: written now (same key: once), or their outputs forgotten. */
async function settleAbandoned(
  report: Report,
  abandoned: Map<string, StoredOutput[]>,
  availableMicros: bigint,
): Promise<bigint> {
  const { ctx, input } = report;
  let available = availableMicros;
  for (const [chargeId, outputs] of abandoned) {
    const charge = await outputsOfCharge(ctx.db, input.accountId, chargeId);
    let paid = charge.written;
    if (!paid && charge.totalMicros > 0n) {
      const outcome = await postTokens(ctx, {
        accountId: input.accountId,
        key: `outputs:${chargeId}`,
        kind: 'charge',
        amountMicros: charge.totalMicros,
        transactionId: chargeId,
        description: `Booth outputs: ${charge.outputIds.length} on ${report.event.name}`,
        metadata: { eventId: charge.eventId ?? input.eventId, outputs: String(charge.outputIds.length) },
      });
      paid = outcome.status === 'applied' || outcome.status === 'replayed';
      if (outcome.status === 'applied') available -= charge.totalMicros;
      if (!paid) await dropUnpaidOutputs(ctx.db, input.accountId, chargeId, charge.outputIds);
    }
    for (const o of outputs) {
      report.results.set(
        o.outputId,
        paid ? recorded(o, true) : refused(o.outputId, o.costMicros, 'insufficient_tokens', INSUFFICIENT),
      );
    }
  }
  return available;
}

/** The results in the order reported; a twin in the batch replays its first, or is refused if it differs. */
function inReportedOrder(report: Report, first: Map<string, ReportedOutput>): OutputResult[] {
  return report.input.outputs.map((o) => {
    const r = report.results.get(o.outputId)!;
    const twin = first.get(o.outputId)!;
    if (twin === o) return r;
    return twin.sessionId === o.sessionId && twin.kind === o.kind
      ? { ...r, replayed: true }
      : refused(
          o.outputId,
          report.costOf(o.kind),
          'output_id_reused',
          'this output id is in the batch twice with different fields',
        );
  });
}

/** Kinds the catalog does not list, or above the event's tag: the whole report is refused. */
function refuseKinds(
  outputs: readonly ReportedOutput[],
  catalog: OutputCatalog,
  tag: Tier,
): Result<never> | undefined {
  const kinds = outputs.map((o) => o.kind);
  const unknown = unknownOutputKinds(kinds, catalog);
  if (unknown.length > 0) {
    return fail(
      'unknown_output_kind',
      `not an output kind of the catalog: ${unknown.join(', ')}; nothing was recorded`,
      {
        kinds: unknown,
      },
    );
  }
  const above = kindsAboveTier(kinds, catalog, tag);
  if (above.length === 0) return undefined;
  return fail(
    'feature_not_in_event_tier',
    `this ${tag} event cannot produce ${above.map((k) => `${k} (${catalog[k]!.tier})`).join(', ')}: re-register the event with the features it uses; nothing was recorded or charged`,
    {
      eventTag: tag,
      kinds: above,
      requiredTier: above.map((k) => catalog[k]!.tier).sort((a, b) => TIER_RANK[b] - TIER_RANK[a])[0],
    },
  );
}

function notRunning(event: { status: string; pauseReason: string | null }): string {
  return event.status === 'paused'
    ? `the event is paused (${event.pauseReason ?? 'no reason given'})`
    : `the event is ${event.status}, not running`;
}

function refused(outputId: string, cost: bigint, code: OutputRefusal, detail: string): OutputResult {
  return {
    outputId,
    status: 'refused',
    tokensMicros: cost,
    transactionId: null,
    replayed: false,
    code,
    detail,
  };
}

function recorded(o: StoredOutput, replayed: boolean): OutputResult {
  return {
    outputId: o.outputId,
    status: 'recorded',
    tokensMicros: o.costMicros,
    transactionId: o.costMicros > 0n ? o.transactionId : null,
    replayed,
  };
}
