/**
 * Store-ready rows of a coded document, computed without a database: the pipeline's workers build
 * them, so the single writer thread only binds values and runs prepared INSERTs (`Store.putPrepared`).
 * `Store.putCodedBatch` and `Store.putDecisions` go through the same functions, so every write path
 * stores the same rows. Everything here is plain data that crosses `postMessage` as it is.
 */
import { AUTHOR, type CodeHit, type Doc, type Message, type Sentence, type SentenceDecision } from '../types.js';

/** One sentence in `doc_layout`: start, end, paragraph, page, and its text when it is not the slice. */
export type LayoutEntry = [number, number, number, number | null, string?];

/**
 * The coding rows of one document under one codebook, without the codebook and document ids
 * (the writer adds them). Flat arrays in table column order after `(cb, doc_id)`.
 */
export interface PreparedCoded {
  /** JSON list of sentence indexes left undecided; null when all were decided (`coded.missing`). */
  missing: string | null;
  /** Non-default decisions, 7 values each: idx, voice, voice_how, cue_start, cue_end, cue_rule, tone. */
  dec: Array<string | number | null>;
  /** Hits, 11 values each: idx, code, voice, negated, cue, ev_start, ev_end, rule, neg_start, neg_end, neg_rule. */
  hit: Array<string | number | null>;
  /** Tone evidence, 4 values each: idx, ev_start, ev_end, rule. */
  tone: Array<string | number | null>;
  /** Voice and code names the summary counts use; `quads` point into this list. */
  names: string[];
  /**
   * Summary counts as quads (voice name index, code name index + 1 or 0 for the voice's sentences,
   * raised or sentences, negated); empty when no sentence was decided (no summary row then).
   */
  quads: number[];
}

/** A new document with everything the store writes for it, except its id and the time it is added. */
export interface PreparedDoc {
  hash: string;
  extId: string;
  title: string | null;
  date: string | null;
  side: string | null;
  source: string | null;
  lang: string;
  format: string;
  path: string | null;
  encoding: string | null;
  /** JSON of the extra metadata. */
  meta: string;
  text: string;
  /** JSON of the page spans, null without pages. */
  pages: string | null;
  /** Sentences. */
  n: number;
  /** `doc_layout.layout` JSON. */
  layout: string;
  messages: Message[];
  coded: PreparedCoded;
}

/** A stored document as re-coding needs it: filter columns, cleaned text and its `doc_layout` JSON. */
export interface RecodeRow {
  id: number;
  side: string | null;
  lang: string | null;
  title: string | null;
  date: string | null;
  source: string | null;
  text: string;
  layout: string;
}

/** Whether a decision is the default one, stored as the absence of a row. */
export function isDefaultStoredDecision(d: SentenceDecision): boolean {
  return d.voice.voice === AUTHOR && d.voice.how === 'default' && d.voice.cue === undefined && d.tone === 'neutral'
    && d.raised.length === 0 && d.negated.length === 0 && d.toneEvidence.length === 0;
}

/**
 * The sentence layout of a document as stored in `doc_layout` (text kept only when not the slice).
 *
 * @example
 * layoutJson(doc); // '[[0,14,0,null]]'
 */
export function layoutJson(doc: Doc): string {
  const entries = doc.sentences.map((s): LayoutEntry => {
    const e: LayoutEntry = [s.start, s.end, s.paragraph, s.page ?? null];
    if (doc.text.slice(s.start, s.end) !== s.text) e.push(s.text);
    return e;
  });
  return JSON.stringify(entries);
}

/**
 * The coding rows of one document's sentences (each with `.decision`; sentences without one are
 * listed as missing). Pure: the same sentences give the same rows on any thread.
 *
 * @example
 * const rows = prepareCoded(doc.sentences); // rows.dec.length / 7 non-default decisions
 */
export function prepareCoded(sentences: readonly Sentence[]): PreparedCoded {
  const out: PreparedCoded = { missing: null, dec: [], hit: [], tone: [], names: [], quads: [] };
  const voices = new Map<string, number>();
  const codes = new Map<string, { voice: string; code: string; raised: number; negated: number }>(); // key: voice \u0000 code
  const missing: number[] = [];
  for (const s of sentences) {
    const d = s.decision;
    if (!d) {
      missing.push(s.index);
      continue;
    }
    const voice = d.voice.voice;
    voices.set(voice, (voices.get(voice) ?? 0) + 1);
    if (isDefaultStoredDecision(d)) continue; // the common case: no row, rebuilt on read
    const cue = d.voice.cue;
    out.dec.push(s.index, voice, d.voice.how, cue?.start ?? null, cue?.end ?? null, cue?.rule ?? null, d.tone);
    const cued = d.voice.how === 'cue' ? 1 : 0;
    const putHits = (hits: CodeHit[], negated: boolean): void => {
      const seen = new Set<string>();
      for (const h of hits) {
        const n = h.negation;
        out.hit.push(s.index, h.code, voice, negated ? 1 : 0, cued, h.evidence.start, h.evidence.end, h.evidence.rule,
          n?.start ?? null, n?.end ?? null, n?.rule ?? null);
        if (seen.has(h.code)) continue; // a sentence counts once per code however many spans matched
        seen.add(h.code);
        const key = `${voice}\u0000${h.code}`;
        let c = codes.get(key);
        if (!c) {
          c = { voice, code: h.code, raised: 0, negated: 0 };
          codes.set(key, c);
        }
        if (negated) c.negated++;
        else c.raised++;
      }
    };
    putHits(d.raised, false);
    putHits(d.negated, true);
    for (const t of d.toneEvidence) out.tone.push(s.index, t.start, t.end, t.rule);
  }
  if (missing.length) out.missing = JSON.stringify(missing);
  if (voices.size === 0) return out;
  const index = new Map<string, number>();
  const nameIndex = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = out.names.length;
      out.names.push(name);
      index.set(name, i);
    }
    return i;
  };
  for (const [voice, n] of voices) out.quads.push(nameIndex(voice), 0, n, 0);
  for (const c of codes.values()) out.quads.push(nameIndex(c.voice), nameIndex(c.code) + 1, c.raised, c.negated);
  return out;
}

/**
 * Everything the store writes for a new coded document (sentences carry `.decision`), keyed by
 * its content hash.
 *
 * @example
 * store.putPrepared(codebook.version, [prepareDoc(doc, contentHash(doc.text))]);
 */
export function prepareDoc(doc: Doc, hash: string): PreparedDoc {
  const m = doc.meta;
  return {
    hash,
    extId: m.id,
    title: m.title ?? null,
    date: m.date ?? null,
    side: m.side,
    source: m.source ?? null,
    lang: m.lang,
    format: m.format,
    path: m.path ?? null,
    encoding: m.encoding ?? null,
    meta: JSON.stringify(m.extra ?? {}),
    text: doc.text,
    pages: doc.pages.length ? JSON.stringify(doc.pages) : null,
    n: doc.sentences.length,
    layout: layoutJson(doc),
    messages: doc.messages,
    coded: prepareCoded(doc.sentences),
  };
}
