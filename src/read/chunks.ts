/**
 * The worker side of streaming JSONL: one run of whole lines, cut from a file by `readTasks`, read
 * into documents and messages. Kept apart from the readers' index so that a worker thread loads the
 * JSONL reader only, not every format's dependencies.
 */
import type { Doc, Message } from '../types.js';
import { jsonlLine } from './jsonl.js';
import type { ReadOptions } from './types.js';

/**
 * The documents and messages of one `lines` task, exactly as the JSONL reader gives them for
 * those lines (same ids, line numbers and messages). `records` counts the lines that were objects.
 *
 * @example
 * const { items } = readLineChunk('a.jsonl', 'utf-8', 1, Buffer.from('{"text":"Hi."}\n'), {});
 */
export function readLineChunk(path: string, encoding: string, firstLine: number, bytes: Uint8Array, opts: ReadOptions): { items: Array<Doc | Message>; records: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const dec = new TextDecoder(encoding, { fatal: true });
  const items: Array<Doc | Message> = [];
  let records = 0;
  let line = firstLine;
  for (let from = 0; from < b.length; ) {
    const nl = b.indexOf(0x0a, from);
    const end = nl < 0 ? b.length : nl;
    const n = line++;
    let text: string | undefined;
    try {
      text = dec.decode(b.subarray(from, end));
      if (text.endsWith('\r')) text = text.slice(0, -1);
    } catch {
      text = undefined;
    }
    from = end + 1;
    const { item, record } = jsonlLine(text, n, path, 'jsonl', encoding, opts);
    if (record) records++;
    if (item) items.push(item);
  }
  return { items, records };
}

// The warning for a chunked file that held no record (given when its `end` task comes).
export { emptyFileMessage } from './jsonl.js';
