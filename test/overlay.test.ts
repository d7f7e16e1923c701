import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measure, measurementJson } from '../src/measure.js';
import { docTone, loadSeries, outsideTone, overlay, overlayChartSvg, overlayJson, parseLag, renderOverlay, renderToneAgreement, seriesFromFlags, spearman, toneAgreement, type Series } from '../src/overlay.js';
import { trendWithOverlay } from '../src/overlay-spec.js';
import { trendSpec, type MeasurementJson } from '../src/report/charts.js';
import { specToSvg } from '../src/report/svg.js';
import { seededRandom } from '../src/stats.js';
import type { DocCounts } from '../src/store/index.js';
import type { Sentence, Tone } from '../src/types.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-overlay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Spearman for distinct values by the textbook formula, as an independent check. */
function spearmanNoTies(xs: number[], ys: number[]): number {
  const rank = (v: number[]): number[] => v.map((x) => v.filter((y) => y < x).length + 1);
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const d2 = rx.reduce((s, r, i) => s + (r - (ry[i] as number)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('spearman', () => {
  it('matches the rank-difference formula without ties', () => {
    const rand = seededRandom(7);
    for (let t = 0; t < 50; t++) {
      const n = 3 + Math.floor(rand() * 20);
      const xs = Array.from({ length: n }, (_, i) => i + rand() * 0.5);
      const ys = Array.from({ length: n }, () => rand());
      expect(spearman(xs, ys)).toBeCloseTo(spearmanNoTies(xs, ys), 10);
    }
  });

  it('uses average ranks for ties and is undefined for constants or tiny samples', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 20, 40])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNaN();
    expect(spearman([1, 2], [1, 2])).toBeNaN();
    expect(spearman([3, 1, 2], [30, 10, 20])).toBeCloseTo(1, 12);
  });
});

/** Documents per year 2000–2005 (none in 2003) whose share of `c` sentences is given per year. */
function measurementWith(shares: Map<number, number>): ReturnType<typeof measure> {
  const rows: DocCounts[] = [];
  let id = 0;
  for (const [year, share] of shares) {
    for (let d = 0; d < 4; d++) {
      const raised = Math.round(share * 20);
      rows.push({ docId: id++, date: `${year}-0${1 + d}-15`, side: 'tokyo', lang: 'ja', voices: new Map([['author', 20]]), codes: new Map([['c', new Map([['author', { raised, negated: 0 }]])]]) });
    }
  }
  return measure(rows, { codebook: { name: 't', version: 'v' }, codes: ['c'], sides: ['washington', 'tokyo'], by: 'year', reps: 20 });
}

