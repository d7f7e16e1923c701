/**
 * The orchestrator: runs the named phases over each document in order
 * (read → clean → segment → attribute+code → store) and collects messages. It knows the phases'
 * entry points, never their internals.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { clean } from './clean.js';
import type { Codebook } from './codebook/index.js';
import { decide } from './coder/index.js';
import { NearDuplicates } from './dedup.js';
import { makeMessage } from './messages.js';
import { CodingPool, workersAvailable } from './parallel.js';
import { ingestUrl } from './fetch.js';
import { readInputs, type ReadOptions } from './read/index.js';
import { segment } from './segment.js';
import type { Store } from './store/index.js';
import type { Doc, Message } from './types.js';

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
  /** Coding threads (default: one per core when the compiled worker exists; 1 codes on the main thread). */
  jobs?: number;
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

/** Attach the coder's decisions to a segmented document's sentences. */
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

const URL_RE = /^https?:\/\//i;

/** Documents from files, folders and stdin, then from web pages and feeds (items already stored are skipped). */
async function* inputsOf(paths: string[], opts: AnalyzeOptions): AsyncIterable<Doc | Message> {
  const files = paths.filter((p) => !URL_RE.test(p));
  if (files.length > 0) yield* readInputs(files, { ...opts });
  for (const url of paths.filter((p) => URL_RE.test(p))) yield* ingestUrl(url, { ...opts, known: (u) => opts.store.hasPath(u) });
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
  const sides = new Set(codebook.sides);
  const summary: AnalyzeSummary = { documents: 0, stored: 0, duplicates: 0, nearDuplicates: 0, skipped: 0, bytes: 0, sentences: 0, messages: [], formats: new Map() };
  const near = typeof opts.nearDuplicates === 'number' ? new NearDuplicates(store, { threshold: opts.nearDuplicates }) : undefined;
  const note = (m: Message): void => {
    summary.messages.push(m);
    opts.onMessage?.(m);
  };
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });

  let batch: Array<{ doc: Doc; hash: string }> = [];
  const seenInBatch = new Set<string>();
  const flush = (): void => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    seenInBatch.clear();
    store.transaction(() => {
      for (const { doc, hash } of items) {
        const { id, inserted } = store.putDocument(doc, hash);
        if (inserted) {
          store.putDecisions(id, codebook.version, doc.sentences);
          near?.stored(hash, id);
        }
      }
    });
  };

  const jobs = Math.max(1, opts.jobs ?? (workersAvailable() ? availableParallelism() : 1));
  // Workers cost a start-up of their own; a small batch is coded faster on this thread.
  const poolAfter = 256;
  let pool: CodingPool | undefined;
  const chunkSize = 32;
  let chunk: Doc[] = [];
  const inflight: Array<Promise<Doc[]>> = [];

  const accept = (doc: Doc): void => {
    for (const m of doc.messages) note(m);
    if (doc.sentences.length === 0) {
      note(makeMessage('pipeline', 'pipeline:no-text', 'warning', 'no sentences after cleaning; document skipped', { file: doc.meta.path ?? doc.meta.id }));
      summary.skipped++;
    } else {
      const hash = contentHash(doc.text, doc.meta.date, doc.meta.source);
      const stored = seenInBatch.has(hash) || store.hasHash(hash) !== undefined;
      const match = stored ? undefined : near?.find(doc);
      if (stored) {
        summary.duplicates++;
        note(makeMessage('pipeline', 'pipeline:duplicate', 'info', `document ${doc.meta.id}: same text, date and source already stored; counted once`, { file: doc.meta.path ?? doc.meta.id }));
      } else if (near && match) {
        near.fold(doc, match);
        summary.nearDuplicates++;
        note(makeMessage('pipeline', 'pipeline:near-duplicate', 'info',
          `document ${doc.meta.id}: near-duplicate (similarity ${match.similarity.toFixed(2)}) of a stored document; counted once, source linked`,
          { file: doc.meta.path ?? doc.meta.id }));
      } else {
        near?.accept(doc, hash);
        seenInBatch.add(hash);
        batch.push({ doc, hash });
        summary.stored++;
        summary.sentences += doc.sentences.length;
        summary.formats.set(doc.meta.format, (summary.formats.get(doc.meta.format) ?? 0) + 1);
        if (batch.length >= batchSize) flush();
      }
    }
    opts.onProgress?.(summary);
  };
  const drain = async (keep: number): Promise<void> => {
    while (inflight.length > keep) for (const d of await (inflight.shift() as Promise<Doc[]>)) accept(d);
  };

  try {
    for await (const item of inputsOf(paths, opts)) {
      if (!('meta' in item)) {
        note(item);
        if (item.severity === 'fatal') summary.skipped++;
        continue;
      }
      const doc = item;
      summary.documents++;
      summary.bytes += Buffer.byteLength(doc.raw);
      if (doc.meta.side !== null && doc.meta.side !== undefined && !sides.has(doc.meta.side)) {
        note(makeMessage('pipeline', 'pipeline:unknown-side', 'fatal',
          `unknown side "${doc.meta.side}" (codebook ${codebook.name} has ${[...sides].join(', ')}); document skipped`,
          { file: doc.meta.path ?? doc.meta.id }));
        summary.skipped++;
        continue;
      }
      if (!pool && jobs > 1 && summary.documents > poolAfter) pool = new CodingPool(jobs, codebook.yaml);
      if (!pool) {
        accept(processDoc(doc, codebook));
        continue;
      }
      chunk.push(doc);
      if (chunk.length >= chunkSize) {
        inflight.push(pool.process(chunk));
        chunk = [];
        await drain(jobs * 2);
      }
    }
    if (pool && chunk.length > 0) inflight.push(pool.process(chunk));
    await drain(0);
  } finally {
    await pool?.close();
  }
  flush();
  return summary;
}

/**
 * Code every stored document again with `codebook`, keeping the decisions of other codebooks.
 *
 * @example
 * recodeStore(store, loadedCodebook);
 */
export function recodeStore(store: Store, codebook: Codebook, onProgress?: (n: number) => void): { documents: number; sentences: number } {
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
  let documents = 0;
  let sentences = 0;
  let pending: Array<{ id: number; doc: Doc }> = [];
  const flush = (): void => {
    const items = pending;
    pending = [];
    store.transaction(() => {
      for (const { id, doc } of items) store.putDecisions(id, codebook.version, doc.sentences);
    });
  };
  for (const { id, doc } of store.iterateDocuments()) {
    codeDoc(doc, codebook);
    pending.push({ id, doc });
    documents++;
    sentences += doc.sentences.length;
    if (pending.length >= 200) flush();
    onProgress?.(documents);
  }
  flush();
  return { documents, sentences };
}
