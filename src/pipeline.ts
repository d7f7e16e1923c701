/**
 * The orchestrator: runs the named phases over each document in order
 * (read → clean → segment → attribute+code → store) and collects messages. It knows the phases'
 * entry points, never their internals.
 *
 * At scale the work is cut into units (a megabyte of JSONL lines, a few files, a few documents)
 * that worker threads read, clean, segment and code; the main thread only puts the answers back in
 * input order and writes the store. A unit is processed by the same `runUnit` on a worker or, with
 * one job, on the main thread, so every job count stores the same rows.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { clean } from './clean.js';
import type { Codebook } from './codebook/index.js';
import { decide } from './coder/index.js';
import { NearDuplicates } from './dedup.js';
import { makeMessage } from './messages.js';
import { WorkerPool, workersAvailable } from './parallel.js';
// Only the JSONL chunk reader is loaded eagerly: a worker thread needs the other readers (PDF, HTML,
// DOCX and their dependencies) only when it is handed such files, and web fetching never.
import { emptyFileMessage, readLineChunk } from './read/chunks.js';
import type { ChunkedFile, ReadOptions, ReadTask } from './read/index.js';
import { segment } from './segment.js';
import type { Store } from './store/index.js';
import { AUTHOR, type Doc, type DocMeta, type Message, type PageSpan, type Sentence, type SentenceDecision } from './types.js';

/** Progress of a run, reported after each document. */
export interface Progress {
  documents: number;
  stored: number;
  duplicates: number;
  skipped: number;
  bytes: number;
  sentences: number;
}

export interface AnalyzeOptions extends ReadOptions {
  store: Store;
  codebook: Codebook;
  /** Documents per write transaction (each document is always whole: a batch commits or not). */
  batchSize?: number;
  onProgress?: (p: Progress) => void;
  /** Called for every message as it happens (the CLI prints them). */
  onMessage?: (m: Message) => void;
  stdin?: NodeJS.ReadableStream;
  /** Worker threads (default: one per core when the compiled worker exists; 1 runs everything on the main thread). */
  jobs?: number;
  /**
   * Input bytes handled on the main thread before the workers start (default 4 MB: a small input is
   * done before threads would have started). 0 starts them at once.
   */
  parallelAfterBytes?: number;
  /** Input bytes per unit of work (JSONL lines, files, read documents; default 1 MB). */
  unitBytes?: number;
  /**
   * Fold near-duplicates at this MinHash Jaccard threshold (0.35 is the tested default); off when
   * absent or false, because the check costs about four times the ingest time at archive scale.
   */
  nearDuplicates?: number | false;
}

export interface AnalyzeSummary extends Progress {
  /** Documents folded into a stored near-duplicate (counted once, source linked). */
  nearDuplicates: number;
  messages: Message[];
  /** Documents stored per input format. */
  formats: Map<string, number>;
}

/**
 * The stable identity of a document: its cleaned text and, when known, its date and source. The
 * same text from the same source on the same day is one document (re-reading is a no-op); a
 * headline printed again on another day, or by another paper, is another front page.
 *
 * @example
 * contentHash('Tokyo worries.', '2004-01-15', 'Asahi'); // 64 hex digits
 */
export function contentHash(text: string, date?: string, source?: string): string {
  const h = createHash('sha256').update(text);
  if (date) h.update('\u0000date:').update(date);
  if (source) h.update('\u0000source:').update(source);
  return h.digest('hex');
}

/**
 * Run clean, segment and the coder over one document in place. Returns the document.
 *
 * @example
 * processDoc(newDoc({ id: 'x', format: 'txt' }, 'Tokyo worries.'), builtinCodebook());
 */
export function processDoc(doc: Doc, codebook: Codebook): Doc {
  clean(doc);
  segment(doc);
  codeDoc(doc, codebook);
  return doc;
}

/**
 * Attach the coder's decisions to a segmented document's sentences.
 *
 * @example
 * codeDoc(segmentedDoc, builtinCodebook()); // every sentence now has .decision
 */
