/**
 * The reading stage's entry point: walk files, directories and stdin, pick the reader for each
 * file by its extension, and stream documents (or messages) to the pipeline one at a time.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { makeMessage } from '../messages.js';
import { loadSources, SIDECAR_NAMES, sourceOptions, type SourceMap } from '../sources.js';
import type { Doc, Message } from '../types.js';
import { csvExtractor } from './csv.js';
import { xlsxExtractor } from './xlsx.js';
import { decodeBytes, sniffEncoding } from './decode.js';
import { newDoc } from './doc.js';
import { docxExtractor } from './docx.js';
import { htmlExtractor } from './html.js';
import { jsonlExtractor, jsonlFromSource } from './jsonl.js';
import { pdfExtractor } from './pdf.js';
import { peek } from './stream.js';
import { mdExtractor, txtExtractor } from './text.js';
import type { Extractor, ReadOptions } from './types.js';

export type { Extractor, RawInput, ReadOptions } from './types.js';
export { decodeBytes, sniffEncoding } from './decode.js';
export { newDoc, splitFrontMatter } from './doc.js';
export { stripMarkdown } from './text.js';
export { emptyFileMessage, readLineChunk } from './chunks.js';

/** Every known reader, in the order their extensions are claimed. A new format is one entry here. */
export const EXTRACTORS: readonly Extractor[] = [txtExtractor, mdExtractor, jsonlExtractor, csvExtractor, pdfExtractor, htmlExtractor, docxExtractor, xlsxExtractor];

/** Largest single text document read into memory; record formats stream and have no limit. */
const MAX_TEXT_BYTES = 512 * 1024 * 1024;
/** How much of stdin is held to decide between JSONL and one text document. */
const STDIN_DECIDE_BYTES = 8 * 1024 * 1024;

const byExtension = new Map<string, Extractor>();
for (const x of EXTRACTORS) for (const e of x.extensions) byExtension.set(e, x);

/**
 * The reader for a file name, by its extension; undefined when no reader claims it.
 *
 * @example
 * extractorFor('notes/a.MD')?.name; // 'md'
 */
export function extractorFor(path: string): Extractor | undefined {
  return byExtension.get(extname(path).toLowerCase());
}

function normaliseExts(ext: string[] | undefined): Set<string> | undefined {
  if (!ext || ext.length === 0) return undefined;
  return new Set(ext.map((e) => e.trim().toLowerCase()).filter((e) => e !== '').map((e) => (e.startsWith('.') ? e : `.${e}`)));
}

function fatal(ruleId: string, reason: string, file: string): Message {
  return makeMessage('read', ruleId, 'fatal', reason, { file });
}

async function* readOneFile(path: string, opts: ReadOptions): AsyncIterable<Doc | Message> {
  const x = extractorFor(path) ?? txtExtractor;
  try {
    if (x.extractStream) {
      yield* x.extractStream(path, () => createReadStream(path), opts);
      return;
    }
    const st = await stat(path);
    if (st.size > MAX_TEXT_BYTES) {
      yield fatal('read:too-large', `${(st.size / 1e6).toFixed(0)} MB is too large for one ${x.name} document; split it or use JSONL`, path);
      return;
    }
    const bytes = await readFile(path);
    yield* x.extract({ path, bytes }, opts);
  } catch (e) {
    yield fatal('read:io', `cannot read: ${ioReason(e)}`, path);
  }
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message ?? String(e);
}

/** Code-point order, so that the walk is the same on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A file found by the walk, with the read options that apply to it (sidecar side and source resolved). */
interface FileRef {
  file: string;
  opts: ReadOptions;
}

async function* walk(dir: string, exts: Set<string> | undefined, seen: Set<string>, opts: ReadOptions, maps: readonly SourceMap[] = []): AsyncIterable<FileRef | Message> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    yield fatal('read:io', `cannot read directory: ${ioReason(e)}`, dir);
    return;
  }
  // A symlink back up the tree would walk forever: each real directory is read once.
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort(byName);
  } catch (e) {
    yield fatal('read:io', `cannot read directory: ${ioReason(e)}`, dir);
    return;
  }
  // A folder's sidecar maps the files under it to sides and sources; inner folders' rules come first.
  const sidecar = SIDECAR_NAMES.find((n) => names.includes(n));
  if (sidecar !== undefined) {
    const loaded = await loadSources(join(dir, sidecar));
    yield* loaded.messages;
    if (loaded.map) maps = [loaded.map, ...maps];
  }
  for (const name of names) {
    if (name === sidecar) continue;
    const path = join(dir, name);
    let st;
    try {
      st = await stat(path);
    } catch {
      // A dangling symlink inside a directory is not the user's named input: pass over it.
      continue;
    }
    if (st.isDirectory()) {
      yield* walk(path, exts, seen, opts, maps);
    } else if (st.isFile()) {
      const ext = extname(name).toLowerCase();
      if (exts ? exts.has(ext) : byExtension.has(ext)) yield { file: path, opts: sourceOptions(opts, opts.sources ? [...maps, opts.sources] : maps, path) };
    }
  }
}

