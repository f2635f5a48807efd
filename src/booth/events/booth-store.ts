import {
  type Feature,
  type OutputKind,
  type TemplateOutput,
  type Tier,
  type EventRecord,
  type EventStatus,
  type OutputClaim,
  type OutputClaimInput,
  type SessionRecord,
  type StoredOutput,
  type StoredTemplate,
} from './booth-usage-rules.js';
import { type StoredOutputCatalog, outputCatalogFromJson } from '../licenses/licensing-rules.js';
import { walletId } from '../../ledger/ledger-rules.js';
import type { Queryable } from '../../kernel/db/database.js';

/** Booth events, their license assignments, sessions, outputs (migration 011) and templates (018). */

/** The columns `templateFromRow` reads. */
type TemplateRow = {
  account_id: string;
  id: string;
  name: string;
  outputs: TemplateOutput[];
  features: Feature[];
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

function templateFromRow(row: TemplateRow): StoredTemplate {
  return {
    accountId: row.account_id,
    id: row.id,
    name: row.name,
    outputs: row.outputs,
    features: row.features,
    archivedAt: row.archived_at ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const EVENT_COLUMNS = `e.*, l.license_id, l.tier AS license_tier`;
const EVENT_FROM = `booth_events e
  LEFT JOIN booth_event_licenses l ON l.event_id = e.id AND l.released_at IS NULL`;

/** The columns `eventFromRow` reads. */
type EventRow = {
  id: string;
  account_id: string;
  name: string;
  tag: Tier;
  virtual_booth: boolean;
  features: Feature[];
  template_ids: string[];
  status: EventStatus;
  pause_reason: string | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  license_id: string;
  license_tier: Tier;
  sessions_ended: number;
};

function eventFromRow(row: EventRow): EventRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    tag: row.tag,
    virtualBooth: row.virtual_booth,
    features: row.features,
    templateIds: row.template_ids,
    status: row.status,
    pauseReason: row.pause_reason ?? null,
    sessionsEnded: Number(row.sessions_ended),
    createdAt: row.created_at,
    startedAt: row.started_at ?? null,
    endedAt: row.ended_at ?? null,
    license: row.license_id ? { id: row.license_id, tier: row.license_tier } : null,
  };
}

// ---- Templates ---------------------------------------------------------------------------------

/** Creates or redefines an account's template (un-archiving it). */
export async function upsertTemplate(
  q: Queryable,
  t: Pick<StoredTemplate, 'accountId' | 'id' | 'name' | 'outputs' | 'features'>,
  now: Date,
): Promise<StoredTemplate> {
  const [row] = await q.query<TemplateRow>(
    `INSERT INTO booth_account_templates (account_id, id, name, outputs, features, archived_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, $6)
     ON CONFLICT (account_id, id) DO UPDATE SET name = EXCLUDED.name, outputs = EXCLUDED.outputs,
       features = EXCLUDED.features, archived_at = NULL, updated_at = EXCLUDED.updated_at
     RETURNING *`,
    [t.accountId, t.id, t.name, JSON.stringify(t.outputs), JSON.stringify(t.features), now],
  );
  return templateFromRow(row!);
}

/** Archives an account's template (events already registered keep their tag); undefined: none. */
export async function archiveTemplate(
  q: Queryable,
  accountId: string,
  id: string,
  now: Date,
): Promise<StoredTemplate | undefined> {
  const [row] = await q.query<TemplateRow>(
    `UPDATE booth_account_templates SET archived_at = COALESCE(archived_at, $3), updated_at = $3
     WHERE account_id = $1 AND id = $2 RETURNING *`,
    [accountId, id, now],
  );
  return row ? templateFromRow(row) : undefined;
}

/** The account's templates with these ids (archived ones only when asked). */
export async function findTemplates(
  q: Queryable,
  accountId: string,
  ids: readonly string[],
  includeArchived = false,
): Promise<StoredTemplate[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<TemplateRow>(
    `SELECT * FROM booth_account_templates
     WHERE account_id = $1 AND id = ANY($2::text[]) AND ($3 OR archived_at IS NULL) ORDER BY id`,
    [accountId, ids, includeArchived],
  );
  return rows.map(templateFromRow);
}

/** The account's templates by name (archived ones only when asked). */
export async function listTemplates(
  q: Queryable,
  accountId: string,
  includeArchived: boolean,
): Promise<StoredTemplate[]> {
  const rows = await q.query<TemplateRow>(
    `SELECT * FROM booth_account_templates WHERE account_id = $1 AND ($2 OR archived_at IS NULL)
     ORDER BY lower(name), id LIMIT 500`,
    [accountId, includeArchived],
  );
  return rows.map(templateFromRow);
}

// ---- Events ------------------------------------------------------------------------------------

export async function insertEvent(q: Queryable, e: EventRecord): Promise<void> {
  await q.query(
    `INSERT INTO booth_events (id, account_id, name, tag, virtual_booth, features, template_ids, status,
       pause_reason, sessions_ended, created_at, started_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      e.id,
      e.accountId,
      e.name,
      e.tag,
      e.virtualBooth,
      JSON.stringify(e.features),
      JSON.stringify(e.templateIds),
      e.status,
      e.pauseReason,
      e.sessionsEnded,
      e.createdAt,
      e.startedAt,
      e.endedAt,
    ],
  );
}

export async function findEvent(
  q: Queryable,
  accountId: string,
  eventId: string,
  lock = false,
): Promise<EventRecord | undefined> {
  if (lock) {
    // Lock the event row alone (an outer join cannot be locked), then read it with its license.
    const locked = await q.query('SELECT 1 FROM booth_events WHERE id = $1 AND account_id = $2 FOR UPDATE', [
      eventId,
      accountId,
    ]);
    if (locked.length === 0) return undefined;
  }
  const rows = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.id = $1 AND e.account_id = $2`,
    [eventId, accountId],
  );
  return rows[0] ? eventFromRow(rows[0]) : undefined;
}

export async function listEvents(
  q: Queryable,
  accountId: string,
  options: { limit: number; before?: string; status?: EventStatus },
): Promise<EventRecord[]> {
  const rows = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM}
     WHERE e.account_id = $1 AND ($2::text IS NULL OR e.id < $2) AND ($3::text IS NULL OR e.status = $3)
     ORDER BY e.id DESC LIMIT $4`,
    [accountId, options.before ?? null, options.status ?? null, options.limit],
  );
  return rows.map(eventFromRow);
}

/** License ids of the account that run an event now. */
export async function busyLicenses(q: Queryable, accountId: string): Promise<Set<string>> {
  const rows = await q.query<{ license_id: string }>(
    'SELECT license_id FROM booth_event_licenses WHERE account_id = $1 AND released_at IS NULL',
    [accountId],
  );
  return new Set(rows.map((r) => r.license_id));
}

/** Gives the event its license and marks it running. The unique partial indexes refuse a license already in use. */
export async function startEventWithLicense(
  q: Queryable,
  input: { eventId: string; accountId: string; license: { id: string; tier: Tier }; at: Date },
): Promise<void> {
  await q.query(
    `WITH assigned AS (
       INSERT INTO booth_event_licenses (event_id, license_id, account_id, tier, assigned_at)
       VALUES ($1, $2, $3, $4, $5))
     UPDATE booth_events SET status = 'running', pause_reason = NULL, started_at = COALESCE(started_at, $5)
     WHERE id = $1`,
    [input.eventId, input.license.id, input.accountId, input.license.tier, input.at],
  );
}

export const LICENSE_IN_USE = 'booth_license_runs_one_event';
export const EVENT_HAS_LICENSE = 'booth_event_holds_one_license';

/** Ends the event (or pauses it with a reason) and frees its license. */
export async function stopEvent(
  q: Queryable,
  input: { eventId: string; status: 'ended' | 'paused'; reason: string | null; at: Date },
): Promise<void> {
  await q.query(
    `WITH released AS (
       UPDATE booth_event_licenses SET released_at = $4 WHERE event_id = $1 AND released_at IS NULL)
     UPDATE booth_events SET status = $2, pause_reason = $3,
       ended_at = CASE WHEN $2 = 'ended' THEN $4::timestamptz ELSE ended_at END
     WHERE id = $1`,
    [input.eventId, input.status, input.reason, input.at],
  );
}

/** Pauses every running event of the account with `reason` and frees their licenses; returns their ids. */
export async function pauseRunningEvents(
  q: Queryable,
  accountId: string,
  reason: string,
  at: Date,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH paused AS (
       UPDATE booth_events SET status = 'paused', pause_reason = $2
       WHERE account_id = $1 AND status = 'running' RETURNING id),
     released AS (
       UPDATE booth_event_licenses SET released_at = $3
       WHERE account_id = $1 AND released_at IS NULL AND event_id IN (SELECT id FROM paused))
     SELECT id FROM paused ORDER BY id`,
    [accountId, reason, at],
  );
  return rows.map((r) => r.id);
}

