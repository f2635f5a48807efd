import {
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
  createPublicClient,
  decodeEventLog,
  http,
  isAddressEqual,
  parseAbiItem,
} from 'viem';
import { MAX_AMOUNT_MICROS } from '../../kernel/money.js';
import type { UsdtChainConfig } from '../../kernel/config.js';
import { newId } from '../../kernel/ids.js';
import type { ComputeContext } from '../context.js';
import { creditDeposit } from './credit-deposit.js';
import { recordRelayGas } from './relay-store.js';
import {
  claimDeposit,
  findAccountIdByAddress,
  findCheckpoint,
  findSeenDeposits,
  recordSeenLogs,
  releaseDeposit,
  saveCheckpoint,
  saveWatcherHead,
  settleUncredited,
  watcherId,
} from '../../accounts/web3-store.js';
import type { DepositRecord, SeenLog } from '../../accounts/accounts-rules.js';

export const TRANSFER_EVENT = parseAbiItem(
  'event Transfer(address indexed from, address indexed to, uint256 value)',
);

export interface WatcherOptions {
  /** A client of one's own (tests); otherwise an HTTP client for `chain.rpcUrl`. */
  client?: PublicClient;
  /** Widest eth_getLogs range asked for at once (RPC providers cap it). */
  maxBlockRange?: number;
  /** How long a watcher's claim on a deposit lasts before another may take it over. */
  leaseSeconds?: number;
}

/** What one pass saw and did: for logs, metrics and tests. */
export interface WatcherReport {
  head: bigint;
  /** The block range scanned for Transfer logs (`from` > `to` when there was nothing new). */
  scannedFrom: bigint;
  scannedTo: bigint;
  logs: number;
  credited: string[];
  held: string[];
  reorged: string[];
  /** Seen deposits still waiting for confirmations. */
  pending: string[];
  /** The checkpoint's block was no longer canonical: a reorg deeper than the confirmations. */
  rewound: boolean;
  errors: { depositId: string; error: string }[];
}

/**
 * Watches the USDT token for Transfer logs to Pictor's deposit address and credits them once
 * confirmed. One pass (`runOnce`):
 *
 * 1. Reads the head (`getBlockNumber`, uncached) and the checkpoint: the last block whose logs are
 *    all recorded and which had enough confirmations. If that block's hash changed (a reorg deeper
 *    than the confirmations), it rescans from `confirmations` blocks earlier.
 * 2. Scans checkpoint+1 … head with eth_getLogs and records every log as a `seen` deposit, unique on
 *    (tx hash, log index). A seen deposit in the scanned range that the canonical chain no longer
 *    has (at its block hash) is marked `reorged`: it will never be credited (if the same transfer
 *    is mined again, the scan records it again, at its new block).
 * 3. For each seen deposit with enough confirmations (head − block + 1 ≥ N): claims it (a lease, so
 *    concurrent watchers do not double the work), re-reads its receipt and checks that the log is
 *    still there in the same block; then credits it 1:1 (sender's wallet bound to an account) or
 *    holds it for review (unknown sender). Crediting goes through recordTopUp, idempotent on the
 *    log, so even a lapsed lease cannot credit twice.
 * 4. Moves the checkpoint to head − N + 1 (never backwards, unless rewinding).
 *
 * JSON-RPC calls are made outside database transactions; "now" is the injected clock.
 */
export class UsdtWatcher {
  private readonly client: PublicClient;
  private readonly maxBlockRange: bigint;
  private readonly leaseMs: number;
  private chainChecked = false;
  readonly checkpointId: string;

