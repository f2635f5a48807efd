import { z } from 'zod';
import { parsePositiveAmount } from '../../kernel/money.js';
import { AccountId, idOf } from '../../kernel/http/schemas.js';

/** Sponsored USDT top-ups (docs/usdt-relay.md): request and response shapes, strict. */

const EvmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { message: 'must be a 0x-prefixed 20-byte address' });

/** `{"amount": "25", "unit": "USDT"}`: 6 decimals, 1 USDT = 1 CREDIT. */
export const UsdtInput = z
  .strictObject({ amount: z.string().max(32).describe('positive decimal string'), unit: z.literal('USDT') })
  .transform((value, ctx) => {
    const parsed = parsePositiveAmount(value.amount, 'CREDIT');
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'must be a positive decimal string with at most 6 decimals, such as "25.00"',
        params: { code: 'invalid_amount' },
      });
      return z.NEVER;
    }
    return { amountMicros: parsed.micros };
  });

export const PrepareRelayBody = z.strictObject({
  from: EvmAddress.describe('the signed-in wallet the USDT comes from'),
  amount: UsdtInput,
});

export const SubmitRelayBody = z.strictObject({
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]{130}$/, { message: 'must be a 65-byte 0x-prefixed hex signature' })
    .describe('the wallet’s eth_signTypedData_v4 signature of typedData'),
});

export const RelayParams = z.strictObject({ accountId: AccountId, relayId: idOf('usdtRelay') });

const TypedField = z.object({ name: z.string(), type: z.string() });

export const UsdtRelay = z
  .object({
    id: z.string(),
    accountId: z.string(),
    status: z
      .enum(['prepared', 'submitting', 'submitted', 'failed'])
      .describe(
        'prepared: to be signed; submitting: being sent (settled from the chain if left so by a crash); submitted: the relayer sent txHash; failed: see failure (may be retried)',
      ),
    from: z.string(),
    to: z.string().describe('Pictor’s deposit address'),
    amount: z.object({ amount: z.string(), unit: z.literal('USDT') }),
    validBefore: z
      .string()
      .describe('unix seconds, chain time: the token refuses the authorization from then on'),
    nonce: z.string(),
    relayer: z.string().describe('the account that submits the transaction and pays its gas'),
    txHash: z.string().nullable(),
    explorerUrl: z.string().nullable(),
    failure: z.string().nullable(),
    networkFee: z
      .object({
        paidBy: z.literal('pictor'),
        gasUsed: z.string(),
        effectiveGasPrice: z.string().describe('wei per gas'),
        amount: z
          .object({ amount: z.string(), unit: z.literal('ETH') })
          .describe('native token, 18 decimals'),
      })
      .nullable()
      .describe('the gas Pictor paid, once the deposit is credited'),
    typedData: z
      .object({
        domain: z.object({
          name: z.string(),
          version: z.string(),
          chainId: z.number(),
          verifyingContract: z.string(),
        }),
        types: z.object({
          EIP712Domain: z.array(TypedField),
          TransferWithAuthorization: z.array(TypedField),
        }),
        primaryType: z.literal('TransferWithAuthorization'),
        message: z.object({
          from: z.string(),
          to: z.string(),
          value: z.string(),
          validAfter: z.string(),
          validBefore: z.string(),
          nonce: z.string(),
        }),
      })
      .describe('EIP-712 typed data for eth_signTypedData_v4 (EIP-3009 TransferWithAuthorization)'),
    createdAt: z.string(),
  })
  .meta({ id: 'UsdtRelay' });

export const RelayInfo = z
  .object({
    relayer: z.string(),
    validForSeconds: z.number().int(),
  })
  .nullable()
  .describe(
    'present when Pictor sponsors the network fee: sign an EIP-3009 authorization and Pictor’s relayer pays the gas; null: send an ordinary transfer (your wallet pays the gas)',
  );
