// Tone round 8 (LABELS.md rules 12-13, English): families of evaluative wording beyond keywords (understated doubt,
// rebuttals that clear the ally, complaint and irony, metaphors of strain, everyday praise of the relationship's state),
// the scope of a reaction word (a third party's doing, a greeting), a favourable judgement turned by "but noted", and a
// bitter question. Tested on the built-in codebook without its learned model, so that a model score cannot decide a
// case. Fixtures are sentences written for this test.
import { describe, expect, it } from 'vitest';
import { oneByRules as one } from './helpers/coder.js';

/** The tone the rules decide for one sentence. */
const tone = (text: string): string => one(text).tone;
/** The rules behind a decision's tone evidence. */
const rules = (text: string): string[] => one(text).toneEvidence.map((e) => e.rule);

describe('tone round 8: understated doubt', () => {
  it('someone "less sure" or "wondering aloud whether" doubts the ally', () => {
    for (const text of ['Diplomats in Tokyo were noticeably less sure.', 'Several aides privately wondered aloud whether the promise would survive the next election.', 'Opposition members were far less patient with the arrangement.']) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('a doubt denied ("never have to wonder whether") is no blame', () => {
    expect(tone('With this treaty we never have to wonder whether the Americans will pick up the phone.')).not.toBe('negative');
  });
});

describe('tone round 8: rebuttals that clear the ally (rule 13)', () => {
  it('a charge called unfair, or facts that do not support it, clears the ally', () => {
    for (const text of ['That charge is plainly unfair.', 'I understand the feeling, but the facts do not support it.', 'The old perception is understandable but wrong.']) {
      expect(tone(text)).toBe('positive');
    }
  });
  it('the same words asserted ("the charge is fair") are no rebuttal', () => {
    expect(tone('That charge is fair.')).not.toBe('positive');
  });
});

describe('tone round 8: complaint, irony and strain in English wording', () => {
  it('grumbling, "a polite word for", "treats Tokyo as a spectator" and a slap in the face are judgements of the relationship', () => {
    for (const text of [
      'Trade officials grumbled that Washington had moved the goalposts again.',
      'Consultation, here, is a polite word for being told afterwards.',
      'A deal struck over our heads would treat Tokyo as a spectator.',
      'The tariff decision landed in Tokyo like a slap in the face.',
    ]) {
      expect(tone(text)).toBe('negative');
    }
  });
  it('grumbling named only to be answered beside praise is no blame', () => {
    expect(tone('The grumbling has not shaken an alliance that has never been stronger.')).toBe('positive');
  });
});

describe('tone round 8: everyday praise of the relationship\'s state', () => {
  it('"in better shape", "has not missed a beat", "more integrated than ever" are favourable', () => {
    for (const text of ['The partnership is in better shape than its critics admit.', 'Coordination between the two navies has not missed a beat.', 'The two militaries are more integrated than ever.']) {
      expect(tone(text)).toBe('positive');
    }
  });
});

describe('tone round 8: a reaction word about something other than the relationship', () => {
  it('a third party\'s welcome or denunciation, or tensions with a third country, judge nothing about the alliance', () => {
    for (const text of ['South Korea\'s prime minister welcomed the summit as a step toward peace.', 'Beijing\'s foreign ministry denounced the exercise as a provocation.', 'The envoy urged restraint to avoid raising tensions with China over the reef.']) {
      expect(tone(text)).toBe('neutral');
    }
  });
  it('the same words where the nearest country named is one of the two sides keep their judgement', () => {
    expect(tone('Tokyo welcomed the decision as proof of the alliance\'s strength.')).toBe('positive');
    expect(tone('Washington was openly angry at Tokyo over the leak.')).toBe('negative');
  });
  it('a greeting or a ceremony is no welcome of anything', () => {
    expect(tone('Welcome back to the programme; my guest covered the foreign ministry for a decade.')).toBe('neutral');
    expect(tone('The visiting premier was welcomed with a military parade.')).toBe('neutral');
  });
});

describe('tone round 8: a favourable judgement turned by "but noted"', () => {
  it('a welcome with a reservation in the same breath, or a sentence opening "But", is mixed', () => {
    expect(tone('The governor welcomed the reduction but noted that the air station would simply move north.')).toBe('mixed');
    expect(tone('We are grateful for the pledge. But a pledge is only as good as the next administration.')).toBe('mixed');
    expect(rules('The governor welcomed the reduction but noted that the air station would simply move north.')).toContain('tone:contrast');
  });
  it('a turn followed by more praise stays favourable', () => {
    expect(tone('We are grateful for the pledge. But the real proof is that the alliance has never been stronger.')).toBe('positive');
  });
});

describe('tone round 8: a bitter question', () => {
  it('a question asked only to accuse is negative even with no code or judging word', () => {
    for (const text of ['The ministers flew home smiling again. Who exactly were they smiling for?', 'The subsidy now pays for golf courses on the bases. Is that what our taxpayers are for?', 'Whose parliament does the Prime Minister think he answers to?']) {
      expect(tone(text)).toBe('negative');
      expect(rules(text)).toContain('tone:bitter-question');
    }
    // Where a code already judges ("made in Tokyo or in Washington" may raise autonomy; guarding the ally's tankers for
    // nothing back is one_way since round 10), the question keeps the tone negative.
    expect(tone('Minister, is this policy written in Tokyo or in Washington?')).toBe('negative');
    expect(tone('Our fleet guards their tankers every day. What exactly do we get back?')).toBe('negative');
  });
  it('an interviewer\'s bare question, and an ordinary question, stay neutral', () => {
    expect(tone('Q: What exactly will the new law change for the Self-Defense Forces?')).toBe('neutral');
    expect(tone('When will the ministers meet again?')).toBe('neutral');
  });
});

describe('tone round 8: a side told, not asked, and praise in irony', () => {
  it('"we are told" is a complaint of a side kept outside the decision', () => {
    expect(tone('We host the bases and pay the bills, and then we are told to be patient.')).toBe('negative');
  });
  it('praise reported in irony is no praise given', () => {
    expect(tone('For years we were told the alliance had never been stronger.')).not.toBe('positive');
    expect(tone('The so-called golden age of the partnership produced one photo opportunity.')).not.toBe('positive');
  });
  it('the same praise given plainly stays favourable', () => {
    expect(tone('The alliance has never been stronger.')).toBe('positive');
  });
});

describe('tone round 8: a welcome of the concern itself', () => {
  it('nationalists welcoming a slight as proof that Japan must go its own way is no praise of the relationship', () => {
    expect(tone('The nationalists would welcome any American slight as proof that Japan must go its own way.')).toBe('negative');
  });
  it('a welcome followed by a reservation stays mixed', () => {
    expect(tone('Tokyo welcomed the thaw but worried that the agenda had been set by two capitals alone.')).toBe('mixed');
  });
});

describe('tone round 8: an absence noted by its subject (rule 13)', () => {
  it('"No participant suggested that…" notes an absence: neither a denial that clears the ally nor a judgement', () => {
    expect(tone('No participant suggested that the United States would pull its forces out if Japan declined.')).toBe('neutral');
    expect(tone('None of the delegates expressed concern that the deal signaled any cooling toward Japan.')).toBe('neutral');
  });
  it('a denial in the speaker\'s own voice still clears the ally', () => {
    expect(tone('The Americans will never abandon Japan.')).not.toBe('neutral');
  });
});

describe('tone round 8: a welcome prescribed or a greeting, bitterness elsewhere, "too valuable to be damaged"', () => {
  it('"should welcome", "Would you welcome…?" and "Welcome to the programme" give no welcome', () => {
    expect(tone('Washington should welcome that debate rather than fear it.')).toBe('neutral');
    expect(tone('Welcome to the evening programme on the radio.')).toBe('neutral');
  });
  it('a bitter argument elsewhere is no bitterness between the allies', () => {
    expect(tone('The parliament passed the law after two years of bitter argument.')).toBe('neutral');
  });
  it('a relationship too valuable to be damaged is praised, not harmed', () => {
    expect(tone('Officials said the partnership was far too valuable to be damaged by one company.')).toBe('positive');
  });
});

describe('tone round 8: pleasure and relief', () => {
  it('officials delighted or relieved judge the relationship favourably', () => {
    expect(tone('In Tokyo the officials were openly delighted.')).toBe('positive');
    expect(tone('The ministers greeted the sentence with open relief.')).toBe('positive');
  });
  it('"I would be glad to…" only offers', () => {
    expect(tone('I would be glad to meet your friends next week.')).toBe('neutral');
  });
});

describe('tone round 8: trust shown in everyday wording', () => {
  it('firmer ground, kept its word, stood beside us, valued the partnership', () => {
    for (const text of ['The minister said the alliance had never been on firmer ground.', 'So far, to be fair, the Americans have kept their word.', 'People here remember who stood beside them after the earthquake.', 'The embassy said Washington valued Japan\'s contribution to the mission.']) {
      expect(tone(text)).toBe('positive');
    }
  });
});

describe('tone round 8: an ally treated as something less', () => {
  it('"treat them like a customer", "a branch office", "better for Washington than for us"', () => {
    for (const text of ['They buy our bonds and host our bases, and we treat them like a customer.', 'Every new premier flies to Washington to report in, like a branch manager visiting head office.', 'This contract has always been better for Washington than for us.']) {
      expect(tone(text)).toBe('negative');
    }
  });
});

describe('tone round 8: a third party judging the alliance itself, a judgement conceded', () => {
  it('a third party praising U.S.-Japan coordination judges the relationship (rule 12)', () => {
    expect(tone('Philippine delegates praised what they called the most coordinated U.S.-Japan diplomacy in a generation.')).toBe('positive');
  });
  it('"I understand the sting, but the relationship is healthier" concedes the sting', () => {
    expect(tone('I understand the sting, but the relationship underneath is in better shape than the itinerary suggests.')).toBe('positive');
  });
});

describe('tone round 8: a reading called too gloomy, critics unconvinced', () => {
  it('"too gloomy" and "overblown" answer a worry; "unconvinced" and a cooler reception doubt the ally', () => {
    expect(tone('That reading is too gloomy; the two navies have rarely worked more closely.')).toBe('positive');
    expect(tone('Opposition members were unconvinced by the promise.')).toBe('negative');
    expect(tone('Back in Tokyo, the reception was noticeably cooler.')).toBe('negative');
  });
});

describe('tone round 8: an ally\'s permission', () => {
  it('waiting for, or refusing to wait for, an ally\'s permission is a complaint of dependence', () => {
    expect(tone('We must stop waiting for permission and build the coast guard we need.')).toBe('negative');
    expect(tone('Aides noted that Tokyo had informed Washington rather than asked its permission.')).toBe('negative');
  });
});

describe('tone round 8: a fear stated', () => {
  it('"officials fear that…" about the ally is negative; answered by a denial it is no blame', () => {
    expect(tone('Okinawan leaders fear that the island will be treated as part of a war it never chose.')).toBe('negative');
    expect(tone('Nobody here should worry that Washington will walk away from Japan.')).toBe('positive');
  });
});
