/** Peeking at the head of a byte stream (to sniff its encoding) and then reading all of it. */
import type { Readable } from 'node:stream';

/**
 * Read at least `n` bytes (or the whole stream when shorter) and return them with an iterable that
 * yields the full stream from its first byte.
 *
 * @example
 * const { head, all } = await peek(createReadStream('a.csv'), 65536);
 */
export async function peek(stream: Readable | AsyncIterable<Buffer | string>, n: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    taken.push(b);
    size += b.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncIterable<Buffer> {
    for (const b of taken) yield b;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }
  return { head, all: all() };
}