/**
 * Stdin: JSONL when every line starts with `{` (streamed by `jsonl`), else one text document. `item`
 * wraps what is read here, so that the same decision serves documents and reading tasks.
 */
async function* readStdin<T>(
  stream: NodeJS.ReadableStream,
  opts: ReadOptions,
  jsonl: (path: string, source: AsyncIterable<Buffer>) => AsyncIterable<T>,
  item: (x: Doc | Message) => T,
): AsyncIterable<T> {
  const path = '<stdin>';
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let size = 0;
  let ended = false;
  let lineStart = true;
  let allJson = true;
  let sawContent = false;
  // Hold stdin until it ends or is known not to be JSONL; a long JSONL stream is then streamed.
  while (size < STDIN_DECIDE_BYTES && allJson) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    held.push(b);
    size += b.length;
    for (let i = 0; i < b.length && allJson; i++) {
      const c = b[i] as number;
      if (c === 0x0a) {
        lineStart = true;
      } else if (lineStart && c !== 0x20 && c !== 0x09 && c !== 0x0d && !(c === 0xef || c === 0xbb || c === 0xbf)) {
        lineStart = false;
        sawContent = true;
        if (c !== 0x7b) allJson = false;
      }
    }
  }
  async function* all(): AsyncIterable<Buffer> {
    for (const b of held) yield b;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }
  if (allJson && sawContent) {
    yield* jsonl(path, all());
    return;
  }
  const chunks: Buffer[] = [];
  for await (const b of all()) chunks.push(b);
  const decoded = decodeBytes(Buffer.concat(chunks), { encoding: opts.encoding, file: path });
  if (decoded.text === undefined) {
    for (const m of decoded.messages) yield item(m);
    return;
  }
  const doc = newDoc(
    {
      id: path,
      format: 'stdin',
      path,
      encoding: decoded.encoding,
      side: opts.side ?? null,
      ...(opts.date === undefined ? {} : { date: opts.date }),
      ...(opts.source === undefined ? {} : { source: opts.source }),
    },
    decoded.text,
  );
  doc.messages.push(...decoded.messages);
  yield item(doc);
}

/**
 * Walk `paths` (files; directories recursively, sorted, hidden files skipped, filtered by known
 * extensions or `opts.ext`; `-` for stdin) and yield documents or messages one at a time, so a
 * corpus is never held whole. A missing path is a fatal message and the walk goes on.
 *
 * @example
 * for await (const item of readInputs(['examples', '-'], { side: 'tokyo', stdin: process.stdin })) {
 *   if ('meta' in item) handle(item); else report(item);
 * }
 */
export async function* readInputs(paths: string[], opts: ReadOptions & { stdin?: NodeJS.ReadableStream } = {}): AsyncIterable<Doc | Message> {
  const exts = normaliseExts(opts.ext);
  const seen = new Set<string>();
  let stdinRead = false;
  for (const p of paths) {
    if (p === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      yield* readStdin(opts.stdin ?? process.stdin, opts, (path, source) => jsonlFromSource(path, source, opts, 'jsonl'), (x) => x);
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      yield fatal('read:missing', `cannot read ${p}: ${ioReason(e)}`, p);
      continue;
    }
    if (st.isDirectory()) {
      for await (const x of walk(p, exts, seen, opts)) {
        if ('file' in x) yield* readOneFile(x.file, x.opts);
        else yield x;
      }
    } else yield* readOneFile(p, opts.sources ? sourceOptions(opts, [opts.sources], p) : opts);
  }
}

/** Shared by the line chunks of one JSONL file: records found so far, for the "no records" warning at its end. */
export interface ChunkedFile {
  path: string;
  records: number;
}

/**
 * A unit of reading work, in input order. `item` was read here (stdin, CSV records, messages);
 * `file` and `lines` are read where they are processed (a worker thread): a whole file, or a run
 * of complete lines of a JSONL file with the 1-based number of its first line; `end` closes a
 * chunked file.
 */
export type ReadTask =
  | { kind: 'item'; item: Doc | Message }
  | { kind: 'file'; path: string; size: number; opts: ReadOptions }
  | { kind: 'lines'; path: string; encoding: string; firstLine: number; bytes: Uint8Array; opts: ReadOptions; file: ChunkedFile }
  | { kind: 'end'; file: ChunkedFile };

/**
 * The read options as plain data another thread can receive: functions, streams and other class
 * instances (a store, a codebook) are left out, and sidecars, already applied per file, too.
 *
 * @example
 * plainReadOptions({ side: 'tokyo', onMessage: console.log }); // { side: 'tokyo' }
 */
export function plainReadOptions(opts: ReadOptions): ReadOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) {
    if (k !== 'sources' && isPlainData(v, 4)) out[k] = v;
  }
  return out as ReadOptions;
}

/** Data a worker can receive: primitives and plain objects, arrays, maps, sets, dates and patterns of them (a few levels deep). */
function isPlainData(v: unknown, depth: number): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'function' || typeof v === 'symbol') return false;
  if (typeof v !== 'object') return true;
  if (depth === 0) return false;
  if (v instanceof RegExp || v instanceof Date) return true;
  if (v instanceof Map) return [...v].every(([k, x]) => isPlainData(k, depth - 1) && isPlainData(x, depth - 1));
  if (v instanceof Set || Array.isArray(v)) return [...(v as Iterable<unknown>)].every((x) => isPlainData(x, depth - 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isPlainData(x, depth - 1));
}

