// Round 6 of the code and negation rules: senses that must not fire, denials that an exclusion sets aside,
// denials of abandonment that reassure, the non-nuclear policy affirmed, harms denied to a favourable code,
// fears that have faded. The rules are tested alone (the codebook read as text has no folder, so no model).
import { describe, expect, it } from 'vitest';
import { decide } from '../src/coder/index.js';
import type { SentenceDecision } from '../src/types.js';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly as rules } from './helpers/coder.js';

describe('rules alone', () => {
  it('has no learned model when the codebook is read as text', () => {
    expect(rules.model).toBeUndefined();
  });
});

describe('senses that must not fire (rule 11)', () => {
  it('pulling troops out is the ally leaving, not a call to expel them', () => {
    const d = one('Analysts in Tokyo recalled the day a president threatened to pull troops out of Korea without warning anyone.');
    expect(raised(d)).not.toContain('nationalism');
    // the slogan itself still raises nationalism
    expect(raised(one('Protesters outside the base chanted "Marines out" and demanded that the bases go.'))).toContain('nationalism');
  });
  it('a pledge, plan or promise abandoned is no abandonment of Japan', () => {
    for (const text of [
      'The mayor said he would abandon that plan for a new runway.',
      'The campaign promise was quietly abandoned after the election.',
      'Abandoning an election pledge is common in every democracy.',
    ]) expect(raised(one(text))).not.toContain('abandonment');
    expect(raised(one('Many in Tokyo fear Washington would abandon Japan in a crisis.'))).toContain('abandonment');
  });
  it('spending on its own defence is not being left on its own', () => {
    expect(raised(one('Canada spends its own money on its own defence, a senator observed.'))).not.toContain('abandonment');
    expect(raised(one('If war came, officials fear, Japan would be left on its own.'))).toContain('abandonment');
  });
  it('a third party demanding or pressing is no U.S. push on Japan', () => {
    expect(raised(one('Beijing demanded that Japan withdraw its coast guard ships from the area.'))).not.toContain('burden_pressure');
    expect(raised(one('The allies agreed to keep maximum pressure on the regime in Pyongyang.'))).not.toContain('burden_pressure');
    expect(raised(one('Washington demanded that Japan send minesweepers to the Gulf.'))).toContain('burden_pressure');
  });
  it("Japan's own spending decision reported as fact is no push; a push to raise it is", () => {
    expect(raised(one('The cabinet decided to raise defense spending over five years.'))).not.toContain('burden_pressure');
    expect(raised(one('Japan is doubling its defense budget, the minister told parliament.'))).not.toContain('burden_pressure');
    expect(raised(one('The senator said Japan must raise defense spending to three percent of GDP.'))).toContain('burden_pressure');
  });
  it('a shield is entrapment only when Japan is used as one', () => {
    expect(raised(one('Some senators grumble that Japan prospered behind the shield America built.'))).not.toContain('entrapment');
    expect(raised(one('Critics warn that Washington will use the islands as a shield against China.'))).toContain('entrapment');
  });
  it('Japanese: another country put last, a contradiction, the heads of locals', () => {
    expect(raised(one('台湾の新聞は、米国の関心が日本に向くあまり台湾が後回しにされると懸念した。'))).not.toContain('japan_passing');
    expect(raised(one('識者は、米国が中国との取引を急げば日本が後回しにされると警告した。'))).toContain('japan_passing');
    expect(raised(one('中国紙は、日米の主張には大きな矛盾があると論評した。'))).not.toContain('entrapment');
    expect(raised(one('国会の頭越しに決まった合意に、野党は強く反発した。'))).not.toContain('abandonment');
    expect(raised(one('米中が日本の頭越しに合意するのではないかと政府は警戒している。'))).toContain('abandonment');
  });
  it('Japanese: the nuclear umbrella raises reassurance only as a commitment', () => {
    expect(raised(one('核の傘の下で安全を享受してきた日本には、廃絶を語る資格がないとの声もある。'))).not.toContain('reassurance');
    expect(raised(one('国防長官は、核の傘を今後も提供し続けると確約した。'))).toContain('reassurance');
  });
  it('Japanese: acting of its own accord is no nationalism; a call not to defer to Washington is', () => {
    expect(raised(one('政府は、今回の支援は我が国が自主的に決めたものだと説明した。'))).not.toContain('nationalism');
    const call = one('政府は米国に遠慮せず、地位協定の見直しを求めるべきだ。');
    expect(raised(call)).toContain('nationalism');
    expect(raised(call)).not.toContain('autonomy');
  });
});

