import { decodeFunctionResult, encodeFunctionData, getAddress, isAddressEqual, parseAbi } from 'viem';
import { ApiError } from '../shared/api';
import type { GetAnswer } from '../shared/api-types';
import { formatDecimal } from '../shared/decimal';
import { errorSentence } from '../shared/errors';

export type Instructions = GetAnswer<'/v1/accounts/{accountId}/top-ups/usdt'>;

export const TOKEN = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function transfer(address to, uint256 value) returns (bool)',
]);

/** A problem found in the page or the wallet, already worded for the customer. */
export class WalletProblem extends Error {}

/** What the wallet (EIP-1193) said, as a sentence; API problems as the page words them. */
export function usdtErrorSentence(error: unknown): string {
  if (error instanceof WalletProblem) return error.message;
  if (error instanceof ApiError) {
    const sentences: Record<string, string> = {
      relay_insufficient_usdt: 'Your wallet does not hold enough USDT for this top-up. Nothing was sent.',
      relay_authorization_expired:
        'The signed transfer expired before it was sent. Nothing moved; try again.',
      relay_authorization_used:
        'This signed transfer was already used. Check your balance before trying again.',
      relay_signature_invalid:
        'Your wallet signed something other than this transfer. Nothing moved; try again.',
      wallet_not_signed_in: 'USDT is accepted only from the wallet you sign in with.',
      chain_error: 'The network did not answer. Nothing was sent; try again in a minute.',
    };
    return sentences[error.code] ?? errorSentence(error);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 4001) return 'You declined the request in your wallet. Nothing was sent.';
  if (code === -32002)
    return 'Your wallet already has a request open. Finish or close it in the wallet, then try again.';
  if (code === 4100)
    return 'Your wallet did not allow this page to use the account. Unlock it and try again.';
  return 'Your wallet could not complete the request. Nothing was sent; try again.';
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

export function wallet() {
  const eth = window.ethereum;
  if (!eth)
    throw new WalletProblem(
      'No browser wallet found. Install a wallet extension such as MetaMask, or open this page in your wallet’s browser.',
    );
  return eth;
}

/** Connects, and checks the wallet is the signed-in one, on the right chain, holding the USDT. */
export async function checkWallet(instructions: Instructions, amountMicros: bigint): Promise<`0x${string}`> {
  const eth = wallet();
  const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[];
  if (!accounts[0]) throw new WalletProblem('Your wallet shared no account. Unlock it and try again.');
  const from = getAddress(accounts[0]);
  if (instructions.fromAddresses.length === 0)
    throw new WalletProblem(
      'Sign in with your wallet first: USDT is accepted only from the wallet this account signs in with.',
    );
  if (!instructions.fromAddresses.some((a) => isAddressEqual(a as `0x${string}`, from)))
    throw new WalletProblem(
      `Your wallet is connected with ${short(from)}, but this account signs in with ${instructions.fromAddresses.map(short).join(' or ')}. Switch accounts in your wallet and try again.`,
    );
  await checkChain(instructions.chainId);
  const data = await eth.request({
    method: 'eth_call',
    params: [
      {
        to: instructions.tokenAddress,
        data: encodeFunctionData({ abi: TOKEN, functionName: 'balanceOf', args: [from] }),
      },
      'latest',
    ],
  });
  const held = decodeFunctionResult({ abi: TOKEN, functionName: 'balanceOf', data: data as `0x${string}` });
  if (held < amountMicros)
    throw new WalletProblem(
      `Your wallet holds ${formatDecimal(microsText(held))} USDT; this top-up needs ${formatDecimal(microsText(amountMicros))} USDT.`,
    );
  return from;
}

async function checkChain(chainId: number): Promise<void> {
  const eth = wallet();
  const current = Number.parseInt((await eth.request({ method: 'eth_chainId' })) as string, 16);
  if (current === chainId) return;
  try {
    await eth.request({
      method: 'wallet_switchEthereumChain',
      params: [{ chainId: `0x${chainId.toString(16)}` }],
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 4001) throw error;
  }
  const after = Number.parseInt((await eth.request({ method: 'eth_chainId' })) as string, 16);
  if (after !== chainId)
    throw new WalletProblem(
      `Your wallet is on the wrong network (chain ${after}). Switch it to chain ${chainId} and try again.`,
    );
}

export const microsText = (micros: bigint) =>
  `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;

export type Sent = { txHash: string; explorerUrl: string | null; sponsored: boolean };
export type Phase = 'connecting' | 'signing' | 'sending' | 'confirming';

/** Without a relayer: the wallet sends the ERC-20 transfer itself (and pays the gas). */
export async function sendTransfer(
  info: Instructions,
  from: `0x${string}`,
  micros: bigint,
  setPhase: (p: Phase) => void,
): Promise<Sent> {
  setPhase('confirming');
  const txHash = (await wallet().request({
    method: 'eth_sendTransaction',
    params: [
      {
        from,
        to: info.tokenAddress,
        data: encodeFunctionData({
          abi: TOKEN,
          functionName: 'transfer',
          args: [info.depositAddress as `0x${string}`, micros],
        }),
      },
    ],
  })) as string;
  return { txHash, explorerUrl: null, sponsored: false };
}
