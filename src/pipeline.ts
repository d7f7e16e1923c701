/**
 * The orchestrator: runs the named phases over each document in order
 * (read → clean → segment → attribute+code → store) and collects messages. It knows the phases'
 * entry points, never their internals.
 *
 * At scale the work is cut into units (a megabyte of JSONL lines, a few files, a few documents)
 * that worker threads read, clean, segment and code; the main thread puts the answers back in input
 * order, writes the store, and codes a unit itself whenever the workers have enough waiting. A unit is
 * processed by the same `runUnit` on a worker or on the main thread, so every job count stores the same rows.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { clean } from './clean.js';
import type { Codebook } from './codebook/index.js';
import { decide } from './coder/index.js';
import { NearDuplicates } from './dedup.js';
import { makeMessage } from './messages.js';
import { WorkerPool, workerCodebook, workersAvailable } from './parallel.js';
// Only the JSONL chunk reader is loaded eagerly: a worker thread needs the other readers (PDF, HTML,
// DOCX and their dependencies) only when it is handed such files, and web fetching never.
import { emptyFileMessage, readLineChunk } from './read/chunks.js';
import type { ChunkedFile, ReadOptions, ReadTask } from './read/index.js';
import { segment } from './segment.js';
import type { Store } from './store/index.js';
import { prepareCoded, prepareDoc, type LayoutEntry, type PreparedCoded, type PreparedDoc, type RecodeRow } from './store/rows.js';
import type { Doc, DocMeta, Message } from './types.js';

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
  /**
   * Coding threads (default: one per core when the compiled worker exists): the main thread and
   * `jobs - 1` workers; 1 runs everything on the main thread.
   */
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

/** A stored document to code again: its text and its stored sentence layout (`doc_layout` JSON), parsed by the worker. */
type RecodeDoc = RecodeRow;

/**
 * One document as it crosses back from a worker: everything the store writes for it, computed
 * there (`prepareDoc`: hash, layout JSON, non-default decision rows, hit rows, summary counts), so
 * the writer thread only binds values; and the size of its raw input, which stayed in the worker.
 */
interface WireDoc {
  p: PreparedDoc;
  rawBytes: number;
}

/** A read message, a document whose side the codebook does not know (skipped), or a processed document. */
type WireItem = { m: Message } | { unknownSide: Message; rawBytes: number } | WireDoc;

/** What a unit of reading gives back, in input order. */
export interface UnitResult {
  items: WireItem[];
  /** JSONL records seen (for a file's "no records" warning). */
  records: number;
}

/** What recoding a unit gives back: the store-ready decision rows of each document. */
export interface CodeResult {
  coded: PreparedCoded[];
  /** Sentences coded, all documents together. */
  sentences: number;
}

/** Collects a unit's items: each document processed and turned into store-ready rows. */
class UnitEncoder {
  readonly items: WireItem[] = [];

  constructor(private readonly codebook: Codebook) {}

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
    doc.sentences.forEach((s, i) => {
      if (s.index !== i) throw new Error(`pipeline: sentence ${i} of ${doc.meta.id} has index ${s.index}`);
    });
    this.items.push({ p: prepareDoc(doc, contentHash(doc.text, doc.meta.date, doc.meta.source)), rawBytes });
  }

  finish(records: number): UnitResult {
    return { items: this.items, records };
  }
}

