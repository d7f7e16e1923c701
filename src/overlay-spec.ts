/**
 * The trend chart with an outside series beside it: the code's trend (the shared `trendSpec`,
 * unchanged) layered with the series on its own right-hand axis over the same periods. Pure and
 * free of Node imports, so the dashboard bundle and the Node tests draw the same chart.
 */
import type { OverlayJson } from './api-types.js';
import type { ChartSpec } from './report/charts.js';

/** The colour of the outside series: apart from every voice's colour. */
export const SERIES_COLOR = '#7a1f5c';

/** The colour of the share the series is correlated with (all sentences, or one voice's). */
export const SHARE_COLOR = '#333333';

/** Numbers with a few significant digits, for tooltips and labels. */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/**
 * Set an outside series beside a code's trend: the share the correlation is computed on (all
 * sentences or one voice's; with `voices: true` also the voices' lines of `trendSpec`) on the left
 * axis, the series on its own right axis. The x axis is every period of the overlay (first to last,
 * empty ones included); a period with no value breaks its line (a gap, never bridged). The marks
 * are named `overlay_share` and `outside_series` so a page or test can find them.
 *
 * @example
 * const spec = trendWithOverlay(trendSpec(measurement, 'abandonment'), overlayJson(r));
 */
export function trendWithOverlay(trend: ChartSpec, ov: OverlayJson, opts: { voices?: boolean } = {}): ChartSpec {
  const periods = ov.rows.map((r) => r.period);
  const rows = ov.rows.map((r) => ({ period: r.period, value: r.value === null ? null : round(r.value), series: ov.label }));
  const { layer, data, encoding, title: _title, description: _description, ...common } = trend as { layer: unknown; data: unknown; encoding: Record<string, unknown>; title?: unknown; description?: unknown } & Record<string, unknown>;
  const x = { ...((encoding.x as Record<string, unknown> | undefined) ?? {}), field: 'period', type: 'ordinal', title: null, sort: periods, scale: { domain: periods } };
  // Two decimals, and never "-0.00".
  const rho = ov.spearman.rho === null ? 'n/a' : (Math.abs(ov.spearman.rho) < 0.005 ? 0 : ov.spearman.rho).toFixed(2);
  const shareOf = ov.voice === 'all' ? 'all sentences' : `${ov.voice}'s sentences`;
  const shareLayer = {
    // The share the correlation is computed on.
    name: 'overlay_share',
    data: { values: ov.rows.map((r) => ({ period: r.period, share: r.share, sentences: r.sentences, of: shareOf })) },
    mark: { type: 'line', color: SHARE_COLOR, strokeWidth: 2, point: { color: SHARE_COLOR, size: 30, cursor: 'pointer' }, invalid: 'break-paths-show-domains' },
    encoding: {
      // A short title: one longer than the plot's height pushes the whole chart apart.
      y: { field: 'share', type: 'quantitative', title: ov.voice === 'all' ? 'share' : `share (${ov.voice})`, axis: { format: '.1%' } },
      color: { value: SHARE_COLOR },
      tooltip: [{ field: 'period' }, { field: 'of', title: 'share of' }, { field: 'share', format: '.2%' }, { field: 'sentences' }],
    },
  };
  return {
    ...common,
    description: `Share of sentences raising ${ov.code} by ${ov.by}, beside ${ov.label}`,
    title: {
      text: `${ov.code} beside ${ov.label}`,
      // Short lines: the chart widens to its longest title line.
      subtitle: [
        `solid: share of ${shareOf}; dashed: the series (right axis)`,
        `Spearman rho = ${rho}, ${ov.spearman.n} ${ov.by}s${ov.lag !== 0 ? `, series at t${ov.lag > 0 ? '+' : ''}${ov.lag}` : ''}; gaps: no value`,
      ],
      fontSize: 12,
    },
    layer: [
      {
        data,
        // Without the voices' lines their colour legend would stand empty.
        encoding: opts.voices === true ? { ...encoding, x } : { x },
        // Without the voices' lines the share keeps the whole left axis (rare codes stay readable).
        layer: [...(opts.voices === true ? (layer as unknown[]) : []), shareLayer],
      },
      {
        data: { values: rows },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: ov.label, scale: { zero: false }, axis: { orient: 'right', titleColor: SERIES_COLOR, labelColor: SERIES_COLOR } },
        },
        layer: [
          // Null values break the path: a missing period is drawn as a gap.
          { mark: { type: 'line', color: SERIES_COLOR, strokeDash: [5, 3], invalid: 'break-paths-show-domains' } },
          {
            name: 'outside_series',
            mark: { type: 'square', color: SERIES_COLOR, filled: true, size: 40, invalid: 'break-paths-show-domains' },
            encoding: { tooltip: [{ field: 'period' }, { field: 'series', title: 'series' }, { field: 'value', title: 'value' }] },
          },
        ],
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