describe('denials', () => {
  it("'Japan decides, and we respect it' affirms support and denies no dependence (an exclusion sets a denial aside)", () => {
    const d = one('国務省の報道官は、部隊をどこに送るかは日本が決めることであり、その決定を尊重すると述べた。');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).not.toContain('autonomy');
    // without the respect, the same wording still denies dependence
    expect(negated(one('官房長官は、部隊をどこに送るかは日本が決めることだと強調した。'))).toContain('autonomy');
  });
  it("reassurances that deny abandonment: 'not going anywhere', nothing decided without Japan, troops not on the table", () => {
    const stay = one('The admiral told reporters that the carriers in Yokosuka are not going anywhere.');
    expect(raised(stay)).toContain('reassurance');
    expect(negated(stay)).toContain('abandonment');
    expect(negated(one('The envoy promised that no decision about the islands would be taken without Tokyo.'))).toContain('abandonment');
    expect(negated(one('He said American forces in Japan are not on the table in the tariff talks.'))).toContain('abandonment');
  });
  it('the non-nuclear policy affirmed denies the bomb; a call to review it raises it', () => {
    expect(negated(one('The spokesman said Tokyo had reaffirmed its non-nuclear principles that morning.'))).toContain('nuclear');
    expect(negated(one('For most voters the non-nuclear policy remains unchanged and the principles are not up for debate.'))).toContain('nuclear');
    expect(negated(one('首相は、核兵器を持たず作らずという方針を守ると述べた。'))).toContain('nuclear');
    expect(negated(one('野党は非核三原則を法制化するよう求めている。'))).toContain('nuclear');
    expect(raised(one('一部の議員は非核三原則の見直しを主張し始めた。'))).toContain('nuclear');
  });
  it("'not done because Washington asked' denies burden_pressure; Japan's own judgment on spending too", () => {
    expect(negated(one('防衛相は「米国に言われて増やすものではない」と強調した。'))).toContain('burden_pressure');
    expect(negated(one('駐留経費の水準は、我が国が主体的に判断したものだ。'))).toContain('burden_pressure');
  });
  it("a harm that is the favourable wording's own last word, denied, affirms the relationship", () => {
    const d = one('大使は「今回の摩擦で日米同盟の土台が揺らぐことはない」と述べた。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('a fear or a call that has faded is negated (its absence noted)', () => {
    expect(negated(one('In Tokyo the fear of being dragged into an American war has faded.'))).toContain('entrapment');
    expect(negated(one('The talk of a Japanese bomb has died down since the summit.'))).toContain('nuclear');
    expect(raised(one('In Tokyo the fear of being dragged into an American war is growing.'))).toContain('entrapment');
  });
  it('Japanese dismissals: 買いかぶり, a stock phrase called old, ご懸念には及ばない, the case not envisaged', () => {
    expect(negated(one('今回の決定を対米自立の第一歩とみるのは買いかぶりだ。'))).toContain('nationalism');
    expect(negated(one('対米追従なんて、そういう決まり文句はもう古い。'))).toContain('autonomy');
    const d = decide(
      [
        { text: '委員　日本が米国の戦争に巻き込まれるのではありませんか。', paragraph: 0 },
        { text: '大臣　ご指摘のような事態は想定しておりません。', paragraph: 0 },
      ],
      { docSide: null },
      rules,
    )[1] as SentenceDecision;
    expect(negated(d)).toContain('entrapment');
  });
  it('Japanese: a wavering ally dismissed as a worry, a nuclear button forbidden', () => {
    expect(negated(one('外務省幹部は「米国が有事に及び腰になるという見方は杞憂だ」と述べた。'))).toContain('abandonment');
    expect(negated(one('日本が核のボタンを握る日など、あってはならない。'))).toContain('nuclear');
  });
  it('no reason to doubt the commitment raises no abandonment; doubting it does', () => {
    expect(raised(one('There is no reason to doubt America\'s commitment, the minister said.'))).not.toContain('abandonment');
    expect(raised(one('Privately, senior officials doubt Washington\'s commitment to the islands.'))).toContain('abandonment');
  });
});

