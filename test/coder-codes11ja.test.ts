// Round 11 of the Japanese code and negation rules: families mined from the training files with the rules alone (train11-ja
// as it landed, then train10, train9 and older files). Following worded without its keyword (autonomy), the ally doubted when
// it counts, turning its back or telling Japan after the fact (abandonment), the most trusted ally and ties that do not crumble
// (relationship_positive), forcing or hard-selling and an acquisition explained by Japan's own needs (burden_pressure), the
// wordings entrapment's denials use; and on the negation side: a claim of nobody in particular answered in the same unit, double
// negatives, a concern closed by its own て-form, questions, "no wonder" and superlatives that deny nothing, and the answer's
// "not so" by reference. Each family is checked beside a sentence that must not change. The rules are tested alone (the
// codebook read as text has no folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

describe('following worded without its keyword (autonomy)', () => {
  it('a baton, unable to speak up, currying favour, promising Washington first, no means to refuse', () => {
    expect(raised(one('評論家は「日本の外交は米国の指揮棒に従って動いている」と述べた。'))).toContain('autonomy');
    expect(raised(one('結局、この国の政府は米国にものを言えないのだと思う。'))).toContain('autonomy');
    expect(raised(one('首相の訪米は、大統領のご機嫌取りに終わったと野党は批判した。'))).toContain('autonomy');
    expect(raised(one('○森委員　国民への説明より先に米議会で約束するとは、順序が逆ではありませんか。'))).toContain('autonomy');
    expect(raised(one('米軍の要請を断る術を持たない政府に、主権を語る資格はない。'))).toContain('autonomy');
    expect(raised(one('日本はこの半世紀、米国の方針に異を唱えることがほとんどなかった。'))).toContain('autonomy');
    expect(raised(one('日本の外交は米国の動きを見て後を追うだけだ。'))).toContain('autonomy');
    expect(raised(one('町としては、国と米軍が決めた計画を受け入れるしかなかった。'))).toContain('autonomy');
  });
  it('a call not to wait for the ally, and a Japan that can speak its mind, raise no autonomy', () => {
    expect(raised(one('日本は米国の判断を待つのではなく、自ら構想を示すべきだ。'))).not.toContain('autonomy');
    expect(raised(one('日本は米国にも物を言える国になった。'))).not.toContain('autonomy');
  });
  it('unable to speak up is no call to assert (no nationalism)', () => {
    expect(raised(one('日本は米国に物を言えないままだ。'))).not.toContain('nationalism');
    expect(negated(one('日本は米国に物を言えないままだ。'))).not.toContain('nationalism');
  });
  it('a concern closed by its own て-form is asserted; the later negation speaks of the next clause', () => {
    const d = one('日本は米国の戦略に合わせて動くだけで、自前の構想を持っていない。');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).not.toContain('autonomy');
  });
});

describe('the ally doubted when it counts, turning its back, telling Japan afterwards (abandonment)', () => {
  it('raised', () => {
    expect(raised(one('有事の際に米軍が本当に駆けつけてくれるのか、島の人々は半信半疑だ。'))).toContain('abandonment');
    expect(raised(one('いざとなったら米国は当てにならないという声が町にはある。'))).toContain('abandonment');
    expect(raised(one('支援をためらえば、肝心な時に米国に背を向けられかねない。'))).toContain('abandonment');
    expect(raised(one('結局、日本は後から結果を知らされるだけなのかと外務省幹部は嘆いた。'))).toContain('abandonment');
    expect(raised(one('防衛省は、方針転換を報道で初めて知ったという。'))).toContain('abandonment');
    expect(raised(one('評論家は「米国が自国の港を危険にさらしてまで日本を守るはずがない」と語った。'))).toContain('abandonment');
    expect(raised(one('議会の空気次第では、同盟国への関与が揺らぎかねない。'))).toContain('abandonment');
  });
  it('denied where met denied', () => {
    expect(negated(one('○防衛大臣　米国の拡大抑止が揺らいでいるという見方は当たりません。'))).toContain('abandonment');
    expect(negated(one('米国が日本を手放すなどということは考えられない。'))).toContain('abandonment');
  });
  it('a reliable ally, a Japan turning its own back, an affirmation with は: no abandonment', () => {
    expect(raised(one('いざという時に本当に頼りになる友人だと、あの災害で知った。'))).not.toContain('abandonment');
    expect(raised(one('米国に背を向けて独自の道を歩めという主張もある。'))).not.toContain('abandonment');
    expect(negated(one('国防長官は「日本を守る約束はいささかも揺らいでいない」と述べた。'))).not.toContain('abandonment');
  });
});

