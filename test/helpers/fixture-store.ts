/**
 * Fixture stores built from code (fixed seed): documents with sentences and coding decisions put
 * straight into a `Store`, no reader and no coder involved. Used by the server, e2e tests and the
 * dashboard benchmark.
 */
import { seededRandom } from '../../src/stats.js';
import type { Store } from '../../src/store/index.js';
import type { CodeHit, Doc, Evidence, Sentence, Tone } from '../../src/types.js';

/** One sentence of a fixture document: its text and what the "machine" decided. */
export interface FixtureSentence {
  text: string;
  voice: string;
  /** A substring of `text` that set the voice (its first occurrence). */
  cue?: string;
  /** Codes raised, each with the substring that is its evidence. */
  raised?: Array<[code: string, span: string]>;
  /** Codes negated: the code, its evidence and the negation cue. */
  negated?: Array<[code: string, span: string, negation: string]>;
  tone?: Tone;
}

/** A fixture document. */
export interface FixtureDoc {
  id: string;
  title?: string;
  date?: string;
  side: string | null;
  source?: string;
  lang: 'en' | 'ja';
  sentences: FixtureSentence[];
}

function span(text: string, part: string, rule: string): Evidence {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`fixture-store: "${part}" is not in "${text}"`);
  return { start, end: start + part.length, text: part, rule };
}

/**
 * Build a pipeline `Doc` with decisions from a fixture description (sentences joined by spaces,
 * one paragraph per sentence pair).
 *
 * @example
 * const doc = fixtureDoc({ id: 'a', side: 'tokyo', lang: 'en', sentences: [{ text: 'Critics in Tokyo fear abandonment.', voice: 'tokyo', raised: [['abandonment', 'abandonment']] }] });
 */
export function fixtureDoc(spec: FixtureDoc): Doc {
  const sep = spec.lang === 'ja' ? '' : ' ';
  let text = '';
  const sentences: Sentence[] = spec.sentences.map((s, index) => {
    if (index > 0) text += index % 2 === 0 ? '\n\n' : sep;
    const start = text.length;
    text += s.text;
    const hits = (list: Array<[string, string]>, negated: boolean): CodeHit[] => list.map(([code, part]) => ({ code, evidence: span(s.text, part, `code:${code}/${negated ? 'neg' : 'raise'}`) }));
    const negated = (s.negated ?? []).map(([code, part, neg]) => ({ ...hits([[code, part]], true)[0] as CodeHit, negation: span(s.text, neg, 'negation:cue') }));
    const sentence: Sentence = {
      index, paragraph: Math.floor(index / 2), start, end: text.length, text: s.text,
      decision: {
        voice: s.cue ? { voice: s.voice, cue: span(s.text, s.cue, `side:${s.voice}/cue`), how: 'cue' } : { voice: s.voice, how: 'default' },
        raised: hits(s.raised ?? [], false),
        negated,
        tone: s.tone ?? 'neutral',
        toneEvidence: [],
      },
    };
    return sentence;
  });
  const meta: Doc['meta'] = { id: spec.id, side: spec.side, lang: spec.lang, format: 'jsonl', extra: {} };
  if (spec.title !== undefined) meta.title = spec.title;
  if (spec.date !== undefined) meta.date = spec.date;
  if (spec.source !== undefined) meta.source = spec.source;
  const paragraphs = [...new Set(sentences.map((s) => s.paragraph))].map((p) => {
    const inP = sentences.filter((s) => s.paragraph === p);
    return { index: p, start: (inP[0] as Sentence).start, end: (inP[inP.length - 1] as Sentence).end };
  });
  return { meta, raw: text, text, pages: [], paragraphs, sentences, messages: [] };
}

/**
 * Store one fixture document with its decisions under a codebook version; returns its store id.
 *
 * @example
 * const id = addFixtureDoc(store, cb.version, { id: 'x', side: 'tokyo', lang: 'en', sentences: [...] });
 */
export function addFixtureDoc(store: Store, codebookVersion: string, spec: FixtureDoc): number {
  const doc = fixtureDoc(spec);
  const { id } = store.putDocument(doc, `fixture:${spec.id}`);
  store.putDecisions(id, codebookVersion, doc.sentences);
  return id;
}

const CUES = new Map<string, { en: string[]; ja: string[] }>([
  ['washington', { en: ['U.S. officials said', 'A senior administration official said', 'In Washington, analysts argue'], ja: ['米政府高官は', '米国務省は'] }],
  ['tokyo', { en: ['Critics in Tokyo complain', 'A Japanese diplomat said', 'Many in Japan argue'], ja: ['日本側には', '外務省幹部は'] }],
  ['other', { en: ['Chinese officials warned', 'Seoul said'], ja: ['中国政府は', '韓国政府は'] }],
]);

