import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bulkhead } from '../../../src/kernel/bulkhead.js';
import { sendPdf } from '../../../src/kernel/http/send-pdf.js';
import { ok } from '../../../src/kernel/result.js';

/** A bulkhead that counts the downloads that reached it (queued or running). */
class CountingBulkhead extends Bulkhead {
  arrived = 0;
  override run<T>(work: () => Promise<T>): Promise<T> {
    this.arrived++;
    return super.run(work);
  }
}

const until = (condition: () => boolean) => vi.waitUntil(condition, { timeout: 5_000, interval: 10 });

const download = (port: number, n: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/documents/${n}` }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('sendPdf: a download in line', () => {
  it('is neither loaded nor rendered if its client left while it waited', async () => {
    const line = new CountingBulkhead('test downloads', 1, 8);
    const loaded: number[] = [];
    const rendered: number[] = [];
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const sockets = new Map<number, net.Socket>();
    app = Fastify();
    app.addHook('onRequest', async (request) => {
      sockets.set(Number((request.params as { n: string }).n), request.socket);
    });
    app.get<{ Params: { n: string } }>('/documents/:n', (request, res) => {
      const n = Number(request.params.n);
      return sendPdf(
        res,
        async () => {
          loaded.push(n);
          if (n === 1) await gate; // the first download holds the only slot
          return ok(n);
        },
        {
          render: async (value) => {
            rendered.push(value);
            return Buffer.from(`%PDF-1.4 document ${value}`, 'latin1');
          },
          filename: (value) => `document-${value}.pdf`,
        },
        line,
      );
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;

    const first = download(port, 1);
    await until(() => loaded.includes(1));
    // The second client asks, waits in line behind the first, and gives up.
    const leaving = net.connect({ host: '127.0.0.1', port });
    leaving.write('GET /documents/2 HTTP/1.1\r\nhost: localhost\r\n\r\n');
    await until(() => line.arrived === 2);
    leaving.destroy();
    await until(() => sockets.get(2)?.destroyed === true);
    const third = download(port, 3);
    await until(() => line.arrived === 3);

    openGate();
    expect(await first).toEqual({ status: 200, body: '%PDF-1.4 document 1' });
    expect(await third).toEqual({ status: 200, body: '%PDF-1.4 document 3' });
    expect(loaded).toEqual([1, 3]);
    expect(rendered).toEqual([1, 3]);
  });
});