describe('overlay', () => {
  const shares = new Map([[2000, 0.1], [2001, 0.3], [2002, 0.2], [2004, 0.5], [2005, 0.4]]);
  it('averages a monthly series into years, leaves gaps and correlates the known periods', () => {
    const points = new Map<string, number>();
    // 2004 missing from the series; one month per year holds an outlier the mean must absorb.
    for (const y of [2000, 2001, 2002, 2003, 2005]) for (let mo = 1; mo <= 12; mo++) points.set(`${y}-${String(mo).padStart(2, '0')}`, y - 1990 + (mo === 6 ? 12 : 0));
    const series: Series = { label: 'poll <like>', points, resolution: 'month' };
    const r = overlay(measurementWith(shares), series, { code: 'c' });
    expect(r.by).toBe('year');
    expect(r.rows.map((x) => x.period)).toEqual(['2000', '2001', '2002', '2003', '2004', '2005']);
    expect(r.rows.map((x) => x.share)).toEqual([0.1, 0.3, 0.2, null, 0.5, 0.4]);
    expect(r.rows.map((x) => x.value)).toEqual([11, 12, 13, 14, null, 16]);
    expect(r.spearman.n).toBe(4);
    expect(r.spearman.rho).toBeCloseTo(spearman([0.1, 0.3, 0.2, 0.4], [11, 12, 13, 16]), 12);
    const html = renderOverlay(r, 'html');
    expect(html).toContain('poll &#60;like&#62;');
    expect(html).not.toContain('<like>');
    // Two lines with gaps: the share line restarts after 2003, the series line after 2004.
    expect((html.match(/<path d="[^"]*"/g) ?? []).map((p) => (p.match(/M/g) ?? []).length)).toEqual([2, 2]);
    expect(JSON.parse(renderOverlay(r, 'json')).spearman.n).toBe(4);
    expect(renderOverlay(r, 'text')).toMatch(/n = 4 periods/);
    expect(renderOverlay(r, 'md').split('\n').filter((l) => l.startsWith('| 2')).length).toBe(6);
  });

  it('shifts the series by a lag', () => {
    // The series repeats the share one year later: lag 1 lines them up exactly.
    const points = new Map<string, number>();
    for (const [y, s] of shares) points.set(String(y + 1), s * 100);
    const r0 = overlay(measurementWith(shares), { label: 'x', points, resolution: 'year' }, { code: 'c', lag: 1 });
    expect(r0.spearman.n).toBe(5);
    expect(r0.spearman.rho).toBeCloseTo(1, 12);
    const none = overlay(measurementWith(shares), { label: 'x', points, resolution: 'year' }, { code: 'c' });
    expect(none.spearman.rho).not.toBeCloseTo(1, 3);
  });

  it('reports a measurement without a trend and an unknown code', () => {
    const m = measurementWith(shares);
    const flat = { ...m, periods: undefined };
    expect(overlay(flat, { label: 'x', points: new Map(), resolution: 'year' }, { code: 'c' }).messages[0]?.ruleId).toBe('overlay:no-trend');
    expect(overlay(m, { label: 'x', points: new Map(), resolution: 'year' }, { code: 'zz' }).messages[0]?.ruleId).toBe('overlay:unknown-code');
  });
});

describe('the trend chart with the series beside it', () => {
  it('draws the series on its own axis over every period, breaking its line at a missing one', async () => {
    const shares = new Map([[2000, 0.1], [2001, 0.3], [2002, 0.2], [2004, 0.5], [2005, 0.4]]);
    const m = measurementWith(shares);
    // Yearly values for every year but 2002: the series line must restart after it.
    const points = new Map([['2000', 30], ['2001', 35], ['2003', 33], ['2004', 40], ['2005', 38]]);
    const r = overlayJson(overlay(m, { label: 'Like <the U.S.>', points, resolution: 'year' }, { code: 'c' }));
    const svg = await specToSvg(trendWithOverlay(trendSpec(measurementJson(m) as unknown as MeasurementJson, 'c'), r));
    const series = /<path[^>]*stroke="#7a1f5c"[^>]*stroke-dasharray[^>]*>/.exec(svg)?.[0] ?? '';
    const d = /\sd="([^"]*)"/.exec(series)?.[1] ?? '';
    expect(d.match(/M/g)?.length).toBe(2);
    // One square per known value, in the named group.
    const group = svg.slice(svg.indexOf('outside_series_marks'));
    expect((group.slice(0, group.indexOf('</g>')).match(/<path/g) ?? []).length).toBe(points.size);
    // Every period of the axis is labelled, including 2003 (no documents) and 2002 (no value).
    for (const y of ['2000', '2001', '2002', '2003', '2004', '2005']) expect(svg).toContain(`>${y}</text>`);
    expect(svg).toContain('Like &lt;the U.S.&gt;');
    expect(svg).not.toContain('<the U.S.>');
    expect(svg).toContain(`Spearman rho = ${(r.spearman.rho as number).toFixed(2)}, 4 years`);
    // The correlated share (all sentences) is drawn too, broken at 2003 where there are no documents.
    const share = /<path[^>]*stroke="#333333"[^>]*>/.exec(svg.slice(svg.indexOf('overlay_share_marks')))?.[0] ?? '';
    expect((/\sd="([^"]*)"/.exec(share)?.[1] ?? '').match(/M/g)?.length).toBe(2);
    // The HTML report's fragment carries the same chart.
    const html = renderOverlay(overlay(m, { label: 'Like <the U.S.>', points, resolution: 'year' }, { code: 'c' }), 'html', { svg: await overlayChartSvg(m, overlay(m, { label: 'Like <the U.S.>', points, resolution: 'year' }, { code: 'c' })) });
    expect(html).toContain('outside_series_marks');
    expect(html).not.toMatch(/<script|<the U\.S\.>/);
  });
});

describe('overlay options', () => {
  it('reads lags and the series flags as report and serve give them', () => {
    expect(parseLag(undefined)).toBe(0);
    expect(parseLag('-2')).toBe(-2);
    for (const bad of ['x', '1.5', '99999']) expect((parseLag(bad) as { ruleId: string }).ruleId).toBe('overlay:bad-lag');
    expect(seriesFromFlags({})).toEqual({ messages: [] });
    expect(seriesFromFlags({ overlay: 'x.csv' }).messages[0]?.reason).toMatch(/--overlay-column/);
    const p = join(root, 'flags.csv');
    writeFileSync(p, 'ymonth,like\n198711,40\n198712,41\n');
    const r = seriesFromFlags({ overlay: p, overlayColumn: 'like', overlayDate: 'ymonth' });
    expect(r.info).toEqual({ label: 'like', column: 'like', file: p, resolution: 'month', points: 2, first: '1987-11', last: '1987-12' });
  });
});

