import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { prepare } from '../src/coder/sentence.js';
import { decideTone } from '../src/coder/tone.js';
import { oneByRules, runCoder, voicesOf } from './helpers/coder.js';

const cb = builtinCodebook();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const run = runCoder;
const voices = voicesOf;
const toneOf = (text: string): string => run([text])[0]?.tone ?? 'none';
/** Tone from the tone terms alone, with no code decision behind it. */
const termTone = (text: string): string => decideTone(prepare(text, cb), cb, [], []).tone;

describe('tone terms under a negation', () => {
  it('a negated unfavourable term reads favourably, in both languages', () => {
    expect(toneOf('Relations between the two allies are not strained.')).toBe('positive');
    // The rules' reading of the bare judgement. (The round-8 tone model reads it neutral, p 0.46 against 0.25: "relations"
    // is mostly a topic in its training units. Its neutral overrides were right 7 times to the rules' 4 on fresh English
    // units with no code, so it keeps them; the misreading is listed as work in eval/README-codes.md.)
    expect(oneByRules('Relations between the two allies are strained.').tone).toBe('negative');
    // Round 10's retrained tone model reads the denial of a crack neutral too (listed as work in eval/README-codes.md,
    // "Round 10: integration"): the rules' reading is what is checked here.
    expect(oneByRules('日米関係に亀裂は生じていない。').tone).toBe('positive');
    // The same for Japanese since round 9's retrained tone model (it reads this one neutral too). Making a tone read from a
    // judging word alone firm against the model was measured and not kept: dev +1 / +2 units, but val5 en -2, ja -1 and the
    // other fresh sets -1 each (eval/README-codes.md, "Round 9: integration").
    expect(oneByRules('日米関係に亀裂が生じた。').tone).toBe('negative');
  });
  it('a negated favourable term reads unfavourably', () => {
    expect(toneOf('同盟国として信頼できない。')).toBe('negative');
  });
  it('a negation that is part of the wording ("never been closer") does not turn it over', () => {
    expect(toneOf('Our two navies have never been closer.')).toBe('positive');
  });
  it('a negation far back in the clause takes the judgement away instead of turning it over', () => {
    expect(termTone('Nobody on the panel suggested that a warming between the two capitals was near.')).toBe('neutral');
    expect(termTone('A warming between the two capitals was near.')).toBe('positive');
  });
  it('a Japanese negation of another predicate further on does not turn the term over', () => {
    expect(termTone('米国は強硬姿勢を崩していない。')).toBe('negative');
    expect(termTone('負担を押しつける構図は変わっていない。')).toBe('negative');
  });
  it('a double negative (…がないわけではない) still asserts the term', () => {
    // The rules' reading of the term (the learned tone model, trained on all units, may weigh the sentence otherwise).
    expect(termTone('ただし、日米間に摩擦がないわけではない。')).toBe('negative');
  });
  it('a favourable and an unfavourable judgement together are mixed', () => {
    expect(toneOf('There is friction over trade, yet the alliance remains rock solid.')).toBe('mixed');
  });
  it('praise followed by a turn that praises nothing is mixed', () => {
    expect(toneOf('The alliance is in good shape, but its future now hangs on one man.')).toBe('mixed');
    expect(toneOf('The alliance is in good shape, and its future looks bright.')).toBe('positive');
    expect(toneOf('同盟関係は良好だ。ただ、先行きは一人の指導者次第だ。')).toBe('mixed');
  });
  it('a denial noted only as an absence lends no tone', () => {
    const [d] = run(['No one at the dinner raised the idea that Washington would abandon Japan.']);
    expect(d?.tone).toBe('neutral');
  });
});

