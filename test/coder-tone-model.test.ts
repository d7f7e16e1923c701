import { describe, expect, it } from 'vitest';
import { builtinCodebook, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { bareModelFile, withModel } from './helpers/model-file.js';
import { buildModel, DEFAULT_FEATURES, type ModelFileJson } from '../src/coder/model.js';
import { combineTone, DEFAULT_TONE_TRAINING, TONE_CLASSES, TONE_MARGIN, trainTone, type ToneLangJson, type ToneTrainUnit } from '../src/coder/tone-model.js';
import { seededRandom } from '../src/stats.js';
import type { SentenceDecision, Tone } from '../src/types.js';

const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
const { model: _shipped, ...rulesOnlyParts } = builtin;
const rulesOnly = rulesOnlyParts as Codebook;

/** A tone part with one invented word (no rule knows it) weighted `w` towards `target` (stored in thousandths, as the file packs it); every output's threshold is `margin`. */
function tonePart(word: string, target: Tone, w: number, margin: number | null): ToneLangJson {
  const codes = TONE_CLASSES.map((t) => ({ code: t, bias: 0, threshold: margin, idx: t === target ? [0] : [], w: t === target ? [Math.round(w * 1000)] : [] }));
  return { units: 1, features: [`w:${word}`], codes, cv: { rulesAccuracy: 0, combinedAccuracy: 0, changed: 0 } };
}

/** A model file whose code model raises nothing, with the given tone part (or none). */
const modelFile = (tone?: { en?: ToneLangJson; ja?: ToneLangJson }): ModelFileJson => bareModelFile(tone ? { tone } : {});

const one = (cb: Codebook, text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision;

// The rules judge this one unfavourably (a fear of abandonment); the invented word is the model's only feature.
const JUDGED = 'Tokyo fears that Washington will abandon it, the zorblax envoy said.';
const BARE = 'The zorblax delegation from Tokyo met on Tuesday.';

/** The probabilities the fixture part gives a sentence holding its word (biases 0, one weight). */
function probs(w: number): number[] {
  const e = Math.exp(w);
  return [e / (e + 3), 1 / (e + 3), 1 / (e + 3), 1 / (e + 3)];
}

describe('combineTone', () => {
  it('takes the model\'s tone only when it beats the rules\' by the margin; without a margin only where the rules say neutral', () => {
    expect(combineTone('negative', [0.7, 0.2, 0.05, 0.05], 0.2)).toBe('positive');
    expect(combineTone('negative', [0.5, 0.4, 0.05, 0.05], 0.2)).toBe('negative');
    expect(combineTone('negative', [0.45, 0.25, 0.15, 0.15], 0.2)).toBe('positive');
    // The model may also take a judgement away.
    expect(combineTone('positive', [0.1, 0.05, 0.05, 0.8], 0.2)).toBe('neutral');
    expect(combineTone('neutral', [0.5, 0.1, 0.1, 0.3], 0.2)).toBe('positive');
    expect(combineTone('neutral', [0.4, 0.1, 0.1, 0.4], 0.2)).toBe('neutral');
    expect(combineTone('negative', [0.9, 0.05, 0.03, 0.02], null)).toBe('negative');
    expect(combineTone('neutral', [0.4, 0.1, 0.1, 0.39], null)).toBe('positive');
  });
});

describe('the tone model in the coder', () => {
  it('replaces the rules\' tone only where its own leads by the stored margin', () => {
    expect(one(rulesOnly, JUDGED).tone).toBe('negative');
    // w = 2: p(positive) 0.71, p(negative) 0.10: a lead of 0.61.
    const wide = probs(2);
    expect((wide[0] as number) - (wide[1] as number)).toBeGreaterThan(0.5);
    expect(one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 2, 0.5) })), JUDGED).tone).toBe('positive');
    expect(one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 2, 0.7) })), JUDGED).tone).toBe('negative');
    // w = 0.3: a lead of 0.08, under a 0.2 margin: the rules stand.
    const narrow = probs(0.3);
    expect((narrow[0] as number) - (narrow[1] as number)).toBeLessThan(0.2);
    expect(one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 0.3, 0.2) })), JUDGED).tone).toBe('negative');
    // Without its word the model has nothing to say.
    expect(one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 9, 0.2) })), 'Tokyo fears that Washington will abandon it, the envoy said.').tone).toBe('negative');
  });

  it('says so in the evidence: model:tone first, its score above what it had to reach, its features, then the rules\' own evidence', () => {
    const rules = one(rulesOnly, JUDGED);
    const d = one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 2, 0.2) })), JUDGED);
    expect(d.tone).toBe('positive');
    const ev = d.toneEvidence[0];
    expect(ev).toMatchObject({ text: 'zorblax', rule: 'model:tone' });
    expect(ev?.model?.features).toEqual(['w:zorblax +2']);
    const p = probs(2);
    expect(ev?.model?.score).toBeCloseTo(p[0] as number, 3);
    expect(ev?.model?.threshold).toBeCloseTo((p[1] as number) + 0.2, 3);
    expect(d.toneEvidence.slice(1)).toEqual(rules.toneEvidence);
    // Taking a judgement away leaves the model's evidence on a neutral decision.
    const cleared = one(withModel(modelFile({ en: tonePart('zorblax', 'neutral', 3, 0.2) })), JUDGED);
    expect(cleared.tone).toBe('neutral');
    expect(cleared.toneEvidence[0]?.rule).toBe('model:tone');
    // Where the rules stand, no model evidence.
    const kept = one(withModel(modelFile({ en: tonePart('zorblax', 'positive', 0.3, 0.2) })), JUDGED);
    expect(kept.toneEvidence).toEqual(rules.toneEvidence);
  });

  it('is not asked in a sentence naming no side, holder, code or tone word', () => {
    const cb = withModel(modelFile({ en: tonePart('zorblax', 'positive', 9, 0.2) }));
    expect(one(cb, BARE).tone).toBe('positive');
    expect(one(cb, 'The zorblax shipment arrived on Tuesday.').tone).toBe('neutral');
  });
});

