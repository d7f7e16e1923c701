#!/usr/bin/env node
// Japanese word analysis, three ways, on evidence: (a) kuromoji (IPADIC base forms), (b) Intl.Segmenter
// (surface words, per sentence), (c) the coder's conjugation-aware patterns on NFKC text. Speed on a
// synthetic corpus (beside MeCab), accuracy proxies on the labelled Japanese units. Needs `npm run build`.
//
//   node ../shared/bench/make-corpus.mjs --docs 4000 --ja 1 --out /tmp/ja.jsonl
//   node bench/ja-analysers.mjs [--corpus /tmp/ja.jsonl] [--big-kb 300] [--json bench/out/ja-analysers.json]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import kuromoji from 'kuromoji';
import { builtinCodebook, compilePattern, normalize } from '../dist/codebook/index.js';
import { decide } from '../dist/coder/index.js';
import { splitSentences } from '../dist/segment.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map();
for (let i = 2; i < process.argv.length; i++) if (process.argv[i].startsWith('--')) args.set(process.argv[i].slice(2), process.argv[i + 1]);
const corpusFile = args.get('corpus') ?? '/tmp/ja.jsonl';
const bigKb = Number(args.get('big-kb') ?? 300);
const jsonOut = args.get('json') ?? resolve(root, 'bench/out/ja-analysers.json');
const evalFiles = [resolve(root, '../shared/eval/dev.jsonl'), resolve(root, 'eval/units-ja.jsonl')];

const KANA = /[\u3040-\u30ff]/;
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const mbps = (b, ms) => b / 1e6 / (ms / 1000);
const r2 = (x) => Math.round(x * 100) / 100;
const report = { machine: { node: process.version, cpus: (await import('node:os')).cpus()[0]?.model }, speed: {}, quadratic: [], accuracy: {}, variants: [] };

// ---------- analysers ----------
const require = createRequire(import.meta.url);
const dicPath = resolve(dirname(require.resolve('kuromoji/package.json')), 'dict');
const t0 = performance.now();
const tokenizer = await new Promise((ok, fail) => kuromoji.builder({ dicPath }).build((e, t) => (e ? fail(e) : ok(t))));
report.speed.kuromojiLoadMs = Math.round(performance.now() - t0);
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** kuromoji tokens: key = base form (surface when the dictionary has none). */
function kuroTokens(text) {
  return tokenizer.tokenize(text).map((t) => ({
    key: t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form,
    surface: t.surface_form,
    start: t.word_position - 1,
    end: t.word_position - 1 + t.surface_form.length,
  }));
}
/** Intl.Segmenter tokens: key = surface form (it does not lemmatise). */
function segTokens(text) {
  const out = [];
  for (const s of segmenter.segment(text)) if (s.segment.trim()) out.push({ key: s.segment, surface: s.segment, start: s.index, end: s.index + s.segment.length });
  return out;
}

// ---------- 1. speed ----------
const docs = readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((d) => d.lang === 'ja');
const units = []; // per doc: [{text, paragraph}]
let sentenceBytes = 0;
let nSentences = 0;
for (const d of docs) {
  const us = [];
  d.text.split(/\n\s*\n/).forEach((para, p) => {
    for (const sp of splitSentences(para, 'ja')) {
      const text = para.slice(sp.start, sp.end);
      us.push({ text, paragraph: p });
      sentenceBytes += bytes(text);
      nSentences++;
    }
  });
  units.push(us);
}
report.speed.corpus = { file: corpusFile, docs: docs.length, sentences: nSentences, mb: r2(sentenceBytes / 1e6) };