describe('the most trusted ally, ties that do not crumble (relationship_positive)', () => {
  it('raised', () => {
    expect(raised(one('上院議員は「日本ほど信頼できる同盟国はない」と語った。'))).toContain('relationship_positive');
    expect(raised(one('米国にとって、アジアで最も信頼の置けるパートナーは日本だ。'))).toContain('relationship_positive');
    expect(raised(one('両国の絆は、一度の摩擦で崩れるほどもろいものではない。'))).toContain('relationship_positive');
    expect(raised(one('結局、あの交渉で日米関係が傷つくことはなかった。'))).toContain('relationship_positive');
    expect(raised(one('大臣：日米は何でも率直に話し合える間柄であります。'))).toContain('relationship_positive');
    expect(raised(one('大使は「日米は自由と民主主義という価値観を共有している」と述べた。'))).toContain('relationship_positive');
  });
  it('a crumbling relationship is no praise', () => {
    expect(raised(one('両国の信頼はすでに崩れ始めている。'))).not.toContain('relationship_positive');
  });
});

describe("forcing, hard-selling, and Japan's own needs (burden_pressure)", () => {
  it('forcing by the ally raises; its denial negates', () => {
    expect(raised(one('野党は「結局は米国に押しつけられた計画だ」と批判した。'))).toContain('burden_pressure');
    expect(negated(one('防衛相は「装備は押し売りされているわけではない」と述べた。'))).toContain('burden_pressure');
    expect(negated(one('これを米国の押しつけと見るのは当たらない。'))).toContain('burden_pressure');
  });
  it('a burden put on Okinawa, or Japan putting costs on the U.S., is no push by the ally', () => {
    expect(raised(one('基地の負担はいつも沖縄に押しつけられてきた。'))).not.toContain('burden_pressure');
    expect(raised(one('上院議員は、日本が防衛の費用を米国に押しつけてきたと主張した。'))).not.toContain('burden_pressure');
  });
  it("an acquisition explained by Japan's own defence needs negates the push", () => {
    expect(negated(one('○防衛大臣　新型ミサイルの取得は、我が国の防衛上の必要性から判断したものであります。'))).toContain('burden_pressure');
    expect(negated(one('官房長官：哨戒機の導入は、我が国が選定したものでございます。'))).toContain('burden_pressure');
  });
});

describe("the wordings entrapment's denials use", () => {
  it('denied', () => {
    expect(negated(one('政府高官は「声明は軍事的な関与を約束するものではない」と述べた。'))).toContain('entrapment');
    expect(negated(one('外務省は「自衛隊が戦闘行為に加わることはない」と説明した。'))).toContain('entrapment');
    expect(negated(one('防衛省は「演習は特定の国を念頭に置いたものではない」と説明した。'))).toContain('entrapment');
    expect(negated(one('首相は「日本を米中の対立に引き込むものではない」と釈明した。'))).toContain('entrapment');
  });
  it('raised where asserted', () => {
    expect(raised(one('野党は「この合意は日本を米中の対立に引き込む」と批判した。'))).toContain('entrapment');
  });
});

describe('a claim of nobody in particular answered in the same unit (rule 6)', () => {
  it('negated', () => {
    expect(negated(one('米国が日本を見捨てるとか言う人もいるけど、毎年の共同訓練の規模を見てほしい。'))).toContain('abandonment');
    expect(negated(one('回答者（札幌・41歳）：戦争に巻き込まれるって騒ぐ人も多いけど、抑止はそのためにあるものだと思う。'))).toContain('entrapment');
    expect(negated(one('回答者（松江・33歳）：米中が接近して日本が置き去りにされるという話はよく聞きますが、身近にそう感じたことはありません。'))).toContain('japan_passing');
  });
  it('a claim granted, or one with a named holder, stays raised', () => {
    expect(raised(one('米国が日本を見捨てるとか言う人もいるけど、その気持ちはわかる。'))).toContain('abandonment');
    expect(raised(one('野党幹部は、米国が日本を見捨てると批判するが、政府は反論している。'))).toContain('abandonment');
  });
});

