// Round 8 of the Japanese code and negation rules: families of denials mined from the training files by the way
// they are worded (an event that never came, a fear called needless, praise called a sham, an option rejected,
// "not so much X as Y", a view never heard, a push denied by its past form or by naming the demand). Each family is
// checked with a raise of the same concern beside it, so a test fails if the cue fires on the raise too. The rules
// are tested alone (the codebook read as text has no folder, so no model). Every sentence below was written for
// this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe('Japanese denials: an event that never came, a fear called needless', () => {
  it('"not … either" (わけでもない) denies like わけではない', () => {
    expect(negated(one('今回の決定は、米国が日本を見限ったわけでもない。'))).toContain('abandonment');
    expect(raised(one('今回の決定で、米国は日本を見限った。'))).toContain('abandonment');
  });
  it('a feared event that did not happen (事態は起きなかった, 日など来ない, 例は一度もない)', () => {
    expect(negated(one('結局、日本が置き去りにされる事態は起きなかった。'))).toContain('abandonment');
    expect(negated(one('米国が日本を見捨てる日など来ない。'))).toContain('abandonment');
    expect(negated(one('米国が同盟国を見捨てた例は、これまで一度もない。'))).toContain('abandonment');
    expect(raised(one('日本が置き去りにされる事態が起きた。'))).toContain('abandonment');
  });
  it('a fear called needless, overdone or a misunderstanding', () => {
    expect(negated(one('米国に見捨てられるという心配はご無用です。'))).toContain('abandonment');
    expect(negated(one('米国に見捨てられるなんて、心配しすぎだ。'))).toContain('abandonment');
    expect(negated(one('見捨てられるのではとの不安は、まったくの誤解だ。'))).toContain('abandonment');
    expect(negated(one('米国に見捨てられることを心配する必要は、当面はないだろう。'))).toContain('abandonment');
  });
  it('unthinkable with an adverb between (まず考えられない, 想定し難い)', () => {
    expect(negated(one('米国が日本から手を引くことは、まず考えられない。'))).toContain('abandonment');
    expect(negated(one('米国が日本から手を引く事態は、想定し難い。'))).toContain('abandonment');
    expect(raised(one('米国が日本から手を引くことも考えられる。'))).toContain('abandonment');
  });
  it('a report or a saying judged false or a myth', () => {
    expect(negated(one('日本の頭越しに合意したという報道は誤りだ。'))).toContain('abandonment');
    expect(negated(one('日本が米国に何も言えないというのは神話にすぎない。'))).toContain('autonomy');
  });
});

describe('Japanese denials: praise called a sham, options rejected, views unheard', () => {
  it('praise of the relationship called a show is denied, plain praise stays', () => {
    expect(negated(one('日米の蜜月は表向きだけだ、と評論家は書いた。'))).toContain('relationship_positive');
    expect(negated(one('両国の結束は見せかけにすぎない。'))).toContain('relationship_positive');
    expect(raised(one('両国の結束は固い。'))).toContain('relationship_positive');
  });
  it('an option rejected (…には反対する, 話には乗れない, 道だけは選んではいけない)', () => {
    expect(negated(one('私は、日本が核兵器を持つことには強く反対する。'))).toContain('nuclear');
    expect(negated(one('核武装で不安を消すという話には乗れない。'))).toContain('nuclear');
    expect(negated(one('たとえ何があっても、核武装の道だけは選んではいけない。'))).toContain('nuclear');
    expect(raised(one('日本も核武装を検討すべきだ。'))).toContain('nuclear');
  });
  it('"not so much X as Y" (XというよりY) denies X', () => {
    expect(negated(one('米国の圧力というより、日本自身の必要から決めた。'))).toContain('burden_pressure');
  });
  it('set aside as unrelated', () => {
    expect(negated(one('今回の増額は、米国の要求とは無関係だ。'))).toContain('burden_pressure');
  });
  it('a view never heard takes a topic (は/も), so a concern worded as an absence stays raised', () => {
    expect(negated(one('日本が見捨てられるという議論は、現地ではほとんど聞かれない。'))).toContain('abandonment');
    expect(negated(one('日本が見捨てられるという議論も、現地ではほとんど聞かれない。'))).toContain('abandonment');
  });
});

describe('Japanese burden_pressure denied by its past form or by the demand named', () => {
  it('a push denied in the past form (強いたものではない, 頼まれたものではない, 押しつけられた購入はない)', () => {
    expect(negated(one('今回の派遣は、米国が強いたものではない。'))).toContain('burden_pressure');
    expect(negated(one('新しい装備は、米国に押しつけられた購入ではない。'))).toContain('burden_pressure');
    expect(negated(one('米国に押しつけられた購入はない。'))).toContain('burden_pressure');
  });
  it('a demand named and denied as the cause (要求によるものではない), not a question (屈したのではないか)', () => {
    expect(negated(one('防衛費の見直しは、米国の要求によるものではございません。'))).toContain('burden_pressure');
    const asked = one('委員：国内には、米国の圧力に屈したのではないかという声があります。');
    expect(negated(asked)).not.toContain('burden_pressure');
    expect(raised(asked)).toContain('burden_pressure');
  });
});

