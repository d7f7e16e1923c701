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

async function* extractJsonl(path: string, source: AsyncIterable<Buffer | string>, opts: ReadOptions, format = 'jsonl'): AsyncIterable<Doc | Message> {
  const { head, all } = await peek(source, 1 << 16);
  const sniff = sniffEncoding(head, { encoding: opts.encoding, file: path });
  if (sniff.encoding === undefined) {
    yield* sniff.messages;
    return;
  }
  let any = false;
  for await (const { line, text } of readLines(all, sniff.encoding, sniff.bomLength)) {
    if (text === undefined) {
      yield makeMessage('read', 'read:line-encoding', 'fatal', `line ${line}: not valid ${sniff.encoding}`, { file: path, line });
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield makeMessage('read', 'read:jsonl-json', 'fatal', `line ${line}: not valid JSON`, { file: path, line });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield makeMessage('read', 'read:jsonl-json', 'fatal', `line ${line}: not a JSON object`, { file: path, line });
      continue;
    }
    any = true;
    yield recordToDoc(new Map(Object.entries(value as Record<string, unknown>)), path, line, format, sniff.encoding, opts);
  }
  if (!any) yield makeMessage('read', 'read:empty', 'warning', 'no records, skipped', { file: path });
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