export function codeDoc(doc: Doc, codebook: Codebook): void {
  const decisions = decide(
    doc.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph })),
    { docSide: doc.meta.side, lang: doc.meta.lang, title: doc.meta.title },
    codebook,
  );
  doc.sentences.forEach((s, i) => {
    s.decision = decisions[i];
  });
}

// ---- units of work and their compact results ------------------------------------------------

/** A unit of work for `runUnit`: JSONL lines, files to read, read documents, or stored documents to recode. */
export type WorkUnit =
  | { kind: 'lines'; path: string; encoding: string; firstLine: number; bytes: Uint8Array; opts: ReadOptions }
  | { kind: 'files'; files: Array<{ path: string; opts: ReadOptions }> }
  | { kind: 'docs'; docs: Doc[] }
  | { kind: 'code'; docs: RecodeDoc[] };

/** A stored document to code again: its text once, each sentence as (start, end, paragraph) in `layout`. */
interface RecodeDoc {
  side: string | null;
  lang: string;
  title?: string;
  text: string;
  layout: Int32Array;
  /** Sentences whose text is not the slice of `text` at their offsets. */
  texts?: Array<[number, string]>;
}

/**
 * One document as it crosses back from a worker: metadata and text as they are, the paragraph and
 * sentence numbers in the unit's shared `ints` buffer from `at`, and only the decisions that differ
 * from the default (most sentences report nobody and raise nothing) as one JSON string.
 */
interface WireDoc {
  meta: DocMeta;
  text: string;
  pages: PageSpan[];
  messages: Message[];
  rawBytes: number;
  hash: string;
  at: number;
  paragraphs: number;
  sentences: number;
  /** Sentences whose text is not the slice of `text` at their offsets (none from the segmenter today). */
  texts?: Array<[number, string]>;
  /** JSON of `[index, decision | null]` pairs for the sentences whose decision is not the default. */
  decisions: string;
}

/** A read message, a document whose side the codebook does not know (skipped), or a processed document. */
type WireItem = { m: Message } | { unknownSide: Message; rawBytes: number } | WireDoc;

/** What a unit of reading gives back, in input order. */
export interface UnitResult {
  items: WireItem[];
  /** Paragraphs as (index, start, end) and sentences as (paragraph, start, end, page or -1), all documents in a row. */
  ints: Int32Array;
  /** JSONL records seen (for a file's "no records" warning). */
  records: number;
}

/** What recoding a unit gives back: one sparse decisions string per document. */
export interface CodeResult {
  decisions: string[];
}

/** A sentence that reports nobody, raises and negates nothing and is neutral: most sentences. */
function isDefaultDecision(d: SentenceDecision): boolean {
  if (d.tone !== 'neutral' || d.raised.length > 0 || d.negated.length > 0 || d.toneEvidence.length > 0) return false;
  const v = d.voice;
  if (v.voice !== AUTHOR || v.how !== 'default' || v.cue !== undefined) return false;
  // A field the coder may add one day must travel: only the exact default shape is left out.
  let n = 0;
  for (const _ in d) n++;
  if (n !== 5) return false;
  n = 0;
  for (const _ in v) n++;
  return n === 2;
}

/** The one default decision every default sentence points to (frozen: readers only read it). */
const DEFAULT_DECISION: SentenceDecision = Object.freeze({
  voice: Object.freeze({ voice: AUTHOR, how: 'default' as const }),
  raised: Object.freeze([]) as unknown as SentenceDecision['raised'],
  negated: Object.freeze([]) as unknown as SentenceDecision['negated'],
  tone: 'neutral' as const,
  toneEvidence: Object.freeze([]) as unknown as SentenceDecision['toneEvidence'],
}) as SentenceDecision;

function encodeDecisions(sentences: Sentence[]): string {
  const out: Array<[number, SentenceDecision | null]> = [];
  sentences.forEach((s, i) => {
    if (s.decision === undefined) out.push([i, null]);
    else if (!isDefaultDecision(s.decision)) out.push([i, s.decision]);
  });
  return JSON.stringify(out);
}

