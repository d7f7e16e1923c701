/**
 * Round 12, the seed's two settings: the rules' `author` decisions the voice model now tells apart (`how`: own, heading,
 * question), and the code model's third-party codes beside a rules' raise. Every sentence written for this test.
 */
import { describe, expect, it } from 'vitest';
import { BESIDE_RULES, buildModel, DEFAULT_FEATURES, DEFAULT_TRAINING, MODEL_FORMAT, modelCodes, scoreSentence, trainLanguage, type CodeModel, type ModelFileJson, type TrainUnit } from '../src/coder/model.js';
import { roleCode } from '../src/codebook/index.js';
import { prepare } from '../src/coder/sentence.js';
import { voiceFeatures } from '../src/coder/voice-model.js';
import { oneByRules, rulesOnly, runCoder } from './helpers/coder.js';

describe('the rules tell their author decisions apart (round 12)', () => {
  it("a relay beside the writer's own claim is the writer's, reached as 'own' (rule 3)", () => {
    const d = oneByRules('Washington is pushing Japan to send more ships, but U.S. diplomats have stressed that Tokyo alone will decide.');
    expect(d.voice.voice).toBe('author');
    expect(d.voice.how).toBe('own');
  });

  it("holders of both sides are no one side's, reached as 'own' (rule 5)", () => {
    const d = oneByRules('Officials on both sides insisted the new radar site would not strain the partnership.');
    expect(d.voice.voice).toBe('author');
    expect(d.voice.how).toBe('own');
  });

  it("a heading of a transcript is reached as 'heading'", () => {
    const d = oneByRules('Senate Armed Services Committee, hearing on alliance cost sharing, April 1998 (excerpts).');
    expect(d.voice.voice).toBe('author');
    expect(d.voice.how).toBe('heading');
  });

  it("an interviewer's question naming no holder is reached as 'question' (rule 2)", () => {
    const ds = runCoder(['Q: What happens to the harbour project after the election?', 'A: We will build it, whatever Tokyo says.'], { docSide: 'tokyo' }, rulesOnly);
    expect(ds[0]?.voice.voice).toBe('author');
    expect(ds[0]?.voice.how).toBe('question');
    expect(ds[1]?.voice.voice).toBe('tokyo');
  });

  it("a unit with no holder at all is still the plain default, and a named side's view is not 'own'", () => {
    const plain = oneByRules('The ferry to the island leaves twice a day in summer.');
    expect(plain.voice).toEqual({ voice: 'author', how: 'default' });
    const side = oneByRules('Japanese officials said the new base plan was fair to both partners.');
    expect(side.voice.voice).toBe('tokyo');
    expect(side.voice.how).not.toBe('own');
  });

  it("the voice model reads each as its own decision feature", () => {
    expect(voiceFeatures('author', 'own', 'washington', null)).toContain('rh:own');
    expect(voiceFeatures('author', 'own', 'washington', null)).toContain('rvh:author:own');
    expect(voiceFeatures('author', 'own', 'washington', null)).not.toContain('rh:default');
  });
});

/**
 * A code model trained on invented words ("vendrak" marks japan_passing, "plomber" abandonment; no rule knows either), its
 * japan_passing threshold set to a third of what a test sentence scores, so that only the guards decide.
 */
function thirdPartyModel(probe: string): CodeModel {
  const filler = ['the', 'talks', 'went', 'on', 'in', 'spring', 'with', 'staff', 'notes', 'a', 'meeting', 'later'];
  const units: TrainUnit[] = [];
  for (let i = 0; i < 240; i++) {
    const words = filler.slice(i % 5, (i % 5) + 6);
    const codes: string[] = [];
    if (i % 3 === 0) {
      words.splice(2, 0, 'vendrak');
      codes.push('japan_passing');
    } else if (i % 3 === 1) {
      words.splice(3, 0, 'plomber');
      codes.push('abandonment');
    }
    units.push({ doc: `d${i % 30}`, text: words.join(' ') + '.', codes, rulesRaised: [], rulesNegated: [] });
  }
  const settings = { ...DEFAULT_TRAINING, folds: 3, minAdded: 1 };
  const codes = rulesOnly.codes.map((c) => c.id);
  const en = trainLanguage(units, 'en', codes, DEFAULT_FEATURES, settings);
  const json: ModelFileJson = {
    format: MODEL_FORMAT,
    codebook: { name: rulesOnly.name, yamlHash: 'fixture' },
    training: { files: [{ name: 'fixture', units: units.length, sha256: 'none' }], hash: 'fixture' },
    features: DEFAULT_FEATURES,
    settings,
    langs: { en },
  };
  const load = (j: ModelFileJson): CodeModel => {
    const built = buildModel(j, 'fixture.json', codes);
    if ('problem' in built) throw new Error(built.problem);
    return built.model;
  };
  const score = scoreSentence(load(json), prepare(probe, rulesOnly).text, 'en', { has: () => false }).find((h) => h.code === 'japan_passing')?.score ?? Number.NaN;
  expect(score).toBeGreaterThan(0);
  return load({ ...json, langs: { en: { ...en, codes: en.codes.map((c) => (c.code === 'japan_passing' ? { ...c, threshold: score / 3 } : c)) } } });
}

describe('a third-party code beside a rules raise needs a third party named (round 12)', () => {
  const ruled = [{ code: 'abandonment', evidence: { start: 0, end: 1, text: 'x', rule: 'test' } }];
  const added = (text: string, raised: typeof ruled): string[] => modelCodes(prepare(text, rulesOnly), thirdPartyModel(text), { raised, negated: [] }, roleCode(rulesOnly, 'passing')).map((h) => h.code);

  it('the factor beside the rules is 2 again', () => {
    expect(BESIDE_RULES).toBe(2);
  });

  it('adds japan_passing where the rules raised nothing, with no third party named', () => {
    expect(added('Officials in Tokyo say the talks vendrak went on in spring.', [])).toContain('japan_passing');
  });

  it("beside the rules' abandonment, only where a third party is named", () => {
    expect(added('Officials in Tokyo say the talks vendrak went on in spring.', ruled)).not.toContain('japan_passing');
    expect(added('Officials in Tokyo and Beijing say the talks vendrak went on in spring.', ruled)).toContain('japan_passing');
    expect(added('Officials in Tokyo and Seoul say the talks vendrak went on in spring.', ruled)).toContain('japan_passing');
  });
});
