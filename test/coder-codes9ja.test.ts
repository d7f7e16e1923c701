// Round 9 of the Japanese code and negation rules: denial families mined from the training files (train7–train9, rules
// alone) by the way they are worded, complaints worded as denials that must stay raised, and the scope changes in
// codes.ts (a verb's own negative form, praise closed by its て/で-form, a topic before a quotation). Each family is
// checked beside a sentence of the same concern that raises it, so a test fails if the cue fires on the raise too.
// The rules are tested alone (the codebook read as text has no folder, so no model). Every sentence below was written
// for this file.
import { describe, expect, it } from 'vitest';
import { negatedCodes as negated, oneByRules as one, raisedCodes as raised, rulesOnly, runCoder } from './helpers/coder.js';

describe('Japanese denials worded as a verdict on a label or a reading', () => {
  it('a label that no longer fits, a reading pinned on, a record summed up in one word', () => {
    expect(negated(one('今の日本に、追随という言葉はもう当てはまらない。'))).toContain('autonomy');
    expect(negated(one('日本を米国の言いなりだと決めつけるのは乱暴だ。'))).toContain('autonomy');
    expect(negated(one('戦後外交を「追従」の一言で片づけるのは無理がある。'))).toContain('autonomy');
    expect(raised(one('日本はいまも米国に追随している。'))).toContain('autonomy');
  });
  it('"nor do I think", never felt, at odds with experience', () => {
    expect(negated(one('日本政府が米国の言いなりだったとも思わない。'))).toContain('autonomy');
    expect(negated(one('米国に見捨てられるとは、駐在中に一度も感じなかった。'))).toContain('abandonment');
    expect(negated(one('日本が米国に追従しているという批判は、現場の実感とは違う。'))).toContain('autonomy');
  });
  it('a label conceded, then contradicted (と言われるけど、実際は; ってよく聞くけど、実際には)', () => {
    expect(negated(one('日本は米国の言いなりと言われるが、実際はかなり抵抗してきた。'))).toContain('autonomy');
    expect(negated(one('「日本は米国の属国」ってよく聞くけど、実際には交渉で粘っている。'))).toContain('autonomy');
  });
  it('a worn argument, a name no longer given, no proof of it', () => {
    expect(negated(one('日本はただ乗りだという主張は、もう通用しない。'))).toContain('one_way');
    expect(negated(one('防衛費を増やした日本は、「ただ乗り」とは言われなくなった。'))).toContain('one_way');
    expect(negated(one('首脳会談の順番は、日本が軽視された証拠にはならない。'))).toContain('japan_passing');
    expect(raised(one('今回の順番は、日本が軽視された証拠だ。'))).toContain('japan_passing');
  });
  it('a stock view not agreed to is denied; a named holder\'s view still raises (rule 6)', () => {
    expect(negated(one('米国だけが得をしているという見方には同意できない。'))).toContain('one_way');
    expect(raised(one('核武装を唱える議員たちの主張には賛成できない。'))).toContain('nuclear');
  });
});

describe('Japanese denials of a feared event or mechanism', () => {
  it('it will not come to that, cannot happen, the sign is nowhere', () => {
    expect(negated(one('日本が米国の戦争に巻き込まれるような事態にはならない。'))).toContain('entrapment');
    expect(negated(one('日本が同意なく戦争に巻き込まれる事態は起こり得ない。'))).toContain('entrapment');
    expect(negated(one('米国が日本を見捨てる兆しは、いまのところどこにもない。'))).toContain('abandonment');
    expect(raised(one('米国が日本を見捨てる兆しが見え始めた。'))).toContain('abandonment');
  });
  it('no mechanism for it (仕組みにはなっていない)', () => {
    expect(negated(one('条約は、日本が自動的に米国の戦争に参加する仕組みにはなっていない。'))).toContain('entrapment');
  });
  it('the worst not coming is a reassurance: it denies nothing before it', () => {
    expect(negated(one('両首脳の関係は良好で、最悪の事態にはならない。'))).not.toContain('relationship_positive');
  });
  it('"I know of no such thing" dismisses the question before it', () => {
    const units = ['記者：在日米軍が大幅に削減されるのではないかとの不安が出ていますが。', '大臣：そのような話は一切承知しておりません。'];
    const [question, answer] = runCoder(units, { docSide: null }, rulesOnly);
    expect(raised(question!)).toContain('abandonment');
    expect(negated(answer!)).toContain('abandonment');
  });
});

