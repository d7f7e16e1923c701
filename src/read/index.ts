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
import { decodeBytes } from './decode.js';
import { newDoc } from './doc.js';
import { docxExtractor } from './docx.js';
import { htmlExtractor } from './html.js';
import { jsonlExtractor, jsonlFromSource } from './jsonl.js';
import { pdfExtractor } from './pdf.js';
import { mdExtractor, txtExtractor } from './text.js';
import type { Extractor, ReadOptions } from './types.js';

export type { Extractor, RawInput, ReadOptions } from './types.js';
export { decodeBytes, sniffEncoding } from './decode.js';
export { newDoc, splitFrontMatter } from './doc.js';
export { stripMarkdown } from './text.js';

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

async function* walk(dir: string, exts: Set<string> | undefined, seen: Set<string>, opts: ReadOptions, maps: readonly SourceMap[] = []): AsyncIterable<Doc | Message> {
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
      if (exts ? exts.has(ext) : byExtension.has(ext)) yield* readOneFile(path, sourceOptions(opts, opts.sources ? [...maps, opts.sources] : maps, path));
    }
  }
}

async function* readStdin(stream: NodeJS.ReadableStream, opts: ReadOptions): AsyncIterable<Doc | Message> {
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
    yield* jsonlFromSource(path, all(), opts, 'jsonl');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const b of all()) chunks.push(b);
  const decoded = decodeBytes(Buffer.concat(chunks), { encoding: opts.encoding, file: path });
  if (decoded.text === undefined) {
    yield* decoded.messages;
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
  yield doc;
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
      yield* readStdin(opts.stdin ?? process.stdin, opts);
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      yield fatal('read:missing', `cannot read ${p}: ${ioReason(e)}`, p);
      continue;
    }
    if (st.isDirectory()) yield* walk(p, exts, seen, opts);
    else yield* readOneFile(p, opts.sources ? sourceOptions(opts, [opts.sources], p) : opts);
  }
}
