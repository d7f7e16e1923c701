// Round 10 of the Japanese code and negation rules: families mined from the training files (train10-ja-1 as it landed,
// then train9, train8 and older files, rules alone): Japan deciding for itself only when described as done, "will not
// abandon" as a commitment, stock claims put in unnamed mouths, verdicts on a claim (杞憂, 論外, 一面的, 単純化しすぎ),
// prohibitions worded with いけない or a verb of choosing, calls to leave following behind (nationalism, not autonomy),
// the relationship said to stand unshaken, a claim echoed as a bare question and answered, a revision or the bomb ruled
// out, and an affirmation that only an absence negates. Each family is checked beside a sentence that must not change.
// The rules are tested alone (the codebook read as text has no folder, so no model). Every sentence below was written
// for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

describe('Japan deciding for itself (autonomy denials)', () => {
  it('a decision described as made or under way denies following', () => {
    expect(negated(one('今回の配備は、日本が決めたことだ。'))).toContain('autonomy');
    expect(negated(one('日本は自らの判断で豪州との協力を広げている。'))).toContain('autonomy');
  });
  it('the bare principle "Japan decides" denies nothing (often a call to assert, rule 9)', () => {
    expect(negated(one('日本の防衛費は日本が決める。'))).not.toContain('autonomy');
    expect(negated(one('首相は、自らの判断で支援の中身を決めていくと述べた。'))).not.toContain('autonomy');
  });
});

describe('"will not abandon" is a commitment (rule 7)', () => {
  it('raises reassurance and negates no abandonment', () => {
    const d = one('大統領は「我々は同盟国を決して見捨てない」と語った。');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).not.toContain('abandonment');
    expect(raised(one('米国は同盟国を見捨てないと約束した。'))).toContain('reassurance');
  });
  it('a question or a plea is no commitment', () => {
    expect(raised(one('米国は本当に日本を見捨てないか。'))).not.toContain('reassurance');
    expect(raised(one('日本を見捨てないでほしい。'))).not.toContain('reassurance');
  });
});

describe('stock claims and the verdicts that dismiss them (rule 6)', () => {
  it('a claim put in unnamed mouths (…とか言う人もいる), then dismissed', () => {
    expect(negated(one('日本が米国に置き去りにされるとか言う人もいるけど、そんなことはない。'))).toContain('abandonment');
    expect(raised(one('日本が米国に置き去りにされるのが怖い。'))).toContain('abandonment');
  });
  it('a verdict opening the next clause: 的外れ, 杞憂, 論外', () => {
    expect(negated(one('日本が安保にただ乗りしているという意見もあるが、私は的外れだと思う。'))).toContain('one_way');
    expect(negated(one('「米国は最後は日本を見殺しにする」という話をよく聞くけど、正直、杞憂だと思う。'))).toContain('abandonment');
    expect(raised(one('米国は最後は日本を見殺しにする、と祖父はよく言っていた。'))).toContain('abandonment');
  });
  it('a received view judged one-sided, a label called a little off, a story called rash', () => {
    expect(negated(one('「米国は日本を見捨てる」という通説は、史料を読めば一面的に過ぎる。'))).toContain('abandonment');
    expect(negated(one('それを「追従」と呼ぶのはちょっと違うと思う。'))).toContain('autonomy');
    expect(negated(one('あの失敗を「日本は米国の属国だ」という話にすり替えるのは、短絡的だと思う。'))).toContain('autonomy');
    expect(raised(one('日本は米国の属国だ、と彼は繰り返した。'))).toContain('autonomy');
  });
  it('a claim called oversimplified', () => {
    expect(negated(one('日本の指導者が米国の言いなりだという批判もあるが、それは現実を単純化しすぎている。'))).toContain('autonomy');
    expect(negated(one('米国の圧力だけが理由、って単純化しすぎ。'))).toContain('burden_pressure');
    expect(raised(one('増額の理由は米国の圧力だ。'))).toContain('burden_pressure');
  });
  it('an English cue inside a Japanese sentence (the title 「NO」と言える…) denies nothing', () => {
    expect(raised(one('「NO」と言える政治家たちは、米国に強く出るべきだと訴えた。'))).toContain('nationalism');
    expect(negated(one('「NO」と言える政治家たちは、米国に強く出るべきだと訴えた。'))).not.toContain('nationalism');
  });
});

describe('prohibitions worded with いけない or a verb of choosing', () => {
  it('the bomb as a road not to choose is negated nuclear', () => {
    expect(negated(one('核武装を選んではいけない。'))).toContain('nuclear');
    expect(negated(one('核武装を選んではならない。'))).toContain('nuclear');
    expect(negated(one('日本は核武装の道を選んではいけない。'))).toContain('nuclear');
    expect(negated(one('どんなに脅されても、日本が核を持つ道だけは選んではいけない。'))).toContain('nuclear');
  });
  it('a call to choose it raises it', () => {
    expect(raised(one('核武装を選ぶべきだ。'))).toContain('nuclear');
  });
});

