/**
 * Rendering prices, without I/O. A task's cost is
 *
 *   seconds × (gpus × GPU rate + cpu cores × CPU rate + RAM GB × RAM rate + storage GB × storage rate) / 3600
 *
 * with every rate an exact number of CREDIT micros per unit-hour. The product is exact in bigint
 * (micro-credit-seconds); the one rounding is the final division to whole micros (6 decimals of
 * CREDIT), half-up, the same rule as `roundHalfUp` in money.ts.
 */

/** Rates of one rate card version, CREDIT micros per unit-hour. */
export interface RenderRates {
  gpuHourMicros: bigint;
  cpuCoreHourMicros: bigint;
  ramGbHourMicros: bigint;
  storageGbHourMicros: bigint;
}

/** Whole units of each resource a task may use (limits) or did use (a completion report). */
export interface RenderResources {
  gpus: number;
  cpuCores: number;
  ramGb: number;
  storageGb: number;
}

export const SECONDS_PER_HOUR = 3600n;

/** Half-up division of a non-negative numerator: the one rounding of a rendering price. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new Error('rendering prices are never negative');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** CREDIT micros per hour of running these resources. */
export function hourlyRateMicros(resources: RenderResources, rates: RenderRates): bigint {
  return (
    BigInt(resources.gpus) * rates.gpuHourMicros +
    BigInt(resources.cpuCores) * rates.cpuCoreHourMicros +
    BigInt(resources.ramGb) * rates.ramGbHourMicros +
    BigInt(resources.storageGb) * rates.storageGbHourMicros
  );
}

/** Cost of running `resources` for `seconds`, rounded once, half-up, to whole micros. */
export function renderCostMicros(seconds: number, resources: RenderResources, rates: RenderRates): bigint {
  return divideHalfUp(BigInt(seconds) * hourlyRateMicros(resources, rates), SECONDS_PER_HOUR);
}

/** What a task can cost at most: its whole time limit on all the resources it asked for. */
export function taskMaxCostMicros(
  timeLimitSeconds: number,
  limits: RenderResources,
  rates: RenderRates,
): bigint {
  return renderCostMicros(timeLimitSeconds, limits, rates);
}

/**
 * What a completed task is charged: its reported usage priced at the job's rates, never more than
 * the hold (a report above the limits is billed at the limits' price, not refused).
 */
export function taskActualCostMicros(
  usedSeconds: number,
  used: RenderResources,
  rates: RenderRates,
  heldMicros: bigint,
): bigint {
  const cost = renderCostMicros(usedSeconds, used, rates);
  return cost < heldMicros ? cost : heldMicros;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface RateCardRecord extends RenderRates {
  version: number;
  effectiveAt: Date;
  createdBy: string;
  reason: string;
}

export type RenderJobStatus = 'running' | 'paused_insufficient_credits' | 'completed' | 'cancelled';

export type RenderTaskStatus = 'running' | 'completed' | 'failed';

export interface RenderJobRecord {
  id: string;
  accountId: string;
  externalId: string;
  rateCardVersion: number;
  status: RenderJobStatus;
  pauseReason: string | null;
  /** While paused: the max cost of the task whose hold was refused. */
  requiredMicros: bigint | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RenderUsage extends RenderResources {
  seconds: number;
}

export interface RenderTaskRecord {
  id: string;
  jobId: string;
  accountId: string;
  externalId: string;
  status: RenderTaskStatus;
  limits: RenderResources;
  timeLimitSeconds: number;
  maxCostMicros: bigint;
  holdId: string;
  chargeTransactionId: string | null;
  usage: RenderUsage | null;
  actualCostMicros: bigint | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}
