#!/usr/bin/env node
/* eslint-disable no-console -- a command-line script: printing is its output (eslint allows it only under scripts/ and src/cli/). */
// Inter-annotator agreement: a gold label file against a second annotator's labels.
// Usage: node eval/agreement/compare.mjs GOLD.jsonl SECOND.jsonl [--diff]
// GOLD is a labelled set (doc, text, voice, codes, negated, tone per line); SECOND holds
// {"line":N,"doc":…,"voice":…,"codes":[…],"negated":[…],"tone":…} lines. Units are joined by
// line number (1-based position in GOLD); the doc ids must match. Figures are printed per
// language (Japanese when the gold text holds kana or kanji). --diff lists every unit where
// the two annotators differ (for the classification of disagreements, after the figures).
import { readFileSync } from 'node:fs';

const CODES = [
  'relationship_positive', 'one_way', 'autonomy', 'burden_pressure', 'nuclear',
  'abandonment', 'entrapment', 'japan_passing', 'nationalism', 'reassurance',
];
const VOICES = ['washington', 'tokyo', 'other', 'author'];
const TONES = ['positive', 'negative', 'mixed', 'neutral'];

function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch {
        console.error(`${path}:${i + 1}: not valid JSON`);
        process.exit(2);
      }
    });
}

const args = process.argv.slice(2);
const showDiff = args.includes('--diff');
const [goldPath, secondPath] = args.filter((a) => !a.startsWith('--'));
if (!goldPath || !secondPath) {
  console.error('usage: node eval/agreement/compare.mjs GOLD.jsonl SECOND.jsonl [--diff]');
  process.exit(2);
}
const gold = readJsonl(goldPath);
const second = readJsonl(secondPath);

// Join by line number; a missing or mismatched unit is an error, not a silent skip.
const bySecondLine = new Map(second.map((r) => [r.line, r]));
const pairs = [];
let problems = 0;
gold.forEach((g, i) => {
  const line = i + 1;
  const s = bySecondLine.get(line);
  if (!s) {
    console.error(`${secondPath}: no label for line ${line} (${g.doc})`);
    problems++;
    return;
  }
  if (s.doc !== g.doc) {
    console.error(`${secondPath}: line ${line} is doc ${s.doc}, gold has ${g.doc}`);
    problems++;
    return;
  }
  // Kana letters or kanji; not the katakana middle dot or 【】 brackets that English posts borrow.
  const lang = /[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]/.test(g.text ?? '') ? 'ja' : 'en';
  pairs.push({ line, lang, g, s });
});
if (second.length !== gold.length) {
  console.error(`${secondPath}: ${second.length} lines, gold has ${gold.length}`);
  problems++;
}
if (problems > 0) process.exit(1);

/** Cohen's kappa for two nominal label sequences. */
function kappa(a, b, categories) {
  const n = a.length;
  if (n === 0) return NaN;
  let agree = 0;
  const ca = new Map(categories.map((c) => [c, 0]));
  const cb = new Map(categories.map((c) => [c, 0]));
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [c, x] of ca) pe += (x / n) * ((cb.get(c) ?? 0) / n);
  return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
}

function f1(tp, fp, fn) {
  return tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn);
}

const fmt = (x) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));

function report(lang, ps) {
  const n = ps.length;
  const voiceAcc = ps.filter((p) => p.g.voice === p.s.voice).length / n;
  const voiceK = kappa(ps.map((p) => p.g.voice), ps.map((p) => p.s.voice), VOICES);
  const toneAcc = ps.filter((p) => p.g.tone === p.s.tone).length / n;
  const toneK = kappa(ps.map((p) => p.g.tone), ps.map((p) => p.s.tone), TONES);

  // Codes raised: per-code F1 with gold as reference; pooled kappa over unit x code decisions.
  const perCode = [];
  const ga = [];
  const sa = [];
  for (const c of CODES) {
    let tp = 0, fp = 0, fn = 0;
    for (const p of ps) {
      const inG = p.g.codes.includes(c);
      const inS = p.s.codes.includes(c);
      ga.push(inG ? 'y' : 'n');
      sa.push(inS ? 'y' : 'n');
      if (inG && inS) tp++;
      else if (inS) fp++;
      else if (inG) fn++;
    }
    perCode.push({ c, tp, fp, fn, f1: f1(tp, fp, fn) });
  }
  const defined = perCode.filter((x) => !Number.isNaN(x.f1));
  const macro = defined.reduce((a, x) => a + x.f1, 0) / defined.length;
  const codesK = kappa(ga, sa, ['y', 'n']);

  // Negated: micro-F1 over all (unit, code) pairs in the negated lists.
  let ntp = 0, nfp = 0, nfn = 0;
  for (const p of ps) {
    for (const c of CODES) {
      const inG = p.g.negated.includes(c);
      const inS = p.s.negated.includes(c);
      if (inG && inS) ntp++;
      else if (inS) nfp++;
      else if (inG) nfn++;
    }
  }
  const negF1 = f1(ntp, nfp, nfn);

  console.log(`== ${lang} (${n} units)`);
  console.log(`voice    accuracy ${fmt(voiceAcc)}  kappa ${fmt(voiceK)}`);
  console.log(`codes    macro-F1 ${fmt(macro)} (${defined.length} codes)  pooled kappa ${fmt(codesK)}`);
  console.log(`negated  micro-F1 ${fmt(negF1)} (tp ${ntp} fp ${nfp} fn ${nfn})`);
  console.log(`tone     accuracy ${fmt(toneAcc)}  kappa ${fmt(toneK)}`);
  for (const x of perCode) {
    console.log(`  ${x.c.padEnd(22)} F1 ${fmt(x.f1)}  (${x.tp}/${x.fp}/${x.fn} tp/fp/fn)`);
  }
}

for (const lang of ['en', 'ja']) {
  const ps = pairs.filter((p) => p.lang === lang);
  if (ps.length > 0) report(lang, ps);
}

if (showDiff) {
  const show = (r) =>
    `${r.voice} [${r.codes.join(',')}] !(${r.negated.join(',')}) ${r.tone}`;
  console.log('\n== disagreements (gold | second)');
  for (const p of pairs) {
    const same =
      p.g.voice === p.s.voice &&
      p.g.tone === p.s.tone &&
      [...p.g.codes].sort().join() === [...p.s.codes].sort().join() &&
      [...p.g.negated].sort().join() === [...p.s.negated].sort().join();
    if (!same) console.log(`${p.line} ${p.g.doc}: ${show(p.g)} | ${show(p.s)}`);
  }
}
