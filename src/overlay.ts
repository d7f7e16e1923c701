/**
 * Setting outside data beside what the texts say: an external series (a monthly opinion poll) laid
 * over one code's trend with Spearman's rank correlation and a lag, rendered for the terminal, JSON,
 * Markdown and HTML (the dashboard's chart from `overlay-spec.ts`). Agreement with another project's
 * tone coding lives in `outside.ts` (its names are re-exported here). Pure apart from reading the
 * series file; it never touches text processing.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { OverlayJson, SeriesInfo } from './api-types.js';
import { measurementJson, type Measurement } from './measure.js';
import { trendWithOverlay } from './overlay-spec.js';
import { trendSpec, type MeasurementJson } from './report/charts.js';
import { makeMessage } from './messages.js';
import { decodeBytes } from './read/decode.js';
import type { Store } from './store/index.js';
import { goldTone, US_TONE_MAP, type GoldMap } from './outside.js';
import type { Message, Tone } from './types.js';

/** An external series: values by period (`YYYY-MM` or `YYYY`). */
export interface Series {
  label: string;
  /** Period → value; a period absent here is missing, never filled. */
  points: Map<string, number>;
  resolution: 'month' | 'year';
}

/** Options of `loadSeries`. */
export interface SeriesOptions {
  /** The column holding the values. */
  column: string;
  /** The column holding the period: `YYYYMM`, `YYYY-MM` or `YYYY` (default `date`). */
  dateColumn?: string;
  /** Name shown in output (default: the column). */
  label?: string;
}

function periodKey(raw: string): { key: string; resolution: 'month' | 'year' } | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-?(\d{2})(?:-?\d{2})?$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { key: `${m[1]}-${m[2]}`, resolution: 'month' } : undefined;
  }
  m = /^(\d{4})$/.exec(s);
  return m ? { key: m[1] as string, resolution: 'year' } : undefined;
}

/**
 * Read an external series from a CSV file (any encoding the readers detect). Empty and `NA` values
 * are missing; two rows for one period are averaged (with a message). A missing column is a fatal
 * message naming the columns that exist.
 *
 * @example
 * const { series } = loadSeries('jiji-poll.csv', { column: 'likestate_us', dateColumn: 'ymonth' });
 */
