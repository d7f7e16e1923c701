// The figures of the README's worked example, recomputed from the real archive in ../shared/real
// (gentok/Foreign_Image_News_Project, Gento Kato, CC BY 4.0): documents per year, the three most
// raised codes per decade, Spearman's rho of every code against the Jiji poll, the tone agreement
// with the 987 hand-coded headlines, and the chart docs/real-burden-pressure-vs-likestate.svg.
// Run after a build: `npm run build && node docs/real-figures.mjs` (prints Markdown).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCodebook } from '../dist/codebook/index.js';
import { loadProfile } from '../dist/import-profile.js';
import { evaluateOutsideTone, loadGoldMap } from '../dist/outside.js';
import { loadSeries, overlay, overlayChartSvg } from '../dist/overlay.js';
import { analyzePaths } from '../dist/pipeline.js';
import { measureFor } from '../dist/query.js';
import { Store } from '../dist/store/index.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const real = here('../../shared/real/');
const headlines = join(real, 'jp-headlines-us-1987-2015.csv');
const poll = join(real, 'jiji-poll-1987-2015.csv');
const chartCode = 'burden_pressure';
// A script's output, not library printing: written straight to standard output.
const say = (s) => process.stdout.write(`${s}\n`);

const tmp = mkdtempSync(join(tmpdir(), 'twocities-real-figures-'));
const store = Store.open(join(tmp, 'real.db'));
try {
  const codebook = builtinCodebook();
  const { profile } = loadProfile(here('../examples/profiles/asahi-yomiuri.yaml'));
  const summary = await analyzePaths([headlines], { store, codebook, table: profile.mapping });
  say(`stored ${summary.stored} of ${summary.documents} rows (${summary.duplicates} repeated texts), codebook ${codebook.version}\n`);

  const perYear = new Map();
  for (const d of store.documents()) {
    const y = d.date?.slice(0, 4) ?? 'undated';
    perYear.set(y, (perYear.get(y) ?? 0) + 1);
  }
  say('Documents per year: ' + [...perYear].sort().map(([y, n]) => `${y} ${n}`).join(', ') + '\n');

  const m = measureFor(store, codebook, { by: 'year', reps: 10 });
  // Decades as the archive has them: 1987-89, the 1990s, the 2000s, 2010-15.
  const decade = (y) => (y < 1990 ? '1987-89' : y < 2000 ? '1990s' : y < 2010 ? '2000s' : '2010-15');
  const acc = new Map();
  for (const p of m.periods ?? []) {
    const key = decade(Number(p.period));
    const a = acc.get(key) ?? { sentences: 0, raised: new Map() };
    a.sentences += p.sentences;
    for (const [code, cell] of p.codes) {
      let raised = 0;
      for (const c of cell.voices.values()) raised += c.raised;
      a.raised.set(code, (a.raised.get(code) ?? 0) + raised);
    }
    acc.set(key, a);
  }
  say('Three most raised codes per decade (share of all sentences):');
  for (const [key, a] of acc) {
    const top = [...a.raised].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([c, r]) => `${c} ${((100 * r) / a.sentences).toFixed(1)}%`);
    say(`- ${key} (${a.sentences} sentences): ${top.join(', ')}`);
  }

  const { series } = loadSeries(poll, { column: 'likestate_us', dateColumn: 'ymonth', label: 'Like the U.S. (Jiji)' });
  say("\nSpearman's rho by year against likestate_us (lag 0; lag 1 = headlines a year before the poll):");
  const rhos = codebook.codes.map((c) => ({ code: c.id, r0: overlay(m, series, { code: c.id }), r1: overlay(m, series, { code: c.id, lag: 1 }) }));
  for (const { code, r0, r1 } of rhos.sort((a, b) => Math.abs(b.r0.spearman.rho || 0) - Math.abs(a.r0.spearman.rho || 0))) {
    const f = (x) => (Number.isFinite(x) ? (Math.abs(x) < 0.005 ? 0 : x).toFixed(2) : "n/a");
    say(`- ${code}: ${f(r0.spearman.rho)} (n = ${r0.spearman.n}); lag 1: ${f(r1.spearman.rho)} (n = ${r1.spearman.n})`);
  }
  const svg = await overlayChartSvg(m, overlay(m, series, { code: chartCode }), { width: 640 });
  // A white ground keeps the chart readable on dark pages.
  writeFileSync(here(`real-${chartCode.replace(/_/g, '-')}-vs-likestate.svg`), svg.replace(/(<svg[^>]*>)/, '$1<rect width="100%" height="100%" fill="#fff"/>'));

  const { map } = loadGoldMap(here('real-us-tone-map.yaml'));
  const t = await evaluateOutsideTone([headlines], { codebook, map, table: profile.mapping, reps: 1000, seed: 1 });
  const a = t.agreement;
  say(`\nTone vs the hand-coded headlines: n = ${a.n}, agreement ${a.agreement.toFixed(3)}, kappa ${a.kappa.estimate.toFixed(3)} [${a.kappa.low.toFixed(3)}, ${a.kappa.high.toFixed(3)}]`);
  const tones = ['positive', 'negative', 'mixed', 'neutral'];
  say(`\n| outside \\ twocities | ${tones.join(' | ')} |\n|---|${tones.map(() => '---:').join('|')}|`);
  for (const o of tones) say(`| ${o} | ${tones.map((x) => a.confusion.get(o)?.get(x) ?? 0).join(' | ')} |`);
} finally {
  store.close();
  rmSync(tmp, { recursive: true, force: true });
}
