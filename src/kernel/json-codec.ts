/**
 * JSON that keeps bigint and Date. Stored idempotent results go through it so a replay hands the
 * caller exactly the typed value the first request produced.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    return v;
  });
}

export function decodeJson<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && typeof record.$bigint === 'string') return BigInt(record.$bigint);
  if (keys.length === 1 && typeof record.$date === 'string') return new Date(record.$date);
  return Object.fromEntries(keys.map((k) => [k, revive(record[k])]));
}
