// Tone round 9 (LABELS.md rules 12-13, English): anger, hurt and displeasure in plain words, harm done to the
// relationship (turned over when denied), the relationship come through an episode unharmed, and senses of judging
// words that judge nothing (damages awarded, a division of troops, a plot that strains credulity). Tested on the
// built-in codebook without its learned model, so that a model score cannot decide a case. Fixtures are sentences
// written for this test.
import { describe, expect, it } from 'vitest';
import { oneByRules as one } from './helpers/coder.js';

/** The tone the rules decide for one sentence. */
const tone = (text: string): string => one(text).tone;

describe('tone round 9: anger, hurt and harm to the relationship', () => {
  it('fury, a sting, displeasure and harm done to the alliance are unfavourable judgements', () => {
    for (const text of [
      'Officials at the ministry were furious that nobody had called ahead.',
      'The snub stung in Tokyo for months.',
      'The minister made his displeasure known to the ambassador.',
      'The handling of the accident has done more harm to the alliance than any quarrel over rice.',
      'Officials warned that the partnership was facing its worst crisis in years.',
      'Patience with the ally is wearing thin in Congress.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('the same harm denied clears the relationship (rule 13)', () => {
    for (const text of ['The spokesman said the dispute had in no way harmed the alliance.', 'The quarrel did no lasting damage to the partnership.']) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('a third party\'s fury judges nothing about the alliance', () => {
    expect(tone('Beijing was furious at the new missile deployment.')).toBe('neutral');
  });
  it('doubt that waits to see ("I will believe it when I see the ships") is an unfavourable judgement', () => {
    expect(tone('The mayor said he would believe the promise when he saw the fences come down.')).toBe('negative');
  });
});

describe('tone round 9: the relationship come through unharmed', () => {
  it('an alliance that came through an episode intact, or bases "worth every penny", are favourable', () => {
    for (const text of ['The treaty came through the scandal intact.', 'The admiral said the bases were worth every penny.', 'American officials said they were pleasantly surprised by the new cabinet.']) {
      expect(tone(text)).toBe('positive');
    }
  });
});

describe('tone round 9: judging words in other senses', () => {
  it('damages awarded, damage control, a division of troops and a plot that strains credulity judge nothing', () => {
    for (const text of [
      'The court ordered the state to pay the residents damages for the noise.',
      'Ministry officials worked through the night to contain the damage.',
      'The army will move a division from the peninsula next year.',
      'The film is handsome, though its plot strains credulity.',
    ]) {
      expect(tone(text)).toBe('neutral');
    }
  });
  it('relations strained between the two allies stay unfavourable', () => {
    expect(tone('Relations between Tokyo and Washington have been strained since the summit.')).toBe('negative');
  });
});

describe('tone round 9: an interviewer\'s question that reports a fear or a perception', () => {
  it('a fear or a perception stated before the question carries its concern', () => {
    expect(tone('Q: People in Tokyo worry that Washington will strike a deal with Beijing over Japan\'s head. Is that fear justified?')).toBe('negative');
  });
  it('a question that only asks about the fear stays neutral', () => {
    expect(tone('Q: Are you worried that Washington will strike a deal with Beijing over Japan\'s head?')).toBe('neutral');
  });
});

describe('tone round 9: a third party\'s welcome or praise', () => {
  it('a third country welcoming one side\'s decision judges nothing about the alliance', () => {
    for (const text of ['Australia\'s defense minister welcomed Japan\'s decision to join the program.', 'SEOUL — Officials here welcomed the prime minister\'s remarks on the strait.']) {
      expect(tone(text)).toBe('neutral');
    }
  });
  it('a third country welcoming the alliance itself judges it', () => {
    expect(tone('The Australian government welcomed the Japanese-American security declaration.')).toBe('positive');
  });
});

describe('tone round 9: Japanese words of anger, frustration and regret', () => {
  it('苛立ち, 難色, 危機感, 我慢, 嘆く judge the relationship', () => {
    for (const text of ['米国務省内では日本の対応に苛立ちが広がった。', '米側は日本の計画に難色を示した。', '米政府内では、同盟全体を揺るがしかねないとの危機感が広がっている。', '沖縄だけがいつまで我慢すればいいのか。', '国防総省の担当者は、ホワイトハウスの関心が通商にしかないと嘆く。']) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a third party\'s reaction to talk of a Japanese bomb judges the bomb talk, not the relationship; 不安定 is no anxiety', () => {
    expect(tone('中国外務省は、日本の核武装をあおる発言は無責任だと非難した。')).toBe('neutral');
    expect(tone('台湾の学者は、日本が核を持てば地域は不安定になると警告した。')).toBe('neutral');
  });
  it('the same reaction aimed at the ally stays unfavourable', () => {
    expect(tone('日本政府内には、米国の核の傘に対する不安が広がっている。')).toBe('negative');
  });
});

describe('tone round 9: anger acknowledged in order to answer it', () => {
  it('"I understand the frustration" is no blame of the ally', () => {
    expect(tone('Congressman, I understand the frustration, but I would caution against mixing trade with defense.')).toBe('neutral');
  });
  it('anger the speaker shares is still held', () => {
    expect(tone('I share the anger of my constituents over the tariffs on our steel.')).toBe('negative');
  });
});
