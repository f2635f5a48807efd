import type { KernelContext } from '../kernel/context.js';
import { publishEvent } from './publish-event.js';

/**
 * `ctx.events`: what other services call to notify a customer (job paused, instance stopped,
 * terminated, termination imminent). Idempotent: the same event (account, type, time and data,
 * or an explicit `data.dedupeId`) is recorded and delivered once.
 */
export class EventPublisher implements NonNullable<KernelContext['events']> {
  constructor(private readonly ctx: KernelContext) {}

  async publish(
    accountId: string,
    event: { type: string; at: Date; data: Record<string, string>; emailTo?: readonly string[] },
  ): Promise<void> {
    const { dedupeId, ...data } = event.data;
    const result = await publishEvent(this.ctx, {
      accountId,
      type: event.type,
      at: event.at,
      data,
      ...(event.emailTo ? { emailTo: event.emailTo } : {}),
      ...(dedupeId ? { dedupeId: `evt:${accountId}:${dedupeId}` } : {}),
    });
    if (!result.ok) throw new Error(`event ${event.type} not published: ${result.failure.detail}`);
  }
}

export const createEventPublisher = (ctx: KernelContext): EventPublisher => new EventPublisher(ctx);