/** Put decoded decisions on sentences: the listed ones as sent, every other one the default. */
function applyDecisions(sentences: Sentence[], json: string): void {
  const listed = JSON.parse(json) as Array<[number, SentenceDecision | null]>;
  let next = 0;
  for (const [i, d] of listed) {
    for (; next < i; next++) (sentences[next] as Sentence).decision = DEFAULT_DECISION;
    const s = sentences[i] as Sentence;
    if (d === null) delete s.decision;
    else s.decision = d;
    next = i + 1;
  }
  for (; next < sentences.length; next++) (sentences[next] as Sentence).decision = DEFAULT_DECISION;
}

/** Collects a unit's items, packing the numbers of every document into one growing buffer. */
class UnitEncoder {
  readonly items: WireItem[] = [];
  private ints = new Int32Array(1024);
  private used = 0;

  constructor(private readonly codebook: Codebook) {}

  private reserve(n: number): void {
    if (this.used + n <= this.ints.length) return;
    let size = this.ints.length * 2;
    while (size < this.used + n) size *= 2;
    const bigger = new Int32Array(size);
    bigger.set(this.ints.subarray(0, this.used));
    this.ints = bigger;
  }

  add(x: Doc | Message): void {
    if (!('meta' in x)) {
      this.items.push({ m: x });
      return;
    }
    const rawBytes = Buffer.byteLength(x.raw);
    const side = x.meta.side;
    if (side !== null && side !== undefined && !this.codebook.sides.includes(side)) {
      this.items.push({ unknownSide: unknownSideMessage(x, this.codebook), rawBytes });
      return;
    }
    const doc = processDoc(x, this.codebook);
    const at = this.used;
    this.reserve(doc.paragraphs.length * 3 + doc.sentences.length * 4);
    const ints = this.ints;
    let k = this.used;
    for (const p of doc.paragraphs) {
      ints[k++] = p.index;
      ints[k++] = p.start;
      ints[k++] = p.end;
    }
    let texts: Array<[number, string]> | undefined;
    doc.sentences.forEach((s, i) => {
      if (s.index !== i) throw new Error(`pipeline: sentence ${i} of ${doc.meta.id} has index ${s.index}`);
      ints[k++] = s.paragraph;
      ints[k++] = s.start;
      ints[k++] = s.end;
      ints[k++] = s.page ?? -1;
      if (s.text.length !== s.end - s.start || s.text !== doc.text.slice(s.start, s.end)) (texts ??= []).push([i, s.text]);
    });
    this.used = k;
    this.items.push({
      meta: doc.meta,
      text: doc.text,
      pages: doc.pages,
      messages: doc.messages,
      rawBytes,
      hash: contentHash(doc.text, doc.meta.date, doc.meta.source),
      at,
      paragraphs: doc.paragraphs.length,
      sentences: doc.sentences.length,
      ...(texts ? { texts } : {}),
      decisions: encodeDecisions(doc.sentences),
    });
  }

  finish(records: number): UnitResult {
    // A copy of the used part only: the buffer that moves holds no slack.
    return { items: this.items, ints: this.ints.slice(0, this.used), records };
  }
}

function unknownSideMessage(doc: Doc, codebook: Codebook): Message {
  return makeMessage('pipeline', 'pipeline:unknown-side', 'fatal',
    `unknown side "${doc.meta.side}" (codebook ${codebook.name} has ${codebook.sides.join(', ')}); document skipped`,
    { file: doc.meta.path ?? doc.meta.id });
}

/** Rebuild a document from its wire form (the raw text stayed in the worker: only its size came back). */
function decodeDoc(w: WireDoc, ints: Int32Array): Doc {
  let k = w.at;
  const paragraphs = new Array<{ index: number; start: number; end: number }>(w.paragraphs);
  for (let i = 0; i < w.paragraphs; i++) {
    paragraphs[i] = { index: ints[k] as number, start: ints[k + 1] as number, end: ints[k + 2] as number };
    k += 3;
  }
  const sentences = new Array<Sentence>(w.sentences);
  for (let i = 0; i < w.sentences; i++) {
    const start = ints[k + 1] as number;
    const end = ints[k + 2] as number;
    const page = ints[k + 3] as number;
    const s: Sentence = { index: i, paragraph: ints[k] as number, start, end, text: w.text.slice(start, end) };
    if (page >= 0) s.page = page;
    sentences[i] = s;
    k += 4;
  }
  for (const [i, text] of w.texts ?? []) (sentences[i] as Sentence).text = text;
  applyDecisions(sentences, w.decisions);
  return { meta: w.meta, raw: '', text: w.text, pages: w.pages, paragraphs, sentences, messages: w.messages };
}

