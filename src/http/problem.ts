import type { FastifyReply } from 'fastify';

/** Stable machine codes and their HTTP status. Codes are part of the API: add, never rename. */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  unknown_field: 400,
  invalid_amount: 400,
  invalid_request: 400,
  malformed_json: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  forbidden: 403,
  account_not_found: 404,
  hold_not_found: 404,
  route_not_found: 404,
  hold_not_pending: 409,
  idempotency_key_reused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  insufficient_funds: 422,
  hold_amount_exceeded: 422,
  invalid_transfer: 422,
  internal_error: 500,
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
  return {
    type: `https://docs.pictor.pro/problems/${code}`,
    title: code.replace(/_/g, ' '),
    status: PROBLEM_STATUS[code],
    code,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}
