import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEFAULT_STORAGE_MICROS_PER_GB_HOUR,
  hourlyStorageFee,
  type InstanceRecord,
  type InstanceTypeRecord,
} from './rentals-rules.js';
import type { ComputeContext } from '../context.js';
import { getInstance, listAccountInstances } from './get-instances.js';
import { listGpuInstanceTypes, publishInstanceType } from './publish-instance-type.js';
import { rentInstance } from './rent-instance.js';
import { quoteRental } from './quote-rental.js';
import { setInstanceAutoRenew } from './set-instance-auto-renew.js';
import { startInstance } from './start-instance.js';
import { stopInstance } from './stop-instance.js';
import { terminateInstanceForCustomer } from './terminate-instance.js';
import { money } from '../../ledger/present.js';
import { formatDateTime } from '../../kernel/format-rules.js';
import { callerOf, reply } from '../../kernel/http/reply.js';
import {
  AutoRenewBody,
  Instance,
  InstanceList,
  InstanceParams,
  InstanceType,
  InstanceTypeList,
  InstanceTypeParams,
  PublishInstanceTypeBody,
  RentInstanceBody,
  RentalQuoteBody,
  RentalQuoteSchema,
  RentedInstance,
  StoppedInstance,
  TerminationPreviewSchema,
} from './rental-schemas.js';
import { previewAccountTermination } from './preview-termination.js';
import {
  AccountParams,
  IdempotencyHeaders,
  ProblemSchema,
  COMMON_PROBLEMS,
} from '../../kernel/http/schemas.js';

const ALL = ['operator', 'service', 'customer'] as const;
const OPERATOR = ['operator'] as const;
const MONEY = { 409: ProblemSchema, 422: ProblemSchema, 502: ProblemSchema, 503: ProblemSchema };

export const presentInstanceType = (t: InstanceTypeRecord) => ({
  code: t.code,
  version: t.version,
  name: t.name,
  computeRatePerHour: money(t.computeMicrosPerHour, 'CREDIT'),
  storageRatePerGbHour: money(t.storageMicrosPerGbHour, 'CREDIT'),
  maxDiskGb: t.maxDiskGb,
  available: t.available,
  createdAt: t.createdAt.toISOString(),
});

