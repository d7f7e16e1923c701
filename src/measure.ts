/**
 * Measurement: per voice, the share of sentences raising each code, the gap between two sides,
 * and percentile-bootstrap intervals over documents (sentences of one document are not
 * independent). Pure: it reads per-document summary counts (`DocCounts`), never text or SQLite.
 */
import { makeMessage } from './messages.js';
import { quantile } from './stats.js';
import type { DocCounts } from './store/index.js';
import { AUTHOR, type Message } from './types.js';

/** Sentences and documents of one voice. */
export interface VoiceTotals {
  sentences: number;
  documents: number;
}

/** One code in one voice: sentences raising / negating it, the share raising it and its interval. */
export interface CodeCell {
  raised: number;
  negated: number;
  share: number;
  /** Interval bounds; `null` when the voice has no sentences. */
  low: number | null;
  high: number | null;
}

/** The gap of one code: share(first gap side) − share(second), with its interval. */
export interface GapCell {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** One code's figures. */
export interface CodeResult {
  voices: Map<string, CodeCell>;
  gap: GapCell;
}

/** Figures over a set of documents (the whole selection, or one period). */
export interface Tally {
  documents: number;
  sentences: number;
  voices: Map<string, VoiceTotals>;
  codes: Map<string, CodeResult>;
}

/** The figures of one period of a trend. */
export interface PeriodTally extends Tally {
  /** `2003`, `2003-Q2` or `2003-05`. */
  period: string;
}

/** The result of `measure`. `JSON.stringify` gives the stable JSON shape (see `measurementJson`). */
export interface Measurement extends Tally {
  codebook: { name: string; version: string };
  /** gap = share(gapSides[0]) − share(gapSides[1]). */
  gapSides: [string, string];
  authorAsSide: boolean;
  reps: number;
  seed: number;
  periods?: PeriodTally[];
  messages: Message[];
  /** Called by `JSON.stringify`: the stable shape with Maps turned into objects. */
  toJSON?: () => unknown;
}

/** Options of `measure`. */
export interface MeasureOptions {
  codebook: { name: string; version: string };
  codes: string[];
  /** Sides declared by the codebook, e.g. washington, tokyo, other. */
  sides: string[];
  gapSides?: [string, string];
  /** Count `author` sentences for their document's side (when it is one of `sides`). */
  authorAsSide?: boolean;
  by?: 'year' | 'quarter' | 'month';
  reps?: number;
  seed?: number;
  /** Warn when a gap side has fewer sentences than this. */
  minSentences?: number;
}

const LEVEL = 0.95;

/**
 * The period a date falls in, or undefined when the date does not say (e.g. `2003` by month).
 *
 * @example
 * periodOf('2003-05-14', 'quarter'); // '2003-Q2'
 */
export function periodOf(date: string | undefined, by: 'year' | 'quarter' | 'month'): string | undefined {
  const m = date ? /^(\d{4})(?:-(\d{2}))?/.exec(date) : null;
  if (!m) return undefined;
  const year = m[1] as string;
  if (by === 'year') return year;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (by === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Column layout shared by all tallies of one measurement. */
interface Layout {
  voices: string[];
  voiceIndex: Map<string, number>;
  codes: string[];
  codeIndex: Map<string, number>;
  sideSet: Set<string>;
  authorAsSide: boolean;
}

/**
 * Per-document counts as a sparse matrix (CSR): columns 0..V-1 are sentences per voice, column
 * V + c*V + v is sentences of voice v raising code c. Negated counts need no interval: summed apart.
 */
interface Matrix {
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
  totals: Float64Array;
  negated: Float64Array;
  docsPerVoice: Float64Array;
  n: number;
}

function voiceOf(layout: Layout, row: DocCounts, voice: string): number {
  const v = layout.authorAsSide && voice === AUTHOR && row.side !== null && layout.sideSet.has(row.side) ? row.side : voice;
  return layout.voiceIndex.get(v) as number;
}

function buildMatrix(rows: readonly DocCounts[], layout: Layout): Matrix {
  const V = layout.voices.length;
  const K = V + layout.codes.length * V;
  const rowPtr = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const totals = new Float64Array(K);
  const negated = new Float64Array(K);
  const docsPerVoice = new Float64Array(V);
  const dense = new Float64Array(K); // scratch row, cleared through `touched`
  const touched: number[] = [];
  const add = (k: number, x: number): void => {
    if (x === 0) return;
    if (dense[k] === 0) touched.push(k);
    dense[k] = (dense[k] as number) + x;
  };
  rows.forEach((row, i) => {
    for (const [voice, n] of row.voices) add(voiceOf(layout, row, voice), n);
    for (const [code, perVoice] of row.codes) {
      const c = layout.codeIndex.get(code);
      if (c === undefined) continue;
      for (const [voice, counts] of perVoice) {
        const k = V + c * V + voiceOf(layout, row, voice);
        add(k, counts.raised);
        negated[k] = (negated[k] as number) + counts.negated;
      }
    }
    touched.sort((a, b) => a - b);
    for (const k of touched) {
      cols.push(k);
      vals.push(dense[k] as number);
      totals[k] = (totals[k] as number) + (dense[k] as number);
      if (k < V) docsPerVoice[k] = (docsPerVoice[k] as number) + 1;
      dense[k] = 0;
    }
    touched.length = 0;
    rowPtr[i + 1] = cols.length;
  });
  return { rowPtr, col: Int32Array.from(cols), val: Float64Array.from(vals), totals, negated, docsPerVoice, n: rows.length };
}

/** Poisson(1) by inversion over 16 random bits: the weight of one document in one replicate. */
const POISSON16 = ((): Uint8Array => {
  const table = new Uint8Array(65536);
  let p = Math.exp(-1);
  let cdf = p;
  let k = 0;
  for (let i = 0; i < 65536; i++) {
    while ((i + 0.5) / 65536 > cdf && k < 255) {
      k++;
      p /= k;
      cdf += p;
    }
    table[i] = k;
  }
  return table;
})();

/**
 * Column sums of `reps` bootstrap replicates of the documents (rows of `m`), laid out K × reps.
 * Poisson bootstrap: in each replicate every document weighs Poisson(1) times, the large-sample
 * equivalent of drawing documents with replacement. It lets the work run document by document
 * over contiguous arrays, and documents with identical counts merge exactly (their weights add).
 */
function resampleSums(m: Matrix, K: number, reps: number, seed: number): Float64Array {
  const out = new Float64Array(K * reps);
  const { rowPtr, col, val, n } = m;
  // Identical count rows (common: short documents) are summed once with the members' weights added.
  const groups = new Map<string, { first: number; size: number }>();
  for (let d = 0; d < n; d++) {
    let key = '';
    for (let j = rowPtr[d] as number; j < (rowPtr[d + 1] as number); j++) key += `${col[j]}:${val[j]},`;
    const g = groups.get(key);
    if (g) g.size++;
    else groups.set(key, { first: d, size: 1 });
  }
  const w = new Float64Array(reps + 1);
  let x = (seed >>> 0) || 0x9e3779b9; // xorshift32 state must not be zero
  for (const { first, size } of groups.values()) {
    w.fill(0);
    for (let member = 0; member < size; member++) {
      for (let r = 0; r < reps; r += 2) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        w[r] = (w[r] as number) + (POISSON16[x & 0xffff] as number);
        w[r + 1] = (w[r + 1] as number) + (POISSON16[x >>> 16] as number);
      }
    }
    const end = rowPtr[first + 1] as number;
    for (let j = rowPtr[first] as number; j < end; j++) {
      const v = val[j] as number;
      const base = (col[j] as number) * reps;
      for (let r = 0; r < reps; r++) out[base + r] = (out[base + r] as number) + (w[r] as number) * v;
    }
  }
  return out;
}

function bounds(values: number[]): { low: number | null; high: number | null } {
  const low = quantile(values, (1 - LEVEL) / 2);
  const high = quantile(values, 1 - (1 - LEVEL) / 2);
  return { low: Number.isFinite(low) ? low : null, high: Number.isFinite(high) ? high : null };
}

function tally(rows: readonly DocCounts[], layout: Layout, gapSides: [string, string], reps: number, seed: number): Tally {
  const V = layout.voices.length;
  const K = V + layout.codes.length * V;
  const m = buildMatrix(rows, layout);
  const sums = rows.length > 0 ? resampleSums(m, K, reps, seed) : new Float64Array(0);
  const share = (num: number, den: number): number => (den > 0 ? num / den : 0);
  const repShare = (k: number, v: number, r: number): number => {
    const den = sums[v * reps + r] as number;
    return den > 0 ? (sums[k * reps + r] as number) / den : Number.NaN; // a replicate without the voice says nothing
  };
  const voices = new Map<string, VoiceTotals>();
  let sentences = 0;
  layout.voices.forEach((voice, v) => {
    voices.set(voice, { sentences: m.totals[v] as number, documents: m.docsPerVoice[v] as number });
    sentences += m.totals[v] as number;
  });
  const ga = layout.voiceIndex.get(gapSides[0]) as number;
  const gb = layout.voiceIndex.get(gapSides[1]) as number;
  const codes = new Map<string, CodeResult>();
  layout.codes.forEach((code, c) => {
    const cells = new Map<string, CodeCell>();
    const repValues: number[][] = [];
    layout.voices.forEach((voice, v) => {
      const k = V + c * V + v;
      const values: number[] = new Array<number>(rows.length > 0 ? reps : 0);
      for (let r = 0; r < values.length; r++) values[r] = repShare(k, v, r);
      repValues.push(values);
      const den = m.totals[v] as number;
      cells.set(voice, { raised: m.totals[k] as number, negated: m.negated[k] as number, share: share(m.totals[k] as number, den), ...bounds(den > 0 ? values : []) });
    });
    const va = repValues[ga] as number[];
    const vb = repValues[gb] as number[];
    const estimate = (cells.get(gapSides[0]) as CodeCell).share - (cells.get(gapSides[1]) as CodeCell).share;
    const both = (m.totals[ga] as number) > 0 && (m.totals[gb] as number) > 0;
    codes.set(code, { voices: cells, gap: { estimate, ...bounds(both ? va.map((x, r) => x - (vb[r] as number)) : []) } });
  });
  return { documents: rows.length, sentences, voices, codes };
}

function tallyJson(t: Tally): Record<string, unknown> {
  const voices: Record<string, VoiceTotals> = {};
  for (const [voice, totals] of t.voices) voices[voice] = { ...totals };
  const codes: Record<string, Record<string, unknown>> = {};
  for (const [code, result] of t.codes) {
    const entry: Record<string, unknown> = {};
    for (const [voice, cell] of result.voices) entry[voice] = { ...cell };
    entry.gap = { ...result.gap };
    codes[code] = entry;
  }
  return { documents: t.documents, sentences: t.sentences, voices, codes };
}

/**
 * The stable JSON shape of a measurement: `{codebook, documents, sentences, voices: {voice:
 * {sentences, documents}}, codes: {code: {voice: {raised, negated, share, low, high}, gap:
 * {estimate, low, high}}}, periods?, messages}` plus the settings used.
 *
 * @example
 * JSON.stringify(measurementJson(m), null, 2);
 */
export function measurementJson(m: Measurement): Record<string, unknown> {
  const out: Record<string, unknown> = { codebook: { ...m.codebook }, ...tallyJson(m) };
  out.gapSides = [...m.gapSides];
  out.authorAsSide = m.authorAsSide;
  out.bootstrap = { reps: m.reps, seed: m.seed, level: LEVEL, over: 'documents' };
  if (m.periods) out.periods = m.periods.map((p) => ({ period: p.period, ...tallyJson(p) }));
  out.messages = m.messages;
  return out;
}

/**
 * The default gap: tokyo − washington when the codebook has both sides, else second − first
 * declared side (the same reading for any two parties declared in that order).
 *
 * @example
 * defaultGapSides(['paris', 'berlin', 'other']); // ['berlin', 'paris']
 */
export function defaultGapSides(sides: readonly string[]): [string, string] {
  if (sides.includes('tokyo') && sides.includes('washington')) return ['tokyo', 'washington'];
  const own = sides.filter((s) => s !== AUTHOR && s !== 'other');
  if (own.length >= 2) return [own[1] as string, own[0] as string];
  return ['tokyo', 'washington'];
}

/**
 * Measure per-voice shares of each code, the gap between two sides and bootstrap intervals
 * (over documents, seeded: reruns give the same intervals), overall and per period.
 *
 * @example
 * const m = measure(store.docCounts({ codebook: cb.version }), { codebook: cb, codes: ['autonomy'], sides: ['washington', 'tokyo', 'other'] });
 * m.codes.get('autonomy')?.gap.estimate;
 */
export function measure(rows: readonly DocCounts[], opts: MeasureOptions): Measurement {
  const gapSides = opts.gapSides ?? defaultGapSides(opts.sides);
  const reps = opts.reps ?? 2000;
  const seed = opts.seed ?? 1;
  const minSentences = opts.minSentences ?? 30;
  const authorAsSide = opts.authorAsSide === true;
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`measure: reps must be a positive integer (got ${reps})`);
  const messages: Message[] = [];

  // Voices: the codebook's sides, then author, then any other voice found in the stored decisions.
  const known = [...opts.sides.filter((s) => s !== AUTHOR), AUTHOR];
  for (const s of gapSides) if (!known.includes(s)) known.push(s);
  const extra = new Set<string>();
  for (const row of rows) for (const v of row.voices.keys()) if (!known.includes(v)) extra.add(v);
  const voices = [...known, ...[...extra].sort()];
  if (extra.size > 0) {
    messages.push(makeMessage('measure', 'measure:unknown-voice', 'info', `voices not declared by the codebook found in the store: ${[...extra].sort().join(', ')}`));
  }
  const layout: Layout = {
    voices,
    voiceIndex: new Map(voices.map((v, i) => [v, i])),
    codes: [...opts.codes],
    codeIndex: new Map(opts.codes.map((c, i) => [c, i])),
    sideSet: new Set(opts.sides.filter((s) => s !== AUTHOR)),
    authorAsSide,
  };

  const overall = tally(rows, layout, gapSides, reps, seed);
  if (rows.length === 0) messages.push(makeMessage('measure', 'measure:empty', 'warning', 'no coded documents match: nothing to measure'));
  for (const side of gapSides) {
    const n = overall.voices.get(side)?.sentences ?? 0;
    if (n < minSentences) {
      messages.push(makeMessage('measure', 'measure:few-sentences', 'warning', `${side} has only ${n} sentences: the gap is not reliable`));
    }
  }

  const m: Measurement = {
    codebook: { name: opts.codebook.name, version: opts.codebook.version },
    ...overall,
    gapSides: [gapSides[0], gapSides[1]],
    authorAsSide,
    reps,
    seed,
    messages,
  };
  if (opts.by) {
    const groups = new Map<string, DocCounts[]>();
    let undated = 0;
    for (const row of rows) {
      const p = periodOf(row.date, opts.by);
      if (p === undefined) {
        undated++;
        continue;
      }
      const g = groups.get(p);
      if (g) g.push(row);
      else groups.set(p, [row]);
    }
    m.periods = [...groups.keys()].sort().map((period) => ({ period, ...tally(groups.get(period) as DocCounts[], layout, gapSides, reps, seed) }));
    if (undated > 0) {
      messages.push(makeMessage('measure', 'measure:undated', 'info', `${undated} documents have no date precise enough for a ${opts.by}ly trend and are left out of the periods`));
    }
  }
  m.toJSON = function (this: Measurement) {
    return measurementJson(this);
  };
  return m;
}