function timeIt(label, fn) {
  fn(units.slice(0, 50)); // warm up the JIT on a small slice
  const s = performance.now();
  const n = fn(units);
  const ms = performance.now() - s;
  report.speed[label] = { ms: Math.round(ms), mbPerS: r2(mbps(sentenceBytes, ms)), tokens: n };
  console.error(`${label}: ${Math.round(ms)} ms, ${r2(mbps(sentenceBytes, ms))} MB/s`);
}
timeIt('kuromoji', (ds) => ds.reduce((n, us) => n + us.reduce((m, u) => m + tokenizer.tokenize(u.text).length, 0), 0));
timeIt('segmenterPerSentence', (ds) => {
  let n = 0;
  for (const us of ds) for (const u of us) for (const _ of segmenter.segment(u.text)) n++;
  return n;
});
const cb = builtinCodebook();
timeIt('coderDecide', (ds) => ds.reduce((n, us, i) => n + decide(us, { docSide: docs[i]?.side ?? null, lang: 'ja' }, cb).length, 0));
timeIt('coderScanOnly', (ds) => ds.reduce((n, us) => n + us.reduce((m, u) => m + cb.matcher.scan(normalize(u.text).text).length, 0), 0));

// MeCab on the same sentences, one per line.
const txt = '/tmp/ja-analysers-sentences.txt';
writeFileSync(txt, units.flatMap((us) => us.map((u) => u.text.replace(/\n/g, ' '))).join('\n') + '\n');
{
  const s = performance.now();
  const r = spawnSync('mecab', ['-o', '/dev/null', txt], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - s;
  report.speed.mecab = r.status === 0 ? { ms: Math.round(ms), mbPerS: r2(mbps(sentenceBytes, ms)), command: `mecab -o /dev/null ${txt}` } : { error: String(r.stderr ?? r.error) };
  console.error(`mecab: ${Math.round(ms)} ms`);
}

// Intl.Segmenter handed a whole document vs per sentence, growing sizes up to bigKb.
{
  let big = '';
  for (const d of docs) {
    if (bytes(big) >= bigKb * 1000) break;
    big += d.text + '\n\n';
  }
  for (const kb of [bigKb / 8, bigKb / 4, bigKb / 2, bigKb]) {
    let text = big;
    while (bytes(text) > kb * 1000) text = text.slice(0, Math.floor(text.length * ((kb * 1000) / bytes(text))) - 1);
    let s = performance.now();
    let n = 0;
    for (const _ of segmenter.segment(text)) n++;
    const whole = performance.now() - s;
    const sents = text.split(/\n\s*\n/).flatMap((p) => splitSentences(p, 'ja').map((sp) => p.slice(sp.start, sp.end)));
    s = performance.now();
    let m = 0;
    for (const t of sents) for (const _ of segmenter.segment(t)) m++;
    const per = performance.now() - s;
    report.quadratic.push({ kb: Math.round(bytes(text) / 1000), wholeDocMs: Math.round(whole), wholeDocTokens: n, perSentenceMs: Math.round(per), perSentenceTokens: m });
    console.error(`segmenter ${Math.round(bytes(text) / 1000)} KB: whole ${Math.round(whole)} ms, per sentence ${Math.round(per)} ms`);
  }
}

// ---------- 2. accuracy ----------
/** Expand `{a|b}` alternatives. */
function expand(s) {
  const m = /\{([^}]*)\}/.exec(s);
  if (!m) return [s];
  return m[1].split('|').flatMap((alt) => expand(s.slice(0, m.index) + alt + s.slice(m.index + m[0].length)));
}
/** Code patterns (codes[].ja) whose last word is a dictionary form the coder inflects. */
const vEntries = cb.matcher.entries.filter((e) => {
  if (e.kind !== 'code' || e.lang !== 'ja' || e.text.startsWith('re:') || e.text.trim().endsWith('=')) return false;
  const a = compilePattern(e.text).pattern?.source;
  const b = compilePattern(`${e.text}=`).pattern?.source;
  return a !== undefined && a !== b;
});
const vRules = new Set(vEntries.map((e) => e.rule));
/** Each V pattern as pieces (split at gaps), each piece a list of alternative literal strings. */
const vPieces = vEntries.map((e) => {
  const src = e.text.trim().normalize('NFKC');
  const parts = src.split(/\s*(?:\.\.\.|…)(\d*)\s*/);
  const pieces = [];
  for (let i = 0; i < parts.length; i += 2) pieces.push({ alts: expand(parts[i].replace(/\s+/g, '')), gap: i === 0 ? 0 : parts[i - 1] ? Number(parts[i - 1]) : 12 });
  return { entry: e, pieces };
});

