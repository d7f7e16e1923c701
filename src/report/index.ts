/**
 * Reports: thin faces over a `Measurement` — a terminal table, JSON, CSV, Markdown and one
 * self-contained HTML page with the evidence behind each figure.
 */
import { measurementJson, type CodeCell, type Measurement, type Tally } from '../measure.js';
import { formatMessage } from '../messages.js';
import type { EvidenceRow } from '../store/index.js';
import { csvField, pad, pct, pp } from './format.js';
import { overviewSpec, trendSpec, type MeasurementJson } from './charts.js';
import { renderHtml } from './html.js';

export { escapeHtml } from './format.js';

/** The output formats of `renderReport`. */
export type ReportFormat = 'text' | 'json' | 'csv' | 'md' | 'html';

/** What a report may add to the measurement. */
export interface ReportExtras {
  /** The strongest sentences raising `code` in `voice` (the HTML report shows them). */
  evidence?: (code: string, voice: string) => EvidenceRow[];
  title?: string;
  /** The codebook's last measured agreement figures (e.g. `Store.lastEvaluation`). */
  lastEvaluation?: unknown;
  /** ANSI colours in the text table. */
  color?: boolean;
  /** Chart SVGs drawn from the shared Vega-Lite specs (`renderReportAsync` fills them for HTML). */
  charts?: { overview?: string; trends?: Array<{ code: string; svg: string }> };
}

/**
 * Voices in report order: those the measurement lists (sides, then author, then others).
 *
 * @example
 * voicesOf(m); // ['washington', 'tokyo', 'other', 'author']
 */
export function voicesOf(m: Tally): string[] {
  return [...m.voices.keys()];
}

/** `12.5% (5/1)`: share with raised/negated counts. */
function cellText(c: CodeCell | undefined): string {
  return c ? `${pct(c.share)} (${c.raised}/${c.negated})` : '–';
}

/** `+10.3 [+4.1, +16.0]`. */
function gapText(g: { estimate: number; low: number | null; high: number | null } | undefined): string {
  return g ? `${pp(g.estimate)} [${pp(g.low)}, ${pp(g.high)}]` : '–';
}

function gapLabel(m: Measurement): string {
  return `gap ${m.gapSides[0]}−${m.gapSides[1]}`;
}

/** The codes × voices table as rows of cells (header first). */
function tableRows(m: Measurement): string[][] {
  const voices = voicesOf(m);
  const rows: string[][] = [['code', ...voices, `${gapLabel(m)} pp [95% CI]`]];
  for (const [code, r] of m.codes) rows.push([code, ...voices.map((v) => cellText(r.voices.get(v))), gapText(r.gap)]);
  return rows;
}

function totalsLine(m: Measurement): string {
  const parts = [...m.voices].map(([v, t]) => `${v} ${t.sentences} (${t.documents} docs)`);
  return `${m.documents} documents, ${m.sentences} sentences: ${parts.join(', ')}`;
}