describe('loadSeries', () => {
  it('reads YYYYMM, YYYY-MM and YYYY periods, leaves NA missing and names missing columns', () => {
    const p = join(root, 'poll.csv');
    writeFileSync(p, 'pm,ymonth,like\nA,198711,40.5\nA,1987-12,NA\nB,198801,42\nB,198801,44\nC,bad,1\n');
    const { series, messages } = loadSeries(p, { column: 'like', dateColumn: 'ymonth' });
    expect([...(series?.points ?? [])]).toEqual([['1987-11', 40.5], ['1988-01', 43]]);
    expect(series?.resolution).toBe('month');
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['overlay:bad-period', 'overlay:repeated-period']);
    const miss = loadSeries(p, { column: 'dislike', dateColumn: 'ymonth' });
    expect(miss.series).toBeUndefined();
    expect(miss.messages[0]?.reason).toContain('"pm", "ymonth", "like"');
    const years = join(root, 'y.csv');
    writeFileSync(years, 'date,v\n2001,1\n2002,2\n');
    expect(loadSeries(years, { column: 'v' }).series?.resolution).toBe('year');
  });
});

describe('outside tone', () => {
  it('maps the outside flags to tones, only for hand-coded rows', () => {
    expect(outsideTone({ train_us: '1', cdneg_us: '1', cdpos_us: '0' })).toBe('negative');
    expect(outsideTone({ train_us: '1', cdneg_us: '0', cdpos_us: '1' })).toBe('positive');
    expect(outsideTone({ train_us: '1', cdneg_us: '1', cdpos_us: '1' })).toBe('mixed');
    expect(outsideTone(new Map([['train_us', '1'], ['cdneg_us', 'NA'], ['cdpos_us', '0']]))).toBe('neutral');
    expect(outsideTone({ train_us: '0', cdneg_us: '1', cdpos_us: '0' })).toBeUndefined();
    expect(outsideTone({ cdneg_us: '1' })).toBeUndefined();
  });

  it('gives a document one tone from its sentences', () => {
    const s = (t: Tone): Pick<Sentence, 'decision'> => ({ decision: { tone: t, voice: { voice: 'author', how: 'default' }, raised: [], negated: [], toneEvidence: [] } });
    expect(docTone([s('negative')])).toBe('negative');
    expect(docTone([s('negative'), s('positive')])).toBe('mixed');
    expect(docTone([s('neutral'), s('positive')])).toBe('positive');
    expect(docTone([])).toBe('neutral');
  });

  it('computes kappa with a bootstrap interval and the confusion table', () => {
    const rand = seededRandom(3);
    const tones: Tone[] = ['negative', 'positive', 'neutral'];
    const pairs = Array.from({ length: 300 }, () => {
      const outside = tones[Math.floor(rand() * 3)] as Tone;
      // The tool agrees 70% of the time, otherwise guesses.
      const tool = rand() < 0.7 ? outside : (tones[Math.floor(rand() * 3)] as Tone);
      return { outside, tool };
    });
    const a = toneAgreement(pairs, { reps: 300, seed: 1 });
    expect(a.n).toBe(300);
    const po = pairs.filter((p) => p.outside === p.tool).length / 300;
    expect(a.agreement).toBeCloseTo(po, 12);
    expect(a.kappa.estimate).toBeGreaterThan(0.5);
    expect(a.kappa.estimate).toBeLessThan(po);
    expect(a.kappa.low).toBeLessThan(a.kappa.estimate);
    expect(a.kappa.high).toBeGreaterThan(a.kappa.estimate);
    let total = 0;
    for (const row of a.confusion.values()) for (const v of row.values()) total += v;
    expect(total).toBe(300);
    expect(a.confusion.get('negative')?.get('negative')).toBe(pairs.filter((p) => p.outside === 'negative' && p.tool === 'negative').length);
    const text = renderToneAgreement(a, 'text');
    expect(text).toContain('tone toward the U.S.');
    expect(JSON.parse(renderToneAgreement(a, 'json')).confusion.negative.negative).toBe(a.confusion.get('negative')?.get('negative'));
  });
});
