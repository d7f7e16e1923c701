/**
 * Draw a Vega-Lite spec (from the shared `charts.ts`) as SVG in the page, with Vega's expression
 * interpreter (no eval: the page's CSP forbids it). Clicks report the datum under the pointer.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../../src/report/charts.js';

/**
 * Render `spec` into `el`; `onClick` receives the datum of a clicked mark.
 *
 * @example
 * await showChart(div, overviewSpec(json), (d) => go(`#/evidence?code=${d.code}`));
 */
export async function showChart(el: HTMLElement, spec: ChartSpec, onClick: (datum: Record<string, unknown>) => void): Promise<View> {
  const runtime = parse(compile(spec as unknown as TopLevelSpec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter as never, renderer: 'svg', container: el, hover: true });
  view.addEventListener('click', (_event, item) => {
    const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
    if (datum && typeof datum === 'object') onClick(datum);
  });
  await view.runAsync();
  return view;
}
