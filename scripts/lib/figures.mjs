// The summary figures of the development scripts: one language's voice and tone accuracy, codes macro-F1 (with the
// lowest code and each code's counts) and negated micro-F1, for units labelled by hand and the coder's decisions on them.
// Shared by scripts/dev-eval.mjs and scripts/seed-spread.mjs so both print the same numbers.
import { detectLang } from '../../dist/lang.js';

/**
 * Figures for the units of one language (`lang`), or null when the file holds none.
 * @example const f = summaryFigures(units, labelUnits(units, cb), codes, 'en'); // { n, voice, macroF1, min, negF1, tone, perCode }
 */
export function summaryFigures(units, out, codes, lang) {
  const idx = units.map((u, i) => i).filter((i) => detectLang(units[i].text) === lang);
  if (idx.length === 0) return null;
  let voice = 0;
  let tone = 0;
  for (const i of idx) {
    if (out[i].voice === units[i].voice) voice++;
    if (out[i].tone === units[i].tone) tone++;
  }
  let ntp = 0;
  let nfp = 0;
  let nfn = 0;
  const perCode = [];
  for (const c of codes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of idx) {
      const g = units[i].codes.includes(c);
      const p = out[i].codes.includes(c);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
      const gn = units[i].negated.includes(c);
      const pn = out[i].negated.includes(c);
      if (gn && pn) ntp++;
      else if (pn) nfp++;
      else if (gn) nfn++;
    }
    perCode.push({ code: c, f1: tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn), tp, fp, fn });
  }
  return {
    n: idx.length,
    idx,
    voice: voice / idx.length,
    macroF1: perCode.reduce((a, x) => a + x.f1, 0) / perCode.length,
    min: Math.min(...perCode.map((x) => x.f1)),
    negF1: (2 * ntp) / (2 * ntp + nfp + nfn),
    tone: tone / idx.length,
    perCode,
  };
}
