/**
 * The learned parts' fast paths must score exactly as the plain ones: the joint table (one lookup per feature for
 * the code, denial, tone and voice models) against each part's own table, the one-pass English hashing against
 * `featureKeys`, and hashed decision features against their names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCodebook, readModelFile, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { addKeyHashes, buildModel, DEFAULT_FEATURES, featureKey, featureKeys, hashFeatures, joinedKey, linearSums, type CodeModel, type FeatureSettings, type LangModel } from '../src/coder/model.js';
import { prepare } from '../src/coder/sentence.js';
import { voiceFeatureKeys, voiceFeatures } from '../src/coder/voice-model.js';
import { parseUnits } from '../src/label.js';
import { seededRandom as rand } from '../src/stats.js';

const ROOT = join(import.meta.dirname, '..');
const builtin = builtinCodebook();
const MODEL_JSON: unknown = JSON.parse(readModelFile(join(ROOT, 'codebooks', 'us-japan.model.json.gz')));


/** Training units of both languages (project files), and sentences mixed from their words with a fixed seed. */
function sentences(): string[] {
  const out: string[] = [];
  for (const f of ['train-codes-en.jsonl', 'train-codes-ja.jsonl']) {
    const { units } = parseUnits(readFileSync(join(ROOT, 'eval', f), 'utf8'), f);
    out.push(...units.slice(0, 150).map((u) => u.text));
  }
  const words = out.join(' ').split(/\s+/u).filter((w) => w.length > 0);
  const r = rand(7);
  for (let k = 0; k < 150; k++) out.push(Array.from({ length: 3 + Math.floor(r() * 25) }, () => words[Math.floor(r() * words.length)]).join(' '));
  // Repeated words, apostrophes, digits, stems that cut (worries, tied, going), an empty sentence.
  out.push("Japan's worries, Japan's worries: they're tied and going 2 ways, 2 ways.", '', 'ies ing ed s ss us', '日米同盟、日米同盟。「見捨てられる」懸念');
  return out;
}

/** The built-in model built again, every part on its own table (no joint table). */
function withoutJoint(): CodeModel {
  const built = buildModel(MODEL_JSON, 'us-japan.model.json.gz', builtin.codes.map((c) => c.id));
  if (!('model' in built)) throw new Error(`model did not build: ${built.problem}`);
  const m = built.model;
  const parts: Array<LangModel | undefined> = [...m.langs.values(), ...(m.denial?.values() ?? []), ...(m.tone?.values() ?? []), ...[...(m.voice?.values() ?? [])].map((v) => v.lm)];
  for (const lm of parts) if (lm) delete lm.joint;
  return m;
}

