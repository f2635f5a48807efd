import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Hex, getAddress } from 'viem';
import { explorerUrl, web3Of } from '../../accounts/siwe-settings.js';
import { sendWeb3 } from '../../accounts/web3-reply.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';
import { formatAmount } from '../../kernel/money.js';
import type { ComputeContext } from '../context.js';
import { authorizationTypedDataJson, formatWei, networkFeeWei } from './relay-rules.js';
import { PrepareRelayBody, RelayParams, SubmitRelayBody, UsdtRelay } from './relay-schemas.js';
import type { RelayRecord } from './relay-rules.js';
import { authorizationOf, getRelay, prepareRelay, submitRelay } from './usdt-relay.js';

const ALL = ['operator', 'service', 'customer'] as const;
const errors = {
  ...COMMON_PROBLEMS,
  409: ProblemSchema,
  422: ProblemSchema,
  502: ProblemSchema,
  503: ProblemSchema,
};

/** Sponsored USDT top-ups: prepare an EIP-3009 authorization, submit it signed, follow it. */
export const relayRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    const present = (r: RelayRecord) => {
      const relay = ctx.web3?.chain?.relay;
      const typed = relay
        ? authorizationTypedDataJson(authorizationOf(r, relay))
        : {
            domain: {
              name: '',
              version: '',
              chainId: r.chainId,
              verifyingContract: getAddress(r.tokenAddress),
            },
          };
      return {
        id: r.id,
        accountId: r.accountId,
        status: r.status,
        from: getAddress(r.fromAddress),
        to: getAddress(r.toAddress),
        amount: { amount: formatAmount(r.amountMicros, 'CREDIT'), unit: 'USDT' as const },
        validBefore: r.validBefore.toString(),
        nonce: r.nonce,
        relayer: getAddress(r.relayerAddress),
        txHash: r.txHash,
        explorerUrl: r.txHash ? explorerUrl(web3Of(ctx).explorerTxUrl, r.txHash) : null,
        failure: r.failure,
        networkFee:
          r.gasUsed !== null && r.effectiveGasPrice !== null
            ? {
                paidBy: 'pictor' as const,
                gasUsed: r.gasUsed.toString(),
                effectiveGasPrice: r.effectiveGasPrice.toString(),
                amount: {
                  amount: formatWei(networkFeeWei(r.gasUsed, r.effectiveGasPrice)),
                  unit: 'ETH' as const,
                },
              }
            : null,
        typedData: typed as ReturnType<typeof authorizationTypedDataJson>,
        createdAt: r.createdAt.toISOString(),
      };
    };

    app.post(
      '/v1/accounts/:accountId/top-ups/usdt/authorizations',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary:
            'Prepare a USDT top-up whose network fee Pictor pays: the EIP-3009 authorization for the wallet to sign (nothing moves yet)',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: PrepareRelayBody,
          response: { 201: UsdtRelay, ...errors },
        },
      },
      async (request, res) =>
        sendWeb3(
          res,
          await prepareRelay(ctx, {
            accountId: request.params.accountId,
            from: request.body.from,
            amountMicros: request.body.amount.amountMicros,
          }),
          present,
          201,
        ),
    );

    app.get(
      '/v1/accounts/:accountId/top-ups/usdt/authorizations/:relayId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary: 'A sponsored USDT top-up: its status, transaction and the gas Pictor paid',
          params: RelayParams,
          response: { 200: UsdtRelay, ...errors },
        },
      },
      async (request, res) =>
        sendWeb3(res, await getRelay(ctx, request.params.accountId, request.params.relayId), present),
    );

    app.post(
      '/v1/accounts/:accountId/top-ups/usdt/authorizations/:relayId/submit',
      {
        config: { roles: ALL },
        schema: {
          tags: ['deposits'],
          summary:
            "Submit the wallet's signature: Pictor's relayer sends transferWithAuthorization and pays the gas (the same signature again answers the same transaction)",
          params: RelayParams,
          headers: IdempotencyHeaders,
          body: SubmitRelayBody,
          response: { 201: UsdtRelay, ...errors },
        },
      },
      async (request, res) =>
        sendWeb3(
          res,
          await submitRelay(ctx, {
            accountId: request.params.accountId,
            relayId: request.params.relayId,
            signature: request.body.signature as Hex,
          }),
          present,
          201,
        ),
    );
  };
