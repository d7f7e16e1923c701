/**
 * Reading a byte stream line by line without holding it whole, decoding each line on its own so
 * that one bad line is one message and the rest is read.
 */
import type { Readable } from 'node:stream';

/** One line of a stream: 1-based number and its text, or `text` undefined when its bytes are invalid. */
export interface Line {
  line: number;
  text?: string;
}

/**
 * Yield the lines of a stream in `encoding` (ASCII-compatible encodings are split on the LF byte,
 * which no Japanese legacy encoding uses inside a character; UTF-16 is decoded first).
 *
 * @example
 * for await (const { line, text } of readLines(createReadStream('a.jsonl'), 'utf-8')) console.log(line, text);
 */
export async function* readLines(stream: AsyncIterable<Buffer | string> | Readable, encoding: string, skip = 0): AsyncIterable<Line> {
  let n = 0;
  if (encoding.startsWith('utf-16')) {
    const dec = new TextDecoder(encoding);
    let rest = '';
    let first = true;
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (first && skip > 0) buf = buf.subarray(skip);
      first = false;
      rest += dec.decode(buf, { stream: true });
      let nl: number;
      let from = 0;
      while ((nl = rest.indexOf('\n', from)) >= 0) {
        yield { line: ++n, text: stripCr(rest.slice(from, nl)) };
        from = nl + 1;
      }
      rest = rest.slice(from);
    }
    rest += dec.decode();
    if (rest.length > 0) yield { line: n + 1, text: stripCr(rest) };
    return;
  }
  const dec = new TextDecoder(encoding, { fatal: true });
  const decode = (b: Uint8Array): string | undefined => {
    try {
      return stripCr(dec.decode(b));
    } catch {
      return undefined;
    }
  };
  let pending: Buffer[] = [];
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first && skip > 0) buf = buf.subarray(skip);
    first = false;
    let from = 0;
    let nl: number;
    while ((nl = buf.indexOf(0x0a, from)) >= 0) {
      const part = buf.subarray(from, nl);
      const bytes = pending.length > 0 ? Buffer.concat([...pending, part]) : part;
      pending = [];
      yield { line: ++n, text: decode(bytes) };
      from = nl + 1;
    }
    if (from < buf.length) pending.push(buf.subarray(from));
  }
  if (pending.length > 0) {
    const bytes = Buffer.concat(pending);
    if (bytes.length > 0) yield { line: n + 1, text: decode(bytes) };
  }
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
