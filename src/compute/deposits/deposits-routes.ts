import { sendWeb3 } from '../../accounts/web3-reply.js';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAddress } from 'viem';
import { z } from 'zod';
import { explorerUrl, web3Of } from '../../accounts/siwe-settings.js';
import { hasPrefix } from '../../kernel/ids.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import { AccountParams, MoneyOutput, ProblemSchema, COMMON_PROBLEMS } from '../../kernel/http/schemas.js';
import { formatAmount } from '../../kernel/money.js';
import { Transaction } from '../../ledger/ledger-schemas.js';
import { money, presentTransaction } from '../../ledger/present.js';
import type { ComputeContext } from '../context.js';
import { assignHeldDeposit } from './assign-held-deposit.js';
import {
  AssignDepositBody,
  Deposit,
  DepositPage,
  DepositParams,
  AccountDepositParams,
  DepositsQuery,
} from '../../accounts/web3-schemas.js';
import { getUsdtDepositInstructions } from './get-usdt-deposit-instructions.js';
import { listDeposits } from './list-deposits.js';
import { getDeposit } from './get-deposit.js';
import { sendBadCursor } from '../../kernel/http/cursor.js';
import type { DepositRecord } from '../../accounts/accounts-rules.js';
import type { Web3Result } from '../../accounts/siwe-settings.js';
import { findRelaysByTxHash } from './relay-store.js';
import { type WatcherHead, findWatcherHeads, watcherId } from '../../accounts/web3-store.js';
import type { RelayRecord } from './relay-rules.js';
import { RelayInfo } from './relay-schemas.js';
import { relayRoutes } from './relay-routes.js';
import { formatWei } from './relay-rules.js';
import type { TransactionRecord } from '../../ledger/ledger-rules.js';
import { findNetworkFeeRefundsOfPayments } from '../invoices/invoice-store.js';
import { networkFeeStatement } from '../invoices/document-rules.js';

const ALL = ['operator', 'service', 'customer'] as const;

/** What a deposit's answer needs besides its row: who paid its gas, and the head its watcher saw. */
interface DepositFacts {
  relays: Map<string, RelayRecord>;
  heads: Map<string, WatcherHead>;
  /** "Network fee sponsored" refunds, by the deposit's payment transaction id. */
  refunds: Map<string, TransactionRecord>;
}

async function factsOf(ctx: ComputeContext, deposits: DepositRecord[]): Promise<DepositFacts> {
  const payments = deposits.flatMap((d) =>
    d.accountId && d.transactionId ? [{ accountId: d.accountId, paymentId: d.transactionId }] : [],
  );
  const [relays, heads, refunds] = await Promise.all([
    findRelaysByTxHash(
      ctx.db,
      deposits.map((d) => d.txHash),
    ),
    findWatcherHeads(ctx.db, deposits.map(watcherOf)),
    findNetworkFeeRefundsOfPayments(ctx.db, payments),
  ]);
  return { relays, heads, refunds };
}

/** Who paid a deposit's gas and what Pictor did about it, in the receipt's words. */
function presentDepositNetworkFee(d: DepositRecord, facts: DepositFacts) {
  const relay = facts.relays.get(d.txHash);
  const fee = networkFeeStatement(relay, d.transactionId ? facts.refunds.get(d.transactionId) : undefined);
  return {
    paidBy: fee.paidBy,
    relayId: relay?.id ?? null,
    amount: fee.wei === null ? null : { amount: formatWei(fee.wei), unit: 'ETH' as const },
    refund: fee.refund && {
      credits: money(fee.refund.creditsMicros, 'CREDIT'),
      transactionId: fee.refund.transactionId,
    },
    statement: fee.statement,
  };
}

const watcherOf = (d: DepositRecord) => watcherId(d.chainId, d.tokenAddress, d.toAddress);

