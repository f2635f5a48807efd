import { virtualBoothSessionCost, type SessionRecord } from './booth-usage-rules.js';
import { newId } from '../../kernel/ids.js';
import { findEvent, findSession, insertSession, sessionPaidForAi } from './booth-store.js';
import { isUniqueViolation, transactionWithRetry } from '../../kernel/db/database.js';
import { postTokens } from './booth-tokens.js';
import type { BoothContext } from '../context.js';
import { type Result, fail, ok } from '../../kernel/result.js';

export interface EndedSession {
  session: SessionRecord;
  /** The virtual booth token is paid (or the session owes none). */
  settled: boolean;
}

/**
 * The booth app says a session is over. Sessions are numbered per event in the order they end;
 * on a virtual booth event a session after the first 500 owes one token, unless one of its AI
 * outputs (image or video) was charged. The decision is final when the session ends (an AI output
 * reported later does not undo it), and is recorded before the token moves: the Charge is keyed by
 * the session, so ending it again replays, or retries a Charge the balance could not pay
 * (`insufficient_tokens`, with the balance; the session stays recorded and unpaid until then).
 */
export async function endBoothSession(
  ctx: BoothContext,
  input: { accountId: string; eventId: string; sessionId: string },
): Promise<Result<EndedSession>> {
  const stored = await transactionWithRetry(
    ctx.db,
    async (tx) => {
      const already = await findSession(tx, input.eventId, input.sessionId);
      if (already && already.accountId === input.accountId) return { session: already, replayed: true };
      const event = await findEvent(tx, input.accountId, input.eventId, true);
      if (!event || already) return undefined;
      const paidForAi = await sessionPaidForAi(tx, input.accountId, event.id, input.sessionId);
      const ordinal = event.sessionsEnded + 1;
      const cost = virtualBoothSessionCost({ virtualBooth: event.virtualBooth, ordinal, paidForAi });
      const session = await insertSession(tx, {
        eventId: event.id,
        sessionId: input.sessionId,
        accountId: input.accountId,
        ordinal,
        paidForAi,
        costMicros: cost,
        transactionId: cost > 0n ? newId('transaction') : null,
        endedAt: ctx.clock.now(),
      });
      return { session, replayed: false };
    },
    (error) => isUniqueViolation(error, 'booth_sessions_pkey'),
  );
  if (!stored) return fail('event_not_found', 'no such event', { eventId: input.eventId });
  const { session, replayed } = stored;
  if (session.settled || session.costMicros === 0n)
    return ok({ session: { ...session, settled: true }, settled: true }, replayed);

  const outcome = await postTokens(ctx, {
    accountId: input.accountId,
    key: `session:${session.eventId}:${session.sessionId}`,
    kind: 'charge',
    amountMicros: session.costMicros,
    transactionId: session.transactionId!,
    description: `Virtual booth session #${session.ordinal}`,
    metadata: { eventId: session.eventId, sessionId: session.sessionId, ordinal: String(session.ordinal) },
  });
  if (outcome.status === 'applied' || outcome.status === 'replayed') {
    return ok({ session: { ...session, settled: true }, settled: true }, replayed);
  }
  if (outcome.status === 'rejected' && outcome.error.code === 'insufficient_funds') {
    return fail(
      'insufficient_tokens',
      'not enough tokens for this virtual booth session; it stays owed until paid',
      {
        unit: 'TOKEN',
        availableMicros: outcome.error.availableMicros,
        requiredMicros: session.costMicros,
        sessionOrdinal: session.ordinal,
      },
    );
  }
  throw new Error(`virtual booth session charge: ${outcome.status}`);
}