/**
 * Process one unit of work: read what it names, clean, segment and code every document, and pack
 * the results compactly. Runs on a worker thread, or on the main thread with one job.
 *
 * @example
 * const r = await runUnit({ kind: 'docs', docs: [newDoc({ id: 'a', format: 'txt' }, 'Tokyo worries.')] }, builtinCodebook());
 */
export async function runUnit(unit: WorkUnit, codebook: Codebook): Promise<UnitResult | CodeResult> {
  if (unit.kind === 'code') {
    return {
      decisions: unit.docs.map((d) => {
        const units = new Array<{ text: string; paragraph: number }>(d.layout.length / 3);
        for (let i = 0, k = 0; k < d.layout.length; i++, k += 3) units[i] = { text: d.text.slice(d.layout[k] as number, d.layout[k + 1] as number), paragraph: d.layout[k + 2] as number };
        for (const [i, text] of d.texts ?? []) (units[i] as { text: string }).text = text;
        const decisions = decide(units, { docSide: d.side, lang: d.lang, title: d.title }, codebook);
        return encodeDecisions(decisions.map((decision, i) => ({ index: i, paragraph: 0, start: 0, end: 0, text: '', decision })));
      }),
    };
  }
  const enc = new UnitEncoder(codebook);
  let records = 0;
  if (unit.kind === 'lines') {
    const r = readLineChunk(unit.path, unit.encoding, unit.firstLine, unit.bytes, unit.opts);
    records = r.records;
    for (const x of r.items) enc.add(x);
  } else if (unit.kind === 'files') {
    const { readFileTask } = await import('./read/index.js');
    for (const f of unit.files) for await (const x of readFileTask(f.path, f.opts)) enc.add(x);
  } else {
    for (const d of unit.docs) enc.add(d);
  }
  return enc.finish(records);
}

// ---- the run ---------------------------------------------------------------------------------

const URL_RE = /^https?:\/\//i;

/** Reading tasks from files, folders and stdin, then documents from web pages and feeds (items already stored are skipped). */
async function* tasksOf(paths: string[], opts: AnalyzeOptions): AsyncIterable<ReadTask> {
  const files = paths.filter((p) => !URL_RE.test(p));
  const { readTasks } = await import('./read/index.js');
  // Only the read options go on: the store, codebook and callbacks stay on this thread.
  const { store: _store, codebook: _codebook, onProgress: _p, onMessage: _m, batchSize: _b, jobs: _j, nearDuplicates: _n, parallelAfterBytes: _a, unitBytes: _u, ...readOpts } = opts;
  if (files.length > 0) yield* readTasks(files, readOpts, opts.unitBytes ?? BYTES_PER_UNIT);
  const urls = paths.filter((p) => URL_RE.test(p));
  if (urls.length === 0) return;
  const { ingestUrl } = await import('./fetch.js');
  for (const url of urls) {
    for await (const item of ingestUrl(url, { ...opts, known: (u) => opts.store.hasPath(u) })) yield { kind: 'item', item };
  }
}

/** Units handed out at most this size: files per unit, documents per unit, bytes per unit. */
const FILES_PER_UNIT = 32;
const DOCS_PER_UNIT = 64;
const BYTES_PER_UNIT = 1 << 20;

/** One place in the ordered queue of answers. */
interface Slot {
  result: Promise<UnitResult>;
  /** The chunked file whose lines the unit holds (its records are counted). */
  lines?: ChunkedFile;
  /** The chunked file that ends here (warned about when it held no record). */
  end?: ChunkedFile;
}

