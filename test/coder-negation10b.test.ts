// Round 10, second pass of the English negation rules: a claim of nobody in particular answered in the next sentence
// ("People say …. I don't buy it."), a listed myth, a concern asked about and answered no ("Asked whether …, he said
// no"), a push denied by "not in response to a request" and its kin, and views just put set aside in a word
// ("understandable, but", "a lazy take", "has not been borne out"). The rules are tested alone (no model). Every
// sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

/** The rules' decision for the second of two units of one document. */
const after = (first: string, second: string) => runCoder([first, second], { docSide: null }, rulesOnly)[1]!;

const FEAR = 'Several retired diplomats in Sendai predict that Washington will walk away from Japan once the next crisis comes.';

describe('a claim of nobody in particular, answered in the next sentence', () => {
  it('"People say … . I don\'t buy it." / "It does not;" / "We aren\'t." negate the claim', () => {
    expect(negated(one('Caller (Sapporo, 51): People say the treaty will drag us into America\'s wars. I don\'t buy it; the Diet decides.'))).toContain('entrapment');
    expect(negated(one('Some folks claim Japan freeloads. It doesn\'t, and the base budget proves it.'))).toContain('one_way');
    expect(raised(one('Some folks claim Japan freeloads. It doesn\'t, and the base budget proves it.'))).not.toContain('one_way');
  });
  it('a claim left standing, or held by a named side, is still raised', () => {
    expect(raised(one('People say the treaty will drag us into America\'s wars. That is what worries me most.'))).toContain('entrapment');
    expect(negated(one('People say the treaty will drag us into America\'s wars. That is what worries me most.'))).not.toContain('entrapment');
    expect(negated(one('Opposition lawmakers in Tokyo say the treaty will drag Japan into America\'s wars. The cabinet is unmoved.'))).not.toContain('entrapment');
  });
  it('a listed myth followed by its rebuttal is negated; a favourable myth is not', () => {
    expect(negated(one('Myth three: Japan gets a free ride. Its host-nation budget says otherwise, year after year.'))).toContain('one_way');
    expect(negated(one('Myth six: the alliance is the best it has ever been. The polls are more doubtful.'))).not.toContain('relationship_positive');
  });
});

describe('a concern asked about and answered no', () => {
  it('"Asked whether …, she said no / shook his head / saw no sign" negates the concern asked', () => {
    expect(negated(one('Asked whether Japan might one day build nuclear weapons, the minister said no, twice.'))).toContain('nuclear');
    expect(negated(one('Asked whether Tokyo had bowed to American pressure, the spokesman shook his head.'))).toContain('autonomy');
    expect(negated(one('Asked whether Washington had pressed Tokyo to pay more for the bases, the spokesman said no.'))).toContain('burden_pressure');
  });
  it('an evasion or a partial yes leaves the concern raised', () => {
    expect(negated(one('Asked whether Japan might one day build nuclear weapons, the minister said only that no decision had been made.'))).not.toContain('nuclear');
    expect(negated(one('Asked whether Japan might one day build nuclear weapons, the minister said that the debate had begun.'))).not.toContain('nuclear');
  });
});

describe('a push denied by naming no request', () => {
  it('"not in response to a request", "not imposed on us", "did not ask for additional payments"', () => {
    expect(negated(one('The defense minister said the new destroyers were ordered for Japan\'s own needs, not in response to a request.'))).toContain('burden_pressure');
    expect(negated(one('FINANCE MINISTER: We set the figure for the base budget after our own review. It was not imposed on us.'))).toContain('burden_pressure');
    expect(negated(one('The Secretary praised Tokyo\'s cost-sharing and did not ask for additional payments.'))).toContain('burden_pressure');
    expect(negated(one('No such figure had been presented to the Japanese delegation, the chief cabinet secretary said.'))).toContain('burden_pressure');
  });
  it('a request that was made is not denied', () => {
    expect(negated(one('The Pentagon has asked Tokyo for additional payments toward the new barracks.'))).not.toContain('burden_pressure');
  });
});

describe('a view just put, set aside in a word', () => {
  it('"understandable, but", "a lazy take", "has not been borne out", "I\'d respectfully disagree"', () => {
    expect(negated(after(FEAR, 'The worry is understandable, but the record of seventy years points the other way.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'On the evidence of every crisis since 1996, that prediction has not been borne out.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'COMMENTATOR: That is a lazy take, and I have heard it for decades.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'AMBASSADOR: I would respectfully disagree with my friends in Sendai.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'I think that gets it backward.'))).toContain('abandonment');
  });
  it('without a previous concern, the same words deny nothing', () => {
    expect(negated(after('The ferry to Sado leaves at nine.', 'The delay is understandable, but the passengers are tired.'))).toEqual([]);
  });
});

describe('short answers and verdicts on the view just reported', () => {
  it('"I don\'t think that will happen." / "Worried, no." / "Not to me." answer the previous concern', () => {
    expect(negated(after(FEAR, 'Caller (Kobe, 30): I don\'t think that will happen. The bases matter too much to them.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'A: Worried, no. Attentive, yes.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'GUEST: Not to me. I have watched their carriers come and go for years.'))).toContain('abandonment');
  });
  it('"they\'re wrong", "got that wrong", "There is no truth to", "I\'m not so sure."', () => {
    expect(negated(after(FEAR, 'With respect, they are wrong, and most of the foreign ministry agrees.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'The retired diplomats got that wrong in 1995 as well.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'SPOKESMAN: There is no truth to that, and we have said so in writing.'))).toContain('abandonment');
    expect(negated(after(FEAR, 'I\'m not so sure. The new budget adds two more destroyers to the Seventh Fleet.'))).toContain('abandonment');
  });
  it('"We are not so sure." after praise is no dismissal', () => {
    expect(negated(after('Ministers called the alliance stronger than ever.', 'We are not so sure.'))).toEqual([]);
  });
});

describe('the non-nuclear principles kept', () => {
  it('adherence to the principles, a non-nuclear policy called firm, a Japan that will stay non-nuclear', () => {
    expect(negated(one('The foreign minister restated Japan\'s adherence to the three non-nuclear principles on Monday.'))).toContain('nuclear');
    expect(negated(one('A spokesman said the non-nuclear policy remained firm despite the remarks.'))).toContain('nuclear');
    expect(negated(one('Officials in Washington said they were confident Japan would remain non-nuclear.'))).toContain('nuclear');
  });
  it('a Japan that "will not stay non-nuclear" is the option raised, not denied', () => {
    expect(negated(one('If the umbrella fails, a country with our reactors will not stay non-nuclear for long.'))).not.toContain('nuclear');
  });
});

describe('scope: negations that deny nothing', () => {
  it('acting without the ally\'s permission, and a course urged "rather than" another, deny no dependence', () => {
    expect(negated(one('Editorials complained that Tokyo cannot even sign a fishing accord without American permission.'))).not.toContain('autonomy');
    expect(negated(one('Reformers argue that Japan should set its own China policy rather than wait to be told by Washington.'))).not.toContain('autonomy');
  });
  it('a commitment the ally "might not" keep raises abandonment, it negates no reassurance', () => {
    const d = one('Some commentators in Fukuoka now fear that the United States might not defend Japan in a crisis over the Senkakus.');
    expect(negated(d)).not.toContain('reassurance');
    expect(raised(d)).toContain('abandonment');
  });
  it('a commitment that was not restated is still a reassurance noted absent', () => {
    expect(negated(one('The joint statement did not restate the American commitment to defend the Senkakus.'))).toContain('reassurance');
  });
});
