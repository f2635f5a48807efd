type Hex = `0x${string}`;
type Address = `0x${string}`;

/**
 * EIP-3009 `transferWithAuthorization` as typed data (EIP-712), pure: what the customer's wallet
 * shows and signs (eth_signTypedData_v4), and what the relay checks the signature against. The
 * recipient is always Pictor's deposit address, so a signature for any other recipient fails.
 */
const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

export const TRANSFER_WITH_AUTHORIZATION_TYPES = {
  TransferWithAuthorization: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'validAfter', type: 'uint256' },
    { name: 'validBefore', type: 'uint256' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const;

export interface Authorization {
  chainId: number;
  tokenAddress: Address;
  tokenName: string;
  tokenVersion: string;
  from: Address;
  to: Address;
  amountMicros: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
}

/** The typed data for viem (bigints), to verify a signature. */
export function authorizationTypedData(a: Authorization) {
  return {
    domain: {
      name: a.tokenName,
      version: a.tokenVersion,
      chainId: a.chainId,
      verifyingContract: a.tokenAddress,
    },
    types: TRANSFER_WITH_AUTHORIZATION_TYPES,
    primaryType: 'TransferWithAuthorization' as const,
    message: {
      from: a.from,
      to: a.to,
      value: a.amountMicros,
      validAfter: a.validAfter,
      validBefore: a.validBefore,
      nonce: a.nonce,
    },
  };
}

/** The same typed data as JSON (uint256 as decimal strings), the form eth_signTypedData_v4 takes. */
export function authorizationTypedDataJson(a: Authorization) {
  const typed = authorizationTypedData(a);
  return {
    ...typed,
    types: {
      EIP712Domain: EIP712_DOMAIN,
      TransferWithAuthorization: [...TRANSFER_WITH_AUTHORIZATION_TYPES.TransferWithAuthorization],
    },
    message: {
      ...typed.message,
      value: a.amountMicros.toString(),
      validAfter: a.validAfter.toString(),
      validBefore: a.validBefore.toString(),
    },
  };
}

/** The authorization is still usable at chain time `now` (unix seconds) with `marginSeconds` to spare. */
export function authorizationLive(
  a: Pick<Authorization, 'validAfter' | 'validBefore'>,
  now: bigint,
  marginSeconds: bigint,
): boolean {
  return now > a.validAfter && now + marginSeconds < a.validBefore;
}

/** Gas × price in wei, and that as ETH with 18 decimals ("0.000052341000000000"). */
export function networkFeeWei(gasUsed: bigint, effectiveGasPrice: bigint): bigint {
  return gasUsed * effectiveGasPrice;
}

export function formatWei(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const frac = (wei % 10n ** 18n).toString().padStart(18, '0');
  return `${whole}.${frac}`;
}

export type RelayStatus = 'prepared' | 'submitting' | 'submitted' | 'failed';

/** One EIP-3009 authorization Pictor relays (docs/usdt-relay.md). Addresses and hashes lowercase. */
export interface RelayRecord {
  id: string;
  accountId: string;
  chainId: number;
  tokenAddress: string;
  fromAddress: string;
  toAddress: string;
  amountMicros: bigint;
  /** Unix seconds, chain time: the token accepts the authorization only strictly between them. */
  validAfter: bigint;
  validBefore: bigint;
  nonce: string;
  relayerAddress: string;
  status: RelayStatus;
  signature: string | null;
  txHash: string | null;
  failure: string | null;
  gasUsed: bigint | null;
  effectiveGasPrice: bigint | null;
  createdAt: Date;
  updatedAt: Date;
}