describe('new families', () => {
  it('one_way: free-riding on technology, a country that is only protected', () => {
    expect(raised(one('米議員は「日本による技術のただ取りだ」と批判した。'))).toContain('one_way');
    expect(raised(one('日本はいつまで守られるだけの国でいるのか。'))).toContain('one_way');
    expect(negated(one('日本はもう守られるだけの国ではない、と大使は述べた。'))).toContain('one_way');
  });
  it("autonomy: walking behind the U.S., the ally's yardstick", () => {
    expect(raised(one('日本外交は米国の後ろを歩くばかりだと批判された。'))).toContain('autonomy');
    expect(raised(one('目標額は米国の物差しで決まったとの批判がある。'))).toContain('autonomy');
  });
  it('reassurance: the alliance valued, the security treaty upheld', () => {
    expect(raised(one('米側は「日米同盟を重視する姿勢に変わりはない」と説明した。'))).toContain('reassurance');
    expect(raised(one('首相は訪米で日米安保体制を堅持すると約束した。'))).toContain('reassurance');
  });
});

describe('back-references and dismissals (English)', () => {
  it('"the idea that …" names its own content and "… that worry me" is a verb: neither negates the unit before', () => {
    const pair = (second: string): SentenceDecision =>
      decide(
        [
          { text: 'Critics say Japan simply follows Washington on every vote.', paragraph: 0 },
          { text: second, paragraph: 0 },
        ],
        { docSide: null },
        rules,
      )[1] as SentenceDecision;
    expect(negated(pair('I do not accept the idea that the alliance is in trouble.'))).not.toContain('autonomy');
    expect(negated(pair("It is the trade figures, not the treaty, that worry me."))).not.toContain('autonomy');
    // a true back-reference still dismisses what came before
    expect(negated(pair('I do not accept that view.'))).toContain('autonomy');
  });
  it('views judged wrong with a hedge or an adverb between are negated', () => {
    expect(negated(one('Fears of being sidelined by a U.S.-China deal are largely misplaced.'))).toContain('japan_passing');
    expect(negated(one('Officials brushed aside worries that America might pull out.'))).toContain('abandonment');
    expect(negated(one('The suggestion that Tokyo would desert its ally is frankly absurd.'))).toContain('abandonment');
  });
  it('"does not want to be dragged in" voices the fear', () => {
    expect(raised(one('Tokyo does not want to be dragged into a war over Taiwan.'))).toContain('entrapment');
  });
  it('Japan described as irrelevant or flown over raises japan_passing; brushed aside needs Japan as its object', () => {
    expect(raised(one('The president flew over Japan on his way to Beijing.'))).toContain('japan_passing');
    expect(raised(one('Japanese diplomats felt that Tokyo was brushed aside at the summit.'))).toContain('japan_passing');
    expect(raised(one('The minister brushed aside questions about the budget.'))).not.toContain('japan_passing');
  });
});

