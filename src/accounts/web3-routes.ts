import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAddress } from 'viem';
import { z } from 'zod';
import { formatAmount } from '../kernel/money.js';
import { hasPrefix } from '../kernel/ids.js';
import { assignHeldDeposit } from '../compute/deposits/assign-held-deposit.js';
import type { AccountsContext } from './context.js';
import { endSession } from './end-session.js';
import { issueSiweNonce } from './issue-siwe-nonce.js';
import { getUsdtDepositInstructions } from '../compute/deposits/get-usdt-deposit-instructions.js';
import { listDeposits } from '../compute/deposits/list-deposits.js';
import { signInWithEthereum } from './sign-in-with-ethereum.js';
import { type Web3Result, explorerUrl, web3Of } from './siwe-settings.js';
import type { DepositRecord } from './web3-store.js';
import { presentTransaction, money } from '../ledger/present.js';
import { type ProblemCode, problem, sendProblem } from '../kernel/http/problem.js';
import { callerOf, reply } from '../kernel/http/reply.js';
import { AccountParams, ProblemSchema, Transaction } from '../kernel/http/schemas.js';
import {
  AssignDepositBody,
  Deposit,
  DepositPage,
  DepositParams,
  DepositsQuery,
  LoggedOut,
  SessionCreated,
  SiweNonce,
  SiweNonceBody,
  SiweVerifyBody,
} from './web3-schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const ALL = ['operator', 'service', 'customer'] as const;

/** Sends a wallet use case's result; its failure codes are problem codes. */
function send<T>(
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

const badCursor = (res: FastifyReply) =>
  sendProblem(res, problem('invalid_request', 'cursor: not a cursor this API returned', { field: 'cursor' }));

/** Wallet sign-in (SIWE), sessions, and USDT deposits. */
export const web3Routes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    const presentDeposit = (d: DepositRecord) => ({
      id: d.id,
      accountId: d.accountId,
      status: d.status,
      chainId: d.chainId,
      tokenAddress: getAddress(d.tokenAddress),
      txHash: d.txHash,
      logIndex: d.logIndex,
      fromAddress: getAddress(d.fromAddress),
      blockNumber: d.blockNumber.toString(),
      amount: { amount: formatAmount(d.amountMicros, 'CREDIT'), unit: 'USDT' as const },
      credit: d.status === 'credited' ? money(d.amountMicros, 'CREDIT') : null,
      fee: money(0n, 'CREDIT'),
      transactionId: d.transactionId,
      explorerUrl: explorerUrl(web3Of(ctx).explorerTxUrl, d.txHash),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    });

    app.post(
      '/v1/auth/siwe/nonce',
      {
        schema: {
          tags: ['wallet sign-in'],
          summary: 'A single-use nonce for a Sign-In with Ethereum (EIP-4361) message',
          security: [],
          body: SiweNonceBody,
          response: { 201: SiweNonce, 400: ProblemSchema },
        },
      },
      async (_request, res) => {
        const issued = await issueSiweNonce(ctx);
        return res.code(201).send({ ...issued, expiresAt: issued.expiresAt.toISOString() });
      },
    );

    app.post(
      '/v1/auth/siwe/verify',
      {
        schema: {
          tags: ['wallet sign-in'],
          summary:
            'Verify a signed EIP-4361 message and open a session (the account is opened on the first sign-in)',
          security: [],
          body: SiweVerifyBody,
          response: { 201: SessionCreated, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request, res) =>
        send(
          res,
          await signInWithEthereum(ctx, {
            message: request.body.message,
            signature: request.body.signature as `0x${string}`,
          }),
          ({ token, session, accountCreated }) => ({
            token,
            sessionId: session.id,
            accountId: session.accountId,
            address: session.address,
            accountCreated,
            expiresAt: session.expiresAt.toISOString(),
          }),
          201,
        ),
    );

    app.post(
      '/v1/auth/logout',
      {
        config: { roles: ['customer'] },
        schema: {
          tags: ['wallet sign-in'],
          summary: 'End the wallet session this request is authenticated with',
          body: SiweNonceBody,
          response: { 200: LoggedOut, ...errors },
        },
      },
      async (request, res) =>
        send(res, await endSession(ctx, callerOf(request)), ({ sessionId }) => ({
          sessionId,
          loggedOut: true as const,
        })),
    );

    app.get(
      '/v1/accounts/:accountId/top-ups/usdt',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary:
            'Where to send USDT for a top-up (1 USDT = 1 CREDIT, no fee), from which wallet, after how many confirmations',
          params: AccountParams,
          response: {
            200: z.object({
              chainId: z.number(),
              tokenAddress: z.string(),
              depositAddress: z.string(),
              decimals: z.literal(6),
              confirmations: z.number(),
              fromAddresses: z.array(z.string()),
            }),
            503: ProblemSchema,
            ...errors,
          },
        },
      },
      async (request, res) =>
        reply(res, await getUsdtDepositInstructions(ctx, request.params.accountId), (v) => v),
    );

    app.get(
      '/v1/accounts/:accountId/deposits',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary: "An account's USDT deposits, newest first, with tx hash and explorer link",
          params: AccountParams,
          querystring: DepositsQuery,
          response: { 200: DepositPage, ...errors },
        },
      },
      async (request, res) => {
        const { cursor, ...rest } = request.query;
        if (cursor !== undefined && !hasPrefix(cursor, 'deposit')) return badCursor(res);
        return send(
          res,
          await listDeposits(ctx, { accountId: request.params.accountId, before: cursor, ...rest }),
          (page) => ({ data: page.deposits.map(presentDeposit), nextCursor: page.next }),
        );
      },
    );

    app.get(
      '/v1/deposits',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary: 'All USDT deposits (e.g. ?status=held_for_review: unknown senders awaiting review)',
          querystring: DepositsQuery,
          response: { 200: DepositPage, ...errors },
        },
      },
      async (request, res) => {
        const { cursor, ...rest } = request.query;
        if (cursor !== undefined && !hasPrefix(cursor, 'deposit')) return badCursor(res);
        return send(res, await listDeposits(ctx, { before: cursor, ...rest }), (page) => ({
          data: page.deposits.map(presentDeposit),
          nextCursor: page.next,
        }));
      },
    );

    app.post(
      '/v1/deposits/:depositId/assign',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary:
            'Assign a held deposit to an account and credit it (audited; repeating the same assignment replays)',
          params: DepositParams,
          body: AssignDepositBody,
          response: {
            201: z.object({ deposit: Deposit, transaction: Transaction }),
            409: ProblemSchema,
            422: ProblemSchema,
            ...errors,
          },
        },
      },
      async (request, res) =>
        send(
          res,
          await assignHeldDeposit(ctx, callerOf(request), {
            depositId: request.params.depositId,
            ...request.body,
          }),
          ({ deposit, transaction }) => ({
            deposit: presentDeposit(deposit),
            transaction: presentTransaction(transaction),
          }),
          201,
        ),
    );
  };