/** Lemma matching: the pattern's pieces, analysed like the text, as key sequences in order within their gaps. */
function lemmaMatch(text, toks, analyse, cache) {
  const hits = [];
  for (const vp of vPieces) {
    let seqs = cache.get(vp.entry.rule);
    if (!seqs) {
      seqs = vp.pieces.map((p) => ({ gap: p.gap, alts: p.alts.map((a) => analyse(a).map((t) => t.key)) }));
      cache.set(vp.entry.rule, seqs);
    }
    const at = (seq, from, minStart, maxStart) => {
      for (let i = from; i + seq.length <= toks.length; i++) {
        if (toks[i].start < minStart) continue;
        if (toks[i].start > maxStart) return -1;
        if (seq.every((k, j) => toks[i + j].key === k)) return i;
      }
      return -1;
    };
    outer: for (let i0 = 0; i0 < toks.length; i0++) {
      let end = -1;
      let start = -1;
      let idx = i0;
      for (const [pi, piece] of seqs.entries()) {
        let found = -1;
        let len = 0;
        for (const seq of piece.alts) {
          const f = pi === 0 ? (seq.every((k, j) => toks[i0 + j]?.key === k) ? i0 : -1) : at(seq, idx, end, end + piece.gap);
          if (f >= 0 && (found < 0 || f < found)) [found, len] = [f, seq.length];
        }
        if (found < 0) continue outer;
        if (pi > 0 && /[。！？]/.test(text.slice(end, toks[found].start))) continue outer;
        if (pi === 0) start = toks[found].start;
        end = toks[found + len - 1].end;
        idx = found + len;
      }
      hits.push({ rule: vp.entry.rule, code: vp.entry.owner, start, end, text: text.slice(start, end) });
      break;
    }
  }
  return hits;
}

const evalUnits = [];
for (const f of evalFiles) {
  for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
    const u = JSON.parse(line);
    if (KANA.test(u.text)) evalUnits.push({ ...u, file: f.replace(`${resolve(root, '..')}/`, '../') });
  }
}
const kCache = new Map();
const sCache = new Map();
const per = { c: [], a: [], b: [] };
const fails = { a: [], b: [] };
const extras = { a: [], b: [] };
for (const u of evalUnits) {
  const n = normalize(u.text).text;
  const c = cb.matcher.scan(n).filter((h) => vRules.has(h.entry.rule)).map((h) => ({ rule: h.entry.rule, code: h.entry.owner, start: h.start, end: h.end, text: n.slice(h.start, h.end) }));
  const kt = kuroTokens(n);
  const st = segTokens(n);
  const a = lemmaMatch(n, kt, kuroTokens, kCache);
  const b = lemmaMatch(n, st, segTokens, sCache);
  per.c.push(c);
  per.a.push(a);
  per.b.push(b);
  for (const [name, xs, toks] of [['a', a, kt], ['b', b, st]]) {
    const rules = new Set(xs.map((x) => x.rule));
    const crules = new Set(c.map((x) => x.rule));
    for (const h of c) if (!rules.has(h.rule)) fails[name].push({ pattern: vEntries.find((e) => e.rule === h.rule)?.text, found: h.text, tokens: toks.filter((t) => t.end > h.start && t.start < h.end).map((t) => `${t.surface}→${t.key}`).join(' ') });
    for (const h of xs) if (!crules.has(h.rule)) extras[name].push({ pattern: vEntries.find((e) => e.rule === h.rule)?.text, found: h.text, gold: [...u.codes, ...u.negated].includes(h.code) });
  }
}

