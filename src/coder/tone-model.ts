/**
 * The learned tone model: per language, a multinomial logistic regression over the sentence's words and the
 * coder's own decision (the rules' tone, the codes raised and negated). The rules carry LABELS.md's structure
 * (mixed judgements, denials that clear the ally, reported demands) and the model learns how far to trust them:
 * it replaces the rules' tone only where its own class is more probable than the rules' by a margin (stored as
 * each output's `threshold`). A file whose outputs have no threshold predates margins: its model speaks only
 * where the rules found no judgement.
 */
import { normalize } from '../codebook/matcher.js';
import type { Evidence, Tone } from '../types.js';
import { argmax, DEFAULT_CLASSIFIER, trainClassifier, type ClassifierSettings } from './classifier.js';
import { linearSums, modelReads, sentenceFeatures, topFeatures, withHits, type CodeModel, type FeatureSettings, type LangModel, type LangModelJson } from './model.js';
import { evidence, type Prepared } from './sentence.js';

/** The classes in the order the model file stores them. */
export const TONE_CLASSES: readonly Tone[] = ['positive', 'negative', 'mixed', 'neutral'];
const NEUTRAL = TONE_CLASSES.indexOf('neutral');

/** One language's tone model as stored: each class an output (`codes[k].code` is the tone), and its cross-validated figures. */
export interface ToneLangJson extends Pick<LangModelJson, 'units' | 'features' | 'codes'> {
  /** Out-of-fold accuracy of the rules alone and of rules with the model, on the training units (folds by document). */
  cv: { rulesAccuracy: number; combinedAccuracy: number; changed: number };
}

/** Training settings of the tone model: the classifier's, with weights under 0.2 pruned (val4 as unpruned within 3 units, dev en +2, 1 MB less file, half the CPU). */
export const DEFAULT_TONE_TRAINING: ClassifierSettings = { ...DEFAULT_CLASSIFIER, prune: 0.2 };

/**
 * How much more probable the model's tone must be than the rules' to replace it. Chosen in
 * eval/experiment-tone-model.mjs: cross-validated accuracy is flat from 0.1 to 0.6, val4 best at 0.2 to 0.3 in
 * both languages, and a wider margin keeps more of the rules' reading of dev-like text.
 */
export const TONE_MARGIN = 0.2;

/**
 * Added to the margin where the rules' tone rests on a judging word a negation turned over (`negatedTerm`: "not
 * broken", 亀裂は生じていない, "never felt unwelcome"). Round 11, models trained without the measured family
 * (train9, train10, train11; 8,942 units): +0.1 and +0.2 each 4 units better, none worse; +0.3 one worse; never
 * overruling such a decision 5 better, 4 worse.
 */
export const TURNED_EXTRA_MARGIN = 0.1;

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

/** The decision features' names, built once per tone and code: scoring a sentence allocates no string. */
const RT = new Map<string, string>(TONE_CLASSES.map((t) => [t, `rt:${t}`]));
const RC = new Map<string, string>();
const RN = new Map<string, string>();
function nameOf(names: Map<string, string>, prefix: string, code: string): string {
  let n = names.get(code);
  if (n === undefined) {
    n = prefix + code;
    // A codebook has a few dozen codes; the bound only guards against an unexpected flood.
    if (names.size < 1024) names.set(code, n);
  }
  return n;
}
/** One reused list of a sentence's decision features (scoring counts a feature once, so order and repeats do not matter). */
const decisionBuf: string[] = [];

/** `toneFeatures` for scoring: the same names, unsorted, in a reused array. */
function decisionKeys(ruleTone: Tone, raised: ReadonlyArray<{ code: string }>, negated: ReadonlyArray<{ code: string }>): readonly string[] {
  decisionBuf.length = 0;
  decisionBuf.push(RT.get(ruleTone) as string);
  for (const r of raised) decisionBuf.push(nameOf(RC, 'rc:', r.code));
  for (const n of negated) decisionBuf.push(nameOf(RN, 'rn:', n.code));
  return decisionBuf;
}

/**
 * The tone decided from the rules' tone and the model's class probabilities (in `TONE_CLASSES` order): the
 * model's most probable tone where it beats the rules' by `margin`; with no margin (an older file), the model's
 * tone only where the rules said neutral.
 *
 * @example
 * combineTone('negative', [0.7, 0.2, 0.05, 0.05], 0.2); // 'positive'
 * combineTone('negative', [0.5, 0.4, 0.05, 0.05], 0.2); // 'negative'
 */
export function combineTone(ruleTone: Tone, p: readonly number[], margin: number | null): Tone {
  const c = argmax(p);
  // A mixed tone is the rules finding a favourable and an unfavourable judgement side by side (LABELS.md): structure the words' model does not see.
  if (ruleTone === 'mixed') return ruleTone;
  if (margin === null) return ruleTone !== 'neutral' ? ruleTone : (TONE_CLASSES[c] as Tone);
  return (p[c] as number) - (p[TONE_CLASSES.indexOf(ruleTone)] as number) >= margin ? (TONE_CLASSES[c] as Tone) : ruleTone;
}