/** The facts of a page of deposits, fetched once for the page. */
const withFactsOf =
  (ctx: ComputeContext) =>
  async <T extends { deposits: DepositRecord[] }, C extends string>(
    result: Web3Result<T, C>,
  ): Promise<Web3Result<{ page: T; facts: DepositFacts }, C>> => {
    if (!result.ok) return result;
    return { ...result, value: { page: result.value, facts: await factsOf(ctx, result.value.deposits) } };
  };

/**
 * How many confirmations a deposit has (head − its block + 1, as its watcher last saw the chain)
 * and how many that watcher requires (its configuration when it last ran; this server's before
 * any pass). A reorged deposit has none; before the watcher's first pass the count is unknown.
 */
export function confirmationsOf(
  d: DepositRecord,
  head: WatcherHead | undefined,
  configured: number | null,
): { count: number | null; required: number | null } {
  const required = head?.confirmations ?? configured;
  if (d.status === 'reorged') return { count: 0, required };
  if (head === undefined) return { count: null, required };
  const count = head.blockNumber - d.blockNumber + 1n;
  return { count: Number(count < 0n ? 0n : count), required };
}

/** USDT deposits: instructions, an account's deposits, and the operators' review of held ones. */
export const depositsRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    const withFacts = withFactsOf(ctx);
    const noFacts: DepositFacts = { relays: new Map(), heads: new Map(), refunds: new Map() };
    const presentDeposit = (d: DepositRecord, facts: DepositFacts = noFacts) => ({
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
      networkFee: presentDepositNetworkFee(d, facts),
      confirmations: confirmationsOf(
        d,
        facts.heads.get(watcherOf(d)),
        ctx.web3?.chain?.confirmations ?? null,
      ),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    });

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
              relay: RelayInfo,
              networkFeeRefund: z
                .object({
                  nativeTokenUsdPrice: z
                    .string()
                    .describe('USD per whole native token (ETH) used for refunds'),
                  cap: MoneyOutput.describe('the most one deposit gets back'),
                })
                .nullable()
                .describe(
                  'set when the wallet pays the gas and Pictor refunds it as credits once the deposit is credited (no relayer)',
                ),
            }),
            503: ProblemSchema,
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        reply(res, await getUsdtDepositInstructions(ctx, request.params.accountId), (v) => ({
          ...v,
          networkFeeRefund: v.networkFeeRefund && {
            nativeTokenUsdPrice: formatAmount(v.networkFeeRefund.nativeTokenUsdPriceMicros, 'CREDIT'),
            cap: money(v.networkFeeRefund.capMicros, 'CREDIT'),
          },
        })),
    );

    app.register(relayRoutes(ctx));

    /** A page of deposits with their facts: one account's, or (no account) all of them. */
    const sendDepositPage = async (
      res: FastifyReply,
      query: z.infer<typeof DepositsQuery>,
      accountId?: string,
    ) => {
      const { cursor, ...rest } = query;
      if (cursor !== undefined && !hasPrefix(cursor, 'deposit')) return sendBadCursor(res);
      return sendWeb3(
        res,
        await withFacts(await listDeposits(ctx, { accountId, before: cursor, ...rest })),
        ({ page, facts }) => ({
          data: page.deposits.map((d) => presentDeposit(d, facts)),
          nextCursor: page.next,
        }),
      );
    };

    app.get(
      '/v1/accounts/:accountId/deposits',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary: "An account's USDT deposits, newest first, with tx hash and explorer link",
          params: AccountParams,
          querystring: DepositsQuery,
          response: { 200: DepositPage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => sendDepositPage(res, request.query, request.params.accountId),
    );

    app.get(
      '/v1/accounts/:accountId/deposits/:depositId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary: 'Get one USDT deposit of the account',
          params: AccountDepositParams,
          response: { 200: Deposit, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const found = await getDeposit(ctx, request.params.accountId, request.params.depositId);
        const facts = found.ok ? await factsOf(ctx, [found.value]) : noFacts;
        return reply(res, found, (d) => presentDeposit(d, facts));
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
          response: { 200: DepositPage, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => sendDepositPage(res, request.query),
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
            ...COMMON_PROBLEMS,
          },
        },
      },
      async (request, res) =>
        sendWeb3(
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
