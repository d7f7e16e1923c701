// Train the learned component beside the rules (src/coder/model.ts) and write the file the codebook's `model:` key names
// (codebooks/us-japan.model.json.gz; a name ending in .gz is written gzip-compressed, any other as plain JSON).
// Deterministic: files in sorted order, fixed seed and epochs. Needs the build: `npm run train-model` builds first.
// Usage: node scripts/train-model.mjs [--out FILE] [--codebook FILE] [--dry] [--data DIR] [--exclude NAME]... [--set name=value]...
//        (--exclude NAME leaves a training file out, for honest figures on it: see scripts/dev-eval.mjs --model)
//        node scripts/train-model.mjs --curve [--on FILE...]   (learning curve of the model alone, on held-out folds and
//                                                               on labelled files never trained on; no file written)
//        node scripts/train-model.mjs --compare FILE... [--model FILE] [--per-code]   (summary figures, rules alone vs rules+model; no training)
// Training data: the files scripts/lib/training.mjs lists (session-1 files, every trainN- batch, val4 retired into training),
// and the code-only batches (era13-, wave14-, codes16-: the code and denial models learn from them, tone and voice do not);
// never dev, check*, blind*, holdout-* or val5-* (the validation set of round 7 on).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCodebook, normalize, rulesHash } from '../dist/codebook/index.js';
import { buildModel, DEFAULT_FEATURES, DEFAULT_TRAINING, denialCue, favourableCodes, judged, learningCurve, MODEL_FORMAT, modelLang, modelReads, shareVocabulary, trainDenial, trainLanguage, DENIAL_VETO, VETO_BELOW, VETO_MIN_FEATURES, vetoKeys } from '../dist/coder/model.js';
import { prepare } from '../dist/coder/sentence.js';
import { DEFAULT_TONE_TRAINING, trainTone } from '../dist/coder/tone-model.js';
import { DEFAULT_VOICE_TRAINING, trainVoice, VOICE_MARGINS } from '../dist/coder/voice-model.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { DEFAULT_NET, trainNet } from '../dist/coder/net.js';
import { formatMessage } from '../dist/messages.js';
import { CODES_ONLY_GLOB, modelOf, TRAIN_GLOB, trainingUse } from './lib/training.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const codebookFile = arg('--codebook', join(root, 'codebooks/us-japan.yaml'));
const yaml = readFileSync(codebookFile, 'utf8');
const { codebook, messages } = loadCodebook(yaml, codebookFile);
if (!codebook) {
  for (const m of messages) console.error(m.reason);
  process.exit(1);
}
// Thresholds are chosen for "rules OR model": the rules must run without any model.
const { model: yamlModel, ...rest } = codebook;
const rulesOnly = Object.freeze(rest);
// --model FILE: compare with this model file instead of the one the codebook names.
const modelFile = arg('--model', undefined);
const CODES = codebook.codes.map((c) => c.id);
const loadedModel = modelFile ? modelOf(modelFile, CODES, 'train-model') : yamlModel;
const withModel = Object.freeze({ ...rulesOnly, ...(loadedModel ? { model: loadedModel } : {}) });

if (process.argv.includes('--compare')) {
  compare(process.argv.slice(process.argv.indexOf('--compare') + 1).filter((a, i, l) => !a.startsWith('--') && l[i - 1] !== '--model'));
} else {
  train();
}

