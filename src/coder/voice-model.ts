/**
 * The learned voice model: per language, a multinomial logistic regression over the sentence's words and the
 * rules' own decision (the voice, how it was reached, the document's side, the previous sentence's voice). It
 * overrules the rules only when its most probable voice beats theirs by the language's margin; every such
 * decision names its strongest features as evidence (rule `model:voice`).
 */
import { normalize } from '../codebook/matcher.js';
import type { SentenceDecision, VoiceDecision } from '../types.js';
import { argmax, DEFAULT_CLASSIFIER, softmax, trainClassifier, type ClassifierSettings } from './classifier.js';
import { addKeyHashes, joinedKey, linearSums, modelReads, sentenceFeatures, topFeatures, withHits, type CodeModel, type FeatureSettings, type LangModelJson } from './model.js';
import { evidence, type Prepared } from './sentence.js';

/** One language's voice model as stored: each voice an output, the margin it must win by, and its cross-validated figures. */
export interface VoiceLangJson extends Pick<LangModelJson, 'units' | 'features' | 'codes'> {
  /** The model's voice is taken when its probability exceeds that of the rules' voice by more than this. */
  margin: number;
  /**
   * Out-of-fold accuracy of the rules alone and with the model at `margin`, on the training units (folds by document); since
   * round 12 also at other margins (`byMargin`, margin -> accuracy), the evidence a margin is chosen on.
   */
  cv: { rulesAccuracy: number; combinedAccuracy: number; changed: number; byMargin?: Record<string, number> };
}

/**
 * Training settings of the voice model: the classifier's, its weights pruned under 0.1 (round 9: from 0.05, the English
 * part 50,522 -> 31,273 features and the file 4.8 -> 4.1 MB; cross-validated voice accuracy unchanged, dev and val5
 * unchanged, the other fresh sets en 0.877 -> 0.874. At the tone model's 0.2, round 6 measured val4 en voice 0.864 ->
 * 0.849 and dev en 0.990 -> 0.971).
 */
export const DEFAULT_VOICE_TRAINING: ClassifierSettings = { ...DEFAULT_CLASSIFIER, prune: 0.1 };

/**
 * Margins chosen on the validation summaries (eval/README-codes.md, "Round 6"): Japanese takes the model's voice only by a
 * clear lead. English took it whenever it was more probable (0.05) until round 9, when the retrained model re-read two
 * voices of the seed commentary the rules hold (a view carried by "they believe"; a denial by no U.S. politician, the
 * writer's); at 0.3 val5 en voice 0.868 -> 0.873, the other fresh sets 0.872 -> 0.877, dev en 0.951 -> 0.971 ("Round 9: integration").
 * Round 10's retrained model again re-read a seed voice the rules hold (the writer's "The U.S. is pushing Japan…, but U.S.
 * officials have stressed…", p 0.663 for washington against the rules' author): at 0.4 val5 en voice 0.863 -> 0.868, dev
 * unchanged, cross-validated English voice 0.850 -> 0.847 ("Round 10: integration"). Round 11's model reads it so again
 * (p 0.762, with "U.S. officials" the strongest feature: the training units that put a relay beside the writer's own claim
 * are labelled both ways, 3 of 9 the relayed side), so the seed acceptance holds only from 0.55; val5 en voice 0.873 -> 0.868
 * (one unit), dev unchanged. A cost paid for the acceptance, and work: the rules' rule-3 decision is not a feature the model sees.
 * Round 12: it is now (`how` 'own', beside 'heading' and 'question', eval/README-codes.md "Round 12: the seed's two settings"):
 * the model gives that seed sentence p 0.597 for washington against 0.396 for the rules' author, so the acceptance holds
 * down to 0.3 (at 0.2 it flips). Every lower margin scored higher out of fold in training (en 0.852 at 0.4, 0.854 at 0.3, 0.859
 * at 0.05) and on the fresh train12 batches (3,802 English units: 0.872 at round 11's model and 0.55, 0.876 at 0.4, 0.879 at
 * 0.3, 0.881 at 0.2; 0.3 against 0.4 20 units better, 6 worse); val5 en voice 0.868 -> 0.873 at 0.4, dev unchanged at 0.4 and
 * 0.3. English 0.3: the lowest margin the acceptance bears with room (0.1).
 * Round 13 (retrained on 44,226 units): the acceptance holds at 0.2 and flips at 0.1; on the fresh pool (1,249 English units)
 * 0.2 against 0.3 is 7 units better, 2 worse (voice 0.899 -> 0.903), codes, negation and tone unchanged, dev unchanged. English
 * 0.2, with no room left: a retrained model must pass the seed tests again (test/seed.test.ts, test/cli.test.ts).
 * Round 15: English 0.1 still flips the seed. Japanese had kept round 6's clear lead (0.4), chosen on a model trained on a
 * tenth of today's units; read on the fresh sets, every lower margin did better: at 0.05 the wave14 measuring set's 4,717
 * Japanese units 0.869 -> 0.880, blind9 0.881 -> 0.895, the fresh pool 0.896 -> 0.897, dev unchanged, codes and tone untouched.
 */
