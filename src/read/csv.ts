/**
 * CSV: a header row naming the columns (`id, title, date, side, source, lang, text` by default, or
 * any columns through a `TableMapping` in `opts.table`; other columns are kept as extra metadata),
 * one document per record. Parsed as a stream by csv-parse; a broken
 * record is one message and the rest goes on.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { sniffEncoding } from './decode.js';
import { peek } from './stream.js';
import { resolveTable, rowToDoc, type ResolvedTable, type TableReadOptions } from './table.js';
import type { Extractor } from './types.js';

async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: string, skip: number, bad: { count: number }): AsyncIterable<string> {
  const dec = new TextDecoder(encoding);
  let first = true;
  for await (const c of chunks) {
    const b = first && skip > 0 ? c.subarray(skip) : c;
    first = false;
    const s = dec.decode(b, { stream: true });
    // Invalid bytes become U+FFFD; counted so the user hears about it.
    if (s.includes('\ufffd')) bad.count += s.split('\ufffd').length - 1;
    if (s) yield s;
  }
  const tail = dec.decode();
  if (tail.includes('\ufffd')) bad.count++;
  if (tail) yield tail;
}

function countNewlines(values: string[]): number {
  let n = 0;
  for (const v of values) for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) n++;
  return n;
}

async function* extractCsv(path: string, source: AsyncIterable<Buffer | string>, opts: TableReadOptions): AsyncIterable<Doc | Message> {
  const { head, all } = await peek(source, 1 << 16);
  const sniff = sniffEncoding(head, { encoding: opts.encoding, file: path });
  if (sniff.encoding === undefined) {
    yield* sniff.messages;
    return;
  }
  const skipped: Message[] = [];
  const skippedLines = new Set<number>();
  const parser = parse({
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = Number(err?.lines ?? 0);
      // csv-parse may report one broken record more than once.
      if (skippedLines.has(line)) return undefined;
      skippedLines.add(line);
      skipped.push(makeMessage('read', 'read:csv-record', 'fatal', `line ${line}: not a valid CSV record (${(err?.code ?? 'parse error').toLowerCase().replace(/^csv_/, '').replace(/_/g, ' ')})`, { file: path, line }));
      return undefined;
    },
  });
  const bad = { count: 0 };
  Readable.from(decodeChunks(all, sniff.encoding, sniff.bomLength, bad)).pipe(parser);
  let table: ResolvedTable | undefined;
  let any = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield* skipped.splice(0);
      const values = item.record;
      const line = item.info.lines - countNewlines(values);
      if (table === undefined) {
        const r = resolveTable(values, opts.table ?? {}, path, line);
        if (!('text' in r)) {
          yield r;
          parser.destroy();
          return;
        }
        table = r;
        continue;
      }
      if (values.length === 1 && (values[0] ?? '').trim() === '') continue;
      if (values.length !== table.header.length) {
        yield makeMessage('read', 'read:csv-columns', 'warning', `line ${line}: ${values.length} fields, the header has ${table.header.length}`, { file: path, line });
      }
      any = true;
      yield rowToDoc(table, values, path, line, 'csv', sniff.encoding, opts);
    }
  } catch (e) {
    yield makeMessage('read', 'read:csv', 'fatal', `cannot read CSV: ${(e as Error).message}`, { file: path });
  }
  yield* skipped.splice(0);
  if (bad.count > 0) yield makeMessage('read', 'read:invalid-bytes', 'warning', `${bad.count} invalid byte sequence(s) for ${sniff.encoding} replaced with U+FFFD`, { file: path });
  if (table === undefined || !any) yield makeMessage('read', 'read:empty', 'warning', 'no records, skipped', { file: path });
}

/** `.csv`: one document per record under a header row. */
export const csvExtractor: Extractor = {
  name: 'csv',
  extensions: ['.csv'],
  extract: (input, opts) => extractCsv(input.path, Readable.from([input.bytes]), opts),
  extractStream: (path, open, opts) => extractCsv(path, open(), opts),
};
