// Held-out figures over every training unit: for each family of training files (the session-1 files, train3, train4, ...),
// the learned parts are retrained without that family and the coder labels it. The learned parts' share is then honest;
// the rules were mined on these files, so the "rules alone" row is optimistic (fresh text shows it: see eval/README-codes.md).
// Usage: npx tsc -p tsconfig.build.json && node scripts/cv-eval.mjs [--per-code] [--data DIR] [--set name=value]...   (one training run per family,
// ~10 CPU-s each; --set passes a training setting on to scripts/train-model.mjs, to compare settings on held-out families)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCodebook } from '../dist/codebook/index.js';
import { heldOut, heldOutOptions } from './lib/heldout.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CODES = builtinCodebook().codes.map((c) => c.id);
// --data DIR: a frozen copy of eval/ (to compare settings while batches land).
const { dataDir, sets } = heldOutOptions(process.argv, root);
const rows = new Map([['rules alone', []], ['rules + learned parts', []]]);
for (const { units, langs, rules, learned } of heldOut({ root, dataDir, sets, who: 'cv-eval' })) {
  units.forEach((u, i) => rows.get('rules alone').push({ lang: langs[i], gold: u, out: rules[i] }));
  units.forEach((u, i) => rows.get('rules + learned parts').push({ lang: langs[i], gold: u, out: learned[i] }));
}

const f1 = (tp, fp, fn) => (tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn));
for (const lang of ['en', 'ja']) {
  for (const [name, all] of rows) {
    const rs = all.filter((r) => r.lang === lang);
    const per = CODES.map((c) => {
      let tp = 0, fp = 0, fn = 0;
      for (const r of rs) {
        const g = r.gold.codes.includes(c), p = r.out.codes.includes(c);
        if (g && p) tp++; else if (p) fp++; else if (g) fn++;
      }
      return [c, f1(tp, fp, fn), tp, fp, fn];
    });
    let ntp = 0, nfp = 0, nfn = 0;
    for (const r of rs) for (const c of CODES) {
      const g = r.gold.negated.includes(c), p = r.out.negated.includes(c);
      if (g && p) ntp++; else if (p) nfp++; else if (g) nfn++;
    }
    const acc = (k) => (rs.filter((r) => r.out[k] === r.gold[k]).length / rs.length).toFixed(3);
    const macro = per.reduce((a, x) => a + x[1], 0) / per.length;
    console.log(`${lang} ${name}: n=${rs.length} voice=${acc('voice')} macroF1=${macro.toFixed(3)} min=${Math.min(...per.map((x) => x[1])).toFixed(3)} negF1=${f1(ntp, nfp, nfn).toFixed(3)} tone=${acc('tone')}`);
    if (process.argv.includes('--per-code')) console.log('   ' + per.map((x) => `${x[0]}=${x[1].toFixed(2)}(${x[2]}/${x[3]}/${x[4]})`).join(' '));
  }
}
