import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as codebookModule from '../src/codebook/index.js';
import { builtinCodebook, checkCodebook, describeModel, loadCodebook, readModelFile, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { BESIDE_RULES, buildModel, chooseThreshold, DEFAULT_FEATURES, favourableCodes, judged, learningCurve, simulatedMiss, DEFAULT_TRAINING, featureKey, featureKeys, MODEL_FORMAT, modelCodes, modelLang, scoreSentence, sentenceFeatures, shareVocabulary, stem, trainLanguage, type ModelFileJson, type TrainUnit } from '../src/coder/model.js';
import { prepare } from '../src/coder/sentence.js';
import { runCli } from './helpers/cli.js';
import { codebookOfWorker, workerCodebook } from '../src/parallel.js';
import type { SentenceDecision } from '../src/types.js';
import { seededRandom as rand } from '../src/stats.js';

const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
// The shipped YAML without any model line: what a user's edited copy without the key looks like.
const RULES_YAML = builtin.yaml.replace(/^model:.*\n/mu, '');


/**
 * A small training fixture built by code: filler sentences from a fixed vocabulary, and sentences
 * holding an invented signal word (no rule knows it) labelled with a code. Rules decided nothing.
 */
function fixture(lang: 'en' | 'ja', seed: number): TrainUnit[] {
  const r = rand(seed);
  const filler = lang === 'en' ? ['the', 'talks', 'went', 'on', 'in', 'spring', 'with', 'staff', 'notes', 'a', 'meeting', 'later'] : ['会議', 'は', '春', 'に', '続い', 'た', '担当', '者', 'が', '記録', 'を', '残し'];
  const signals: Array<[string, string]> = lang === 'en' ? [['zorblax', 'autonomy'], ['quendor', 'one_way'], ['blorvik', 'nuclear']] : [['ゾルバクス', 'autonomy'], ['クエンドル', 'one_way']];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const units: TrainUnit[] = [];
  for (let i = 0; i < 200; i++) {
    const words = Array.from({ length: 6 + Math.floor(r() * 5) }, () => pick(filler));
    const codes: string[] = [];
    if (i % 4 === 0) {
      const [word, code] = pick(signals);
      words.splice(Math.floor(r() * words.length), 0, word);
      codes.push(code);
    }
    units.push({ doc: `d${i % 40}`, text: lang === 'en' ? words.join(' ') + '.' : words.join('') + '。', codes, rulesRaised: [], rulesNegated: [] });
  }
  return units;
}

const SETTINGS = { ...DEFAULT_TRAINING, folds: 4, minAdded: 1 };

function trainFixture(): ModelFileJson {
  return {
    format: MODEL_FORMAT,
    codebook: { name: builtin.name, yamlHash: 'fixture' },
    training: { files: [{ name: 'fixture', units: 400, sha256: 'none' }], hash: 'fixture' },
    features: DEFAULT_FEATURES,
    settings: SETTINGS,
    langs: { en: trainLanguage(fixture('en', 7), 'en', CODES, DEFAULT_FEATURES, SETTINGS), ja: trainLanguage(fixture('ja', 8), 'ja', CODES, DEFAULT_FEATURES, SETTINGS) },
  };
}

/** A folder holding a codebook YAML (the shipped rules plus `modelLine`) and, when given, a model file. */
function codebookDir(modelLine: string, model?: string | Buffer, name = 'm.json'): { dir: string; yaml: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tc-model-'));
  const yaml = `${RULES_YAML.trimEnd()}\n${modelLine}\n`;
  const file = join(dir, 'cb.yaml');
  writeFileSync(file, yaml);
  if (model !== undefined) writeFileSync(join(dir, name), model);
  return { dir, yaml, file };
}

function loadWithModel(json: ModelFileJson): Codebook {
  const { yaml, file } = codebookDir('model: m.json', JSON.stringify(json));
  const { codebook, messages } = loadCodebook(yaml, file);
  expect(messages.filter((m) => m.ruleId.startsWith('codebook:model'))).toEqual([]);
  return codebook as Codebook;
}

const one = (cb: Codebook, text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision;

describe('features', () => {
  it('stems English words lightly and pairs neighbours', () => {
    expect(['worries', 'worried', 'deals', 'japan\'s', 'pass', 'meeting'].map(stem)).toEqual(['worry', 'worry', 'deal', 'japan', 'pass', 'meet']);
    const f = sentenceFeatures('Tokyo fears abandonment.', 'en', { enSkip: false, jaGrams: [2] });
    expect(f.keys).toEqual(['w:tokyo', 'b:tokyo fear', 'w:fear', 'b:fear abandonment', 'w:abandonment']);
    expect(f.starts[1]).toBe(0);
    expect(f.ends[1]).toBe('Tokyo fears'.length);
  });
  it('adds skip-bigrams (one word between) when set, as the shipped settings do', () => {
    expect(DEFAULT_FEATURES.enSkip).toBe(true);
    const f = sentenceFeatures('Tokyo fears US abandonment.', 'en', DEFAULT_FEATURES);
    expect(f.keys.filter((k) => k.startsWith('s:'))).toEqual(['s:tokyo us', 's:fear abandonment']);
    const s0 = f.keys.indexOf('s:fear abandonment');
    expect(f.starts[s0]).toBe('Tokyo '.length);
    expect(f.ends[s0]).toBe('Tokyo fears US abandonment'.length);
  });
  it('adds English stem prefixes and Japanese kanji/katakana runs when set', () => {
    const en = sentenceFeatures('Reassurance reassured them.', 'en', { enSkip: false, jaGrams: [2], enPrefix: 5 }).keys;
    // Two forms the stemmer keeps apart share their first five letters; short words get no prefix.
    expect(en.filter((k) => k.startsWith('p:'))).toEqual(['p:reass']);
    expect(sentenceFeatures('them', 'en', { enSkip: false, jaGrams: [2], enPrefix: 5 }).keys).toEqual(['w:them']);
    const ja = sentenceFeatures('日本はアメリカの核の傘に頼る。', 'ja', { enSkip: false, jaGrams: [2], jaRuns: true }).keys;
    // Runs of one character (核, 傘) and hiragana are not runs.
    expect(ja.filter((k) => k.startsWith('k:'))).toEqual(['k:日本', 'k:アメリカ']);
  });
  it('takes Japanese character n-grams that do not cross punctuation', () => {
    const f = sentenceFeatures('日本、米国。', 'ja', DEFAULT_FEATURES);
    expect(f.keys.sort()).toEqual(['c:日本', 'c:米国']);
  });
});

describe('hashed features', () => {
  it('scoring computes the same keys as the named features, on every labelled sentence of the project', () => {
    const { normalize } = codebookModule;
    const texts = ['Japan\'s PM: "We WORRIED about it," don\'t they? İstanbul naïve 3-D talks', '日本ｶﾞ米国に追随、「ポチ」だ。ﾘｰﾀﾞｰ…２０２６年'];
    for (const f of ['units-en.jsonl', 'units-ja.jsonl', 'train-codes-en.jsonl', 'train-codes-ja.jsonl']) {
      for (const line of readFileSync(new URL(`../eval/${f}`, import.meta.url), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
    for (const settings of [DEFAULT_FEATURES, { enSkip: true, jaGrams: [1, 2, 3] }, { enSkip: false, jaGrams: [2], enPrefix: 4, jaRuns: true, enChars: 4 }]) {
      for (const raw of texts) {
        const text = normalize(raw).text;
        const lang = modelLang(text);
        const named = [...new Set(sentenceFeatures(text, lang, settings).keys.map(featureKey))].sort((a, b) => a - b);
        const hashed: number[] = [];
        featureKeys(text, lang, settings, (k) => hashed.push(k));
        expect([...new Set(hashed)].sort((a, b) => a - b)).toEqual(named);
      }
    }
  });
});

describe('training', () => {
  it('is deterministic: the same fixture trains to identical JSON', () => {
    expect(JSON.stringify(trainFixture())).toBe(JSON.stringify(trainFixture()));
  });
  it('learns the fixture signal and sets thresholds only for codes it can add', () => {
    const json = trainFixture();
    const en = json.langs.en;
    expect(en?.codes.find((c) => c.code === 'autonomy')?.threshold).not.toBeNull();
    expect(en?.codes.find((c) => c.code === 'abandonment')?.threshold).toBeNull();
    expect(en?.cv.combinedMacroF1).toBeGreaterThan(en?.cv.rulesMacroF1 ?? 1);
  });
  it('chooses the threshold that maximises F1 of rules OR model under the precision floor', () => {
    // Units 0-1 gold and unseen by rules, unit 2 a false alarm scored between them, unit 3 raised by the rules.
    const t = chooseThreshold([0.9, 0.5, 0.7, 0.1], [true, true, false, true], [false, false, false, true], [false, false, false, false], 0.6, 1);
    expect(t.threshold).toBe(0.5);
    expect(t.addedTp).toBe(2);
    expect(t.addedFp).toBe(1);
    expect(t.combinedF1).toBeCloseTo(6 / 7, 6);
    // With a stricter floor only the first addition is allowed.
    expect(chooseThreshold([0.9, 0.5, 0.7, 0.1], [true, true, false, true], [false, false, false, true], [false, false, false, false], 0.9, 1).threshold).toBe(0.9);
    // A unit the rules negated is never added.
    expect(chooseThreshold([0.9], [true], [false], [true], 0.5, 1).threshold).toBeNull();
  });
});

describe('the simulated rule-miss regime', () => {
  const units = fixture('en', 11);
  it('counts a fixed, hashed share of rule raises as missed: none at 0, all at 1, about half at 0.5, the same every time', () => {
    const us = Array.from({ length: 400 }, (_, i) => ({ doc: 'd', text: `sentence number ${i}` }));
    expect(us.filter((u) => simulatedMiss(u, 0, 0)).length).toBe(0);
    expect(us.filter((u) => simulatedMiss(u, 0, 1)).length).toBe(400);
    const half = us.filter((u) => simulatedMiss(u, 3, 0.5)).length;
    expect(half).toBeGreaterThan(160);
    expect(half).toBeLessThan(240);
    expect(us.filter((u) => simulatedMiss(u, 3, 0.5)).length).toBe(half);
    // Another code misses other units.
    expect(us.map((u) => simulatedMiss(u, 3, 0.5))).not.toEqual(us.map((u) => simulatedMiss(u, 4, 0.5)));
  });
  it('keeps the model on for a code the rules catch in training when their raises count as missed, off when they do not', () => {
    // The rules raise every gold unit of the fixture: at ruleMiss 0 the model has nothing to add.
    const caught = units.map((u) => ({ ...u, rulesRaised: u.codes }));
    const th = (ruleMiss: number): number | null | undefined => trainLanguage(caught, 'en', CODES, DEFAULT_FEATURES, { ...SETTINGS, ruleMiss }).codes.find((c) => c.code === 'autonomy')?.threshold;
    expect(th(0)).toBeNull();
    expect(th(1)).not.toBeNull();
    expect(th(0.8)).not.toBeNull();
  });
  it('weights positives: a larger posWeight gives the signal word a larger weight', () => {
    const weightOf = (posWeight: number, feature: string): number => {
      const part = trainLanguage(units, 'en', ['autonomy'], DEFAULT_FEATURES, { ...SETTINGS, posWeight, prune: 0 });
      const c = part.codes[0] as { idx: number[]; w: number[] };
      // Packed: indices as gaps, weights in thousandths.
      let at = 0;
      const k = c.idx.findIndex((g) => part.features[(at += g)] === feature);
      return (c.w[k] ?? Number.NaN) / 1000;
    };
    expect(weightOf(3, 'w:zorblax')).toBeGreaterThan(weightOf(1, 'w:zorblax'));
  });
  it('draws a learning curve: fractions train on more units, and the full data scores at least as well as a quarter', () => {
    const pts = learningCurve(units, 'en', ['autonomy', 'one_way', 'nuclear'], DEFAULT_FEATURES, SETTINGS, [0.25, 0.5, 1]);
    expect(pts.map((p) => p.fraction)).toEqual([0.25, 0.5, 1]);
    expect(pts[0]!.units).toBeLessThan(pts[1]!.units);
    expect(pts[1]!.units).toBeLessThan(pts[2]!.units);
    // Every unit outside the scored fold trains at 100% (four folds: three quarters of the units).
    expect(pts[2]!.units).toBe(Math.round((units.length * 3) / 4));
    expect(pts[2]!.macroF1).toBeGreaterThanOrEqual(pts[0]!.macroF1);
    expect(JSON.stringify(learningCurve(units, 'en', ['autonomy'], DEFAULT_FEATURES, SETTINGS, [0.5]))).toBe(JSON.stringify(learningCurve(units, 'en', ['autonomy'], DEFAULT_FEATURES, SETTINGS, [0.5])));
  });
  it('reads held-out units at each fraction\'s threshold: fresh text labelled like the training scores high, mislabelled text low', () => {
    const codes = ['autonomy', 'one_way', 'nuclear'];
    const fresh = fixture('en', 12).map((u) => ({ text: u.text, codes: u.codes }));
    const pts = learningCurve(units, 'en', codes, DEFAULT_FEATURES, SETTINGS, [0.5, 1], fresh);
    expect(pts.map((p) => p.heldOutMacroF1 !== undefined)).toEqual([true, true]);
    expect(pts[1]!.heldOutMacroF1).toBeGreaterThan(0.9);
    // The same sentences with each signal's code moved to another code: the model's thresholds find nothing right.
    const moved = fresh.map((u) => ({ text: u.text, codes: u.codes.map((c) => codes[(codes.indexOf(c) + 1) % codes.length] as string) }));
    expect(learningCurve(units, 'en', codes, DEFAULT_FEATURES, SETTINGS, [1], moved)[0]!.heldOutMacroF1).toBeLessThan(0.2);
    // Without held-out units the points carry no such figure, and the folds' figures do not depend on them.
    const bare = learningCurve(units, 'en', codes, DEFAULT_FEATURES, SETTINGS, [0.5, 1]);
    expect(bare.map((p) => p.heldOutMacroF1)).toEqual([undefined, undefined]);
    expect(bare.map((p) => p.macroF1)).toEqual(pts.map((p) => p.macroF1));
  });
  it('trains twice to identical JSON with every new setting on', () => {
    const fs = { enSkip: true, jaGrams: [2, 3], enPrefix: 5, jaRuns: true, gate: ['autonomy'] };
    const s = { ...SETTINGS, ruleMiss: 0.5, posWeight: 2, bags: 2 };
    expect(JSON.stringify(trainLanguage(units, 'en', CODES, fs, s))).toBe(JSON.stringify(trainLanguage(units, 'en', CODES, fs, s)));
    const ja = fixture('ja', 12);
    expect(JSON.stringify(trainLanguage(ja, 'ja', CODES, fs, s))).toBe(JSON.stringify(trainLanguage(ja, 'ja', CODES, fs, s)));
  });
});

describe('the file format', () => {
  /** A format-2 part unpacked as format 1 wrote it: plain indices into `features`, decimal weights. */
  const unpack = <T extends Partial<Record<'en' | 'ja', { codes: Array<{ idx: number[]; w: number[] }> }>>>(part: T): T => {
    const out = structuredClone(part);
    for (const l of Object.values(out)) for (const c of l?.codes ?? []) {
      let at = 0;
      c.idx = c.idx.map((g) => (at += g));
      c.w = c.w.map((w) => w / 1000);
    }
    return out;
  };
  it('packs weights as positive index gaps and thousandths', () => {
    const json = trainFixture();
    const rows = Object.values(json.langs).flatMap((l) => l?.codes ?? []).filter((c) => c.idx.length > 1);
    expect(rows.length).toBeGreaterThan(0);
    for (const c of rows) {
      expect(c.idx.slice(1).every((g) => g > 0)).toBe(true);
      expect(c.w.every((w) => Number.isInteger(w) && w !== 0)).toBe(true);
    }
  });
  it('still reads a format-1 file, scoring exactly as the packed one', () => {
    const json = trainFixture();
    const older = { ...json, format: 'twocities-model/1', langs: unpack(json.langs), ...(json.tone ? { tone: unpack(json.tone) } : {}) };
    const a = buildModel(json, 'm.json', CODES);
    const b = buildModel(older, 'm.json', CODES);
    if (!('model' in a) || !('model' in b)) throw new Error('fixture model did not build');
    for (const text of ['officials say the zorblax plan worries tokyo.', 'tokyo fears the zorblax.']) {
      expect(scoreSentence(b.model, text, 'en', new Set()).map((h) => [h.code, h.score])).toEqual(scoreSentence(a.model, text, 'en', new Set()).map((h) => [h.code, h.score]));
    }
    expect(scoreSentence(a.model, 'officials say the zorblax plan worries tokyo.', 'en', new Set()).length).toBeGreaterThan(0);
    // Any other format is refused with the one expected named.
    const r = buildModel({ ...json, format: 'twocities-model/9' }, 'm.json', CODES);
    expect('problem' in r && r.problem).toContain(MODEL_FORMAT);
  });
  it('shares one feature list per language across parts (format 3), scoring exactly as each part with its own; format 2 still reads', () => {
    const json: ModelFileJson = { ...trainFixture() };
    // A second part over the same words: the denial model, trained on the same units as the code model.
    json.denial = { en: trainLanguage(fixture('en', 9), 'en', CODES, DEFAULT_FEATURES, SETTINGS) };
    const shared = shareVocabulary(json);
    expect(shared.vocab?.en?.length).toBeGreaterThan(0);
    expect(shared.langs.en?.features).toBeUndefined();
    expect(shared.denial?.en?.features).toBeUndefined();
    // Fewer features written than the parts held apart: the two English parts share words.
    expect(shared.vocab?.en?.length).toBeLessThan((json.langs.en?.features.length ?? 0) + (json.denial.en?.features.length ?? 0));
    // The input is left as it was.
    expect(json.langs.en?.features.length).toBeGreaterThan(0);
    const a = buildModel({ ...json, format: 'twocities-model/2' }, 'm.json', CODES);
    const b = buildModel(JSON.parse(JSON.stringify(shared)), 'm.json', CODES);
    if (!('model' in a) || !('model' in b)) throw new Error('fixture model did not build');
    for (const text of ['officials say the zorblax plan worries tokyo.', 'tokyo fears the zorblax.', 'the quendor deal.']) {
      expect(scoreSentence(b.model, text, 'en', new Set()).map((h) => [h.code, h.score])).toEqual(scoreSentence(a.model, text, 'en', new Set()).map((h) => [h.code, h.score]));
      const denial = (m: typeof a.model): unknown => scoreSentence({ langs: m.denial ?? new Map(), features: m.features }, text, 'en', new Set()).map((h) => [h.code, h.score]);
      expect(denial(b.model)).toEqual(denial(a.model));
    }
    // codebook check counts each part's features as before.
    expect(b.model.summary.langs.map((l) => l.features)).toEqual(a.model.summary.langs.map((l) => l.features));
    // A shared list is format 3's: an older format, or a list that is not one of strings, is refused.
    const old = buildModel({ ...shared, format: 'twocities-model/2' }, 'm.json', CODES);
    expect('problem' in old && old.problem).toMatch(/vocab/u);
    const bad = buildModel({ ...shared, vocab: { en: [1, 2] } }, 'm.json', CODES);
    expect('problem' in bad && bad.problem).toMatch(/vocab/u);
  });
});

describe('settings tried and dropped (hitKinds, prevCodes, sideTokens; nbAlpha, balance, shrink, dropDenied, medianThreshold)', () => {
  it('loads an older file that carries them off, scoring as without them, and refuses one that turns a feature on', () => {
    const json = trainFixture();
    const older = { ...json, features: { ...json.features, hitKinds: false, prevCodes: false, sideTokens: false }, settings: { ...json.settings, nbAlpha: 0, balance: 0, shrink: 0, dropDenied: false, medianThreshold: false } };
    const a = buildModel(json, 'm.json', CODES);
    const b = buildModel(older, 'm.json', CODES);
    if (!('model' in a) || !('model' in b)) throw new Error('fixture model did not build');
    const text = 'officials say the zorblax plan worries tokyo.';
    expect(scoreSentence(b.model, text, 'en', new Set()).map((h) => [h.code, h.score])).toEqual(scoreSentence(a.model, text, 'en', new Set()).map((h) => [h.code, h.score]));
    for (const k of ['hitKinds', 'prevCodes', 'sideTokens']) {
      const r = buildModel({ ...json, features: { ...json.features, [k]: true } }, 'm.json', CODES);
      expect('problem' in r && r.problem).toContain(k);
    }
  });
  it('no longer offers them as settings', () => {
    for (const k of ['hitKinds', 'prevCodes', 'sideTokens']) expect(k in DEFAULT_FEATURES).toBe(false);
    for (const k of ['nbAlpha', 'balance', 'shrink', 'dropDenied', 'medianThreshold']) expect(k in DEFAULT_TRAINING).toBe(false);
  });
});

describe('the judgement gate of favourable codes', () => {
  it('finds a judgement or a view, not a bare mention of the relationship', () => {
    // The gate comes from the codebook (its codes of tone positive), not from the library's defaults.
    expect(DEFAULT_FEATURES.gate).toEqual([]);
    expect(favourableCodes(builtin.codes)).toEqual(['relationship_positive', 'reassurance']);
    for (const t of ['日米関係', '日米首脳会談、同盟強化を確認', 'The US-Japan alliance.']) expect(judged(prepare(t, builtin))).toBe(false);
    for (const t of ['日米関係は史上最良だ。', 'The alliance is stronger than ever.', 'Officials in Tokyo said the plan was fine.']) expect(judged(prepare(t, builtin))).toBe(true);
  });
  it('keeps a gated code from being raised where the sentence holds no judgement, in scoring and in threshold choice', () => {
    const json = trainFixture();
    const gated = loadWithModel({ ...json, features: { ...json.features, gate: ['autonomy'] } });
    const model = gated.model as NonNullable<Codebook['model']>;
    const bare = prepare('Tokyo zorblax the plan.', gated);
    const viewed = prepare('Officials in Tokyo said they zorblax the plan.', gated);
    expect(judged(bare)).toBe(false);
    expect(judged(viewed)).toBe(true);
    expect(modelCodes(bare, model, { raised: [], negated: [] }).map((h) => h.code)).not.toContain('autonomy');
    expect(modelCodes(viewed, model, { raised: [], negated: [] }).map((h) => h.code)).toContain('autonomy');
    // Ungated, the bare sentence is raised: the gate made the difference.
    expect(modelCodes(bare, loadWithModel(json).model as NonNullable<Codebook['model']>, { raised: [], negated: [] }).map((h) => h.code)).toContain('autonomy');
    // In training, units without a judgement are not the gated code's to add: no addition left, no threshold.
    const units = fixture('en', 7).map((u) => ({ ...u, judged: false }));
    const fs = { ...DEFAULT_FEATURES, gate: ['autonomy'] };
    expect(trainLanguage(units, 'en', ['autonomy'], fs, SETTINGS).codes[0]?.threshold).toBeNull();
    expect(trainLanguage(units, 'en', ['autonomy'], DEFAULT_FEATURES, SETTINGS).codes[0]?.threshold).not.toBeNull();
  });
});

describe('the model in the coder', () => {
  const cb = loadWithModel(trainFixture());

  it('raises a code the rules miss, with evidence on real text and rule model:<code>', () => {
    const text = 'Officials in Tokyo zorblax the plan again.';
    expect(one(loadCodebook(RULES_YAML).codebook as Codebook, text).raised).toEqual([]);
    const d = one(cb, text);
    const hit = d.raised.find((h) => h.code === 'autonomy');
    expect(hit?.evidence.rule).toBe('model:autonomy');
    expect(hit && text.slice(hit.evidence.start, hit.evidence.end)).toBe(hit?.evidence.text);
    expect(hit?.evidence.text.toLowerCase()).toContain('zorblax');
    expect(hit?.evidence.model?.score).toBeGreaterThanOrEqual(hit?.evidence.model?.threshold ?? 2);
    expect(hit?.evidence.model?.features[0]).toMatch(/zorblax/u);
  });

  it('maps evidence back to the original characters of a Japanese sentence (half-width kana)', () => {
    const text = '政府はｿﾞﾙﾊﾞｸｽの姿勢だ。';
    const hit = one(cb, text).raised.find((h) => h.code === 'autonomy');
    expect(hit?.evidence.rule).toBe('model:autonomy');
    expect(hit && text.slice(hit.evidence.start, hit.evidence.end)).toBe(hit?.evidence.text);
    expect('ｿﾞﾙﾊﾞｸｽ'.includes(hit?.evidence.text ?? '-')).toBe(true);
  });

  it('raises nothing for a sentence with no model features', () => {
    const p = prepare('Qwv xyzzy plugh.', cb);
    expect(scoreSentence(cb.model as NonNullable<Codebook['model']>, p.text, p.lang, new Set())).toEqual([]);
    expect(one(cb, 'Qwv xyzzy plugh.').raised).toEqual([]);
  });

  it('leaves codes the rules raised or negated to the rules', () => {
    const p = prepare('Officials in Tokyo zorblax the plan again.', cb);
    const model = cb.model as NonNullable<Codebook['model']>;
    expect(modelCodes(p, model, { raised: [], negated: [] }).map((h) => h.code)).toContain('autonomy');
    const negated = [{ code: 'autonomy', evidence: { start: 0, end: 1, text: 'O', rule: 'test' } }];
    expect(modelCodes(p, model, { raised: [], negated }).map((h) => h.code)).not.toContain('autonomy');
  });

  it('adds a code beside one the rules raised only at BESIDE_RULES (2) times its threshold', () => {
    const json = trainFixture();
    const text = 'Officials in Tokyo zorblax the plan again.';
    const score = modelCodes(prepare(text, cb), cb.model as NonNullable<Codebook['model']>, { raised: [], negated: [] }).find((h) => h.code === 'autonomy')?.evidence.model?.score ?? Number.NaN;
    expect(score).toBeGreaterThan(0);
    const ruled = [{ code: 'nuclear', evidence: { start: 0, end: 1, text: 'O', rule: 'test' } }];
    const raises = (ratio: number, raised: typeof ruled): boolean => {
      const langs = { ...json.langs, en: { ...json.langs.en!, codes: json.langs.en!.codes.map((c) => (c.code === 'autonomy' ? { ...c, threshold: score / ratio } : c)) } };
      const withThr = loadWithModel({ ...json, langs });
      return modelCodes(prepare(text, withThr), withThr.model as NonNullable<Codebook['model']>, { raised, negated: [] }).some((h) => h.code === 'autonomy');
    };
    expect(BESIDE_RULES).toBe(2);
    expect(raises(1.5, [])).toBe(true);
    expect(raises(1.5, ruled)).toBe(false);
    expect(raises(1.75, ruled)).toBe(false);
    expect(raises(2.25, ruled)).toBe(true);
  });

  it('does not raise a code whose word the codebook set aside as another sense', () => {
    expect(one(cb, 'Officials blorvik the plan again.').raised.map((h) => h.code)).toContain('nuclear');
    expect(one(cb, 'Officials blorvik the nuclear power plant again.').raised.map((h) => h.code)).not.toContain('nuclear');
  });

  it('travels to workers with the codebook', () => {
    const w = codebookOfWorker(structuredClone(workerCodebook(cb)));
    expect(w?.model).toBeDefined();
    expect(one(w as Codebook, 'Officials in Tokyo zorblax the plan again.').raised.map((h) => h.code)).toContain('autonomy');
  });
});

describe('the model: key of a codebook', () => {
  it('a codebook without the key has no model and codes as the rules do', () => {
    const rules = loadCodebook(RULES_YAML).codebook as Codebook;
    expect(rules.model).toBeUndefined();
    const withModel = loadWithModel(trainFixture());
    const texts = ['Japan always follows Washington.', 'The talks went on in spring.', '日本は米国に追随している。'];
    const strip = (d: SentenceDecision): unknown => ({ ...d, raised: d.raised.filter((h) => !h.evidence.rule.startsWith('model:')) });
    expect(decide(texts.map((text) => ({ text, paragraph: 0 })), { docSide: null }, rules)).toEqual(decide(texts.map((text) => ({ text, paragraph: 0 })), { docSide: null }, withModel).map(strip));
  });

  it('changes the codebook version when the model file changes', () => {
    const a = trainFixture();
    const b: ModelFileJson = JSON.parse(JSON.stringify(a));
    const code = b.langs.en?.codes.find((c) => c.threshold !== null);
    if (code) code.threshold = 0.99;
    const va = loadWithModel(a).version;
    expect(loadWithModel(b).version).not.toBe(va);
    expect(loadWithModel(a).version).toBe(va);
    expect(loadCodebook(RULES_YAML).codebook?.version).not.toBe(va);
  });

  it('reports a missing, broken or foreign model as a message with the file, and codes with the rules', () => {
    for (const [line, model, expected] of [
      ['model: missing.json', undefined, /cannot be read/u],
      ['model: m.json', '{ not json', /not valid JSON/u],
      ['model: m.json', JSON.stringify({ format: 'other' }), /format/u],
      ['model: m.json', JSON.stringify({ ...trainFixture(), langs: { en: { ...trainFixture().langs.en, codes: [{ code: 'no_such_code', bias: 0, threshold: 0.5, idx: [], w: [] }] } } }), /no_such_code/u],
    ] as Array<[string, string | undefined, RegExp]>) {
      const { yaml, file } = codebookDir(line, model);
      const { codebook, messages } = loadCodebook(yaml, file);
      expect(codebook?.model).toBeUndefined();
      const m = messages.find((x) => x.ruleId === 'codebook:model');
      expect(m?.reason).toMatch(expected);
      expect(m?.place.file).toBe(file);
      expect(m?.place.line).toBe(yaml.split('\n').indexOf(line) + 1);
    }
  });

  it('reads a gzip-compressed model (.json.gz) as the same model, and names a broken one', () => {
    const json = JSON.stringify(trainFixture());
    const plain = loadWithModel(trainFixture());
    const gz = codebookDir('model: m.json.gz', gzipSync(json), 'm.json.gz');
    const { codebook, messages } = loadCodebook(gz.yaml, gz.file);
    expect(messages.filter((m) => m.ruleId.startsWith('codebook:model'))).toEqual([]);
    expect(codebook?.model?.summary).toEqual(plain.model?.summary);
    const text = 'Washington will not defend Japan, officials in Tokyo fear.';
    expect(one(codebook as Codebook, text).raised).toEqual(one(plain, text).raised);
    // A file named .gz that is not gzip (here plain JSON): a warning naming it, and the rules alone.
    const broken = codebookDir('model: m.json.gz', json, 'm.json.gz');
    const b = loadCodebook(broken.yaml, broken.file);
    expect(b.codebook?.model).toBeUndefined();
    expect(b.messages.find((m) => m.ruleId === 'codebook:model')?.reason).toMatch(/^model m\.json\.gz: is not a readable gzip file \(/u);
  });

  it('refuses a model outside the codebook folder, as a schema error with the file', () => {
    for (const line of ['model: ../m.json', 'model: /etc/m.json', 'model: m.yaml']) {
      const { yaml, file } = codebookDir(line);
      const { codebook, messages } = loadCodebook(yaml, file);
      expect(codebook).toBeUndefined();
      expect(messages.some((m) => m.ruleId === 'codebook:schema' && m.place.file === file && /model/u.test(m.reason))).toBe(true);
    }
  });

  it('codebook check states the training size and the cross-validated figures, and checks the model file', () => {
    const { yaml, file } = codebookDir('model: m.json', JSON.stringify(trainFixture()));
    expect(checkCodebook(yaml, file).filter((m) => m.ruleId.startsWith('codebook:model'))).toEqual([]);
    const lines = describeModel(loadWithModel(trainFixture()).model as NonNullable<Codebook['model']>, yaml);
    expect(lines.some((l) => /trained on 400 units/u.test(l))).toBe(true);
    expect(lines.some((l) => /en: 200 units.*macro-F1 rules (?:with \d+% of their raises counted as missed )?0\.\d+ -> rules\+model 0\.\d+ \(thresholds chosen on other folds: 0\.\d+\)/u.test(l))).toBe(true);
    // The fixture was not trained with these rules' hash: the lines say to retrain.
    expect(lines.some((l) => /retrain/u.test(l))).toBe(true);
    const broken = codebookDir('model: m.json', '{}');
    expect(checkCodebook(broken.yaml, broken.file).find((m) => m.ruleId === 'codebook:model')?.severity).toBe('warning');
  });

  it('a codebook given as text has no folder: no model, and an info message says so', () => {
    const { yaml } = codebookDir('model: m.json', JSON.stringify(trainFixture()));
    const { codebook, messages } = loadCodebook(yaml);
    expect(codebook?.model).toBeUndefined();
    expect(messages.find((m) => m.ruleId === 'codebook:model')?.severity).toBe('info');
  });
});

describe('the shipped model', () => {
  it('loads for the built-in codebook, small enough to ship', () => {
    const path = fileURLToPath(new URL('../codebooks/us-japan.model.json.gz', import.meta.url));
    // Shipped gzip-compressed since round 12 (4.99 MB of JSON, 1.5 MB on disk, 38,999 training units): keep the file under 5 MB.
    expect(statSync(path).size).toBeLessThan(5 * 1024 * 1024);
    const text = readModelFile(path);
    const r = buildModel(JSON.parse(text), 'us-japan.model.json.gz', CODES);
    expect('model' in r && r.model.langs.size).toBe(2);
    // The built-in codebook names it, and workers receive it with the codebook.
    expect(builtin.model?.file).toBe('us-japan.model.json.gz');
    expect(codebookOfWorker(structuredClone(workerCodebook(builtin)))?.model?.summary.training.hash).toBe(builtin.model?.summary.training.hash);
    const json = JSON.parse(text) as ModelFileJson;
    // Never trained on the acceptance set or on any check, blind, held-out or measuring set.
    expect(json.training.files.map((f) => f.name).filter((n) => /dev|check|blind|holdout|val5|measure/u.test(n))).toEqual([]);
    // Every training batch of the project is in it (the selection of scripts/lib/training.mjs: full and code-only), and the file names the patterns.
    const batches = readdirSync(new URL('../eval/', import.meta.url)).filter((f) => /^(?:train-codes-|train-voice-|units-|train\d+-|val4-|era\d+-|wave\d+-|codes\d+-).*\.jsonl$/u.test(f)).map((f) => `eval/${f}`).sort();
    expect(json.training.files.map((f) => f.name)).toEqual(batches);
    expect(json.training.glob).toContain('train[0-9]-');
    expect(json.training.glob).toContain('train[0-9][0-9]-');
    expect(json.training.codesOnlyGlob).toContain('codes[0-9][0-9]-');
  });
});

describe('twocities codebook check', () => {
  it('prints the shipped model\'s training size and cross-validated figures', async () => {
    const r = await runCli(['codebook', 'check', new URL('../codebooks/us-japan.yaml', import.meta.url).pathname]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/model us-japan\.model\.json\.gz: trained on \d+ units from \d+ files/u);
    expect(r.out).toMatch(/model en: \d+ units, \d+ features; cross-validated codes macro-F1 rules(?: with \d+% of their raises counted as missed)? 0\.\d{3} -> rules\+model 0\.\d{3}/u);
    expect(r.out).toMatch(/model ja: /u);
  });
  it('warns, with the file and line, when the model named is missing', async () => {
    const { file, yaml } = codebookDir('model: gone.json');
    const r = await runCli(['codebook', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${file}:${yaml.split('\n').indexOf('model: gone.json') + 1}:`);
    expect(r.out).toMatch(/warning: model gone\.json: cannot be read \(ENOENT\); coding with the rules alone/u);
  });
});
