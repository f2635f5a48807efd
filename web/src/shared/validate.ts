/**
 * Checks what people type into amount fields, before anything is sent, and says what is wrong
 * in their terms: a minus sign, a thousands separator, a decimal comma, too many decimals, too
 * many digits or zero each get their own sentence (with the corrected value where there is one).
 */
export type Parsed = { ok: true; value: string } | { ok: false; message: string; tooLarge?: boolean };

export function parseAmount(
  raw: string,
  options: { decimals: number; what: string; allowZero?: boolean; currency?: boolean },
): Parsed {
  let text = raw.trim().replace(/\s+/g, '');
  if (options.currency) text = text.replace(/^\$/, '').replace(/USD$/i, '');
  if (text === '') return { ok: false, message: `Enter ${options.what}.` };
  if (/^[-−]/.test(text)) return { ok: false, message: 'Enter a positive number, without a minus sign.' };
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text))
    return { ok: false, message: `Leave out the thousands separators: write ${text.replace(/,/g, '')}.` };
  if (/^\d+,\d+$/.test(text))
    return { ok: false, message: `Use a dot for decimals: write ${text.replace(',', '.')}.` };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, message: 'Use digits only, with a dot for decimals, e.g. 25 or 25.50.' };
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = m[2] ?? '';
  if (fraction.length > options.decimals)
    return {
      ok: false,
      message:
        options.decimals === 0
          ? 'Use a whole number, without decimals.'
          : `Use at most ${options.decimals} decimals${options.decimals === 2 && options.currency ? ' (cents)' : ''}.`,
    };
  if (whole.length > 12) return { ok: false, message: 'That number is too large.', tooLarge: true };
  if (!options.allowZero && /^0*$/.test(whole + fraction))
    return { ok: false, message: `Enter an amount above zero.` };
  return { ok: true, value: fraction ? `${whole}.${fraction}` : whole };
}

const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

/** A comma-separated list of email addresses; the first bad one is named. */
export function parseEmails(raw: string): { ok: true; value: string[] } | { ok: false; message: string } {
  const items = raw.split(/[,;\s]+/).filter(Boolean);
  const bad = items.find((m) => !EMAIL.test(m));
  if (bad) return { ok: false, message: `“${bad}” is not an email address (name@example.com).` };
  return { ok: true, value: items };
}
