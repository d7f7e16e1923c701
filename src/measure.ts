/**
 * Measurement: per voice, the share of sentences raising each code, the gap between two sides,
 * and percentile-bootstrap intervals over documents (sentences of one document are not
 * independent). Pure: it reads per-document summary counts (a packed `CountTable` from the store,
 * or `DocCounts` rows), never text or SQLite. Above `groups` documents the bootstrap resamples
 * groups of documents chosen by a hash of their id (a cluster bootstrap over random groups, whose
 * intervals match the document bootstrap's: test/store-scale.test.ts), so its cost stops growing
 * with the archive.
 */
import { makeMessage } from './messages.js';
import type { CountSelection, CountTable, DocCounts } from './store/index.js';
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
  /** Bootstrap units at most: above this many documents, documents are drawn in this many hashed groups. */
  groups: number;
  /** The same for each period of a trend. */
  periodGroups: number;
  /** Bootstrap replicates of each period of a trend (at most `reps`). */
  periodReps: number;
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
  /**
   * Most bootstrap units per tally (default 512). A selection with more documents is resampled in
   * this many groups of documents (by a hash of the document id): a cluster bootstrap over random
   * groups, consistent for the ratio estimator and much cheaper; with fewer documents it is exactly
   * the document bootstrap.
   */
  groups?: number;
  /**
   * Most bootstrap units per period of a trend (default 128): a trend draws many periods whose bands
   * need less precision than the headline figures (the standard error of an interval's width is then
   * within about 6% of the document bootstrap's), and each period costs a quarter of a 512-unit tally.
   */
  periodGroups?: number;
  /**
   * Bootstrap replicates per period of a trend (default 500, never more than `reps`): a month
   * breakdown draws 72 periods, and the percentile bounds of 500 replicates move by about 3% of the
   * interval's width from run to run (1.5% at 2,000), below the grouping's own 6%.
   */
  periodReps?: number;
}

/** Default bootstrap replicates per period of a trend. */
export const PERIOD_REPS = 500;

/** Default most bootstrap units per period of a trend. */
export const PERIOD_GROUPS = 128;

/** Default most bootstrap units per tally: the interval's standard error is then within about 3% of the document bootstrap's (1/√(2·512)). */
export const BOOTSTRAP_GROUPS = 512;

/** What a measurement works out from a count table alone, kept with the table (the store shares a kept table between requests). */
interface Derived {
  voices?: Set<number>;
  periods: Map<string, { pid: Int32Array; names: string[]; undated: number }>;
  /** Headline tallies of the whole table by their options (a few kept): a trend after the overview reuses it. */
  overall: Map<string, Tally>;
}

/** Headline tallies kept per count table. */
const KEPT_TALLIES = 8;
const DERIVED = new WeakMap<CountTable, Derived>();
/** Headline tallies of a selection's rows (the same rows array: the store keeps one per filter). */
const SELECTION_TALLIES = new WeakMap<Int32Array, Map<string, Tally>>();

function derivedOf(table: CountTable): Derived {
  let d = DERIVED.get(table);
  if (!d) {
    d = { periods: new Map(), overall: new Map() };
    DERIVED.set(table, d);
  }
  return d;
}

/** The period number of every row (-1: undated for this granularity) and the period names by number. */
function periodIds(table: CountTable, by: 'year' | 'quarter' | 'month'): { pid: Int32Array; names: string[]; undated: number } {
  const n = table.docIds.length;
  const pidOfDate = new Map<string, number>(); // dates repeat: each worked out once
  const pidOfPeriod = new Map<string, number>();
  const names: string[] = [];
  const pid = new Int32Array(n);
  let undated = 0;
  for (let i = 0; i < n; i++) {
    const date = table.dates[i];
    let id = -1;
    if (date !== null && date !== undefined) {
      const known = pidOfDate.get(date);
      if (known !== undefined) id = known;
      else {
        const p = periodOf(date, by);
        if (p !== undefined) {
          id = pidOfPeriod.get(p) ?? names.length;
          if (id === names.length) {
            pidOfPeriod.set(p, id);
            names.push(p);
          }
        }
        pidOfDate.set(date, id);
      }
    }
    pid[i] = id;
    if (id < 0) undated++;
  }
  return { pid, names, undated };
}

/**
 * Pack `DocCounts` rows as a count table (names numbered here): what the store keeps, so that
 * repeated measurements of one table share its derived data.
 *
 * @example
 * const table = countTableOf(rows);
 * measure(table, opts); measure(table, { ...opts, by: 'year' }); // the second reuses the headline tally
 */