/** The labelled files after `--on` (up to the next flag): read by `--curve`, never trained on. */
function curveFiles() {
  const at = process.argv.indexOf('--on');
  if (at < 0) return [];
  const rest = process.argv.slice(at + 1);
  const end = rest.findIndex((a) => a.startsWith('--'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Codes the coder keeps the model from raising in a sentence besides the rules' own decisions: those set aside as another sense. */
function excluded(p) {
  return (p.byKind.get('exclude') ?? []).map((h) => h.entry.owner);
}

/** `--set name=value` (repeatable) overrides a feature or training setting, for experiments with --dry. */
function settings() {
  // The judgement gate holds the codebook's favourable codes (`tone: positive`), not fixed ids.
  const features = { ...DEFAULT_FEATURES, gate: favourableCodes(codebook.codes) };
  const training = { ...DEFAULT_TRAINING };
  // The network's settings: --set net.hidden=64, net.raise / net.deny / net.tone (the probabilities the coder acts on), net.off=1.
  const net = { ...DEFAULT_NET, at: { ...DEFAULT_NET.at } };
  process.argv.forEach((a, i) => {
    if (a !== '--set') return;
    const [k, v] = process.argv[i + 1].split('=');
    if (k.startsWith('net.')) {
      const n = k.slice(4);
      if (['raise', 'deny', 'tone'].includes(n)) net.at[n] = Number(v);
      else if (n in net || n === 'off') net[n] = Number(v);
      else throw new Error(`train-model: unknown setting ${k}`);
      return;
    }
    const value = k === 'jaGrams' ? v.split(',').map(Number) : k === 'gate' ? v.split(',').filter(Boolean) : v === 'true' || v === 'false' ? v === 'true' : Number(v);
    if (k in features) features[k] = value;
    else if (k in training) training[k] = value;
    else throw new Error(`train-model: unknown setting ${k}`);
  });
  return { features, training, net };
}

function train() {
  const { features, training, net } = settings();
  const t0 = process.cpuUsage();
  // --data DIR: read the training files from another folder (a frozen copy, for experiments while batches land).
  const dataDir = arg('--data', join(root, 'eval'));
  const left = new Set(process.argv.flatMap((a, i) => (a === '--exclude' ? [basename(process.argv[i + 1] ?? '')] : [])));
  const files = readdirSync(dataDir).filter((f) => trainingUse(f) !== null && !left.has(f)).sort();
  const byLang = { en: [], ja: [] };
  // The patterns that raised (negated) a code on some training unit, per language: the only ones the vetoes may overrule.
  const ruleKeys = vetoKeys(codebook.matcher.entries);
  const seen = { en: new Set(), ja: new Set() };
  const seenDenied = { en: new Set(), ja: new Set() };
  // Every labelled unit in file order, for the tone model (trained after the code and denial models, on the coder's decisions with them).
  const allUnits = [];
  const fileInfo = [];
  const all = createHash('sha256');
  for (const f of files) {
    const text = readFileSync(join(dataDir, f), 'utf8');
    const { units } = parseUnits(text, f);
    const labelled = units.filter((u) => Array.isArray(u.codes));
    // A code-only batch trains the code and denial models; the tone and voice models learn from the other files alone.
    const codesOnly = trainingUse(f) === 'codes';
    if (!codesOnly) for (const u of labelled) allUnits.push({ ...u, doc: `${f}#${u.doc}` });
    const rules = labelUnits(labelled, rulesOnly);
    labelled.forEach((u, i) => {
      const r = rules[i];
      const p = prepare(u.text, rulesOnly);
      // Documents are named per file: two files may reuse an id.
      const lang = modelLang(normalize(u.text).text);
      for (const h of r.evidence.codes) if (ruleKeys.has(h.evidence.rule)) seen[lang].add(ruleKeys.get(h.evidence.rule));
      for (const h of r.evidence.negated) if (ruleKeys.has(h.evidence.rule)) seenDenied[lang].add(ruleKeys.get(h.evidence.rule));
      byLang[lang].push({ doc: `${f}#${u.doc}`, text: u.text, codes: u.codes, negated: u.negated, tone: codesOnly ? undefined : u.tone, denied: u.negated, rulesRaised: r.codes, rulesNegated: [...r.negated, ...excluded(p)], unscored: !modelReads(p), judged: judged(p), cue: denialCue(p) !== undefined, rulesDenied: r.negated, previousRaised: i > 0 && labelled[i - 1].doc === u.doc ? rules[i - 1].codes : [] });
    });
    const sha = createHash('sha256').update(text).digest('hex');
    all.update(`${f}\u0000${sha}\u0000`);
    fileInfo.push({ name: `eval/${f}`, units: labelled.length, sha256: sha.slice(0, 16), ...(codesOnly ? { codesOnly: true } : {}) });
  }
  const out = {
    format: MODEL_FORMAT,
    codebook: { name: codebook.name, yamlHash: rulesHash(yaml) },
    training: { glob: TRAIN_GLOB, codesOnlyGlob: CODES_ONLY_GLOB, files: fileInfo, hash: all.digest('hex').slice(0, 16) },
    features,
    settings: training,
    langs: {},
    denial: {},
  };
  if (process.argv.includes('--curve')) {
    // Learning curve of the model alone (no file written): does more data still help, on the training kind of text
    // (held-out folds) and, with --on FILE..., on labelled text of another kind (read at the folds' thresholds)?
    const heldOut = { en: [], ja: [] };
    for (const f of curveFiles()) {
      let text;
      try {
        text = readFileSync(f, 'utf8');
      } catch (e) {
        console.error(`train-model: --on ${f}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
        process.exit(1);
      }
      const { units, messages } = parseUnits(text, f);
      for (const m of messages) console.error(`train-model: ${formatMessage(m)}`);
      for (const u of units) if (Array.isArray(u.codes)) heldOut[modelLang(normalize(u.text).text)].push(u);
    }
    for (const lang of ['en', 'ja']) {
      if (byLang[lang].length === 0) continue;
      const pts = learningCurve(byLang[lang], lang, CODES, features, training, [0.25, 0.5, 0.75, 1], heldOut[lang]);
      console.log(`${lang} learning curve (model alone, codes macro-F1; held-out folds at their best threshold${heldOut[lang].length ? `, then the ${heldOut[lang].length} units of --on at that threshold` : ''}): ${pts.map((p) => `${p.fraction * 100}% (${p.units} units) ${p.macroF1.toFixed(3)}${p.heldOutMacroF1 === undefined ? '' : ` / ${p.heldOutMacroF1.toFixed(3)}`}`).join(', ')}`);
    }
    return;
  }
  for (const lang of ['en', 'ja']) {
    if (byLang[lang].length === 0) continue;
    out.langs[lang] = trainLanguage(byLang[lang], lang, CODES, features, training);
    if (training.veto && VETO_BELOW.has(lang)) out.langs[lang].veto = { below: VETO_BELOW.get(lang), minFeatures: VETO_MIN_FEATURES, patterns: [...seen[lang]].sort() };
    const cv = out.langs[lang].cv;
    console.log(`${lang}: ${byLang[lang].length} units, ${out.langs[lang].features.length} features kept; CV codes macro-F1 rules ${cv.rulesMacroF1.toFixed(3)} -> rules+model ${cv.combinedMacroF1.toFixed(3)} (nested ${cv.nestedMacroF1.toFixed(3)})`);
    console.log('   ' + cv.codes.map((c) => `${c.code}=${c.rulesF1.toFixed(2)}->${c.combinedF1.toFixed(2)}/${c.nestedF1.toFixed(2)}(+${c.addedTp}/-${c.addedFp})`).join(' '));
    out.denial[lang] = trainDenial(byLang[lang], lang, CODES, features, training);
    if (training.veto) out.denial[lang].veto = { ...DENIAL_VETO, minFeatures: VETO_MIN_FEATURES, patterns: [...seenDenied[lang]].sort() };
    const dv = out.denial[lang].cv;
    console.log(`${lang} denial: ${out.denial[lang].units} units with a negation cue, ${out.denial[lang].features.length} features kept; CV negated macro-F1 rules ${dv.rulesMacroF1.toFixed(3)} -> rules+model ${dv.combinedMacroF1.toFixed(3)} (nested ${dv.nestedMacroF1.toFixed(3)})`);
    console.log('   ' + dv.codes.map((c) => `${c.code}=${c.rulesF1.toFixed(2)}->${c.combinedF1.toFixed(2)}/${c.nestedF1.toFixed(2)}(+${c.addedTp}/-${c.addedFp})`).join(' '));
  }
  // The network learns from the words alone, every unit (the tone of units whose file trains codes only left out).
  if (!net.off) {
    const { off: _off, ...netSettings } = net;
    out.net = {};
    out.netSettings = netSettings;
    for (const lang of ['en', 'ja']) {
      if (byLang[lang].length === 0) continue;
      out.net[lang] = trainNet(byLang[lang], lang, CODES, features, netSettings);
      const nc = out.net[lang].cv;
      console.log(`${lang} net: ${out.net[lang].units} units, ${Buffer.from(out.net[lang].keys, 'base64').length / 4} inputs, ${net.hidden} hidden${nc ? `; out of fold (the network alone) codes macro-F1 ${nc.codesMacroF1.toFixed(3)}, denied micro-F1 ${nc.deniedMicroF1.toFixed(3)}${nc.toneAccuracy === undefined ? '' : `, tone ${nc.toneAccuracy.toFixed(3)}`}` : ''}`);
    }
  }
  // The tone model reads the coder's decisions as they will be: rules, then the code and denial models and the network just trained.
  const built = buildModel(JSON.parse(JSON.stringify(out)), 'training', CODES);
  if ('problem' in built) throw new Error(`train-model: the model just trained does not load: ${built.problem}`);
  const decided = labelUnits(allUnits.filter((u) => typeof u.tone === 'string'), Object.freeze({ ...rulesOnly, model: built.model }));
  const toneUnits = { en: [], ja: [] };
  allUnits.filter((u) => typeof u.tone === 'string').forEach((u, i) => {
    const d = decided[i];
    toneUnits[modelLang(normalize(u.text).text)].push({ doc: u.doc, text: u.text, gold: u.tone, ruleTone: d.tone, raised: d.codes, negated: d.negated, read: modelReads(prepare(u.text, rulesOnly)) });
  });
  out.tone = {};
  for (const lang of ['en', 'ja']) {
    if (toneUnits[lang].length === 0) continue;
    out.tone[lang] = trainTone(toneUnits[lang], lang, features, DEFAULT_TONE_TRAINING);
    const tc = out.tone[lang].cv;
    console.log(`${lang} tone: ${out.tone[lang].units} units, ${out.tone[lang].features.length} features kept; CV tone accuracy coder ${tc.rulesAccuracy.toFixed(3)} -> with the tone model ${tc.combinedAccuracy.toFixed(3)} (${tc.changed} changed)`);
  }
  // The voice model reads the rules' voices, the previous sentence's among them, within each document.
  const voiceUnits = { en: [], ja: [] };
  const labelled = allUnits.filter((u) => typeof u.tone === 'string');
  labelled.forEach((u, i) => {
    const d = decided[i];
    const prev = i > 0 && labelled[i - 1].doc === u.doc ? decided[i - 1].voice : null;
    voiceUnits[modelLang(normalize(u.text).text)].push({ doc: u.doc, text: u.text, side: u.side, gold: u.voice, voice: d.voice, how: d.evidence.voiceHow, prev, read: modelReads(prepare(u.text, rulesOnly)) });
  });
  out.voice = {};
  const voices = [...codebook.sides, 'author'];
  for (const lang of ['en', 'ja']) {
    if (voiceUnits[lang].length === 0) continue;
    out.voice[lang] = trainVoice(voiceUnits[lang], lang, voices, features, DEFAULT_VOICE_TRAINING, VOICE_MARGINS[lang]);
    const vc = out.voice[lang].cv;
    console.log(`${lang} voice: ${out.voice[lang].units} units, ${out.voice[lang].features.length} features kept, margin ${out.voice[lang].margin}; CV voice accuracy rules ${vc.rulesAccuracy.toFixed(3)} -> with the voice model ${vc.combinedAccuracy.toFixed(3)} (${vc.changed} changed)${vc.byMargin ? `; by margin ${Object.entries(vc.byMargin).map(([m, a]) => `${m} ${a.toFixed(3)}`).join(', ')}` : ''}`);
  }
  // Written with one feature list per language (format 3): the parts share most features.
  const json = JSON.stringify(shareVocabulary(out)) + '\n';
  const file = arg('--out', join(dirname(codebookFile), codebook.spec.model ?? basename(codebookFile).replace(/\.ya?ml$/u, '') + '.model.json.gz'));
  // gzip at level 9 writes no time or name in its header: the same model gives the same bytes.
  const bytes = file.endsWith('.gz') ? gzipSync(json, { level: 9 }) : Buffer.from(json);
  if (!process.argv.includes('--dry')) writeFileSync(file, bytes);
  const cpu = process.cpuUsage(t0);
  console.log(`${process.argv.includes('--dry') ? '(dry run) ' : ''}${relative(process.cwd(), file)}: ${(bytes.length / 1024).toFixed(0)} KB${file.endsWith('.gz') ? ` (${(json.length / 1024).toFixed(0)} KB of JSON)` : ''}, ${files.length} files, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  if (yamlModel === undefined && !/^model:/mu.test(yaml)) console.log(`note: ${basename(codebookFile)} has no "model:" key; the coder will not use this file`);
}

/** Per code: `code=F1(tp/fp/fn)` over the units `idx` of a labelled run. */
function perCode(units, idx, out) {
  return CODES.map((c) => {
    let tp = 0, fp = 0, fn = 0;
    for (const i of idx) {
      const g = units[i].codes.includes(c), p = out[i].codes.includes(c);
      if (g && p) tp++; else if (p) fp++; else if (g) fn++;
    }
    return `${c}=${(tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn)).toFixed(2)}(${tp}/${fp}/${fn})`;
  });
}

/** Per language: codes macro-F1 (and min), negated micro-F1, tone accuracy; rules alone vs rules+model. Summary figures only. */
function compare(files) {
  if (!loadedModel) console.log('note: the codebook loaded no model; both rows are the rules alone');
  for (const f of files) {
    const { units } = parseUnits(readFileSync(f, 'utf8'), f);
    const rows = [['rules', labelUnits(units, rulesOnly)], ['rules+model', labelUnits(units, withModel)]];
    for (const lang of ['en', 'ja']) {
      const idx = units.map((_, i) => i).filter((i) => modelLang(normalize(units[i].text).text) === lang);
      if (idx.length === 0) continue;
      const line = [];
      for (const [name, out] of rows) {
        const f1 = CODES.map((c) => {
          let tp = 0, fp = 0, fn = 0;
          for (const i of idx) {
            const g = units[i].codes.includes(c), p = out[i].codes.includes(c);
            if (g && p) tp++; else if (p) fp++; else if (g) fn++;
          }
          return tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
        });
        let ntp = 0, nfp = 0, nfn = 0, tone = 0;
        for (const i of idx) {
          for (const c of CODES) {
            const g = units[i].negated.includes(c), p = out[i].negated.includes(c);
            if (g && p) ntp++; else if (p) nfp++; else if (g) nfn++;
          }
          if (out[i].tone === units[i].tone) tone++;
        }
        const macro = f1.reduce((a, v) => a + v, 0) / f1.length;
        line.push(`${name} codes ${macro.toFixed(3)} (min ${Math.min(...f1).toFixed(2)}) neg ${(ntp + nfp + nfn === 0 ? 1 : (2 * ntp) / (2 * ntp + nfp + nfn)).toFixed(3)} tone ${(tone / idx.length).toFixed(3)}`);
      }
      console.log(`${basename(f)} ${lang} n=${idx.length}: ${line.join(' | ')}`);
      // --per-code: each code's F1 (tp/fp/fn) with rules+model, to see which codes the model helps or hurts (summary figures).
      if (process.argv.includes('--per-code')) console.log('   ' + perCode(units, idx, rows[1][1]).join(' '));
    }
  }
}
