// Tone round 10 (LABELS.md rules 12-13, English): critics' judgements and plain words of discomfort, a side never
// asked, fears answered in a way that clears the ally ("not in doubt", "the worry is premature"), and demands reported
// in plain words ("said Japan should pay more", "do more", "will keep asking") that judge nothing. Tested on the
// built-in codebook without its learned model, so that a model score cannot decide a case. Fixtures are sentences
// written for this test.
import { describe, expect, it } from 'vitest';
import { oneByRules as one } from './helpers/coder.js';

/** The tone the rules decide for one sentence. */
const tone = (text: string): string => one(text).tone;

describe('tone round 10: critics, discomfort and a side never asked', () => {
  it('critics who say or call something judge the relationship unfavourably', () => {
    for (const text of [
      'Critics in the Diet say the new arrangement binds the navy to plans made abroad.',
      'Critics called the purchase a present for the White House.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a critic of something named without a judgement, or critics who are only mentioned, judge nothing', () => {
    expect(tone('The ambassador spoke to a room of critics and supporters alike.')).toBe('neutral');
  });
  it('unhappiness, discomfort, a nightmare and a joke are unfavourable judgements', () => {
    for (const text of [
      'Officials at the embassy were unhappy with the timing of the announcement.',
      'Negotiators from Tokyo looked uncomfortable throughout the press conference.',
      'For planners in Tokyo, a quiet deal between Washington and Beijing is the nightmare.',
      'A shopkeeper near the gate called the consultation process a joke.',
      'The senator said the new tariffs were counterproductive.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a side that was never asked or consulted complains of being left out', () => {
    for (const text of [
      'The fishermen say nobody asked them before the runway was approved.',
      'People in the town never got a say in the relocation.',
      'The two capitals struck the deal and forgot to ask the islanders.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
});

describe('tone round 10: a fear answered, clearing the ally (rule 13)', () => {
  it('a commitment "not in doubt", a worry called premature, "no basis for" a fear are favourable', () => {
    for (const text of [
      'The admiral said the treaty commitment was not in doubt.',
      'I think the worry is premature.',
      'The minister said he saw no basis for that fear.',
      'Our study suggests those fears were exaggerated.',
      'Officials in Washington replied that ties with Beijing and Tokyo are not a zero-sum game.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('the same words that judge no fear stay neutral', () => {
    expect(tone('The result of the vote was not in doubt by noon.')).not.toBe('negative');
    expect(tone('The committee said the budget figures were premature.')).toBe('neutral');
  });
  it('trust between the two sides and standing by the ally are favourable', () => {
    for (const text of ['The visit rebuilt trust between the two navies.', 'The senator promised that Congress would stand by Japan.']) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('"stand by" in another sense judges nothing', () => {
    expect(tone('Reporters were asked to stand by for the minister in the lobby.')).toBe('neutral');
  });
});

describe('tone round 10: demands reported in plain words (rule 12)', () => {
  it('a demand reported in indirect speech, with no one judging it, is neutral', () => {
    for (const text of [
      'The President said in a speech last week that Japan should pay more for the troops it hosts.',
      'Q: The envoy is reported to have said that Tokyo should "show the flag." Will ships be sent?',
      'Senator Vail argued that our allies should shoulder a larger share of the cost.',
    ]) {
      expect(tone(text)).toBe('neutral');
    }
  });
  it('a demand in plain words ("do more", "will keep asking", "Washington had sought") is neutral', () => {
    for (const text of [
      'The Pentagon would like Japan to do more in the waters around Taiwan.',
      'The talks ended with a smaller increase than Washington had sought.',
    ]) {
      expect(tone(text)).toBe('neutral');
    }
  });
  it('the same demand judged, or put in judging words, stays unfavourable', () => {
    for (const text of [
      'Farmers complain that the President said Japan should pay more while he raised tariffs on their rice.',
      'Japan was made to pay for its own protection once again.',
      'Japanese voters worry that Washington will keep asking for more.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
});

describe('tone round 10: commentators, opponents, a side treated as a suspect', () => {
  it('commentators, opposition members and opponents who say or call something judge unfavourably', () => {
    for (const text of [
      'Japanese commentators say the summit produced little for Tokyo.',
      'Opposition lawmakers said the deal gave away too much for too little.',
      'Opponents in the assembly argued that the base plan was written in another capital.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a side treated as a suspect, or told it is not really an ally, is an unfavourable judgement', () => {
    for (const text of [
      'Executives in Osaka say they were treated as if we were thieves.',
      'The trade office complained that a treaty ally was being treated as a security threat.',
      'The mayor asked what kind of ally taxes its friends first.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a third country treating a move as a threat judges nothing about the alliance', () => {
    expect(tone('The neighbouring government said it would treat it as a direct threat.')).toBe('neutral');
  });
});

describe('tone round 10: praise in plain words and trust in the ally\'s word', () => {
  it('a model partnership, close contact, "as tight as it has ever been", "I believe them" are favourable', () => {
    for (const text of [
      'The ministers called the exercise a model of how two allies can plan together.',
      'The embassy said it had been in close contact with Tokyo throughout the week.',
      'The naval relationship is as tight as it has ever been.',
      'The Pentagon has told us twice that the treaty covers the islands, and I believe them.',
      'I believe the Americans would come if the islands were attacked.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('praise followed by a reservation ("even if", "I just wish", "but not") is mixed', () => {
    for (const text of [
      'The alliance works well, I just wish Tokyo spoke up more often.',
      'The treaty has kept the peace for decades, even if its costs have never been shared evenly.',
    ]) {
      expect(tone(text)).toBe('mixed');
    }
  });
});

describe('tone round 10: defiance, lost goodwill and support affirmed', () => {
  it('a defiant refusal ("will not be lectured") is unfavourable, not a favourable denial', () => {
    expect(tone('The deputy minister said Tokyo would not be lectured by its ally on fishing quotas.')).toBe('negative');
  });
  it('ingratitude, lost confidence and spent credibility are unfavourable', () => {
    for (const text of [
      'Some senators now call the new cabinet ungrateful.',
      'The steel ruling damaged confidence in the United States among Japanese investors.',
      'Each broken schedule spends credibility the allies will need later.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('support at record highs, backing "firmly behind" the ally, "nothing to worry about" are favourable', () => {
    for (const text of [
      'Public support for the security treaty is at record highs.',
      'Both parties in Congress stand firmly behind the treaty.',
      'The spokesman said the new channel to Beijing was nothing to worry about.',
    ]) {
      expect(tone(text)).toBe('positive');
    }
  });
});