export function countTableOf(rows: readonly DocCounts[]): CountTable {
  const ids = new Map<string, number>();
  const names = new Map<number, string>();
  const id = (name: string): number => {
    let n = ids.get(name);
    if (n === undefined) {
      n = ids.size + 1;
      ids.set(name, n);
      names.set(n, name);
    }
    return n;
  };
  const quads: number[] = [];
  const rowPtr = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => {
    for (const [voice, n] of row.voices) quads.push(id(voice), 0, n, 0);
    for (const [code, perVoice] of row.codes) for (const [voice, c] of perVoice) quads.push(id(voice), id(code), c.raised, c.negated);
    rowPtr[i + 1] = quads.length / 4;
  });
  return {
    docIds: Int32Array.from(rows, (r) => r.docId),
    dates: rows.map((r) => r.date ?? null),
    sides: rows.map((r) => r.side),
    sources: rows.map((r) => r.source ?? null),
    langs: rows.map((r) => r.lang),
    rowPtr,
    quads: Int32Array.from(quads),
    names,
  };
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
  /** Voice column of a name id (-1: not a voice). */
  voiceOfName: Int32Array;
  /** Code number of a name id (-1: not a measured code). */
  codeOfName: Int32Array;
  /** `voiceOfName` with author moved to a side, by side (authorAsSide). */
  bySide: Map<string, Int32Array>;
}

/** A count table's row i with its author sentences moved to its side (authorAsSide), as a voice-column map (one per side, made once). */
function voiceMap(layout: Layout, table: CountTable, i: number, authorCol: number): Int32Array {
  if (!layout.authorAsSide) return layout.voiceOfName;
  const side = table.sides[i];
  if (side === null || side === undefined || !layout.sideSet.has(side)) return layout.voiceOfName;
  let remapped = layout.bySide.get(side);
  if (!remapped) {
    remapped = layout.voiceOfName.slice();
    const sideCol = layout.voiceIndex.get(side) as number;
    for (let id = 0; id < remapped.length; id++) if (remapped[id] === authorCol) remapped[id] = sideCol;
    layout.bySide.set(side, remapped);
  }
  return remapped;
}