// ---- Outputs -----------------------------------------------------------------------------------

/**
 * One statement per reported batch: reads the event, the catalog's output kinds and the TOKEN
 * balance, and records the new outputs priced at the catalog in force, only while the event runs,
 * only when every kind is in the catalog and none is above the event's tag (else nothing), and not
 * those that cost more than the whole balance. A new costed output carries the id of the Charge
 * about to be written; it is paid once that Charge exists. Ids it did not insert (repeats) are
 * looked up after.
 */
export async function claimOutputs(q: Queryable, input: OutputClaimInput): Promise<OutputClaim> {
  const ids = input.outputs.map((o) => o.outputId);
  const [row] = await q.query<{
    event: {
      status: EventStatus;
      pause_reason: string | null;
      virtual_booth: boolean;
      name: string;
      tag: Tier;
    } | null;
    inserted: string[] | null;
    available: string | null;
    outputs: StoredOutputCatalog;
  }>(
    `WITH ev AS (SELECT status, pause_reason, virtual_booth, name, tag FROM booth_events WHERE id = $2 AND account_id = $1),
     cat AS (SELECT outputs FROM license_catalog_versions ORDER BY version DESC LIMIT 1),
     r AS (
       SELECT u.output_id, u.session_id, u.kind, (c.outputs -> u.kind ->> 'tokenMicros')::int8 AS cost,
         c.outputs -> u.kind ->> 'tier' AS tier, COALESCE((c.outputs -> u.kind ->> 'ai')::boolean, false) AS ai
       FROM unnest($3::text[], $4::text[], $5::text[]) AS u(output_id, session_id, kind), cat c),
     w AS (SELECT balance_micros - held_micros AS available FROM wallet_balances WHERE ledger_account_id = $8),
     ins AS (
       INSERT INTO booth_outputs (account_id, output_id, event_id, session_id, kind, cost_micros, transaction_id,
         vb_ai, created_at)
       SELECT $1, r.output_id, $2, r.session_id, r.kind, r.cost, CASE WHEN r.cost > 0 THEN $6 END,
         r.ai AND (SELECT virtual_booth FROM ev), $7
       FROM r
       WHERE EXISTS (SELECT 1 FROM ev WHERE status = 'running')
         AND NOT EXISTS (SELECT 1 FROM r x, ev WHERE x.cost IS NULL
           OR array_position(ARRAY['basic','pro','premium'], x.tier) > array_position(ARRAY['basic','pro','premium'], ev.tag))
         AND (r.cost = 0 OR r.cost <= (SELECT available FROM w))
       ON CONFLICT DO NOTHING
       RETURNING output_id)
     SELECT (SELECT row_to_json(ev) FROM ev) AS event,
            (SELECT array_agg(output_id) FROM ins) AS inserted,
            (SELECT available::text FROM w) AS available,
            (SELECT outputs FROM cat) AS outputs`,
    [
      input.accountId,
      input.eventId,
      ids,
      input.outputs.map((o) => o.sessionId),
      input.outputs.map((o) => o.kind),
      input.transactionId,
      input.now,
      walletId(input.accountId, 'TOKEN'),
    ],
    'booth_claim_outputs_v2',
  );
  const inserted = new Set(row!.inserted ?? []);
  // Only outputs that were not inserted can have been recorded before: look those up (rare).
  const others = inserted.size === ids.length ? [] : ids.filter((id) => !inserted.has(id));
  const ev = row!.event;
  return {
    event: ev
      ? {
          status: ev.status,
          pauseReason: ev.pause_reason,
          virtualBooth: ev.virtual_booth,
          name: ev.name,
          tag: ev.tag,
        }
      : undefined,
    outputs: outputCatalogFromJson(row!.outputs),
    existing: others.length === 0 ? [] : await findOutputs(q, input.accountId, others),
    inserted,
    availableMicros: BigInt(row!.available ?? '0'),
  };
}

