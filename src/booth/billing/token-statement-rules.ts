/**
 * The monthly token usage statement, without I/O: the account's token charges of one calendar
 * month (UTC), grouped by event into outputs by kind and virtual booth sessions. It is the
 * document of every TOKEN charge row of the history (ledger/document-links.ts). Its total is the
 * sum of the month's token charges; the lines always add up to it (a remainder line keeps it so
 * should an output row be missing).
 */

/** One token charge of the month (outputs or a virtual booth session) with its event's name. */
export interface TokenChargeRow {
  transactionId: string;
  createdAt: Date;
  /** Tokens deducted (positive). */
  tokensMicros: bigint;
  eventId: string | null;
  eventName: string | null;
  /** Set for a virtual booth session's charge. */
  sessionId: string | null;
}

export interface TokenStatementLine {
  eventId: string | null;
  event: string;
  item: string;
  quantity: number;
  tokensMicros: bigint;
}

export interface TokenStatementPeriod {
  /** "2027-01". */
  month: string;
  start: Date;
  /** Exclusive: the first instant of the next month. */
  end: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month "YYYY-MM" as a period, or undefined when malformed or outside 2000-2999. */
export function parseStatementMonth(text: string): TokenStatementPeriod | undefined {
  const match = MONTH.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return undefined;
  const month = Number(match[2]) - 1;
  return {
    month: text,
    start: new Date(Date.UTC(year, month, 1)),
    end: new Date(Date.UTC(year, month + 1, 1)),
  };
}

/** "ai_photo" → "ai photo outputs". */
const kindLabel = (kind: string) => `${kind.replace(/_/g, ' ')} outputs`;

/** The statement's lines, per event: outputs by kind, then sessions; a remainder only if needed. */
export function statementLines(
  charges: readonly TokenChargeRow[],
  outputs: readonly { eventId: string; kind: string; count: number; tokensMicros: bigint }[],
): TokenStatementLine[] {
  const names = new Map(charges.map((c) => [c.eventId, c.eventName ?? c.eventId ?? 'No event']));
  const lines: TokenStatementLine[] = outputs.map((o) => ({
    eventId: o.eventId,
    event: names.get(o.eventId) ?? o.eventId,
    item: kindLabel(o.kind),
    quantity: o.count,
    tokensMicros: o.tokensMicros,
  }));
  const sessions = new Map<string | null, { count: number; tokens: bigint }>();
  for (const c of charges.filter((c) => c.sessionId !== null)) {
    const s = sessions.get(c.eventId) ?? { count: 0, tokens: 0n };
    sessions.set(c.eventId, { count: s.count + 1, tokens: s.tokens + c.tokensMicros });
  }
  for (const [eventId, s] of sessions) {
    lines.push({
      eventId,
      event: names.get(eventId) ?? 'No event',
      item: 'Virtual booth sessions',
      quantity: s.count,
      tokensMicros: s.tokens,
    });
  }
  const total = charges.reduce((sum, c) => sum + c.tokensMicros, 0n);
  const listed = lines.reduce((sum, l) => sum + l.tokensMicros, 0n);
  if (listed !== total) {
    lines.push({
      eventId: null,
      event: 'All events',
      item: 'Other usage',
      quantity: 1,
      tokensMicros: total - listed,
    });
  }
  return lines.sort((a, b) => a.event.localeCompare(b.event) || a.item.localeCompare(b.item));
}