  constructor(
    private readonly ctx: ComputeContext,
    private readonly chain: UsdtChainConfig,
    options: WatcherOptions = {},
  ) {
    this.client =
      options.client ??
      (createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 2 }) }) as PublicClient);
    this.maxBlockRange = BigInt(options.maxBlockRange ?? 2_000);
    this.leaseMs = (options.leaseSeconds ?? 120) * 1000;
    this.checkpointId = watcherId(chain.chainId, chain.usdtAddress, chain.depositAddress);
  }

  async runOnce(): Promise<WatcherReport> {
    await this.checkChain();
    const confirmations = BigInt(this.chain.confirmations);
    const startBlock = BigInt(this.chain.startBlock);
    const head = await this.client.getBlockNumber({ cacheTime: 0 });
    const report: WatcherReport = {
      head,
      scannedFrom: startBlock,
      scannedTo: head,
      logs: 0,
      credited: [],
      held: [],
      reorged: [],
      pending: [],
      rewound: false,
      errors: [],
    };
    await this.resumeFromCheckpoint(report, startBlock, confirmations);
    const canonical = await this.recordCanonicalLogs(report, head);
    await this.settleSeenDeposits(report, canonical, head, confirmations);
    await this.saveFinalCheckpoint(report, head, startBlock, confirmations);
    // After settling, so a deposit the API counts as fully confirmed has already been credited.
    await saveWatcherHead(
      this.ctx.db,
      this.checkpointId,
      { blockNumber: head, confirmations: this.chain.confirmations },
      this.ctx.clock.now(),
    );
    return report;
  }

  /**
   * 1. Scan from the block after the checkpoint; when the checkpoint's block is no longer on the
   * chain (a reorg deeper than the confirmations), rewind by the confirmation depth.
   */
  private async resumeFromCheckpoint(report: WatcherReport, startBlock: bigint, confirmations: bigint) {
    const checkpoint = await findCheckpoint(this.ctx.db, this.checkpointId);
    if (!checkpoint) return;
    report.scannedFrom = checkpoint.blockNumber + 1n;
    const hash = await this.blockHash(checkpoint.blockNumber);
    if (hash !== checkpoint.blockHash) {
      report.rewound = true;
      report.scannedFrom = max(startBlock, checkpoint.blockNumber - confirmations + 1n);
    }
  }

  /** 2. Record what the canonical chain has (answered as tx:log:block keys), in block ranges. */
  private async recordCanonicalLogs(report: WatcherReport, head: bigint): Promise<Set<string>> {
    const canonical = new Set<string>();
    for (let from = report.scannedFrom; from <= head; from += this.maxBlockRange) {
      const to = min(head, from + this.maxBlockRange - 1n);
      const logs = await this.transferLogs(from, to);
      logs.forEach((l) => canonical.add(`${l.txHash}:${l.logIndex}:${l.blockHash}`));
      await recordSeenLogs(this.ctx.db, logs, this.ctx.clock.now());
      report.logs += logs.length;
    }
    return canonical;
  }

  /** 3. Settle what is seen: drop the reorged, credit or hold the confirmed, wait for the rest. */
  private async settleSeenDeposits(
    report: WatcherReport,
    canonical: Set<string>,
    head: bigint,
    confirmations: bigint,
  ) {
    for (const seen of await findSeenDeposits(
      this.ctx.db,
      {
        chainId: this.chain.chainId,
        tokenAddress: this.chain.usdtAddress,
        depositAddress: this.chain.depositAddress,
      },
      1_000,
    )) {
      const inScan = seen.blockNumber >= report.scannedFrom && seen.blockNumber <= head;
      if (inScan && !canonical.has(`${seen.txHash}:${seen.logIndex}:${seen.blockHash}`)) {
        await this.dropReorged(seen.id, report);
      } else if (head - seen.blockNumber + 1n >= confirmations) {
        await this.processConfirmed(seen.id, report);
      } else if (seen.blockNumber <= head) {
        report.pending.push(seen.id);
      }
    }
  }

  /** 4. Blocks up to head − N + 1 are final, and their logs are recorded. */
  private async saveFinalCheckpoint(
    report: WatcherReport,
    head: bigint,
    startBlock: bigint,
    confirmations: bigint,
  ) {
    const safe = head - confirmations + 1n;
    if (safe < startBlock) return;
    const hash = await this.blockHash(safe);
    if (!hash) return;
    await saveCheckpoint(
      this.ctx.db,
      this.checkpointId,
      { blockNumber: safe, blockHash: hash },
      this.ctx.clock.now(),
      report.rewound,
    );
  }

  private async checkChain(): Promise<void> {
    if (this.chainChecked) return;
    const chainId = await this.client.getChainId();
    if (chainId !== this.chain.chainId) {
      throw new Error(
        `the RPC endpoint serves chain ${chainId}, but PICTOR_CHAIN_ID is ${this.chain.chainId}`,
      );
    }
    this.chainChecked = true;
  }

  private async blockHash(blockNumber: bigint): Promise<string | undefined> {
    try {
      const block = await this.client.getBlock({ blockNumber });
      return block.hash?.toLowerCase();
    } catch {
      return undefined;
    }
  }

  private async transferLogs(fromBlock: bigint, toBlock: bigint): Promise<SeenLog[]> {
    const logs = await this.client.getLogs({
      address: this.chain.usdtAddress,
      event: TRANSFER_EVENT,
      args: { to: this.chain.depositAddress },
      fromBlock,
      toBlock,
      strict: true,
    });
    const seen: SeenLog[] = [];
    for (const log of logs) {
      if (log.removed || log.blockHash === null || log.transactionHash === null || log.logIndex === null)
        continue;
      if (log.args.value <= 0n) continue;
      seen.push({
        id: newId('deposit'),
        chainId: this.chain.chainId,
        tokenAddress: log.address.toLowerCase(),
        txHash: log.transactionHash.toLowerCase(),
        logIndex: log.logIndex,
        fromAddress: log.args.from.toLowerCase(),
        toAddress: log.args.to.toLowerCase(),
        amountMicros: log.args.value,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash.toLowerCase(),
      });
    }
    return seen;
  }

  /** Claims a confirmed deposit, re-checks it against the chain, and credits or holds it. */
  private async processConfirmed(depositId: string, report: WatcherReport): Promise<void> {
    const now = this.ctx.clock.now();
    const deposit = await claimDeposit(this.ctx.db, depositId, now, new Date(now.getTime() + this.leaseMs));
    if (!deposit) return; // another watcher holds it, or it moved on
    try {
      const receipt = await this.canonicalReceipt(deposit);
      if (!receipt) {
        await this.settle(deposit, 'reorged', report);
        return;
      }
      // A transfer Pictor's relayer sent: the gas it paid, kept on the relay (docs/usdt-relay.md),
      // before the credit, so a receipt of the credit can always say what Pictor paid.
      await recordRelayGas(this.ctx.db, deposit.txHash, receipt.gasUsed, receipt.effectiveGasPrice, now);
      const accountId = deposit.accountId ?? (await findAccountIdByAddress(this.ctx.db, deposit.fromAddress));
      if (!accountId || deposit.amountMicros > MAX_AMOUNT_MICROS) {
        await this.settle(deposit, 'held_for_review', report);
        return;
      }
      // Refund mode: the gas the customer's wallet paid comes back as credits (docs/usdt-relay.md).
      const refund = this.chain.feeRefund;
      const sponsorship = refund && {
        refund,
        gas: {
          payer: receipt.from.toLowerCase(),
          gasUsed: receipt.gasUsed,
          effectiveGasPrice: receipt.effectiveGasPrice,
        },
      };
      const credited = await creditDeposit(
        this.ctx,
        deposit,
        accountId,
        this.chain.explorerTxUrl,
        sponsorship,
      );
      if (credited.ok) report.credited.push(deposit.id);
      else report.errors.push({ depositId: deposit.id, error: credited.failure.detail });
    } catch (error) {
      report.errors.push({
        depositId: deposit.id,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      await releaseDeposit(this.ctx.db, deposit.id);
    }
  }

  /** Marks a seen deposit the canonical chain no longer has as reorged, unless another watcher holds it. */
  private async dropReorged(depositId: string, report: WatcherReport): Promise<void> {
    const now = this.ctx.clock.now();
    const deposit = await claimDeposit(this.ctx.db, depositId, now, new Date(now.getTime() + this.leaseMs));
    if (!deposit) return;
    try {
      await this.settle(deposit, 'reorged', report);
    } finally {
      await releaseDeposit(this.ctx.db, deposit.id);
    }
  }

  /** The deposit's receipt when its log is in the canonical chain, in the block it was seen in, unchanged. */
  private async canonicalReceipt(deposit: DepositRecord): Promise<TransactionReceipt | undefined> {
    let receipt;
    try {
      receipt = await this.client.getTransactionReceipt({ hash: deposit.txHash as Hex });
    } catch (error) {
      if (error instanceof TransactionReceiptNotFoundError) return undefined;
      throw error;
    }
    return this.sameLog(deposit, receipt) ? receipt : undefined;
  }

  private sameLog(deposit: DepositRecord, receipt: TransactionReceipt): boolean {
    if (receipt.status !== 'success' || receipt.blockHash.toLowerCase() !== deposit.blockHash) return false;
    const log = receipt.logs.find((l) => l.logIndex === deposit.logIndex);
    if (!log || !isAddressEqual(log.address, this.chain.usdtAddress)) return false;
    try {
      const decoded = decodeEventLog({
        abi: [TRANSFER_EVENT],
        data: log.data,
        topics: log.topics,
        strict: true,
      });
      return (
        isAddressEqual(decoded.args.to, this.chain.depositAddress) &&
        isAddressEqual(decoded.args.from, deposit.fromAddress as Hex) &&
        decoded.args.value === deposit.amountMicros
      );
    } catch {
      return false;
    }
  }

  private async settle(
    deposit: DepositRecord,
    status: 'held_for_review' | 'reorged',
    report: WatcherReport,
  ): Promise<void> {
    if (await settleUncredited(this.ctx.db, deposit.id, status, this.ctx.clock.now())) {
      (status === 'reorged' ? report.reorged : report.held).push(deposit.id);
    }
  }
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
