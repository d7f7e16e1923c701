// Development runner: label a gold JSONL file with the built coder and print per-language figures.
// Usage: npx tsc -p tsconfig.build.json && node scripts/dev-eval.mjs ../shared/eval/dev.jsonl [--errors] [--rules | --model FILE]
//   --rules       the rules alone (the learned parts off): for mining rule errors on training data, which the model has seen
//   --model FILE  another model file, e.g. one trained without this file, for honest figures on a training file:
//                 node scripts/train-model.mjs --exclude train6-en-1.jsonl --out /tmp/m.json
//                 node scripts/dev-eval.mjs eval/train6-en-1.jsonl --model /tmp/m.json
import { readFileSync } from 'node:fs';
import { builtinCodebook } from '../dist/codebook/index.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { detectLang } from '../dist/lang.js';
import { modelOf } from './lib/training.mjs';

const file = process.argv[2] ?? '../shared/eval/dev.jsonl';
const showErrors = process.argv.includes('--errors');
const builtin = builtinCodebook();
const modelAt = process.argv.indexOf('--model');
const cb = process.argv.includes('--rules') ? { ...builtin, model: undefined } : modelAt > 0 ? { ...builtin, model: modelOf(process.argv[modelAt + 1], builtin.codes.map((c) => c.id), 'dev-eval') } : builtin;
const { units } = parseUnits(readFileSync(file, 'utf8'), file);
const out = labelUnits(units, cb);
const codes = cb.codes.map((c) => c.id);
for (const lang of ['en', 'ja']) {
  const idx = units.map((u, i) => i).filter((i) => detectLang(units[i].text) === lang);
  if (idx.length === 0) continue;
  let v = 0, t = 0;
  const f1 = [];
  let ntp = 0, nfp = 0, nfn = 0;
  for (const i of idx) { if (out[i].voice === units[i].voice) v++; if (out[i].tone === units[i].tone) t++; }
  for (const c of codes) {
    let tp = 0, fp = 0, fn = 0;
    for (const i of idx) { const g = units[i].codes.includes(c), p = out[i].codes.includes(c); if (g && p) tp++; else if (p) fp++; else if (g) fn++; }
    const f = tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
    f1.push([c, f, tp, fp, fn]);
    for (const i of idx) { const g = units[i].negated.includes(c), p = out[i].negated.includes(c); if (g && p) ntp++; else if (p) nfp++; else if (g) nfn++; }
  }
  const macro = f1.reduce((a, x) => a + x[1], 0) / f1.length;
  console.log(`${lang}: n=${idx.length} voice=${(v / idx.length).toFixed(3)} macroF1=${macro.toFixed(3)} min=${Math.min(...f1.map((x) => x[1])).toFixed(3)} negF1=${(2 * ntp / (2 * ntp + nfp + nfn)).toFixed(3)} tone=${(t / idx.length).toFixed(3)}`);
  console.log('   ' + f1.map((x) => `${x[0]}=${x[1].toFixed(2)}(${x[2]}/${x[3]}/${x[4]})`).join(' '));
  if (showErrors) for (const i of idx) {
    const g = units[i], o = out[i];
    const diff = [];
    if (g.voice !== o.voice) diff.push(`VOICE ${g.voice}->${o.voice} [${o.evidence.voiceHow} ${o.evidence.voice?.text ?? ''}]`);
    if (g.codes.slice().sort().join() !== o.codes.slice().sort().join()) diff.push(`CODES ${g.codes}->${o.codes} [${o.evidence.codes.map((h) => h.code + ':' + h.evidence.text).join('; ')}]`);
    if (g.negated.slice().sort().join() !== o.negated.slice().sort().join()) diff.push(`NEG ${g.negated}->${o.negated} [${o.evidence.negated.map((h) => h.code + ':' + h.evidence.text + '/' + h.negation?.text).join('; ')}]`);
    if (o.evidence.setAside && diff.length) diff.push(`SET ASIDE ${o.evidence.setAside.map((h) => `${h.code}${h.negation ? ' (negated)' : ''}:${h.evidence.text} ${h.evidence.model?.score}<${h.evidence.model?.threshold}`).join('; ')}`);
    if (g.tone !== o.tone) diff.push(`TONE ${g.tone}->${o.tone} [${o.evidence.tone.map((e) => e.text).join('; ')}]`);
    if (diff.length) console.log(`  ${g.doc} ${g.text.slice(0, 110)}\n     ${diff.join('\n     ')}`);
  }
}
