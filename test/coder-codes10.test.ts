// Round 10 of the English code rules: families of wording the rules missed (one_way, autonomy, abandonment,
// nationalism, reassurance, relationship_positive) and precision guards (rules 7-11): Japan said to decide for itself
// or to be a sovereign country calls for nothing, the sidelines of a summit, defending Japan named as half of an
// unequal bargain, China leaning on Tokyo. The rules are tested alone (the codebook read as text has no folder, so no
// model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('English recall families, round 10', () => {
  it('a navy that guards the ally\'s sea lanes while it pays or sells is a one-way bargain', () => {
    expect(raised(one('Our sailors patrol their shipping lanes and they sell us trucks, a caller said.'))).toContain('one_way');
    expect(raised(one('Japan\'s coast guard patrols its own coastline every night.'))).not.toContain('one_way');
  });
  it('free riding, an ally that stays home, and a treaty that does not oblige Japan raise one_way', () => {
    expect(raised(one('The senator accused Tokyo of decades of free riding.'))).toContain('one_way');
    expect(raised(one('If war comes, they will stay home and watch, the candidate said.'))).toContain('one_way');
    const d = one('The pact binds America to fight and does not oblige Japan to defend anyone.');
    expect(raised(d)).toContain('one_way');
    expect(negated(d)).not.toContain('one_way');
  });
  it('a government too timid to ask, that never once stood up to Washington, is following (autonomy), not nationalism', () => {
    expect(raised(one('Farmers said the ministry was too timid to raise the matter with the Americans.'))).toContain('autonomy');
    const d = one('The mayor said the cabinet has never once stood up to Washington on noise.');
    expect(raised(d)).toContain('autonomy');
    expect(raised(d)).not.toContain('nationalism');
    expect(negated(d)).not.toContain('nationalism');
  });
  it('every American wish, a commitment made in Washington before the Diet hears of it, and a borrowed spine raise autonomy', () => {
    expect(raised(one('The memoir describes a bureaucracy that met every American wish within the week.'))).toContain('autonomy');
    expect(raised(one('Critics said he pledged the new carriers in Washington long before he explained a word of it to the Diet.'))).toContain('autonomy');
    expect(raised(one('A student said Tokyo had spent decades borrowing a spine from Washington.'))).toContain('autonomy');
    expect(raised(one('The minister explained the budget to the Diet on Monday.'))).not.toContain('autonomy');
  });
  it('an ally that tires of guarding Asia, hearing of decisions last or on television, raises abandonment', () => {
    expect(raised(one('Officials fear the Americans will tire of defending the region.'))).toContain('abandonment');
    expect(raised(one('Tokyo again heard about the new American posture last, a diplomat said.'))).toContain('abandonment');
    expect(raised(one('Our ministers heard about it the same way everyone did: on television.'))).toContain('abandonment');
    expect(raised(one('The envoy heard about the new plan last week from his staff.'))).not.toContain('abandonment');
  });
  it('standing up to Washington, forces under Japanese command, and acting without anyone\'s permission raise nationalism', () => {
    expect(raised(one('The new party says Japan must finally stand up to Washington.'))).toContain('nationalism');
    expect(raised(one('The cabinet insisted that the new missiles stay under Japanese command.'))).toContain('nationalism');
    expect(raised(one('A Japan that can act without asking anyone\'s permission is the goal, he wrote.'))).toContain('nationalism');
    expect(raised(one('The two sides see eye to eye on the new radar.'))).not.toContain('nationalism');
  });
  it('Article Five, an alliance that remains the cornerstone, and "we are with Japan" affirm the commitment', () => {
    expect(raised(one('The spokesman said the islands fall squarely under Article Five.'))).toContain('reassurance');
    expect(raised(one('The admiral said the alliance remains the bedrock of American strategy in Asia.'))).toContain('reassurance');
    expect(raised(one('"We are with Japan, whatever comes," the ambassador said.'))).toContain('reassurance');
  });
  it('the strongest alliance in the world and an alliance that came out stronger are praise', () => {
    expect(raised(one('She called it the strongest alliance in the world.'))).toContain('relationship_positive');
    expect(raised(one('After the crisis, the partnership came out stronger than ever.'))).toContain('relationship_positive');
  });
  it('dragged along, a war Japan never sought, retaliation brought down on Tokyo raise entrapment', () => {
    expect(raised(one('Students said they fear being dragged along behind whatever Washington does next.'))).toContain('entrapment');
    expect(raised(one('Critics warn Japan could end up in a conflict it never sought.'))).toContain('entrapment');
    expect(raised(one('An American strike would bring the missiles down first on Okinawa, the mayor said.'))).toContain('entrapment');
    expect(raised(one('The map is the map, whether we like it or not, the professor said.'))).not.toContain('entrapment');
  });
  it('a U.S.-China understanding reached without Japan, or Japan ranked below Canberra, is Japan passing', () => {
    expect(raised(one('Diplomats fear a Washington and Beijing deal on chips struck without Tokyo in the room.'))).toContain('japan_passing');
    expect(raised(one('Some in Tokyo now wonder whether they rank well below Canberra in Washington.'))).toContain('japan_passing');
    expect(raised(one('The itinerary lists a short refuelling stop in Tokyo on the way home.'))).not.toContain('japan_passing');
  });
  it('an ally taking advantage of us, sheltering under our umbrella, or a bill we get is one-way', () => {
    expect(raised(one('The governor said Tokyo had been taking advantage of us on defense for decades.'))).toContain('one_way');
    expect(raised(one('They sell us cars while sheltering under our nuclear umbrella, a caller said.'))).toContain('one_way');
  });
  it('doubt whether the ally can still be relied on, or finding itself alone, raises abandonment', () => {
    expect(raised(one('Editors asked whether the American guarantee could still be relied on after the vote.'))).toContain('abandonment');
    expect(raised(one('Planners worry that Japan would find itself alone in a crisis.'))).toContain('abandonment');
  });
  it('telling Washington no and taking back the skies are calls to assert; never once telling it no is autonomy only', () => {
    expect(raised(one('For once, a minister told Washington no in public.'))).toContain('nationalism');
    expect(raised(one('We should take back our skies from the foreign air base, the assemblyman said.'))).toContain('nationalism');
    const d = one('Locals say the ministry has never once told Washington no on the bases.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('nationalism');
  });
});