export function loadSeries(file: string, opts: SeriesOptions): { series?: Series; messages: Message[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { messages: [makeMessage('overlay', 'overlay:io', 'fatal', `cannot read series: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file })] };
  }
  return parseSeries(bytes, opts, file);
}

/**
 * Read an external series from the bytes of a CSV file (an upload, or a file read by
 * `loadSeries`): encoding detected, columns matched case-insensitively, problems as messages.
 *
 * @example
 * const { series } = parseSeries(Buffer.from('ymonth,like\n198711,40\n'), { column: 'like', dateColumn: 'ymonth' }, 'poll.csv');
 */
export function parseSeries(bytes: Uint8Array, opts: SeriesOptions, file: string): { series?: Series; messages: Message[] } {
  const messages: Message[] = [];
  const decoded = decodeBytes(bytes, { file });
  if (decoded.text === undefined) return { messages: decoded.messages };
  let rows: string[][];
  try {
    rows = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    return { messages: [makeMessage('overlay', 'overlay:csv', 'fatal', `not a readable CSV: ${(e as Error).message}`, { file })] };
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const find = (name: string): number => header.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
  const dateName = opts.dateColumn ?? 'date';
  const vi = find(opts.column);
  const di = find(dateName);
  const missing = [vi < 0 ? `value column "${opts.column}"` : '', di < 0 ? `date column "${dateName}"` : ''].filter((s) => s !== '');
  if (missing.length > 0) {
    return { messages: [makeMessage('overlay', 'overlay:no-column', 'fatal', `no ${missing.join(' or ')}; the columns are ${header.map((h) => JSON.stringify(h)).join(', ')}`, { file, line: 1 })] };
  }
  const sums = new Map<string, { sum: number; n: number }>();
  const resolutions = new Set<'month' | 'year'>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const p = periodKey(r[di] ?? '');
    if (!p) {
      messages.push(makeMessage('overlay', 'overlay:bad-period', 'warning', `period "${r[di] ?? ''}" is not YYYYMM, YYYY-MM or YYYY; row skipped`, { file, line }));
      return;
    }
    const raw = (r[vi] ?? '').trim();
    if (raw === '' || /^(na|nan|null|-)$/i.test(raw)) return;
    const v = Number(raw);
    if (!Number.isFinite(v)) {
      messages.push(makeMessage('overlay', 'overlay:bad-value', 'warning', `value "${raw}" is not a number; left missing`, { file, line }));
      return;
    }
    resolutions.add(p.resolution);
    const acc = sums.get(p.key) ?? { sum: 0, n: 0 };
    acc.sum += v;
    acc.n++;
    sums.set(p.key, acc);
  });
  if (resolutions.size > 1) messages.push(makeMessage('overlay', 'overlay:mixed-periods', 'warning', 'the series mixes months and years; years are kept apart from months', { file }));
  const points = new Map<string, number>();
  let repeated = 0;
  for (const [k, { sum, n }] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    points.set(k, sum / n);
    if (n > 1) repeated++;
  }
  if (repeated > 0) messages.push(makeMessage('overlay', 'overlay:repeated-period', 'info', `${repeated} period(s) had more than one row; their values were averaged`, { file }));
  return { series: { label: opts.label ?? opts.column, points, resolution: resolutions.has('month') ? 'month' : 'year' }, messages };
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[(order[k] as readonly [number, number])[1]] = r;
    i = j + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation with ties (Pearson correlation of average ranks); NaN when fewer
 * than 3 pairs or when one side is constant.
 *
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 20, 40]); // 0.9486…
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new Error('overlay: spearman needs two lists of one length');
  const n = xs.length;
  if (n < 3) return Number.NaN;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** One period of an overlay: the code's share and the series value, `null` where missing. */
export interface OverlayRow {
  period: string;
  share: number | null;
  sentences: number;
  value: number | null;
}

/** The result of `overlay`. */
export interface OverlayResult {
  code: string;
  /** The voice whose share is used; `all` for every sentence. */
  voice: string;
  label: string;
  by: 'year' | 'quarter' | 'month';
  lag: number;
  rows: OverlayRow[];
  spearman: { rho: number; n: number };
  messages: Message[];
}

/** Options of `overlay`. */
export interface OverlayOptions {
  code: string;
  /** Share among this voice's sentences (default: all sentences of the period). */
  voice?: string;
  /** Compare the code at period t with the series at period t + lag (lag > 0: the texts lead). */
  lag?: number;
}

function resolutionOf(period: string): 'year' | 'quarter' | 'month' | undefined {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  return undefined;
}

type By = 'year' | 'quarter' | 'month';

/** A period as a running number (years, quarters or months since year 0). */
function periodIndex(p: string, by: By): number {
  const y = Number(p.slice(0, 4));
  if (by === 'year') return y;
  if (by === 'quarter') return y * 4 + Number(p.slice(6)) - 1;
  return y * 12 + Number(p.slice(5, 7)) - 1;
}

function periodAt(i: number, by: By): string {
  if (by === 'year') return String(i);
  if (by === 'quarter') return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Every period from `first` to `last` inclusive, so that missing ones show as gaps. */
function periodRange(first: string, last: string, by: By): string[] {
  const out: string[] = [];
  for (let i = periodIndex(first, by); i <= periodIndex(last, by); i++) out.push(periodAt(i, by));
  return out;
}

/** The series at the measurement's resolution: monthly values averaged into quarters or years. */
function seriesAt(series: Series, by: 'year' | 'quarter' | 'month'): Map<string, number> {
  if (by === 'month') return series.resolution === 'month' ? series.points : new Map();
  const acc = new Map<string, { sum: number; n: number }>();
  for (const [k, v] of series.points) {
    const key = by === 'year' ? k.slice(0, 4) : k.length === 7 ? `${k.slice(0, 4)}-Q${Math.ceil(Number(k.slice(5, 7)) / 3)}` : undefined;
    if (key === undefined) continue;
    const a = acc.get(key) ?? { sum: 0, n: 0 };
    a.sum += v;
    a.n++;
    acc.set(key, a);
  }
  return new Map([...acc].map(([k, { sum, n }]) => [k, sum / n]));
}

/**
 * Align an external series with a code's trend (the measurement's `periods`, by year, quarter or
 * month) and compute Spearman's rank correlation over the periods where both are known. Missing
 * periods stay gaps. With `lag`, the code at period t is paired with the series at t + lag.
 *
 * @example
 * const r = overlay(measurement, series, { code: 'alliance-strength', lag: 0 }); // r.spearman.rho, r.spearman.n
 */
export function overlay(m: Measurement, series: Series, opts: OverlayOptions): OverlayResult {
  const lag = opts.lag ?? 0;
  const messages: Message[] = [];
  const periods = [...(m.periods ?? [])].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const base = { code: opts.code, voice: opts.voice ?? 'all', label: series.label, lag };
  const first = periods[0];
  const last = periods[periods.length - 1];
  const by = first ? resolutionOf(first.period) : undefined;
  if (!first || !last || by === undefined) {
    messages.push(makeMessage('overlay', 'overlay:no-trend', 'fatal', 'the measurement has no periods: measure with a trend (by year, quarter or month)'));
    return { ...base, by: 'year', rows: [], spearman: { rho: Number.NaN, n: 0 }, messages };
  }
  if (!m.codes.has(opts.code)) messages.push(makeMessage('overlay', 'overlay:unknown-code', 'fatal', `no code "${opts.code}" in the measurement (codes: ${[...m.codes.keys()].join(', ')})`));
  if (by === 'month' && series.resolution === 'year') messages.push(makeMessage('overlay', 'overlay:coarse-series', 'warning', 'the series is yearly and the trend monthly: nothing to align; measure by year'));
  const values = seriesAt(series, by);
  const byPeriod = new Map(periods.map((p) => [p.period, p]));
  const axis = periodRange(first.period, last.period, by);
  const rows: OverlayRow[] = axis.map((period) => {
    const p = byPeriod.get(period);
    const cell = p?.codes.get(opts.code);
    let sentences = 0;
    let raised = 0;
    if (p && cell) {
      if (opts.voice === undefined) {
        sentences = p.sentences;
        for (const c of cell.voices.values()) raised += c.raised;
      } else {
        sentences = p.voices.get(opts.voice)?.sentences ?? 0;
        raised = cell.voices.get(opts.voice)?.raised ?? 0;
      }
    } else if (p) {
      sentences = opts.voice === undefined ? p.sentences : (p.voices.get(opts.voice)?.sentences ?? 0);
    }
    return { period, share: sentences > 0 ? raised / sentences : null, sentences, value: values.get(period) ?? null };
  });
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of rows) {
    const v = values.get(periodAt(periodIndex(r.period, by) + lag, by));
    if (r.share !== null && v !== undefined) {
      xs.push(r.share);
      ys.push(v);
    }
  }
  return { ...base, by, rows, spearman: { rho: spearman(xs, ys), n: xs.length }, messages };
}

/**
 * An overlay as plain JSON (rho `null` when undefined): the shape of `report --format json`'s
 * `overlay` entries and of the dashboard's `/api/overlay`.
 *
 * @example
 * JSON.stringify(overlayJson(overlay(m, series, { code: 'burden_pressure' })));
 */
export function overlayJson(r: OverlayResult): OverlayJson {
  return { code: r.code, voice: r.voice, label: r.label, by: r.by, lag: r.lag, spearman: { rho: Number.isFinite(r.spearman.rho) ? r.spearman.rho : null, n: r.spearman.n }, rows: r.rows, messages: r.messages };
}

/**
 * The overlay as the dashboard draws it (the shared trend chart with the series on its own axis),
 * rendered to inline SVG for the HTML report and the README; `m` is the measurement the overlay
 * was made from.
 *
 * @example
 * const svg = await overlayChartSvg(m, overlay(m, series, { code: 'burden_pressure' }));
 */
export async function overlayChartSvg(m: Measurement, r: OverlayResult, opts: { width?: number } = {}): Promise<string> {
  const trend = trendSpec(measurementJson(m) as unknown as MeasurementJson, r.code, opts);
  // vega is loaded only when a chart is drawn: text and JSON reports start without it.
  const { specToSvg } = await import('./report/svg.js');
  return specToSvg(trendWithOverlay(trend, overlayJson(r)));
}

/** The overlay options as a command line gives them (`report` and `serve` share them). */
export interface OverlayFlags {
  overlay?: string;
  overlayColumn?: string;
  overlayDate?: string;
  overlayLabel?: string;
}

/**
 * Load the series named by `--overlay FILE --overlay-column C [--overlay-date D] [--overlay-label L]`.
 * No `--overlay` gives neither series nor messages; a missing column flag or an unreadable file
 * is a fatal message.
 *
 * @example
 * const { series, messages } = seriesFromFlags({ overlay: 'jiji.csv', overlayColumn: 'likestate_us', overlayDate: 'ymonth' });
 */
export function seriesFromFlags(flags: OverlayFlags): { series?: Series; info?: SeriesInfo; messages: Message[] } {
  if (flags.overlay === undefined) return { messages: [] };
  if (!flags.overlayColumn) return { messages: [makeMessage('overlay', 'overlay:no-column', 'fatal', '--overlay needs --overlay-column (the series column)', { file: flags.overlay })] };
  const { series, messages } = loadSeries(flags.overlay, { column: flags.overlayColumn, ...(flags.overlayDate ? { dateColumn: flags.overlayDate } : {}), label: flags.overlayLabel ?? flags.overlayColumn });
  if (!series) return { messages };
  return { series, info: seriesInfo(series, flags.overlayColumn, flags.overlay), messages };
}

/**
 * What the dashboard shows of a series: its label, column, file, resolution and period range.
 *
 * @example
 * seriesInfo(series, 'likestate_us', 'jiji.csv').first; // '1987-11'
 */
export function seriesInfo(series: Series, column: string, file: string): SeriesInfo {
  const keys = [...series.points.keys()];
  return { label: series.label, column, file, resolution: series.resolution, points: keys.length, first: keys[0] ?? null, last: keys[keys.length - 1] ?? null };
}

/**
 * Read a lag (`--lag`, `lag=`): a whole number of periods, negative allowed; a message otherwise.
 *
 * @example
 * parseLag('1'); // 1
 */
export function parseLag(raw: string | undefined): number | Message {
  if (raw === undefined || raw.trim() === '') return 0;
  const n = Number(raw);
  // Keep lags inside what a trend can have, so a typo cannot build a huge period range.
  if (!Number.isInteger(n) || Math.abs(n) > 1200) return makeMessage('overlay', 'overlay:bad-lag', 'fatal', `lag must be a whole number of periods (got "${raw}")`);
  return n;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function svgChart(r: OverlayResult): string {
  const W = 640;
  const H = 220;
  const pad = { l: 44, r: 44, t: 14, b: 26 };
  const n = r.rows.length;
  const x = (i: number): number => pad.l + (n <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (n - 1));
  const line = (vals: Array<number | null>, color: string, title: string): string => {
    const known = vals.filter((v): v is number => v !== null);
    if (known.length === 0) return '';
    const lo = Math.min(...known);
    const hi = Math.max(...known);
    const y = (v: number): number => pad.t + (H - pad.t - pad.b) * (hi === lo ? 0.5 : 1 - (v - lo) / (hi - lo));
    let d = '';
    let pen = false;
    vals.forEach((v, i) => {
      // A missing period lifts the pen: gaps are drawn as gaps, never bridged.
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    const dots = vals.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${color}"><title>${esc(`${r.rows[i]?.period ?? ''} ${title}: ${v.toFixed(3)}`)}</title></circle>`)).join('');
    return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>${dots}`;
  };
  const first = r.rows[0]?.period ?? '';
  const lastP = r.rows[n - 1]?.period ?? '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${r.code} share and ${r.label} by ${r.by}`)}" style="max-width:100%">`
    + `<rect x="${pad.l}" y="${pad.t}" width="${W - pad.l - pad.r}" height="${H - pad.t - pad.b}" fill="none" stroke="#ccc"/>`
    + line(r.rows.map((row) => row.share), '#1f5fa8', `${r.code} share`)
    + line(r.rows.map((row) => row.value), '#c0392b', r.label)
    + `<text x="${pad.l}" y="${H - 8}" font-size="11">${esc(first)}</text><text x="${W - pad.r}" y="${H - 8}" font-size="11" text-anchor="end">${esc(lastP)}</text>`
    + `<text x="4" y="${pad.t + 10}" font-size="11" fill="#1f5fa8">${esc(r.code)}</text><text x="${W - 4}" y="${pad.t + 10}" font-size="11" fill="#c0392b" text-anchor="end">${esc(r.label)}</text>`
    + '</svg>';
}