describe('negations that deny nothing, or deny a denial', () => {
  it('a double negative affirms the concern', () => {
    expect(raised(one('米国の戦争に付き合わされる心配がないとは言えない。'))).toContain('entrapment');
    expect(negated(one('米国の戦争に付き合わされる心配がないとは言えない。'))).not.toContain('entrapment');
    expect(raised(one('今回の増額に米国の要請がなかったとは考えにくい。'))).toContain('burden_pressure');
  });
  it("a denial of a verb inside a code's wording is still a denial", () => {
    expect(negated(one('その見返りが全くないとまでは言えない。'))).toContain('one_way');
    expect(raised(one('その見返りが全くないとまでは言えない。'))).not.toContain('one_way');
  });
  it('no wonder, a question, a superlative', () => {
    expect(negated(one('米国に見捨てられる不安を抱く人がいても不思議ではありません。'))).not.toContain('abandonment');
    expect(negated(one('○委員　日本が取り残される心配はないのか、伺います。'))).not.toContain('abandonment');
    const best = one('今の日米ほど互いを信頼し合っている同盟関係は他にありません。');
    expect(raised(best)).toContain('relationship_positive');
    expect(negated(best)).not.toContain('relationship_positive');
  });
  it('no call to lament, a reading that strains, not what it is, no ground at all', () => {
    expect(negated(one('訪中前に電話会談もあったのだから、日本を素通りしたとまで言うには及ぶまい。'))).toContain('japan_passing');
    expect(negated(one('米国が日本を見限ったという見方には無理がある。'))).toContain('abandonment');
    expect(negated(one('【@umi_2030・横須賀】見捨てる話とは違う。むしろ逆だ。'))).toContain('abandonment');
    expect(negated(one('部長は「米国の関与が揺らぐという心配には、何の根拠もない」と述べた。'))).toContain('abandonment');
  });
});

describe("the answer's flat 'not so' by reference", () => {
  it("ご指摘には当たりません, そのようなことはありません negate the question's concern", () => {
    const [, a] = runCoder(['記者：今回の増額は、米国から強く求められたものではないかとの指摘があります。', '防衛相：ご指摘には当たりません。'], { docSide: null }, rulesOnly);
    expect(negated(a as Parameters<typeof negated>[0])).toContain('burden_pressure');
    const [, b] = runCoder(['記者：米国が日本を見捨てるのではないかとの声があります。', '報道官：まったくそのようなことはありません。'], { docSide: null }, rulesOnly);
    expect(negated(b as Parameters<typeof negated>[0])).toContain('abandonment');
  });
  it('an answer after a unit that raised nothing negates nothing', () => {
    const [, a] = runCoder(['記者：来週の日程を教えてください。', '防衛相：ご指摘には当たりません。'], { docSide: null }, rulesOnly);
    expect(negated(a as Parameters<typeof negated>[0])).toEqual([]);
  });
});

describe('"we defend them while they…", bills paid down to the last, nothing given back (one_way)', () => {
  it('raised', () => {
    expect(raised(one('議員は「我々が日本を守っている間に、日本は我々の市場で稼いでいる」と演説した。'))).toContain('one_way');
    expect(raised(one('大統領は「日本は我々に守られながら、ろくに払っていない」とこぼした。'))).toContain('one_way');
    expect(negated(one('大統領は「日本は我々に守られながら、ろくに払っていない」とこぼした。'))).not.toContain('one_way');
    expect(raised(one('野党は「隊舎の光熱費まで日本が払うのはおかしい」と批判した。'))).toContain('one_way');
    expect(raised(one('議員は「日本は我々の技術をただ同然で手に入れている」と主張した。'))).toContain('one_way');
    expect(raised(one('野党は「前払いしたのに品物が届かない。対等な取引とは言えない」と批判した。'))).toContain('one_way');
    expect(negated(one('野党は「前払いしたのに品物が届かない。対等な取引とは言えない」と批判した。'))).not.toContain('nationalism');
  });
});

describe('more following (autonomy) and its nationalist look-alikes', () => {
  it('raised', () => {
    expect(raised(one('首相は大統領の機嫌をうかがうことに終始した。'))).toContain('autonomy');
    expect(raised(one('野党は「訪米のお土産を用意しただけだ」と批判した。'))).toContain('autonomy');
    expect(raised(one('港の町に住んでいると、何事もアメリカ次第だと感じる。'))).toContain('autonomy');
    expect(raised(one('当時の政権には、米国の戦略に異を唱えられない事情があった。'))).toContain('autonomy');
    expect(negated(one('当時の政権には、米国の戦略に異を唱えられない事情があった。'))).not.toContain('nationalism');
    expect(raised(one('議事録を読んでも、政府が米国の方針に異を唱えた形跡はほとんど見当たらない。'))).toContain('autonomy');
  });
  it('a call to object is still nationalism', () => {
    expect(raised(one('日本は米国に対して、はっきり異を唱えるべきだ。'))).toContain('nationalism');
  });
});

