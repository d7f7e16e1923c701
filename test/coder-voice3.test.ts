import { describe, expect, it } from 'vitest';
import { runCoder, voicesOf } from './helpers/coder.js';

const run = runCoder;
const voices = voicesOf;
const tones = (texts: string[], side: string | null = null): string[] => run(texts, { docSide: side }).map((d) => d.tone);

describe('Japanese turn tags', () => {
  it('a name before an ideographic space opens a turn of a printed dialogue', () => {
    const v = voices(['吉岡　米国との協議は、かつてなく密になっています。', '吉岡　ただ、主導権は常に米側にあります。'], 'tokyo');
    expect(v).toEqual(['tokyo', 'tokyo']);
    // Without the tag the same words are the writer's plain statement.
    expect(voices(['米国との協議は、かつてなく密になっています。'], 'tokyo')).toEqual(['author']);
  });
  it('a tag after a bracketed heading, and its affiliation in brackets over its title', () => {
    const v = voices(['【上院外交委員会・抄訳】ハリス議員（共和）　日本はもっと負担すべきだ。', '証人・森田（元外務審議官、日本）　日本は既に十分な負担をしています。'], 'washington');
    expect(v).toEqual(['washington', 'tokyo']);
  });
  it('a later turn tagged by the name after a role keeps the side the role gave', () => {
    const v = voices(['元韓国外交官・李氏：日米の結束は地域の安定に役立っています。', '李氏：ただ、日本は米国の顔色ばかりうかがっています。'], 'tokyo');
    expect(v).toEqual(['other', 'other']);
  });
  it('a katakana name in a tag is not a Japanese speaker', () => {
    expect(voices(['ブレナン氏：大統領は日本にもっと払わせたいと考えていました。'], 'tokyo')).toEqual(['washington']);
  });
});