const PHRASES = new Map<string, { en: string; ja: string }>([
  ['relationship_positive', { en: 'relations are the best ever', ja: '史上最良の関係' }],
  ['one_way', { en: 'the benefits flow one way', ja: '片務的な同盟' }],
  ['autonomy', { en: 'Japan has no foreign policy of its own', ja: '対米追従' }],
  ['burden_pressure', { en: 'Washington wants boots on the ground', ja: '自衛隊派遣への圧力' }],
  ['nuclear', { en: 'Japan might go nuclear', ja: '核武装論' }],
  ['abandonment', { en: 'the ally may abandon Japan', ja: '見捨てられる不安' }],
  ['entrapment', { en: 'Japan could be dragged into a war', ja: '戦争に巻き込まれる懸念' }],
  ['japan_passing', { en: 'China ties will sideline Japan', ja: 'ジャパン・パッシング' }],
  ['nationalism', { en: 'a nationalist backlash is growing', ja: 'ナショナリズムの高まり' }],
  ['reassurance', { en: 'the commitment is unshakable', ja: '揺るぎない約束' }],
]);

/** How much more often each side raises a code than the base rate (the fixture's built-in gap). */
function weight(voice: string, code: string, codes: readonly string[]): number {
  const i = codes.indexOf(code);
  if (voice === 'tokyo') return i % 3 === 1 ? 3 : 1;
  if (voice === 'washington') return i % 3 === 0 ? 3 : 1;
  return 1;
}

/** Options of `buildFixtureStore`. */
export interface FixtureOptions {
  documents: number;
  seed?: number;
  /** Sentences per document: from 2 to this (default 8). */
  maxSentences?: number;
  /** Share of sentences raising some code (default 0.35). */
  codeRate?: number;
  /** Prefix of the documents' ids (default `doc`). */
  prefix?: string;
}

/**
 * Fill a store with `documents` seeded random documents (English and Japanese, both sides, dated
 * 2001–2006) coded under `codebook`: tokyo raises every third code from the second more often,
 * washington every third from the first. The codebook is recorded as used.
 *
 * @example
 * const { documents, sentences } = buildFixtureStore(store, builtinCodebook(), { documents: 200, seed: 7 });
 */
export function buildFixtureStore(
  store: Store,
  codebook: { name: string; version: string; yaml: string; codes: ReadonlyArray<{ id: string }> },
  opts: FixtureOptions,
): { documents: number; sentences: number } {
  const rand = seededRandom(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const codes = codebook.codes.map((c) => c.id);
  const maxSentences = opts.maxSentences ?? 8;
  const codeRate = opts.codeRate ?? 0.35;
  const sources = ['Asahi', 'Yomiuri', 'NYT', 'Washington Post', 'Diet record', 'State Dept'];
  let sentences = 0;
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
  store.transaction(() => {
    for (let d = 0; d < opts.documents; d++) {
      const side = rand() < 0.5 ? 'tokyo' : 'washington';
      const lang: 'en' | 'ja' = side === 'tokyo' && rand() < 0.5 ? 'ja' : 'en';
      const year = 2001 + Math.floor(rand() * 6);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const n = 2 + Math.floor(rand() * (maxSentences - 1));
      const list: FixtureSentence[] = [];
      for (let i = 0; i < n; i++) {
        const r = rand();
        const voice = r < 0.35 ? side : r < 0.55 ? (side === 'tokyo' ? 'washington' : 'tokyo') : r < 0.65 ? 'other' : 'author';
        const cue = voice === 'author' ? undefined : pick((CUES.get(voice) as { en: string[]; ja: string[] })[lang]);
        let code: string | undefined;
        if (codes.length && rand() < codeRate) {
          const c = pick(codes);
          if (rand() < weight(voice, c, codes) / 3) code = c;
        }
        const phrase = code ? (PHRASES.get(code)?.[lang] ?? code.replace(/_/g, ' ')) : lang === 'ja' ? '会談が行われた' : 'the talks were held';
        const negate = code !== undefined && rand() < 0.1;
        const neg = lang === 'ja' ? 'ではない' : 'it is not true that';
        const body = lang === 'ja' ? `${phrase}${negate ? neg : ''}` : `${negate ? `${neg} ` : ''}${phrase}`;
        const text = lang === 'ja' ? `${cue ?? ''}${body}と述べた（${d}-${i}）。` : `${cue ?? 'In short,'} ${body} (${d}-${i}).`;
        const s: FixtureSentence = { text, voice, tone: code ? (weight('washington', code, codes) > 1 ? 'positive' : 'negative') : 'neutral' };
        if (cue) s.cue = cue;
        if (code && negate) s.negated = [[code, phrase, neg]];
        else if (code) s.raised = [[code, phrase]];
        list.push(s);
      }
      sentences += n;
      addFixtureDoc(store, codebook.version, {
        id: `${opts.prefix ?? 'doc'}-${d}`,
        title: `${side === 'tokyo' ? 'Tokyo' : 'Washington'} piece ${d}`,
        date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        side,
        source: pick(sources),
        lang,
        sentences: list,
      });
    }
  });
  return { documents: opts.documents, sentences };
}