describe('Japanese autonomy: following the ally denied', () => {
  it('a verb of following after the ally, denied by わけではない or 判断ではない', () => {
    expect(negated(one('政府は、アメリカの方針にただ追随しているわけではない。'))).toContain('autonomy');
    expect(negated(one('今回の制裁は、ワシントンに歩調を合わせた判断ではない。'))).toContain('autonomy');
    expect(negated(one('日本は、黙って従っているわけではありません。'))).toContain('autonomy');
    expect(negated(one('日本は何も言えずにいるわけではない。'))).toContain('autonomy');
  });
  it('the same following asserted is no denial', () => {
    const d = one('政府は、アメリカの方針にただ追随している。');
    expect(negated(d)).not.toContain('autonomy');
    expect(raised(d)).toContain('autonomy');
  });
});

describe('Japanese japan_passing: dealings with China said not to harm Japan', () => {
  it('a harm verb after China and Japan or the alliance, denied, negates japan_passing', () => {
    expect(negated(one('長官は、中国との首脳会談が日米同盟を損なうものではないと述べた。'))).toContain('japan_passing');
    expect(negated(one('長官は、対中交渉は日本の立場を少しも損なわないと強調した。'))).toContain('japan_passing');
  });
  it('the same harm asked about is no denial', () => {
    expect(negated(one('中国との接近が日米同盟を損なうのではないかと懸念する声がある。'))).not.toContain('japan_passing');
  });
});

describe('Japanese abandonment: the commitment or the forces said not to be cut', () => {
  it('a plan or intention to cut or review, denied, negates abandonment', () => {
    expect(negated(one('国防長官は、在日米軍の兵力を削減する計画はないと明言した。'))).toContain('abandonment');
  });
  it('the same plan announced is no denial', () => {
    expect(negated(one('国防長官は、在日米軍の兵力を削減する計画を発表した。'))).not.toContain('abandonment');
  });
});

describe('Japanese nuclear: the three principles stated or the road closed (rule 6)', () => {
  it('stating or following the principles, or a road closed in the past, negates nuclear', () => {
    expect(negated(one('政府は非核三原則を表明し、核保有の道を封じた。'))).toContain('nuclear');
    expect(negated(one('閣僚として、政府の非核三原則に従います。'))).toContain('nuclear');
  });
  it('a road that a condition would close is still talk of the bomb', () => {
    const d = one('条約に入れば、日本は核武装の道を閉ざすことになる。');
    expect(raised(d)).toContain('nuclear');
    expect(negated(d)).not.toContain('nuclear');
  });
});

describe('Japanese 対等: a description or a rhetorical question is no call (rule 9)', () => {
  it('the ally called an equal partner now is praise, not nationalism', () => {
    const d = one('長官は「日本は対等なパートナーだ」と述べた。');
    expect(raised(d)).toContain('relationship_positive');
    expect(raised(d)).not.toContain('nationalism');
  });
  it('a call to act as an equal partner stays nationalism', () => {
    expect(raised(one('日本は対等なパートナーとして堂々と主張すべきだ。'))).toContain('nationalism');
  });
  it('"can this be called equal?" about an unequal deal is no call', () => {
    expect(raised(one('これで対等な同盟と言えるのか。'))).not.toContain('nationalism');
  });
});

describe('Japanese 独立国/主権国家 asked rhetorically, distance from a remark', () => {
  it('"is this a sovereign country?" about a subordinate one raises autonomy, not nationalism', () => {
    const d = one('米軍機の事故を日本が調べられない。これで主権国家と言えるのか。');
    expect(raised(d)).toContain('autonomy');
    expect(raised(d)).not.toContain('nationalism');
  });
  it('distance from a remark is no distance from the ally; distance from the ally still is', () => {
    expect(raised(one('報道官は、議員の発言と距離を置いた。'))).not.toContain('nationalism');
    expect(raised(one('日本は米国と距離を置くべきだ。'))).toContain('nationalism');
  });
});

describe('Japanese senses that must not fire (rule 11)', () => {
  it('a U.S. withdrawal from somewhere else is no abandonment of Japan; from Japan it is', () => {
    expect(raised(one('米軍のアフガニスタン撤退は混乱のうちに終わった。'))).not.toContain('abandonment');
    expect(raised(one('米軍が日本から撤退すれば、日本は丸裸になる。'))).toContain('abandonment');
  });
  it('supporters of a party affirm nothing about the ally', () => {
    expect(raised(one('共和党支持者の多くは日本に厳しい。'))).not.toContain('reassurance');
  });
});
