import net from 'node:net';

/**
 * The load generator's HTTP/1.1 client: keep-alive connections, one request at a time on each
 * (no pipelining), a request written as one string, a response read for its status line and
 * Content-Length and its body counted, not kept or decoded. It shares the machine's two cores
 * with the server and PostgreSQL, so every microsecond it spends is taken from what it measures;
 * pgbench, the reference, is a C client. undici's pool, the generator before, cost 145–184 µs of
 * CPU per balance + 50-row history page, this 62–79 (docs/performance.md, session 13).
 */
class RawConnection {
  private readonly socket: net.Socket;
  private pending?: { resolve: (status: number) => void; reject: (error: Error) => void };
  private head: Buffer[] = [];
  private status = 0;
  private bodyLeft = -1;
  closed = false;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  request(text: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(text);
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.bodyLeft < 0) {
      this.head.push(chunk);
      const received = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.head = [];
      const unreadable = this.readHead(received.toString('latin1', 0, end));
      if (unreadable) return this.fail(unreadable);
      this.bodyLeft -= received.length - end - 4;
    } else {
      this.bodyLeft -= chunk.length;
    }
    if (this.bodyLeft > 0) return;
    if (this.bodyLeft < 0) return this.fail(new Error('more bytes than Content-Length'));
    this.bodyLeft = -1;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(this.status);
  }

  /** Reads the status and the body's length; an Error if the response is not one it can read. */
  private readHead(head: string): Error | undefined {
    this.status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) this.bodyLeft = Number(length[1]);
    else if (this.status === 204 || this.status === 304) this.bodyLeft = 0;
    else return new Error(`the bench's client reads Content-Length bodies only:\n${head}`);
  }

  private fail(error: Error): void {
    this.close();
    this.pending?.reject(error);
    this.pending = undefined;
  }
}

/** Keep-alive connections to one server, as many as requests in flight at once. */
export class RawHttpPool {
  private readonly free: RawConnection[] = [];
  private readonly all = new Set<RawConnection>();
  private readonly host: string;
  private readonly port: number;

  constructor(base: string) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  /** Sends one request; resolves with its status once the whole body has arrived. */
  async request(method: string, path: string, headers: Record<string, string>, body?: string) {
    let text = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
    if (body !== undefined) text += `content-length: ${Buffer.byteLength(body)}\r\n`;
    text += `\r\n${body ?? ''}`;
    let connection = this.free.pop();
    // One the server closed while it sat idle (its keep-alive timeout) is dropped, never written to.
    while (connection?.closed) {
      this.all.delete(connection);
      connection = this.free.pop();
    }
    connection ??= this.open();
    try {
      return await connection.request(text);
    } finally {
      if (!connection.closed) this.free.push(connection);
      else this.all.delete(connection);
    }
  }

  close(): void {
    for (const connection of this.all) connection.close();
    this.all.clear();
    this.free.length = 0;
  }

  private open(): RawConnection {
    const connection = new RawConnection(this.host, this.port);
    this.all.add(connection);
    return connection;
  }
}
