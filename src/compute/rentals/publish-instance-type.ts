import { insertAuditEntry } from '../../accounts/audit-store.js';
import { formatAmount } from '../../kernel/money.js';
import { newId } from '../../kernel/ids.js';
import { isUniqueViolation } from '../../kernel/db/database.js';
import { commandClaim, runKeyed } from '../../ledger/idempotent-command.js';
import { insertInstanceTypeVersion, listInstanceTypes } from './rental-store.js';
import type { Caller } from '../../kernel/context.js';
import type { ComputeContext } from '../context.js';
import { type Result, ok } from '../../kernel/result.js';
import type { InstanceTypeRecord } from './rentals-rules.js';

export interface PublishInstanceTypeInput {
  code: string;
  name: string;
  computeMicrosPerHour: bigint;
  storageMicrosPerGbHour: bigint;
  maxDiskGb: number;
  available: boolean;
  reason: string;
}

/** The GPU catalog in force: the latest version of each instance type. */
export async function listGpuInstanceTypes(ctx: ComputeContext): Promise<Result<InstanceTypeRecord[]>> {
  return ok(await listInstanceTypes(ctx.db));
}

/**
 * An operator publishes a new catalog version of an instance type (new or changed rate, or
 * withdrawn with available = false). Versions are appended, never edited; instances keep the prices
 * of their rent time. Written with its audit entry in one transaction, keyed by Idempotency-Key.
 */
export async function publishInstanceType(
  ctx: ComputeContext,
  operator: Caller,
  input: PublishInstanceTypeInput,
  idempotencyKey: string,
): Promise<Result<InstanceTypeRecord>> {
  const claim = commandClaim(operator, null, idempotencyKey, 'publish-instance-type', input);
  return runKeyed(
    ctx,
    claim,
    async (tx, now) => {
      const version = await insertInstanceTypeVersion(tx, {
        code: input.code,
        name: input.name,
        computeMicrosPerHour: input.computeMicrosPerHour,
        storageMicrosPerGbHour: input.storageMicrosPerGbHour,
        maxDiskGb: input.maxDiskGb,
        available: input.available,
        createdBy: operator.id,
        createdAt: now,
      });
      await insertAuditEntry(tx, {
        id: newId('audit'),
        actor: operator.id,
        action: 'gpu_instance_type.publish',
        subject: input.code,
        reason: input.reason,
        details: {
          version: version.version,
          name: input.name,
          computeRatePerHour: formatAmount(input.computeMicrosPerHour, 'CREDIT'),
          storageRatePerGbHour: formatAmount(input.storageMicrosPerGbHour, 'CREDIT'),
          maxDiskGb: input.maxDiskGb,
          available: input.available,
        },
        createdAt: now,
      });
      return ok(version);
    },
    { alsoRetry: (error) => isUniqueViolation(error) },
  );
}
