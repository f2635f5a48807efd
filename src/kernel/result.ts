export type FailureCode =
  | CardFailureCode
  | LicenseFailureCode
  | LedgerFailureCode
  | BoothEdgeFailureCode
  | 'idempotency_key_reused'
  | 'webhook_target_refused'
  | 'alert_without_recipient'
  | 'alert_email_unverified'
  | 'notification_not_found'
  | 'invalid_request'
  | 'transaction_not_found'
  | 'invoice_not_found'
  | 'not_a_payment'
  | 'refund_exceeds_payment'
  | 'refund_conflict'
  | 'payout_reference_required'
  | 'usdt_not_configured'
  | 'topup_below_minimum'
  | 'topup_above_maximum'
  | 'order_not_found'
  | 'order_not_approved'
  | 'capture_declined'
  | 'capture_pending'
  | 'webhook_signature_invalid'
  | 'paypal_not_configured'
  | 'payment_provider_error'
  | 'promotion_not_found'
  | 'render_job_not_found'
  | 'render_task_not_found'
  | 'render_task_not_running'
  | 'instance_type_not_found'
  | 'instance_not_found'
  | 'instance_not_running'
  | 'instance_not_stopped'
  | 'disk_above_maximum'
  | 'fleet_error'
  | 'fleet_not_configured'
  // Booth events and tokens (issue 6)
  | 'event_not_found'
  | 'event_ended'
  | 'template_not_found'
  | 'account_locked'
  | 'no_license_available'
  | 'insufficient_tokens'
  | 'token_purchase_declined'
  // Sandbox test clocks (issue 19)
  | 'deposit_not_found'
  | 'test_clock_not_found'
  | 'test_clock_backwards'
  | 'test_clock_advancing'
  | 'test_clocks_not_available';

/** The booth line at its edges (issue 16): tiers, Enterprise, templates, auto top-up, dunning. */
export type BoothEdgeFailureCode =
  | 'unknown_output_kind'
  | 'feature_not_in_event_tier'
  | 'enterprise_base_cancelling'
  | 'coupon_not_for_enterprise'
  | 'nothing_to_undo'
  | 'auto_topup_pack_not_found';

/** Booth licenses (issue 5, licenses). */
/** The ledger's refusals (ledger-rules LedgerError codes), named here so the kernel imports no slice. */
export type LedgerFailureCode =
  | 'insufficient_funds'
  | 'balance_limit_exceeded'
  | 'account_not_found'
  | 'hold_not_found'
  | 'hold_not_pending'
  | 'hold_amount_exceeded'
  | 'invalid_transfer';

export type LicenseFailureCode =
  | 'price_changed'
  | 'quote_expired'
  | 'enterprise_requires_base_license'
  | 'enterprise_already_active'
  | 'license_not_found'
  | 'license_not_active'
  | 'license_cancel_pending'
  | 'downgrade_not_lower'
  | 'coupon_code_taken'
  | 'renewal_invoice_not_found';

/** Booth cards and invoices (issue 5, card rail). */
export type CardFailureCode =
  | 'card_processor_not_configured'
  | 'card_processor_error'
  | 'card_declined'
  | 'no_default_payment_method'
  | 'payment_method_not_found'
  | 'payment_method_invalid'
  | 'payment_method_is_default'
  | 'booth_invoice_not_found'
  | 'booth_invoice_not_finalized'
  | 'booth_invoice_status_conflict'
  | 'booth_invoice_payment_pending';

export interface Failure {
  code: FailureCode;
  detail: string;
  extra?: Record<string, unknown>;
}

/** A use case's typed answer: a value (maybe replayed from an earlier identical request) or a failure. */
export type Result<T> = { ok: true; value: T; replayed: boolean } | { ok: false; failure: Failure };

export const ok = <T>(value: T, replayed = false): Result<T> => ({ ok: true, value, replayed });
export const fail = (code: FailureCode, detail: string, extra?: Record<string, unknown>): Result<never> => ({
  ok: false,
  failure: { code, detail, ...(extra ? { extra } : {}) },
});

export const IDEMPOTENCY_CONFLICT = () =>
  fail('idempotency_key_reused', 'this Idempotency-Key was already used with a different request');