describe('English attribution', () => {
  it('a modal verb of saying is the writer\'s advice, not a reported view', () => {
    expect(voices(['Washington should tell Tokyo plainly that the terms have changed.'])).toEqual(['author']);
    expect(voices(['Washington told Tokyo plainly that the terms had changed.'])).toEqual(['washington']);
  });
  it('the subject of a clause opened by a colon holds the view', () => {
    expect(voices(['The mood in the capital is grim: officials fear the talks will collapse.'], 'tokyo')).toEqual(['tokyo']);
  });
  it('an untagged unit after an unanswered question is the interviewee\'s answer', () => {
    expect(voices(['Q: How do you see the talks in Washington this week?', 'Better than the headlines suggest, frankly.'], 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('a vocative in a question names no holder', () => {
    expect(voices(['Q: Madam Ambassador, what do you expect from the summit?'], 'washington')).toEqual(['author']);
  });
  it('the people the writer names are who a later "most of them" is', () => {
    const v = voices(['Last winter I interviewed a dozen defense officials in Tokyo.', 'Most of them said the new budget had come at American insistence.'], 'washington');
    expect(v).toEqual(['author', 'tokyo']);
  });
  it('a speaker who relays the other side\'s own statement takes that side\'s voice (rule 3)', () => {
    const v = voices(['Our guest was a retired Japanese diplomat.', 'He noted that the Secretary of State had flown to Tokyo to repeat the treaty pledge in person.'], 'tokyo');
    expect(v[1]).toBe('washington');
  });
  it('a quotation standing alone goes on quoting the last speaker, in both languages', () => {
    expect(voices(['Japanese officials were furious about the tariffs.', '"Allies do not treat each other this way."', 'Several said Tokyo would retaliate.'], 'washington')).toEqual(['tokyo', 'tokyo', 'tokyo']);
    expect(voices(['外務省幹部は米側の対応に強い不満を示した。', '「同盟国にこんな仕打ちをするのか」。'], 'washington')).toEqual(['tokyo', 'tokyo']);
    expect(voices(['The summit ended early.', '"A good day for the alliance."'], null)).toEqual(['author', 'author']);
  });
  it('a side named as the topic ("about American politics") is not the holder', () => {
    expect(voices(['My neighbours quiz me about American politics with worried curiosity.'])).toEqual(['author']);
  });
});

describe('Japanese attribution', () => {
  it('a subject before a framed quotation speaks, on the document\'s side', () => {
    expect(voices(['横浜市の会社員（41）は「日本ばかりが負担している」と不満を口にした。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a framed quotation without a subject continues the last speaker', () => {
    expect(voices(['中国外務省の報道官は「日本は米国の手先だ」と述べた。', 'さらに「火遊びをすれば身を焼くことになる」と警告した。'], 'tokyo')).toEqual(['other', 'other']);
  });
  it('a side named inside the holder\'s noun phrase gives its side', () => {
    expect(voices(['韓国から招かれた研究者は、日米韓の連携強化を訴えた。'], 'tokyo')).toEqual(['other']);
  });
  it('a source frame yields to the other side whose statement it reports', () => {
    expect(voices(['外務省幹部によると、米国務省は「関税と安全保障は別の話だ」と説明しているという。'], 'tokyo')).toEqual(['washington']);
  });
  it('a holder marked by が holds the view of its own clause', () => {
    expect(voices(['集会では、参加した市民らが基地の撤去を求める声を上げた。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a verb under an obligation or a wish is the writer\'s prescription', () => {
    expect(voices(['政府は米国に対し、もっと強く抗議すべきだ。', '政府は米国に対し、強く抗議した。'], 'tokyo')).toEqual(['author', 'tokyo']);
  });
  it('a writer\'s own 思う stays the writer\'s', () => {
    expect(voices(['結局、日本はアメリカに頼りすぎだと思う。'], 'tokyo')).toEqual(['author']);
  });
});

describe('document context: speeches, whose home, a side that has not said', () => {
  it('a speech announced by its intro is the speaker\'s, on the speaker\'s side, not the document\'s', () => {
    const texts = ['President Hale spoke on Monday at West Point. Excerpts from his remarks follow.', 'I have told every leader in Asia the same thing.', 'Our friends in Tokyo will never stand alone.'];
    expect(voices(texts, 'tokyo')).toEqual(['author', 'washington', 'washington']);
    // Without the intro nothing makes the same first-person sentences American.
    expect(voices(texts.slice(1), 'tokyo')).not.toContain('washington');
  });
  it('a Japanese speech summary (要旨は次の通り) gives the speaker\'s side even without a subject', () => {
    expect(voices(['首相は１日、国会で所信表明演説を行った。要旨は次の通り。', '防衛費の増額は自らの判断で決めたものだ。'], 'tokyo')).toEqual(['author', 'tokyo']);
    expect(voices(['防衛費の増額は自らの判断で決めたものだ。'], 'tokyo')).toEqual(['author']);
  });
  it('a speech opening with a salutation to its audience is the speaker\'s, on the document\'s side', () => {
    expect(voices(['Mr. Speaker, I come before this parliament as a friend.', 'Our two countries have stood together for decades.'], 'tokyo')).toEqual(['tokyo', 'tokyo']);
    expect(voices(['My fellow Americans, I will never abandon our allies in Asia.'], 'tokyo')).toEqual(['washington']);
    expect(voices(['国民の皆様、私は日米同盟をさらに強化してまいります。', '同盟は地域の平和の礎です。'], 'tokyo')).toEqual(['tokyo', 'tokyo']);
    // Without the salutation the writer's own first person stays the writer's.
    expect(voices(['I come to this question as a friend of both countries.'], 'tokyo')).toEqual(['author']);
  });
  it('a named speech carries only while the units speak in the first person', () => {
    const v = voices(['Japan\'s foreign minister, in a speech to business leaders, set out her view.', 'We will not be a junior partner.', 'The speech was broadcast live.'], 'washington');
    expect(v.slice(1)).toEqual(['tokyo', 'author']);
  });
  it('a speech unit that only relays the other side\'s stated position takes that side (rule 3)', () => {
    const v = voices(['Excerpts from the prime minister\'s address follow.', 'President Hale has said that the treaty covers the islands.'], 'tokyo');
    expect(v[1]).toBe('washington');
  });
  it('"critics at home" are at home where the person spoken of is; "back home I hear" is the writer\'s home', () => {
    const about = 'The prime minister flew back from the summit with a trade deal.';
    expect(voices([about, 'Critics at home said he had conceded too much.'], 'washington')[1]).toBe('tokyo');
    expect(voices([about, 'Back home I keep hearing that he conceded too much.'], 'washington')[1]).toBe('washington');
  });
  it('a side\'s subject that has not said something still speaks for that side alone (rule 5)', () => {
    expect(voices(['Japanese officials have not said whether they will agree.'], 'washington')).toEqual(['tokyo']);
  });
  it('「政府」 alone under a foreign dateline, after units voiced by that side, is that side\'s government', () => {
    const hearing = ['【ワシントン】米下院軍事委員会は５日、公聴会を開いた。', '議員らは、日本の防衛費が少なすぎると批判した。', '政府は、同盟国に負担増を求める方針を変えていない。'];
    expect(voices(hearing, 'tokyo')).toEqual(['author', 'washington', 'washington']);
    const talks = ['【ワシントン】日米外相会談が５日、開かれた。', '外務省幹部は「米国は日本と共にある」と述べた。', '政府は、同盟国に負担増を求める方針を変えていない。'];
    expect(voices(talks, 'tokyo')[2]).toBe('tokyo');
  });
  it('where the writer lives or works is whose people "colleagues" are, the writer\'s own words staying `author`', () => {
    expect(voices(['私は米国の大学で十年間教えてきた。', '同僚たちは、日本を信頼できる友人と呼ぶ。'], 'tokyo')).toEqual(['author', 'washington']);
    expect(voices(['同僚たちは、日本を信頼できる友人と呼ぶ。'], 'tokyo')).toEqual(['tokyo']);
    expect(voices(['I have taught at a university in Ohio for twenty years.', 'Most of my students call Japan a reliable friend.'], 'tokyo')[0]).toBe('author');
  });
  it('a side followed by should/must is the writer\'s advice to it, not its view', () => {
    expect(voices(['Washington should do more to explain what it contributes.'], 'washington')).toEqual(['author']);
    expect(voices(['Washington has tried to explain what it contributes.'], 'washington')).toEqual(['washington']);
  });
  it('a title-case speaker tag with a title ("Prime Minister Kishida:") is a tag like "SEN. REED:"', () => {
    expect(voices(['Prime Minister Kishida: I believe our alliance has never been stronger.', 'Senator Wicker: Then why do we pay for it?'])).toEqual(['tokyo', 'washington']);
    expect(voices(['President Biden said: the alliance is strong.'])).toEqual(['washington']);
  });
  it('a demand inside a code\'s wording is still a reported act of its actor (rule 4)', () => {
    expect(voices(['国防総省は日本に対し、防衛費を増額するよう求めた。'], 'tokyo')).toEqual(['washington']);
  });
});

describe('tone of a demand (rule 12)', () => {
  it('a demand only reported is neutral; judged or spoken by its holder it is negative', () => {
    const reported = run(['The Pentagon has asked Japan to double its defense spending.'])[0];
    expect(reported?.raised.length).toBeGreaterThan(0);
    expect(reported?.tone).toBe('neutral');
    // The rules' reading of a complaint and of a demand in its holder's voice (round 10's retrained tone model reads both
    // neutral, by "its defense spending": the round's training units label many reported demands neutral, rule 12; listed as work).
    expect(oneByRules('Officials in Tokyo complain that the Pentagon has asked Japan to double its defense spending.').tone).toBe('negative');
    expect(oneByRules('SEN. REED: I want Japan to double its defense spending, and I want it now.').tone).toBe('negative');
  });
  it('the same in Japanese: 求めた is neutral, a worry about the demand is negative', () => {
    const reported = run(['米政府は日本に対し、防衛費を引き上げるよう求めた。'])[0];
    expect(reported?.raised.length).toBeGreaterThan(0);
    expect(reported?.tone).toBe('neutral');
    expect(toneOf('政府内には、米政府が防衛費を引き上げるよう求めてくるとの警戒感がある。')).toBe('negative');
  });
  it('a judged burden and the relationship\'s importance are tone families of their own', () => {
    // (Round 9 dropped "carry their weight" as a tone term: it praises when affirmed and blames when asked or denied.)
    expect(termTone('Why should we keep footing the bill?')).toBe('negative');
    expect(toneOf('They have been the most important partners we have in Asia.')).toBe('positive');
    expect(toneOf('日米同盟は日本の安全に欠かせない。')).toBe('positive');
    expect(termTone('負担を増やせと言われても困る。')).toBe('negative');
  });
});

describe('the voice check sets', () => {
  // The check sets are not tuned to; this only guards that they stay well-formed and complete.
  it.each(['check-voice-en.jsonl', 'check-voice-ja.jsonl', 'check2-voice-en.jsonl', 'check2-voice-ja.jsonl', 'train-voice-en.jsonl', 'train-voice-ja.jsonl'])('%s is valid LABELS.md JSONL with every voice and tone', (file) => {
    const units = readFileSync(join(root, 'eval', file), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as { doc: string; voice: string; tone: string; codes: string[]; negated: string[] });
    expect(units.length).toBeGreaterThanOrEqual(file.startsWith('check2') ? 35 : 50);
    expect(new Set(units.map((u) => u.voice))).toEqual(new Set(['washington', 'tokyo', 'other', 'author']));
    expect(new Set(units.map((u) => u.tone))).toEqual(new Set(['positive', 'negative', 'mixed', 'neutral']));
    for (const u of units) expect(u.codes.filter((c) => u.negated.includes(c))).toEqual([]);
  });
});
