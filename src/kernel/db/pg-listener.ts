import pg from 'pg';
import type { ListenHandlers, Listener } from './database.js';

/** How a listener retries and checks its connection. */
export interface ListenerTiming {
  /** The wait before the first retry after a loss; doubled at every failure in a row. */
  firstRetryMs: number;
  /** The longest wait between two attempts. */
  maxRetryMs: number;
  /**
   * How often the idle connection is asked `SELECT 1`. A connection cut without a word (a network
   * partition, a NAT dropping it) looks healthy but hears nothing; the unanswered heartbeat is how
   * it is noticed, within heartbeat + timeout.
   */
  heartbeatMs: number;
  /** How long a connection attempt or a heartbeat may take before the connection counts as lost. */
  timeoutMs: number;
}

export const DEFAULT_LISTENER_TIMING: ListenerTiming = {
  firstRetryMs: 100,
  maxRetryMs: 5_000,
  heartbeatMs: 5_000,
  timeoutMs: 5_000,
};

/**
 * The listeners of one database (`Database.listen`), each on a connection of its own;
 * `closeAll` closes those still open, with the pool.
 */
export function pgListeners(url: string, timeoutMs: number) {
  const open = new Set<Listener>();
  const connect = () =>
    new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: timeoutMs,
      keepAlive: true,
      // Tells the listening connection apart in pg_stat_activity (it sits idle for ever, by design).
      application_name: 'pictor-listen',
    });
  return {
    async listen(channel: string, handlers: ListenHandlers): Promise<Listener> {
      const listener = await listenOn(connect, channel, handlers, { ...DEFAULT_LISTENER_TIMING, timeoutMs });
      open.add(listener);
      return listener;
    },
    closeAll: async () => void (await Promise.all([...open].map((listener) => listener.close()))),
  };
}

/**
 * LISTENs on `channel` over connections from `connect` (one at a time, never from the pool: a
 * pooled connection is shared and its LISTEN would follow whoever borrows it). Resolves after the
 * first attempt, listening or not; from then on it reconnects by itself until closed. The timers
 * are real time on purpose: they pace a network connection, not billing.
 */
export async function listenOn(
  connect: () => pg.Client,
  channel: string,
  handlers: ListenHandlers,
  timing: ListenerTiming = DEFAULT_LISTENER_TIMING,
): Promise<Listener> {
  const listener = new PgListener(connect, channel, handlers, timing);
  await listener.attempt();
  return listener;
}

class PgListener implements Listener {
  listening = false;
  backendPid: number | undefined;
  private client: pg.Client | undefined;
  private closed = false;
  private failuresInARow = 0;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly connect: () => pg.Client,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
    private readonly timing: ListenerTiming,
  ) {}

  /** One try: connect, LISTEN, then report listening (or lost, and schedule the next try). */
  async attempt(): Promise<void> {
    this.retry = undefined;
    if (this.closed) return;
    const client = this.connect();
    this.client = client;
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('the listening connection ended')));
    client.on('notification', (message) => {
      if (client === this.client && message.channel === this.channel)
        this.handlers.onNotify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.lose(client, error);
      return;
    }
    if (client !== this.client) return; // closed or lost meanwhile
    this.failuresInARow = 0;
    this.listening = true;
    // The server sent its process id when the connection started (BackendKeyData).
    this.backendPid = (client as pg.Client & { processID: number }).processID;
    this.handlers.onListening();
    this.scheduleHeartbeat(client);
  }

  private scheduleHeartbeat(client: pg.Client): void {
    this.heartbeat = setTimeout(() => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('the listening connection stopped answering')),
          this.timing.timeoutMs,
        );
      });
      Promise.race([client.query('SELECT 1'), timeout])
        .then(() => client === this.client && this.scheduleHeartbeat(client))
        .catch((error: unknown) => this.lose(client, error))
        .finally(() => clearTimeout(timer));
    }, this.timing.heartbeatMs);
    this.heartbeat.unref();
  }

  /** The connection `client` is gone (reported once, however many ways it says so). */
  private lose(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.listening = false;
    this.backendPid = undefined;
    clearTimeout(this.heartbeat);
    client.end().catch(() => {});
    if (this.closed) return;
    this.handlers.onLost(error);
    const waitMs = Math.min(this.timing.maxRetryMs, this.timing.firstRetryMs * 2 ** this.failuresInARow);
    this.failuresInARow++;
    this.retry = setTimeout(() => void this.attempt(), waitMs);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    this.backendPid = undefined;
    if (client) await client.end().catch(() => {});
  }
}
