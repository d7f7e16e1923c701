/**
 * The learned tone model: per language, a multinomial logistic regression over the sentence's words and the
 * coder's own decision (the rules' tone, the codes raised and negated). It speaks only where the rules found
 * no judgement (tone `neutral`): the rules carry LABELS.md's structure (mixed judgements, denials that clear
 * the ally, reported demands), the model the wordings no rule names.
 */
import { normalize } from '../codebook/matcher.js';
import { seededRandom } from '../stats.js';
import type { Evidence, Tone } from '../types.js';
import { docFolds, linearSums, modelReads, sentenceFeatures, topFeatures, withHits, type CodeModel, type FeatureSettings, type LangModel, type LangModelJson } from './model.js';
import { evidence, type Prepared } from './sentence.js';

/** The classes in the order the model file stores them. */
export const TONE_CLASSES: readonly Tone[] = ['positive', 'negative', 'mixed', 'neutral'];
const NEUTRAL = TONE_CLASSES.indexOf('neutral');

/** One language's tone model as stored: each class an output (`codes[k].code` is the tone), and its cross-validated figures. */
export interface ToneLangJson extends Pick<LangModelJson, 'units' | 'features' | 'codes'> {
  /** Out-of-fold accuracy of the rules alone and of rules with the model, on the training units (folds by document). */
  cv: { rulesAccuracy: number; combinedAccuracy: number; changed: number };
}

/** Training settings of the tone model (fixed: the run is deterministic). */
export interface ToneTrainSettings {
  epochs: number;
  rate: number;
  l2: number;
  minCount: number;
  prune: number;
  folds: number;
  seed: number;
}

export const DEFAULT_TONE_TRAINING: ToneTrainSettings = { epochs: 15, rate: 0.1, l2: 0.01, minCount: 2, prune: 0.05, folds: 5, seed: 20261128 };

/** One training unit: its text, gold tone and what the coder decided (rules and code model). */
export interface ToneTrainUnit {
  doc: string;
  text: string;
  gold: Tone;
  ruleTone: Tone;
  raised: readonly string[];
  negated: readonly string[];
  /** False when the coder would not ask the model (`modelReads`: no side, holder, code or tone word found). */
  read?: boolean;
}

/**
 * The coder's decision as features beside the words: `rt:<tone>`, `rc:<code>`, `rn:<code>`, sorted.
 *
 * @example
 * toneFeatures('neutral', ['abandonment'], []); // ['rc:abandonment', 'rt:neutral']
 */
export function toneFeatures(ruleTone: Tone, raised: readonly string[], negated: readonly string[]): string[] {
  return [`rt:${ruleTone}`, ...new Set(raised.map((c) => `rc:${c}`)), ...new Set(negated.map((c) => `rn:${c}`))].sort();
}

