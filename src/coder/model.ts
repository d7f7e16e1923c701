/**
 * The learned component beside the rules: a linear model per language and code (one-vs-rest
 * logistic regression over binary n-gram features), trained from labelled units written for this
 * project (`scripts/train-model.mjs`), stored as JSON next to the codebook (`model:` key) and used by
 * the coder only where the rules neither raised nor negated a code. Scoring is one pass over a
 * sentence's features with a `Map` lookup each; training is deterministic (fixed order, seed, epochs).
 */
import { normalize, toOriginal } from '../codebook/matcher.js';
import type { CodeHit } from '../types.js';
import type { Prepared } from './sentence.js';

/** The file format's identifier; a model file with another is refused. */
export const MODEL_FORMAT = 'twocities-model/1';

/** How sentences become features. Stored in the model file so that scoring matches training. */
export interface FeatureSettings {
  /** English: word unigrams (stems) and bigrams; skip-bigrams (one word between) when true. */
  enSkip: boolean;
  /** Japanese: character n-gram sizes. */
  jaGrams: number[];
}

/** How a model is trained. Stored in the model file with it. */
export interface TrainSettings {
  epochs: number;
  /** Initial learning rate of stochastic gradient descent (decays as 1/(1+epoch/4)). */
  rate: number;
  /** L2 penalty on the weights of the features a unit holds. */
  l2: number;
  /** A feature is kept when at least this many training units of its language hold it. */
  minCount: number;
  /** Weights smaller than this (in absolute value) are pruned from the file. */
  prune: number;
  /** Cross-validation folds, grouped by document. */
  folds: number;
  /** A code's threshold must give the model's additions at least this precision in cross-validation. */
  minPrecision: number;
  /** ...and at least this many correct additions. */
  minAdded: number;
  seed: number;
}

/** The default settings (justified in eval/README-codes.md, "Learned component"). */
export const DEFAULT_FEATURES: FeatureSettings = { enSkip: false, jaGrams: [2, 3] };
export const DEFAULT_TRAINING: TrainSettings = { epochs: 20, rate: 0.2, l2: 0.002, minCount: 2, prune: 0.02, folds: 5, minPrecision: 0.6, minAdded: 2, seed: 20261128 };

/** Cross-validated figures of one code in one language (out-of-fold scores, folds grouped by document). */
export interface CodeCv {
  code: string;
  /** Units holding the code in gold. */
  support: number;
  rulesF1: number;
  /** F1 of "rules OR model ≥ threshold" (rules negation wins); equal to rulesF1 when the model is off for the code. */
  combinedF1: number;
  /** Correct and wrong additions of the model at the chosen threshold. */
  addedTp: number;
  addedFp: number;
  /** F1 of "rules OR model" when each fold's threshold is chosen on the other folds only: an honest estimate (the combined figure picks its threshold on the same scores). */
  nestedF1: number;
}

/** One language's part of the model file. */
export interface LangModelJson {
  units: number;
  features: string[];
  codes: Array<{
    code: string;
    bias: number;
    /** Probability at or above which the code is raised; null: the model never raises it. */
    threshold: number | null;
    /** Sparse weights: indices into `features` and their weights. */
    idx: number[];
    w: number[];
  }>;
  cv: { rulesMacroF1: number; combinedMacroF1: number; nestedMacroF1: number; codes: CodeCv[] };
}

/** The JSON written by `scripts/train-model.mjs` (`codebooks/us-japan.model.json`). */
export interface ModelFileJson {
  format: string;
  /** The codebook whose rules the thresholds were chosen with: its name and YAML hash at training time. */
  codebook: { name: string; yamlHash: string };
  training: { files: Array<{ name: string; units: number; sha256: string }>; hash: string };
  features: FeatureSettings;
  settings: TrainSettings;
  langs: { en?: LangModelJson; ja?: LangModelJson };
}

/** A model ready to score: per language, feature → flat pairs (code index, weight). Plain data (it crosses to workers). */
export interface CodeModel {
  /** The model file's name as the codebook gives it. */
  file: string;
  features: FeatureSettings;
  langs: Map<string, LangModel>;
  /** The parsed file (without its weights), for `codebook check`. */
  summary: Omit<ModelFileJson, 'langs'> & { langs: Array<{ lang: string; units: number; features: number; cv: LangModelJson['cv']; thresholds: Array<{ code: string; threshold: number | null }> }> };
}

/** One language's scorer. */
export interface LangModel {
  codes: string[];
  bias: number[];
  threshold: Array<number | null>;
  table: Map<string, number[]>;
}

