/**
 * The learned tone model: per language, a multinomial logistic regression over the sentence's words and the
 * coder's own decision (the rules' tone, the codes raised and negated). It speaks only where the rules found
 * no judgement (tone `neutral`): the rules carry LABELS.md's structure (mixed judgements, denials that clear
 * the ally, reported demands), the model the wordings no rule names.
 */
import { normalize } from '../codebook/matcher.js';
import type { Evidence, Tone } from '../types.js';
import { argmax, DEFAULT_CLASSIFIER, softmax, trainClassifier, type ClassifierSettings } from './classifier.js';
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

/** Training settings of the tone model: the classifier's. */
export const DEFAULT_TONE_TRAINING: ClassifierSettings = DEFAULT_CLASSIFIER;

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

/** The tone the model would give: the most probable class, when the rules said neutral; otherwise the rules'. */
function combine(ruleTone: Tone, p: readonly number[]): Tone {
  return ruleTone !== 'neutral' ? ruleTone : (TONE_CLASSES[argmax(p)] as Tone);
}

/**
 * Train one language's tone model: out-of-fold figures by document, then a fit on every unit, pruned.
 * Deterministic for the same units and settings.
 *
 * @example
 * const part = trainTone(units, 'en', DEFAULT_FEATURES, DEFAULT_TONE_TRAINING);
 */
export function trainTone(units: readonly ToneTrainUnit[], lang: 'en' | 'ja', fs: FeatureSettings, s: ClassifierSettings): ToneLangJson {
  const rows = units.map((u) => ({ doc: u.doc, keys: [...sentenceFeatures(normalize(u.text).text, lang, fs).keys, ...toneFeatures(u.ruleTone, u.raised, u.negated)], gold: TONE_CLASSES.indexOf(u.gold) }));
  const { part, oof } = trainClassifier(rows, TONE_CLASSES, s);
  let rulesOk = 0;
  let combinedOk = 0;
  let changed = 0;
  units.forEach((u, i) => {
    const t = u.read === false ? u.ruleTone : combine(u.ruleTone, oof[i] as number[]);
    if (u.ruleTone === u.gold) rulesOk++;
    if (t === u.gold) combinedOk++;
    if (t !== u.ruleTone) changed++;
  });
  const n = units.length || 1;
  return { ...part, cv: { rulesAccuracy: Number((rulesOk / n).toFixed(4)), combinedAccuracy: Number((combinedOk / n).toFixed(4)), changed } };
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
  const c = argmax(lm.z);
  if (c === NEUTRAL) return rules;
  const tone = TONE_CLASSES[c] as Tone;
  const probs = softmax(lm.z);
  const top = topFeatures(lm, withHits(sentenceFeatures(p.text, p.lang, model.features), extra), c);
  // The strongest word names a span; a decision feature (rc:, rt:) names none, so the evidence spans the sentence.
  const word = top.find((t) => !t.feature.includes(':') || /^[wbsc]:/u.test(t.feature));
  const ev = word ? evidence(p, word.start, word.end, 'model:tone') : evidence(p, p.bodyStart, p.text.length, 'model:tone');
  return { tone, toneEvidence: [{ ...ev, model: { score: Number((probs[c] as number).toFixed(3)), threshold: Number((probs[NEUTRAL] as number).toFixed(3)), features: top.map((t) => `${t.feature} ${t.weight > 0 ? '+' : ''}${t.weight}`) } }] };
}