/**
 * Render an overlay as a terminal table, JSON, a Markdown table or an HTML fragment (an inline SVG
 * line chart, each line on its own scale, gaps left open, labels escaped; `opts.svg` puts a chart
 * made by `overlayChartSvg` in place of the plain one).
 *
 * @example
 * process.stdout.write(renderOverlay(overlay(m, series, { code: 'alliance-strength' }), 'text'));
 */
export function renderOverlay(r: OverlayResult, format: 'text' | 'json' | 'md' | 'html', opts: { svg?: string } = {}): string {
  const rho = Number.isFinite(r.spearman.rho) ? r.spearman.rho.toFixed(3) : 'n/a';
  const head = `${r.code} (${r.voice === 'all' ? 'all sentences' : `voice ${r.voice}`}) vs ${r.label}, by ${r.by}${r.lag !== 0 ? `, lag ${r.lag}` : ''}: Spearman rho = ${rho} (n = ${r.spearman.n} periods)`;
  if (format === 'json') return JSON.stringify(overlayJson(r), null, 2) + '\n';
  if (format === 'md') {
    const lines = [`**${head.replace(/[*_|]/g, (c) => `\\${c}`)}**`, '', `| period | ${r.code} share | sentences | ${r.label.replace(/\|/g, '\\|')} |`, '|---|---:|---:|---:|'];
    for (const row of r.rows) lines.push(`| ${row.period} | ${fmt(row.share, 3)} | ${row.sentences} | ${fmt(row.value, 1)} |`);
    return lines.join('\n') + '\n';
  }
  if (format === 'html') {
    return `<section class="overlay"><h3>${esc(head)}</h3>${opts.svg ?? svgChart(r)}<p class="note">Gaps are periods with no documents or no series value; they are never filled.</p></section>\n`;
  }
  const w = Math.max(6, ...r.rows.map((x) => x.period.length));
  const out = [head, `${'period'.padEnd(w)}  ${'share'.padStart(7)}  ${'sents'.padStart(6)}  ${r.label}`];
  for (const row of r.rows) out.push(`${row.period.padEnd(w)}  ${fmt(row.share, 3).padStart(7)}  ${String(row.sentences).padStart(6)}  ${fmt(row.value, 1)}`);
  return out.join('\n') + '\n';
}