/** Bytes of a JSONL file handed out per `lines` task (whole lines; one longer line makes a longer task). */
const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Like `readInputs`, but yields units of work instead of documents, so that the reading itself can
 * run on worker threads: JSONL files stream here as runs of whole lines (never held whole), other
 * files are named for the worker to read, and stdin and CSV are read here. Messages keep their places
 * (a JSONL line number is the number of its line in the file).
 *
 * @example
 * for await (const task of readTasks(['corpus.jsonl'], {})) if (task.kind === 'lines') send(task.bytes);
 */
export async function* readTasks(paths: string[], opts: ReadOptions & { stdin?: NodeJS.ReadableStream } = {}, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncIterable<ReadTask> {
  const exts = normaliseExts(opts.ext);
  const seen = new Set<string>();
  let stdinRead = false;
  const item = (x: Doc | Message): ReadTask => ({ kind: 'item', item: x });
  for (const p of paths) {
    if (p === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      yield* readStdin(opts.stdin ?? process.stdin, opts, (path, source) => jsonlTasks(path, () => source, opts, chunkBytes), item);
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      yield item(fatal('read:missing', `cannot read ${p}: ${ioReason(e)}`, p));
      continue;
    }
    if (st.isDirectory()) {
      for await (const x of walk(p, exts, seen, opts)) {
        if ('file' in x) yield* fileTasks(x.file, x.opts, chunkBytes);
        else yield item(x);
      }
    } else yield* fileTasks(p, opts.sources ? sourceOptions(opts, [opts.sources], p) : opts, chunkBytes);
  }
}

async function* fileTasks(path: string, opts: ReadOptions, chunkBytes: number): AsyncIterable<ReadTask> {
  const x = extractorFor(path) ?? txtExtractor;
  if (x === jsonlExtractor) {
    yield* jsonlTasks(path, () => createReadStream(path, { highWaterMark: 1 << 20 }), opts, chunkBytes);
    return;
  }
  if (x.extractStream) {
    // CSV records may hold newlines inside quotes: only its parser can cut it, here.
    for await (const item of readOneFile(path, opts)) yield { kind: 'item', item };
    return;
  }
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch {
    // The reader reports the problem where it reads the file.
  }
  yield { kind: 'file', path, size, opts: plainReadOptions(opts) };
}

async function* jsonlTasks(path: string, open: () => AsyncIterable<Buffer | string>, opts: ReadOptions, chunkBytes: number): AsyncIterable<ReadTask> {
  try {
    const { head, all } = await peek(open(), 1 << 16);
    const sniff = sniffEncoding(head, { encoding: opts.encoding, file: path });
    if (sniff.encoding === undefined) {
      for (const m of sniff.messages) yield { kind: 'item', item: m };
      return;
    }
    if (sniff.encoding.startsWith('utf-16')) {
      // A newline byte can sit inside a UTF-16 character: such input is decoded as a stream, here.
      for await (const item of jsonlFromSource(path, all, opts, 'jsonl')) yield { kind: 'item', item };
      return;
    }
    const file: ChunkedFile = { path, records: 0 };
    const plain = plainReadOptions(opts);
    const encoding = sniff.encoding;
    let line = 1;
    let parts: Buffer[] = [];
    let size = 0;
    const cut = (): ReadTask => {
      // One fresh buffer per task, so that it can be moved to another thread without copying.
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const b of parts) {
        bytes.set(b, at);
        at += b.length;
      }
      const firstLine = line;
      line += countNewlines(bytes);
      parts = [];
      size = 0;
      return { kind: 'lines', path, encoding, firstLine, bytes, opts: plain, file };
    };
    let first = true;
    for await (let chunk of all) {
      if (first && sniff.bomLength > 0) chunk = chunk.subarray(sniff.bomLength);
      first = false;
      if (chunk.length === 0) continue;
      parts.push(chunk);
      size += chunk.length;
      if (size < chunkBytes) continue;
      const nl = chunk.lastIndexOf(0x0a);
      if (nl < 0) continue;
      const rest = chunk.subarray(nl + 1);
      parts[parts.length - 1] = chunk.subarray(0, nl + 1);
      size -= rest.length;
      yield cut();
      if (rest.length > 0) {
        parts.push(rest);
        size = rest.length;
      }
    }
    if (size > 0) yield cut();
    yield { kind: 'end', file };
  } catch (e) {
    yield { kind: 'item', item: fatal('read:io', `cannot read: ${ioReason(e)}`, path) };
  }
}

function countNewlines(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Read one named file (a `file` task) with its reader, as `readInputs` would.
 *
 * @example
 * for await (const item of readFileTask('notes/a.txt', { side: 'tokyo' })) handle(item);
 */
export function readFileTask(path: string, opts: ReadOptions): AsyncIterable<Doc | Message> {
  return readOneFile(path, opts);
}
