import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportTransactionsCsv } from '../ledger/export-transactions.js';
import { ExportQuery, sendCsvExport } from '../kernel/http/csv-export.js';
import { findAccount } from './account-store.js';
import { adjustWallet } from '../ledger/adjust-wallet.js';
import { chargeWallet } from '../ledger/charge-wallet.js';
import type { AccountsContext } from './context.js';
import { createAccount } from './create-account.js';
import { getAccount } from './get-account.js';
import { getBalances } from '../ledger/get-balances.js';
import { getTransaction } from '../ledger/get-transaction.js';
import { listTransactions } from '../ledger/list-transactions.js';
import { placeHold } from '../ledger/place-hold.js';
import { callerOf, reply } from '../kernel/http/reply.js';
import { sendBadCursor } from '../kernel/http/cursor.js';
import { presentedJson } from '../kernel/http/presented-json.js';
import {
  decodeCursor,
  encodeCursor,
  presentBalance,
  presentHold,
  presentTransaction,
} from '../ledger/present.js';
import { presentAccount } from './present-account.js';
import { Account, CreateAccountBody } from './account-schemas.js';
import { AccountParams, IdempotencyHeaders, ProblemSchema, COMMON_PROBLEMS } from '../kernel/http/schemas.js';
import {
  AdjustmentBody,
  BalancesResponse,
  ChargeBody,
  Hold,
  PlaceHoldBody,
  Transaction,
  TransactionPage,
  TransactionParams,
  TransactionsQuery,
} from '../ledger/ledger-schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;
const INTERNAL = ['operator', 'service'] as const;

export const accountRoutes =
  (ctx: AccountsContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/accounts',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['accounts'],
          summary: 'Open a customer account (with an empty wallet per unit)',
          headers: IdempotencyHeaders,
          body: CreateAccountBody,
          response: { 201: Account, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await createAccount(ctx, callerOf(request), request.body, request.headers['idempotency-key']),
          presentAccount,
          201,
        ),
    );

    app.get(
      '/v1/accounts/:accountId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['accounts'],
          summary: 'Get an account',
          params: AccountParams,
          response: { 200: Account, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => reply(res, await getAccount(ctx, request.params.accountId), presentAccount),
    );

    app.get(
      '/v1/accounts/:accountId/balances',
      {
        config: { roles: ALL },
        serializerCompiler: presentedJson,
        schema: {
          tags: ['accounts'],
          summary: 'Balances per unit: balance, held by active holds, available',
          params: AccountParams,
          response: { 200: BalancesResponse, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await getBalances(ctx, request.params.accountId), (balances) => ({
          accountId: request.params.accountId,
          balances: balances.map(presentBalance),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/exports/transactions.csv',
      {
        config: { roles: ALL },
        schema: {
          tags: ['accounts'],
          summary:
            'The transaction history of a date range as CSV (UTC days, both included, at most 5 years), oldest first, streamed',
          params: AccountParams,
          querystring: ExportQuery,
          response: { 200: z.any().describe('text/csv'), ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        sendCsvExport(res, {
          query: request.query,
          accountId: request.params.accountId,
          accountExists: async (id) => (await findAccount(ctx.db, id)) !== undefined,
          name: 'transactions',
          rows: (range) => exportTransactionsCsv(ctx, request.params.accountId, range),
        }),
    );

    app.get(
      '/v1/accounts/:accountId/transactions',
      {
        config: { roles: ALL },
        serializerCompiler: presentedJson,
        schema: {
          tags: ['accounts'],
          summary: 'Transaction history, newest first, cursor-paginated',
          params: AccountParams,
          querystring: TransactionsQuery,
          response: { 200: TransactionPage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { cursor, ...filters } = request.query;
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        if (cursor !== undefined && !after) return sendBadCursor(res);
        return reply(
          res,
          await listTransactions(ctx, { accountId: request.params.accountId, ...filters, after }),
          (page) => ({
            data: page.transactions.map(presentTransaction),
            nextCursor: page.next ? encodeCursor(page.next) : null,
          }),
        );
      },
    );

    app.get(
      '/v1/accounts/:accountId/transactions/:transactionId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['accounts'],
          summary: 'Get one transaction of the account',
          params: TransactionParams,
          response: { 200: Transaction, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await getTransaction(ctx, request.params.accountId, request.params.transactionId),
          presentTransaction,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/adjustments',
      {
        config: { roles: ['operator'] },
        schema: {
          tags: ['operators'],
          summary: 'Credit or debit a wallet with a reason (an Other transaction, audited)',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: AdjustmentBody,
          response: { 201: Transaction, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { amount, ...rest } = request.body;
        const input = { accountId: request.params.accountId, ...rest, ...amount };
        return reply(
          res,
          await adjustWallet(ctx, callerOf(request), input, request.headers['idempotency-key']),
          presentTransaction,
          201,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/charges',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['ledger'],
          summary:
            'Charge a wallet (a Charge transaction); refused with insufficient_funds rather than overdrawn',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: ChargeBody,
          response: { 201: Transaction, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { amount, ...rest } = request.body;
        const input = { accountId: request.params.accountId, ...rest, ...amount };
        return reply(
          res,
          await chargeWallet(ctx, callerOf(request), input, request.headers['idempotency-key']),
          presentTransaction,
          201,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/holds',
      {
        config: { roles: INTERNAL },
        schema: {
          tags: ['ledger'],
          summary: 'Reserve funds for a charge whose amount is not known yet',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: PlaceHoldBody,
          response: { 201: Hold, 409: ProblemSchema, 422: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const { amount, ...rest } = request.body;
        const input = { accountId: request.params.accountId, ...rest, ...amount };
        return reply(
          res,
          await placeHold(ctx, callerOf(request), input, request.headers['idempotency-key']),
          presentHold,
          201,
        );
      },
    );
  };
