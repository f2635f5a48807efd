/**
 * The Add a card form without React: checking what was typed before anything is sent, and
 * tokenizing the card at the processor (Stripe.js-style, with the publishable key), so our API only
 * ever sees the resulting `pm_…` id.
 */
import { ApiError } from '../shared/api';
import type { CardProcessorInfo } from '../shared/api-types';

export interface CardForm {
  number: string;
  expiry: string;
  cvc: string;
}

/** One sentence per field that cannot be a card's; empty when the form can be sent. */
export function cardFormErrors({ number, expiry, cvc }: CardForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[\d ]{12,23}$/.test(number.trim())) errors.number = 'Enter the card number (digits only).';
  if (!/^\d{1,2}\s*\/\s*\d{2,4}$/.test(expiry.trim())) errors.expiry = 'Use MM/YY, e.g. 12/29.';
  if (!/^\d{3,4}$/.test(cvc.trim())) errors.cvc = '3 digits (4 on Amex).';
  return errors;
}

/** A refusal that belongs next to one field (shown there), not under the form. */
export const isFieldError = (error: unknown): error is ApiError =>
  error instanceof ApiError && !!error.field && error.field !== 'form';

/** The form field a processor's `param` names ("card[exp_month]" → expiry). */
function fieldOfParam(param: string): string {
  if (param.includes('number')) return 'number';
  if (param.includes('exp')) return 'expiry';
  if (param.includes('cvc')) return 'cvc';
  return 'form';
}

interface ProcessorAnswer {
  id?: string;
  error?: { message?: string; param?: string; code?: string };
}

/** The card sent straight to the processor; its `pm_…` id, or its refusal as an `ApiError` on a field. */
export async function tokenizeCard(
  info: CardProcessorInfo,
  { number, expiry, cvc }: CardForm,
): Promise<string> {
  const [month, year] = expiry.split('/').map((s) => s.trim());
  const form = new URLSearchParams({
    type: 'card',
    'card[number]': number.replace(/\s+/g, ''),
    'card[exp_month]': month ?? '',
    'card[exp_year]': year ?? '',
    'card[cvc]': cvc.trim(),
  });
  let res: Response;
  try {
    res = await fetch(`${info.tokenizeUrl.replace(/\/+$/, '')}/v1/payment_methods`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${info.publishableKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'processor_unreachable', 'Could not reach the card processor. Retry in a moment.');
  }
  const body = (await res.json().catch(() => ({}))) as ProcessorAnswer;
  if (!res.ok || !body.id)
    throw new ApiError(
      res.status,
      body.error?.code ?? 'card_error',
      body.error?.message ?? 'The card was refused.',
      fieldOfParam(body.error?.param ?? ''),
    );
  return body.id;
}