/**
 * Read, code and store every document under `paths` (files, folders, `-` for stdin, or http(s) URLs of pages and feeds). One broken input is reported and skipped;
 * the rest lands. Documents already stored (same content hash) are left as they are.
 *
 * @example
 * const summary = await analyzePaths(['examples'], { store, codebook: builtinCodebook() });
 */
export async function analyzePaths(paths: string[], opts: AnalyzeOptions): Promise<AnalyzeSummary> {
  const { store, codebook } = opts;
  const batchSize = opts.batchSize ?? 200;
  const summary: AnalyzeSummary = { documents: 0, stored: 0, duplicates: 0, nearDuplicates: 0, skipped: 0, bytes: 0, sentences: 0, messages: [], formats: new Map() };
  const near = typeof opts.nearDuplicates === 'number' ? new NearDuplicates(store, { threshold: opts.nearDuplicates }) : undefined;
  const note = (m: Message): void => {
    summary.messages.push(m);
    opts.onMessage?.(m);
  };
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });

  let batch: Array<{ doc: Doc; hash: string }> = [];
  const seenInBatch = new Set<string>();
  const duplicate = (doc: Doc): void => {
    summary.duplicates++;
    note(makeMessage('pipeline', 'pipeline:duplicate', 'info', `document ${doc.meta.id}: same text, date and source already stored; counted once`, { file: doc.meta.path ?? doc.meta.id }));
  };
  const flush = (): void => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    seenInBatch.clear();
    const results = store.transaction(() => {
      // The store's batch path: many rows per statement, no per-document deletes.
      const r = store.putCodedBatch(codebook.version, items);
      if (near) r.forEach(({ id, inserted }, i) => {
        if (inserted) near.stored((items[i] as { hash: string }).hash, id);
      });
      return r;
    });
    // Whether a document was stored already is learnt here, from the batch write, not by a lookup per document.
    results.forEach(({ inserted }, i) => {
      const { doc } = items[i] as { doc: Doc };
      if (!inserted) return duplicate(doc);
      summary.stored++;
      summary.sentences += doc.sentences.length;
      summary.formats.set(doc.meta.format, (summary.formats.get(doc.meta.format) ?? 0) + 1);
    });
  };

  const accept = (doc: Doc, hash: string): void => {
    for (const m of doc.messages) note(m);
    if (doc.sentences.length === 0) {
      note(makeMessage('pipeline', 'pipeline:no-text', 'warning', 'no sentences after cleaning; document skipped', { file: doc.meta.path ?? doc.meta.id }));
      summary.skipped++;
      return;
    }
    if (seenInBatch.has(hash)) return duplicate(doc);
    if (near) {
      // Near-duplicates are looked for only among documents not stored already.
      if (store.hasHash(hash) !== undefined) return duplicate(doc);
      const match = near.find(doc);
      if (match) {
        near.fold(doc, match);
        summary.nearDuplicates++;
        note(makeMessage('pipeline', 'pipeline:near-duplicate', 'info',
          `document ${doc.meta.id}: near-duplicate (similarity ${match.similarity.toFixed(2)}) of a stored document; counted once, source linked`,
          { file: doc.meta.path ?? doc.meta.id }));
        return;
      }
      near.accept(doc, hash);
    }
    seenInBatch.add(hash);
    batch.push({ doc, hash });
    if (batch.length >= batchSize) flush();
  };

  const acceptResult = (r: UnitResult): void => {
    for (const item of r.items) {
      if ('m' in item) {
        note(item.m);
        if (item.m.severity === 'fatal') summary.skipped++;
        continue;
      }
      summary.documents++;
      summary.bytes += item.rawBytes;
      if ('unknownSide' in item) {
        note(item.unknownSide);
        summary.skipped++;
      } else accept(decodeDoc(item, r.ints), item.hash);
      opts.onProgress?.(summary);
    }
  };

  const jobs = Math.max(1, opts.jobs ?? (workersAvailable() ? availableParallelism() : 1));
  // Workers cost a start-up of their own; a small input is done on this thread before they would be ready.
  const parallelAfter = opts.parallelAfterBytes ?? 4 * 1024 * 1024;
  const unitBytes = opts.unitBytes ?? BYTES_PER_UNIT;
  let pool: WorkerPool | undefined;
  let dispatched = 0;
  const queue: Slot[] = [];
  // A large file named on the command line starts the workers at once: they boot while this thread reads.
  if (jobs > 1 && (await largestFile(paths)) > parallelAfter) pool = new WorkerPool(jobs, { codebookYaml: codebook.yaml });
  const run = (unit: WorkUnit, size: number, transfer: ArrayBuffer[] = []): Promise<UnitResult> => {
    dispatched += size;
    if (!pool && jobs > 1 && dispatched > parallelAfter) pool = new WorkerPool(jobs, { codebookYaml: codebook.yaml });
    // Until a worker has started, this thread does the work itself rather than wait.
    return pool && pool.ready > 0 ? pool.run<UnitResult>(unit, transfer) : (runUnit(unit, codebook) as Promise<UnitResult>);
  };
  const take = async (slot: Slot): Promise<void> => {
    const r = await slot.result;
    if (slot.lines) slot.lines.records += r.records;
    acceptResult(r);
    if (slot.end && slot.end.records === 0) note(emptyFileMessage(slot.end.path));
  };
  // Backpressure: at most two units per worker wait for the writer, so memory stays bounded.
  const drain = async (keep: number): Promise<void> => {
    while (queue.length > keep) await take(queue.shift() as Slot);
  };
  const push = async (slot: Slot): Promise<void> => {
    queue.push(slot);
    await drain(pool ? pool.size * 2 : 0);
  };

  // Files and read documents are grouped into units; anything else ends the group, keeping input order.
  let files: Array<{ path: string; opts: ReadOptions }> = [];
  let filesBytes = 0;
  let docs: Doc[] = [];
  let docsBytes = 0;
  const flushFiles = async (): Promise<void> => {
    if (files.length === 0) return;
    const unit: WorkUnit = { kind: 'files', files };
    files = [];
    const size = filesBytes;
    filesBytes = 0;
    await push({ result: run(unit, size) });
  };
  const flushDocs = async (): Promise<void> => {
    if (docs.length === 0) return;
    const unit: WorkUnit = { kind: 'docs', docs };
    docs = [];
    const size = docsBytes;
    docsBytes = 0;
    await push({ result: run(unit, size) });
  };

  try {
    for await (const task of tasksOf(paths, opts)) {
      if (task.kind !== 'file') await flushFiles();
      if (task.kind !== 'item' || !('meta' in task.item)) await flushDocs();
      if (task.kind === 'file') {
        files.push({ path: task.path, opts: task.opts });
        filesBytes += task.size;
        if (files.length >= FILES_PER_UNIT || filesBytes >= unitBytes) await flushFiles();
      } else if (task.kind === 'item') {
        const item = task.item;
        if ('meta' in item) {
          docs.push(item);
          docsBytes += item.raw.length;
          if (docs.length >= DOCS_PER_UNIT || docsBytes >= unitBytes) await flushDocs();
        } else await push({ result: Promise.resolve({ items: [{ m: item }], ints: new Int32Array(0), records: 0 }) });
      } else if (task.kind === 'lines') {
        const unit: WorkUnit = { kind: 'lines', path: task.path, encoding: task.encoding, firstLine: task.firstLine, bytes: task.bytes, opts: task.opts };
        await push({ result: run(unit, task.bytes.length, [task.bytes.buffer as ArrayBuffer]), lines: task.file });
      } else {
        await push({ result: Promise.resolve({ items: [], ints: new Int32Array(0), records: 0 }), end: task.file });
      }
    }
    await flushFiles();
    await flushDocs();
    await drain(0);
  } finally {
    // Answers still out after a failure are dropped: wait for them so none rejects unobserved.
    await Promise.allSettled(queue.map((s) => s.result));
    await pool?.close();
  }
  flush();
  return summary;
}