describe('the joint table of the learned parts', () => {
  it('is built for the shipped model, one per language', () => {
    const m = builtin.model as CodeModel;
    for (const lang of ['en', 'ja']) {
      const jm = m.langs.get(lang)?.joint;
      expect(jm).toBeDefined();
      expect(m.tone?.get(lang)?.joint).toBe(jm);
      expect(m.voice?.get(lang)?.lm.joint).toBe(jm);
      expect(m.denial?.get(lang)?.joint).toBe(jm);
    }
  });
  it('gives every part the sums and feature counts of its own table, with extra features (repeated, or also words)', () => {
    const fast = builtin.model as CodeModel;
    const plain = withoutJoint();
    const extras = [[], ['rt:neutral', 'rc:abandonment', 'rn:nuclear'], ['rc:autonomy', 'rc:autonomy', 'rt:negative'], ['w:alliance', 'rc:one_way', 'w:alliance']];
    let compared = 0;
    for (const text of sentences()) {
      const p = prepare(text, builtin);
      const pairs: Array<[LangModel | undefined, LangModel | undefined]> = [
        [fast.langs.get(p.lang), plain.langs.get(p.lang)],
        [fast.denial?.get(p.lang), plain.denial?.get(p.lang)],
        [fast.tone?.get(p.lang), plain.tone?.get(p.lang)],
        [fast.voice?.get(p.lang)?.lm, plain.voice?.get(p.lang)?.lm],
      ];
      for (const [a, b] of pairs) {
        if (!a || !b) continue;
        for (const extra of extras) {
          const na = linearSums(a, fast.features, p.text, p.lang, extra);
          const za = [...a.z];
          const nb = linearSums(b, plain.features, p.text, p.lang, extra);
          // Exact: the same weights added in the same order.
          expect(za).toEqual([...b.z]);
          expect(na).toBe(nb);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
  it('adds hashed decision features to kept sums as the voice part\'s own table does (each once)', () => {
    const fast = builtin.model as CodeModel;
    const plain = withoutJoint();
    const out = new Int32Array(6);
    for (const lang of ['en', 'ja']) {
      const a = fast.voice?.get(lang)?.lm as LangModel;
      const b = plain.voice?.get(lang)?.lm as LangModel;
      for (const [voice, how, prev] of [['tokyo', 'cue', null], ['author', 'default', 'tokyo'], ['washington', 'carried', 'washington']] as const) {
        const keys = voiceFeatureKeys(voice, how, 'washington', prev, out);
        // A repeated key counts once.
        const twice = Int32Array.from([...keys, keys[0] as number, keys[4] as number]);
        const start = Float64Array.from({ length: a.z.length }, (_, k) => k / 7);
        a.z.set(start);
        addKeyHashes(a, twice, twice.length);
        b.z.set(start);
        addKeyHashes(b, twice, twice.length);
        expect([...a.z]).toEqual([...b.z]);
        expect([...a.z]).not.toEqual([...start]);
      }
    }
  });
  it('decides every sentence exactly as the parts\' own tables do', () => {
    const plain: Codebook = { ...builtin, model: withoutJoint() };
    const texts = sentences();
    const units = texts.map((text, k) => ({ text, paragraph: Math.floor(k / 4) }));
    for (const side of [null, 'tokyo']) expect(decide(units, { docSide: side }, builtin)).toEqual(decide(units, { docSide: side }, plain));
  });
});

describe('hashing without strings', () => {
  it('hashFeatures writes the hashes featureKeys visits, in order, under several settings', () => {
    const settings: FeatureSettings[] = [DEFAULT_FEATURES, { ...DEFAULT_FEATURES, enSkip: false }, { ...DEFAULT_FEATURES, enPrefix: 4 }, { ...DEFAULT_FEATURES, enChars: 3 }, { ...DEFAULT_FEATURES, jaGrams: [2, 3], jaRuns: true }];
    for (const fs of settings) {
      for (const text of sentences()) {
        const p = prepare(text, builtin);
        const want: number[] = [];
        featureKeys(p.text, p.lang, fs, (k) => want.push(k));
        expect([...hashFeatures(p.text, p.lang, fs)]).toEqual(want);
      }
    }
    // A sentence longer than the buffer's first size.
    const long = Array.from({ length: 600 }, (_, k) => `word${k}`).join(' ');
    const want: number[] = [];
    featureKeys(long, 'en', DEFAULT_FEATURES, (k) => want.push(k));
    expect([...hashFeatures(long, 'en', DEFAULT_FEATURES)]).toEqual(want);
  });
  it('joinedKey is featureKey of the joined name, and the voice model\'s decision features hash as their names', () => {
    for (const [a, b, c, d] of [['rv:', 'tokyo', '', ''], ['dsv:', 'none', ':', 'author'], ['w:', 'alliance', '', ''], ['b:', 'us', ' ', 'japan'], ['s:', 'a', ' ', 'b'], ['', 'rt:', 'neutral', '']] as const) {
      expect(joinedKey(a, b, c, d)).toBe(featureKey(a + b + c + d));
    }
    const out = new Int32Array(6);
    for (const voice of ['washington', 'tokyo', 'other', 'author']) {
      for (const how of ['cue', 'default', 'carried', 'doc-side']) {
        for (const side of [null, 'tokyo']) {
          for (const prev of [null, 'washington']) expect([...voiceFeatureKeys(voice, how, side, prev, out)]).toEqual(voiceFeatures(voice, how, side, prev).map(featureKey));
        }
      }
    }
  });
});
