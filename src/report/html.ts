/**
 * The HTML report: one self-contained page (inline CSS and SVG, no network), the table, each
 * gap with its interval drawn, and under each code the sentences behind it with the spans that
 * decided them highlighted. Every piece of document text and metadata goes through `escapeHtml`.
 */
import type { Measurement } from '../measure.js';
import { formatMessage } from '../messages.js';
import type { EvidenceRow } from '../store/index.js';
import { escapeHtml, pct, pp } from './format.js';
import type { ReportExtras } from './index.js';

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.5rem 0 .3rem}
.meta,.method{color:#555;font-size:.9rem}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:right;vertical-align:middle}
th:first-child,td:first-child{text-align:left}td .n{color:#777;font-size:.8rem}td .ci{color:#777;font-size:.8rem;display:block}
svg{vertical-align:middle}figure.chart{margin:1rem 0;overflow-x:auto}figure.chart svg{max-width:100%;height:auto}
.ev{margin:.3rem 0 .8rem 0;padding:.4rem .8rem;border-left:3px solid #bbb;background:#fafafa}
.ev .s{unicode-bidi:isolate}.ev .cite{display:block;color:#555;font-size:.8rem;margin-top:.2rem}
mark{background:#ffe066;padding:0 .1em}mark.cue{background:#b6e3ff}mark.cue.code{background:#c8f0a8}mark.neg{background:#f5c2c7}
.msgs li{font-family:ui-monospace,monospace;font-size:.85rem}
`;

/** Mark spans (offsets into `text`) with `<mark>`; overlapping spans share one mark with both classes. */
function highlight(text: string, spans: Array<{ start: number; end: number; cls: string; title: string }>): string {
  const ok = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const s of ok) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const piece = escapeHtml(text.slice(a, b));
    const on = ok.filter((s) => s.start <= a && s.end >= b);
    if (on.length === 0) html += piece;
    else html += `<mark class="${escapeHtml([...new Set(on.map((s) => s.cls))].join(' '))}" title="${escapeHtml(on.map((s) => s.title).join('; '))}">${piece}</mark>`;
  }
  return html;
}

/** The gap and its interval as a small inline SVG bar on a scale shared by all codes. */
function gapSvg(g: { estimate: number; low: number | null; high: number | null }, scale: number, label: string): string {
  const W = 160;
  const H = 18;
  const x = (v: number): number => Math.round((W / 2 + (v / scale) * (W / 2 - 4)) * 10) / 10;
  const zero = x(0);
  const est = x(g.estimate);
  let svg = `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>`;
  svg += `<line x1="${zero}" y1="1" x2="${zero}" y2="${H - 1}" stroke="#999" stroke-width="1"/>`;
  svg += `<rect x="${Math.min(zero, est)}" y="5" width="${Math.max(0.5, Math.abs(est - zero))}" height="8" fill="${g.estimate >= 0 ? '#d9822b' : '#2b7bd9'}"/>`;
  if (g.low !== null && g.high !== null) {
    const lo = x(g.low);
    const hi = x(g.high);
    svg += `<line x1="${lo}" y1="9" x2="${hi}" y2="9" stroke="#222" stroke-width="1.2"/>`;
    svg += `<line x1="${lo}" y1="5" x2="${lo}" y2="13" stroke="#222"/><line x1="${hi}" y1="5" x2="${hi}" y2="13" stroke="#222"/>`;
  }
  return svg + '</svg>';
}

function evidenceHtml(e: EvidenceRow): string {
  const spans = [{ start: e.evidence.start, end: e.evidence.end, cls: 'code', title: `${e.code}: ${e.evidence.rule}` }];
  if (e.cue) spans.push({ start: e.cue.start, end: e.cue.end, cls: 'cue', title: `voice ${e.voice}: ${e.cue.rule}` });
  if (e.negation) spans.push({ start: e.negation.start, end: e.negation.end, cls: 'neg', title: `negation: ${e.negation.rule}` });
  const lang = e.lang && /^[a-z]{2,3}$/.test(e.lang) ? ` lang="${e.lang}"` : '';
  const cite: string[] = [escapeHtml(e.title ?? e.extId ?? `document ${e.docId}`)];
  if (e.extId && e.title) cite.push(`id ${escapeHtml(e.extId)}`);
  if (e.date) cite.push(escapeHtml(e.date));
  if (e.source) cite.push(escapeHtml(e.source));
  if (e.page !== null) cite.push(`p. ${e.page}`);
  cite.push(`paragraph ${e.paragraph + 1}, sentence ${e.sentence + 1}`);
  const cue = e.cue ? `voice ${escapeHtml(e.voice)} from the cue “${escapeHtml(e.text.slice(e.cue.start, e.cue.end))}”` : `voice ${escapeHtml(e.voice)} (${escapeHtml(e.voiceHow)})`;
  cite.push(cue);
  return `<div class="ev"><span class="s"${lang}>${highlight(e.text, spans)}</span><span class="cite">${cite.join(' · ')}</span></div>`;
}

/** Numeric figures of a stored evaluation summary, as `path = value` pairs (agreement measures first). */
function evaluationFigures(summary: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (out.length >= 200 || depth > 6) return;
    if (typeof v === 'number' && Number.isFinite(v)) out.push([path, Number.isInteger(v) ? String(v) : v.toFixed(3)]);
    else if (typeof v === 'string' && path.split('.').length <= 2) out.push([path, v]);
    else if (Array.isArray(v)) return;
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(summary, '', 0);
  const key = /kappa|alpha|f1|accuracy|precision|recall|units/i;
  const main = out.filter(([p]) => key.test(p));
  return (main.length > 0 ? main : out).slice(0, 40);
}

function lastEvaluationHtml(last: unknown): string {
  if (last === undefined || last === null) return '';
  const rec = typeof last === 'object' ? (last as Record<string, unknown>) : {};
  const at = typeof rec.at === 'string' ? rec.at : undefined;
  const figures = evaluationFigures('summary' in rec ? rec.summary : last);
  let html = `<h2>Last evaluation of this codebook</h2><p class="meta">${at ? `Measured ${escapeHtml(at)} against human labels.` : 'Measured against human labels.'}</p>`;
  if (figures.length > 0) {
    html += '<table><tbody>' + figures.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('') + '</tbody></table>';
  }
  return html;
}

/**
 * The self-contained HTML page of a measurement.
 *
 * @example
 * writeFileSync('report.html', renderHtml(m, { evidence }, lines));
 */
export function renderHtml(m: Measurement, extras: ReportExtras, lines: { methodLine: string; totalsLine: string; gapLabel: string }): string {
  const title = extras.title ?? `twocities — ${m.codebook.name}`;
  const voices = [...m.voices.keys()];
  let scale = 0.05;
  for (const r of m.codes.values()) for (const v of [r.gap.estimate, r.gap.low, r.gap.high]) if (v !== null && Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">');
  // No network at all: the page is one file a user can mail or archive.
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>`);
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(`<p class="meta">Codebook ${escapeHtml(m.codebook.name)} <code>${escapeHtml(m.codebook.version)}</code>. ${escapeHtml(lines.totalsLine)}.</p>`);

  if (extras.charts?.overview) {
    // SVG from vega's string renderer (it escapes every label); no script, no external reference.
    parts.push(`<figure class="chart">${extras.charts.overview}<figcaption class="method">Each side's share of sentences raising each code with its 95% interval (left), and ${escapeHtml(lines.gapLabel)} (right). Counts and evidence are below.</figcaption></figure>`);
  }
  parts.push('<table><thead><tr><th>code</th>');
  for (const v of voices) parts.push(`<th>${escapeHtml(v)}</th>`);
  parts.push(`<th colspan="2">${escapeHtml(lines.gapLabel)} (pp, 95% CI)</th></tr></thead><tbody>`);
  for (const [code, r] of m.codes) {
    parts.push(`<tr><td><a href="#code-${escapeHtml(code)}">${escapeHtml(code)}</a></td>`);
    for (const v of voices) {
      const c = r.voices.get(v);
      parts.push(
        c
          ? `<td>${pct(c.share)} <span class="n">(${c.raised}/${c.negated})</span><span class="ci">[${pct(c.low)}, ${pct(c.high)}]</span></td>`
          : '<td>–</td>',
      );
    }
    const label = `${code}: ${lines.gapLabel} ${pp(r.gap.estimate)} pp, 95% CI [${pp(r.gap.low)}, ${pp(r.gap.high)}]`;
    parts.push(`<td>${pp(r.gap.estimate)} <span class="ci">[${pp(r.gap.low)}, ${pp(r.gap.high)}]</span></td><td>${gapSvg(r.gap, scale, label)}</td></tr>`);
  }
  parts.push('</tbody></table>');
  parts.push(`<p class="method">${escapeHtml(lines.methodLine)}. Bars share one scale (±${(scale * 100).toFixed(1)} pp); whiskers show the interval.</p>`);

  if (m.periods && m.periods.length > 0) {
    parts.push(`<h2>Trend: ${escapeHtml(lines.gapLabel)} by period (pp)</h2><table><thead><tr><th>code</th>`);
    for (const p of m.periods) parts.push(`<th>${escapeHtml(p.period)} <span class="n">(${p.documents})</span></th>`);
    parts.push('</tr></thead><tbody>');
    for (const code of m.codes.keys()) {
      parts.push(`<tr><td>${escapeHtml(code)}</td>`);
      for (const p of m.periods) {
        const g = p.codes.get(code)?.gap;
        parts.push(`<td>${pp(g?.estimate)} <span class="ci">[${pp(g?.low)}, ${pp(g?.high)}]</span></td>`);
      }
      parts.push('</tr>');
    }
    parts.push('</tbody></table>');
    for (const t of extras.charts?.trends ?? []) parts.push(`<figure class="chart" id="trend-${escapeHtml(t.code)}">${t.svg}</figure>`);
  }

  if (extras.evidence) {
    parts.push('<h2>Evidence</h2><p class="meta">The strongest sentences behind each share: <mark class="code">code evidence</mark>, <mark class="cue">voice cue</mark>.</p>');
    for (const [code, r] of m.codes) {
      parts.push(`<h3 id="code-${escapeHtml(code)}">${escapeHtml(code)}</h3>`);
      let any = false;
      for (const v of voices) {
        if ((r.voices.get(v)?.raised ?? 0) === 0) continue;
        const rows = extras.evidence(code, v);
        if (rows.length === 0) continue;
        any = true;
        parts.push(`<p><strong>${escapeHtml(v)}</strong> — ${pct(r.voices.get(v)?.share)} of its sentences</p>`);
        for (const e of rows) parts.push(evidenceHtml(e));
      }
      if (!any) parts.push('<p class="meta">No sentence raises this code.</p>');
    }
  }

  parts.push(lastEvaluationHtml(extras.lastEvaluation));
  if (m.messages.length > 0) {
    parts.push('<h2>Messages</h2><ul class="msgs">');
    for (const msg of m.messages) parts.push(`<li>${escapeHtml(formatMessage(msg))}</li>`);
    parts.push('</ul>');
  }
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}
