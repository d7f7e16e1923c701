// Round 7 experiment: how right is the code model when it adds a code beside one the rules raised?
// Honest: for each family of training files (session-1 files, train3, train4, ...), a model trained without that family labels it.
// Prints, per language, the precision of model-added codes alone and beside a rules code, and macro-F1 if the model's extra codes
// beside a rules code had to reach k times their threshold (the coder uses BESIDE_RULES, so run it with BESIDE_RULES = 1 in the build
// to see the "k = 1" row as it was).
// Usage: npx tsc -p tsconfig.build.json && node eval/experiment-beside-rules.mjs   (about 1 minute: one training run per family)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const root = join(import.meta.dirname, '..');
const { builtinCodebook } = await import(join(root, 'dist/codebook/index.js'));
const { labelUnits, parseUnits } = await import(join(root, 'dist/label.js'));
const { detectLang } = await import(join(root, 'dist/lang.js'));
const { family, modelOf, TRAIN } = await import(join(root, 'scripts/lib/training.mjs'));
const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
const files = readdirSync(join(root, 'eval')).filter((f) => TRAIN.test(f)).sort();
const recs = [];
for (const fam of [...new Set(files.map(family))]) {
  const mine = files.filter((f) => family(f) === fam);
  const out = join(tmpdir(), `twocities-beside-${fam}.json`);
  if (!existsSync(out)) execFileSync('node', ['scripts/train-model.mjs', ...mine.flatMap((f) => ['--exclude', f]), '--out', out], { cwd: root, stdio: 'ignore' });
  const cb = { ...builtin, model: modelOf(out, CODES, 'experiment-beside-rules') };
  for (const f of mine) {
    const { units } = parseUnits(readFileSync(join(root, 'eval', f), 'utf8'), f);
    labelUnits(units, cb).forEach((o, i) => recs.push({
      lang: detectLang(units[i].text),
      gold: units[i].codes,
      out: o.codes,
      hits: o.evidence.codes.map((h) => ({ code: h.code, model: String(h.evidence.rule).startsWith('model:'), score: h.evidence.model?.score, thr: h.evidence.model?.threshold })),
    }));
  }
}
function macro(rs, k) {
  let sum = 0;
  for (const c of CODES) {
    let tp = 0, fp = 0, fn = 0;
    for (const r of rs) {
      const beside = r.hits.some((h) => !h.model);
      const p = r.out.includes(c) && r.hits.filter((h) => h.code === c).every((h) => !h.model || !beside || h.score >= k * h.thr);
      const g = r.gold.includes(c);
      if (g && p) tp++; else if (p) fp++; else if (g) fn++;
    }
    sum += tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
  }
  return (sum / CODES.length).toFixed(3);
}
for (const lang of ['en', 'ja']) {
  const rs = recs.filter((r) => r.lang === lang);
  for (const beside of [false, true]) {
    const hs = rs.flatMap((r) => (r.hits.some((h) => !h.model) === beside ? r.hits.filter((h) => h.model).map((h) => r.gold.includes(h.code)) : []));
    process.stdout.write(`${lang} model-added codes ${beside ? 'beside a rules code' : 'alone'}: ${hs.length}, precision ${(hs.filter(Boolean).length / hs.length).toFixed(3)}\n`);
  }
  process.stdout.write(`${lang} macro-F1 (${rs.length} units) with extra codes beside a rules code at k x threshold: ${[1, 1.5, 2, 3, 1e9].map((k) => `k=${k > 1e6 ? 'never' : k} ${macro(rs, k)}`).join(', ')}\n`);
}
