/**
 * Credits usage as the seed's Billing tab shows it: used ÷ total top-up, as a percentage with two
 * decimals, rounded half-up once. `null` when nothing was ever topped up (0 ÷ 0 is not 0%).
 */
export function usagePercent(usedMicros: bigint, toppedUpMicros: bigint): string | null {
  if (toppedUpMicros <= 0n) return null;
  // Hundredths of a percent: used × 10,000 ÷ topped up, rounded half-up.
  const hundredths = (usedMicros * 10_000n * 2n + toppedUpMicros) / (toppedUpMicros * 2n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** What may still be refunded of a payment: what it brought in, less what was refunded already. */
export function refundableMicros(paymentMicros: bigint, refundedMicros: bigint): bigint {
  const left = paymentMicros - refundedMicros;
  return left > 0n ? left : 0n;
}

// Entities as the stores, use cases and routes pass them around (the stores map their rows into these;
// docs/architecture.md, "Entity types").

export interface UsageDay {
  day: string;
  usedMicros: bigint;
  toppedUpMicros: bigint;
}
