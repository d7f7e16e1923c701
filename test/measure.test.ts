import { describe, expect, it } from 'vitest';
import { countTableOf, measure, measurementJson, percentileBounds, periodOf, type Measurement } from '../src/measure.js';
import { bootstrap, seededRandom } from '../src/stats.js';
import type { DocCounts } from '../src/store/index.js';

const CB = { name: 'test', version: 'v1' };
const SIDES = ['washington', 'tokyo', 'other'];

/** A document row from sentences per voice and raised (and negated) counts per code and voice. */
function row(
  docId: number,
  voices: Record<string, number>,
  codes: Record<string, Record<string, [number, number] | number>>,
  extra: { date?: string; side?: string | null } = {},
): DocCounts {
  const r: DocCounts = { docId, side: extra.side ?? null, lang: 'en', voices: new Map(Object.entries(voices)), codes: new Map() };
  if (extra.date) r.date = extra.date;
  for (const [code, perVoice] of Object.entries(codes)) {
    r.codes.set(code, new Map(Object.entries(perVoice).map(([v, c]) => [v, Array.isArray(c) ? { raised: c[0], negated: c[1] } : { raised: c, negated: 0 }])));
  }
  return r;
}

/** A corpus where tokyo raises `a` in about pTokyo of its sentences and washington in about pWash. */
function corpus(seed: number, docs: number, pTokyo: number, pWash: number): DocCounts[] {
  const rand = seededRandom(seed);
  const rows: DocCounts[] = [];
  for (let d = 0; d < docs; d++) {
    const nt = 1 + Math.floor(rand() * 8);
    const nw = 1 + Math.floor(rand() * 8);
    let at = 0;
    let aw = 0;
    for (let i = 0; i < nt; i++) if (rand() < pTokyo) at++;
    for (let i = 0; i < nw; i++) if (rand() < pWash) aw++;
    rows.push(row(d, { tokyo: nt, washington: nw, author: 2 }, { a: { tokyo: at, washington: aw } }, { date: `${2000 + (d % 3)}-0${1 + (d % 6)}-15`, side: d % 2 ? 'tokyo' : 'washington' }));
  }
  return rows;
}

const cell = (m: Measurement, code: string, voice: string) => m.codes.get(code)?.voices.get(voice);

describe('percentileBounds', () => {
  it('gives exactly the interpolated quantiles of a sort, ignoring NaN, with ties and any length', () => {
    const rand = seededRandom(3);
    const sorted = (xs: number[], q: number): number => {
      const ys = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      const pos = (ys.length - 1) * q;
      const lo = Math.floor(pos);
      return (ys[lo] as number) + ((ys[Math.ceil(pos)] as number) - (ys[lo] as number)) * (pos - lo);
    };
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 60);
      // Few distinct values (ties), some NaN, some negatives.
      const xs = Array.from({ length: n }, () => (rand() < 0.1 ? Number.NaN : Math.round((rand() - 0.3) * 8) / 4));
      const got = percentileBounds(Float64Array.from(xs), trial % 2 ? 0.95 : 0.5);
      if (xs.every((x) => Number.isNaN(x))) {
        expect(got).toEqual({ low: null, high: null });
        continue;
      }
      const level = trial % 2 ? 0.95 : 0.5;
      expect(got.low).toBeCloseTo(sorted(xs, (1 - level) / 2), 12);
      expect(got.high).toBeCloseTo(sorted(xs, 1 - (1 - level) / 2), 12);
    }
  });
});