export const VOICE_MARGINS: Readonly<Record<'en' | 'ja', number>> = { en: 0.2, ja: 0.05 };

/** One training unit: its text, gold voice and what the coder decided around it. */
export interface VoiceTrainUnit {
  doc: string;
  text: string;
  side: string | null;
  gold: string;
  voice: string;
  how: string;
  prev: string | null;
  /** False when the coder would not ask the model (`modelReads`). */
  read?: boolean;
}

/**
 * The coder's decision as features beside the words, sorted.
 *
 * @example
 * voiceFeatures('tokyo', 'cue', 'washington', null); // ['ds:washington', 'dsv:washington:tokyo', 'pv:none', 'rh:cue', 'rv:tokyo', 'rvh:tokyo:cue']
 */
export function voiceFeatures(voice: string, how: string, side: string | null, prev: string | null): string[] {
  const ds = side ?? 'none';
  return [`ds:${ds}`, `dsv:${ds}:${voice}`, `pv:${prev ?? 'none'}`, `rh:${how}`, `rv:${voice}`, `rvh:${voice}:${how}`].sort();
}

/**
 * The hashes of `voiceFeatures(voice, how, side, prev)` (`featureKey` of each, in the same sorted order), written to
 * `out` without building the names: the voice model reads them for every sentence it reads.
 *
 * @example
 * voiceFeatureKeys('tokyo', 'cue', null, null, new Int32Array(6)); // featureKey('ds:none'), featureKey('dsv:none:tokyo'), ...
 */
export function voiceFeatureKeys(voice: string, how: string, side: string | null, prev: string | null, out: Int32Array): Int32Array {
  const ds = side ?? 'none';
  // The sorted order of the six names does not depend on their values: ds: < dsv: < pv: < rh: < rv: < rvh:.
  out[0] = joinedKey('ds:', ds);
  out[1] = joinedKey('dsv:', ds, ':', voice);
  out[2] = joinedKey('pv:', prev ?? 'none');
  out[3] = joinedKey('rh:', how);
  out[4] = joinedKey('rv:', voice);
  out[5] = joinedKey('rvh:', voice, ':', how);
  return out;
}

/** Scratch: one sentence's decision features, hashed. */
const decisionHashes = new Int32Array(6);

/** The margins whose out-of-fold accuracy `trainVoice` reports beside the chosen one. */
const MARGIN_GRID = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6];

/** The voice taken: the model's when it leads the rules' voice by more than the margin. */
function combine(labels: readonly string[], rules: string, p: readonly number[], margin: number): string {
  const best = argmax(p);
  const r = labels.indexOf(rules);
  return r < 0 || (p[best] as number) - (p[r] as number) > margin ? (labels[best] as string) : rules;
}

/**
 * Train one language's voice model over `labels` (the codebook's sides, `other`, `author`). Deterministic.
 *
 * @example
 * const part = trainVoice(units, 'en', ['washington', 'tokyo', 'other', 'author'], DEFAULT_FEATURES, DEFAULT_CLASSIFIER, 0);
 */
export function trainVoice(units: readonly VoiceTrainUnit[], lang: 'en' | 'ja', labels: readonly string[], fs: FeatureSettings, s: ClassifierSettings, margin: number): VoiceLangJson {
  const known = units.filter((u) => labels.includes(u.gold));
  const rows = known.map((u) => ({ doc: u.doc, keys: [...sentenceFeatures(normalize(u.text).text, lang, fs).keys, ...voiceFeatures(u.voice, u.how, u.side, u.prev)], gold: labels.indexOf(u.gold) }));
  const { part, oof } = trainClassifier(rows, labels, s);
  let rulesOk = 0;
  let combinedOk = 0;
  let changed = 0;
  known.forEach((u, i) => {
    const v = u.read === false ? u.voice : combine(labels, u.voice, oof[i] as number[], margin);
    if (u.voice === u.gold) rulesOk++;
    if (v === u.gold) combinedOk++;
    if (v !== u.voice) changed++;
  });
  const n = known.length || 1;
  const byMargin: Record<string, number> = {};
  for (const m of MARGIN_GRID) byMargin[m.toFixed(2)] = Number((known.filter((u, i) => (u.read === false ? u.voice : combine(labels, u.voice, oof[i] as number[], m)) === u.gold).length / n).toFixed(4));
  return { ...part, margin, cv: { rulesAccuracy: Number((rulesOk / n).toFixed(4)), combinedAccuracy: Number((combinedOk / n).toFixed(4)), changed, byMargin } };
}

/**
 * The voice model's sums over a sentence's words alone (bias included), or null when the file has no voice model
 * for its language: kept while the document is decided (the sentence's features were just hashed for the other
 * models), completed by `applyVoiceModel` once the rules' voices are final.
 *
 * @example
 * const sums = voiceWordSums(p, cb.model);
 */
