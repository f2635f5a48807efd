import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../../src/kernel/documents/document-cache.js';
import { requestHash } from '../../../src/kernel/request-hash.js';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('rendered documents kept by what they were rendered from (document-cache)', () => {
  it('the same renderer and arguments render once; another argument (a bigint, a date) is another document', async () => {
    const cache = new DocumentCache(1024);
    let renders = 0;
    const render = async () => bytes(10, ++renders);
    const paid = { id: 'bin_1', totalMicros: 49_500_000n, paidAt: new Date('2026-11-01T10:00:00Z') };
    const key = requestHash('invoice.js#render', [paid]);
    const first = await cache.get(key, render);
    expect(await cache.get(requestHash('invoice.js#render', [{ ...paid }]), render)).toBe(first);
    expect(renders).toBe(1);
    for (const changed of [
      { ...paid, totalMicros: 49_500_001n },
      { ...paid, paidAt: new Date('2026-11-01T10:00:01Z') },
    ]) {
      expect(requestHash('invoice.js#render', [changed])).not.toBe(key);
    }
    expect(requestHash('receipt.js#render', [paid])).not.toBe(key);
  });

  it('callers asking at the same time share one rendering; a failed rendering is not kept', async () => {
    const cache = new DocumentCache(1024);
    let renders = 0;
    let finish!: (b: Buffer) => void;
    const render = () => (renders++, new Promise<Buffer>((resolve) => (finish = resolve)));
    const both = Promise.all([cache.get('k', render), cache.get('k', render)]);
    finish(bytes(5));
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(renders).toBe(1);
    await expect(cache.get('bad', async () => Promise.reject(new Error('no font')))).rejects.toThrow(
      'no font',
    );
    expect(await cache.get('bad', async () => bytes(3))).toEqual(bytes(3));
  });

  it('within its byte budget: the least recently used goes first, a document larger than the budget is not kept', async () => {
    const cache = new DocumentCache(30);
    const renders: string[] = [];
    const render = (key: string, size: number) =>
      cache.get(key, async () => (renders.push(key), bytes(size)));
    await render('a', 10);
    await render('b', 10);
    await render('c', 10);
    await render('a', 10); // used again: b is now the oldest
    await render('d', 10); // 40 bytes: b goes
    expect(cache.size()).toEqual({ documents: 3, bytes: 30 });
    await render('a', 10);
    await render('b', 10);
    expect(renders).toEqual(['a', 'b', 'c', 'd', 'b']);
    await render('huge', 31);
    await render('huge', 31);
    expect(renders.filter((k) => k === 'huge')).toHaveLength(2);
    expect(cache.size().bytes).toBeLessThanOrEqual(30);
  });
});
