import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { DueWorkRunner } from '../kernel/jobs/due-work-runner.js';
import { countPendingDeliveries } from '../notify/notification-store.js';
import type { ServiceContext } from './context.js';

/**
 * The Prometheus metrics of one process (`GET /metrics`): HTTP latency by route and status, the
 * ledger writer's backlog, batch sizes and fast- vs locking-path batches, due work's lag and
 * failures by kind, notifications pending, database pool use, whether API keys are cached, and Node's own (prom-client defaults).
 * One registry per app, so tests building several apps never collide.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status_code'>;
  private readonly dueLag: Histogram<'kind'>;
  private readonly dueRuns: Counter<'kind' | 'outcome'>;

  constructor(private readonly ctx: ServiceContext) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'pictor_' });
    this.http = new Histogram({
      name: 'pictor_http_request_duration_seconds',
      help: 'HTTP request latency by route (its pattern) and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    registerLedgerWriterMetrics(registers, ctx.ledger);
    this.dueLag = new Histogram({
      name: 'pictor_due_work_lag_seconds',
      help: 'How late due work started after its due time, by kind',
      labelNames: ['kind'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    this.dueRuns = new Counter({
      name: 'pictor_due_work_runs_total',
      help: 'Due work run, by kind and outcome (ok, failed: retried later or given up)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    registerStoreMetrics(registers, ctx.db);
    new Gauge({
      name: 'pictor_api_key_cache_on',
      help: 'Whether verified API keys are cached (1), or every request asks the database (0: PostgreSQL, not listening for revocations)',
      registers,
      collect() {
        this.set(ctx.apiKeyCache?.caching === false ? 0 : 1);
      },
    });
  }

  /** Observes a runner's work (the server's scheduler, or a test clock's advances). */
  watch(runner: DueWorkRunner<ServiceContext>): void {
    runner.observe((run) => {
      this.dueLag.observe({ kind: run.kind }, run.lagMs / 1000);
      this.dueRuns.inc({ kind: run.kind, outcome: run.ok ? 'ok' : 'failed' });
    });
  }

  /** Times every request (route pattern, not the URL: ids would explode the label set). */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.http.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
}

/**
 * The ledger writer's side: batches and requests written by path, batch sizes (observed as each
 * batch is written) and its backlog (read when /metrics is scraped).
 */
function registerLedgerWriterMetrics(registers: Registry[], writer: ServiceContext['ledger']): void {
  const batches = new Counter({
    name: 'pictor_ledger_batches_total',
    help: 'Ledger batches written, by path (fast: one statement on remembered states; locking) and priority',
    labelNames: ['path', 'priority'],
    registers,
  });
  const requests = new Counter({
    name: 'pictor_ledger_requests_total',
    help: 'Ledger requests written (transfers, holds ...), by path',
    labelNames: ['path'],
    registers,
  });
  const sizes = new Histogram({
    name: 'pictor_ledger_batch_size',
    help: 'Requests per ledger batch',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  writer.observe((b) => {
    batches.inc({ path: b.path, priority: b.priority });
    requests.inc({ path: b.path }, b.size);
    sizes.observe(b.size);
  });
  new Gauge({
    name: 'pictor_ledger_writer_queue_depth',
    help: 'Ledger requests waiting for a batch',
    registers,
    collect() {
      this.set(writer.backlog().queued);
    },
  });
  new Gauge({
    name: 'pictor_ledger_writer_batches_in_flight',
    help: 'Ledger batches being written',
    registers,
    collect() {
      this.set(writer.backlog().writing);
    },
  });
}

/** The store's side, read when /metrics is scraped: notifications pending and the pool's connections. */
function registerStoreMetrics(registers: Registry[], db: ServiceContext['db']): void {
  new Gauge({
    name: 'pictor_notifications_pending',
    help: 'Notification deliveries (email, webhook) not yet delivered or given up',
    registers,
    async collect() {
      this.set(await countPendingDeliveries(db).catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: 'pictor_db_pool_connections',
    help: 'Database pool connections by state (PostgreSQL; PGlite has one embedded connection)',
    labelNames: ['state'],
    registers,
    collect() {
      const stats = db.poolStats?.() ?? { total: 1, idle: 0, waiting: 0, max: 1 };
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
}