describe('Japanese complaints worded as denials stay raised', () => {
  it('not how an independent country acts', () => {
    const d = one('相手の要求を丸のみするのは独立国の姿ではない。');
    expect(raised(d)).toContain('nationalism');
    expect(negated(d)).not.toContain('nationalism');
  });
  it('cannot manage to (言えていない, 示せていない), has not left the bounds of (域を出ていない)', () => {
    expect(raised(one('日本は米国に言うべきことを言えていない。'))).toContain('autonomy');
    expect(raised(one('日本の外交は、米国の顔色をうかがう域を出ていない。'))).toContain('autonomy');
  });
  it('no longer a fantasy, a superlative of time', () => {
    expect(raised(one('日本が見捨てられる可能性は、もはや空想とは言えない。'))).toContain('abandonment');
    expect(raised(one('日米同盟は、今ほど強固だったことはない。'))).toContain('relationship_positive');
  });
  it('"not X, but do Y" as a call keeps X; "not X but Y" as a report denies it', () => {
    expect(negated(one('米国の顔色をうかがうのではなく、自分の頭で判断すべきだ。'))).not.toContain('autonomy');
    expect(negated(one('米国に押し切られたのではなく、自ら選んだ道だった。'))).toContain('autonomy');
  });
  it('nothing commensurate is the one-way complaint', () => {
    expect(raised(one('日本は巨額の経費を負担しているが、それに見合う発言力を得たとは言いがたい。'))).toContain('one_way');
  });
});

describe('Japanese denials without the concern\'s keyword', () => {
  it('following worded without its keyword (機嫌をとる, うのみにする, 指図で動く) is raised, and denied by the cue after it', () => {
    expect(raised(one('政府はいつも米国の機嫌をとっている。'))).toContain('autonomy');
    expect(negated(one('自衛隊が米軍の指図で動くことはありません。'))).toContain('autonomy');
  });
  it('saying what must be said, refusing the ally\'s demands (autonomy)', () => {
    expect(negated(one('政府は、米側にも言うべきことは言っております。'))).toContain('autonomy');
    expect(negated(one('日本が米国の要求を拒んだことは、これまで何度もある。'))).toContain('autonomy');
    expect(raised(one('日本は米国に言うべきことを言えていない。'))).toContain('autonomy');
  });
  it('no doubt about the commitment (abandonment)', () => {
    expect(negated(one('米国の防衛の約束に疑問の余地はない。'))).toContain('abandonment');
  });
  it('the bomb rejected as unthinkable, worse than the alternative, a road not to take', () => {
    expect(negated(one('この国が核を持つなんて、想像もできない。'))).toContain('nuclear');
    expect(negated(one('核を持つよりは、同盟を固めるほうがましだ。'))).toContain('nuclear');
    expect(negated(one('わが国が核武装の道を選ぶべきではない。'))).toContain('nuclear');
    expect(raised(one('日本も核を持つべきだと主張する声が出ている。'))).toContain('nuclear');
  });
  it('the ban treaty and American warheads on ships raise no Japanese bomb; American weapons shared with Japan do (rule 11)', () => {
    expect(raised(one('被爆者団体は、政府が核兵器禁止条約に加わるよう求めた。'))).not.toContain('nuclear');
    expect(raised(one('核兵器を積んだ米艦船が港に入ったとの疑いが出ている。'))).not.toContain('nuclear');
    expect(raised(one('議員の一人は、米国の核兵器を国内に置いて共同で運用する案を示した。'))).toContain('nuclear');
  });
  it('closeness called a front or a euphemism (relationship_positive)', () => {
    expect(negated(one('両国の親密さは表向きに過ぎない。'))).toContain('relationship_positive');
  });
});

describe('Japanese negation scope (codes.ts)', () => {
  it('a verb\'s own negative form negates only that verb (尊重し、…約束を決して破らない)', () => {
    const d = one('米国は日本の判断を尊重し、日本を守る約束を決して破らない。');
    expect(raised(d)).toContain('reassurance');
  });
  it('a scare-quoted concern nominalised with こと is in reach of the denial after it', () => {
    expect(negated(one('日本が「巻き込まれる」ことを過度に恐れる必要はない。'))).toContain('entrapment');
  });
  it('a denial right after a quotation reaches the topic set before it', () => {
    expect(negated(one('報道官は、日本の核武装について「国際社会の一員であり、議論にもなっていない」と否定した。'))).toContain('nuclear');
  });
  it('a complaint closed by だけで、/ばかりで、 is asserted; the negation after it is the next complaint', () => {
    const d = one('政府は米国の主張をうのみにするだけで、独自の提案を何も示していない。');
    expect(raised(d)).toContain('autonomy');
  });
  it('praise closed by its own で-form is asserted; the denial after it speaks of the next clause', () => {
    const d = one('両国の協力は強固で、日本が孤立するという見方は事実に基づかない。');
    expect(raised(d)).toContain('relationship_positive');
  });
});
