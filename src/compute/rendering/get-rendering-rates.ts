import { findRatesInForce } from './rendering-store.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';
import type { RateCardRecord } from './rendering-rules.js';

/** The rendering rate card in force now (new jobs start on it). */
export async function getRenderingRates(ctx: ComputeContext): Promise<Result<RateCardRecord>> {
  const card = await findRatesInForce(ctx.db, ctx.clock.now());
  if (!card) throw new Error('no rendering rate card: migration 5 seeds version 1');
  return ok(card);
}
