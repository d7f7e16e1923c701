// Round 12 of the Japanese negation rules: denials by reference. A unit with no concern of its own denied may deny the
// previous unit's concern: an official's answer closed by a negative that points at what was asked (そのような, ご指摘の,
// 同列に), a verdict on a claim whose clause refers back to it (その評判は…当てはまらない, それを…と片付けるのは的を射ていない),
// or one in a unit that opens by turning against what was said (だが、…と説明するのは無理がある); and the dismissals a bare
// いいえ, それは違います, ご指摘のような懸念は当たらない. Each family is checked beside sentences that must not change. The rules
// are tested alone (the codebook read as text has no folder, so no model). Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import type { SentenceDecision } from '../src/types.js';
import { negatedCodes as negated, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

/** The rules' decision for the second of two units of one document. */
const answer = (question: string, reply: string): SentenceDecision => runCoder([question, reply], { docSide: null }, rulesOnly)[1] as SentenceDecision;

describe("an official's answer closed by a negative that points at what was asked", () => {
  it("そのような, ご指摘の, 同列に: the question's concern is negated", () => {
    expect(negated(answer('記者：米国は同盟国でも都合が悪くなれば見捨てるのではないか、との声があります。', '官房長官：そのような間柄ではございません。'))).toContain('abandonment');
    expect(negated(answer('○田中委員　政府は米国の戦争に巻き込まれる危険を軽く見ているのではありませんか。', '○防衛大臣　ご指摘のような危険を生じさせる活動は想定しておりません。'))).toContain('entrapment');
    expect(negated(answer('記者：中東から撤退した米国が、いずれアジアからも手を引くのではないかとの見方があります。', '報道官：両地域を同列に論じることは適切ではありません。'))).toContain('abandonment');
  });
  it('an answer with no pointer, one that affirms (変わりはない, 否定するものではない), or a question back, negates nothing', () => {
    expect(negated(answer('記者：米国は同盟国でも都合が悪くなれば見捨てるのではないか、との声があります。', '官房長官：同盟の重要性について申し上げることは特にありません。'))).toEqual([]);
    expect(negated(answer('記者：米国は同盟国でも都合が悪くなれば見捨てるのではないか、との声があります。', '官房長官：そのような中でも、日米の緊密な連携に変わりはございません。'))).not.toContain('abandonment');
    expect(negated(answer('○田中委員　政府は米国の戦争に巻き込まれる危険を軽く見ているのではありませんか。', '○防衛大臣　ご指摘のような問題意識を否定するものではございません。'))).toEqual([]);
    expect(negated(answer('○田中委員　政府は米国の戦争に巻き込まれる危険を軽く見ているのではありませんか。', '○防衛大臣　ご指摘のような事態は起きないとお考えにならないのですか？'))).toEqual([]);
  });
  it('a turn that is no official (a survey respondent) is no answer', () => {
    expect(negated(answer('回答者（横浜・40歳）：アメリカは最後には日本を見捨てると思う。', '回答者（盛岡・33歳）：二つの国を同列に論じたことはありません。'))).toEqual([]);
  });
});

describe('a verdict on a claim, its clause referring back or the unit turning against it', () => {
  it('その評判は…当てはまらない, それを…と片付けるのは的を射ていない, だが、…説明するのは無理がある', () => {
    expect(negated(answer('米国の議員の間では「日本は安全保障にただ乗りしている」という評判が根強い。', 'その評判は、今の日本の負担を見る限り当てはまらない。'))).toContain('one_way');
    expect(negated(answer('野党は「政府は米国の言いなりだ」と繰り返し批判してきた。', 'しかし、それを当時の政府の弱さだけで片付けるのは的を射ていない。'))).toContain('autonomy');
    expect(negated(answer('米国は日本に防衛費の増額を繰り返し求めてきた。', 'だが、今回の予算を米国の注文だけで説明するのは無理がある。'))).toContain('burden_pressure');
  });
  it('a plain negative with a pointer (その点には触れなかった), a harm denied (揺らぐわけではない) or a unit with a concern of its own negates nothing by reference', () => {
    expect(negated(answer('米国は日本に防衛費の増額を繰り返し求めてきた。', '首相は記者会見で、その点には触れなかった。'))).toEqual([]);
    expect(negated(answer('米国は日本に防衛費の増額を繰り返し求めてきた。', 'だが、それで同盟の土台が揺らぐわけではない。'))).not.toContain('burden_pressure');
    const d = answer('野党は「政府は米国の言いなりだ」と繰り返し批判してきた。', 'だが、それを政府の弱さだけで片付けるのは的を射ていないし、日米の絆は揺るぎない。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('autonomy');
  });
  it('praise is not denied by reference', () => {
    expect(negated(answer('外相は「日米関係は史上最良だ」と胸を張った。', 'しかし、その評価は実態とは違う。'))).not.toContain('relationship_positive');
  });
});

describe('the bare answers いいえ, それは違います, ご指摘のような懸念は当たらない', () => {
  it("negate the question's concern", () => {
    expect(negated(answer('記者：今回の派遣は、米国から強く求められた結果ではないのですか。', '官房長官：いいえ。'))).toContain('burden_pressure');
    expect(negated(answer('――日本は結局、米国の言いなりになっただけだという見方もあります。', '「それは違います。決めたのは我々です」'))).toContain('autonomy');
    expect(negated(answer('記者：いざという時に米国が日本を守らないのではないかとの懸念が出ています。', '外務大臣：ご指摘のような懸念は当たらないと考えております。'))).toContain('abandonment');
  });
  it('a bare 当たりません as the whole answer, and the premise rejected (その前提は誤っています)', () => {
    expect(negated(answer('記者：今回の派遣は、米国から強く求められた結果ではないのですか。', '官房長官：当たりません。'))).toContain('burden_pressure');
    expect(negated(answer('記者：北朝鮮のミサイルが米本土に届けば、米国は日本を守らなくなるとの見方があります。', '報道官：その前提は誤っています。'))).toContain('abandonment');
    expect(negated(answer('記者：来週の日程を教えてください。', '官房長官：当たりません。'))).toEqual([]);
  });
  it('いいえ inside a word or a sentence, and an answer after a unit that raised nothing, negate nothing', () => {
    expect(negated(answer('記者：来週の日程を教えてください。', '官房長官：いいえ。'))).toEqual([]);
    expect(negated(answer('記者：今回の派遣は、米国から強く求められた結果ではないのですか。', '官房長官：「いいえ」と答えるのは簡単ですが、丁寧に説明してまいります。'))).toEqual([]);
  });
});

describe('phrases kept by their precision over all training units (codes)', () => {
  const one = (text: string): SentenceDecision => runCoder([text], { docSide: null }, rulesOnly)[0] as SentenceDecision;
  it('raise abandonment, entrapment, autonomy, japan_passing, one_way', () => {
    expect(raised(one('いざとなれば、あの国は見て見ぬふりをするだろう。'))).toContain('abandonment');
    expect(raised(one('関税で揺さぶる政権が、危機の際にどこまで日本の側に立つのか。'))).toContain('abandonment');
    expect(raised(one('武器の輸出を続ければ、日本も当事者と見なされかねない。'))).toContain('entrapment');
    expect(raised(one('知らないうちに片棒を担がされるのはごめんだ。'))).toContain('entrapment');
    expect(raised(one('政府は今回も、米国の出方を見てから方針を決めた。'))).toContain('autonomy');
    expect(raised(one('日本の通商政策は、またしても米国に振り回された。'))).toContain('autonomy');
    expect(raised(one('貿易の枠組みが米中二国で固まっていくことに、経済官庁は焦りを隠さない。'))).toContain('japan_passing');
    expect(raised(one('大統領は日本を経由せずに北京へ向かった。'))).toContain('japan_passing');
    expect(raised(one('候補者は「あの国は我々に一セントも払っていない」と演説した。'))).toContain('one_way');
  });
  it('neighbouring wordings raise nothing of the kind', () => {
    expect(raised(one('有事に備え、自治体は避難計画を見直した。'))).not.toContain('abandonment');
    expect(raised(one('事故の当事者と保険会社の話し合いが続いている。'))).not.toContain('entrapment');
    expect(raised(one('判断を急がず、情報を集めてから決めるべきだ。'))).not.toContain('autonomy');
  });
});

describe('negations the list lacked', () => {
  const one = (text: string): SentenceDecision => runCoder([text], { docSide: null }, rulesOnly)[0] as SentenceDecision;
  it('という話でもない, 記録はない, 議題に上らなかった, 取り上げなかった, 性急, 実感がない', () => {
    expect(negated(one('米国に対して自主防衛を唱えよという話でもない。'))).toContain('nationalism');
    expect(negated(one('米側が具体的な数字を突きつけた記録はない。'))).toContain('burden_pressure');
    expect(negated(one('会談では、核武装の是非は議題に上らなかった。'))).toContain('nuclear');
    expect(negated(one('日本の核保有の是非は、どの出席者も取り上げなかった。'))).toContain('nuclear');
    expect(negated(one('この一件だけで日本は米国の言いなりだと断じるのは性急だ。'))).toContain('autonomy');
    expect(negated(one('米国が日本を見限るといった話には、あまり実感がない。'))).toContain('abandonment');
  });
  it('the same words with the concern asserted stay raised', () => {
    expect(raised(one('米側が具体的な数字を突きつけたことは記録にも残っている。'))).toContain('burden_pressure');
    expect(raised(one('会談では、核武装の是非が議題に上った。'))).toContain('nuclear');
  });
});

describe('a disclaimer of any quarrel with the ally (nationalism denied)', () => {
  const one = (text: string): SentenceDecision => runCoder([text], { docSide: null }, rulesOnly)[0] as SentenceDecision;
  it('米国と対立したいわけではない, 同盟そのものに反対しているのではない', () => {
    expect(negated(one('市長は「我々は米国と対立したいわけではない」と繰り返した。'))).toContain('nationalism');
    expect(negated(one('住民団体は「日米同盟そのものに反対しているのではない」と説明した。'))).toContain('nationalism');
  });
  it('a quarrel sought is no disclaimer', () => {
    expect(negated(one('議員は「米国と対立してでも主張を通すべきだ」と訴えた。'))).not.toContain('nationalism');
  });
});

describe('a concern asked about and answered no in the same unit (…かとの質問に「…ない」と答えた)', () => {
  const one = (text: string): SentenceDecision => runCoder([text], { docSide: null }, rulesOnly)[0] as SentenceDecision;
  it('the concern asked is negated', () => {
    const d = one('米側から防衛費の増額を求められたのではないかとの質問に、外相は「そのような要求はなかった」と答えた。');
    expect(negated(d)).toContain('burden_pressure');
    expect(raised(d)).not.toContain('burden_pressure');
  });
  it('an answer that says yes, or a share of a poll, leaves it raised', () => {
    expect(raised(one('米側から防衛費の増額を求められたのではないかとの質問に、外相は「率直な要望はあった」と答えた。'))).toContain('burden_pressure');
    expect(negated(one('米側から防衛費の増額を求められたと思うかとの問いには、三割がそう答えた。'))).not.toContain('burden_pressure');
  });
});

describe('a claim said in the passive of nobody in particular, answered in the same unit', () => {
  const one = (text: string): SentenceDecision => runCoder([text], { docSide: null }, rulesOnly)[0] as SentenceDecision;
  it('…とよく言われますが、…; …と心配する人は多かったけれど、… deny it', () => {
    expect(negated(one('日本は米国の言いなりだとよく言われますが、交渉の現場ではかなり押し返しています。'))).toContain('autonomy');
    expect(negated(one('米国の戦争に巻き込まれると心配する人は多かったけれど、二十年たっても一度もそうなっていない。'))).toContain('entrapment');
  });
  it('an answer that grants the claim keeps it raised', () => {
    expect(raised(one('日本は米国の言いなりだとよく言われますが、その通りだと思います。'))).toContain('autonomy');
  });
});
