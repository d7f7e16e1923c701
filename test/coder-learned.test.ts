import { describe, expect, it } from 'vitest';
import { builtinCodebook, describeModel, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { buildModel, DEFAULT_FEATURES, DEFAULT_TRAINING, denialCue, trainDenial, type LangModelJson, type TrainUnit } from '../src/coder/model.js';
import { prepare } from '../src/coder/sentence.js';
import { bareModelFile, withModel } from './helpers/model-file.js';
import { DEFAULT_TONE_TRAINING, TONE_CLASSES, toneFeatures, trainTone, type ToneLangJson, type ToneTrainUnit } from '../src/coder/tone-model.js';
import { trainVoice, voiceFeatures, type VoiceLangJson, type VoiceTrainUnit } from '../src/coder/voice-model.js';
import { seededRandom } from '../src/stats.js';
import type { SentenceDecision, Tone } from '../src/types.js';

const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
const EMPTY_CV = { rulesMacroF1: 0, combinedMacroF1: 0, nestedMacroF1: 0, codes: [] };

/** A one-language part whose only feature is an invented word (no rule knows it), weighted 9 for one output (in thousandths, as the file packs it). */
function part(outputs: readonly string[], word: string, target: string, threshold: number | null): LangModelJson {
  return { units: 1, features: [`w:${word}`], codes: outputs.map((o) => ({ code: o, bias: -4, threshold: o === target ? threshold : null, idx: o === target ? [0] : [], w: o === target ? [9000] : [] })), cv: EMPTY_CV };
}

const modelFile = bareModelFile;

const one = (cb: Codebook, text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision;

describe('the denial model', () => {
  it('reads only sentences with a negation cue in their body, and not a phrase the rules read as no negation', () => {
    expect(denialCue(prepare('Nobody in Tokyo fears being left alone.', builtin))?.entry.kind).toBe('neg-forward');
    expect(denialCue(prepare('Tokyo fears being left alone.', builtin))).toBeUndefined();
    // "not only" negates nothing for the rules, so it is no cue here either.
    expect(denialCue(prepare('Tokyo worries not only about trade.', builtin))).toBeUndefined();
    expect(denialCue(prepare('同盟が揺らぐとの懸念は聞かれなかった。', builtin))).toBeDefined();
  });

  it('negates a code where a cue is present and the rules negated nothing, with its evidence; never a code the rules raised', () => {
    const cb = withModel(modelFile({ denial: { en: part(CODES, 'zorblax', 'autonomy', 0.5) } }));
    const denied = one(cb, 'Nobody in the ministry thinks the zorblax affair matters.');
    expect(denied.negated.map((h) => h.code)).toEqual(['autonomy']);
    expect(denied.raised.map((h) => h.code)).not.toContain('autonomy');
    const hit = denied.negated[0];
    expect(hit?.evidence).toMatchObject({ text: 'zorblax', rule: 'model-denial:autonomy' });
    expect(hit?.evidence.model?.score).toBeGreaterThan(0.5);
    expect(hit?.negation?.text).toBe('Nobody');
    // No cue: nothing denied.
    expect(one(cb, 'The zorblax affair matters in the ministry.').negated).toEqual([]);
    // The rules raised autonomy and read the cue's scope: the denial model leaves it raised, as in Japanese (round 7).
    const raised = one(cb, 'Japan remains a vassal state of Washington, and nothing about the zorblax talks changed that.');
    expect(raised.negated).toEqual([]);
    expect(raised.raised.map((h) => h.code)).toContain('autonomy');
    // Where the rules raise nothing, the same cue and word are read as a denial: the rules' raise is what keeps it.
    expect(one(cb, 'Japan says nothing about the zorblax talks changed its view.').negated.map((h) => h.code)).toEqual(['autonomy']);
    const plain = one(withModel(modelFile({})), 'Japan remains a vassal state of Washington, and nothing about the zorblax talks changed that.');
    expect(plain.raised.map((h) => h.code)).toContain('autonomy');
  });

  it('leaves a Japanese code the rules raised to the rules (their scope reading), and denies in Japanese where they raised nothing', () => {
    // Japanese features are character bigrams (`c:`), not words.
    const cb = withModel(modelFile({ denial: { ja: { ...part(CODES, '獏鵺', 'autonomy', 0.5), features: ['c:獏鵺'] } } }));
    const kept = one(cb, '日本は米国の属国のままだが、獏鵺協議の話は聞かれなかった。');
    expect(kept.raised.map((h) => h.code)).toContain('autonomy');
    expect(kept.negated).toEqual([]);
    const denied = one(cb, '日本の獏鵺協議についての懸念は聞かれなかった。');
    expect(denied.negated.map((h) => h.code)).toEqual(['autonomy']);
    expect(denied.negated[0]?.evidence.rule).toBe('model-denial:autonomy');
  });

  it('trains on cue sentences only, learns an invented denial word, and trains twice to the same JSON', () => {
    const r = seededRandom(5);
    const units: TrainUnit[] = [];
    for (let i = 0; i < 240; i++) {
      const denied = i % 3 === 0;
      const cue = denied || i % 2 === 0;
      const text = `${cue ? 'Nobody' : 'Someone'} said the ${denied ? 'quendor' : ['talks', 'visit', 'notes'][Math.floor(r() * 3)]} mattered in spring.`;
      const p = prepare(text, builtin);
      units.push({ doc: `d${i % 30}`, text, codes: [], denied: denied ? ['one_way'] : [], rulesRaised: [], rulesNegated: [], cue: denialCue(p) !== undefined, rulesDenied: [] });
    }
    const s = { ...DEFAULT_TRAINING, folds: 3, minAdded: 1 };
    const a = trainDenial(units, 'en', CODES, DEFAULT_FEATURES, s);
    expect(a.units).toBe(units.filter((u) => u.cue).length);
    const oneWay = a.codes.find((c) => c.code === 'one_way');
    expect(oneWay?.threshold).not.toBeNull();
    expect(a.features).toContain('w:quendor');
    expect(a.codes.find((c) => c.code === 'nuclear')?.threshold).toBeNull();
    expect(JSON.stringify(trainDenial(units, 'en', CODES, DEFAULT_FEATURES, s))).toBe(JSON.stringify(a));
  });
});

describe('the tone model', () => {
  it('speaks only where the rules found no judgement, with evidence rule model:tone', () => {
    const cb = withModel(modelFile({ tone: { en: part(TONE_CLASSES, 'zorblax', 'negative', null) as unknown as ToneLangJson } }));
    const bare = one(cb, 'The zorblax delegation from Tokyo met on Tuesday.');
    expect(bare.tone).toBe('negative');
    expect(bare.toneEvidence[0]).toMatchObject({ text: 'zorblax', rule: 'model:tone' });
    expect(bare.toneEvidence[0]?.model?.score).toBeGreaterThan(bare.toneEvidence[0]?.model?.threshold ?? 1);
    // The rules judged this one: the model does not overrule them.
    const judged = one(cb, 'The alliance has never been stronger, the zorblax delegation said.');
    expect(judged.tone).toBe(one(builtin, 'The alliance has never been stronger, the zorblax delegation said.').tone);
    expect(judged.toneEvidence.every((e) => e.rule !== 'model:tone')).toBe(true);
    // Without the word the model leans to nothing: neutral, as the rules said.
    expect(one(cb, 'The delegation from Tokyo met on Tuesday.').tone).toBe('neutral');
    // A sentence naming no side, holder, code or tone word is not read at all.
    expect(one(cb, 'The zorblax shipment arrived on Tuesday.').tone).toBe('neutral');
  });

  it('names the coder\'s decision as features and learns an invented word deterministically', () => {
    expect(toneFeatures('neutral', ['abandonment', 'abandonment'], ['nuclear'])).toEqual(['rc:abandonment', 'rn:nuclear', 'rt:neutral']);
    const r = seededRandom(9);
    const units: ToneTrainUnit[] = Array.from({ length: 200 }, (_, i) => {
      const neg = i % 4 === 0;
      return { doc: `d${i % 25}`, text: `The ${neg ? 'blorvik' : ['panel', 'envoy', 'staff'][Math.floor(r() * 3)]} met in spring.`, gold: (neg ? 'negative' : 'neutral') as Tone, ruleTone: 'neutral' as Tone, raised: [], negated: [] };
    });
    const s = { ...DEFAULT_TONE_TRAINING, folds: 3 };
    const a = trainTone(units, 'en', DEFAULT_FEATURES, s);
    expect(a.codes.map((c) => c.code)).toEqual([...TONE_CLASSES]);
    expect(a.cv.combinedAccuracy).toBeGreaterThan(a.cv.rulesAccuracy);
    expect(a.features).toContain('w:blorvik');
    expect(JSON.stringify(trainTone(units, 'en', DEFAULT_FEATURES, s))).toBe(JSON.stringify(a));
  });
});

const VOICES = ['washington', 'tokyo', 'other', 'author'];
const voicePart = (word: string, target: string, margin: number): VoiceLangJson => ({ ...part(VOICES, word, target, null), margin, cv: { rulesAccuracy: 0, combinedAccuracy: 0, changed: 0 } });

describe('the voice model', () => {
  it('overrules the rules\' voice when its own leads by the margin, with evidence rule model:voice', () => {
    const text = 'U.S. officials said the zorblax plan was sound.';
    // The rules alone (a model file without a voice part) hear Washington.
    expect(one(withModel(modelFile({})), text).voice.voice).toBe('washington');
    const cb = withModel(modelFile({ voice: { en: voicePart('zorblax', 'tokyo', 0) } }));
    const d = one(cb, text);
    expect(d.voice).toMatchObject({ voice: 'tokyo', how: 'model', cue: { text: 'zorblax', rule: 'model:voice' } });
    expect(d.voice.cue?.model?.score).toBeGreaterThan(d.voice.cue?.model?.threshold ?? 1);
    // A margin the model's lead does not reach leaves the rules' voice.
    expect(one(withModel(modelFile({ voice: { en: voicePart('zorblax', 'tokyo', 0.9999) } })), text).voice.voice).toBe('washington');
    // Without the word, or in a sentence naming no side, holder, code or tone word, the rules' voice stands.
    expect(one(cb, 'U.S. officials said the plan was sound.').voice.voice).toBe('washington');
    expect(one(cb, 'The zorblax plan was discussed on Monday.').voice.how).not.toBe('model');
  });
  it('leaves a voice carried by an anaphor naming the view or its holders ("this thinking", "these critics")', () => {
    const cb = withModel(modelFile({ voice: { en: voicePart('zorblax', 'author', 0) } }));
    const two = (second: string): SentenceDecision[] => decide([{ text: 'Japanese critics complain that the alliance is unequal.', paragraph: 0 }, { text: second, paragraph: 0 }], { docSide: null }, cb);
    for (const second of ['An offshoot of this thinking condemns the zorblax plan as unequal.', 'These critics believe the zorblax plan is unequal.']) {
      const d = two(second)[1] as SentenceDecision;
      expect(d.voice).toMatchObject({ voice: 'tokyo', how: 'carried' });
    }
    // A continuation by a bare pronoun is the model's to re-read.
    expect((two('They also say the zorblax plan is unequal.')[1] as SentenceDecision).voice.voice).toBe('author');
  });

  it('leaves a voice the rules gave from an opening "Here," (the dateline\'s place, which the model cannot see)', () => {
    const cb = withModel(modelFile({ voice: { en: voicePart('zorblax', 'author', 0) } }));
    const two = (second: string): SentenceDecision => decide([{ text: 'TOKYO — Ministers met on Monday.', paragraph: 0 }, { text: second, paragraph: 1 }], { docSide: 'washington' }, cb)[1] as SentenceDecision;
    expect(two('Here, many argue that the zorblax plan is unequal.').voice.voice).toBe('tokyo');
    expect(two('Here, an increasing number of voices argue that the zorblax plan is unequal.').voice).toMatchObject({ voice: 'tokyo', cue: { rule: expect.stringMatching(/^attribution:home/) } });
    // "here" later in the sentence is the model's to re-read.
    expect(two('Many analysts here argue that the zorblax plan is unequal.').voice).toMatchObject({ voice: 'author', how: 'model' });
  });

  it('leaves a survey answer whose tag gives no place to the rules (LABELS.md rule 2: the writer\'s own)', () => {
    const cb = withModel(modelFile({ voice: { ja: { ...voicePart('獏鵺', 'washington', 0), features: ['c:獏鵺'] } } }));
    const answer = (tag: string): SentenceDecision => decide([{ text: `${tag}獏鵺の件で日本は米国の言いなりだと思う。`, paragraph: 0 }], { docSide: 'tokyo' }, cb)[0] as SentenceDecision;
    expect(answer('（40代・女性・会社員）').voice).toMatchObject({ voice: 'author', cue: { rule: 'speaker:no-place' } });
    // A tag with a place is the model's to re-read like any speaker's.
    expect(answer('（那覇市・40代）').voice).toMatchObject({ voice: 'washington', how: 'model' });
  });

  it('names the rules\' decision as features and learns an invented word deterministically', () => {
    expect(voiceFeatures('tokyo', 'cue', 'washington', null)).toEqual(['ds:washington', 'dsv:washington:tokyo', 'pv:none', 'rh:cue', 'rv:tokyo', 'rvh:tokyo:cue']);
    const r = seededRandom(3);
    const units: VoiceTrainUnit[] = Array.from({ length: 240 }, (_, i) => {
      const tokyo = i % 4 === 0;
      return { doc: `d${i % 30}`, text: `The ${tokyo ? 'quendor' : ['panel', 'envoy', 'staff'][Math.floor(r() * 3)]} spoke in Washington.`, side: null, gold: tokyo ? 'tokyo' : 'washington', voice: 'washington', how: 'cue', prev: null };
    });
    const s = { ...DEFAULT_TONE_TRAINING, folds: 3 };
    const a = trainVoice(units, 'en', VOICES, DEFAULT_FEATURES, s, 0);
    expect(a.codes.map((c) => c.code)).toEqual(VOICES);
    expect(a.cv.combinedAccuracy).toBeGreaterThan(a.cv.rulesAccuracy);
    expect(a.features).toContain('w:quendor');
    expect(JSON.stringify(trainVoice(units, 'en', VOICES, DEFAULT_FEATURES, s, 0))).toBe(JSON.stringify(a));
  });
});

describe('model files', () => {
  it('an older file without denial, tone or voice parts still loads and codes as before', () => {
    const old = modelFile({});
    const r = buildModel(old, 'm.json', CODES);
    expect('model' in r && r.model.denial === undefined && r.model.tone === undefined && r.model.voice === undefined).toBe(true);
    const cb = withModel(old);
    expect(one(cb, 'Nobody in the ministry thinks the zorblax affair matters.').negated).toEqual([]);
  });

  it('refuses a tone part whose outputs are not the four tones in order, and a denial part naming an unknown code', () => {
    const wrong = modelFile({ tone: { en: part(['negative', 'positive', 'mixed', 'neutral'], 'x', 'negative', null) as unknown as ToneLangJson } });
    expect(buildModel(wrong, 'm.json', CODES)).toEqual({ problem: 'tone.en: outputs must be positive,negative,mixed,neutral' });
    expect(buildModel(modelFile({ voice: { en: { ...voicePart('x', 'tokyo', 0), codes: part(['moscow'], 'x', 'moscow', null).codes } } }), 'm.json', CODES)).toEqual({ problem: 'voice.en: code "moscow" is not in the codebook' });
    expect(buildModel(modelFile({ voice: { en: voicePart('x', 'tokyo', 1.5) } }), 'm.json', CODES)).toEqual({ problem: 'voice.en: margin must be a number in [0, 1)' });
    const unknown = modelFile({ denial: { en: part(['not_a_code'], 'x', 'not_a_code', 0.5) } });
    expect(buildModel(unknown, 'm.json', CODES)).toEqual({ problem: 'denial.en: code "not_a_code" is not in the codebook' });
  });

  it('codebook check states the shipped denial and tone models\' cross-validated figures', () => {
    const lines = describeModel(builtin.model as NonNullable<Codebook['model']>, builtin.yaml);
    expect(lines.some((l) => /^model en denial: \d+ units with a negation cue, \d+ features; cross-validated negated macro-F1 rules 0\.\d{3} -> rules\+model 0\.\d{3}/u.test(l))).toBe(true);
    expect(lines.some((l) => /^model en voice: \d+ units, \d+ features, margin [\d.]+; cross-validated voice accuracy rules 0\.\d{3} -> with the voice model 0\.\d{3}/u.test(l))).toBe(true);
    expect(lines.some((l) => /^model ja tone: \d+ units, \d+ features; cross-validated tone accuracy coder 0\.\d{3} -> with the tone model 0\.\d{3}/u.test(l))).toBe(true);
  });
});