describe("denials asked about or urged against, and the minister's bare answers", () => {
  it('a denial closed by a question particle, or "should not be shelved", denies nothing', () => {
    expect(negated(one('○委員　今回の派遣は、米国から強く求められたものではないのですか。'))).not.toContain('burden_pressure');
    expect(negated(one('議員は「核保有の議論を封印すべきではない」と語った。'))).not.toContain('nuclear');
  });
  it('a realisation is no question (…わけでもないのかと思いました)', () => {
    expect(negated(one('回答者（奈良・29歳）：交渉の話を聞いて、言いなりというわけでもないのかと思いました。'))).toContain('autonomy');
  });
  it('a claim answered only by another question stays raised', () => {
    expect(raised(one('回答者（津・50歳）：核を持てばいいという人もいますが、そうなったら近隣との関係はどうなるのでしょうか。'))).toContain('nuclear');
  });
  it('ございません。 as the whole answer, そうはならないと考えております, 議題には上っておりません', () => {
    const [, a] = runCoder(['○委員　米国が日本を見捨てるという懸念はないのですか。', '○外務大臣　ございません。'], { docSide: null }, rulesOnly);
    expect(negated(a as Parameters<typeof negated>[0])).toContain('abandonment');
    const [, b] = runCoder(['○委員　米国が日本を見捨てることにならないか、伺います。', '○外務大臣　そうはならないと考えております。'], { docSide: null }, rulesOnly);
    expect(negated(b as Parameters<typeof negated>[0])).toContain('abandonment');
    const [, c] = runCoder(['記者：会談では防衛費の増額を求められたのですか。', '○内閣総理大臣　議題には上っておりません。'], { docSide: null }, rulesOnly);
    expect(negated(c as Parameters<typeof negated>[0])).toContain('burden_pressure');
  });
  it("a code verb's own negation denied again (巻き込まれないと言い切れない) raises", () => {
    const d = one('米国の戦争に巻き込まれないと言い切れない以上、備えは要る。');
    expect(raised(d)).toContain('entrapment');
    expect(negated(d)).not.toContain('entrapment');
    expect(negated(one('首相は「日本が米国の戦争に巻き込まれない仕組みは整っている」と述べた。'))).toContain('entrapment');
  });
});

describe("the ally's pledge worded plainly (reassurance)", () => {
  it('raised', () => {
    expect(raised(one('国務長官は「どの政権になろうと、米国は日本を守る」と述べた。'))).toContain('reassurance');
    expect(raised(one('大統領は電話会談で「米国は日本と百パーセント共にある」と語った。'))).toContain('reassurance');
    expect(raised(one('司令官は「島が危機に陥れば、我々は必ずそばにいる」と約束した。'))).toContain('reassurance');
  });
  it('a description of the bargain, or a doubt, is no pledge', () => {
    expect(raised(one('同盟は、日本が基地を出し、米国が日本を守るという取引の上に成り立っている。'))).not.toContain('reassurance');
    expect(raised(one('いざというとき米国が日本を守るとは限らない。'))).not.toContain('reassurance');
  });
});

describe('Washington and Beijing settling things between them (japan_passing)', () => {
  it('raised', () => {
    expect(raised(one('【@minato_2031・横浜】台湾のことを米中で勝手に決められたらたまらない。'))).toContain('japan_passing');
    expect(raised(one('外務省内には、米中が二国間で物事を決めていく流れへの警戒がある。'))).toContain('japan_passing');
  });
  it('denied where met denied; a tour that skips Tokyo is not matched', () => {
    expect(negated(one('当局者は「アジアの将来を米中で決めるつもりはない」と強調した。'))).toContain('japan_passing');
    expect(raised(one('長官は北京を発った後、東京には立ち寄らずに帰国した。'))).not.toContain('japan_passing');
  });
});

describe("saying one's piece and the spirit to stand up (nationalism)", () => {
  it('raised', () => {
    expect(raised(one('日米が言いたいことを言い合える関係になってこそ、同盟は本物になる。'))).toContain('nationalism');
    expect(raised(one('【@hinode_2029】関税には関税で返すぐらいの気概を見せてほしい。'))).toContain('nationalism');
  });
  it('the spirit found wanting is the complaint of following', () => {
    const d = one('外相には、米国に物申す気概がまったく見えない。');
    expect(raised(d)).toContain('autonomy');
    expect(raised(d)).not.toContain('nationalism');
  });
});