function unknownSideMessage(doc: Doc, codebook: Codebook): Message {
  return makeMessage('pipeline', 'pipeline:unknown-side', 'fatal',
    `unknown side "${doc.meta.side}" (codebook ${codebook.name} has ${codebook.sides.join(', ')}); document skipped`,
    { file: doc.meta.path ?? doc.meta.id });
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
    let sentences = 0;
    const coded = unit.docs.map((d) => {
      const layout = JSON.parse(d.layout) as LayoutEntry[];
      sentences += layout.length;
      const units = layout.map(([start, end, paragraph, , own]) => ({ text: own ?? d.text.slice(start, end), paragraph }));
      const decisions = decide(units, { docSide: d.side, lang: d.lang ?? 'und', title: d.title ?? undefined }, codebook);
      return prepareCoded(decisions.map((decision, index) => ({ index, paragraph: 0, start: 0, end: 0, text: '', decision })));
    });
    return { coded, sentences };
  }
  const enc = new UnitEncoder(codebook);
  let records = 0;
  if (unit.kind === 'lines') {
    const r = readLineChunk(unit.path, unit.encoding, unit.firstLine, unit.bytes, unit.opts);
    records = r.records;
    // Each read document is let go once encoded: its sentences and decisions die young instead of surviving the unit.
    for (let i = 0; i < r.items.length; i++) {
      enc.add(r.items[i] as Doc | Message);
      (r.items as Array<Doc | Message | undefined>)[i] = undefined;
    }
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

/** A document as the near-duplicate check sees it: metadata and cleaned text (sentences stay in the rows). */
function textDoc(p: PreparedDoc): Doc {
  const meta: DocMeta = { id: p.extId, side: p.side, lang: p.lang, format: p.format, extra: JSON.parse(p.meta) as Record<string, string> };
  if (p.title !== null) meta.title = p.title;
  if (p.date !== null) meta.date = p.date;
  if (p.source !== null) meta.source = p.source;
  if (p.path !== null) meta.path = p.path;
  if (p.encoding !== null) meta.encoding = p.encoding;
  return { meta, raw: '', text: p.text, pages: [], paragraphs: [], sentences: [], messages: p.messages };
}

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

  let batch: PreparedDoc[] = [];
  const seenInBatch = new Set<string>();
  const duplicate = (p: PreparedDoc): void => {
    summary.duplicates++;
    note(makeMessage('pipeline', 'pipeline:duplicate', 'info', `document ${p.extId}: same text, date and source already stored; counted once`, { file: p.path ?? p.extId }));
  };
  const flush = (): void => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    seenInBatch.clear();
    const results = store.transaction(() => {
      // Rows were made on the workers: this thread only binds them, many rows per statement.
      const r = store.putPrepared(codebook.version, items);
      if (near) r.forEach(({ id, inserted }, i) => {
        if (inserted) near.stored((items[i] as PreparedDoc).hash, id);
      });
      return r;
    });
    // Whether a document was stored already is learnt here, from the batch write, not by a lookup per document.
    results.forEach(({ inserted }, i) => {
      const p = items[i] as PreparedDoc;
      if (!inserted) return duplicate(p);
      summary.stored++;
      summary.sentences += p.n;
      summary.formats.set(p.format, (summary.formats.get(p.format) ?? 0) + 1);
    });
  };

  const accept = (p: PreparedDoc): void => {
    for (const m of p.messages) note(m);
    if (p.n === 0) {
      note(makeMessage('pipeline', 'pipeline:no-text', 'warning', 'no sentences after cleaning; document skipped', { file: p.path ?? p.extId }));
      summary.skipped++;
      return;
    }
    if (seenInBatch.has(p.hash)) return duplicate(p);
    if (near) {
      // Near-duplicates are looked for only among documents not stored already.
      if (store.hasHash(p.hash) !== undefined) return duplicate(p);
      const doc = textDoc(p);
      const match = near.find(doc);
      if (match) {
        near.fold(doc, match);
        summary.nearDuplicates++;
        note(makeMessage('pipeline', 'pipeline:near-duplicate', 'info',
          `document ${p.extId}: near-duplicate (similarity ${match.similarity.toFixed(2)}) of a stored document; counted once, source linked`,
          { file: p.path ?? p.extId }));
        return;
      }
      near.accept(doc, p.hash);
    }
    seenInBatch.add(p.hash);
    batch.push(p);
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
      } else accept(item.p);
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
  const early = jobs > 1 && (await largestFile(paths)) > parallelAfter;
  // `jobs` threads code: this one and jobs - 1 workers. A third isolate on two cores cost more CPU (its
  // own start-up, JIT compilation and heap) than this thread's share of the coding saves: 20k English
  // documents, 2 workers 8.2-8.7 CPU-s vs 1 worker + this thread 7.4-8.2 (see CHANGELOG).
  const workers = jobs - 1;
  if (early) pool = new WorkerPool(workers, workerCodebook(codebook));
  const run = (unit: WorkUnit, size: number, transfer: ArrayBuffer[] = []): Promise<UnitResult> => {
    dispatched += size;
    if (!pool && jobs > 1 && dispatched > parallelAfter) pool = new WorkerPool(workers, workerCodebook(codebook));
    // Started late (the input grew past `parallelAfter`), workers get work once one is up; until then this
    // thread works. Once up (or started early), they get the work while each has fewer than two units
    // waiting; beyond that this thread codes the unit itself, between its writes.
    return pool && (pool.ready > 0 || early) && pool.outstanding < 2 * pool.size
      ? pool.run<UnitResult>(unit, transfer)
      : (runUnit(unit, codebook) as Promise<UnitResult>);
  };
  const take = async (slot: Slot): Promise<void> => {
    const r = await slot.result;
    if (slot.lines) slot.lines.records += r.records;
    acceptResult(r);
    if (slot.end && slot.end.records === 0) note(emptyFileMessage(slot.end.path));
  };
  // Backpressure: at most four units per coding thread wait for the writer, so memory stays bounded; fewer
  // would make this thread wait for a worker's answer when it could be coding the next unit.
  const drain = async (keep: number): Promise<void> => {
    while (queue.length > keep) await take(queue.shift() as Slot);
  };
  const push = async (slot: Slot): Promise<void> => {
    queue.push(slot);
    await drain(pool ? 4 * jobs : 0);
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
        } else await push({ result: Promise.resolve({ items: [{ m: item }], records: 0 }) });
      } else if (task.kind === 'lines') {
        const unit: WorkUnit = { kind: 'lines', path: task.path, encoding: task.encoding, firstLine: task.firstLine, bytes: task.bytes, opts: task.opts };
        await push({ result: run(unit, task.bytes.length, [task.bytes.buffer as ArrayBuffer]), lines: task.file });
      } else {
        await push({ result: Promise.resolve({ items: [], records: 0 }), end: task.file });
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

/** Stored documents per recoding unit, and per write transaction. */
const RECODE_DOCS_PER_UNIT = 64;
const RECODE_DOCS_PER_WRITE = 256;
/**
 * Stored documents from which recoding starts its workers at once: about 6 MB of text at the bench
 * corpus's 3 KB a document, more than this thread codes while a worker compiles the codebook.
 */
const RECODE_PARALLEL_DOCS = 2000;

/**
 * Code every stored document again with `codebook`, keeping the decisions of other codebooks.
 * Coding runs on worker threads (`jobs`, default one per core) and gives store-ready rows; the
 * main thread reads stored text and layouts as they are and writes the rows in batched transactions.
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
  let pending: RecodeRow[] = [];
  let toWrite: Array<{ id: number; coded: PreparedCoded; meta: { date: string | null; side: string | null; source: string | null; lang: string | null } }> = [];
  const write = (): void => {
    if (toWrite.length === 0) return;
    const items = toWrite;
    toWrite = [];
    store.putPreparedDecisions(codebook.version, items);
  };
  const queue: Array<{ docs: RecodeRow[]; result: Promise<CodeResult> }> = [];
  const take = async (): Promise<void> => {
    const slot = queue.shift();
    if (!slot) return;
    const r = await slot.result;
    slot.docs.forEach((d, i) => {
      toWrite.push({ id: d.id, coded: r.coded[i] as PreparedCoded, meta: { date: d.date, side: d.side, source: d.source, lang: d.lang } });
      documents++;
      onProgress?.(documents);
    });
    sentences += r.sentences;
    if (toWrite.length >= RECODE_DOCS_PER_WRITE) write();
  };
  // A large store starts the workers at once and gives them all the work (as analyze does for a large file).
  const early = jobs > 1 && (options.parallelAfterBytes === 0 || store.stats().documents >= RECODE_PARALLEL_DOCS);
  // As in analyze: this thread and jobs - 1 workers code; this one takes a unit when the workers have enough.
  if (early) pool = new WorkerPool(jobs - 1, workerCodebook(codebook));
  const send = async (): Promise<void> => {
    const docs = pending;
    pending = [];
    const unit: WorkUnit = { kind: 'code', docs };
    if (!pool && jobs > 1 && bytes > parallelAfter) pool = new WorkerPool(jobs - 1, workerCodebook(codebook));
    // Reading the store never yields: let the workers' "ready" messages in before choosing who codes.
    if (pool && !early && pool.ready === 0) await new Promise((resolve) => setImmediate(resolve));
    const toPool = pool && (early || pool.ready > 0) && pool.outstanding < 2 * pool.size;
    queue.push({ docs, result: toPool ? (pool as WorkerPool).run<CodeResult>(unit) : (runUnit(unit, codebook) as Promise<CodeResult>) });
    while (queue.length > (pool ? 4 * jobs : 0)) await take();
  };
  try {
    // Documents are read page by page, so writing decisions between pages is safe.
    for (const row of store.recodeRows()) {
      pending.push(row);
      bytes += Buffer.byteLength(row.text);
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
