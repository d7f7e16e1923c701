// Round 14: the offsets of a unit's sentences (sentence.ts), which the Japanese answer check reads a reply by, and the
// blind sets kept out of training (scripts/lib/training.mjs). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { sentenceSpans, sentencesOf } from '../src/coder/sentence.js';
import { negatedCodes as negated, oneByRules as one } from './helpers/coder.js';
// @ts-expect-error: a plain ES module of the scripts, without types
import { family, NEVER, TRAIN, trainingUse } from '../scripts/lib/training.mjs';

describe('sentence offsets (sentenceSpans)', () => {
  const cut = (t: string) => sentenceSpans(t).map((s) => t.slice(s.start, s.end));
  it('cuts where sentencesOf cuts, keeping every Japanese character and leaving the space between English sentences out', () => {
    const ja = '米国の要求はあった。しかし、派遣は我が国が判断した！以上です。';
    expect(cut(ja)).toEqual(['米国の要求はあった。', 'しかし、派遣は我が国が判断した！', '以上です。']);
    expect(cut(ja).join('')).toBe(ja);
    const en = 'Tokyo agreed. Mr. Abe said "No." Then he left';
    expect(cut(en)).toEqual(['Tokyo agreed.', 'Mr. Abe said "No."', 'Then he left']);
    expect(cut(en).map((s) => s.trim())).toEqual(sentencesOf(en));
  });
  it('gives nothing for an empty text and one span for a text without an end mark', () => {
    expect(sentenceSpans('')).toEqual([]);
    expect(sentenceSpans('日米同盟')).toEqual([{ start: 0, end: 4 }]);
  });
  it('finds a minister\'s denial in the sentence after a reply that began otherwise', () => {
    const u = one('大臣：ご指摘は承知しております。米国から求められたという事実はございません。');
    expect(negated(u)).toContain('burden_pressure');
  });
});

describe('batches kept out of training', () => {
  it('the round-14 blind sets and the round-14 batches are never trained on', () => {
    for (const f of ['blind8-en.jsonl', 'blind8-ja.jsonl', 'blind9-en.jsonl', 'blind9-ja.jsonl']) {
      expect(NEVER.test(f)).toBe(true);
      expect(TRAIN.test(f)).toBe(false);
    }
  });
  it('round 16: the waves and code batches train the code and denial models only (trainingUse); the measuring batches and blind11 never', () => {
    expect(TRAIN.test('wave14-en-10.jsonl')).toBe(false);
    expect(NEVER.test('wave14-ja-6.jsonl')).toBe(false);
    expect(trainingUse('wave14-ja-6.jsonl')).toBe('codes');
    expect(trainingUse('train14-en-1.jsonl')).toBe('all');
    expect(trainingUse('blind10-en.jsonl')).toBeNull();
    expect(trainingUse('dev.jsonl')).toBeNull();
    expect(family('wave14-en-3.jsonl')).toBe('wave14');
    expect(trainingUse('codes16-ja-2.jsonl')).toBe('codes');
    expect(trainingUse('measure16-en-1.jsonl')).toBeNull();
    expect(NEVER.test('measure16-ja-4.jsonl')).toBe(true);
    expect(trainingUse('blind11-ja.jsonl')).toBeNull();
  });
});