/** Per file and overall: agreement with (c)'s inflected hits, gold-code evidence recall, false hits. */
function score(filter) {
  const idx = evalUnits.map((u, i) => i).filter((i) => filter(evalUnits[i]));
  const out = { units: idx.length, goldPairs: 0 };
  for (const i of idx) out.goldPairs += new Set([...evalUnits[i].codes, ...evalUnits[i].negated]).size;
  for (const k of ['c', 'a', 'b']) {
    let occ = 0;
    let agree = 0;
    let extra = 0;
    let found = 0;
    let falseHits = 0;
    for (const i of idx) {
      const u = evalUnits[i];
      const gold = new Set([...u.codes, ...u.negated]);
      const mine = per[k][i];
      const cr = new Set(per.c[i].map((h) => h.rule));
      const mr = new Set(mine.map((h) => h.rule));
      occ += mr.size;
      agree += [...cr].filter((r) => mr.has(r)).length;
      extra += [...mr].filter((r) => !cr.has(r)).length;
      const codes = new Set(mine.map((h) => h.code));
      found += [...gold].filter((g) => codes.has(g)).length;
      falseHits += [...codes].filter((g) => !gold.has(g)).length;
    }
    out[k] = { patternHits: occ, sameAsC: agree, notInC: extra, goldFound: found, goldRecall: r2(found / Math.max(1, out.goldPairs)), falseCodeHits: falseHits };
  }
  out.cHits = out.c.patternHits;
  return out;
}
report.accuracy.vPatterns = vEntries.length;
// A lookup of the pattern's dictionary form as ONE token's lemma fails when the analyser splits the pattern.
const lastWords = vPieces.flatMap((vp) => vp.pieces[vp.pieces.length - 1].alts);
report.accuracy.patternsSplitByKuromoji = lastWords.filter((w) => kuroTokens(w).length > 1).length;
report.accuracy.patternsSplitBySegmenter = lastWords.filter((w) => segTokens(w).length > 1).length;
report.accuracy.patternAlternatives = lastWords.length;
for (const f of new Set(evalUnits.map((u) => u.file))) report.accuracy[f] = score((u) => u.file === f);
report.accuracy.all = score(() => true);
report.accuracy.failures = { a: fails.a, b: fails.b };
report.accuracy.extras = { a: extras.a, b: extras.b };

// Full coder macro-F1 on the Japanese units (the evaluate command).
for (const f of evalFiles) {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/twocities.js'), 'evaluate', f, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    const ja = JSON.parse(r.stdout).byLang.ja;
    report.accuracy[`coder:${f.replace(`${resolve(root, '..')}/`, '../')}`] = { units: ja.units, raisedMacroF1: r2(ja.raised.macroF1 * 1000) / 1000, raisedMinF1: r2(ja.raised.minF1 * 1000) / 1000, negatedMacroF1: r2(ja.negated.macroF1 * 1000) / 1000 };
  } catch {
    report.accuracy[`coder:${f}`] = { error: r.stderr.slice(0, 300) };
  }
}

// ---------- 3. kana/kanji spelling variants ----------
const probes = [
  ['見捨てる', '米国に見捨てられかねない。'],
  ['見捨てる', '米国に見すてられかねない。'],
  ['見すてる', '米国に見捨てられかねない。'],
  ['言いなり', '日本は米国の言いなりだ。'],
  ['言いなり', '日本は米国のいいなりだ。'],
  ['巻き込まれる', '戦争に巻き込まれかねない。'],
  ['巻き込まれる', '戦争にまきこまれかねない。'],
];
for (const [pattern, sentence] of probes) {
  const n = sentence.normalize('NFKC');
  const re = new RegExp(compilePattern(pattern).pattern.source, 'u');
  const one = (an) => {
    const toks = an(n);
    const keys = an(pattern).map((t) => t.key);
    const hit = toks.some((_, i) => keys.every((k, j) => toks[i + j]?.key === k));
    return { hit, tokens: toks.map((t) => t.key === t.surface ? t.surface : `${t.surface}→${t.key}`).join(' | ') };
  };
  report.variants.push({ pattern, sentence, c: re.test(n), a: one(kuroTokens), b: one(segTokens) });
}

mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, JSON.stringify(report, null, 2));
console.log(JSON.stringify({ ...report, accuracy: { ...report.accuracy, failures: undefined, extras: undefined } }, null, 2));
console.log('failures a:', JSON.stringify(fails.a, null, 1));
console.log('failures b (first 25):', JSON.stringify(fails.b.slice(0, 25), null, 1));
console.log('extras a:', JSON.stringify(extras.a, null, 1));
console.log('extras b:', JSON.stringify(extras.b, null, 1));
