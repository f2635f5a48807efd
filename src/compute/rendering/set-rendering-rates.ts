import { insertAuditEntry } from '../../accounts/audit-store.js';
import type { RenderRates, RateCardRecord } from './rendering-rules.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { insertNextRates, isRateCardRace } from './rendering-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';

export interface SetRenderingRatesInput extends RenderRates {
  reason: string;
}

/**
 * An operator publishes a new rendering rate card version, in force from now (the injected clock).
 * Jobs already started keep the version they started with. The version and its audit entry are
 * written in one transaction, with the Idempotency-Key.
 */
export async function setRenderingRates(
  ctx: ComputeContext,
  operator: Caller,
  input: SetRenderingRatesInput,
  idempotencyKey: string,
): Promise<Result<RateCardRecord>> {
  const claim = commandClaim(operator, null, idempotencyKey, 'set-rendering-rates', input);
  return runKeyed(
    ctx,
    claim,
    async (tx, now) => {
      const card = await insertNextRates(tx, { ...input, effectiveAt: now, createdBy: operator.id });
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'rendering.rates.set',
        subject: `rendering_rates:${card.version}`,
        reason: input.reason,
        details: {
          version: card.version,
          gpuHour: formatAmount(card.gpuHourMicros, 'CREDIT'),
          cpuCoreHour: formatAmount(card.cpuCoreHourMicros, 'CREDIT'),
          ramGbHour: formatAmount(card.ramGbHourMicros, 'CREDIT'),
          storageGbHour: formatAmount(card.storageGbHourMicros, 'CREDIT'),
        },
        createdAt: now,
      });
      return ok(card);
    },
    { alsoRetry: (error) => isRateCardRace(error) },
  );
}
