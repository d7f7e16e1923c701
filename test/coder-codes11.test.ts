// Round 11 of the English code rules: families of wording the rules missed (abandonment, autonomy, one_way, nationalism,
// japan_passing, entrapment, reassurance, relationship_positive, burden_pressure) and precision guards (rules 8-11): paying for
// Japan's own military, China dealt with as an equal, a partnership already treated as between equals, Japan building its own
// bomb, a say over the bases denied, Washington seen to favour Beijing. The rules are tested alone (the codebook read as text has
// no folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('English precision guards, round 11', () => {
  it('paying or spending for Japan\'s own military is the bargain or a push, not a call to assert (rule 10)', () => {
    expect(raised(one('A caller from Ohio said Japan ought to pay for its own military by now.'))).not.toContain('nationalism');
    expect(raised(one('The farmer said Tokyo should be spending far more on its own army.'))).not.toContain('nationalism');
    expect(raised(one('The novelist said Japan must have its own army and answer to no one.'))).toContain('nationalism');
  });
  it('China dealt with as an equal is no call by Japan to be treated as one (rule 8)', () => {
    expect(raised(one('State television said the summit showed Washington now treats China as an equal.'))).not.toContain('nationalism');
    expect(raised(one('Students said Japan should sit down with Washington as an equal and say what it wants.'))).toContain('nationalism');
  });
  it('a partnership already treated or negotiated as between equals describes the relationship, it calls for nothing (rule 9)', () => {
    expect(raised(one('The admiral said his American counterparts had always treated him as an equal.'))).not.toContain('nationalism');
    expect(raised(one('The minister said the new guidelines were negotiated for a year between equals.'))).not.toContain('nationalism');
    expect(raised(one('The opposition wants the base agreement renegotiated as between equals.'))).toContain('nationalism');
  });
  it('Japan building its own bomb is nuclear, not nationalism; having no say over the bases is not a call', () => {
    const d = one('A columnist asked whether Japan should build its own bomb.');
    expect(raised(d)).toContain('nuclear');
    expect(raised(d)).not.toContain('nationalism');
    expect(raised(one('Residents complain that Japan pays for the bases and has no say over how they are used.'))).not.toContain('nationalism');
    expect(raised(one('Local leaders want a real say over how the American bases are used.'))).toContain('nationalism');
  });
  it('wondering whether Washington now sees Beijing as its partner is Japan passing, not a doubt about its defence (rule 8)', () => {
    expect(raised(one('Diplomats in Tokyo wondered aloud whether Washington now sees Beijing as its real partner.'))).not.toContain('abandonment');
    expect(raised(one('Diplomats in Tokyo wondered aloud whether Washington would still defend the islands.'))).toContain('abandonment');
  });
});