/** A sentence's distinct features with the span of their first occurrence (offsets into the text given). */
export interface Features {
  keys: string[];
  starts: number[];
  ends: number[];
}

const JA_RE = /[\u3040-\u30ff\u3400-\u9fff]/u;
/** Characters that end a Japanese n-gram run: punctuation, brackets, spaces. */
const JA_BREAK = /[\s、。，．,.!?！？「」『』（）()【】［］[\]：:・…―ー—-]/u;
const EN_WORD = /[a-z0-9]+(?:'[a-z]+)?/gu;

/**
 * The language the model reads a (normalised) sentence in: `ja` when it holds kana or kanji, as the coder decides.
 *
 * @example
 * modelLang('日本は置き去りだ。'); // 'ja'
 */
export function modelLang(text: string): 'en' | 'ja' {
  return JA_RE.test(text) ? 'ja' : 'en';
}

/**
 * Light English suffix stripping so that worries/worried/worry and deals/deal share a feature.
 *
 * @example
 * stem('worries'); // 'worry'
 */
export function stem(word: string): string {
  // Possessives and contractions keep their stem ("japan's" is "japan").
  const w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/**
 * The distinct features of one normalised sentence (the coder's `Prepared.text`), with spans.
 * English: `w:` stems and `b:` stem bigrams (and `s:` skip-bigrams when set); Japanese: `c:` character n-grams.
 *
 * @example
 * sentenceFeatures('Tokyo fears abandonment.', 'en', DEFAULT_FEATURES).keys; // ['w:tokyo', 'w:fear', 'b:tokyo fear', ...]
 */
export function sentenceFeatures(text: string, lang: 'en' | 'ja', settings: FeatureSettings): Features {
  const out: Features = { keys: [], starts: [], ends: [] };
  const seen = new Set<string>();
  const add = (key: string, start: number, end: number): void => {
    if (seen.has(key)) return;
    seen.add(key);
    out.keys.push(key);
    out.starts.push(start);
    out.ends.push(end);
  };
  if (lang === 'en') {
    const lower = text.toLowerCase();
    const words: Array<{ s: string; start: number; end: number }> = [];
    for (const m of lower.matchAll(EN_WORD)) words.push({ s: stem(m[0]), start: m.index, end: m.index + m[0].length });
    for (let i = 0; i < words.length; i++) {
      const a = words[i] as { s: string; start: number; end: number };
      add(`w:${a.s}`, a.start, a.end);
      const b = words[i + 1];
      if (b) add(`b:${a.s} ${b.s}`, a.start, b.end);
      const c = settings.enSkip ? words[i + 2] : undefined;
      if (c) add(`s:${a.s} ${c.s}`, a.start, c.end);
    }
    return out;
  }
  for (const n of settings.jaGrams) {
    let run = 0;
    for (let i = 0; i < text.length; i++) {
      // A run of n characters without a break: one pass, no slicing until a gram is whole.
      run = JA_BREAK.test(text[i] as string) ? 0 : run + 1;
      if (run >= n) add(`c:${text.slice(i - n + 1, i + 1)}`, i - n + 1, i + 1);
    }
  }
  return out;
}

/** The model's verdict on one code of one sentence. */
export interface ModelHit {
  code: string;
  score: number;
  threshold: number;
  /** The strongest contributing features (positive weights, largest first), at most three. */
  top: Array<{ feature: string; weight: number; start: number; end: number }>;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Score a normalised sentence: the codes whose probability reaches their threshold, each with its
 * strongest features. `skip` holds codes already decided by the rules (raised or negated).
 *
 * @example
 * const hits = scoreSentence(codebook.model, prepared.text, prepared.lang, new Set(['nuclear']));
 */
export function scoreSentence(model: CodeModel, text: string, lang: 'en' | 'ja', skip: ReadonlySet<string>): ModelHit[] {
  const lm = model.langs.get(lang);
  if (!lm) return [];
  const f = sentenceFeatures(text, lang, model.features);
  const z = lm.bias.slice();
  const found: number[] = [];
  for (let k = 0; k < f.keys.length; k++) {
    const pairs = lm.table.get(f.keys[k] as string);
    if (!pairs) continue;
    found.push(k);
    for (let j = 0; j < pairs.length; j += 2) z[pairs[j] as number] = (z[pairs[j] as number] as number) + (pairs[j + 1] as number);
  }
  const hits: ModelHit[] = [];
  for (let c = 0; c < lm.codes.length; c++) {
    const thr = lm.threshold[c];
    const code = lm.codes[c] as string;
    if (thr === null || thr === undefined || skip.has(code)) continue;
    const score = sigmoid(z[c] as number);
    if (score < thr) continue;
    const top: ModelHit['top'] = [];
    for (const k of found) {
      const pairs = lm.table.get(f.keys[k] as string) as number[];
      for (let j = 0; j < pairs.length; j += 2) {
        if (pairs[j] === c && (pairs[j + 1] as number) > 0) top.push({ feature: f.keys[k] as string, weight: pairs[j + 1] as number, start: f.starts[k] as number, end: f.ends[k] as number });
      }
    }
    // Ties keep sentence order, so evidence is deterministic.
    top.sort((a, b) => b.weight - a.weight || a.start - b.start);
    if (top.length === 0) continue;
    hits.push({ code, score, threshold: thr, top: top.slice(0, 3) });
  }
  return hits;
}

/**
 * The codes the model raises in a prepared sentence, beside the rules' decision: only codes the rules
 * neither raised nor negated. Evidence is the strongest feature's span, rule `model:<code>`.
 *
 * @example
 * const extra = modelCodes(prepare(text, cb), cb.model, decideCodes(p, cb, []));
 */
export function modelCodes(p: Prepared, model: CodeModel, rules: { raised: readonly CodeHit[]; negated: readonly CodeHit[] }): CodeHit[] {
  const skip = new Set<string>();
  for (const h of rules.raised) skip.add(h.code);
  for (const h of rules.negated) skip.add(h.code);
  const out: CodeHit[] = [];
  for (const h of scoreSentence(model, p.text, p.lang, skip)) {
    const best = h.top[0];
    if (!best) continue;
    const o = toOriginal(p.norm, best.start, best.end);
    out.push({
      code: h.code,
      evidence: { start: o.start, end: o.end, text: p.original.slice(o.start, o.end), rule: `model:${h.code}`, model: { score: round(h.score, 3), threshold: h.threshold, features: h.top.map((t) => `${t.feature} ${t.weight > 0 ? '+' : ''}${t.weight}`) } },
    });
  }
  return out;
}

function isNumArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/**
 * Check a parsed model file and build its scorer. Returns a reason (for a `Message`) when the file is
 * not a model this version reads, or names codes the codebook lacks.
 *
 * @example
 * const r = buildModel(JSON.parse(text), 'us-japan.model.json', ['autonomy', 'nuclear']); if ('model' in r) use(r.model);
 */
export function buildModel(json: unknown, file: string, codes: readonly string[]): { model: CodeModel } | { problem: string } {
  if (!json || typeof json !== 'object') return { problem: 'not a JSON object' };
  const j = json as Partial<ModelFileJson>;
  if (j.format !== MODEL_FORMAT) return { problem: `format is ${JSON.stringify(j.format)}, expected "${MODEL_FORMAT}"` };
  if (!j.features || !Array.isArray(j.features.jaGrams) || typeof j.features.enSkip !== 'boolean') return { problem: 'features settings missing' };
  if (!j.langs || typeof j.langs !== 'object') return { problem: 'langs missing' };
  const known = new Set(codes);
  const langs = new Map<string, LangModel>();
  const summaryLangs: CodeModel['summary']['langs'] = [];
  for (const lang of ['en', 'ja'] as const) {
    const lj = j.langs[lang];
    if (lj === undefined) continue;
    if (!Array.isArray(lj.features) || !Array.isArray(lj.codes)) return { problem: `langs.${lang}: features or codes missing` };
    const lm: LangModel = { codes: [], bias: [], threshold: [], table: new Map() };
    for (const c of lj.codes) {
      if (!known.has(c.code)) return { problem: `langs.${lang}: code "${c.code}" is not in the codebook` };
      if (typeof c.bias !== 'number' || !isNumArray(c.idx) || !isNumArray(c.w) || c.idx.length !== c.w.length) return { problem: `langs.${lang}.${c.code}: bias, idx or w malformed` };
      if (c.threshold !== null && (typeof c.threshold !== 'number' || c.threshold <= 0 || c.threshold > 1)) return { problem: `langs.${lang}.${c.code}: threshold must be null or in (0, 1]` };
      const ci = lm.codes.length;
      lm.codes.push(c.code);
      lm.bias.push(c.bias);
      lm.threshold.push(c.threshold);
      for (let k = 0; k < c.idx.length; k++) {
        const key = lj.features[c.idx[k] as number];
        if (typeof key !== 'string') return { problem: `langs.${lang}.${c.code}: feature index ${c.idx[k]} out of range` };
        const pairs = lm.table.get(key);
        if (pairs) pairs.push(ci, c.w[k] as number);
        else lm.table.set(key, [ci, c.w[k] as number]);
      }
    }
    langs.set(lang, lm);
    summaryLangs.push({ lang, units: lj.units, features: lj.features.length, cv: lj.cv, thresholds: lj.codes.map((c) => ({ code: c.code, threshold: c.threshold })) });
  }
  const { langs: _weights, ...rest } = j as ModelFileJson;
  return { model: { file, features: j.features, langs, summary: { ...rest, langs: summaryLangs } } };
}

/* ---------------------------------------------------------------- training */

/** One labelled unit for training, with what the rules decided on it (thresholds are chosen for "rules OR model"). */
export interface TrainUnit {
  doc: string;
  text: string;
  codes: readonly string[];
  rulesRaised: readonly string[];
  rulesNegated: readonly string[];
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: spreads documents over folds independently of file order. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Encoded {
  x: Int32Array[];
  vocab: string[];
}

function encode(texts: string[], lang: 'en' | 'ja', fs: FeatureSettings, minCount: number): Encoded {
  const feats = texts.map((t) => sentenceFeatures(t, lang, fs).keys);
  const count = new Map<string, number>();
  for (const ks of feats) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
  // Vocabulary in sorted order, so indices never depend on Map iteration history.
  const vocab = [...count].filter(([, n]) => n >= minCount).map(([k]) => k).sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  const x = feats.map((ks) => Int32Array.from(ks.map((k) => index.get(k) ?? -1).filter((i) => i >= 0)));
  return { x, vocab };
}

/** Logistic regression by SGD over the rows `rows` of x: fixed seed, fixed epochs, deterministic. */
function fitOne(x: Int32Array[], y: Uint8Array, rows: number[], nFeat: number, s: TrainSettings, seed: number): { w: Float64Array; b: number } {
  const w = new Float64Array(nFeat);
  let pos = 0;
  for (const r of rows) pos += y[r] as number;
  // Start at the base rate so that rare codes do not spend epochs learning their bias.
  let b = Math.log((pos + 0.5) / (rows.length - pos + 0.5));
  const order = rows.slice();
  const rand = rng(seed);
  for (let ep = 0; ep < s.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const lr = s.rate / (1 + ep / 4);
    for (const r of order) {
      const xr = x[r] as Int32Array;
      let z = b;
      for (let k = 0; k < xr.length; k++) z += w[xr[k] as number] as number;
      const g = sigmoid(z) - (y[r] as number);
      b -= lr * g * 0.1;
      for (let k = 0; k < xr.length; k++) {
        const f = xr[k] as number;
        w[f] = (w[f] as number) - lr * (g + s.l2 * (w[f] as number));
      }
    }
  }
  return { w, b };
}

function f1(tp: number, fp: number, fn: number): number {
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * The threshold that maximises F1 of "rules OR model" on out-of-fold scores, among those whose
 * additions reach the minimum precision and count; null when none beats the rules alone.
 *
 * @example
 * chooseThreshold([0.9, 0.2], [true, false], [false, false], [false, false], 0.5, 1).threshold; // 0.9
 */
export function chooseThreshold(scores: number[], gold: boolean[], rulesRaised: boolean[], rulesNegated: boolean[], minPrecision: number, minAdded: number): { threshold: number | null; rulesF1: number; combinedF1: number; addedTp: number; addedFp: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const open: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (rulesRaised[i]) {
      if (gold[i]) tp++;
      else fp++;
    } else {
      if (gold[i]) fn++;
      if (!rulesNegated[i]) open.push(i);
    }
  }
  const rulesF1 = f1(tp, fp, fn);
  // Highest score first; ties broken by index so the walk is deterministic.
  open.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  let best = { threshold: null as number | null, rulesF1, combinedF1: rulesF1, addedTp: 0, addedFp: 0 };
  let aTp = 0;
  let aFp = 0;
  for (let k = 0; k < open.length; k++) {
    const i = open[k] as number;
    if (gold[i]) aTp++;
    else aFp++;
    const s = scores[i] as number;
    // Only cut between distinct scores: every unit at this score is in.
    if (k + 1 < open.length && scores[open[k + 1] as number] === s) continue;
    const f = f1(tp + aTp, fp + aFp, fn - aTp);
    if (aTp >= minAdded && aTp / (aTp + aFp) >= minPrecision && f > best.combinedF1 + 1e-9) best = { threshold: s, rulesF1, combinedF1: f, addedTp: aTp, addedFp: aFp };
  }
  return best;
}

/**
 * Train the model of one language: grouped cross-validation for each code's threshold, then a final
 * fit on every unit, pruned. Deterministic for the same units, codes and settings.
 *
 * @example
 * const part = trainLanguage(units, 'en', ['autonomy'], DEFAULT_FEATURES, DEFAULT_TRAINING);
 */
export function trainLanguage(units: readonly TrainUnit[], lang: 'en' | 'ja', codes: readonly string[], fs: FeatureSettings, s: TrainSettings): LangModelJson {
  const texts = units.map((u) => normalize(u.text).text);
  const { x, vocab } = encode(texts, lang, fs, s.minCount);
  // Folds by document: documents sorted by hash, dealt round-robin (balanced, independent of file order).
  const docs = [...new Set(units.map((u) => u.doc))].sort((a, b) => fnv(a) - fnv(b) || (a < b ? -1 : a > b ? 1 : 0));
  const foldOf = new Map(docs.map((d, i) => [d, i % s.folds]));
  const fold = units.map((u) => foldOf.get(u.doc) as number);
  const all = units.map((_, i) => i);
  const out: LangModelJson = { units: units.length, features: [], codes: [], cv: { rulesMacroF1: 0, combinedMacroF1: 0, nestedMacroF1: 0, codes: [] } };
  const weights: Array<{ code: string; bias: number; threshold: number | null; w: Float64Array }> = [];
  codes.forEach((code, ci) => {
    const y = Uint8Array.from(units.map((u) => (u.codes.includes(code) ? 1 : 0)));
    const oof = new Array<number>(units.length).fill(0);
    for (let f = 0; f < s.folds; f++) {
      const train = all.filter((i) => fold[i] !== f);
      const test = all.filter((i) => fold[i] === f);
      if (test.length === 0) continue;
      const m = fitOne(x, y, train, vocab.length, s, s.seed + 1000 * ci + f);
      for (const i of test) {
        let z = m.b;
        for (const k of x[i] as Int32Array) z += m.w[k] as number;
        oof[i] = sigmoid(z);
      }
    }
    const gold = units.map((u) => u.codes.includes(code));
    const rr = units.map((u) => u.rulesRaised.includes(code));
    const rn = units.map((u) => u.rulesNegated.includes(code));
    const t = chooseThreshold(oof, gold, rr, rn, s.minPrecision, s.minAdded);
    // Nested: each fold decided with the threshold the other folds' scores choose.
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let f = 0; f < s.folds; f++) {
      const pick = (keep: (i: number) => boolean): number[] => all.filter(keep);
      const other = pick((i) => fold[i] !== f);
      const th = chooseThreshold(other.map((i) => oof[i] as number), other.map((i) => gold[i] as boolean), other.map((i) => rr[i] as boolean), other.map((i) => rn[i] as boolean), s.minPrecision, s.minAdded).threshold;
      for (const i of pick((i) => fold[i] === f)) {
        const p = rr[i] || (!rn[i] && th !== null && (oof[i] as number) >= th);
        if (p && gold[i]) tp++;
        else if (p) fp++;
        else if (gold[i]) fn++;
      }
    }
    out.cv.codes.push({ code, support: y.reduce((a, v) => a + v, 0), rulesF1: round(t.rulesF1, 4), combinedF1: round(t.combinedF1, 4), addedTp: t.addedTp, addedFp: t.addedFp, nestedF1: round(f1(tp, fp, fn), 4) });
    const m = fitOne(x, y, all, vocab.length, s, s.seed + 1000 * ci + 999);
    weights.push({ code, bias: m.b, threshold: t.threshold === null ? null : round(t.threshold, 4), w: m.w });
  });
  const n = out.cv.codes.length || 1;
  out.cv.rulesMacroF1 = round(out.cv.codes.reduce((a, c) => a + c.rulesF1, 0) / n, 4);
  out.cv.combinedMacroF1 = round(out.cv.codes.reduce((a, c) => a + c.combinedF1, 0) / n, 4);
  out.cv.nestedMacroF1 = round(out.cv.codes.reduce((a, c) => a + c.nestedF1, 0) / n, 4);
  // Keep only weights that matter, of codes the model may raise, and only the features they use.
  const used = new Map<number, number>();
  for (const c of weights) {
    const idx: number[] = [];
    const w: number[] = [];
    if (c.threshold !== null) {
      c.w.forEach((v, k) => {
        if (Math.abs(v) < s.prune) return;
        let ni = used.get(k);
        if (ni === undefined) {
          ni = used.size;
          used.set(k, ni);
        }
        idx.push(ni);
        w.push(round(v, 3));
      });
    }
    out.codes.push({ code: c.code, bias: round(c.bias, 4), threshold: c.threshold, idx, w });
  }
  out.features = [...used.keys()].map((k) => vocab[k] as string);
  return out;
}
