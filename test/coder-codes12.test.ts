// Round 12 of the English code and negation rules: wording families chosen by n-gram precision over all English training
// units (the n-grams of units where gold raises or denies a code and the rules are silent, kept at precision >= 0.6 over
// every training unit that holds them), each written as one pattern with word-order limits, plus two negation.ignore
// entries (a position made plain, a doubt about what the ally would do). The rules are tested alone (the codebook read as
// text has no folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('English recall families, round 12', () => {
  it('Japan made a party to a war or a quarrel raises entrapment; "not a party" denies it', () => {
    expect(raised(one('The councillor warned that refuelling the carriers would make Japan a party to their war.'))).toContain('entrapment');
    const d = one('The spokesman said Japan was not a party to the quarrel between the two powers.');
    expect(negated(d)).toContain('entrapment');
    expect(raised(d)).not.toContain('entrapment');
    expect(raised(one('Japan became a party to the fisheries treaty in 1978.'))).not.toContain('entrapment');
  });
  it('the strongest alliance, a partnership between the two, cooperation as close as any raise relationship_positive', () => {
    expect(raised(one('The envoy called the tie with Tokyo the strongest it had been in decades.'))).toContain('relationship_positive');
    expect(raised(one('The admiral said the two navies now train together as closely as any pair of fleets he knows.'))).toContain('relationship_positive');
    expect(raised(one('The minister praised the partnership between the two countries at the dinner.'))).toContain('relationship_positive');
    expect(raised(one('Critics said it was not yet a partnership between equals.'))).not.toContain('relationship_positive');
    expect(raised(one('China has the strongest navy in the region by number of hulls.'))).not.toContain('relationship_positive');
  });
  it('the American taxpayer carrying the bill, paying for the privilege, and what we get back raise one_way', () => {
    expect(raised(one('A congressman said American taxpayers pay for the carriers while Tokyo runs a surplus.'))).toContain('one_way');
    expect(raised(one('A columnist wrote that Okinawa has paid dearly for the privilege of hosting the Marines.'))).toContain('one_way');
    expect(raised(one('A caller asked what exactly we get back for the troops we keep over there.'))).toContain('one_way');
    expect(raised(one('The study asked American taxpayers about their views on trade.'))).not.toContain('one_way');
  });
  it('no choice, never daring to refuse, Tokyo rarely departing from the line, following American policy raise autonomy', () => {
    expect(raised(one('A retired diplomat said Tokyo had little choice once Washington had made up its mind.'))).toContain('autonomy');
    const d = one('Critics say no cabinet has ever dared to refuse a request from the Pentagon.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
    expect(raised(one('Seoul notes that Tokyo rarely departs from the line Washington sets.'))).toContain('autonomy');
    expect(raised(one('Polls show most Japanese think their country follows American policy too closely.'))).toContain('autonomy');
    expect(raised(one('The company had little time to prepare the shipment.'))).not.toContain('autonomy');
  });
  it('a decision made in Tokyo or by Japan denies autonomy', () => {
    const d = one('The spokesman replied that the decision to buy the missiles was made in Tokyo.');
    expect(negated(d)).toContain('autonomy');
    expect(raised(d)).not.toContain('autonomy');
    expect(negated(one('The minister said the decision had been made by Japan and the Americans were informed.'))).toContain('autonomy');
  });
  it('Japan asked to take on more missions, allies who will not pay, a tenant behind on the rent raise burden_pressure', () => {
    expect(raised(one('The Pentagon wants the Self-Defense Forces to take on more of the patrols near Taiwan.'))).toContain('burden_pressure');
    expect(raised(one('The senator said allies who won\'t pay should not count on American ships.'))).toContain('burden_pressure');
    expect(raised(one('A lawmaker said the White House treats Tokyo like a tenant behind on the rent.'))).toContain('burden_pressure');
    expect(raised(one('The company will take on two hundred new workers this spring.'))).not.toContain('burden_pressure');
  });
  it('a position made plain denies nothing: "made no secret that they want Japan to take on" still raises the push', () => {
    const d = one('American officials have made no secret that they want Japan to take on new missions in the Gulf.');
    expect(raised(d)).toContain('burden_pressure');
    expect(negated(d)).not.toContain('burden_pressure');
  });
  it('an own deterrent and keeping the option open raise nuclear; "no intention of building its own deterrent" denies it', () => {
    expect(raised(one('A former minister said Japan may one day need its own deterrent.'))).toContain('nuclear');
    expect(raised(one('Some in the ruling party argue Japan should keep the option of building one open.'))).toContain('nuclear');
    expect(negated(one('The diplomat said Japan had no intention of building its own deterrent.'))).toContain('nuclear');
    expect(raised(one('The bank keeps the option of raising rates in reserve.'))).not.toContain('nuclear');
  });
  it('Japan next in line, an America that goes home, a room Japan is not in, learning of it from the press raise abandonment', () => {
    expect(raised(one('Officials in Tokyo asked whether the bases in Japan would be next.'))).toContain('abandonment');
    expect(raised(one('The nightmare in the ministry is an America that loses interest in Asia.'))).toContain('abandonment');
    expect(raised(one('Diplomats fear a bargain struck in a room they are not in.'))).toContain('abandonment');
    expect(raised(one('Tokyo learned of the new tariff schedule from a wire report.'))).toContain('abandonment');
    expect(raised(one('The meeting was held in a room on the third floor.'))).not.toContain('abandonment');
  });
  it('a doubt about what the ally would do voices the concern: "not sure the Americans would" is no denial', () => {
    const d = one('I am not sure the Americans would stay if the shooting started.');
    expect(negated(d)).not.toContain('abandonment');
  });
  it('Beijing seen as Washington\'s partner, Tokyo traded for Beijing, a trip to Beijing next week raise japan_passing', () => {
    expect(raised(one('Editorials complain that Washington now treats Beijing as its main partner in Asia.'))).toContain('japan_passing');
    expect(raised(one('The old fear is back that America will trade Tokyo in for Beijing.'))).toContain('japan_passing');
    expect(raised(one('The Secretary flies to Beijing next week, and Tokyo is not on the schedule.'))).toContain('japan_passing');
  });
  it('a Japan that sets its own course, treated as a full partner, the Japanese right raise nationalism', () => {
    expect(raised(one('Some lawmakers speak of a Japan that sets its own course without waiting for Washington.'))).toContain('nationalism');
    expect(raised(one('Younger voters want their country treated as a full partner at last.'))).toContain('nationalism');
    expect(raised(one('Beijing accused the Japanese right of stoking pride over the islands.'))).toContain('nationalism');
  });
  it('the abductions raised for Japan, Japan\'s decision understood, the treaty that extends to the islands raise reassurance', () => {
    expect(raised(one('The envoy said the president would raise the abductions of Japanese citizens at the summit.'))).toContain('reassurance');
    expect(raised(one('A State Department spokesman said Washington understood Japan\'s decision.'))).toContain('reassurance');
    expect(raised(one('The secretary said the treaty commitment extends to the islands.'))).toContain('reassurance');
    expect(raised(one('The abductions were first admitted by Pyongyang in 2002.'))).not.toContain('reassurance');
  });
});