describe('measure', () => {
  it('computes shares as ratio of sums and the gap tokyo − washington', () => {
    const rows = [
      row(1, { tokyo: 4, washington: 2 }, { a: { tokyo: 2, washington: [0, 1] } }),
      row(2, { tokyo: 6, author: 5 }, { a: { tokyo: 1 }, b: { author: 2 } }),
    ];
    const m = measure(rows, { codebook: CB, codes: ['a', 'b'], sides: SIDES, reps: 200, minSentences: 1 });
    expect(m.documents).toBe(2);
    expect(m.sentences).toBe(17);
    expect(m.voices.get('tokyo')).toEqual({ sentences: 10, documents: 2 });
    expect(m.voices.get('author')).toEqual({ sentences: 5, documents: 1 });
    expect(m.voices.get('other')).toEqual({ sentences: 0, documents: 0 });
    expect(cell(m, 'a', 'tokyo')?.share).toBeCloseTo(3 / 10);
    expect(cell(m, 'a', 'washington')).toMatchObject({ raised: 0, negated: 1, share: 0 });
    expect(m.codes.get('a')?.gap.estimate).toBeCloseTo(0.3);
    // A voice with no sentences has share 0 and no interval.
    expect(cell(m, 'a', 'other')).toEqual({ raised: 0, negated: 0, share: 0, low: null, high: null });
    // Author is reported apart: its code b does not enter the gap.
    expect(cell(m, 'b', 'author')?.share).toBeCloseTo(0.4);
    expect(m.codes.get('b')?.gap.estimate).toBe(0);
  });

  it('gives a positive gap when tokyo raises more, negative when reversed, with intervals around the estimate', () => {
    const up = measure(corpus(3, 300, 0.4, 0.1), { codebook: CB, codes: ['a'], sides: SIDES, reps: 500 });
    const g = up.codes.get('a')?.gap;
    expect(g?.estimate).toBeGreaterThan(0.2);
    expect(g?.low).toBeGreaterThan(0);
    expect(g?.low).toBeLessThanOrEqual(g?.estimate as number);
    expect(g?.high).toBeGreaterThanOrEqual(g?.estimate as number);
    for (const v of ['tokyo', 'washington']) {
      const c = cell(up, 'a', v);
      expect(c?.low).toBeLessThanOrEqual(c?.share as number);
      expect(c?.high).toBeGreaterThanOrEqual(c?.share as number);
    }
    const down = measure(corpus(3, 300, 0.1, 0.4), { codebook: CB, codes: ['a'], sides: SIDES, reps: 500 });
    expect(down.codes.get('a')?.gap.high).toBeLessThan(0);
    const swapped = measure(corpus(3, 300, 0.1, 0.4), { codebook: CB, codes: ['a'], sides: SIDES, reps: 500, gapSides: ['washington', 'tokyo'] });
    expect(swapped.codes.get('a')?.gap.estimate).toBeCloseTo(-(down.codes.get('a')?.gap.estimate as number));
  });

  it('agrees with a plain resample-documents bootstrap of the ratio of sums', () => {
    const rows = corpus(13, 150, 0.35, 0.15);
    const m = measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 4000 });
    const share = (rs: readonly DocCounts[], v: string): number => {
      let num = 0;
      let den = 0;
      for (const r of rs) {
        num += r.codes.get('a')?.get(v)?.raised ?? 0;
        den += r.voices.get(v) ?? 0;
      }
      return num / den;
    };
    const plain = bootstrap(rows, (rs) => share(rs, 'tokyo') - share(rs, 'washington'), { reps: 4000, seed: 3 });
    const g = m.codes.get('a')?.gap;
    expect(g?.estimate).toBeCloseTo(plain.estimate, 10);
    const width = plain.high - plain.low;
    expect(Math.abs((g?.low as number) - plain.low)).toBeLessThan(width * 0.1);
    expect(Math.abs((g?.high as number) - plain.high)).toBeLessThan(width * 0.1);
  });

  it('interval width shrinks as documents grow (the bootstrap sees the sample size)', () => {
    const width = (docs: number): number => {
      const g = measure(corpus(5, docs, 0.3, 0.2), { codebook: CB, codes: ['a'], sides: SIDES, reps: 400 }).codes.get('a')?.gap;
      return (g?.high as number) - (g?.low as number);
    };
    expect(width(1600)).toBeLessThan(width(100) * 0.6);
  });

  it('is deterministic for a seed and changes with another seed', () => {
    const rows = corpus(9, 80, 0.3, 0.2);
    const a = JSON.stringify(measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 300, seed: 4 }));
    const b = JSON.stringify(measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 300, seed: 4 }));
    const c = JSON.stringify(measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 300, seed: 5 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('gives the same headline figures from a kept table as from a fresh one, whatever the period and replicate count', () => {
    const rows = corpus(21, 700, 0.3, 0.2);
    const table = countTableOf(rows);
    const headline = (m: Measurement): string => JSON.stringify({ ...measurementJson(m), periods: undefined, bootstrap: undefined });
    for (const reps of [1, 2, 3, 5, 7, 301]) {
      const fresh = headline(measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps, seed: 3, groups: 64 }));
      // The second and third calls reuse the kept headline tally of `table`; a changed seed must not.
      expect(headline(measure(table, { codebook: CB, codes: ['a'], sides: SIDES, reps, seed: 3, groups: 64 }))).toBe(fresh);
      expect(headline(measure(table, { codebook: CB, codes: ['a'], sides: SIDES, reps, seed: 3, groups: 64, by: 'year' }))).toBe(fresh);
      if (reps > 3) expect(headline(measure(table, { codebook: CB, codes: ['a'], sides: SIDES, reps, seed: 4, groups: 64, by: 'quarter' }))).not.toBe(fresh);
    }
  });

  it('counts author sentences for their document side only with authorAsSide', () => {
    const rows = [
      row(1, { author: 10, tokyo: 10 }, { a: { author: 5, tokyo: 1 } }, { side: 'tokyo' }),
      row(2, { author: 4 }, { a: { author: 4 } }, { side: null }),
      row(3, { washington: 10 }, {}, { side: 'washington' }),
    ];
    const apart = measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 100, minSentences: 1 });
    expect(apart.voices.get('tokyo')?.sentences).toBe(10);
    expect(cell(apart, 'a', 'tokyo')?.share).toBeCloseTo(0.1);
    expect(cell(apart, 'a', 'author')?.raised).toBe(9);
    const asSide = measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 100, minSentences: 1, authorAsSide: true });
    expect(asSide.voices.get('tokyo')).toEqual({ sentences: 20, documents: 1 });
    expect(cell(asSide, 'a', 'tokyo')?.share).toBeCloseTo(6 / 20);
    // The author sentences of the document without a side stay author.
    expect(asSide.voices.get('author')?.sentences).toBe(4);
    expect(asSide.codes.get('a')?.gap.estimate).toBeCloseTo(0.3);
  });

  it('splits into periods by year, quarter and month; undated documents are counted in a message', () => {
    const rows = [
      row(1, { tokyo: 2 }, { a: { tokyo: 1 } }, { date: '2003-02-01' }),
      row(2, { tokyo: 2 }, { a: { tokyo: 2 } }, { date: '2003-11-30' }),
      row(3, { tokyo: 4 }, {}, { date: '2004' }),
      row(4, { tokyo: 4 }, {}),
    ];
    const byYear = measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 50, by: 'year' });
    expect(byYear.periods?.map((p) => [p.period, p.documents])).toEqual([['2003', 2], ['2004', 1]]);
    expect(byYear.periods?.[0]?.codes.get('a')?.voices.get('tokyo')?.share).toBeCloseTo(0.75);
    expect(byYear.messages.some((msg) => msg.ruleId === 'measure:undated' && msg.reason.startsWith('1 '))).toBe(true);
    const byQuarter = measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 50, by: 'quarter' });
    expect(byQuarter.periods?.map((p) => p.period)).toEqual(['2003-Q1', '2003-Q4']);
    expect(byQuarter.messages.find((msg) => msg.ruleId === 'measure:undated')?.reason).toMatch(/^2 /);
    expect(periodOf('2003-05-14', 'month')).toBe('2003-05');
    expect(periodOf('May 2003', 'year')).toBeUndefined();
    expect(measure(rows, { codebook: CB, codes: ['a'], sides: SIDES, reps: 50 }).periods).toBeUndefined();
  });

  it('takes the gap between the first two declared sides of another codebook', () => {
    const m = measure([row(1, { paris: 10, berlin: 10 }, { a: { paris: 1, berlin: 4 } })], { codebook: CB, codes: ['a'], sides: ['paris', 'berlin', 'other'], reps: 20, minSentences: 1 });
    expect(m.gapSides).toEqual(['berlin', 'paris']);
    expect(m.codes.get('a')?.gap.estimate).toBeCloseTo(0.3);
    expect([...m.voices.keys()]).toEqual(['paris', 'berlin', 'other', 'author']);
  });

  it('warns when a gap side has few sentences', () => {
    const m = measure([row(1, { tokyo: 12, washington: 40 }, {})], { codebook: CB, codes: ['a'], sides: SIDES, reps: 20 });
    const reasons = m.messages.map((x) => x.reason);
    expect(reasons).toContain('tokyo has only 12 sentences: the gap is not reliable');
    expect(reasons.some((r) => r.startsWith('washington'))).toBe(false);
  });

  it('serialises to the stable JSON shape', () => {
    const m = measure(corpus(2, 20, 0.3, 0.2), { codebook: CB, codes: ['a'], sides: SIDES, reps: 50, by: 'year' });
    const j = JSON.parse(JSON.stringify(m));
    expect(j).toEqual(JSON.parse(JSON.stringify(measurementJson(m))));
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['codebook', 'documents', 'sentences', 'voices', 'codes', 'periods', 'messages']));
    expect(Object.keys(j.voices)).toEqual(['washington', 'tokyo', 'other', 'author']);
    expect(Object.keys(j.codes.a)).toEqual(['washington', 'tokyo', 'other', 'author', 'gap']);
    expect(Object.keys(j.codes.a.tokyo)).toEqual(['raised', 'negated', 'share', 'low', 'high']);
    expect(Object.keys(j.codes.a.gap)).toEqual(['estimate', 'low', 'high']);
    expect(j.periods[0]).toHaveProperty('period');
    expect(j.periods[0].codes.a).toHaveProperty('gap');
    // A copy with more messages (as the CLI makes) still serialises its own messages.
    const copy = { ...m, messages: [...m.messages, { ruleId: 'x:y', source: 'x', severity: 'info' as const, reason: 'extra', place: {} }] };
    expect(JSON.parse(JSON.stringify(copy)).messages.at(-1).reason).toBe('extra');
  });

  it('measures 20k documents × 10 codes × 2000 replicates quickly', () => {
    const rand = seededRandom(11);
    const codes = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const rows: DocCounts[] = [];
    for (let d = 0; d < 20000; d++) {
      const voices: Record<string, number> = {};
      for (const v of ['washington', 'tokyo', 'other', 'author']) if (rand() < 0.5) voices[v] = 1 + Math.floor(rand() * 10);
      const perCode: Record<string, Record<string, number>> = {};
      for (const c of codes) for (const [v, n] of Object.entries(voices)) if (rand() < 0.1) (perCode[c] ??= {})[v] = Math.ceil(rand() * n);
      rows.push(row(d, voices, perCode));
    }
    const t = performance.now();
    const m = measure(rows, { codebook: CB, codes, sides: SIDES });
    const ms = performance.now() - t;
    expect(m.documents).toBe(20000);
    expect(ms).toBeLessThan(3000);
  });
});