/** Size of the largest plain file among `paths` (directories, stdin and URLs count 0). */
async function largestFile(paths: string[]): Promise<number> {
  let largest = 0;
  for (const p of paths) {
    if (p === '-' || URL_RE.test(p)) continue;
    try {
      const st = await stat(p);
      if (st.isFile()) largest = Math.max(largest, st.size);
    } catch {
      // The reader reports a missing path in its place.
    }
  }
  return largest;
}

/** Stored documents per recoding unit. */
const RECODE_DOCS_PER_UNIT = 64;

/**
 * Code every stored document again with `codebook`, keeping the decisions of other codebooks.
 * Coding runs on worker threads (`jobs`, default one per core); the main thread reads and writes.
 *
 * @example
 * const { documents, seconds } = await recodeStore(store, loadedCodebook);
 */
export async function recodeStore(
  store: Store,
  codebook: Codebook,
  onProgress?: (n: number) => void,
  options: { jobs?: number; parallelAfterBytes?: number } = {},
): Promise<{ documents: number; sentences: number; bytes: number; seconds: number }> {
  const started = process.hrtime.bigint();
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
  const jobs = Math.max(1, options.jobs ?? (workersAvailable() ? availableParallelism() : 1));
  const parallelAfter = options.parallelAfterBytes ?? 4 * 1024 * 1024;
  let pool: WorkerPool | undefined;
  let documents = 0;
  let sentences = 0;
  let bytes = 0;
  let pending: Array<{ id: number; doc: Doc }> = [];
  let toWrite: Array<{ id: number; doc: Doc }> = [];
  const write = (): void => {
    const items = toWrite;
    toWrite = [];
    store.transaction(() => {
      for (const { id, doc } of items) store.putDecisions(id, codebook.version, doc.sentences);
    });
  };
  const queue: Array<{ docs: Array<{ id: number; doc: Doc }>; result: Promise<CodeResult> }> = [];
  const take = async (): Promise<void> => {
    const slot = queue.shift();
    if (!slot) return;
    const r = await slot.result;
    slot.docs.forEach(({ id, doc }, i) => {
      applyDecisions(doc.sentences, r.decisions[i] ?? '[]');
      toWrite.push({ id, doc });
      documents++;
      sentences += doc.sentences.length;
      onProgress?.(documents);
    });
    if (toWrite.length >= 200) write();
  };
  const send = async (): Promise<void> => {
    const items = pending;
    pending = [];
    // One string and one small buffer per document cross to the worker, not a string per sentence.
    const docs = items.map(({ doc }): RecodeDoc => {
      const layout = new Int32Array(doc.sentences.length * 3);
      let texts: Array<[number, string]> | undefined;
      doc.sentences.forEach((s, i) => {
        layout[i * 3] = s.start;
        layout[i * 3 + 1] = s.end;
        layout[i * 3 + 2] = s.paragraph;
        if (s.text.length !== s.end - s.start || s.text !== doc.text.slice(s.start, s.end)) (texts ??= []).push([i, s.text]);
      });
      return { side: doc.meta.side, lang: doc.meta.lang, ...(doc.meta.title === undefined ? {} : { title: doc.meta.title }), text: doc.text, layout, ...(texts ? { texts } : {}) };
    });
    const unit: WorkUnit = { kind: 'code', docs };
    if (!pool && jobs > 1 && bytes > parallelAfter) pool = new WorkerPool(jobs, { codebookYaml: codebook.yaml });
    const transfer = docs.map((d) => d.layout.buffer as ArrayBuffer);
    queue.push({ docs: items, result: pool && pool.ready > 0 ? pool.run<CodeResult>(unit, transfer) : (runUnit(unit, codebook) as Promise<CodeResult>) });
    while (queue.length > (pool ? pool.size * 2 : 0)) await take();
  };
  try {
    // Documents are read page by page, so writing decisions between pages is safe.
    for (const item of store.iterateDocuments()) {
      pending.push(item);
      bytes += Buffer.byteLength(item.doc.text);
      if (pending.length >= RECODE_DOCS_PER_UNIT) await send();
    }
    if (pending.length > 0) await send();
    while (queue.length > 0) await take();
  } finally {
    await Promise.allSettled(queue.map((s) => s.result));
    await pool?.close();
  }
  write();
  return { documents, sentences, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