describe('model files', () => {
  it('a file without a tone part loads and the coder keeps the rules\' tone', () => {
    const r = buildModel(modelFile(), 'm.json', CODES);
    expect('model' in r && r.model.tone === undefined).toBe(true);
    const cb = withModel(modelFile());
    for (const t of [JUDGED, BARE, 'The alliance has never been stronger, the zorblax delegation said.']) expect(one(cb, t).tone).toBe(one(rulesOnly, t).tone);
  });

  it('a tone part without thresholds (before margins) loads and speaks only where the rules found no judgement', () => {
    const cb = withModel(modelFile({ en: tonePart('zorblax', 'positive', 9, null) }));
    expect(one(cb, JUDGED).tone).toBe('negative');
    expect(one(cb, BARE).tone).toBe('positive');
    expect(one(cb, BARE).toneEvidence[0]?.rule).toBe('model:tone');
  });

  it('the shipped file has a tone part for both languages with the margin on every output', () => {
    const lms = builtin.model?.tone;
    expect([...(lms?.keys() ?? [])].sort()).toEqual(['en', 'ja']);
    for (const lm of lms?.values() ?? []) expect(lm.threshold).toEqual(TONE_CLASSES.map(() => TONE_MARGIN));
  });
});

describe('training', () => {
  /** Units whose rules call a sentence negative; gold is positive where an invented word stands (a wording no rule knows). */
  function units(seed: number): ToneTrainUnit[] {
    const r = seededRandom(seed);
    return Array.from({ length: 240 }, (_, i) => {
      const fav = i % 3 === 0;
      const noun = fav ? 'quendor' : (['panel', 'envoy', 'staff'][Math.floor(r() * 3)] as string);
      return { doc: `d${i % 30}`, text: `The ${noun} from Tokyo spoke of the alliance in spring.`, gold: (fav ? 'positive' : 'negative') as Tone, ruleTone: 'negative' as Tone, raised: ['abandonment'], negated: [] };
    });
  }

  it('learns to overrule the rules where they are wrong, stores the margin, and trains twice to the same JSON', () => {
    const s = { ...DEFAULT_TONE_TRAINING, folds: 3 };
    const a = trainTone(units(3), 'en', DEFAULT_FEATURES, s);
    expect(a.codes.map((c) => c.code)).toEqual([...TONE_CLASSES]);
    expect(a.codes.every((c) => c.threshold === TONE_MARGIN)).toBe(true);
    expect(a.features).toContain('w:quendor');
    expect(a.cv.rulesAccuracy).toBeCloseTo(160 / 240, 3);
    expect(a.cv.combinedAccuracy).toBeGreaterThan(0.9);
    expect(a.cv.changed).toBeGreaterThan(60);
    expect(JSON.stringify(trainTone(units(3), 'en', DEFAULT_FEATURES, s))).toBe(JSON.stringify(a));
    // The trained part loads, and in the coder it overrules a rules' judgement where its word stands.
    const cb = withModel(modelFile({ en: a }));
    expect(one(cb, 'Tokyo fears that Washington will abandon it, the quendor envoy said.').tone).toBe('positive');
  });

  it('without a margin (neutral-only) the model cannot help where the rules judged; a margin outside (0, 1] is refused', () => {
    const s = { ...DEFAULT_TONE_TRAINING, folds: 3 };
    const legacy = trainTone(units(3), 'en', DEFAULT_FEATURES, s, null);
    expect(legacy.codes.every((c) => c.threshold === null)).toBe(true);
    expect(legacy.cv.combinedAccuracy).toBe(legacy.cv.rulesAccuracy);
    expect(() => trainTone(units(3), 'en', DEFAULT_FEATURES, s, 0)).toThrow(/^tone-model: margin/u);
  });
});
