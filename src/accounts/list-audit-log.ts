import { listAuditLog as listFromStore } from './audit-store.js';
import type { AccountsContext } from './context.js';
import { type Result, ok } from '../kernel/result.js';
import type { AuditRecord } from './accounts-rules.js';

/** Who did what, when and why: operator actions, newest first. */
export async function listAuditLog(
  ctx: AccountsContext,
  query: { subject?: string; beforeSeq?: bigint; limit: number },
): Promise<Result<{ entries: AuditRecord[]; next: bigint | null }>> {
  const entries = await listFromStore(ctx.db, { ...query, limit: query.limit + 1 });
  const page = entries.slice(0, query.limit);
  return ok({ entries: page, next: entries.length > query.limit ? page[page.length - 1]!.seq : null });
}