/** A well-mixed 31-bit hash of a document id: the document's bootstrap group (a small integer keeps the loop on integers). */
function mix(id: number): number {
  let h = Math.imul(id ^ (id >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/**
 * Counts of the selected rows summed per bootstrap unit (dense, units × K): one unit per document
 * when there are at most `groups` documents (the plain document bootstrap), else `groups` groups
 * of documents chosen by a hash of their id. Columns 0..V-1 are sentences per voice, V + c*V + v
 * sentences of voice v raising code c.
 */
interface Units {
  x: Int32Array; // per-unit counts: whole numbers far below 2^31 (a unit holds at most every sentence of the archive)
  count: number;
  totals: Float64Array;
  negated: Float64Array;
  docsPerVoice: Float64Array;
}

function unitsOf(table: CountTable, rows: ArrayLike<number>, layout: Layout, groups: number, authorCol: number): Units {
  // The whole selection is one period.
  return periodUnitsOf(table, rows, null, Int32Array.of(rows.length), layout, groups, authorCol)[0] as Units;
}

/** Poisson(1) by inversion over 16 random bits: the weight of one unit in one replicate. */
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

/** The largest weight `POISSON16` gives. */
const POISSON_MAX = POISSON16.reduce((a, b) => Math.max(a, b), 0);

/**
 * Column sums of `reps` bootstrap replicates of the units, laid out K × reps. Poisson bootstrap:
 * in each replicate every unit weighs Poisson(1) times, the large-sample equivalent of drawing
 * units with replacement; the work runs unit by unit over contiguous arrays.
 */
function resampleSums(u: Units, K: number, reps: number, seed: number): Float64Array {
  const U = u.count;
  // Weights drawn unit by unit (as a document bootstrap draws them) and kept unit-major, padded to
  // four replicates: written in order (a replicate-major layout scattered every write) and read four at a time.
  const R4 = Math.ceil(reps / 4) * 4;
  const w = new Uint8Array(U * R4);
  let s = (seed >>> 0) || 0x9e3779b9; // xorshift32 state must not be zero
  for (let unit = 0; unit < U; unit++) {
    const o = unit * R4;
    for (let r = 0; r < reps; r += 2) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      w[o + r] = POISSON16[s & 0xffff] as number;
      if (r + 1 < reps) w[o + r + 1] = POISSON16[s >>> 16] as number;
    }
  }
  const maxW = POISSON_MAX;
  // A 4 × 4 block (four packed columns × four replicates) is summed in sixteen locals over all
  // units: per unit eight loads feed sixteen multiply-adds. Columns without any count are skipped:
  // their replicate sums are all zero.
  const out = new Float64Array(K * reps);
  const cols: number[] = [];
  let maxTotal = 0;
  for (let k = 0; k < K; k++) {
    const t = u.totals[k] as number;
    if (t !== 0) cols.push(k);
    if (t > maxTotal) maxTotal = t;
  }
  // Counts and weights are whole numbers, so several columns share one double: a replicate's sum of
  // a column is at most maxW × its total, below 2^bits, and `per` fields of `bits` bits stay below
  // 2^52, where doubles add integers exactly. The fields come apart exactly: the same sums, with
  // two to four times fewer multiply-adds.
  const bits = Math.max(1, Math.ceil(Math.log2(maxW * maxTotal + 1)));
  const per = Math.max(1, Math.floor(52 / bits));
  const packed = Math.ceil(cols.length / per);
  const C4 = Math.ceil(packed / 4) * 4;
  // Packed columns unit-contiguous (column-major), padded with zero columns to a multiple of four.
  const xt = new Float64Array(C4 * U);
  const x = u.x;
  cols.forEach((k, j) => {
    const row = Math.floor(j / per) * U;
    const scale = 2 ** (bits * (j % per));
    for (let unit = 0; unit < U; unit++) xt[row + unit] = (xt[row + unit] as number) + (x[unit * K + k] as number) * scale;
  });
  const shifts = Array.from({ length: per }, (_, f) => 2 ** (bits * f));
  for (let r = 0; r < reps; r += 4) {
    for (let j = 0; j < C4; j += 4) {
      const b0 = j * U;
      const b1 = b0 + U;
      const b2 = b1 + U;
      const b3 = b2 + U;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let unit = 0, o = r; unit < U; unit++, o += R4) {
        const a = w[o] as number;
        const b = w[o + 1] as number;
        const c = w[o + 2] as number;
        const d = w[o + 3] as number;
        const x0 = xt[b0 + unit] as number;
        const x1 = xt[b1 + unit] as number;
        const x2 = xt[b2 + unit] as number;
        const x3 = xt[b3 + unit] as number;
        s00 += a * x0; s01 += b * x0; s02 += c * x0; s03 += d * x0;
        s10 += a * x1; s11 += b * x1; s12 += c * x1; s13 += d * x1;
        s20 += a * x2; s21 += b * x2; s22 += c * x2; s23 += d * x2;
        s30 += a * x3; s31 += b * x3; s32 += c * x3; s33 += d * x3;
      }
      const put = (i: number, v0: number, v1: number, v2: number, v3: number): void => {
        // Highest field first: each is the whole quotient, the rest the lower fields.
        for (let f = per - 1; f >= 0; f--) {
          const c = (j + i) * per + f;
          const shift = shifts[f] as number;
          const f0 = Math.floor(v0 / shift);
          const f1 = Math.floor(v1 / shift);
          const f2 = Math.floor(v2 / shift);
          const f3 = Math.floor(v3 / shift);
          v0 -= f0 * shift;
          v1 -= f1 * shift;
          v2 -= f2 * shift;
          v3 -= f3 * shift;
          if (c >= cols.length) continue;
          const o = (cols[c] as number) * reps + r;
          out[o] = f0;
          if (r + 1 < reps) out[o + 1] = f1;
          if (r + 2 < reps) out[o + 2] = f2;
          if (r + 3 < reps) out[o + 3] = f3;
        }
      };
      put(0, s00, s01, s02, s03);
      put(1, s10, s11, s12, s13);
      put(2, s20, s21, s22, s23);
      put(3, s30, s31, s32, s33);
    }
  }
  return out;
}

/** The k-th smallest (0-based) of a[0..m), reordering a so that every later element is at least it: Hoare selection. */
function select(a: Float64Array, m: number, k: number): number {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/**
 * Percentile bounds of replicate values (NaN = a replicate that says nothing), the same values a
 * sort would give, by selection (two order statistics each, no full sort); reorders `values`.
 *
 * @example
 * percentileBounds(Float64Array.from([3, 1, NaN, 2]), 0.5); // { low: 1.5, high: 2.5 }
 */
export function percentileBounds(values: Float64Array, level = LEVEL): { low: number | null; high: number | null } {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) values[m++] = v;
  }
  if (m === 0) return { low: null, high: null };
  const at = (q: number): number => {
    const pos = (m - 1) * q;
    const lo = Math.floor(pos);
    const a = select(values, m, lo);
    let b = a;
    // The next order statistic is the least of what selection left after position lo.
    if (Math.ceil(pos) > lo) {
      b = Number.POSITIVE_INFINITY;
      for (let i = lo + 1; i < m; i++) if ((values[i] as number) < b) b = values[i] as number;
    }
    return a + (b - a) * (pos - lo);
  };
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

function bounds(values: Float64Array): { low: number | null; high: number | null } {
  return percentileBounds(values);
}

/**
 * The bootstrap units of every period in one pass over the selected rows in table order (each
 * period's rows visited alone were scattered over the table: a cache miss per row). `pid` gives a
 * table row's period (negative: none); null puts every row in period 0 (the headline).
 */
function periodUnitsOf(table: CountTable, all: ArrayLike<number>, pid: Int32Array | null, sizes: Int32Array, layout: Layout, groups: number, authorCol: number): Units[] {
  const V = layout.voices.length;
  const K = V + layout.codes.length * V;
  const P = sizes.length;
  const unitBase = new Int32Array(P + 1); // first unit of each period in the shared array
  for (let p = 0; p < P; p++) unitBase[p + 1] = (unitBase[p] as number) + Math.min(sizes[p] as number, groups);
  const x = new Int32Array((unitBase[P] as number) * K);
  const totals = new Float64Array(P * K);
  const negated = new Float64Array(P * K);
  const docsPerVoice = new Float64Array(P * V);
  const seen = new Int32Array(P); // rows of each period met so far: the unit of a small period
  const perVoice = new Float64Array(V);
  const { quads, rowPtr } = table;
  for (let j = 0; j < all.length; j++) {
    const i = all[j] as number;
    const p = pid === null ? 0 : (pid[i] as number);
    if (p < 0) continue;
    const size = sizes[p] as number;
    const unit = size <= groups ? (seen[p] as number) : mix(table.docIds[i] as number) % groups;
    seen[p] = (seen[p] as number) + 1;
    const base = ((unitBase[p] as number) + unit) * K;
    const tb = p * K;
    const vmap = voiceMap(layout, table, i, authorCol);
    for (let q = (rowPtr[i] as number) * 4; q < (rowPtr[i + 1] as number) * 4; q += 4) {
      const v = vmap[quads[q] as number] ?? -1;
      if (v < 0) continue;
      const code = quads[q + 1] as number;
      const a = quads[q + 2] as number;
      if (code === 0) {
        x[base + v] = (x[base + v] as number) + a;
        totals[tb + v] = (totals[tb + v] as number) + a;
        perVoice[v] = (perVoice[v] as number) + a;
        continue;
      }
      const c = layout.codeOfName[code] ?? -1;
      if (c < 0) continue;
      const k = V + c * V + v;
      x[base + k] = (x[base + k] as number) + a;
      totals[tb + k] = (totals[tb + k] as number) + a;
      negated[tb + k] = (negated[tb + k] as number) + (quads[q + 3] as number);
    }
    for (let v = 0; v < V; v++) {
      if (perVoice[v] !== 0) docsPerVoice[p * V + v] = (docsPerVoice[p * V + v] as number) + 1;
      perVoice[v] = 0;
    }
  }
  const out: Units[] = [];
  for (let p = 0; p < P; p++) {
    out.push({
      x: x.subarray((unitBase[p] as number) * K, (unitBase[p + 1] as number) * K),
      count: (unitBase[p + 1] as number) - (unitBase[p] as number),
      totals: totals.subarray(p * K, (p + 1) * K),
      negated: negated.subarray(p * K, (p + 1) * K),
      docsPerVoice: docsPerVoice.subarray(p * V, (p + 1) * V),
    });
  }
  return out;
}

function tally(table: CountTable, rows: ArrayLike<number>, layout: Layout, gapSides: [string, string], reps: number, seed: number, groups: number): Tally {
  const authorCol = layout.voiceIndex.get(AUTHOR) as number;
  return tallyOfUnits(unitsOf(table, rows, layout, groups, authorCol), rows.length, layout, gapSides, reps, seed);
}

function tallyOfUnits(m: Units, documents: number, layout: Layout, gapSides: [string, string], reps: number, seed: number): Tally {
  const V = layout.voices.length;
  const K = V + layout.codes.length * V;
  const sums = documents > 0 ? resampleSums(m, K, reps, seed) : new Float64Array(0);
  const share = (num: number, den: number): number => (den > 0 ? num / den : 0);
  const replicates = (k: number, v: number): Float64Array => {
    const out = new Float64Array(documents > 0 ? reps : 0);
    for (let r = 0; r < out.length; r++) {
      const den = sums[v * reps + r] as number;
      out[r] = den > 0 ? (sums[k * reps + r] as number) / den : Number.NaN; // a replicate without the voice says nothing
    }
    return out;
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
    const both = (m.totals[ga] as number) > 0 && (m.totals[gb] as number) > 0;
    const va = replicates(V + c * V + ga, ga);
    const vb = replicates(V + c * V + gb, gb);
    const gapValues = new Float64Array(both ? va.length : 0);
    for (let r = 0; r < gapValues.length; r++) gapValues[r] = (va[r] as number) - (vb[r] as number);
    layout.voices.forEach((voice, v) => {
      const k = V + c * V + v;
      const den = m.totals[v] as number;
      const values = v === ga ? va : v === gb ? vb : den > 0 ? replicates(k, v) : new Float64Array(0);
      cells.set(voice, { raised: m.totals[k] as number, negated: m.negated[k] as number, share: share(m.totals[k] as number, den), ...bounds(den > 0 ? values : new Float64Array(0)) });
    });
    const estimate = (cells.get(gapSides[0]) as CodeCell).share - (cells.get(gapSides[1]) as CodeCell).share;
    codes.set(code, { voices: cells, gap: { estimate, ...bounds(gapValues) } });
  });
  return { documents, sentences, voices, codes };
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
  out.bootstrap = { reps: m.reps, seed: m.seed, level: LEVEL, over: 'documents', groups: m.groups, ...(m.periods ? { periodGroups: m.periodGroups, periodReps: m.periodReps } : {}) };
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
 * const m = measure(store.countTable({ codebook: cb.version }), { codebook: cb, codes: ['autonomy'], sides: ['washington', 'tokyo', 'other'] });
 * m.codes.get('autonomy')?.gap.estimate;
 */
export function measure(input: readonly DocCounts[] | CountTable | CountSelection, opts: MeasureOptions): Measurement {
  let table: CountTable;
  let selected: Int32Array | null = null; // rows of `table` a selection keeps, null: all
  if (Array.isArray(input)) table = countTableOf(input as readonly DocCounts[]);
  else if ('table' in input) ({ table, rows: selected } = input as CountSelection);
  else table = input as CountTable;
  const n = selected ? selected.length : table.docIds.length;
  const gapSides = opts.gapSides ?? defaultGapSides(opts.sides);
  const reps = opts.reps ?? 2000;
  const seed = opts.seed ?? 1;
  const groups = opts.groups ?? BOOTSTRAP_GROUPS;
  const periodGroups = Math.min(groups, opts.periodGroups ?? PERIOD_GROUPS);
  const periodReps = Math.min(reps, opts.periodReps ?? PERIOD_REPS);
  const minSentences = opts.minSentences ?? 30;
  const authorAsSide = opts.authorAsSide === true;
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`measure: reps must be a positive integer (got ${reps})`);
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`measure: groups must be a positive integer (got ${groups})`);
  if (!Number.isInteger(periodGroups) || periodGroups < 1) throw new Error(`measure: periodGroups must be a positive integer (got ${periodGroups})`);
  if (!Number.isInteger(periodReps) || periodReps < 1) throw new Error(`measure: periodReps must be a positive integer (got ${periodReps})`);
  const messages: Message[] = [];

  // Voices: the codebook's sides, then author, then any other voice found in the stored decisions.
  const known = [...opts.sides.filter((s) => s !== AUTHOR), AUTHOR];
  for (const s of gapSides) if (!known.includes(s)) known.push(s);
  const derived = derivedOf(table);
  // Voices found in the rows measured: the whole table's are kept with it, a selection's counted afresh.
  let seenVoices = selected ? undefined : derived.voices;
  if (!seenVoices) {
    // Flags by name id, not a Set: one typed-array store per voice count.
    let top = 0;
    for (const id of table.names.keys()) top = Math.max(top, id);
    const seen = new Uint8Array(top + 1);
    const { quads, rowPtr } = table;
    const mark = (from: number, to: number): void => {
      for (let q = from; q < to; q += 4) if (quads[q + 1] === 0) seen[quads[q] as number] = 1;
    };
    if (selected) for (const i of selected) mark((rowPtr[i] as number) * 4, (rowPtr[i + 1] as number) * 4);
    else mark(0, quads.length);
    seenVoices = new Set<number>();
    for (let id = 0; id <= top; id++) if (seen[id] === 1) seenVoices.add(id);
    if (!selected) derived.voices = seenVoices;
  }
  const extra = new Set<string>();
  for (const id of seenVoices) {
    const v = table.names.get(id);
    if (v !== undefined && !known.includes(v)) extra.add(v);
  }
  const voices = [...known, ...[...extra].sort()];
  if (extra.size > 0) {
    messages.push(makeMessage('measure', 'measure:unknown-voice', 'info', `voices not declared by the codebook found in the store: ${[...extra].sort().join(', ')}`));
  }
  const voiceIndex = new Map(voices.map((v, i) => [v, i]));
  const codeIndex = new Map(opts.codes.map((c, i) => [c, i]));
  let maxId = 0;
  for (const id of table.names.keys()) maxId = Math.max(maxId, id);
  const voiceOfName = new Int32Array(maxId + 1).fill(-1);
  const codeOfName = new Int32Array(maxId + 1).fill(-1);
  for (const [id, name] of table.names) {
    voiceOfName[id] = voiceIndex.get(name) ?? -1;
    codeOfName[id] = codeIndex.get(name) ?? -1;
  }
  const layout: Layout = {
    voices,
    voiceIndex,
    codes: [...opts.codes],
    codeIndex,
    sideSet: new Set(opts.sides.filter((s) => s !== AUTHOR)),
    authorAsSide,
    voiceOfName,
    codeOfName,
    bySide: new Map(),
  };

  let all = selected;
  if (!all) {
    all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
  }
  // The headline figures of a table or of a kept selection (the store hands out one per filter) are
  // the same for every `by`: worked out once per options.
  const tallyKey = JSON.stringify([voices, layout.codes, gapSides, authorAsSide, reps, seed, groups]);
  let kept = derived.overall;
  if (selected) {
    kept = SELECTION_TALLIES.get(selected) ?? new Map<string, Tally>();
    SELECTION_TALLIES.set(selected, kept);
  }
  let overall = kept.get(tallyKey);
  if (!overall) {
    overall = tally(table, all, layout, gapSides, reps, seed, groups);
    if (kept.size >= KEPT_TALLIES) kept.delete(kept.keys().next().value as string);
    kept.set(tallyKey, overall);
  }
  if (n === 0) messages.push(makeMessage('measure', 'measure:empty', 'warning', 'no coded documents match: nothing to measure'));
  for (const side of gapSides) {
    const count = overall.voices.get(side)?.sentences ?? 0;
    if (count < minSentences) {
      messages.push(makeMessage('measure', 'measure:few-sentences', 'warning', `${side} has only ${count} sentences: the gap is not reliable`));
    }
  }

  const m: Measurement = {
    codebook: { name: opts.codebook.name, version: opts.codebook.version },
    ...overall,
    gapSides: [gapSides[0], gapSides[1]],
    authorAsSide,
    reps,
    seed,
    groups,
    periodGroups,
    periodReps,
    messages,
  };
  if (opts.by) {
    // Period sizes, then every period's units from one pass over the rows in table order.
    const byKey = derived.periods.get(opts.by) ?? periodIds(table, opts.by);
    derived.periods.set(opts.by, byKey);
    const { pid, names } = byKey;
    const sizes = new Int32Array(names.length);
    let undated = 0;
    for (let j = 0; j < n; j++) {
      const id = pid[all[j] as number] as number;
      if (id >= 0) sizes[id] = (sizes[id] as number) + 1;
      else undated++;
    }
    const units = periodUnitsOf(table, all, pid, sizes, layout, periodGroups, layout.voiceIndex.get(AUTHOR) as number);
    // Periods with no selected document are left out, as a copied table would not know them.
    const order = names.map((name, id) => [name, id] as const).filter(([, id]) => (sizes[id] as number) > 0).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    m.periods = order.map(([period, id]) => ({ period, ...tallyOfUnits(units[id] as Units, sizes[id] as number, layout, gapSides, periodReps, seed) }));
    if (undated > 0) {
      messages.push(makeMessage('measure', 'measure:undated', 'info', `${undated} documents have no date precise enough for a ${opts.by}ly trend and are left out of the periods`));
    }
  }
  m.toJSON = function (this: Measurement) {
    return measurementJson(this);
  };
  return m;
}
