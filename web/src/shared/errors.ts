import { ApiError } from './api';
import { formatMoney } from './format';

/**
 * What people read when something fails: one table from the API's problem codes to sentences. The
 * server's own `detail` is for developers and logs, never shown: it is lowercase, technical and may
 * name internals. A code missing here falls back to a sentence for its HTTP status class.
 */
/** An alert named in `alerts_need_recipient` (docs/compute.md "Removing the last recipient"). */
type AlertNamed = { kind: string; below?: { amount: string; unit: string }; hours?: number };

/** Said by the purchase dialog as it opens with no default card, and as the server's refusal. */
export const NO_DEFAULT_CARD = 'Add a card first: purchases are paid with your default card.';

const SENTENCES: Record<string, string | ((e: ApiError) => string)> = {
  network_error: 'Could not reach Pictor. Check your connection and try again.',
  unauthenticated: 'Your session expired. Sign in again.',
  forbidden: 'This account is not allowed to do that.',
  account_not_found: 'This account no longer exists.',
  route_not_found: 'This feature is not available on this server yet.',
  validation_failed: 'Some of the values are not valid. Check the highlighted fields.',
  invalid_amount: 'Enter an amount as a number, e.g. 25 or 25.50.',
  idempotency_key_reused:
    'This request was already sent with different details. Reload the page and try again.',
  topup_below_minimum: (e) => `The smallest top-up is ${usd(e.extra.minimum) ?? '$5.00'}.`,
  topup_above_maximum: (e) => `The largest top-up is ${usd(e.extra.maximum) ?? 'the maximum allowed'}.`,
  capture_declined:
    'PayPal declined the payment. Nothing was charged; try again or use another payment method.',
  order_not_found: 'This PayPal payment was not started from this account. Nothing was credited here.',
  order_not_approved: 'The payment was not approved at PayPal yet. Nothing was charged.',
  capture_pending: 'PayPal is still processing the payment. Your credits appear as soon as it completes.',
  payment_provider_error: 'The payment provider did not answer. Nothing was charged; try again in a minute.',
  paypal_not_configured: 'PayPal top-ups are not available on this server.',
  usdt_not_configured: 'USDT top-ups are not available on this server. Use PayPal instead.',
  card_processor_not_configured: 'Card payments are not available on this server.',
  card_processor_error: 'The card processor did not answer. Nothing was charged; try again in a minute.',
  processor_unreachable: 'Could not reach the card processor. Nothing was saved; try again in a moment.',
  card_error: 'The card processor refused this card. Check the details or use another card.',
  // The card processor's own codes (the card form talks to it directly).
  incorrect_number: 'This card number is not right. Check the digits on the card.',
  invalid_number: 'This card number is not right. Check the digits on the card.',
  invalid_expiry_month: 'Check the expiry date: MM/YY as printed on the card, not in the past.',
  invalid_expiry_year: 'Check the expiry year: MM/YY as printed on the card.',
  invalid_cvc: 'The security code is the 3 or 4 digits on the back of the card.',
  incorrect_cvc: 'The security code does not match this card. Check it and try again.',
  expired_card: 'This card has expired. Use another card.',
  card_declined: 'Your card was declined. Nothing was charged; try another card.',
  token_purchase_declined: 'Your default card was declined, so no tokens were added. Try another card.',
  no_default_payment_method: NO_DEFAULT_CARD,
  payment_method_not_found: 'This card is no longer saved on your account.',
  payment_method_invalid: 'This card cannot be used. Check its details or add another card.',
  payment_method_is_default: 'This is your default card. Make another card the default before removing it.',
  booth_invoice_not_found: 'This invoice no longer exists.',
  booth_invoice_not_finalized: 'This invoice is not final yet, so it cannot be paid or downloaded.',
  booth_invoice_status_conflict: 'This invoice was already paid or voided. Reload to see its status.',
  booth_invoice_payment_pending: 'A payment for this invoice is already in progress.',
  price_changed: 'The price changed while you were ordering. Check the new total and confirm again.',
  enterprise_requires_base_license: 'The Enterprise add-on needs an active license of another tier first.',
  coupon_not_for_enterprise: 'Coupons do not apply to the Enterprise add-on. Remove the code to continue.',
  enterprise_already_active: 'The Enterprise add-on is already active on this account.',
  license_not_found: 'This license no longer exists.',
  license_not_active: 'This license is no longer active.',
  license_cancel_pending: 'This license is already set to end at the end of its period.',
  downgrade_not_lower: 'Choose a lower tier to downgrade to.',
  account_locked: 'Your booth account is locked until a license is bought or an unpaid invoice is settled.',
  no_license_available: 'Every license is in use. Buy another license to run more booths at once.',
  insufficient_tokens: 'Not enough tokens. Top up to continue.',
  insufficient_funds: 'Not enough credits. Top up to continue.',
  demo_not_enabled: 'The demo account is not available on this server.',
  invoice_not_found: 'This invoice is not available yet. Try again in a minute.',
  transaction_not_found: 'This transaction no longer exists.',
  render_job_not_found: 'This render job no longer exists.',
  instance_not_found: 'This GPU instance no longer exists.',
  event_not_found: 'This event no longer exists.',
  template_not_found: 'No template with this name exists.',
  download_failed: 'The document could not be downloaded. Try again in a minute.',
  email_invalid: 'Enter an email address, e.g. name@example.com.',
  sign_in_code_malformed: 'Enter the 6 digits from the email.',
  sign_in_code_incorrect: 'That code is not right. Check the latest email from Pictor, or send a new code.',
  sign_in_code_expired: 'That code has expired (codes last 10 minutes). Send a new code.',
  sign_in_code_used: 'That code was already used or replaced by a newer one. Send a new code.',
  // The same refusals when already signed in (linking an email, verifying an alert email): 422.
  verification_code_incorrect:
    'That code is not right. Check the latest email from Pictor, or send a new code.',
  verification_code_expired: 'That code has expired (codes last 10 minutes). Send a new code.',
  verification_code_used: 'That code was already used or replaced by a newer one. Send a new code.',
  too_many_attempts: (e) =>
    `Too many attempts. Try again in ${Math.max(1, Math.ceil(Number(e.extra.retryAfterSeconds ?? 900) / 60))} minutes.`,
  email_not_configured: 'Email sign-in is not available on this server. Use a wallet or an API key.',
  email_delivery_failed: 'The email could not be sent. Try again in a minute.',
  alert_email_unverified: (e) =>
    `${typeof e.extra.email === 'string' ? e.extra.email : 'An address'} is not verified yet: send it a code and enter the code from the email.`,
  wallet_already_linked: 'This wallet already signs in to another Pictor account.',
  email_already_linked: 'This email already signs in to another Pictor account.',
  last_way_in: 'This is the only way into your account. Add another before removing it.',
  alerts_need_recipient: (e) => {
    const alerts = Array.isArray(e.extra.alerts) ? (e.extra.alerts as AlertNamed[]) : [];
    const named = alerts.map((a) =>
      a.kind === 'low_balance' && a.below
        ? `low-balance alert (below ${formatMoney(a.below)})`
        : `low-remaining-time alert (${a.hours} hours)`,
    );
    const list = named.length > 0 ? named.join(' and ') : 'alerts';
    return (
      `Your ${list} ${named.length === 1 ? 'is' : 'are'} sent only to this address. Add alert emails or a ` +
      'webhook in the alert settings on this page, or turn the alerts off, then remove it.'
    );
  },
  siwe_nonce_invalid: 'The wallet sign-in took too long. Try again.',
  siwe_signature_invalid: 'The wallet signature could not be verified. Try again.',
  internal_error: 'Something went wrong on our side. Nothing was changed; try again in a minute.',
};

