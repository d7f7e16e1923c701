// Experiment (kept for the record, not used by the coder): a per-code logistic regression over word or character n-grams,
// trained on labelled files written for this project, added to the rules where they are silent. Deterministic (fixed order and epochs).
// Usage: npx tsc -p tsconfig.build.json && node eval/experiment-codes-model.mjs TRAIN1,TRAIN2 TEST en|ja [threshold]
/* eslint-disable no-console -- a command-line experiment prints its figures */
import { readFileSync } from 'node:fs';
import { builtinCodebook } from '../dist/codebook/index.js';
import { labelUnits, parseUnits } from '../dist/label.js';
const [trainFiles, testFile, lang, thrS] = [process.argv[2].split(','), process.argv[3], process.argv[4], process.argv[5] ?? '0.8'];
const thr = Number(thrS);
const cb = builtinCodebook();
const CODES = cb.codes.map((c) => c.id);
const JA = /[\u3040-\u30ff\u3400-\u9fff]/u;
function feats(text) {
  const t = text.normalize('NFKC').toLowerCase();
  const out = new Set();
  if (JA.test(t)) {
    const s = t.replace(/[\s、。「」（）()【】：:・]/gu, '|');
    for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= s.length; i++) { const g = s.slice(i, i + n); if (!g.includes('|')) out.add(g); }
  } else {
    const w = t.match(/[a-z][a-z'-]*/g) ?? [];
    for (let i = 0; i < w.length; i++) { out.add(w[i]); if (i + 1 < w.length) out.add(w[i] + ' ' + w[i + 1]); }
  }
  return [...out];
}
const load = (f) => parseUnits(readFileSync(f, 'utf8'), f).units.filter((u) => (JA.test(u.text) ? 'ja' : 'en') === lang);
const train = trainFiles.flatMap(load);
const test = load(testFile);
// vocabulary: features seen in >= 2 training units
const df = new Map();
for (const u of train) for (const f of feats(u.text)) df.set(f, (df.get(f) ?? 0) + 1);
const vocab = new Map([...df].filter(([, c]) => c >= 2).map(([f], i) => [f, i]));
const X = train.map((u) => feats(u.text).map((f) => vocab.get(f)).filter((i) => i !== undefined));
const models = new Map();
for (const code of CODES) {
  const y = train.map((u) => (u.codes.includes(code) ? 1 : 0));
  const w = new Float64Array(vocab.size); let b = -2;
  const lr = 0.5, l2 = 0.01;
  for (let ep = 0; ep < 60; ep++) for (let k = 0; k < X.length; k++) {
    const z = b + X[k].reduce((a, i) => a + w[i], 0); const p = 1 / (1 + Math.exp(-z)); const g = p - y[k];
    b -= lr * g * 0.1; for (const i of X[k]) w[i] -= lr * (g + l2 * w[i]);
  }
  models.set(code, { w, b });
}
const score = (code, text) => { const m = models.get(code); const z = m.b + feats(text).map((f) => vocab.get(f)).filter((i) => i !== undefined).reduce((a, i) => a + m.w[i], 0); return 1 / (1 + Math.exp(-z)); };
const out = labelUnits(test, cb);
function f1s(useModel) {
  const res = [];
  for (const c of CODES) {
    let tp = 0, fp = 0, fn = 0;
    test.forEach((u, i) => {
      let p = out[i].codes.includes(c);
      if (useModel && !p && !out[i].negated.includes(c) && score(c, u.text) > thr) p = true;
      const g = u.codes.includes(c);
      if (g && p) tp++; else if (p) fp++; else if (g) fn++;
    });
    res.push(tp === 0 ? (fp + fn === 0 ? 1 : 0) : 2 * tp / (2 * tp + fp + fn));
  }
  return res;
}
const a = f1s(false), m = f1s(true);
const avg = (x) => (x.reduce((s, v) => s + v, 0) / x.length).toFixed(3);
console.log(`${lang} ${testFile.split('/').pop()} thr=${thr} rules macro=${avg(a)} min=${Math.min(...a).toFixed(2)} | rules+model macro=${avg(m)} min=${Math.min(...m).toFixed(2)}`);