/** Outputs recorded under these ids, each with whether it is paid (free, or its Charge exists). */
export async function findOutputs(
  q: Queryable,
  accountId: string,
  outputIds: readonly string[],
): Promise<StoredOutput[]> {
  const rows = await q.query<{
    output_id: string;
    event_id: string;
    session_id: string;
    kind: OutputKind;
    cost: string;
    transaction_id: string | null;
    settled: boolean;
    created_at: Date;
  }>(
    `SELECT o.output_id, o.event_id, o.session_id, o.kind, o.cost_micros::text AS cost, o.transaction_id,
            (o.transaction_id IS NULL OR t.id IS NOT NULL) AS settled, o.created_at
     FROM unnest($2::text[]) AS r(id)
     JOIN LATERAL (SELECT * FROM booth_outputs b WHERE b.output_id = r.id AND b.account_id = $1) o ON true
     LEFT JOIN transactions t ON t.id = o.transaction_id`,
    [accountId, outputIds],
  );
  return rows.map((o) => ({
    outputId: o.output_id,
    eventId: o.event_id,
    sessionId: o.session_id,
    kind: o.kind,
    costMicros: BigInt(o.cost),
    transactionId: o.transaction_id,
    settled: o.settled,
    createdAt: o.created_at,
  }));
}