function usd(value: unknown): string | null {
  const text = typeof value === 'string' ? value : (value as { amount?: string } | undefined)?.amount;
  return text && /^\d+(\.\d{1,6})?$/.test(text) ? formatMoney({ amount: text, unit: 'USD' }) : null;
}

/** The sentence shown for `error` (an ApiError, a thrown Error or anything else). */
export function errorSentence(error: unknown): string {
  if (error instanceof ApiError) {
    const entry = SENTENCES[error.code];
    if (entry) return typeof entry === 'function' ? entry(error) : entry;
    if (error.status >= 500) return SENTENCES.internal_error as string;
    if (error.status === 404) return 'This item no longer exists. Reload the page.';
    if (error.status === 409) return 'This changed in the meantime. Reload the page and try again.';
    return 'This request could not be completed. Check the details and try again.';
  }
  return 'Something went wrong in the page. Reload it and try again.';
}

/**
 * A permanent error will not get better by asking again: a 4xx other than a timeout or rate limit,
 * or a feature this server does not have (`*_not_configured`, 503). Retrying those only keeps the
 * customer looking at "Loading…".
 */
export function isPermanent(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code.endsWith('_not_configured')) return true;
  return error.status >= 400 && error.status < 500 && ![408, 429].includes(error.status);
}
