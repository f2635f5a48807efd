/**
 * Money on the page: the API sends exact decimal strings ("12.345678"); the page formats them as
 * text and, where it must add or compare, works in bigint micro-units. Never a JS float.
 */
export interface Money {
  amount: string;
  unit: string;
}

const SCALE = 6;
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

/** "12.34" → 12340000n (6 decimals). Throws on anything that is not a plain decimal. */
export function toMicros(text: string): bigint {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: ${text}`);
  const micros = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(SCALE, '0'));
  return m[1] ? -micros : micros;
}

/** Whether `text` is a plain decimal with at most `decimals` decimals (what a form accepts). */
export function isDecimal(text: string, decimals: number): boolean {
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  return !!m && (m[2] ?? '').length <= decimals;
}

/** 12340000n → "12.34" (trailing zeros trimmed to at least `minDecimals`). */
export function fromMicros(micros: bigint, minDecimals = 2): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = (abs / 1_000_000n).toString();
  let fraction = (abs % 1_000_000n).toString().padStart(SCALE, '0');
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "1234567.500000" → "1,234,567.50": grouped, trailing zeros trimmed to `minDecimals`. */
export function formatDecimal(text: string, minDecimals = 2): string {
  const normalized = fromMicros(toMicros(text), minDecimals);
  const negative = normalized.startsWith('-');
  const [whole, fraction] = (negative ? normalized.slice(1) : normalized).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

const UNIT_LABEL: Record<string, string> = { CREDIT: 'credits', TOKEN: 'tokens', USDT: 'USDT' };

/** {amount:"104.70", unit:"USD"} → "$104.70"; CREDIT → "100.00 credits"; TOKEN → "1,000.00 tokens". */
export function formatMoney(money: Money, options: { signed?: boolean } = {}): string {
  const micros = toMicros(money.amount);
  const sign = options.signed ? (micros > 0n ? '+' : micros < 0n ? '−' : '') : micros < 0n ? '−' : '';
  // Every unit shows at least 2 decimals, more only when the amount has them (as the invoices do).
  const abs = fromMicros(micros < 0n ? -micros : micros, 2);
  const text = formatDecimal(abs, 2);
  if (money.unit === 'USD') return `${sign}$${text}`;
  return `${sign}${text} ${UNIT_LABEL[money.unit] ?? money.unit}`;
}

/** Sum of decimal strings, exact. */
export function sum(amounts: readonly string[]): string {
  return fromMicros(
    amounts.reduce((acc, a) => acc + toMicros(a), 0n),
    2,
  );
}
