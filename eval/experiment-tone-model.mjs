// Experiment (issue #4 parts 5 and 8): how should a learned tone model sit beside the tone rules?
// Per language, a softmax regression over 4 tones (src/coder/classifier.ts) on the code model's sentence features,
// with or without the coder's own decision as features (rules' tone, codes raised and negated, the rules' evidence kinds).
// Compared on document-grouped CV over the training files and on val4 summaries (never its sentences):
//   rules alone; model alone (words only); stacked (words + decision, argmax everywhere it reads);
//   model only where the rules say neutral; model overrides the rules above a probability margin.
// Needs the build (`npx tsc -p tsconfig.build.json`). Usage: node eval/experiment-tone-model.mjs [--val FILE...] [--set k=v]...
// The coder's codes come from the shipped code and denial models (trained on these same units: in CV the decision
// features are cleaner than on fresh text; val4 is the honest check).
/* eslint-disable no-console -- a command-line experiment prints its figures */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCodebook, normalize } from '../dist/codebook/index.js';
import { DEFAULT_FEATURES, docFolds, modelLang, modelReads, sentenceFeatures } from '../dist/coder/model.js';
import { prepare } from '../dist/coder/sentence.js';
import { DEFAULT_CLASSIFIER, trainClassifier, softmax } from '../dist/coder/classifier.js';
import { TONE_CLASSES, toneFeatures } from '../dist/coder/tone-model.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { seededRandom } from '../dist/stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TRAIN = /^(?:train-codes-|train-voice-|units-|train3-|train4-|train5-|train6-).*\.jsonl$/u;
const argv = process.argv.slice(2);
const valFiles = argv.flatMap((a, i) => (argv[i - 1] === '--val' ? [a] : []));
const settings = { ...DEFAULT_CLASSIFIER };
argv.forEach((a, i) => {
  if (argv[i - 1] !== '--set') return;
  const [k, v] = a.split('=');
  if (!(k in settings)) throw new Error(`experiment-tone-model: unknown setting ${k}`);
  settings[k] = Number(v);
});
const only = argv.includes('--no-train6') ? /^(?!train6-)/u : /./u;
// --variant NAME (repeatable): only these feature variants.
const pick = argv.flatMap((a, i) => (argv[i - 1] === '--variant' ? [a] : []));

const cb = builtinCodebook();
const draw = seededRandom(Number(argv[argv.indexOf('--draw-seed') + 1] ?? 0) || 20261129);
// The coder as it decides without a tone model: rules, code model, denial model.
const { tone: _shippedTone, ...noTone } = cb.model ?? {};
const coder = Object.freeze({ ...cb, ...(cb.model ? { model: noTone } : {}) });

/** The rules' evidence kinds for the tone they gave: tone term, code, denial, contrast. */
function evidenceKinds(ev) {
  return [...new Set(ev.map((e) => `re:${e.rule.startsWith('tone:contrast') ? 'contrast' : e.rule.startsWith('tone:') ? 'term' : e.rule.startsWith('negation') || e.rule.startsWith('deny') ? 'denial' : e.rule.startsWith('model') ? 'model' : 'code'}`))];
}