export function voiceWordSums(p: Prepared, model: CodeModel): Float64Array | null {
  const part = model.voice?.get(p.lang);
  // A sentence naming no side, holder, speaker, code or tone word keeps the rules' voice (most of a corpus: the model's cost).
  if (!part || !modelReads(p)) return null;
  linearSums(part.lm, model.features, p.text, p.lang, []);
  return part.lm.z.slice();
}

/** An anaphor that names the view or its holders: "this thinking", "these critics", "such fears". */
const NAMED_ANAPHOR = /^(?:this|these|that|those|such)\s+(?:[a-z-]+\s+)?(?:thinking|view|views|argument|arguments|line|camp|school|critics|voices|reasoning|logic|sentiment|complaint|complaints|grievance|grievances|fear|fears|worry|worries|concern|concerns)\b/iu;

/**
 * The rule of a survey answer whose tag gives no place (（20代・男性・会社員）): LABELS.md rule 2 makes it the writer's own,
 * a fact of the tag's form the rules read exactly, so the model, which learned that survey answers mostly speak for a side,
 * leaves it. (Measured on train9-ja with a model trained without it: the model put 8 such answers back to tokyo.)
 */
const NO_PLACE = 'speaker:no-place';

/**
 * A voice the rules carried by an anaphor that names the view or its holders ("An offshoot of this thinking
 * condemns…", "These critics believe…"): the continuation LABELS.md spells out, which the rules read exactly; the
 * model, reading words, cannot see what the anaphor points back to, so it leaves that voice alone. (One of the 12,215
 * English training units has one, where the model agreed with the rules: it never learned them. The seed commentary has two.)
 */
function namedContinuation(p: Prepared, r: VoiceDecision): boolean {
  const cue = r.cue;
  if (r.how !== 'carried' || !cue || !cue.rule.startsWith('attribution:continuation')) return false;
  return NAMED_ANAPHOR.test(p.original.slice(cue.start, cue.start + 48));
}

/**
 * A voice the rules gave from a sentence opening "Here," (LABELS.md's own example, "Here, many argue"), as a side's frame
 * or the home of the dateline: "here" is the place of the dateline or the document's side, which the rules track and the
 * model, reading words, cannot see; so it leaves that voice alone. (Round 18: retrained with more training units, the model had read the seed commentary's "Here, an
 * increasing number of voices argue…" as the writer's; on the whole fresh pool it had overruled no such opening.)
 */
function hereFrame(p: Prepared, r: VoiceDecision): boolean {
  const cue = r.cue;
  return cue !== undefined && (cue.rule.startsWith('attribution:home') || cue.rule.includes('/frame/')) && cue.start === p.bodyStart && /^here\b/iu.test(cue.text);
}

/**
 * Re-read the voices of one document's decided sentences with the voice model, in place: each sentence's
 * features are the rules' decisions (its own and the previous sentence's), so the pass reads them all first.
 *
 * @example
 * applyVoiceModel(prepared, sums, decisions, ctx.docSide, cb.model);
 */
export function applyVoiceModel(preps: readonly Prepared[], sums: ReadonlyArray<Float64Array | null>, out: SentenceDecision[], docSide: string | null, model: CodeModel): void {
  const vm = model.voice;
  if (!vm) return;
  const rules = out.map((d) => d.voice);
  for (let i = 0; i < out.length; i++) {
    const p = preps[i] as Prepared;
    const part = vm.get(p.lang);
    const words = sums[i];
    if (!part || !words) continue;
    const r = rules[i] as VoiceDecision;
    if (namedContinuation(p, r) || hereFrame(p, r) || r.cue?.rule === NO_PLACE) continue;
    const prev = i > 0 ? (rules[i - 1] as VoiceDecision).voice : null;
    part.lm.z.set(words);
    addKeyHashes(part.lm, voiceFeatureKeys(r.voice, r.how, docSide, prev, decisionHashes), 6);
    const best = argmax(part.lm.z);
    const label = part.lm.codes[best] as string;
    if (label === r.voice) continue;
    const probs = softmax(part.lm.z);
    const ri = part.lm.codes.indexOf(r.voice);
    if (ri >= 0 && (probs[best] as number) - (probs[ri] as number) <= part.margin) continue;
    const top = topFeatures(part.lm, withHits(sentenceFeatures(p.text, p.lang, model.features), voiceFeatures(r.voice, r.how, docSide, prev)), best);
    // The strongest word names a span; a decision feature names none, and the evidence spans the sentence.
    const word = top.find((t) => /^[wbsc]:/u.test(t.feature));
    const ev = word ? evidence(p, word.start, word.end, 'model:voice') : evidence(p, p.bodyStart, p.text.length, 'model:voice');
    (out[i] as SentenceDecision).voice = { voice: label, how: 'model', cue: { ...ev, model: { score: Number((probs[best] as number).toFixed(3)), threshold: Number((ri >= 0 ? (probs[ri] as number) + part.margin : part.margin).toFixed(3)), features: top.map((t) => `${t.feature} ${t.weight > 0 ? '+' : ''}${t.weight}`) } } };
  }
}
