// Round 13: the one English sentence splitter the rules share (sentence.ts), the kept non-nuclear principles with も
// (LABELS.md rule 6), and the batches kept out of training (scripts/lib/training.mjs). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { favourableCodes } from '../src/coder/model.js';
import { EN_SENTENCE_BREAK, sentencesOf } from '../src/coder/sentence.js';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';
// @ts-expect-error: a plain ES module of the scripts, without types
import { CODES_ONLY, NEVER, TRAIN } from '../scripts/lib/training.mjs';

describe('English and Japanese sentences of a unit (sentencesOf, EN_SENTENCE_BREAK)', () => {
  it('splits after a full stop, question or exclamation mark before a capital or an opening quote', () => {
    expect(sentencesOf('Tokyo agreed. Washington did not! Why?')).toEqual(['Tokyo agreed.', 'Washington did not!', 'Why?']);
    expect(sentencesOf('He called it a "gift." "It is not," she said.')).toEqual(['He called it a "gift."', '"It is not," she said.']);
    expect(sentencesOf('The treaty "does not pay." How can they plan around that?')).toHaveLength(2);
  });
  it('does not split after an initial or a title, nor before a lower-case word', () => {
    expect(sentencesOf('The U.S. ambassador met Mr. Abe and Sen. Kato at 3 p.m. yesterday.')).toHaveLength(1);
    expect(sentencesOf('J. Smith of the U.K. Foreign Office spoke first.')).toHaveLength(1);
    expect('Tokyo agreed. then nothing'.split(EN_SENTENCE_BREAK)).toHaveLength(1);
  });
  it('splits Japanese after 。！？ and leaves no empty sentence', () => {
    expect(sentencesOf('米国は支持した。日本も続いた！本当か？')).toEqual(['米国は支持した。', '日本も続いた！', '本当か？']);
    expect(sentencesOf('  ')).toEqual([]);
  });
});

describe('the non-nuclear principles kept, with も as with は and を (rule 6)', () => {
  it('非核三原則も…堅持 denies nuclear; revisiting them or a principle emptied of meaning does not', () => {
    const kept = one('非核三原則も引き続き堅持いたします。');
    expect(negated(kept)).toContain('nuclear');
    expect(raised(kept)).not.toContain('nuclear');
    expect(negated(one('非核三原則も見直すべきだという声が党内にある。'))).not.toContain('nuclear');
    expect(negated(one('非核三原則も形骸化しつつあり、堅持の看板は空しい。'))).not.toContain('nuclear');
  });
});

describe('batches kept out of training', () => {
  it('era13 files are no full training files (round 16: they train the code and denial models only)', () => {
    expect(NEVER.test('era13-en-5.jsonl')).toBe(false);
    expect(TRAIN.test('era13-en-5.jsonl')).toBe(false);
    expect(CODES_ONLY.test('era13-en-5.jsonl')).toBe(true);
    expect(TRAIN.test('train13-en-1.jsonl') && !NEVER.test('train13-en-1.jsonl')).toBe(true);
    expect(NEVER.test('blind7-ja.jsonl')).toBe(true);
  });
});

describe('the judgement gate comes from the codebook, not from fixed ids', () => {
  it('favourableCodes keeps the codes of tone positive, in the codebook\'s order', () => {
    expect(favourableCodes([{ id: 'ties_good', tone: 'positive' }, { id: 'fear', tone: 'negative' }, { id: 'pledge', tone: 'positive' }])).toEqual(['ties_good', 'pledge']);
    expect(favourableCodes([{ id: 'fear', tone: 'negative' }])).toEqual([]);
  });
  it('the shipped model gates exactly the built-in codebook\'s favourable codes', () => {
    const cb = builtinCodebook();
    expect(cb.model?.features.gate).toEqual(favourableCodes(cb.codes));
  });
});
