/**
 * JSON Lines: one document per line (`id, title, date, side, source, lang, text`; other fields are
 * kept as extra metadata). Read as a stream; a bad line is one message and the rest goes on.
 */
import { Readable } from 'node:stream';
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { sniffEncoding } from './decode.js';
import { fieldString, metaFromFields, newDoc } from './doc.js';
import { readLines } from './lines.js';
import { peek } from './stream.js';
import type { Extractor, ReadOptions } from './types.js';

/**
 * Turn one record's fields into a document, or a message when it has no usable text.
 * Shared by the JSONL and CSV readers.
 *
 * @example
 * recordToDoc(new Map([['text', 'Tokyo worries.']]), 'a.jsonl', 3, 'jsonl', 'utf-8', {}); // a Doc with id 'a.jsonl#3'
 */
export function recordToDoc(fields: Map<string, unknown>, path: string, line: number, format: string, encoding: string | undefined, opts: ReadOptions): Doc | Message {
  const text = fields.get('text');
  if (typeof text !== 'string') {
    const reason = text === undefined || text === null ? 'no text field' : 'text field is not a string';
    return makeMessage('read', 'read:no-text', 'fatal', `line ${line}: ${reason}`, { file: path, line });
  }
  if (text.trim() === '') return makeMessage('read', 'read:empty', 'warning', `line ${line}: empty text, skipped`, { file: path, line });
  const id = fieldString(fields.get('id'))?.trim() || `${path}#${line}`;
  const meta = metaFromFields(fields, opts);
  return newDoc({ ...meta, id, format, path, ...(encoding === undefined ? {} : { encoding }) }, text);
}

/**
 * One JSONL line read into a document or a message (`text` undefined = the line was not valid in
 * `encoding`); `record` says the line held a JSON object. Blank lines give no item.
 * Shared by the streaming reader and the workers' line chunks.
 *
 * @example
 * jsonlLine('{"text":"Hi."}', 1, 'a.jsonl', 'jsonl', 'utf-8', {}); // { item: Doc, record: true }
 */
export function jsonlLine(text: string | undefined, line: number, path: string, format: string, encoding: string, opts: ReadOptions): { item?: Doc | Message; record: boolean } {
  if (text === undefined) return { item: makeMessage('read', 'read:line-encoding', 'fatal', `line ${line}: not valid ${encoding}`, { file: path, line }), record: false };
  if (text.trim() === '') return { record: false };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { item: makeMessage('read', 'read:jsonl-json', 'fatal', `line ${line}: not valid JSON`, { file: path, line }), record: false };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { item: makeMessage('read', 'read:jsonl-json', 'fatal', `line ${line}: not a JSON object`, { file: path, line }), record: false };
  }
  return { item: recordToDoc(new Map(Object.entries(value as Record<string, unknown>)), path, line, format, encoding, opts), record: true };
}

/**
 * The warning for a JSONL file that held no record.
 *
 * @example
 * const m = emptyFileMessage('a.jsonl'); // read:empty
 */
export function emptyFileMessage(path: string): Message {
  return makeMessage('read', 'read:empty', 'warning', 'no records, skipped', { file: path });
}

async function* extractJsonl(path: string, source: AsyncIterable<Buffer | string>, opts: ReadOptions, format = 'jsonl'): AsyncIterable<Doc | Message> {
  const { head, all } = await peek(source, 1 << 16);
  const sniff = sniffEncoding(head, { encoding: opts.encoding, file: path });
  if (sniff.encoding === undefined) {
    yield* sniff.messages;
    return;
  }
  let any = false;
  for await (const { line, text } of readLines(all, sniff.encoding, sniff.bomLength)) {
    const { item, record } = jsonlLine(text, line, path, format, sniff.encoding, opts);
    if (record) any = true;
    if (item) yield item;
  }
  if (!any) yield emptyFileMessage(path);
}

/** `.jsonl` / `.ndjson`: one document per line. */
export const jsonlExtractor: Extractor = {
  name: 'jsonl',
  extensions: ['.jsonl', '.ndjson'],
  extract: (input, opts) => extractJsonl(input.path, Readable.from([input.bytes]), opts),
  extractStream: (path, open, opts) => extractJsonl(path, open(), opts),
};

/**
 * Read JSONL from any byte source (used for stdin, whose documents have format `stdin`).
 *
 * @example
 * for await (const item of jsonlFromSource('<stdin>', process.stdin, {})) console.log(item);
 */
export function jsonlFromSource(path: string, source: AsyncIterable<Buffer | string>, opts: ReadOptions, format = 'jsonl'): AsyncIterable<Doc | Message> {
  return extractJsonl(path, source, opts, format);
}
