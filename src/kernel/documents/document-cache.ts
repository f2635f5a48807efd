/**
 * Rendered documents kept by what they were rendered from, least recently used out first, within a
 * byte budget. A renderer is a pure function of its arguments (the dates on a document are the
 * document's own, never the clock's), so a key that hashes the renderer and every argument can
 * never answer a stale document: an invoice paid, voided or re-addressed since is another key.
 * render-pool.ts keys by `requestHash` (every field of every argument, bigints and dates as
 * themselves; only the order of an object's keys does not count).
 * Downloading the same document again (the page's link, the e-mail's link, an accountant's
 * export, a double click) then costs no rendering; asking for one at the same time as another
 * caller shares that caller's rendering.
 */
export class DocumentCache {
  private readonly kept = new Map<string, Buffer>();
  private readonly rendering = new Map<string, Promise<Buffer>>();
  private keptBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The document kept under `key`, else `render()`'s, kept if it fits; a failed rendering is not kept. */
  get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return Promise.resolve(kept);
    }
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = render().then(
        (bytes) => {
          this.rendering.delete(key);
          this.keep(key, bytes);
          return bytes;
        },
        (error: unknown) => {
          this.rendering.delete(key);
          throw error;
        },
      );
      this.rendering.set(key, pending);
    }
    return pending;
  }

  /** How many documents and bytes are kept (for tests and metrics). */
  size(): { documents: number; bytes: number } {
    return { documents: this.kept.size, bytes: this.keptBytes };
  }

  private keep(key: string, bytes: Buffer): void {
    if (bytes.length > this.maxBytes) return;
    this.kept.set(key, bytes);
    this.keptBytes += bytes.length;
    for (const [oldest, old] of this.kept) {
      if (this.keptBytes <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.keptBytes -= old.length;
    }
  }
}