describe('posts and survey tags (rules 1 and 2)', () => {
  it('a post tag naming a place takes it; one naming none is the writer\'s own', () => {
    expect(voices(['【@hanako_w・松江】アメリカは結局、自分の都合で動く国だと思う。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['【@blue_sky77】アメリカは結局、自分の都合で動く国だと思う。'], 'tokyo')).toEqual(['author']);
  });
  it('a handle that spells a place in Latin letters names it', () => {
    expect(voices(['【@taro_osaka】アメリカは結局、自分の都合で動く国だと思う。'], null)).toEqual(['tokyo']);
  });
  it('a survey tag with its own place is decided by it, not by an earlier respondent', () => {
    const v = voices(['Respondent (Dallas, 61): They should pay more for the troops.', 'Respondent (Kanazawa, 30): We follow whatever America decides.'], 'tokyo');
    expect(v).toEqual(['washington', 'tokyo']);
  });
  it('a heading tag (EDITORIAL:) names the piece, not a speaker', () => {
    expect(voices(['EDITORIAL: The government has once more bowed to an American request.'], 'tokyo')).toEqual(['author']);
  });
  it('an English party affiliation of a Diet member outweighs a look-alike U.S. party word', () => {
    expect(voices(['MS. ONO (Constitutional Democratic Party): Minister, why do we always say yes?'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('people introduced before they speak', () => {
  it('a guest introduced next to a side speaks for it when a later tag names them', () => {
    const v = voices(['HOST: With us from Tokyo tonight is Kenji Arakawa, a former diplomat.', 'ARAKAWA: Our leaders have accepted whatever Washington decided.'], 'washington');
    expect(v).toEqual(['author', 'tokyo']);
  });
  it('"Remarks by …" opens a speech whose units are the speaker\'s', () => {
    const v = voices(['Remarks by Secretary of State Lena Ortiz to the Japan Society, New York.', 'There was a time when people in my country saw Japan as a rival.'], 'washington');
    expect(v).toEqual(['author', 'washington']);
  });
});

describe('Japanese holders and possessors', () => {
  it('a side that owns a thing is not its holder; one that owns people is', () => {
    expect(voices(['日本の核武装は、もはや禁句ではなくなったと言える。'], 'tokyo')).toEqual(['author']);
    expect(voices(['韓国の識者の間では、日本は米国に従属しているとの見方が根強い。'], 'tokyo')).toEqual(['other']);
  });
  it('a passive verb has no holder in its subject', () => {
    expect(voices(['韓国も、在韓米軍の駐留経費の大幅な増額を迫られている。'], 'tokyo')).toEqual(['author']);
    expect(voices(['韓国は、在韓米軍の駐留経費の増額に強く反発している。'], 'tokyo')).toEqual(['other']);
  });
  it('a plan announced is an event (rule 4), a plan held is a stance', () => {
    expect(voices(['政府が、原発の新増設に踏み込む方針を決めた。'], 'tokyo')).toEqual(['author']);
    expect(voices(['政府は今後も、北朝鮮への圧力を緩めない方針だ。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a person named with 氏 holds the view of a framed quotation', () => {
    expect(voices(['評論家の木村氏は「同盟は片思いだ」とみる。'], 'tokyo')).toEqual(['tokyo']);
  });
});

describe('English attribution structures', () => {
  it('an agreement to act is an event (rule 4); an agreement that something holds is a view', () => {
    expect(voices(['OSAKA, May 2 — Japan agreed on Monday to join the research program.'], null)).toEqual(['author']);
    expect(voices(['Japanese officials agreed that the plan had been rushed.'], null)).toEqual(['tokyo']);
  });
  it('a relative clause closed by a comma leaves the main verb to the subject', () => {
    expect(voices(['Japanese officials, who had pressed for the visit, called it a turning point.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['The president signed the order, which activists had urged for years.'], null)).toEqual(['author']);
  });
  it('paraphrase frames without a verb of saying', () => {
    expect(voices(['The handshake in Beijing was read in Tokyo as a sign of things to come.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['That is welcome news in Tokyo, where officials feared the worst.'], 'washington')).toEqual(['tokyo']);
    expect(voices(['Seen from Beijing, the new guidelines are an American leash on Japan.'], null)).toEqual(['other']);
  });
  it('a pronoun after a side named in its clause carries nothing', () => {
    const v = voices(['Japanese officials fear the worst.', 'Washington should take this as a warning.'], 'tokyo');
    expect(v).toEqual(['tokyo', 'author']);
  });
  it('the writer describing themselves holds no reported view (rule 1)', () => {
    expect(voices(["I'm a retired teacher in Sendai, and my book club argued about the alliance all evening."], 'tokyo')).toEqual(['author']);
    expect(voices(['Teachers in Sendai argued about the alliance all evening.'], 'tokyo')).toEqual(['tokyo']);
  });
  it('an English post tag with a place in brackets takes the place', () => {
    expect(voices(['@ryukyu_blue (Naha): Another helicopter over the school today.'], null)).toEqual(['tokyo']);
  });
});

describe('Japanese views said to prevail', () => {
  it('a view present or spreading with no holder is held on the document\'s side', () => {
    expect(voices(['米国が日本の頭越しに中国と手を結ぶとの見方も根強い。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['米国が日本の頭越しに中国と手を結ぶとの見方も根強い。'], null)).toEqual(['author']);
  });
  it('an interviewer\'s question that reports such a view carries it', () => {
    expect(voices(['記者：同盟国として軽んじられているのではないかとの声もありますが。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['記者：会談の日程はいつ決まりましたか。'], 'tokyo')).toEqual(['author']);
  });
  it('a view that only may spread is the writer\'s warning', () => {
    expect(voices(['このままでは、米国への不信が広がりかねない。'], 'tokyo')).toEqual(['author']);
  });
});

describe('tone round 3', () => {
  it('a Japanese reaction to something other than the relationship lends no tone', () => {
    expect(tones(['地元の反発で、処分場選びは難航している。'])).toEqual(['neutral']);
    expect(tones(['日米同盟のあり方に、地元の反発が強まっている。'])).toEqual(['negative']);
  });
  it('friction conceded before praise is no blame', () => {
    expect(tones(['日米は幾多の摩擦を乗り越えて揺るぎない信頼を築いてきた。'])).toEqual(['positive']);
    expect(tones(['Despite friction over trade, the alliance remains rock solid.'])).toEqual(['positive']);
    expect(tones(['There is friction over trade, yet the alliance remains rock solid.'])).toEqual(['mixed']);
  });
  it('a demand reported in the causative lends no tone (rule 12); one the speaker makes does', () => {
    expect(tones(['大統領は、日本に駐留経費をもっと払わせようとしていた。'])).toEqual(['neutral']);
    expect(tones(['日本は、米側に地位協定の改定を認めさせるべきだ。'])).not.toEqual(['neutral']);
  });
  it('praise asked about or supposed is no praise', () => {
    // Not praise; the doubt itself may raise abandonment (rule 6: a question raises), which is then negative.
    expect(tones(['いざという時に、米国は本当に頼れるのか。'])).not.toEqual(['positive']);
    expect(tones(['いざという時に、米国は頼れる同盟国だ。'])).toEqual(['positive']);
  });
});
