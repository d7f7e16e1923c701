// Round 10 of the Japanese code and negation rules, second pass: families mined from the training files with the rules
// alone: the government's own judgment stated as a fact and Japan described as having gone its own way (negated autonomy),
// the alliance said to enter a new stage, to be mature, the best of its kind or a community of fate (relationship_positive),
// the nuclear umbrella doubted, the ally's will to fight for Japan doubted, and a decision taken where Japan cannot see it
// (abandonment, negated where denied). Each family is checked beside a sentence that must not change. The rules are tested
// alone (the codebook read as text has no folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised } from './helpers/coder.js';

describe("the government's own judgment, stated as a fact (negated autonomy)", () => {
  it('独自に判断するもの, 自主的な判断だ, 自らの責任において決定, 主体的な判断であります, 日本として判断した', () => {
    expect(negated(one('○外務大臣　支援の規模は、我が国が独自に判断するものでございます。'))).toContain('autonomy');
    expect(negated(one('報道官は「今回の輸出規制は日本の自主的な判断だ」と述べた。'))).toContain('autonomy');
    expect(negated(one('○防衛大臣　装備の選定は、我が国が自らの責任において決定しております。'))).toContain('autonomy');
    expect(negated(one('○内閣総理大臣　派遣の是非は、最終的には我が国の主体的な判断であります。'))).toContain('autonomy');
    expect(negated(one('外相は「米国に頼まれたのではなく、日本として判断した」と語った。'))).toContain('autonomy');
  });
  it('a room that shrinks, a call, or a phrase merely quoted denies nothing', () => {
    expect(negated(one('日本が独自に判断する余地は年々狭まっている。'))).not.toContain('autonomy');
    expect(negated(one('防衛の中身は日本が独自に判断すべきだ。'))).not.toContain('autonomy');
    expect(negated(one('政府は「自主的な判断」と繰り返すが、実際は米国の注文どおりだ。'))).not.toContain('autonomy');
  });
});

describe('Japan described as having gone its own way (negated autonomy)', () => {
  it('米国と違う道を選んだ, 異なる判断をしてきた, 反対を押し切って進めた', () => {
    expect(negated(one('資源外交では、日本は米国と違う道を選んだこともある。'))).toContain('autonomy');
    expect(negated(one('日本は対ロシア政策で何度も米国とは異なる判断をしてきた。'))).toContain('autonomy');
    expect(negated(one('日本は米国の反対を押し切って独自の援助計画を進めた。'))).toContain('autonomy');
  });
  it('a call to go another way is no denial', () => {
    expect(negated(one('日本は米国と違う道を選ぶべきだ。'))).not.toContain('autonomy');
  });
});

describe('the alliance at a new stage, mature, the best of its kind (relationship_positive)', () => {
  it('新たな段階に入った, 新たな高みに達した, 新たな時代が開かれた', () => {
    expect(raised(one('国防長官は「日米の防衛協力は新たな段階に入った」と述べた。'))).toContain('relationship_positive');
    expect(raised(one('大使は「日米同盟は新たな高みに達した」と語った。'))).toContain('relationship_positive');
  });
  it('a new era named as a goal, or a new chapter of someone else, is not praise', () => {
    expect(raised(one('地位協定の改定を、日米の新たな時代の象徴として求めるべきだ。'))).not.toContain('relationship_positive');
    expect(raised(one('北京の新聞は米中関係の「新たな章」を強調した。'))).not.toContain('relationship_positive');
  });
  it('同盟の成熟を示す, ほど成熟している, 最も成功した同盟, 今ほど良かったことはない', () => {
    expect(raised(one('米政府は合意を「同盟の成熟を示すもの」と評価した。'))).toContain('relationship_positive');
    expect(raised(one('日米関係は、二十年前とは比べものにならないほど成熟している。'))).toContain('relationship_positive');
    expect(raised(one('元大使は、日米同盟を戦後で最も成功した同盟と呼んだ。'))).toContain('relationship_positive');
    expect(raised(one('上院議員は「日米関係が今ほど良かったことはない」と述べた。'))).toContain('relationship_positive');
  });
  it('the most important relationship said of China is no praise of the alliance', () => {
    expect(raised(one('米国は中国との関係を「最も重要な二国間関係」と呼んだ。'))).not.toContain('relationship_positive');
    expect(raised(one('いまほど米国が同盟国を値踏みしている時代はない。'))).not.toContain('relationship_positive');
  });
  it('日米は運命共同体だ', () => {
    expect(raised(one('元首相は、日米は太平洋を挟む運命共同体だと言った。'))).toContain('relationship_positive');
  });
});