describe('English families worded without their keyword', () => {
  it('autonomy: toeing the line, lockstep, going along, not daring to cross Washington', () => {
    for (const text of [
      "The cabinet toed Washington's line on sanctions yet again.",
      'Tokyo has moved in lockstep with Washington for decades.',
      'The government meekly went along with the American request.',
      'Japanese leaders dare not cross Washington on anything that matters.',
      "Tokyo waits for Washington's cue before it says anything on Taiwan.",
    ]) expect(raised(one(text))).toContain('autonomy');
  });
  it('nationalism, not autonomy: refusing to bow, a call to say no', () => {
    const d = one('The governor vowed that Okinawa would not bow to Washington any longer.');
    expect(raised(d)).toContain('nationalism');
    expect(raised(d)).not.toContain('autonomy');
    expect(raised(one('Japan must learn to say no to Washington.'))).not.toContain('autonomy');
  });
  it('reassurance: standing with Japan, the treaty covering the islands, counting on America', () => {
    for (const text of [
      'The secretary said Washington will stand with Japan in any confrontation.',
      'The envoy repeated that the treaty covers the Senkaku Islands.',
      'Japan can count on the United States, the president said.',
    ]) expect(raised(one(text))).toContain('reassurance');
    expect(raised(one('Trust in the American commitment has eroded in Tokyo.'))).not.toContain('reassurance');
  });
  it('one_way and burden_pressure: the bargain described is no push', () => {
    const d = one('Japan gives far more than it gets from this alliance.');
    expect(raised(d)).toContain('one_way');
    expect(raised(d)).not.toContain('burden_pressure');
    expect(raised(one('Obama urged Tokyo to avoid provoking Beijing over the islands.'))).not.toContain('burden_pressure');
  });
});

describe('Japanese negation forms', () => {
  it('denials with an adverb, absurdity, a past thing, few holders', () => {
    expect(negated(one('米国が日本を見捨てるなどという話は荒唐無稽だ。'))).toContain('abandonment');
    expect(negated(one('撤退は日本防衛への関与を弱めるものでは全くない。'))).toContain('abandonment');
    expect(negated(one('日本が核武装することは断じてない。'))).toContain('nuclear');
    expect(negated(one('核武装を主張する政治家はほとんどいない。'))).toContain('nuclear');
    expect(negated(one('日本が見捨てられるという不安は、もはや過去のものだ。'))).toContain('abandonment');
  });
  it('a worry that persists and an idiom of worry negate nothing', () => {
    expect(raised(one('米中の取引で日本が後回しにされる危うさは消えていない。'))).toContain('japan_passing');
    expect(raised(one('日本の頭越しに何かが決まるのではないかと、気が気でない。'))).toContain('abandonment');
  });
  it('a one-sided imposition is a push (burden_pressure), and denying it negates burden_pressure', () => {
    expect(negated(one('今回の合意は、米側の一方的な押しつけによるものではございません。'))).toContain('burden_pressure');
    expect(negated(one('今回の合意は、米側の一方的な押しつけによるものではございません。'))).not.toContain('one_way');
  });
});

describe('precision from rule statistics and late families', () => {
  it('Japanese: host-nation support raises burden_pressure only with a demand; local requests and pretexts raise nothing', () => {
    expect(raised(one('思いやり予算という名前からして、日本ばかりが払っている。'))).not.toContain('burden_pressure');
    expect(raised(one('米側は思いやり予算の大幅な増額を求めてきた。'))).toContain('burden_pressure');
    expect(raised(one('市長は国に騒音対策を強めるよう要望した。'))).not.toContain('burden_pressure');
    expect(raised(one('政府は条約を盾に説明を拒んだ。'))).not.toContain('entrapment');
    expect(raised(one('米国は日本を盾にして中国と向き合うつもりだ。'))).toContain('entrapment');
  });
  it('Japanese: 物申す is nationalism as a call, not as a plain mention', () => {
    expect(raised(one('政府は米国にもっと物申すべきだ。'))).toContain('nationalism');
    expect(raised(one('外相が米国に物申す場面はなかった。'))).not.toContain('nationalism');
  });
  it('English: off the table, little risk, both sides gain', () => {
    expect(negated(one('A Japanese bomb is off the table, the minister said.'))).toContain('nuclear');
    expect(raised(one('Tokyo fears a deal that would leave the abductee issue off the table.'))).toContain('abandonment');
    expect(negated(one('There is little risk that Japan will be drawn into an American war.'))).toContain('entrapment');
    expect(negated(one('Both sides gain from the alliance, the report concluded.'))).toContain('one_way');
  });
  it('Japanese: mutual benefit denies one_way; a request that never came denies burden_pressure', () => {
    expect(negated(one('安保条約は双方に利益のある取り決めだと首相は述べた。'))).toContain('one_way');
    expect(negated(one('長官は「米側から具体的な要求はなかった」と述べた。'))).toContain('burden_pressure');
  });
});