/** Forgets outputs recorded for a Charge that was not written (refused): they may be reported again. */
export async function dropUnpaidOutputs(
  q: Queryable,
  accountId: string,
  transactionId: string,
  outputIds: readonly string[],
): Promise<void> {
  if (outputIds.length === 0) return;
  await q.query(
    `DELETE FROM booth_outputs WHERE account_id = $1 AND transaction_id = $2 AND output_id = ANY($3::text[])
       AND NOT EXISTS (SELECT 1 FROM transactions WHERE id = $2)`,
    [accountId, transactionId, outputIds],
  );
}

/** The outputs recorded for one planned Charge, and whether it was written. */
export async function outputsOfCharge(
  q: Queryable,
  accountId: string,
  transactionId: string,
): Promise<{ outputIds: string[]; totalMicros: bigint; written: boolean; eventId: string | null }> {
  const [row] = await q.query<{
    ids: string[] | null;
    total: string | null;
    written: boolean;
    event_id: string | null;
  }>(
    `SELECT array_agg(output_id ORDER BY output_id) AS ids, sum(cost_micros)::text AS total, min(event_id) AS event_id,
            EXISTS (SELECT 1 FROM transactions WHERE id = $2) AS written
     FROM booth_outputs WHERE account_id = $1 AND transaction_id = $2`,
    [accountId, transactionId],
  );
  return {
    outputIds: row?.ids ?? [],
    totalMicros: BigInt(row?.total ?? '0'),
    written: row?.written ?? false,
    eventId: row?.event_id ?? null,
  };
}

// ---- Sessions ----------------------------------------------------------------------------------

