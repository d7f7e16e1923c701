/**
 * Near-duplicates: the same wire story under another headline, with its last paragraph trimmed or
 * a few words edited, should be stored once and linked to all its sources. Documents are compared
 * by MinHash signatures over shingles (word 4-grams; character 5-grams for Japanese) and found
 * through an LSH index (bands of the signature), so checking a new document against a large store
 * touches only the few documents that share a band.
 */
import type { Store } from './store/index.js';
import type { Doc } from './types.js';

/** Tuning of near-duplicate detection. */
export interface DedupOptions {
  /** Estimated Jaccard similarity of shingle sets at or above which two documents are the same story (default 0.35). */
  threshold?: number;
  /** Hash functions in a signature (default 128). Must be `bands × rows`. */
  numHashes?: number;
  /** LSH bands (default 64 of 2 rows: a pair at similarity 0.3 is a candidate with probability 0.998). */
  bands?: number;
}

/**
 * The default similarity threshold. On test/fixtures/formats/pairs.jsonl re-edited copies of a story
 * (new headline, trimmed last paragraph, copy edits, added paragraph) score 0.43 and up, different
 * stories on the same event under 0.02, and templated briefs about different launches 0.21.
 */
export const DEFAULT_THRESHOLD = 0.35;
const DEFAULT_HASHES = 128;
const DEFAULT_BANDS = 64;
/** Shingle sizes: words for space-separated text, characters for Japanese. */
const WORD_K = 4;
const CHAR_K = 5;
/** Below this many tokens a text is too short to call anything its near-duplicate. */
const MIN_TOKENS = 12;

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005]/u;
const TOKEN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005]|[\p{L}\p{N}]+/gu;

/**
 * The tokens compared: lower-cased words, and single characters for Japanese scripts (no spaces there).
 *
 * @example
 * tokens('The U.S.-Japan alliance 日米'); // ['the', 'u', 's', 'japan', 'alliance', '日', '米']
 */
export function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/**
 * Shingles of a text: overlapping runs of `WORD_K` words, or of `CHAR_K` characters when most
 * tokens are Japanese characters.
 *
 * @example
 * shingles('a b c d e').size; // 2
 */
export function shingles(text: string): Set<string> {
  const t = tokens(text);
  const cjk = t.reduce((n, w) => (CJK_CHAR.test(w) ? n + 1 : n), 0);
  const k = cjk * 2 > t.length ? CHAR_K : WORD_K;
  const sep = k === CHAR_K ? '' : ' ';
  const out = new Set<string>();
  if (t.length < k) {
    if (t.length > 0) out.add(t.join(sep));
    return out;
  }
  for (let i = 0; i + k <= t.length; i++) out.add(t.slice(i, i + k).join(sep));
  return out;
}

/**
 * Exact Jaccard similarity of two sets (for tests and for checking estimates).
 *
 * @example
 * jaccard(new Set(['a', 'b']), new Set(['b', 'c'])); // 1 / 3
 */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seedCache = new Map<number, Uint32Array>();
function seeds(n: number): Uint32Array {
  let s = seedCache.get(n);
  if (!s) {
    s = new Uint32Array(n);
    // Fixed seeds: signatures must compare across runs and machines.
    let x = 0x9e3779b9;
    for (let i = 0; i < n; i++) {
      x = fmix((x + 0x6d2b79f5) >>> 0);
      s[i] = x;
    }
    seedCache.set(n, s);
  }
  return s;
}

/**
 * The MinHash signature of a text: for each of `numHashes` hash functions, the least hash over its
 * shingles. The share of equal slots of two signatures estimates the Jaccard similarity of the texts.
 *
 * @example
 * const sig = minhash('Officials in Tokyo said the alliance remained the cornerstone of security.');
 */