describe('calls to leave following behind are nationalism (rule 9)', () => {
  it('改める, やめる, 必要はない after a complaint of following', () => {
    for (const text of ['政府は対米一辺倒の姿勢を改めるべきだ。', '日本は米国の顔色をうかがうのをやめ、自分の言葉で語るべきだ。', '米国の顔色をうかがう必要はない。']) {
      expect(raised(one(text))).toContain('nationalism');
      expect(raised(one(text))).not.toContain('autonomy');
    }
  });
  it('the complaint itself stays autonomy', () => {
    expect(raised(one('日本の外交は対米一辺倒だ。'))).toContain('autonomy');
    expect(raised(one('政府はいつも米国の顔色をうかがっている。'))).toContain('autonomy');
  });
});

describe('the relationship said to stand unshaken or to work', () => {
  it('揺らがない, びくともしない, うまくいっている raise relationship_positive', () => {
    expect(raised(one('日米の信頼関係は揺らがない。'))).toContain('relationship_positive');
    expect(raised(one('関税で対立しても、日米の防衛協力はびくともしていない。'))).toContain('relationship_positive');
    expect(raised(one('基地の問題はあっても、同盟自体はうまくいっていると思う。'))).toContain('relationship_positive');
  });
  it('the two sides\' trust named as a thing held is praise; "no effect on that trust" affirms it', () => {
    expect(raised(one('日米の信頼関係があったからこそ、今回の合意は実現した。'))).toContain('relationship_positive');
    const d = one('官房長官：日米の信頼関係に何ら影響はございません。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
    expect(raised(one('米国との関係を見直すべきだ。'))).not.toContain('relationship_positive');
  });
  it('"no effect on relations" is a flat statement, no praise', () => {
    expect(raised(one('日米関係に影響はないと報道官は述べた。'))).not.toContain('relationship_positive');
  });
  it('a superlative of time closed by "no time" is praise, not its denial', () => {
    const d = one('日米の協力は、今ほど緊密な時はありません。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
});

describe('a claim echoed as a bare question, then answered (rule 6)', () => {
  it('is negated', () => {
    expect(negated(one('【@abc・大阪】日本が蚊帳の外？　首脳は毎週電話してるよ。'))).toContain('japan_passing');
    expect(negated(one('日本だけが損してる？　米軍がいなければ防衛費は何倍にもなる。'))).toContain('one_way');
  });
  it('a genuine question (…のか？) or a question standing alone still raises it', () => {
    expect(negated(one('日本は蚊帳の外なのか？　首脳は毎週電話している。'))).not.toContain('japan_passing');
    expect(negated(one('日本が蚊帳の外？'))).not.toContain('japan_passing');
  });
});

describe('a revision or the bomb ruled out', () => {
  it('a revision of the agreement not sought is negated nationalism; "if we do not seek it" reproaches', () => {
    expect(negated(one('政府は地位協定の改定までは求めないと述べた。'))).toContain('nationalism');
    expect(raised(one('地位協定の改定を求めないなら、政府は誰のための政府なのか。'))).toContain('nationalism');
  });
  it('the bomb "must never be held" is negated; asked as a question it is raised', () => {
    expect(negated(one('世論調査では、核兵器は持つべきではないとの回答が多数を占めた。'))).toContain('nuclear');
    expect(negated(one('日本も核を持つべきではないか、という投書が届いた。'))).not.toContain('nuclear');
  });
  it('nuclear sharing not to be discussed is negated nuclear', () => {
    expect(negated(one('政府は核共有を議論しないと明言した。'))).toContain('nuclear');
    expect(raised(one('与党の一部は核共有を議論すべきだと主張した。'))).toContain('nuclear');
  });
});

describe('an affirmation is negated only when noted as absent (rule 7)', () => {
  it('support denied as unconditional neither affirms nor is negated', () => {
    const d = one('米国は日本の政策を無条件に支持しているわけではない。');
    expect(raised(d)).not.toContain('reassurance');
    expect(negated(d)).not.toContain('reassurance');
    expect(negated(one('削減は日本防衛への関与の後退を意味しない。'))).not.toContain('reassurance');
  });
  it('a commitment never mentioned is negated', () => {
    expect(negated(one('大統領は日本防衛への関与に一言も触れなかった。'))).toContain('reassurance');
  });
});

describe('a minister denying the feared situation by reference', () => {
  it('"what you fear will not happen" and "no such situation" negate the concern just raised', () => {
    const q = '○山田委員　米国が日本の頭越しに中国と手を結ぶのではないかと懸念されております。';
    const [, a] = runCoder([q, '○外務大臣　ご懸念のような事態が起こるとは考えておりません。'], { docSide: null }, rulesOnly);
    expect(a?.negated.map((h) => h.code)).toContain('abandonment');
    const [, b] = runCoder([q, '○外務大臣　そのような状況にはございません。'], { docSide: null }, rulesOnly);
    expect(b?.negated.map((h) => h.code)).toContain('abandonment');
    const [, c] = runCoder([q, '○外務大臣　米側とは緊密に連絡を取っております。'], { docSide: null }, rulesOnly);
    expect(c?.negated.map((h) => h.code)).not.toContain('abandonment');
  });
});
