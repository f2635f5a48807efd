import { z } from 'zod';
import { AccountId, MoneyOutput, idOf } from '../kernel/http/schemas.js';

/** Request and response shapes of wallet sign-in and USDT deposits (strict, like every schema). */

export const SiweNonceBody = z.strictObject({}).nullish().describe('no fields; may be omitted');

export const SiweNonce = z
  .object({
    nonce: z.string().describe('put it in the EIP-4361 message; single use'),
    expiresAt: z.string(),
    domain: z.string().describe('the domain the message must name'),
    chainId: z.number().int().describe('the chain id the message must name'),
  })
  .meta({ id: 'SiweNonce' });

export const SiweVerifyBody = z.strictObject({
  message: z.string().min(1).max(4096).describe('the EIP-4361 message exactly as signed'),
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte signature in hex (0x + 130 hex digits)')
    .describe('personal_sign (EIP-191) signature of the message'),
});

export const SessionCreated = z
  .object({
    token: z.string().describe('send as "Authorization: Bearer <token>"; shown once'),
    sessionId: z.string(),
    accountId: z.string(),
    address: z.string().describe('the wallet, checksummed'),
    accountCreated: z.boolean().describe('true when this sign-in opened the account'),
    expiresAt: z.string(),
  })
  .meta({ id: 'SessionCreated' });

export const LoggedOut = z.object({ sessionId: z.string(), loggedOut: z.literal(true) });

export const DEPOSIT_STATUSES = ['seen', 'credited', 'held_for_review', 'reorged'] as const;

export const Deposit = z
  .object({
    id: z.string(),
    accountId: z.string().nullable(),
    status: z
      .enum(DEPOSIT_STATUSES)
      .describe(
        'seen: waiting for confirmations; credited; held_for_review: unknown sender; reorged: never credited',
      ),
    chainId: z.number().int(),
    tokenAddress: z.string(),
    txHash: z.string(),
    logIndex: z.number().int(),
    fromAddress: z.string(),
    blockNumber: z.string(),
    amount: z.object({ amount: z.string(), unit: z.literal('USDT') }),
    credit: MoneyOutput.nullable().describe('CREDIT added (1 USDT = 1 CREDIT), once credited'),
    fee: MoneyOutput.describe(
      'Pictor’s own fee on the deposit: always 0 (1 USDT = 1 CREDIT); the chain’s gas is networkFee',
    ),
    transactionId: z.string().nullable(),
    explorerUrl: z.string(),
    networkFee: z
      .object({
        paidBy: z
          .enum(['pictor', 'sender'])
          .describe(
            'pictor: Pictor’s relayer sent the transfer and paid its gas; sender: the sending wallet did',
          ),
        relayId: z.string().nullable().describe('the relay, when Pictor’s relayer sent it'),
        amount: z
          .object({ amount: z.string(), unit: z.literal('ETH') })
          .nullable()
          .describe(
            'gasUsed × effectiveGasPrice: what the relayer paid, or what the wallet paid when refunded',
          ),
        refund: z
          .object({ credits: MoneyOutput, transactionId: z.string() })
          .nullable()
          .describe('the sender paid and Pictor refunded the gas as credits ("Network fee sponsored")'),
        statement: z.string().describe('the sentence the receipt prints'),
      })
      .describe('who paid the chain’s network fee (gas), and whether Pictor refunded it'),
    confirmations: z
      .object({
        count: z
          .number()
          .int()
          .nullable()
          .describe(
            'head − the deposit’s block + 1, as the watcher last saw the chain; null before its first pass',
          ),
        required: z
          .number()
          .int()
          .nullable()
          .describe('confirmations the watcher waits for before crediting (PICTOR_DEPOSIT_CONFIRMATIONS)'),
      })
      .describe('a seen deposit is credited once count reaches required'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Deposit' });

export const DepositPage = z.object({ data: z.array(Deposit), nextCursor: z.string().nullable() });

export const DepositsQuery = z.strictObject({
  status: z.enum(DEPOSIT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional().describe('nextCursor of the previous page'),
});

export const DepositParams = z.strictObject({ depositId: idOf('deposit') });
export const AccountDepositParams = z.strictObject({
  accountId: AccountId,
  depositId: idOf('deposit'),
});

export const AssignDepositBody = z.strictObject({
  accountId: AccountId,
  reason: z.string().trim().min(1).max(500),
});
