// Round 10 of the English negation rules: denials by reference (a unit that dismisses what the previous unit raised,
// with no concern of its own), denials worded without a negation word, and scope (double negatives, warnings, hopes,
// a favourable code that "has not changed"). The rules are tested alone (the codebook read as text has no folder, so
// no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

/** The rules' decision for the second of two units of one document. */
const after = (first: string, second: string) => runCoder([first, second], { docSide: null }, rulesOnly)[1]!;

const FEAR = 'Some commentators in Osaka predict that Washington will walk away from Japan within a decade.';
const QUESTION = 'Q: Is Washington pushing Tokyo to send more destroyers to the Gulf?';

describe('a short answer dismisses what the previous unit raised', () => {
  it('"No." / "It is not." / "We do not." after a question negate the question\'s concern', () => {
    expect(negated(after(QUESTION, 'A: No. The cabinet made that call after its own review.'))).toContain('burden_pressure');
    expect(negated(after(QUESTION, 'SPOKESMAN: It is not, and the ships that went were volunteered by Tokyo.'))).toContain('burden_pressure');
    expect(negated(after(QUESTION, 'MINISTER: We do not. The timetable was set in Tokyo.'))).toContain('burden_pressure');
    expect(negated(after(FEAR, 'That will not happen. The Seventh Fleet has been here since 1973.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'I never believed it. The bases are worth too much to them.'))).toContain('abandonment');
  });
  it('the answer denies nothing without a previous concern, and nothing favourable', () => {
    expect(negated(after('The weather in Tokyo was mild this week.', 'No. The meeting starts at noon.'))).toEqual([]);
    expect(negated(after('Both governments praised the alliance as the best it has ever been.', 'It is not. Nothing is ever that simple.'))).not.toContain('relationship_positive');
  });
  it('an answer that opens with a negation but goes on ("It is not clear…") is no dismissal', () => {
    expect(negated(after(FEAR, 'It is not clear what the new budget will fund.'))).toEqual([]);
    expect(negated(after(FEAR, 'Nobody in the room disputed the numbers on the slide.'))).toEqual([]);
  });
  it('a unit that raises its own concern keeps it, and the previous concern is not negated by reference', () => {
    const d = after(FEAR, 'That fear is overblown, but Tokyo still pays for most of the base and gets little in return.');
    expect(negated(d)).not.toContain('abandonment');
  });
});

describe('an answer that the ally will stand by Japan dismisses the doubt just raised', () => {
  const DOUBT = 'Q: Some in Tokyo doubt that the Americans would really fight for the Senkakus. Are they wrong?';
  it('"They are." / "Yes." / "They would." negate abandonment', () => {
    expect(negated(after(DOUBT, 'A: They are. We have trained for exactly that mission for years.'))).toContain('abandonment');
    expect(negated(after('Q: Would the Americans really fight for the Senkakus?', 'GENERAL: They would. I have watched them plan for it.'))).toContain('abandonment');
  });
  it('a yes after any other concern, or after nothing, negates nothing', () => {
    expect(negated(after(QUESTION, 'A: Yes. They want two more ships by spring.'))).toEqual([]);
    expect(negated(after('The delegates toured the port and met the mayor.', 'Yes. It was a long day.'))).toEqual([]);
  });
});

describe('a view just reported, named and judged false', () => {
  it('a prediction that has not come true, a comparison called lazy, a worry that turned out premature', () => {
    expect(negated(after(FEAR, 'Twenty years later, that prediction has not come true.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'The comparison is historically lazy.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'Every time, the worry turned out to be premature.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'That conviction is simply wrong.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'The charge is usually unfair.'))).toContain('abandonment');
  });
  it('a view not taken seriously, not believed, disputed or not accepted', () => {
    expect(negated(after(FEAR, 'Nobody at the embassy took it seriously.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'Nobody in the defense ministry believes it.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'MR. OTA: I would dispute the premise.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'MR. OTA: I do not accept the parallel with 1971.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'MINISTER: That is a misunderstanding of our treaty.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'The senator called that worry misplaced.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'The records of the last four decades do not bear them out.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'A senior official said no such plan had ever been drafted.'))).toContain('abandonment');
  });
  it('a view named with its own content ("the comparison with …", "the idea that …") is no back-reference', () => {
    expect(negated(after(FEAR, 'The comparison with the Philippines was misplaced, he added, since Manila has no nuclear plants.'))).not.toContain('abandonment');
  });
  it('a third party\'s statement called propaganda is no denial of the previous concern', () => {
    expect(negated(after(FEAR, 'The foreign ministry dismissed the broadcast as propaganda.'))).toEqual([]);
  });
  it('"No such …" needs a previous concern to deny', () => {
    expect(negated(after('The delegates toured the port and met the mayor.', 'No such plan had been drafted.'))).toEqual([]);
  });
});

describe('scope: negations that deny nothing', () => {
  it('a double negative affirms ("would not hesitate to sacrifice", "never once failed to stand with")', () => {
    expect(negated(one('The editorial said Washington would not hesitate to sacrifice Japan for a deal with Beijing.'))).toEqual([]);
    expect(negated(one('In seventy years America has never once failed to stand with Japan.'))).not.toContain('reassurance');
  });
  it('a hope or a warning that something never happens voices the concern', () => {
    expect(negated(one('Residents of Naha said they hoped Japan would never be dragged into a war over Taiwan.'))).not.toContain('entrapment');
    expect(raised(one('Residents of Naha said they hoped Japan would never be dragged into a war over Taiwan.'))).toContain('entrapment');
    expect(negated(one('Beijing warned Tokyo not to let Okinawa become a launching pad for American forces.'))).not.toContain('entrapment');
  });
  it('a favourable code said not to have changed is affirmed, not negated', () => {
    expect(negated(one('Nothing about our commitment to Japan has changed since the election.'))).not.toContain('reassurance');
  });
  it('a plain denial of a concern is still negated', () => {
    expect(negated(one('Nobody in the cabinet believes Washington would abandon Japan.'))).toContain('abandonment');
  });
});

describe('"not because anyone asked" denies the push, not following (rule 10)', () => {
  it('negates burden_pressure only', () => {
    const d = one('The cabinet will raise the budget again next year, not because anyone in Washington asked.');
    expect(negated(d)).toContain('burden_pressure');
    expect(negated(d)).not.toContain('autonomy');
  });
});
