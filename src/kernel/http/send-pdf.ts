import type { FastifyReply } from 'fastify';
import type { Bulkhead } from '../bulkhead.js';
import { documentDownloads } from '../documents/render-pool.js';
import type { Result } from '../result.js';
import { reply } from './reply.js';

/** How a loaded value becomes its PDF: rendered (off the loop) and named for the download. */
export interface PdfDocument<T> {
  render: (value: T) => Promise<Buffer>;
  filename: (value: T) => string;
}

/**
 * Answers a PDF download: `load` finds what the document shows (its failure answers as
 * problem+json), `document` renders it and names the attachment. Loading, rendering and answering
 * run within the document downloads' bulkhead (render-pool.ts), so that a flood of downloads takes
 * a bounded share of the process and the requests that move money keep their latency.
 *
 * A download whose client left while it waited in line is neither loaded nor rendered: nobody
 * would read it, and the downloads behind it would wait for it (a client that times out and
 * retries would otherwise make the line longer with every retry). It resolves with nothing, and
 * Fastify sends nothing to a closed connection.
 */
export function sendPdf<T>(
  res: FastifyReply,
  load: () => Promise<Result<T>>,
  document: PdfDocument<T>,
  line: Bulkhead = documentDownloads,
): Promise<FastifyReply | undefined> {
  return line.run(async () => {
    if (res.request.socket.destroyed) return undefined;
    const result = await load();
    if (!result.ok) return reply(res, result, () => null);
    const pdf = await document.render(result.value);
    return res
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${document.filename(result.value)}"`)
      .send(pdf);
  });
}
