import type { FastifyReply } from 'fastify';
import { type ProblemCode, problem, sendProblem } from '../kernel/http/problem.js';
import type { Web3Result } from './siwe-settings.js';

/** Sends a wallet use case's result; its failure codes are problem codes. */
export function sendWeb3<T>(
  res: FastifyReply,
  result: Web3Result<T, ProblemCode>,
  present: (value: T) => unknown,
  status = 200,
): FastifyReply {
  if (!result.ok)
    return sendProblem(res, problem(result.failure.code, result.failure.detail, result.failure.extra));
  if (result.replayed) res.header('idempotent-replayed', 'true');
  return res.code(status).send(present(result.value));
}
