// Round 7 of the code and negation rules: negation scope (a comma that closes the negated phrase, a stand-alone
// "No.", "never once", a negated holder with a verb of belief, a quotation or a Japanese conditional clause that a
// negation does not reach across), "Japan's own decision" read by its topic (rules 9 and 10), and families of
// concerns and denials worded without their keyword. The rules are tested alone (the codebook read as text has no
// folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('English negation scope', () => {
  it('a comma that closes the negated phrase ends its reach; a list or a short parenthesis does not', () => {
    // closed: the negation belongs to "have to open", the complaint after the comma stands
    const closed = one('Japan has a guarantee it will never have to test, paid for by taxpayers in Ohio.');
    expect(raised(closed)).toContain('one_way');
    expect(negated(closed)).not.toContain('one_way');
    // the same complaint without the comma clause is denied
    expect(negated(one('Japan is never paid for by taxpayers in Ohio.'))).toContain('one_way');
    // a list of verbs keeps the negation over its object
    expect(negated(one('The premier said Japan would not build, buy or borrow nuclear weapons.'))).toContain('nuclear');
    // a short parenthesis too
    expect(negated(one('Nobody in the cabinet, aides insisted, was weighing a bomb.'))).toContain('nuclear');
  });
  it('a stand-alone "No." answers what was asked and does not reach the next sentence', () => {
    const d = one('A: No. Japan is a sovereign nation and decides for itself.');
    expect(negated(d)).toEqual([]);
  });
  it('"never once" is no subordinate clause', () => {
    expect(negated(one('Its envoys have never once threatened to pull out of the country.'))).toContain('abandonment');
    // "once" as a conjunction still opens a clause the negation does not reach
    expect(negated(one('Few expected it, but once the talks began Washington threatened to pull out.'))).not.toContain('abandonment');
  });
  it('a negated holder with a verb of belief denies the whole complement, however long the holder', () => {
    const long = 'No one among the diplomats and officers I met in three weeks of travel believes Washington would leave them to face Beijing alone.';
    expect(negated(one(long))).toContain('abandonment');
    // without the belief verb the twelve-word reach still applies
    const far = 'No one among the diplomats and officers I met in three weeks of travel, said the envoy, and Washington would leave them to face Beijing alone.';
    expect(negated(one(far))).not.toContain('abandonment');
  });
  it('"as if" compares and sets no condition, so a denial beside it does not cancel the complaint', () => {
    const d = one('"They speak as if we were getting a free ride," a lawmaker said, "when we pay more than any other ally."');
    expect(raised(d)).toContain('one_way');
  });
  it('pushing back on a view and two short dismissals', () => {
    expect(negated(one('We would push back on the idea that anyone in Tokyo was left in the dark.'))).toContain('abandonment');
    expect(negated(one('Will America choose India over Japan? Not that I can see.'))).toContain('japan_passing');
    // the answer's own speaker tag inside the unit does not hide the dismissal
    expect(negated(one('Q: Will America choose India over Japan? A: Not that I can see.'))).toContain('japan_passing');
    expect(negated(one('An independent Japanese deterrent? Not in my lifetime.'))).toContain('nuclear');
  });
  it('a fear voiced as a wish or a plea is raised, not denied; American warheads aboard are no Japanese bomb', () => {
    expect(raised(one("I don't want my son getting pulled into a war over a few islands."))).toContain('entrapment');
    expect(raised(one('Japan cannot afford to be dragged into a quarrel between the great powers.'))).toContain('entrapment');
    expect(raised(one('Their message to Washington is simple: do not leave us alone with China.'))).toContain('abandonment');
    const ship = one('The Navy says the carrier carries no nuclear weapons.');
    expect([...raised(ship), ...negated(ship)]).not.toContain('nuclear');
    expect(negated(one('The premier said Japan would never build nuclear weapons.'))).toContain('nuclear');
  });
});