describe('the umbrella and the will to fight doubted (abandonment)', () => {
  it('傘は本当に開くのか, 傘に穴が開けば, 傘が薄くなる', () => {
    expect(raised(one('野党議員は「米国の核の傘は本当に日本の上に開くのか」と問うた。'))).toContain('abandonment');
    expect(raised(one('専門家は、核の傘に穴が開けば日本の安全は危うくなると述べた。'))).toContain('abandonment');
    expect(raised(one('米国が戦力を減らせば、「核の傘」が薄くなるとの懸念がある。'))).toContain('abandonment');
  });
  it('an umbrella that will not shake is negated, not raised', () => {
    const d = one('国防総省の高官は「核の傘が揺らぐことはない」と述べた。');
    expect(raised(d)).not.toContain('abandonment');
    expect(negated(d)).toContain('abandonment');
  });
  it('doubt that the ally will fight or bleed for Japan', () => {
    expect(raised(one('有事に米兵が尖閣のために血を流すとは思えない。'))).toContain('abandonment');
    expect(raised(one('米国の有権者が日本のために息子を送ることに納得しないだろう。'))).toContain('abandonment');
    expect(raised(one('その時、米国が本当に日本を守るのか、誰にも分からない。'))).toContain('abandonment');
  });
  it('a duty to fight for Japan, stated, raises no fear', () => {
    expect(raised(one('米国は日本のために戦う義務を負っている。'))).not.toContain('abandonment');
  });
});

describe('a decision taken where Japan cannot see it (abandonment)', () => {
  it('raised when feared, negated when denied', () => {
    expect(raised(one('米中が日本の知らないところで台湾の扱いを決めるのが怖い。'))).toContain('abandonment');
    expect(negated(one('○外務大臣　米側が日本と協議せずに決めることは想定しておりません。'))).toContain('abandonment');
    expect(negated(one('報道官は「同盟国抜きで北京と何かを決めることはない」と述べた。'))).toContain('abandonment');
  });
  it('something unknown to Japan, with no decision, raises nothing', () => {
    expect(raised(one('日本の知らない料理が、ワシントンでは流行している。'))).not.toContain('abandonment');
  });
});

describe('left behind as the U.S. deals with China (japan_passing, rule 8)', () => {
  it('置き去り beside a deal with China is Japan passing, not abandonment', () => {
    const d = one('米国が中国と手を結べば、日本は置き去りにされるとの声が出ている。');
    expect(raised(d)).toContain('japan_passing');
    expect(raised(d)).not.toContain('abandonment');
  });
  it('置き去り with no China in view stays abandonment', () => {
    expect(raised(one('有事に米国が撤退し、日本が置き去りにされるのが怖い。'))).toContain('abandonment');
  });
});

describe('a specific figure put to Japan (burden_pressure)', () => {
  it('raised when put, negated when denied', () => {
    expect(raised(one('米側は会談で、防衛費の具体的な数字を突きつけてきた。'))).toContain('burden_pressure');
    const d = one('防衛相は「米側から具体的な金額を示された事実はない」と述べた。');
    expect(negated(d)).toContain('burden_pressure');
    expect(raised(d)).not.toContain('burden_pressure');
  });
  it('a level Japan sets for itself is no figure put to it', () => {
    expect(raised(one('防衛費の水準は我が国が決めるものだ。'))).not.toContain('burden_pressure');
  });
});

describe('diplomacy that fears the ally, a promise to Washington put first (autonomy)', () => {
  it('機嫌を損ねまいと, 米国との約束を優先, 主人と従者, 言うべきことを言えない', () => {
    expect(raised(one('政府は大統領の機嫌を損ねまいと、抗議すら控えた。'))).toContain('autonomy');
    expect(raised(one('国は住民の声より米国との約束を優先した。'))).toContain('autonomy');
    expect(raised(one('ある論評は、日米を「主人と従者」の間柄だと評した。'))).toContain('autonomy');
    expect(raised(one('親密になるほど、日本は言うべきことを言えなくなる。'))).toContain('autonomy');
  });
  it('keeping a promise to the ally is a commitment, not following', () => {
    expect(raised(one('首相は「日本は米国との約束を守る」と述べた。'))).not.toContain('autonomy');
  });
});