export function minhash(text: string, numHashes = DEFAULT_HASHES): Uint32Array {
  const sig = new Uint32Array(numHashes).fill(0xffffffff);
  const sd = seeds(numHashes);
  for (const sh of shingles(text)) {
    const base = fnv1a(sh);
    for (let i = 0; i < numHashes; i++) {
      const v = fmix(base ^ (sd[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * Estimated Jaccard similarity of two signatures: the share of equal slots.
 *
 * @example
 * signatureSimilarity(minhash('a b c d e f'), minhash('a b c d e f')); // 1
 */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('dedup: signatures of different lengths');
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/**
 * The LSH keys of a signature: one 32-bit hash per band of `rows` consecutive slots. Two documents
 * sharing any key are candidates.
 *
 * @example
 * bandKeys(minhash('some text here'), 32).length; // 32
 */
export function bandKeys(sig: Uint32Array, bands = DEFAULT_BANDS): number[] {
  if (sig.length % bands !== 0) throw new Error(`dedup: ${sig.length} hashes do not split into ${bands} bands`);
  const rows = sig.length / bands;
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = fmix(b + 1);
    for (let r = 0; r < rows; r++) h = fmix((h ^ (sig[b * rows + r] as number)) >>> 0);
    // Signed 32-bit keeps the value an SQLite INTEGER of the smallest size.
    keys.push(h | 0);
  }
  return keys;
}

/**
 * An in-memory LSH index of signatures under keys of any type.
 *
 * @example
 * const ix = new LshIndex<string>();
 * ix.add('a', minhash(textA));
 * ix.query(minhash(textB), 0.5); // [{ key: 'a', similarity: 0.83 }]
 */
export class LshIndex<K> {
  private readonly buckets = new Map<string, K[]>();
  private readonly sigs = new Map<K, Uint32Array>();

  constructor(private readonly bands = DEFAULT_BANDS) {}

  /** Number of signatures held. */
  get size(): number {
    return this.sigs.size;
  }

  /** Add a signature under `key`. */
  add(key: K, sig: Uint32Array): void {
    this.sigs.set(key, sig);
    bandKeys(sig, this.bands).forEach((k, band) => {
      const id = `${band}:${k}`;
      const list = this.buckets.get(id);
      if (list) list.push(key);
      else this.buckets.set(id, [key]);
    });
  }

  /** Signatures sharing a band with `sig` and at least `threshold` similar, most similar first. */
  query(sig: Uint32Array, threshold: number): Array<{ key: K; similarity: number }> {
    const seen = new Set<K>();
    const out: Array<{ key: K; similarity: number }> = [];
    bandKeys(sig, this.bands).forEach((k, band) => {
      for (const key of this.buckets.get(`${band}:${k}`) ?? []) {
        if (seen.has(key)) continue;
        seen.add(key);
        const other = this.sigs.get(key);
        const s = other ? signatureSimilarity(sig, other) : 0;
        if (s >= threshold) out.push({ key, similarity: s });
      }
    });
    return out.sort((a, b) => b.similarity - a.similarity);
  }
}

/** What a near-duplicate was folded into: a stored document id, or the content hash of one waiting in the current batch. */
export interface NearMatch {
  docId?: number;
  hash?: string;
  similarity: number;
}

/** Is the text long enough to have near-duplicates at all? */
function comparable(text: string): boolean {
  return tokens(text).length >= MIN_TOKENS;
}

/**
 * Near-duplicate checking against a store plus the documents accepted since the last write. The
 * pipeline calls `find` for each new document; `accept` for one it will store; `fold` for one it
 * will not; and `stored` once the accepted document has its id (inside the write transaction).
 *
 * @example
 * const nd = new NearDuplicates(store);
 * const m = nd.find(doc);
 * if (m) nd.fold(doc, m); else { nd.accept(doc, hash); batch.push(doc); }
 * // in the write transaction, after putDocument: nd.stored(hash, id);
 */
export class NearDuplicates {
  readonly threshold: number;
  private readonly numHashes: number;
  private readonly bands: number;
  private readonly pending: LshIndex<string>;
  private readonly pendingSig = new Map<string, Uint32Array>();
  private readonly pendingFolds = new Map<string, Array<{ doc: Doc; similarity: number }>>();
  private readonly sigCache = new WeakMap<Doc, Uint32Array>();
  /** Documents folded so far by this checker. */
  folded = 0;

  constructor(
    private readonly store: Store,
    opts: DedupOptions = {},
  ) {
    this.threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    this.numHashes = opts.numHashes ?? DEFAULT_HASHES;
    this.bands = opts.bands ?? DEFAULT_BANDS;
    this.pending = new LshIndex<string>(this.bands);
  }

  private sig(doc: Doc): Uint32Array {
    let s = this.sigCache.get(doc);
    if (!s) {
      s = minhash(doc.text, this.numHashes);
      this.sigCache.set(doc, s);
    }
    return s;
  }

  /** The stored (or waiting) document this one nearly duplicates, most similar first; undefined when none. */
  find(doc: Doc): NearMatch | undefined {
    if (!comparable(doc.text)) return undefined;
    const sig = this.sig(doc);
    let best: NearMatch | undefined;
    const cands = this.store.lshCandidates(bandKeys(sig, this.bands));
    if (cands.length > 0) {
      for (const [id, other] of this.store.minhashOf(cands)) {
        if (other.length !== sig.length) continue;
        const s = signatureSimilarity(sig, other);
        if (s >= this.threshold && (!best || s > best.similarity)) best = { docId: id, similarity: s };
      }
    }
    const p = this.pending.query(sig, this.threshold)[0];
    if (p && (!best || p.similarity > best.similarity)) best = { hash: p.key, similarity: p.similarity };
    return best;
  }

  /** Note a document that will be stored under content hash `hash`, so later ones fold into it. */
  accept(doc: Doc, hash: string): void {
    if (!comparable(doc.text)) return;
    const sig = this.sig(doc);
    this.pending.add(hash, sig);
    this.pendingSig.set(hash, sig);
  }

  /** Record `doc` as a near-duplicate of `match` (written now, or when the match is stored). */
  fold(doc: Doc, match: NearMatch): void {
    this.folded++;
    if (match.docId !== undefined) {
      this.store.putDuplicate(duplicateOf(doc, match.docId, match.similarity));
      return;
    }
    if (match.hash === undefined) throw new Error('dedup: a match needs a docId or a hash');
    const list = this.pendingFolds.get(match.hash) ?? [];
    list.push({ doc, similarity: match.similarity });
    this.pendingFolds.set(match.hash, list);
  }

  /** The accepted document with content hash `hash` got id `id`: index it and write its folds. */
  stored(hash: string, id: number): void {
    const sig = this.pendingSig.get(hash);
    if (sig) {
      this.store.putMinhash(id, sig, bandKeys(sig, this.bands));
      this.pendingSig.delete(hash);
    }
    for (const f of this.pendingFolds.get(hash) ?? []) this.store.putDuplicate(duplicateOf(f.doc, id, f.similarity));
    this.pendingFolds.delete(hash);
  }
}

function duplicateOf(doc: Doc, dupOf: number, similarity: number): DuplicateInput {
  const m = doc.meta;
  return { docId: m.id, dupOf, similarity, source: m.source ?? null, side: m.side, path: m.path ?? null, title: m.title ?? null, date: m.date ?? null };
}

/** A folded near-duplicate as written to the store's `duplicates` table. */
export interface DuplicateInput {
  /** The folded document's own id (its path, record id or URL). */
  docId: string;
  /** The stored document it duplicates. */
  dupOf: number;
  similarity: number;
  source: string | null;
  side: string | null;
  path: string | null;
  title: string | null;
  date: string | null;
}
