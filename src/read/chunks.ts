/**
 * The worker side of streaming JSONL: one run of whole lines, cut from a file by `readTasks`, read
 * into documents and messages. Kept apart from the readers' index so that a worker thread loads the
 * JSONL reader only, not every format's dependencies.
 */
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { recordToDoc } from './jsonl.js';
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
    if (text === undefined) {
      items.push(makeMessage('read', 'read:line-encoding', 'fatal', `line ${n}: not valid ${encoding}`, { file: path, line: n }));
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      items.push(makeMessage('read', 'read:jsonl-json', 'fatal', `line ${n}: not valid JSON`, { file: path, line: n }));
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      items.push(makeMessage('read', 'read:jsonl-json', 'fatal', `line ${n}: not a JSON object`, { file: path, line: n }));
      continue;
    }
    records++;
    items.push(recordToDoc(new Map(Object.entries(value as Record<string, unknown>)), path, n, 'jsonl', encoding, opts));
  }
  return { items, records };
}

/**
 * The warning for a chunked file that held no record (given when its `end` task comes).
 *
 * @example
 * const m = emptyFileMessage('a.jsonl'); // read:empty
 */
export function emptyFileMessage(path: string): Message {
  return makeMessage('read', 'read:empty', 'warning', 'no records, skipped', { file: path });
}