/** The columns `sessionFromRow` reads. */
type SessionRow = {
  event_id: string;
  session_id: string;
  account_id: string;
  paid_for_ai: boolean;
  cost_micros: bigint;
  transaction_id: string | null;
  settled: boolean;
  ended_at: Date;
  ordinal: number;
};

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    eventId: row.event_id,
    sessionId: row.session_id,
    accountId: row.account_id,
    ordinal: Number(row.ordinal),
    paidForAi: row.paid_for_ai,
    costMicros: BigInt(row.cost_micros),
    transactionId: row.transaction_id ?? null,
    settled: row.settled,
    endedAt: row.ended_at,
  };
}

export async function findSession(
  q: Queryable,
  eventId: string,
  sessionId: string,
): Promise<SessionRecord | undefined> {
  const rows = await q.query<SessionRow>(
    `SELECT s.*, (s.transaction_id IS NULL OR EXISTS (SELECT 1 FROM transactions t WHERE t.id = s.transaction_id)) AS settled
     FROM booth_sessions s WHERE s.event_id = $1 AND s.session_id = $2`,
    [eventId, sessionId],
  );
  return rows[0] ? sessionFromRow(rows[0]) : undefined;
}

/** Whether an AI output of the virtual booth session was paid for (its Charge exists). */
export async function sessionPaidForAi(
  q: Queryable,
  accountId: string,
  eventId: string,
  sessionId: string,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM booth_outputs o JOIN transactions t ON t.id = o.transaction_id
     WHERE o.event_id = $1 AND o.session_id = $2 AND o.account_id = $3 AND o.vb_ai LIMIT 1`,
    [eventId, sessionId, accountId],
  );
  return rows.length > 0;
}

/** Records the ended session under its ordinal (the event row locked) and counts it on the event. */
export async function insertSession(q: Queryable, s: Omit<SessionRecord, 'settled'>): Promise<SessionRecord> {
  const [row] = await q.query<SessionRow>(
    `WITH n AS (UPDATE booth_events SET sessions_ended = $4 WHERE id = $1)
     INSERT INTO booth_sessions (event_id, session_id, account_id, ordinal, paid_for_ai, cost_micros, transaction_id, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING *, false AS settled`,
    [s.eventId, s.sessionId, s.accountId, s.ordinal, s.paidForAi, s.costMicros, s.transactionId, s.endedAt],
  );
  return sessionFromRow(row!);
}

// ---- License changes ---------------------------------------------------------------------------

/** Running events of the account with the license each holds, events locked (id order). */
export async function lockRunningEvents(
  q: Queryable,
  accountId: string,
): Promise<{ eventId: string; tag: Tier; licenseId: string | null }[]> {
  await q.query(
    `SELECT 1 FROM booth_events WHERE account_id = $1 AND status = 'running' ORDER BY id FOR UPDATE`,
    [accountId],
  );
  const rows = await q.query<{ id: string; tag: Tier; license_id: string | null }>(
    `SELECT e.id, e.tag, l.license_id FROM booth_events e
     LEFT JOIN booth_event_licenses l ON l.event_id = e.id AND l.released_at IS NULL
     WHERE e.account_id = $1 AND e.status = 'running' ORDER BY e.id`,
    [accountId],
  );
  return rows.map((r) => ({ eventId: r.id, tag: r.tag, licenseId: r.license_id }));
}

/** Ids of the account's events paused because the account locked (oldest first). */
export async function eventsPausedByLock(q: Queryable, accountId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM booth_events WHERE account_id = $1 AND status = 'paused' AND pause_reason LIKE 'account_locked:%'
     ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => r.id);
}

/** Moves a running event from the license it holds to another. */
export async function moveEventLicense(
  q: Queryable,
  input: { eventId: string; accountId: string; license: { id: string; tier: Tier }; at: Date },
): Promise<void> {
  await q.query(
    `UPDATE booth_event_licenses SET released_at = $2 WHERE event_id = $1 AND released_at IS NULL`,
    [input.eventId, input.at],
  );
  await q.query(
    `INSERT INTO booth_event_licenses (event_id, license_id, account_id, tier, assigned_at) VALUES ($1, $2, $3, $4, $5)`,
    [input.eventId, input.license.id, input.accountId, input.license.tier, input.at],
  );
}