describe('English recall families, round 11', () => {
  it('a deal that caps the long-range missiles and leaves the shorter-range ones aimed at Japan raises abandonment', () => {
    expect(raised(one('Officials fear a bargain that caps the long-range missiles and leaves the shorter-range ones pointed at Japan where they are.'))).toContain('abandonment');
    expect(raised(one('Analysts expect the medium-range missiles that can reach Japan to be left out of any deal.'))).toContain('abandonment');
    expect(raised(one('North Korea tested two short-range missiles over the sea on Sunday.'))).not.toContain('abandonment');
  });
  it('whether the ally would really sail, not being consulted, and a city traded for a city raise abandonment', () => {
    expect(raised(one('Would the Americans really sail into a fight over those reefs?'))).toContain('abandonment');
    const d = one('A diplomat complained that Tokyo was not consulted before the announcement.');
    expect(raised(d)).toContain('abandonment');
    expect(negated(d)).not.toContain('abandonment');
    expect(raised(one('Officials in Tokyo ask whether a president would trade an American city for a Japanese one.'))).toContain('abandonment');
    expect(raised(one('The Seventh Fleet will sail for Guam next month, the Navy said.'))).not.toContain('abandonment');
  });
  it('whose decision it is, waiting to see what Washington wants, and a figure set in Washington raise autonomy', () => {
    expect(raised(one('The opposition asked whose decision is this, ours or the Pentagon\'s?'))).toContain('autonomy');
    expect(raised(one('A critic said the ministry waits to see what Washington wants before it moves.'))).toContain('autonomy');
    expect(raised(one('Lawmakers said the spending target was set in Washington and merely announced in Tokyo.'))).toContain('autonomy');
    expect(raised(one('The committee waits to see the final budget figures from the ministry.'))).not.toContain('autonomy');
  });
  it('investment pledged and tariffs received all the same, and one side getting the security, raise one_way', () => {
    expect(raised(one('We pledged billions for new factories in Ohio and still got hit with tariffs, an executive said.'))).toContain('one_way');
    expect(raised(one('A protester said the mainland gets the security and Okinawa gets the noise.'))).toContain('one_way');
    expect(raised(one('Investment in the new plant rose sharply last year.'))).not.toContain('one_way');
  });
  it('acting without waiting for Washington, refusing to be lectured, the hyphenated status-of-forces agreement raise nationalism', () => {
    expect(raised(one('Some lawmakers say Japan should guard its islands without waiting for Washington\'s blessing.'))).toContain('nationalism');
    expect(raised(one('A minister said Japan would not be lectured by a country with such deficits.'))).toContain('nationalism');
    expect(raised(one('Okinawa\'s assembly demanded that the status-of-forces agreement be rewritten.'))).toContain('nationalism');
    expect(raised(one('The status-of-forces agreement was signed in 1960.'))).not.toContain('nationalism');
  });
  it('praise of Xi, a China trip with no stop in Tokyo, and Asia decided between Beijing and Washington raise japan_passing', () => {
    expect(raised(one('The president praised Xi at length and spent nine days in China with no stop in Tokyo.'))).toContain('japan_passing');
    expect(raised(one('Commentators in Tokyo fear the region will be decided between Beijing and Washington.'))).toContain('japan_passing');
    expect(raised(one('The foreign minister made a stop in Tokyo on her way home from Seoul.'))).not.toContain('japan_passing');
  });
  it('an island hit first, harder to stay out of a fight, and wars far from Japan raise entrapment', () => {
    expect(raised(one('A fisherman said that if a war over Taiwan begins, his island gets hit first.'))).toContain('entrapment');
    expect(raised(one('Critics say each new agreement makes it harder for Japan to stay out of a fight in the strait.'))).toContain('entrapment');
    expect(raised(one('The new laws let Japanese ships join American operations far from Japan\'s shores.'))).toContain('entrapment');
    expect(raised(one('The sailors were glad to be home after a cruise far from the fleet.'))).not.toContain('entrapment');
  });
  it('islands within the treaty\'s scope, every president since, and "with Japan one hundred percent" raise reassurance', () => {
    expect(raised(one('The spokesman said the islands fall within the scope of the security treaty.'))).toContain('reassurance');
    expect(raised(one('Every president since Obama has said the treaty covers the islands.'))).toContain('reassurance');
    expect(raised(one('"We are with Japan one hundred percent," the senator said.'))).toContain('reassurance');
    expect(raised(one('Japan pays a hundred percent of the utility bills at the base.'))).not.toContain('reassurance');
  });
  it('an alliance that has kept the peace and trust between the two navies are praise of the relationship', () => {
    expect(raised(one('The minister said the alliance has kept the peace in the region for decades.'))).toContain('relationship_positive');
    expect(raised(one('The admiral said trust between our two navies has never been higher.'))).toContain('relationship_positive');
    expect(raised(one('The two countries fought a bitter war eighty years ago.'))).not.toContain('relationship_positive');
  });
  it('help after the tsunami never forgotten and former enemies become partners are praise; a reminder is not', () => {
    expect(raised(one('A fisherman said the sailors came with helicopters before anyone asked, and he will never forget it.'))).toContain('relationship_positive');
    expect(raised(one('The envoy spoke of two former enemies who now plan their defence together.'))).toContain('relationship_positive');
    expect(raised(one('A listener said we should not forget that the new headquarters would be a target.'))).not.toContain('relationship_positive');
  });
  it('Japan expected to pay more, every dollar of the bases, a share of GDP named as the target raise burden_pressure', () => {
    expect(raised(one('Voters in my state want to know that Japan will pay more, the senator said.'))).toContain('burden_pressure');
    expect(raised(one('A caller said they should cover every dollar of those bases.'))).toContain('burden_pressure');
    expect(raised(one('The envoy said Japan should reach three and a half percent of GDP within the decade.'))).toContain('burden_pressure');
    expect(raised(one('She pays for every lunch herself, the profile noted.'))).not.toContain('burden_pressure');
  });
});