describe("Japan's own decision, read by its topic (rules 9 and 10)", () => {
  it('about spending or a push it denies burden_pressure only', () => {
    const d = one('The minister said the increase in the defense budget was Japan\'s own decision.');
    expect(negated(d)).toContain('burden_pressure');
    expect(negated(d)).not.toContain('autonomy');
    expect(negated(one('Officials said the choice was its own and that Washington had not pressed for it.'))).toContain('burden_pressure');
  });
  it('elsewhere it denies autonomy only', () => {
    const d = one('The spokesman said joining the new export regime was Japan\'s own decision.');
    expect(negated(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('burden_pressure');
  });
  it('wanting or respecting Japan\'s own choice denies nothing', () => {
    expect(negated(one('Washington said it respects the sanctions as Japan\'s own choice.'))).toEqual([]);
    expect(negated(one('Farmers in Niigata want every deployment to be Japan\'s own decision.'))).toEqual([]);
  });
  it('Japanese: 言われたからではない denies burden_pressure where spending is in view, autonomy elsewhere', () => {
    const spend = one('防衛費の増額は、同盟国に言われたからではない。');
    expect(negated(spend)).toContain('burden_pressure');
    expect(negated(spend)).not.toContain('autonomy');
    const other = one('制裁への参加は、米国に言われたからではない。');
    expect(negated(other)).toContain('autonomy');
  });
});

describe('English families worded without their keyword', () => {
  it('told after the fact raises japan_passing and abandonment', () => {
    const d = one('Officials in Tokyo learned about the deal from the radio, like everyone else.');
    expect(raised(d)).toEqual(expect.arrayContaining(['abandonment', 'japan_passing']));
    expect(raised(one('He predicted Washington would settle with Beijing and inform Tokyo afterwards.'))).toContain('abandonment');
  });
  it('attention spent on Beijing rather than Tokyo, another partner chosen over Tokyo', () => {
    expect(raised(one('Every envoy spends more of his week on China than on Japan.'))).toContain('japan_passing');
    expect(raised(one('The president flew to Beijing rather than to Tokyo.'))).toContain('japan_passing');
    expect(raised(one('Some fear Washington now prefers Canberra over Tokyo.'))).toContain('japan_passing');
  });
  it('consulted before and after denies japan_passing', () => {
    expect(negated(one('The envoy said Tokyo had been briefed in full before and after the talks.'))).toContain('japan_passing');
  });
  it('dropped, traded, heading for the exit, packing, tearing the treaty up', () => {
    for (const text of [
      'Many here suspect Washington would drop Japan for a better offer.',
      'Some worry the Americans would trade Tokyo for a quiet bargain.',
      'In a crisis, critics say, Washington would be looking for the exit.',
      'The talk in Tokyo was that the Americans were packing their bags.',
      'Few believe a president would tear up the treaty, but some fear it.',
    ]) expect([...raised(one(text)), ...negated(one(text))]).toContain('abandonment');
  });
  it('"such weapons" after a verb of acquiring is nuclear, and its denial is negated', () => {
    expect(negated(one('The premier repeated that Japan would neither make nor hold such weapons.'))).toContain('nuclear');
    // "such weapons" alone names nothing
    expect(raised(one('Such weapons were on display at the parade in Pyongyang.'))).not.toContain('nuclear');
  });
  it('paying more than any other ally denies one_way; a complaint beside it still wins', () => {
    expect(negated(one('The general noted that Japan pays more than any other ally toward the bases.'))).toContain('one_way');
    const complaint = one('We pay more than any other host country and are still called freeloaders.');
    expect(raised(complaint)).toContain('one_way');
    expect(negated(complaint)).not.toContain('one_way');
  });
  it('a push or a bill from Washington raises burden_pressure; Washington not pressing denies it', () => {
    expect(raised(one('Analysts saw a push from Washington behind the new budget.'))).toContain('burden_pressure');
    expect(raised(one('Some senators want to send Tokyo a bill for the bases.'))).toContain('burden_pressure');
    expect(negated(one('Officials said the United States had not pressed Tokyo on the figure.'))).toContain('burden_pressure');
  });
  it('leaving the alliance and going it alone are nationalism', () => {
    expect(raised(one('A few lawmakers openly talk about leaving the alliance.'))).toContain('nationalism');
    expect(negated(one('Nobody in the party wants Japan to go it alone.'))).toContain('nationalism');
  });
  it('autonomy without its keyword; the wording may hold its own negation', () => {
    for (const text of [
      'Critics say the cabinet simply does whatever Washington tells it.',
      'Voters are tired of being told what to do by the Pentagon.',
      'The ministry still waits for a signal from across the Pacific.',
      'Our government never stands up to Washington on the bases.',
      'It has no China policy of its own, a columnist wrote.',
    ]) expect(raised(one(text))).toContain('autonomy');
    // the negation inside the wording is the complaint, not its denial
    const d = one('In ten years I have not once seen Tokyo refuse Washington anything.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
  });
  it('abandonment without its keyword: the umbrella doubted, told afterwards, a city for a city', () => {
    for (const text of [
      'Some in Tokyo fear the umbrella is made of paper.',
      'Deals with Beijing are struck first and explained to Tokyo afterwards.',
      'Would a president risk San Francisco to answer an attack on Osaka?',
      'Officials fear the Americans would walk off and decide without asking us.',
    ]) expect(raised(one(text))).toContain('abandonment');
    // "rightly or not" negates nothing
    expect(raised(one('Many Japanese believe, rightly or not, that America would think twice before defending them.'))).toContain('abandonment');
  });
});

describe('Japanese scope', () => {
  it('a negation inside a quotation does not reach words before the quotation', () => {
    const d = one('政府は条約の延長を支持し、外相は「核兵器を持つことはあり得ない」と述べた。');
    expect(negated(d)).toContain('nuclear');
    expect(negated(d)).not.toContain('reassurance');
  });
  it('a negation does not reach back past a conditional or reason clause', () => {
    const d = one('対等な同盟だと言うのなら、言いなりではなく、堂々と主張すべきだ。');
    expect(raised(d)).toContain('nationalism');
    expect(negated(d)).not.toContain('nationalism');
    // ものでございまして / ためのもので is a copula, not a reason: the negation still reaches
    expect(negated(one('今回の措置は抑止のためのもので、住民を戦禍に巻き込むものではない。'))).toContain('entrapment');
    // これまでも is no concession
    expect(negated(one('米国の要求に応じて数字を決めるということは、これまでも、これからもございません。'))).toContain('burden_pressure');
  });
  it('a quotation\'s negation still reaches the topic its speaker was asked about', () => {
    expect(negated(one('日本の核武装については「政治家が本気で考えているとは思わない」と語った。'))).toContain('nuclear');
  });
  it('a reading judged one-sided or mistaken negates; asked back, it raises', () => {
    expect(negated(one('米国が日本を見捨てるという筋書きは、駐留する五万人の米兵を見落としている。'))).toContain('abandonment');
    expect(negated(one('この一件で米国が日本を軽視したと見るのは一面的だろう。'))).toContain('japan_passing');
    expect(raised(one('○委員　日本が軽視されたと見るのは一面的ではありませんか。'))).toContain('japan_passing');
  });
});

describe('Japanese families worded without their keyword', () => {
  it('taking part in or being pulled into another\'s fighting is entrapment, and its denial is negated', () => {
    expect(raised(one('一体化が進めば、日本が米国の戦闘に加わる事態もあり得る。'))).toContain('entrapment');
    for (const text of [
      '自衛隊が他国の戦闘に加わることはない。',
      '我が国が大国の対立に引きずられるということはございません。',
      '新たな取り決めは日本を戦争に巻き込むものではない。',
    ]) expect(negated(one(text))).toContain('entrapment');
  });
  it('Japan set aside, replaced or outweighed is japan_passing', () => {
    expect(raised(one('首脳会談の場に日本の姿はなく、日本が脇に置かれた印象が残った。'))).toContain('japan_passing');
    for (const text of [
      '米中の対話が日本との同盟に取って代わることはない。',
      '米中の和解が日本の犠牲の上に成り立つことはない。',
      '日本を差し置いて中国と手を結ぶことはない。',
    ]) expect(negated(one(text))).toContain('japan_passing');
  });
  it('a push worded as compulsion or a figure presented is burden_pressure, and its denial is negated', () => {
    for (const text of [
      '我々が日本に装備を買うよう迫った事実はない。',
      '米側から購入を強いられたという事実はありません。',
      '米側が数字を示して求めたことはない。',
      '会談では駐留経費の負担について要求は一切ございませんでした。',
    ]) expect(negated(one(text))).toContain('burden_pressure');
  });
  it('autonomy without its keyword', () => {
    for (const text of [
      '政府は結局、米国の顔色ばかりうかがっている。',
      '法案はワシントンの台本どおりに進んでいる。',
      '政府は米側の言い分の受け売りで済ませている。',
      '同盟国の頼みを断れるのかという一点に議論が収れんした。',
    ]) expect(raised(one(text))).toContain('autonomy');
    // following the ally into war is entrapment, not autonomy
    expect(raised(one('日本が米国の戦争に付き従うことになる。'))).not.toContain('autonomy');
  });
});
