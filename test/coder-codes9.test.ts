// Round 9 of the English code and negation rules: senses that must not fire (rule 11 and rules 7-10), denials that
// affirm a favourable code (a commitment never wavering, no bearing on it, no more loyal ally), scope (a reason after
// "no", ", which" inside a hit, ", and insisted"), pleas that voice a fear, and a few families worded without their
// keyword. The rules are tested alone (the codebook read as text has no folder, so no model). Every sentence below
// was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('English senses that must not fire, round 9', () => {
  it('pressure from a third party, on a weapons programme, or from the public is no push from Washington', () => {
    expect(raised(one('Under steady pressure from Seoul, the cabinet postponed the visit.'))).not.toContain('burden_pressure');
    expect(raised(one('Public pressure for a smaller base grew after the crash.'))).not.toContain('burden_pressure');
    expect(raised(one('Critics said the pressure came too late to matter.'))).not.toContain('burden_pressure');
    expect(raised(one('The treaty was signed under heavy pressure from the Pentagon.'))).toContain('burden_pressure');
  });
  it('host-nation support and burden-sharing as a topic raise nothing; a larger payment demanded does', () => {
    expect(raised(one('Panel two discussed the history of host-nation support.'))).not.toContain('burden_pressure');
    expect(raised(one('Workshop notes: burden-sharing in Asian alliances.'))).not.toContain('burden_pressure');
    expect(raised(one('American negotiators are seeking a larger host-nation support package this year.'))).toContain('burden_pressure');
  });
  it('a call on Japan with no security task is no push to do more (rule 10)', () => {
    expect(raised(one('The Dutch envoy urged Japan to apologise to the former internees.'))).not.toContain('burden_pressure');
    expect(raised(one('Beijing asked Tokyo to clarify the remark within a week.'))).not.toContain('burden_pressure');
    expect(raised(one('The ambassador urged Japan to deploy two more destroyers to the strait.'))).toContain('burden_pressure');
  });
  it('"what Washington wanted" is following (autonomy), not a demand', () => {
    expect(raised(one('Once again the cabinet worked out what Washington wanted before it read the constitution.'))).not.toContain('burden_pressure');
  });
  it('a promise to stand by Japan is no fear of abandonment; a question still raises it (rule 6)', () => {
    expect(raised(one('The senator said America will stand by Japan in any storm.'))).not.toContain('abandonment');
    expect(raised(one('But would America stand by Japan if Beijing moved on the islands?'))).toContain('abandonment');
  });
  it('the carrier Independence and another nation\'s independence raise no nationalism', () => {
    expect(raised(one('The carrier Independence left Yokosuka at dawn.'))).not.toContain('nationalism');
    expect(raised(one('Manila celebrated the nation\'s independence with a parade.'))).not.toContain('nationalism');
  });
  it('an unequal treaty is a nationalist charge, not a one-way bargain; a sacrificed harvest is no war', () => {
    expect(raised(one('Columnists began calling the status agreement an unequal treaty.'))).not.toContain('one_way');
    expect(raised(one('Growers said their orchards had been sacrificed to a car deal.'))).not.toContain('entrapment');
  });
  it('a younger brother who waits for permission is dependence (autonomy), not assertion', () => {
    const d = one('Abroad, Japan still behaves like a younger brother who must ask before he goes out.');
    expect(raised(d)).toContain('autonomy');
    expect(raised(d)).not.toContain('nationalism');
  });
});

