import { describe, expect, it } from 'vitest';
import { voicesOf } from './helpers/coder.js';

const voices = voicesOf;

describe('round 8 (ja): tags and headings', () => {
  it('a respondent tag may list place and age with a comma (回答者（札幌、41歳）：)', () => {
    const units = ['回答者（函館、38歳）：米国が最後まで日本の味方でいてくれるとは思えない。', '回答者（松江、62歳）：同盟はこれからも続くと思う。'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'tokyo']);
  });
  it('a bracketed heading ending in a piece word (【地方紙社説】, 【読者の声】) is no speaker: the piece stays the writer\'s', () => {
    const units = ['【地方紙社説】思いやり予算　見直しの好機だ', '政府は駐留経費の負担を自らの判断で見直すべきである。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author']);
  });
  it('after a bracketed heading, a feature\'s title is no turn (【ルポ】…　…)', () => {
    const units = ['【ルポ】港町の夏　空母が来る街', '岸壁には朝から見物客が集まった。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'author']);
  });
  it('…but a person with an affiliation after the heading still opens a turn', () => {
    expect(voices(['【米上院公聴会・抄訳】スミス議員（共和）　同盟国をもっと大切にすべきだ。'], 'tokyo')).toEqual(['washington']);
  });
});

describe('round 8 (ja): who a press conference\'s answer speaks for', () => {
  it('a reporter naming the other side\'s secretary does not make the answering 長官 that secretary', () => {
    const units = ['記者：米国防長官が来日のたびに負担増を求めていますが、圧力ではありませんか。', '長官：防衛力の整備は我が国の判断で進めております。'];
    expect(voices(units, 'tokyo')).toEqual(['washington', 'tokyo']);
  });
  it('a reporter addressing the other side\'s official still introduces them (高官に伺います → 高官：)', () => {
    const units = ['記者：来日中の米国務省高官に伺います。', '高官：同盟は揺るぎません。'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'washington']);
  });
  it('a minister denying the other side\'s part speaks for his own side; relaying its stated intention relays it (rule 3)', () => {
    const units = ['○防衛大臣　この計画は米側から求められて作ったものではございません。', '○防衛大臣　米国政府は、共に日本を守る意思を明確にしております。'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'washington']);
  });
});

describe('round 8 (ja): more verbs and holders', () => {
  it('feeling reported (…と感じている), fuming and siding hold a view', () => {
    expect(voices(['米議会の多くの議員は、日本が応分の負担をしていないと感じている。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['上院の一部議員は、日本に制裁を科すべきだと息巻いている。'], 'tokyo')).toEqual(['washington']);
  });
  it('the writer\'s own feeling stays the writer\'s (…と感じます)', () => {
    expect(voices(['結局、日本はアメリカに従うしかないと感じます。'], null)).toEqual(['author']);
  });
  it('a side\'s agency (米国の情報機関は) holds its view; respecting a decision is a view held', () => {
    expect(voices(['米国の情報機関は、日本で核武装論が強まることを警戒していた。'], 'tokyo')).toEqual(['washington']);
    expect(voices(['米国は、日本政府の防衛上の決定を尊重する。'], 'washington')).toEqual(['washington']);
  });
});

describe('round 8 (en): a side inside what an earlier verb reports', () => {
  it('people with no side named fear that a side will do something: the side is spoken of, not the holder', () => {
    const units = ['The talks ran late into the night.', 'Officials fear the delay will leave Washington doubting whether Japan can be relied on.'];
    expect(voices(units, 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('the writer\'s own frame ("I have heard Japanese diplomats say…") still names the holder', () => {
    expect(voices(['I have heard Japanese diplomats say that they learn of American decisions from television.'], 'washington')).toEqual(['tokyo']);
  });
  it('a poll\'s finding reports its respondents\' view', () => {
    expect(voices(['A poll published this week found that most Japanese respondents doubted the treaty would hold.'], 'washington')).toEqual(['tokyo']);
  });
});

describe('round 8 (en): quotations, signatures, tags and events', () => {
  it('a quotation closed with a single mark before "said a …" puts the holder after the verb', () => {
    expect(voices(["'We pay for the bases and still get lectured,' said a Liberal Democratic Party lawmaker."], 'washington')).toEqual(['tokyo']);
    expect(voices(["'It is a rental agreement, not a friendship,' said a columnist for a Tokyo weekly."], 'washington')).toEqual(['tokyo']);
  });
  it('a letter\'s signature may give an age before the place', () => {
    expect(voices(['The bases give us noise and little else. — Haruto Miyagi, 44, Nago'], null)).toEqual(['tokyo']);
  });
  it('an office title before a surname in capitals opens a turn', () => {
    expect(voices(['Senator HOLLIS: Can we count on the Japanese if Korea flares up again?'], null)).toEqual(['washington']);
  });
  it('agreeing today to act is an event, not a view (rule 4)', () => {
    expect(voices(['TOKYO, May 3 — Japan agreed today to raise its share of the cost of the Marine move to Guam.'], 'tokyo')).toEqual(['author']);
  });
  it('"None of this" carries no one\'s view from the last unit', () => {
    const units = ['Critics in Tokyo say the alliance costs more than it returns.', 'None of this means the treaty is in danger.'];
    expect(voices(units, 'tokyo')).toEqual(['tokyo', 'author']);
  });
});

describe('round 8 (en): a dateline that names its source; the source\'s further positions', () => {
  it('"PYONGYANG (KCNA) —" is a dateline, and "It urged…" continues the agency\'s view', () => {
    const units = ['PYONGYANG (KCNA) — The state news agency on Tuesday accused Tokyo of serving as a forward base for American aggression.', 'It urged Japan to stop following the Pentagon.'];
    expect(voices(units, null)).toEqual(['other', 'other']);
  });
  it('a side named in a relative clause inside the report relays nothing', () => {
    const units = ['SEOUL (Daily Herald editorial) — The new guidelines should worry everyone in the region.', 'It warned that Japanese officials who talk of a normal country are stirring old fears.'];
    expect(voices(units, null)).toEqual(['author', 'other']);
  });
  it('an aside between dashes does not part a subject from its verb', () => {
    expect(voices(['At the seminar, one Japanese participant after another — none of them diplomats, but all well read — declared that Washington decides and Tokyo follows.'], 'washington')).toEqual(['tokyo']);
  });
});
