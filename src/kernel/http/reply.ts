import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatAmount, isUnit } from '../money.js';
import type { Caller } from '../context.js';
import type { Failure, Result } from '../result.js';
import { problem, sendProblem } from './problem.js';

/** Failure extras may carry micros; the API shows them as decimal strings of their unit. */
function presentFailure(failure: Failure) {
  const extra: Record<string, unknown> = {};
  const unit = failure.extra?.unit;
  for (const [key, value] of Object.entries(failure.extra ?? {})) {
    if (typeof value === 'bigint' && key.endsWith('Micros') && isUnit(unit)) {
      extra[key.slice(0, -'Micros'.length)] = formatAmount(value, unit);
    } else if (typeof value !== 'bigint') {
      extra[key] = value;
    }
  }
  return problem(failure.code, failure.detail, extra);
}

/** Sends a use case's result: the presented value with `status`, or its failure as problem+json. */
export function reply<T>(
  replyTo: FastifyReply,
  result: Result<T>,
  present: (value: T) => unknown,
  status = 200,
): FastifyReply {
  if (!result.ok) return sendProblem(replyTo, presentFailure(result.failure));
  if (result.replayed) replyTo.header('idempotent-replayed', 'true');
  return replyTo.code(status).send(present(result.value));
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route without roles asked for a caller');
  return request.caller;
}
