// Development runner: label a gold JSONL file with the built coder and print per-language figures.
// Usage: npx tsc -p tsconfig.build.json && node scripts/dev-eval.mjs ../shared/eval/dev.jsonl [--errors] [--rules | --model FILE]
//   --rules       the rules alone (the learned parts off): for mining rule errors on training data, which the model has seen
//   --model FILE  another model file, e.g. one trained without this file, for honest figures on a training file:
//                 node scripts/train-model.mjs --exclude train6-en-1.jsonl --out /tmp/m.json
//                 node scripts/dev-eval.mjs eval/train6-en-1.jsonl --model /tmp/m.json
import { readFileSync } from 'node:fs';
import { builtinCodebook } from '../dist/codebook/index.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { summaryFigures } from './lib/figures.mjs';
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
  const f = summaryFigures(units, out, codes, lang);
  if (!f) continue;
  const idx = f.idx;
  console.log(`${lang}: n=${f.n} voice=${f.voice.toFixed(3)} macroF1=${f.macroF1.toFixed(3)} min=${f.min.toFixed(3)} negF1=${f.negF1.toFixed(3)} tone=${f.tone.toFixed(3)}`);
  console.log('   ' + f.perCode.map((x) => `${x.code}=${x.f1.toFixed(2)}(${x.tp}/${x.fp}/${x.fn})`).join(' '));
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
