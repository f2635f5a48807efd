import type { Queryable } from '../kernel/db/database.js';
import type { AuditEntry } from '../ledger/ledger-rules.js';
import type { AuditRecord } from './accounts-rules.js';

/**
 * The audit log: who did what, when and why. Ledger actions write their entries inside the
 * ledger's own statement (ledger-store); actions outside the ledger use `insertAuditEntry` in the
 * transaction that makes the change.
 */
export async function insertAuditEntry(tx: Queryable, a: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (id, actor, action, subject, reason, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [a.id, a.actor, a.action, a.subject, a.reason, JSON.stringify(a.details), a.createdAt],
  );
}

/** The audit_log columns as stored (`details` is jsonb written from a plain object). */
type AuditRow = {
  id: string;
  seq: bigint;
  actor: string;
  action: string;
  subject: string;
  reason: string;
  details: Record<string, unknown>;
  created_at: Date;
};

/** Operator actions, newest first; optionally only those about one subject (an account). */
export async function listAuditLog(
  db: Queryable,
  query: { subject?: string; beforeSeq?: bigint; limit: number },
): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(
    `SELECT * FROM audit_log WHERE ($1::text IS NULL OR subject = $1) AND ($2::int8 IS NULL OR seq < $2)
     ORDER BY seq DESC LIMIT $3`,
    [query.subject ?? null, query.beforeSeq ?? null, query.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    reason: r.reason,
    details: r.details,
    createdAt: r.created_at,
  }));
}