/**
 * Train one language's tone model: out-of-fold figures by document, then a fit on every unit, pruned; every
 * output carries the override `margin` as its threshold (null: the model only where the rules say neutral).
 * Deterministic for the same units and settings.
 *
 * @example
 * const part = trainTone(units, 'en', DEFAULT_FEATURES, DEFAULT_TONE_TRAINING);
 */
export function trainTone(units: readonly ToneTrainUnit[], lang: 'en' | 'ja', fs: FeatureSettings, s: ClassifierSettings, margin: number | null = TONE_MARGIN): ToneLangJson {
  // The margin is stored as a threshold, which a model file holds in (0, 1].
  if (margin !== null && !(margin > 0 && margin <= 1)) throw new Error(`tone-model: margin must be null or in (0, 1], got ${margin}`);
  const rows = units.map((u) => ({ doc: u.doc, keys: [...sentenceFeatures(normalize(u.text).text, lang, fs).keys, ...toneFeatures(u.ruleTone, u.raised, u.negated)], gold: TONE_CLASSES.indexOf(u.gold) }));
  const { part, oof } = trainClassifier(rows, TONE_CLASSES, s);
  let rulesOk = 0;
  let combinedOk = 0;
  let changed = 0;
  units.forEach((u, i) => {
    const t = u.read === false ? u.ruleTone : combineTone(u.ruleTone, oof[i] as number[], margin);
    if (u.ruleTone === u.gold) rulesOk++;
    if (t === u.gold) combinedOk++;
    if (t !== u.ruleTone) changed++;
  });
  const n = units.length || 1;
  return { ...part, codes: part.codes.map((c) => ({ ...c, threshold: margin })), cv: { rulesAccuracy: Number((rulesOk / n).toFixed(4)), combinedAccuracy: Number((combinedOk / n).toFixed(4)), changed } };
}

/**
 * The tone with the model: where the model's most probable tone beats the rules' by the file's margin (by
 * `TURNED_EXTRA_MARGIN` more where the rules' tone rests on a judging word a negation turned over; or, in a
 * file without margins, where the rules found no judgement), the model's tone, with its evidence first (rule
 * `model:tone`: the strongest word feature's span, the class probability as score and what it had to reach as
 * threshold, the top features), then the rules' own evidence. Elsewhere, or without a tone model, the rules' decision unchanged.
 *
 * @example
 * const t = toneWithModel(p, cb.model, decideTone(p, cb, raised, negated), raised, negated);
 */
export function toneWithModel(p: Prepared, model: CodeModel, rules: { tone: Tone; toneEvidence: Evidence[]; negatedTerm?: boolean }, raised: ReadonlyArray<{ code: string }>, negated: ReadonlyArray<{ code: string }>): { tone: Tone; toneEvidence: Evidence[] } {
  const lm: LangModel | undefined = model.tone?.get(p.lang);
  if (!lm) return rules;
  // Every output holds the same margin; none (an older file): the model speaks only where the rules say neutral.
  const margin = lm.threshold[NEUTRAL] ?? null;
  // Most sentences name no side, holder, code or tone word: the model is not asked there (measured: it would cost 70% more coder CPU).
  // A mixed tone is structure the rules found (both judgements side by side): the words' model leaves it (as `combineTone`).
  if ((margin === null && rules.tone !== 'neutral') || rules.tone === 'mixed' || !modelReads(p)) return rules;
  const extra = decisionKeys(rules.tone, raised, negated);
  if (linearSums(lm, model.features, p.text, p.lang, extra) === 0) return rules;
  // Outputs are stored in TONE_CLASSES order (checked when the file is read); the most probable class has the largest sum.
  const c = argmax(lm.z);
  const r = TONE_CLASSES.indexOf(rules.tone);
  if (c === r || (margin === null && c === NEUTRAL)) return rules;
  // The two probabilities compared, from the sums without building the softmax (most sentences stop here).
  const z = lm.z;
  const zc = z[c] as number;
  let total = 0;
  for (let k = 0; k < z.length; k++) total += Math.exp((z[k] as number) - zc);
  const pc = 1 / total;
  // A judging word the rules read turned over by a negation is structure the words' model sees only in part: a wider margin.
  const wider = rules.negatedTerm === true && margin !== null ? TURNED_EXTRA_MARGIN : 0;
  const need = margin === null ? Math.exp((z[NEUTRAL] as number) - zc) / total : Math.exp((z[r] as number) - zc) / total + margin + wider;
  if (pc < need) return rules;
  const tone = TONE_CLASSES[c] as Tone;
  const top = topFeatures(lm, withHits(sentenceFeatures(p.text, p.lang, model.features), [...extra]), c);
  // The strongest word names a span; a decision feature (rc:, rt:) names none, so the evidence spans the sentence.
  const word = top.find((t) => !t.feature.includes(':') || /^[wbsc]:/u.test(t.feature));
  const ev = word ? evidence(p, word.start, word.end, 'model:tone') : evidence(p, p.bodyStart, p.text.length, 'model:tone');
  const modelEv: Evidence = { ...ev, model: { score: Number(pc.toFixed(3)), threshold: Number(need.toFixed(3)), features: top.map((t) => `${t.feature} ${t.weight > 0 ? '+' : ''}${t.weight}`) } };
  return { tone, toneEvidence: [modelEv, ...rules.toneEvidence] };
}
