import type { FastifyReply } from 'fastify';

/** Stable machine codes and their HTTP status. Codes are part of the API: add, never rename. */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  unknown_field: 400,
  invalid_amount: 400,
  invalid_request: 400,
  malformed_json: 400,
  malformed_url: 400,
  invalid_character: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  forbidden: 403,
  account_not_found: 404,
  hold_not_found: 404,
  route_not_found: 404,
  hold_not_pending: 409,
  idempotency_key_reused: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  insufficient_funds: 422,
  balance_limit_exceeded: 422,
  hold_amount_exceeded: 422,
  invalid_transfer: 422,
  webhook_target_refused: 422,
  alert_without_recipient: 422,
  alert_email_unverified: 422,
  notification_not_found: 404,
  transaction_not_found: 404,
  invoice_not_found: 404,
  not_a_payment: 422,
  refund_exceeds_payment: 422,
  payout_reference_required: 422,
  refund_conflict: 409,
  siwe_message_invalid: 400,
  siwe_domain_mismatch: 401,
  siwe_chain_mismatch: 401,
  siwe_expired: 401,
  siwe_not_yet_valid: 401,
  siwe_nonce_invalid: 401,
  siwe_signature_invalid: 401,
  deposit_not_found: 404,
  deposit_not_held: 409,
  topup_below_minimum: 400,
  topup_above_maximum: 400,
  webhook_signature_invalid: 400,
  capture_declined: 402,
  order_not_found: 404,
  promotion_not_found: 404,
  order_not_approved: 409,
  capture_pending: 409,
  payment_provider_error: 502,
  paypal_not_configured: 503,
  render_job_not_found: 404,
  render_task_not_found: 404,
  render_task_not_running: 409,
  instance_type_not_found: 404,
  instance_not_found: 404,
  instance_not_running: 409,
  instance_not_stopped: 409,
  disk_above_maximum: 422,
  fleet_error: 502,
  fleet_not_configured: 503,
  usdt_not_configured: 503,
  usdt_relay_not_configured: 503,
  usdt_relay_not_found: 404,
  wallet_not_signed_in: 422,
  relay_signature_invalid: 422,
  relay_authorization_expired: 422,
  relay_authorization_used: 409,
  relay_already_submitted: 409,
  relay_in_progress: 409,
  relay_insufficient_usdt: 422,
  relay_rejected: 422,
  chain_error: 502,
  demo_not_enabled: 404,
  event_not_found: 404,
  event_ended: 409,
  template_not_found: 404,
  account_locked: 409,
  no_license_available: 409,
  insufficient_tokens: 422,
  unknown_output_kind: 422,
  feature_not_in_event_tier: 403,
  enterprise_base_cancelling: 422,
  coupon_not_for_enterprise: 422,
  nothing_to_undo: 409,
  auto_topup_pack_not_found: 422,
  token_purchase_declined: 402,
  card_processor_not_configured: 503,
  card_processor_error: 502,
  card_declined: 402,
  no_default_payment_method: 422,
  payment_method_not_found: 404,
  payment_method_invalid: 422,
  payment_method_is_default: 409,
  booth_invoice_not_found: 404,
  booth_invoice_not_finalized: 409,
  booth_invoice_status_conflict: 409,
  booth_invoice_payment_pending: 409,
  price_changed: 409,
  quote_expired: 409,
  enterprise_requires_base_license: 422,
  enterprise_already_active: 409,
  license_not_found: 404,
  license_not_active: 409,
  license_cancel_pending: 409,
  downgrade_not_lower: 422,
  coupon_code_taken: 409,
  renewal_invoice_not_found: 404,
  test_clock_not_found: 404,
  test_clock_backwards: 422,
  test_clock_advancing: 409,
  test_clocks_not_available: 404,
  rate_limited: 429,
  not_ready: 503,
  email_invalid: 400,
  sign_in_code_malformed: 400,
  sign_in_code_incorrect: 401,
  sign_in_code_expired: 401,
  sign_in_code_used: 401,
  // The same refusals in flows already signed in (docs/sign-in.md "Codes when signed in").
  verification_code_incorrect: 422,
  verification_code_expired: 422,
  verification_code_used: 422,
  too_many_attempts: 429,
  email_not_configured: 503,
  email_delivery_failed: 502,
  wallet_already_linked: 409,
  email_already_linked: 409,
  last_way_in: 409,
  alerts_need_recipient: 409,
  way_in_not_found: 404,
  session_not_found: 404,
  api_key_not_found: 404,
  internal_error: 500,
  overloaded: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  /** For input errors: the first offending field, as a dotted path (`amount.amount`). */
  field?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problem(code: ProblemCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  // The problem's own members come last: a failure's extras (a license's `status: "removed"`)
  // must never become the HTTP status or replace the code.
  return {
    ...extra,
    type: `https://docs.pictor.pro/problems/${code}`,
    title: code.replace(/_/g, ' '),
    status: PROBLEM_STATUS[code],
    code,
    detail,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}
