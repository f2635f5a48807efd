import type { FastifyReply } from 'fastify';
import { problem, sendProblem } from './problem.js';

/**
 * Every list answers a cursor it did not hand out the same way: 400 `invalid_request` on the field
 * `cursor` (never the first page, which would hide a client's bug behind a repeated page).
 */
export function sendBadCursor(reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    problem('invalid_request', 'cursor: not a cursor this API returned', { field: 'cursor' }),
  );
}