describe('English denials that affirm a favourable code, round 9', () => {
  it('a commitment that has not changed or never wavered is reassurance, not its denial', () => {
    const d = one('The envoy said America\'s commitment to Japan has not changed in half a century.');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).not.toContain('reassurance');
    expect(raised(one('Our pledge to defend the islands never wavered, the general said.'))).toContain('reassurance');
  });
  it('no bearing on, no one doubting, nothing ahead of a commitment affirm it', () => {
    const d = one('The spokesman said the tariff row had no bearing on America\'s commitment to defend Japan.');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).not.toContain('reassurance');
  });
  it('a negated comparative affirms the relationship', () => {
    expect(raised(one('Frankly, there is no more reliable ally in the Pacific.'))).toContain('relationship_positive');
    expect(negated(one('Frankly, there is no more reliable ally in the Pacific.'))).not.toContain('relationship_positive');
    expect(raised(one('Our grandparents could not have imagined that the two navies would one day sail side by side.'))).toContain('relationship_positive');
  });
  it('a predicate after ", which" lies outside a negation of its head noun', () => {
    const d = one('Officials said the row was about beef, not about the partnership, which they called healthy.');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('a reason clause after "no" is asserted; a verb\'s negation still denies its reason', () => {
    const d = one('Japan has no need of its own bomb because the American umbrella is not going anywhere.');
    expect(raised(d)).toContain('reassurance');
    expect(negated(one('Japan did not buy the radar because Washington asked.'))).toContain('burden_pressure');
  });
  it('a new reported clause after ", and insisted" is outside the first negation', () => {
    const d = one('The aide said the quarrel was about steel, not about security, and insisted that ties had never been closer.');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('a consultation affirmed denies abandonment; a question about it raises it', () => {
    const d = one('The ministry said every step had been discussed with Tokyo in advance.');
    expect(negated(d)).toContain('abandonment');
    expect(raised(d)).not.toContain('abandonment');
    expect(raised(one('Was Tokyo told in advance about the troop cut?'))).toContain('abandonment');
  });
});

describe('English fears voiced as pleas, conditions or negative wordings, round 9', () => {
  it('a plea or a condition that names the fear raises it', () => {
    const plea = one('Fine, keep the bases, but don\'t let Tokyo drag us into a war over those islands.');
    expect(raised(plea)).toContain('entrapment');
    expect(negated(plea)).not.toContain('entrapment');
    expect(raised(one('As long as they don\'t drag us into their feud with Beijing, I can live with it.'))).toContain('entrapment');
    expect(raised(one('Neither capital wants to be dragged into the other\'s quarrel.'))).toContain('entrapment');
  });
  it('not worth the risk and never risking a war for Japan are the fear itself', () => {
    const d = one('She feared a president who decides Japan is not worth risking Seattle for.');
    expect(raised(d)).toContain('abandonment');
    expect(negated(d)).not.toContain('abandonment');
    expect(raised(one('A Chinese paper said Washington would never risk a war for a few reefs.'))).toContain('abandonment');
  });
  it('a guarantee wearing thin and an ally caught by surprise raise abandonment', () => {
    expect(raised(one('Editors in Osaka write that the American guarantee is wearing thin.'))).toContain('abandonment');
    expect(raised(one('The announcement caught America\'s oldest Asian ally by surprise.'))).toContain('abandonment');
  });
  it('chained to the ally\'s wars raises entrapment; an ally grown fat under the umbrella raises one_way', () => {
    expect(raised(one('Protesters said the pact would chain Japan to American wars in Asia.'))).toContain('entrapment');
    expect(raised(one('A congressman said Japan had grown fat under the American umbrella.'))).toContain('one_way');
  });
});

describe('English families added later in round 9', () => {
  it('a commitment not for sale and a fleet that has not moved an inch are reassurance', () => {
    const d = one('The senator said America\'s word to its allies is not for sale.');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).not.toContain('reassurance');
    expect(raised(one('Relax: the Seventh Fleet has not moved an inch.'))).toContain('reassurance');
  });
  it('a denial asked about denies nothing: the question raises the concern (rule 6)', () => {
    const d = one('Was Tokyo consulted in advance about the new talks?');
    expect(negated(d)).not.toContain('abandonment');
  });
  it('Washington decides and Tokyo signs is following; deciding while Tokyo learns afterwards is abandonment', () => {
    expect(raised(one('In practice the Americans decide and Tokyo signs whatever arrives.'))).toContain('autonomy');
    const d = one('Each time, Washington decided and Tokyo learned afterwards.');
    expect(raised(d)).toContain('abandonment');
    expect(raised(d)).not.toContain('autonomy');
  });
  it('not needing Washington\'s permission asserts (nationalism), it does not deny following', () => {
    const d = one('The minister said Japan did not need Washington\'s permission to talk to Moscow.');
    expect(raised(d)).toContain('nationalism');
    expect(negated(d)).not.toContain('autonomy');
  });
  it('money that buys no say is a one-way bargain, not a lack of policy', () => {
    const d = one('All that money buys Tokyo almost no say over how the bases are used.');
    expect(raised(d)).toContain('one_way');
    expect(raised(d)).not.toContain('autonomy');
  });
  it('a change that alters nothing in the friendship affirms it', () => {
    const d = one('The envoy said the incident would change nothing in the deep friendship between the two countries.');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('Japan spending more stated as a fact is no push; a call to spend more is', () => {
    expect(raised(one('Japan is spending more on its navy than at any time since the war.'))).not.toContain('burden_pressure');
    expect(raised(one('The envoy urged Tokyo to spend more on missile defence.'))).toContain('burden_pressure');
  });
});