// Tone agreement with an outside coding lives in outside.ts; these names stay importable from here.
export { docTone, renderToneAgreement, toneAgreement, tonePairsFromStore, type ToneAgreement } from './outside.js';

/** Which columns of another project's coding give tone, and which rows were coded (flag columns equal to `1`). */
export interface OutsideToneMapping {
  negative: string;
  positive: string;
  /** Rows coded by hand: only those where this column is `1` count. */
  train?: string;
}

/** The Foreign Image News Project's columns for tone toward the U.S. */
export const US_TONE_MAPPING: OutsideToneMapping = { negative: 'cdneg_us', positive: 'cdpos_us', train: 'train_us' };

/**
 * The gold map of flag columns: `negative = 1` → negative, `positive = 1` → positive, both →
 * mixed, neither → neutral, only rows with `train = 1`.
 *
 * @example
 * goldMapOfFlags({ negative: 'cdneg_us', positive: 'cdpos_us', train: 'train_us' }).rows?.get('train_us'); // '1'
 */
export function goldMapOfFlags(mapping: OutsideToneMapping): GoldMap {
  return {
    ...(mapping.train === undefined ? {} : { rows: new Map([[mapping.train, '1']]) }),
    negative: new Map([[mapping.negative, '1']]),
    positive: new Map([[mapping.positive, '1']]),
    both: 'mixed',
    neither: 'neutral',
    ...(US_TONE_MAP.note === undefined ? {} : { note: US_TONE_MAP.note }),
  };
}

/**
 * The outside coding of one row as a tone, for rows hand-coded (`train` = 1); undefined otherwise.
 *
 * @example
 * outsideTone({ train_us: '1', cdneg_us: '1', cdpos_us: '0' }, US_TONE_MAPPING); // 'negative'
 */
export function outsideTone(row: Record<string, string | undefined> | Map<string, string>, mapping: OutsideToneMapping = US_TONE_MAPPING): Tone | undefined {
  const v = goldTone(row, goldMapOfFlags(mapping));
  return 'tone' in v ? v.tone : undefined;
}

/**
 * How many stored documents have fewer than `minSentences` sentences: too short for the measures
 * that work within a document (voice carried across sentences, a document's mixed tone). Headlines
 * are one-sentence documents.
 *
 * @example
 * shortDocuments(store); // { documents: 9029, short: 9029, minSentences: 2 }
 */
export function shortDocuments(store: Store, minSentences = 2): { documents: number; short: number; minSentences: number } {
  return { ...store.shortDocumentCount(minSentences), minSentences };
}
