/**
 * Server-side rendering of the chart specifications to inline SVG with vega + vega-lite (no
 * canvas, no network, no fonts fetched): the HTML report draws the same charts as the dashboard.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './charts.js';

/**
 * Render a Vega-Lite specification to an SVG string (the `<svg>` element, no XML prolog).
 *
 * @example
 * const svg = await specToSvg(overviewSpec(measurementJson(m)));
 */
export async function specToSvg(spec: ChartSpec): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  // A loader that refuses every URL: the report must never reach the network or the disk.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('svg: charts load no external data'));
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return svg.replace(/^<\?xml[^>]*>\s*/, '');
  } finally {
    view.finalize();
  }
}