describe('measure: replicate sums of whole-number counts', () => {
  it('gives the same intervals when every count is multiplied by a large factor (counts share a double only while exact)', () => {
    // Scaling every count leaves every share and every replicate ratio unchanged, while the
    // largest possible replicate sum grows from a few bits to over 26: the packing changes width.
    const base = corpus(11, 900, 0.3, 0.15);
    const scaled = (f: number): DocCounts[] => base.map((r) => ({
      ...r,
      voices: new Map([...r.voices].map(([v, n]) => [v, n * f])),
      codes: new Map([...r.codes].map(([c, per]) => [c, new Map([...per].map(([v, k]) => [v, { raised: k.raised * f, negated: k.negated * f }]))])),
    }));
    const opts = { codebook: CB, codes: ['a'], sides: SIDES, reps: 203, seed: 4, groups: 64, by: 'month' as const, periodReps: 101 };
    const shape = (m: Measurement): unknown => {
      const j = measurementJson(m) as { codes: Record<string, unknown>; periods: Array<{ codes: unknown }> };
      return [j.codes, j.periods.map((p) => p.codes)];
    };
    const ref = measure(base, opts);
    for (const f of [1000, 1_000_003, 2 ** 24]) {
      const big = measure(scaled(f), opts);
      const norm = (x: unknown): string => JSON.stringify(x, (k, v) => (k === 'raised' || k === 'negated' ? undefined : v));
      expect(norm(shape(big))).toBe(norm(shape(ref)));
      expect(big.codes.get('a')?.voices.get('tokyo')?.raised).toBe((ref.codes.get('a')?.voices.get('tokyo')?.raised as number) * f);
    }
  });
});