export const presentInstance = (i: InstanceRecord) => ({
  id: i.id,
  accountId: i.accountId,
  instanceType: i.typeCode,
  typeVersion: i.typeVersion,
  diskGb: i.diskGb,
  period: { unit: i.periodUnit, count: i.periodCount },
  computeRatePerHour: money(i.computeMicrosPerHour, 'CREDIT'),
  storageRatePerGbHour: money(i.storageMicrosPerGbHour, 'CREDIT'),
  hourlyStorageFee: money(hourlyStorageFee(i.diskGb, i), 'CREDIT'),
  status: i.status,
  autoRenew: i.autoRenew,
  fleetInstanceId: i.fleetInstanceId,
  currentPeriodStart: i.currentPeriodStart.toISOString(),
  currentPeriodEnd: i.currentPeriodEnd.toISOString(),
  storagePaidUntil: i.storagePaidUntil.toISOString(),
  stoppedAt: i.stoppedAt?.toISOString() ?? null,
  terminatedAt: i.terminatedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

export const rentalsRoutes =
  (ctx: ComputeContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/gpu/instance-types',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'The GPU catalog in force: compute rate per hour and storage rate per GB-hour',
          response: { 200: InstanceTypeList, 401: ProblemSchema },
        },
      },
      async (_request, res) =>
        reply(res, await listGpuInstanceTypes(ctx), (types) => ({ data: types.map(presentInstanceType) })),
    );

    app.put(
      '/v1/gpu/instance-types/:code',
      {
        config: { roles: OPERATOR },
        schema: {
          tags: ['gpu'],
          summary: 'Publish a new catalog version of an instance type (audited); rentals keep their prices',
          params: InstanceTypeParams,
          headers: IdempotencyHeaders,
          body: PublishInstanceTypeBody,
          response: { 201: InstanceType, 409: ProblemSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) => {
        const b = request.body;
        return reply(
          res,
          await publishInstanceType(
            ctx,
            callerOf(request),
            {
              code: request.params.code,
              name: b.name,
              computeMicrosPerHour: b.computeRatePerHour.amountMicros,
              storageMicrosPerGbHour:
                b.storageRatePerGbHour?.amountMicros ?? DEFAULT_STORAGE_MICROS_PER_GB_HOUR,
              maxDiskGb: b.maxDiskGb,
              available: b.available,
              reason: b.reason,
            },
            request.headers['idempotency-key'],
          ),
          presentInstanceType,
          201,
        );
      },
    );

    app.post(
      '/v1/accounts/:accountId/instances',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'Rent a GPU instance: compute + storage for the period is charged up front',
          params: AccountParams,
          headers: IdempotencyHeaders,
          body: RentInstanceBody,
          response: { 201: RentedInstance, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(
          res,
          await rentInstance(
            ctx,
            callerOf(request),
            { accountId: request.params.accountId, ...request.body },
            request.headers['idempotency-key'],
          ),
          (v) => ({
            instance: presentInstance(v.instance),
            transactionId: v.transactionId,
            charged: money(v.chargedMicros, 'CREDIT'),
          }),
          201,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/instance-quote',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary:
            'What renting would charge now (compute + storage for the period) and the balance after; writes nothing',
          params: AccountParams,
          body: RentalQuoteBody,
          response: { 200: RentalQuoteSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(res, await quoteRental(ctx, { accountId: request.params.accountId, ...request.body }), (q) => ({
          instanceType: q.type.code,
          maxDiskGb: q.type.maxDiskGb,
          periodStart: q.start.toISOString(),
          periodEnd: q.end.toISOString(),
          hours: Number(q.hours),
          compute: money(q.computeMicros, 'CREDIT'),
          storage: money(q.storageMicros, 'CREDIT'),
          total: money(q.totalMicros, 'CREDIT'),
          available: money(q.availableMicros, 'CREDIT'),
          availableAfter: money(q.availableAfterMicros, 'CREDIT'),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/instances',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: "The account's GPU instances, newest first",
          params: AccountParams,
          response: { 200: InstanceList, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await listAccountInstances(ctx, request.params.accountId), (list) => ({
          data: list.map(presentInstance),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/termination-preview',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'Which instances would be terminated, their disks, and when, at the current burn',
          params: AccountParams,
          response: { 200: TerminationPreviewSchema, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(res, await previewAccountTermination(ctx, request.params.accountId), (p) => ({
          asOf: p.asOf.toISOString(),
          horizonEnd: p.horizonEnd.toISOString(),
          balance: money(p.balanceMicros, 'CREDIT'),
          hourlyStorageFee: money(p.hourlyStorageMicros, 'CREDIT'),
          terminatesAt: p.instances[0]?.terminatesAt.toISOString() ?? null,
          instances: p.instances.map(({ instance: i, terminatesAt }) => ({
            instanceId: i.id,
            instanceType: i.typeCode,
            status: i.status === 'running' ? ('running' as const) : ('stopped' as const),
            diskGb: i.diskGb,
            terminatesAt: terminatesAt.toISOString(),
            reason:
              i.status === 'running'
                ? `runs to ${formatDateTime(i.currentPeriodEnd)} (prepaid), then stops; the balance cannot pay its storage`
                : 'the balance cannot pay its storage',
          })),
        })),
    );

    app.get(
      '/v1/accounts/:accountId/instances/:instanceId',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'One GPU instance',
          params: InstanceParams,
          response: { 200: Instance, ...COMMON_PROBLEMS },
        },
      },
      async (request, res) =>
        reply(
          res,
          await getInstance(ctx, request.params.accountId, request.params.instanceId),
          presentInstance,
        ),
    );

    app.post(
      '/v1/accounts/:accountId/instances/:instanceId/stop',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'Stop early: unused whole hours of compute are refunded; storage keeps accruing',
          params: InstanceParams,
          headers: IdempotencyHeaders,
          response: { 200: StoppedInstance, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(res, await stopInstance(ctx, request.params.accountId, request.params.instanceId), (v) => ({
          instance: presentInstance(v.instance),
          refundTransactionId: v.refundTransactionId,
          refunded: money(v.refundedMicros, 'CREDIT'),
        })),
    );

    app.post(
      '/v1/accounts/:accountId/instances/:instanceId/terminate',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary:
            'Terminate: the machine and its disk are destroyed for good; a running one is stopped first (unused whole hours refunded)',
          params: InstanceParams,
          headers: IdempotencyHeaders,
          response: { 200: StoppedInstance, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(
          res,
          await terminateInstanceForCustomer(ctx, request.params.accountId, request.params.instanceId),
          (v) => ({
            instance: presentInstance(v.instance),
            refundTransactionId: v.refundTransactionId,
            refunded: money(v.refundedMicros, 'CREDIT'),
          }),
        ),
    );

    app.post(
      '/v1/accounts/:accountId/instances/:instanceId/start',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'Start a stopped instance: a new period is charged up front',
          params: InstanceParams,
          headers: IdempotencyHeaders,
          response: { 200: RentedInstance, ...COMMON_PROBLEMS, ...MONEY },
        },
      },
      async (request, res) =>
        reply(
          res,
          await startInstance(ctx, callerOf(request), request.params.accountId, request.params.instanceId),
          (v) => ({
            instance: presentInstance(v.instance),
            transactionId: v.transactionId,
            charged: money(v.chargedMicros, 'CREDIT'),
          }),
        ),
    );

    app.post(
      '/v1/accounts/:accountId/instances/:instanceId/auto-renew',
      {
        config: { roles: ALL },
        schema: {
          tags: ['gpu'],
          summary: 'Turn auto-renew at period end on or off',
          params: InstanceParams,
          headers: IdempotencyHeaders,
          body: AutoRenewBody,
          response: { 200: Instance, ...COMMON_PROBLEMS, 409: ProblemSchema },
        },
      },
      async (request, res) =>
        reply(
          res,
          await setInstanceAutoRenew(
            ctx,
            request.params.accountId,
            request.params.instanceId,
            request.body.autoRenew,
          ),
          presentInstance,
        ),
    );
  };
