/**
 * The Vega-Lite chart specifications of twocities, one module for both faces: the dashboard
 * renders them in the browser (clickable), the HTML report renders them to inline SVG on the
 * server (`svg.ts`). Pure data in, spec out: no DOM, no Node, no text of documents.
 *
 * Input is the stable JSON shape of a measurement (`measurementJson`, `/api/overview`).
 */

/** One voice's figures for one code (JSON shape). */
export interface CellJson {
  raised: number;
  negated: number;
  share: number;
  low: number | null;
  high: number | null;
}

/** A gap with its interval (JSON shape). */
export interface GapJson {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** Figures over a set of documents (JSON shape of a `Tally`). */
export interface TallyJson {
  documents: number;
  sentences: number;
  voices: Record<string, { sentences: number; documents: number }>;
  /** code → voice → cell, plus `gap`. */
  codes: Record<string, Record<string, CellJson | GapJson>>;
}

/** The JSON shape of a measurement, as far as the charts read it. */
export interface MeasurementJson extends TallyJson {
  codebook: { name: string; version: string };
  gapSides: [string, string];
  periods?: Array<TallyJson & { period: string }>;
}

/** A Vega-Lite specification (kept as plain JSON data). */
export type ChartSpec = Record<string, unknown>;

/** The colour of each voice, shared by every chart. */
const PALETTE = ['#2b7bd9', '#d9822b', '#6a9f3a', '#8e6ac8', '#888888', '#c44e52', '#55a8a0'];

/** Voices worth a mark: those with sentences, gap sides first, `author` last. */
function chartVoices(m: MeasurementJson): string[] {
  const all = Object.keys(m.voices).filter((v) => (m.voices[v]?.sentences ?? 0) > 0 || m.gapSides.includes(v));
  const first = m.gapSides.filter((v) => all.includes(v));
  const rest = all.filter((v) => !first.includes(v) && v !== 'author');
  return [...first, ...rest, ...(all.includes('author') ? ['author'] : [])];
}

function colorScale(voices: string[]): Record<string, unknown> {
  return { domain: voices, range: voices.map((_, i) => PALETTE[i % PALETTE.length]) };
}

/**
 * Share rows (one per code × voice) and gap rows (one per code) of a tally: the data of the charts.
 *
 * @example
 * const { shares, gaps } = chartRows(json, ['tokyo', 'washington'], ['tokyo', 'washington']);
 */
export function chartRows(t: TallyJson, voices: readonly string[], gapSides: readonly [string, string]): { shares: Array<Record<string, unknown>>; gaps: Array<Record<string, unknown>> } {
  const shares: Array<Record<string, unknown>> = [];
  const gaps: Array<Record<string, unknown>> = [];
  for (const [code, entry] of Object.entries(t.codes)) {
    for (const voice of voices) {
      const c = entry[voice] as CellJson | undefined;
      if (!c) continue;
      const totals = t.voices[voice];
      shares.push({
        code, voice, share: c.share, low: c.low, high: c.high, raised: c.raised, negated: c.negated,
        sentences: totals?.sentences ?? 0, documents: totals?.documents ?? 0,
      });
    }
    const g = entry.gap as GapJson | undefined;
    if (g) {
      const a = entry[gapSides[0]] as CellJson | undefined;
      const b = entry[gapSides[1]] as CellJson | undefined;
      gaps.push({
        code, gap: g.estimate, low: g.low, high: g.high, voice: `${gapSides[0]}−${gapSides[1]}`,
        raisedA: a?.raised ?? 0, raisedB: b?.raised ?? 0,
        sentencesA: t.voices[gapSides[0]]?.sentences ?? 0, sentencesB: t.voices[gapSides[1]]?.sentences ?? 0,
      });
    }
  }
  return { shares, gaps };
}

/**
 * The overview: per code, each voice's share with its 95% interval (left) and the gap with its
 * interval (right), as ONE Vega-Lite specification. Marks carry `code` and `voice` in their datum
 * so a click can list the sentences behind them.
 *
 * @example
 * const spec = overviewSpec(measurementJson(m));
 */
export function overviewSpec(m: MeasurementJson, opts: { width?: number } = {}): ChartSpec {
  const voices = chartVoices(m);
  const { shares, gaps } = chartRows(m, voices, m.gapSides);
  const codes = Object.keys(m.codes);
  const width = opts.width ?? 300;
  // One fixed height for both halves so their code rows line up.
  const height = codes.length * Math.max(20, voices.length * 9);
  const y = { field: 'code', type: 'nominal', sort: codes, title: null, axis: { labelLimit: 240 } };
  const pctAxis = { format: '.0%' };
  const gapTitle = `gap ${m.gapSides[0]} − ${m.gapSides[1]} (95% CI)`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Share of each side's sentences raising each code, and the gap ${m.gapSides[0]} − ${m.gapSides[1]}`,
    config: { font: 'sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } },
    datasets: { shares, gaps },
    hconcat: [
      {
        title: { text: 'share of sentences raising the code (95% CI)', fontSize: 12 },
        width,
        height,
        data: { name: 'shares' },
        encoding: {
          y,
          yOffset: { field: 'voice', type: 'nominal', sort: voices },
          color: { field: 'voice', type: 'nominal', scale: colorScale(voices), legend: { orient: 'bottom', title: 'voice' } },
        },
        layer: [
          { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x: { field: 'low', type: 'quantitative', axis: pctAxis, title: 'share' }, x2: { field: 'high' } } },
          {
            mark: { type: 'point', filled: true, size: 60, cursor: 'pointer' },
            encoding: {
              x: { field: 'share', type: 'quantitative' },
              tooltip: [
                { field: 'code' }, { field: 'voice' },
                { field: 'share', format: '.1%' }, { field: 'low', format: '.1%' }, { field: 'high', format: '.1%' },
                { field: 'raised', title: 'sentences raising' }, { field: 'negated', title: 'sentences negating' },
                { field: 'sentences', title: 'sentences of the voice' }, { field: 'documents', title: 'documents' },
              ],
            },
          },
        ],
      },
      {
        title: { text: gapTitle, fontSize: 12 },
        width: Math.round(width * 0.8),
        height,
        data: { name: 'gaps' },
        encoding: { y: { ...y, axis: null } },
        layer: [
          {
            mark: { type: 'bar', height: 8, cursor: 'pointer' },
            encoding: {
              x: { field: 'gap', type: 'quantitative', title: 'percentage points', axis: { format: '+.0%' } },
              x2: { datum: 0 },
              color: { condition: { test: 'datum.gap >= 0', value: PALETTE[1] }, value: PALETTE[0] },
              tooltip: [
                { field: 'code' }, { field: 'gap', format: '+.1%' }, { field: 'low', format: '+.1%' }, { field: 'high', format: '+.1%' },
                { field: 'raisedA', title: `${m.gapSides[0]} sentences raising` }, { field: 'sentencesA', title: `${m.gapSides[0]} sentences` },
                { field: 'raisedB', title: `${m.gapSides[1]} sentences raising` }, { field: 'sentencesB', title: `${m.gapSides[1]} sentences` },
              ],
            },
          },
          { mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
          { mark: { type: 'rule', color: '#999' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/**
 * The trend of one code: each voice's share per period with its interval band, points carrying
 * `code`, `voice` and `period` for a click.
 *
 * @example
 * const spec = trendSpec(measurementJson(measureFor(store, cb, { by: 'year' })), 'abandonment');
 */
export function trendSpec(m: MeasurementJson, code: string, opts: { width?: number } = {}): ChartSpec {
  const voices = chartVoices(m).filter((v) => v !== 'author');
  const rows: Array<Record<string, unknown>> = [];
  for (const p of m.periods ?? []) {
    for (const voice of voices) {
      const c = p.codes[code]?.[voice] as CellJson | undefined;
      const totals = p.voices[voice];
      if (!c || !totals || totals.sentences === 0) continue;
      rows.push({ period: p.period, code, voice, share: c.share, low: c.low, high: c.high, raised: c.raised, sentences: totals.sentences, documents: totals.documents });
    }
  }
  const x = { field: 'period', type: 'ordinal', title: null, sort: (m.periods ?? []).map((p) => p.period) };
  // Opaque legend symbols: the interval band's opacity would otherwise wash out the legend.
  const color = { field: 'voice', type: 'nominal', scale: colorScale(voices), legend: { orient: 'bottom', title: 'voice', symbolOpacity: 1, symbolType: 'circle' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Share of each side's sentences raising ${code}, by period`,
    title: { text: `${code}: share of sentences by period (95% CI)`, fontSize: 12 },
    config: { font: 'sans-serif', view: { stroke: null } },
    width: opts.width ?? 560,
    height: 220,
    data: { values: rows },
    encoding: { x, color },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      { mark: { type: 'line' }, encoding: { y: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'share' } } },
      {
        mark: { type: 'point', filled: true, size: 70, cursor: 'pointer' },
        encoding: {
          y: { field: 'share', type: 'quantitative' },
          tooltip: [
            { field: 'period' }, { field: 'voice' }, { field: 'share', format: '.1%' }, { field: 'low', format: '.1%' }, { field: 'high', format: '.1%' },
            { field: 'raised', title: 'sentences raising' }, { field: 'sentences', title: 'sentences of the voice' }, { field: 'documents' },
          ],
        },
      },
    ],
  };
}