function softmax(z: ArrayLike<number>): number[] {
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) m = Math.max(m, z[k] as number);
  const e = Array.from({ length: z.length }, (_, k) => Math.exp((z[k] as number) - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The tone the model would give: the most probable class, when the rules said neutral; otherwise the rules'. */
function combine(ruleTone: Tone, p: readonly number[]): Tone {
  if (ruleTone !== 'neutral') return ruleTone;
  let best = NEUTRAL;
  for (let k = 0; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
  return TONE_CLASSES[best] as Tone;
}

/** Softmax regression by SGD over rows of feature indices: fixed seed and epochs, deterministic. */
function fitSoftmax(x: Int32Array[], y: Uint8Array, rows: readonly number[], nFeat: number, s: ToneTrainSettings, seed: number): { w: Float64Array[]; b: Float64Array } {
  const K = TONE_CLASSES.length;
  const w = Array.from({ length: K }, () => new Float64Array(nFeat));
  const b = new Float64Array(K);
  const order = rows.slice();
  const rand = seededRandom(seed);
  const z = new Float64Array(K);
  for (let ep = 0; ep < s.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const lr = s.rate / (1 + ep * 0.3);
    for (const r of order) {
      const xr = x[r] as Int32Array;
      for (let k = 0; k < K; k++) {
        let v = b[k] as number;
        const wk = w[k] as Float64Array;
        for (let q = 0; q < xr.length; q++) v += wk[xr[q] as number] as number;
        z[k] = v;
      }
      const p = softmax(z);
      for (let k = 0; k < K; k++) {
        const g = (p[k] as number) - (y[r] === k ? 1 : 0);
        const wk = w[k] as Float64Array;
        b[k] = (b[k] as number) - lr * g * 0.1;
        for (let q = 0; q < xr.length; q++) {
          const f = xr[q] as number;
          wk[f] = (wk[f] as number) - lr * (g + s.l2 * (wk[f] as number));
        }
      }
    }
  }
  return { w, b };
}

function probsOf(m: { w: Float64Array[]; b: Float64Array }, xr: Int32Array): number[] {
  const z = Array.from({ length: TONE_CLASSES.length }, (_, k) => {
    let v = m.b[k] as number;
    for (const f of xr) v += (m.w[k] as Float64Array)[f] as number;
    return v;
  });
  return softmax(z);
}

/**
 * Train one language's tone model: out-of-fold figures by document, then a fit on every unit, pruned.
 * Deterministic for the same units and settings.
 *
 * @example
 * const part = trainTone(units, 'en', DEFAULT_FEATURES, DEFAULT_TONE_TRAINING);
 */
export function trainTone(units: readonly ToneTrainUnit[], lang: 'en' | 'ja', fs: FeatureSettings, s: ToneTrainSettings): ToneLangJson {
  const feats = units.map((u) => [...sentenceFeatures(normalize(u.text).text, lang, fs).keys, ...toneFeatures(u.ruleTone, u.raised, u.negated)]);
  const count = new Map<string, number>();
  for (const ks of feats) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
  // Sorted vocabulary: indices never depend on Map iteration history.
  const vocab = [...count].filter(([, n]) => n >= s.minCount).map(([k]) => k).sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  const x = feats.map((ks) => Int32Array.from(ks.map((k) => index.get(k) ?? -1).filter((i) => i >= 0)));
  const y = Uint8Array.from(units.map((u) => TONE_CLASSES.indexOf(u.gold)));
  const { fold } = docFolds(units, s.folds);
  let rulesOk = 0;
  let combinedOk = 0;
  let changed = 0;
  for (let f = 0; f < s.folds; f++) {
    const train = units.map((_, i) => i).filter((i) => fold[i] !== f);
    const m = fitSoftmax(x, y, train, vocab.length, s, s.seed + f);
    units.forEach((u, i) => {
      if (fold[i] !== f) return;
      const t = u.read === false ? u.ruleTone : combine(u.ruleTone, probsOf(m, x[i] as Int32Array));
      if (u.ruleTone === u.gold) rulesOk++;
      if (t === u.gold) combinedOk++;
      if (t !== u.ruleTone) changed++;
    });
  }
  const m = fitSoftmax(x, y, units.map((_, i) => i), vocab.length, s, s.seed + 99);
  const used = new Map<number, number>();
  const codes: ToneLangJson['codes'] = TONE_CLASSES.map((tone, k) => {
    const idx: number[] = [];
    const w: number[] = [];
    (m.w[k] as Float64Array).forEach((v, f) => {
      if (Math.abs(v) < s.prune) return;
      let ni = used.get(f);
      if (ni === undefined) {
        ni = used.size;
        used.set(f, ni);
      }
      idx.push(ni);
      w.push(Number(v.toFixed(3)));
    });
    return { code: tone, bias: Number((m.b[k] as number).toFixed(4)), threshold: null, idx, w };
  });
  const n = units.length || 1;
  return { units: units.length, features: [...used.keys()].map((f) => vocab[f] as string), codes, cv: { rulesAccuracy: Number((rulesOk / n).toFixed(4)), combinedAccuracy: Number((combinedOk / n).toFixed(4)), changed } };
}

/**
 * The tone with the model: where the rules found no judgement, the model's most probable tone, with its evidence
 * (the strongest word feature, rule `model:tone`, the class probability and, as threshold, that of neutral).
 * Elsewhere, or without a tone model, the rules' decision unchanged.
 *
 * @example
 * const t = toneWithModel(p, cb.model, decideTone(p, cb, raised, negated), raised, negated);
 */
export function toneWithModel(p: Prepared, model: CodeModel, rules: { tone: Tone; toneEvidence: Evidence[] }, raised: readonly string[], negated: readonly string[]): { tone: Tone; toneEvidence: Evidence[] } {
  // Most sentences name no side, holder, code or tone word: the model is not asked there (measured: it would cost 70% more coder CPU).
  if (rules.tone !== 'neutral' || !model.tone || !modelReads(p)) return rules;
  const lm: LangModel | undefined = model.tone.get(p.lang);
  if (!lm) return rules;
  const extra = toneFeatures(rules.tone, raised, negated);
  if (linearSums(lm, model.features, p.text, p.lang, extra) === 0) return rules;
  // Outputs are stored in TONE_CLASSES order (checked when the file is read); the most probable class has the largest sum.
  let c = NEUTRAL;
  for (let k = 0; k < lm.z.length; k++) if ((lm.z[k] as number) > (lm.z[c] as number)) c = k;
  if (c === NEUTRAL) return rules;
  const tone = TONE_CLASSES[c] as Tone;
  const probs = softmax(lm.z);
  const top = topFeatures(lm, withHits(sentenceFeatures(p.text, p.lang, model.features), extra), c);
  // The strongest word names a span; a decision feature (rc:, rt:) names none, so the evidence spans the sentence.
  const word = top.find((t) => !t.feature.includes(':') || /^[wbsc]:/u.test(t.feature));
  const ev = word ? evidence(p, word.start, word.end, 'model:tone') : evidence(p, p.bodyStart, p.text.length, 'model:tone');
  return { tone, toneEvidence: [{ ...ev, model: { score: Number((probs[c] as number).toFixed(3)), threshold: Number((probs[NEUTRAL] as number).toFixed(3)), features: top.map((t) => `${t.feature} ${t.weight > 0 ? '+' : ''}${t.weight}`) } }] };
}