function methodLine(m: Measurement): string {
  return (
    `share = sentences of the voice raising the code (raised/negated counts); ${gapLabel(m)} in percentage points; ` +
    `95% intervals from a bootstrap over documents (${m.reps} replicates${m.periods !== undefined && m.periodReps !== m.reps ? `, ${m.periodReps} for each period` : ''}, seed ${m.seed})` +
    (m.authorAsSide ? "; author sentences counted for their document's side" : '; author reported apart, not in the gap')
  );
}

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', reset: '\u001b[0m' };

function renderText(m: Measurement, extras: ReportExtras): string {
  const color = extras.color === true;
  const paint = (s: string, code: string): string => (color ? `${code}${s}${ANSI.reset}` : s);
  const out: string[] = [];
  out.push(paint(extras.title ?? `twocities — ${m.codebook.name}`, ANSI.bold) + `  (codebook ${m.codebook.name} ${m.codebook.version})`);
  out.push(totalsLine(m), '');
  const rows = tableRows(m);
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  rows.forEach((r, ri) => {
    const line = r
      .map((cell, i) => {
        const padded = pad(cell, widths[i] as number, i > 0 && i < r.length - 1);
        if (ri === 0) return paint(padded, ANSI.bold);
        if (i === r.length - 1) {
          const g = m.codes.get(r[0] as string)?.gap;
          // Colour only gaps whose interval excludes zero.
          if (g && g.low !== null && g.low > 0) return paint(padded, ANSI.green);
          if (g && g.high !== null && g.high < 0) return paint(padded, ANSI.red);
        }
        return padded;
      })
      .join('  ');
    out.push(line.trimEnd());
  });
  out.push('', paint(methodLine(m), ANSI.dim));
  if (m.periods && m.periods.length > 0) {
    out.push('', paint(`Trend: ${gapLabel(m)} by period (percentage points; documents in brackets)`, ANSI.bold));
    const head = ['code', ...m.periods.map((p) => `${p.period} (${p.documents})`)];
    const body = [...m.codes.keys()].map((code) => [code, ...(m.periods ?? []).map((p) => pp(p.codes.get(code)?.gap.estimate))]);
    const all = [head, ...body];
    const w = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    for (const r of all) out.push(r.map((c, i) => pad(c, w[i] as number, i > 0)).join('  ').trimEnd());
  }
  if (m.messages.length > 0) {
    out.push('', paint('Messages', ANSI.bold));
    for (const msg of m.messages) out.push(formatMessage(msg));
  }
  return out.join('\n');
}

function renderCsv(m: Measurement): string {
  const lines = [['period', 'code', 'voice', 'sentences', 'raised', 'negated', 'share', 'low', 'high'].join(',')];
  const emit = (period: string, t: Tally): void => {
    for (const [code, r] of t.codes) {
      for (const [voice, c] of r.voices) {
        const n = t.voices.get(voice)?.sentences ?? 0;
        lines.push([period, code, voice, n, c.raised, c.negated, c.share, c.low, c.high].map(csvField).join(','));
      }
      lines.push([period, code, gapLabel(m).replace(/ /g, ':'), '', '', '', r.gap.estimate, r.gap.low, r.gap.high].map(csvField).join(','));
    }
  };
  emit('all', m);
  for (const p of m.periods ?? []) emit(p.period, p);
  return lines.join('\n') + '\n';
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function renderMd(m: Measurement, extras: ReportExtras): string {
  const out: string[] = [`## ${mdCell(extras.title ?? `twocities — ${m.codebook.name}`)}`, '', `${totalsLine(m)}. Codebook ${m.codebook.name} ${m.codebook.version}.`, ''];
  const rows = tableRows(m);
  const head = rows[0] as string[];
  out.push(`| ${head.map(mdCell).join(' | ')} |`);
  out.push(`|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const r of rows.slice(1)) out.push(`| ${r.map(mdCell).join(' | ')} |`);
  out.push('', `_${methodLine(m)}._`);
  if (m.periods && m.periods.length > 0) {
    out.push('', `### Trend: ${gapLabel(m)} (pp)`, '');
    out.push(`| code | ${m.periods.map((p) => `${p.period} (${p.documents})`).join(' | ')} |`);
    out.push(`| --- |${m.periods.map(() => ' ---: ').join('|')}|`);
    for (const code of m.codes.keys()) out.push(`| ${mdCell(code)} | ${m.periods.map((p) => pp(p.codes.get(code)?.gap.estimate)).join(' | ')} |`);
  }
  if (m.messages.length > 0) {
    out.push('', '### Messages', '');
    for (const msg of m.messages) out.push(`- ${mdCell(formatMessage(msg))}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Render a measurement as a terminal table, JSON, CSV, Markdown, or one self-contained HTML page.
 *
 * @example
 * process.stdout.write(renderReport(measure(rows, opts), 'text'));
 */
export function renderReport(m: Measurement, format: ReportFormat, extras: ReportExtras = {}): string {
  switch (format) {
    case 'text':
      return renderText(m, extras);
    case 'json':
      return JSON.stringify(measurementJson(m), null, 2) + '\n';
    case 'csv':
      return renderCsv(m);
    case 'md':
      return renderMd(m, extras);
    case 'html':
      return renderHtml(m, extras, { methodLine: methodLine(m), totalsLine: totalsLine(m), gapLabel: gapLabel(m) });
    default:
      throw new Error(`report: unknown format ${String(format)}`);
  }
}

/**
 * Like `renderReport`, but the HTML page also carries the dashboard's charts (the same Vega-Lite
 * specifications, rendered to inline SVG here). Other formats are the same as `renderReport`.
 *
 * @example
 * writeFileSync('report.html', await renderReportAsync(m, 'html', { evidence }));
 */
export async function renderReportAsync(m: Measurement, format: ReportFormat, extras: ReportExtras = {}): Promise<string> {
  if (format !== 'html' || extras.charts) return renderReport(m, format, extras);
  const json = measurementJson(m) as unknown as MeasurementJson;
  // vega is loaded only for HTML: text, JSON, CSV and Markdown reports start without it.
  const { specToSvg } = await import('./svg.js');
  const charts: NonNullable<ReportExtras['charts']> = { overview: await specToSvg(overviewSpec(json)) };
  if (m.periods && m.periods.length > 1) {
    charts.trends = [];
    for (const [code, r] of m.codes) {
      const raised = [...r.voices.values()].some((c) => c.raised > 0);
      if (raised) charts.trends.push({ code, svg: await specToSvg(trendSpec(json, code)) });
    }
  }
  return renderReport(m, format, { ...extras, charts });
}