describe('English precision guards, round 10', () => {
  it('Japan said to decide for itself is no call to assert (rule 9): it denies following', () => {
    const d = one('The minister said Japan decides its own defense policy, as any democracy does.');
    expect(raised(d)).not.toContain('nationalism');
    expect(negated(d)).toContain('autonomy');
    expect(raised(one('Japan must decide for itself how far to go, the columnist wrote.'))).toContain('nationalism');
  });
  it('a sovereign country named as a fact calls for nothing; a sovereignty doubted is autonomy', () => {
    expect(raised(one('The spokesman said Japan is a sovereign country and sets its own course.'))).not.toContain('nationalism');
    expect(raised(one('Foreign troops decide who lands at our airport. What kind of sovereign country is that?'))).toContain('autonomy');
  });
  it('the sidelines of a summit sideline nobody; Japan left on the sidelines is still Japan passing', () => {
    expect(raised(one('The two leaders met on the sidelines of the summit in Lima.'))).not.toContain('japan_passing');
    expect(raised(one('Tokyo fears being left on the sidelines while Washington courts Beijing.'))).toContain('japan_passing');
  });
  it('defending Japan named as half of an unequal bargain affirms no commitment (rule 7)', () => {
    const d = one('We defend Japan for nothing, and they sell us their cars, the candidate told the crowd.');
    expect(raised(d)).not.toContain('reassurance');
    expect(raised(d)).toContain('one_way');
    expect(raised(one('The secretary said America will defend Japan against any attack.'))).toContain('reassurance');
  });
  it('China leaning on Tokyo or a call to lower the temperature is no push to do more (rules 10, 11)', () => {
    expect(raised(one('Diplomats worry about what happens when Beijing leans on Tokyo over the islands.'))).not.toContain('burden_pressure');
    expect(raised(one('The president urged Tokyo to lower the temperature with Beijing.'))).not.toContain('burden_pressure');
  });
});