/** Units of some files with the coder's decision and every feature family. */
function load(files) {
  const out = { en: [], ja: [] };
  for (const f of files) {
    const { units } = parseUnits(readFileSync(f, 'utf8'), f);
    const labelled = units.filter((u) => typeof u.tone === 'string');
    const decided = labelUnits(labelled, coder);
    labelled.forEach((u, i) => {
      const d = decided[i];
      const t = normalize(u.text).text;
      const lang = modelLang(t);
      const words = sentenceFeatures(t, lang, DEFAULT_FEATURES).keys;
      const decision = toneFeatures(d.tone, d.codes, d.negated);
      const prev = i > 0 && labelled[i - 1].doc === u.doc ? decided[i - 1].tone : 'none';
      const ctx = [`rv:${d.voice}`, ...(/[?？]\s*["'”’」]?\s*$/u.test(u.text) ? ['q:1'] : [])];
      out[lang].push({ doc: `${f}#${u.doc}`, gold: u.tone, rule: d.tone, read: modelReads(prepare(u.text, coder)), words, decision, kinds: evidenceKinds(d.evidence.tone), ctx, prev: [`pt:${prev}`], draw: draw() });
    });
  }
  return out;
}

const VARIANTS = {
  words: (u) => u.words,
  stacked: (u) => [...u.words, ...u.decision],
  'stacked+kinds': (u) => [...u.words, ...u.decision, ...u.kinds],
  // The sentence's voice and whether it asks; the previous sentence's tone (rules) in the same document.
  'stacked+ctx': (u) => [...u.words, ...u.decision, ...u.ctx],
  'stacked+prev': (u) => [...u.words, ...u.decision, ...u.prev],
  // Simulated rule misses in training only (as the code model's ruleMiss): a judging unit is shown as the rules saying
  // neutral with nothing raised, for a share of units fixed by a seeded draw; scoring reads the true decision.
  ...Object.fromEntries([0.1, 0.2, 0.3, 0.4].map((q) => [`stacked-miss${q}`, (u, train) => [...u.words, ...(train && u.rule !== 'neutral' && u.draw < q ? ['rt:neutral'] : u.decision)]])),
};

const ix = (t) => TONE_CLASSES.indexOf(t);
const argmax = (p) => p.reduce((b, v, k) => (v > p[b] ? k : b), 0);
/** Combinations of the rules' tone `r` and the model's probabilities `p` (asked only where it reads). */
const COMBOS = {
  rules: (r) => r,
  model: (r, p) => TONE_CLASSES[argmax(p)],
  'neutral-only': (r, p) => (r !== 'neutral' ? r : TONE_CLASSES[argmax(p)]),
  ...Object.fromEntries([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((m) => [`margin ${m}`, (r, p) => {
    const c = argmax(p);
    return p[c] - p[ix(r)] >= m ? TONE_CLASSES[c] : r;
  }])),
  ...Object.fromEntries([0.2, 0.3, 0.4, 0.5, 0.6].map((m) => [`neutral-argmax + margin ${m}`, (r, p) => {
    const c = argmax(p);
    if (r === 'neutral') return TONE_CLASSES[c];
    return p[c] - p[ix(r)] >= m ? TONE_CLASSES[c] : r;
  }])),
};

function accuracy(units, probs, combo) {
  let ok = 0;
  let changed = 0;
  // Net units gained by changes where the rules said neutral, and where they judged.
  const net = { neutral: 0, judged: 0 };
  units.forEach((u, i) => {
    const t = u.read || combo === COMBOS.model ? combo(u.rule, probs[i]) : u.rule;
    if (t === u.gold) ok++;
    if (t !== u.rule) {
      changed++;
      net[u.rule === 'neutral' ? 'neutral' : 'judged'] += (t === u.gold ? 1 : 0) - (u.rule === u.gold ? 1 : 0);
    }
  });
  return { acc: ok / (units.length || 1), changed, net };
}

/** Score units with a trained part (sparse weights). */
function scorer(part) {
  const index = new Map(part.features.map((f, i) => [f, i]));
  return (keys) => {
    const z = part.codes.map((c) => c.bias);
    for (const k of new Set(keys)) {
      const f = index.get(k);
      if (f === undefined) continue;
      part.codes.forEach((c, o) => {
        const q = c.idx.indexOf(f);
        if (q >= 0) z[o] += c.w[q];
      });
    }
    return softmax(z);
  };
}

/** Out-of-fold probabilities from pruned fits on the other folds (the same folds as the classifier's). */
function prunedOof(rows, scoreKeys = rows.map((r) => r.keys), expand = (r) => [r]) {
  const { fold } = docFolds(rows, settings.folds);
  const oof = rows.map(() => []);
  for (let f = 0; f < settings.folds; f++) {
    const { part } = trainClassifier(rows.filter((_, i) => fold[i] !== f).flatMap(expand), TONE_CLASSES, { ...settings, folds: 2 });
    const score = scorer(part);
    rows.forEach((r, i) => {
      if (fold[i] === f) oof[i] = score(scoreKeys[i]);
    });
  }
  return oof;
}

const files = readdirSync(join(root, 'eval')).filter((f) => TRAIN.test(f) && only.test(f)).sort().map((f) => join(root, 'eval', f));
console.log(`training files: ${files.length}; settings ${JSON.stringify(settings)}`);
const train = load(files);
const vals = valFiles.map((f) => ({ f, data: load([f]) }));
/** One line per combination: CV and each validation file. */
function report(vname, units, oof, valProbs, lang) {
  const line = [];
  for (const [cname, combo] of Object.entries(COMBOS)) {
    if (vname !== 'stacked' && cname === 'rules') continue;
    const cv = accuracy(units, oof, combo);
    const vs = vals.map(({ data }, k) => {
      const vu = data[lang];
      return vu.length ? accuracy(vu, valProbs[k], combo) : null;
    });
    line.push(`  ${vname.padEnd(13)} ${cname.padEnd(26)} CV ${cv.acc.toFixed(3)} (${String(cv.changed).padStart(4)} changed)${vs.map((v, k) => (v ? `  ${valFiles[k].replace(/^.*\//u, '')} ${v.acc.toFixed(3)} (${v.changed}${argv.includes('--net') ? `: net ${v.net.neutral}/${v.net.judged}` : ''})` : '')).join('')}`);
  }
  console.log(line.join('\n'));
}

const mean = (a, b) => a.map((p, i) => p.map((v, k) => (v + b[i][k]) / 2));
for (const lang of ['en', 'ja']) {
  const units = train[lang];
  console.log(`\n== ${lang}: ${units.length} training units (${units.filter((u) => u.read).length} read by the model), gold ${TONE_CLASSES.map((t) => `${t} ${units.filter((u) => u.gold === t).length}`).join(', ')}`);
  const got = new Map();
  for (const [vname, keys] of Object.entries(VARIANTS)) {
    if (pick.length && !pick.includes(vname) && !(argv.includes('--blend') && ['words', 'stacked'].includes(vname))) continue;
    // --dup-judged N: units whose gold tone judges (not neutral) appear N times in training (a class weight); scoring reads each once.
    const dup = Number(argv[argv.indexOf('--dup-judged') + 1] ?? 1) || 1;
    const rows = units.map((u) => ({ doc: u.doc, keys: keys(u, true), gold: ix(u.gold) }));
    const expand = (r) => (TONE_CLASSES[r.gold] === 'neutral' ? [r] : Array.from({ length: dup }, () => r));
    const { part, oof: unpruned } = trainClassifier(rows.flatMap(expand), TONE_CLASSES, settings);
    // The classifier's out-of-fold figures come from unpruned fits; --pruned-cv scores each fold with a pruned fit, as the file holds it.
    if (dup > 1 && !argv.includes('--pruned-cv')) throw new Error('experiment-tone-model: --dup-judged needs --pruned-cv');
    const oof = argv.includes('--pruned-cv') ? prunedOof(rows, undefined, expand) : unpruned;
    const score = scorer(part);
    // Held-out training folds are scored on their true decision too.
    const oofTrue = argv.includes('--pruned-cv') ? prunedOof(rows, units.map((u) => keys(u, false)), expand) : oof;
    const valProbs = vals.map(({ data }) => data[lang].map((u) => score(keys(u, false))));
    got.set(vname, { oof: oofTrue, valProbs });
    report(vname, units, oofTrue, valProbs, lang);
  }
  // --blend: the mean of the words-only and the stacked models' probabilities.
  if (argv.includes('--blend')) {
    const w = got.get('words');
    const st = got.get('stacked');
    report('blend', units, mean(w.oof, st.oof), w.valProbs.map((v, k) => mean(v, st.valProbs[k])), lang);
  }
}
