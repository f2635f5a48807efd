import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  createPublicClient,
  createWalletClient,
  http,
  parseAbi,
  toHex,
} from 'viem';
import { type PrivateKeyAccount, generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { hardhat } from 'viem/chains';

/**
 * A local EVM chain for tests: Hardhat 2's in-process network (EDR), served over HTTP JSON-RPC on
 * a free port so that code under test talks to it exactly as to a real node (viem `http`). The
 * 6-decimal test token is compiled here with solcjs (Hardhat's own compiler download needs the
 * internet) and deployed at start.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

type Eip1193 = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

const TOKEN_ABI = parseAbi([
  'function mint(address to, uint256 value)',
  'function transfer(address to, uint256 value) returns (bool)',
  'function balanceOf(address) view returns (uint256)',
  'function decimals() view returns (uint8)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
]);

let compiled: { abi: Abi; bytecode: Hex } | undefined;

/** Compiles TestUSDT.sol with the solc package (standard JSON), once per process. */
export function compileTestToken(): { abi: Abi; bytecode: Hex } {
  if (compiled) return compiled;
  const solc = require('solc') as { compile(input: string): string };
  const input = {
    language: 'Solidity',
    sources: { 'TestUSDT.sol': { content: fs.readFileSync(path.join(here, 'TestUSDT.sol'), 'utf8') } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { TestUSDT: ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const contract = output.contracts!['TestUSDT.sol']!.TestUSDT!;
  compiled = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  return compiled;
}

export interface TestChain {
  rpcUrl: string;
  chainId: number;
  client: PublicClient;
  token: Address;
  /** A fresh wallet with ETH for gas. */
  newWallet(): Promise<PrivateKeyAccount>;
  /** Mints test USDT (6 decimals: micros) to `to`. */
  mint(to: Address, amountMicros: bigint): Promise<void>;
  /**
   * Sends USDT; the transaction is mined at once (automine). With `gasPrice`, a legacy transaction
   * at that price (wei per gas), so its receipt's effectiveGasPrice is known in advance.
   */
  transfer(
    from: PrivateKeyAccount,
    to: Address,
    amountMicros: bigint,
    options?: { gasPrice?: bigint },
  ): Promise<{ txHash: Hex; blockNumber: bigint }>;
  mine(blocks?: number): Promise<void>;
  /** Gives `address` this much ETH (wei). */
  setBalance(address: Address, wei: bigint): Promise<void>;
  /** Moves chain time forward by `seconds` and mines a block at the new time. */
  increaseTime(seconds: number): Promise<void>;
  blockNumber(): Promise<bigint>;
  snapshot(): Promise<string>;
  revert(snapshotId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTestChain(): Promise<TestChain> {
  const { resolveConfig } = require('hardhat/internal/core/config/config-resolution') as {
    resolveConfig(configPath: string, userConfig: unknown): unknown;
  };
  const { createProvider } = require('hardhat/internal/core/providers/construction') as {
    createProvider(config: unknown, networkName: string): Promise<Eip1193>;
  };
  const { JsonRpcServer } = require('hardhat/internal/hardhat-network/jsonrpc/server') as {
    JsonRpcServer: new (config: { hostname: string; port: number; provider: Eip1193 }) => {
      listen(): Promise<{ address: string; port: number }>;
      close(): Promise<void>;
    };
  };
  const configPath = path.join(here, 'hardhat.config.cjs');
  const config = resolveConfig(configPath, require(configPath));
  const provider = await createProvider(config, 'hardhat');
  const server = new JsonRpcServer({ hostname: '127.0.0.1', port: 0, provider });
  const { port } = await server.listen();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const chainId = hardhat.id;
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }) as PublicClient;
  const rpc = (method: string, params: unknown[] = []) => provider.request({ method, params });

  const newWallet = async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    await rpc('hardhat_setBalance', [account.address, toHex(10n ** 20n)]);
    return account;
  };
  const walletOf = (account: PrivateKeyAccount) =>
    createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) });

  const deployer = await newWallet();
  const { abi, bytecode } = compileTestToken();
  const deployHash = await walletOf(deployer).deployContract({ abi, bytecode });
  const deployed = await client.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 10 });
  const token = deployed.contractAddress!;

  const send = async (
    from: PrivateKeyAccount,
    functionName: 'mint' | 'transfer',
    args: [Address, bigint],
    gasPrice?: bigint,
  ) => {
    const hash = await walletOf(from).writeContract({
      address: token,
      abi: TOKEN_ABI,
      functionName,
      args,
      ...(gasPrice === undefined ? {} : { gasPrice }),
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return { txHash: hash, blockNumber: receipt.blockNumber };
  };

  return {
    rpcUrl,
    chainId,
    client,
    token,
    newWallet,
    async mint(to, amountMicros) {
      await send(deployer, 'mint', [to, amountMicros]);
    },
    transfer: (from, to, amountMicros, options) =>
      send(from, 'transfer', [to, amountMicros], options?.gasPrice),
    async mine(blocks = 1) {
      await rpc('hardhat_mine', [toHex(blocks)]);
    },
    async setBalance(address, wei) {
      await rpc('hardhat_setBalance', [address, toHex(wei)]);
    },
    async increaseTime(seconds) {
      await rpc('evm_increaseTime', [seconds]);
      await rpc('evm_mine');
    },
    blockNumber: () => client.getBlockNumber({ cacheTime: 0 }),
    snapshot: async () => (await rpc('evm_snapshot')) as string,
    async revert(snapshotId) {
      if (!(await rpc('evm_revert', [snapshotId]))) throw new Error('evm_revert failed');
    },
    async close() {
      await server.close();
    },
  };
}
