import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { compilePattern } from '../src/codebook/pattern.js';
import { negativeInflection } from '../src/coder/codes.js';
import { decide } from '../src/coder/index.js';
import type { SentenceDecision } from '../src/types.js';
import { oneByRules } from './helpers/coder.js';

const cb = builtinCodebook();
const CODES = cb.codes.map((c) => c.id);

function run(texts: string[]): SentenceDecision[] {
  return decide(
    texts.map((text) => ({ text, paragraph: 0 })),
    { docSide: null },
    cb,
  );
}
const one = (text: string): SentenceDecision => run([text])[0] as SentenceDecision;
const raised = (d: SentenceDecision): string[] => d.raised.map((h) => h.code).sort();
const negated = (d: SentenceDecision): string[] => d.negated.map((h) => h.code).sort();
/** The raises the learned model set aside (the veto), with the model's reading as their evidence. */
const setAside = (d: SentenceDecision): string[] => (d.setAside ?? []).filter((h) => h.negation === undefined && h.evidence.model !== undefined).map((h) => h.code).sort();

describe('negativeInflection', () => {
  const hit = (text: string, word: string, pattern: string): { start: number; end: number; entry: { text: string } } => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, entry: { text: pattern } };
  };
  it('reads the negative form that starts with the hit\'s last character or right after it', () => {
    const a = '米国は同盟国を見捨てない。';
    expect(negativeInflection(a, hit(a, '見捨てな', '見捨てる'))).toEqual({ start: a.indexOf('ない'), end: a.indexOf('ない') + 2 });
    const b = '核を持たず、作らず。';
    const span = negativeInflection(b, hit(b, '核を持た', '核を持つ'));
    expect(span && b.slice(span.start, span.end)).toBe('ず');
  });
  it('leaves "may" (かねない), "without" (ずに), pleas and questions alone', () => {
    const cases: Array<[string, string]> = [
      ['日本は見捨てられかねない。', '見捨てら'],
      ['相談せずに決めた。', '相談せ'],
      ['見捨てないでほしい。', '見捨てな'],
      ['見捨てないか心配だ。', '見捨てな'],
    ];
    for (const [text, word] of cases) expect(negativeInflection(text, hit(text, word, '見捨てる'))).toBeUndefined();
  });
  it('a pattern written with its negation keeps it as wording', () => {
    const t = '米国は当てにならない。';
    expect(negativeInflection(t, hit(t, '当てにならない', '当てにならない'))).toBeUndefined();
  });
});

describe('negation scope and wording', () => {
  it('a Japanese code verb in its negative form is negated, a worried question is raised', () => {
    const d = one('米国は同盟国の日本を見放さない。');
    expect(negated(d)).toContain('abandonment');
    expect(raised(d)).not.toContain('abandonment');
    expect(raised(one('米国に見放されないか心配だ。'))).toContain('abandonment');
  });
  it('a negation inside one code\'s wording negates only the other code it overlaps', () => {
    const d = one('The ambassador said America would never leave Japan alone in a crisis.');
    expect(raised(d)).toContain('reassurance');
    expect(negated(d)).toContain('abandonment');
    expect(raised(d)).not.toContain('abandonment');
  });
  it('doubt before "would help" raises the fear even though it holds a negation', () => {
    expect(raised(one('I am not sure the Americans would fight for us.'))).toContain('abandonment');
    expect(raised(one('Would the United States really defend a few rocks?'))).toContain('abandonment');
  });
  it('a conditional negation voices the concern instead of denying it (rule 6)', () => {
    expect(raised(one('米国が日本を守らないなら、同盟に意味はない。'))).toContain('abandonment');
    const d = one('If Tokyo does not go along with whatever Washington says, the alliance will survive.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).toEqual([]);
  });
  it('a back-reference that names its own content denies only that content', () => {
    const [, d] = run(['Tokyo simply follows Washington on everything.', 'The fear that America will walk away is not supported by the record.']) as [SentenceDecision, SentenceDecision];
    expect(negated(d)).toEqual(['abandonment']);
  });
  it('a back-reference alone still dismisses the previous unit\'s concerns', () => {
    const texts = ['Tokyo simply follows Washington on everything.', 'That complaint does not survive a look at the record.'];
    const [, d] = run(texts) as [SentenceDecision, SentenceDecision];
    const rules = decide(texts.map((text) => ({ text, paragraph: 0 })), { docSide: null }, { ...cb, model: undefined })[1] as SentenceDecision;
    expect(negated(rules)).toEqual(['autonomy']);
    expect(d.negated.find((h) => h.code === 'autonomy')?.evidence.rule).toMatch(/^negation:anaphora/);
    // Round 17: the network may deny another code beside it (here one_way, wrongly), at 0.8 or more; beside a denial the
    // rules read, such additions were right 26 times in 52 on the writers' fresh sets (eval/README-codes.md, "Round 17").
    for (const h of d.negated.filter((x) => x.code !== 'autonomy')) {
      expect(h.evidence.rule).toMatch(/^net-denial:/);
      expect(h.evidence.model?.score).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe("'~' on an alternative of a word's last group (English)", () => {
  const matches = (pattern: string, text: string): boolean => {
    const c = compilePattern(pattern).pattern;
    if (!c) throw new Error(`pattern ${pattern} does not compile`);
    const re = new RegExp(c.source, 'uy');
    for (let i = 0; i < text.length; i++) {
      re.lastIndex = i;
      if (re.test(text)) return true;
    }
    return false;
  };
  it('takes any ending on the marked alternatives only', () => {
    expect(matches('ties {deepen~|grow~} closer', 'ties deepened closer')).toBe(true);
    expect(matches('ties {deepen~|grow~} closer', 'ties growing closer')).toBe(true);
    expect(matches('{walk~|leave} away', 'they walked away')).toBe(true);
    expect(matches('{walk~|leave} away', 'leaves away')).toBe(false);
    expect(matches('{walk~|leave} away', 'leave away')).toBe(true);
  });
  it('is an error inside a group that is not the word\'s last', () => {
    expect(compilePattern('{deep~|grow~}er ties').error).toMatch(/only in a word's last group/);
  });
  it('works through the scanner of the built-in codebook', () => {
    // The rules' pattern is what is tested: round 15's English veto sets the first raise aside (the pattern was right 4 times
    // in 5 in training, and the model finds nuclear improbable in that sentence), keeping it as evidence.
    expect(raised(oneByRules('Some in the party want to rethink the country\'s non-nuclear policy.'))).toContain('nuclear');
    expect(setAside(one('Some in the party want to rethink the country\'s non-nuclear policy.'))).toEqual(['nuclear']);
    // The second: whether the code model lets it stand or sets it aside has changed with retraining (round 16 doubted it, 0.06 <
    // 0.1; round 18 keeps it); either way the rule's hit is there, raised or kept as set-aside evidence.
    expect(raised(oneByRules('A few of them even questioned Japan\'s non-nuclear stance.'))).toContain('nuclear');
    const withModel = one('A few of them even questioned Japan\'s non-nuclear stance.');
    expect([...raised(withModel), ...setAside(withModel)]).toContain('nuclear');
  });
});

describe('negation scope, round 2', () => {
  it('an English negation does not reach into a conditional it governs, but still denies a reason', () => {
    const d = one('Then you will not object if we ask them to write a bigger check next year.');
    expect(raised(d)).toContain('burden_pressure');
    expect(negated(d)).toEqual([]);
    expect(negated(one('Japan did not send the ships because Washington asked.'))).toContain('burden_pressure');
  });
  it('"few" negates, "a few" does not', () => {
    const d = one('Few in Tokyo believe Washington would walk away from the treaty.');
    expect(negated(d)).toContain('abandonment');
    expect(raised(one('A few commentators said Japan should build a bomb of its own.'))).toContain('nuclear');
  });
  it('a Japanese negative form before 限り is a condition, not a denial', () => {
    const t = '日本が核を持たない限り、真の自立はない。';
    const start = t.indexOf('核を持た');
    expect(negativeInflection(t, { start, end: start + 4, entry: { text: '核を持つ' } })).toBeUndefined();
    expect(raised(one(t))).toContain('nuclear');
  });
  it('a denial written with its affirmative ending does not fire on the negative form', () => {
    const d = one('米議会には、日本は応分の負担をしていないとの不満がある。');
    expect(raised(d)).toContain('one_way');
    expect(negated(d)).not.toContain('one_way');
  });
});

describe('negation scope, round 3', () => {
  it('a rhetorical question denies; a plain question still raises', () => {
    expect(negated(one('米国が日本を見捨てるなどと、いまさら誰が信じるだろうか。'))).toContain('abandonment');
    expect(negated(one('Who seriously believes that Japan is a free rider these days?'))).toContain('one_way');
    expect(raised(one('米国は本当に日本を見捨てないだろうか。'))).toContain('abandonment');
  });
  it('a condition used as the premise of an argument yields to a denial in the same unit, and raises alone', () => {
    const d = one('核を持てば日本は孤立する。私は核武装には与しない。');
    expect(negated(d)).toContain('nuclear');
    expect(raised(d)).not.toContain('nuclear');
    expect(raised(one('日本が核を持てば、中国は強く警戒するだろう。'))).toContain('nuclear');
  });
  it('purpose (〜ないよう), "only" (〜としか…ない) and persistence (変わらない) deny nothing', () => {
    expect(raised(one('有事に自衛隊の指揮権が米軍に移らないよう、歯止めが要る。'))).toContain('autonomy');
    // The rules' scope is what is tested (round 12's model sets this short sentence's raise aside, at 0.007 under its 0.01 bound).
    expect(raised(oneByRules('米国は日本を数ある同盟国の一つとしか見ていない。'))).toContain('japan_passing');
    expect(raised(one('片務的な構図は今も変わらない。'))).toContain('one_way');
  });
  it('an English negation stops at a reported ", saying" clause', () => {
    const text = 'The minister dismissed the idea that Tokyo was being sidelined, saying the alliance would remain the cornerstone of its policy.';
    const d = oneByRules(text);
    expect(negated(d)).toContain('japan_passing');
    expect(raised(d)).toContain('reassurance');
    // With the learned parts the denial stands; round 16's code model sets the pledge aside (0.08 < 0.1), as evidence.
    expect(negated(one(text))).toContain('japan_passing');
    expect(setAside(one(text))).toEqual(['reassurance']);
  });
  it('a dismissal that calls the view off target or outdated negates it', () => {
    expect(negated(one('米国の戦争に巻き込まれるという批判は的外れだ。'))).toContain('entrapment');
    expect(negated(one('日本がただ乗りしているという非難は、もはや時代遅れだ。'))).toContain('one_way');
  });
});

describe('concepts beyond the keyword, and senses that must not fire', () => {
  it('raises codes worded without their obvious keyword', () => {
    expect(raised(one('Opposition lawmakers say Japan has spent decades deferring to the United States.'))).toContain('autonomy');
    expect(raised(one('The envoy warned that confidence in the American guarantee was eroding.'))).toContain('abandonment');
    expect(raised(one('Critics fear Japan will be dragged step by step into a conflict over Taiwan.'))).toContain('entrapment');
    expect(raised(one('政府は米国の顔色ばかりをうかがっている。'))).toContain('autonomy');
  });
  it('keeps other senses out', () => {
    expect(raised(one("Seoul's own debate about going nuclear has grown louder."))).not.toContain('nuclear');
    expect(raised(one('The allies agreed to keep up pressure on Pyongyang.'))).not.toContain('burden_pressure');
    expect(raised(one('知事は公約を反故にした。'))).not.toContain('abandonment');
    expect(raised(one('韓国では独自の核保有をめぐる議論が活発だ。'))).not.toContain('nuclear');
  });
});

describe('code-detection sets (eval/*-codes-*.jsonl)', () => {
  type Unit = { doc: string; side: string | null; text: string; voice: string; codes: string[]; negated: string[]; tone: string };
  const read = (f: string): Unit[] =>
    readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Unit);
  const files = [
    'eval/check-codes-en.jsonl', 'eval/check-codes-ja.jsonl', 'eval/check2-codes-en.jsonl', 'eval/check2-codes-ja.jsonl',
    'eval/train-codes-en.jsonl', 'eval/train-codes-ja.jsonl',
  ];
  it('are well formed, raise every code and never list a code twice', () => {
    for (const f of files) {
      const units = read(f);
      expect(units.length).toBeGreaterThan(50);
      for (const u of units) {
        expect(u.codes.every((c) => CODES.includes(c)) && u.negated.every((c) => CODES.includes(c))).toBe(true);
        expect(u.codes.filter((c) => u.negated.includes(c))).toEqual([]);
      }
      for (const c of CODES) expect(units.some((u) => u.codes.includes(c)), `${f} raises ${c}`).toBe(true);
    }
  });
  it('share no sentence with each other nor with the other labelled sets', () => {
    const seen = new Map<string, string>();
    // Round 3's training and blind sets land in batches: every one present takes part.
    const round3 = readdirSync(new URL('../eval/', import.meta.url)).filter((f) => /^(?:train3|blind3)-.*\.jsonl$/u.test(f)).sort().map((f) => `eval/${f}`);
    for (const f of [...files, ...round3, 'eval/units-en.jsonl', 'eval/units-ja.jsonl', 'eval/holdout-en.jsonl', 'eval/holdout-ja.jsonl']) {
      for (const u of read(f)) {
        const key = u.text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
        expect(seen.get(key), `${f}: ${key.slice(0, 40)}`).toBeUndefined();
        seen.set(key, f);
      }
    }
  });
});

describe('round 4: denial structures that generalise', () => {
  it('a claim asked or quoted, then flatly dismissed in the same unit, is negated; left standing it is raised', () => {
    expect(negated(one('A Japanese bomb? Absolutely not. Hiroshima will not allow it.'))).toContain('nuclear');
    expect(raised(one('A Japanese bomb? Some in the party think so.'))).toContain('nuclear');
    expect(negated(one('アメリカの戦争に巻き込まれる？ないない。'))).toContain('entrapment');
    expect(raised(one('アメリカの戦争に巻き込まれる？それが心配だ。'))).toContain('entrapment');
  });
  it('a stock claim with no holder (…という話, "the idea that…"), then dismissed in the unit, is negated', () => {
    expect(negated(one('米国が日本の頭越しに中国と手を結ぶという話をよく聞くが、今回それはなかった。'))).toContain('abandonment');
    expect(raised(one('米国が日本の頭越しに中国と手を結ぶという話をよく聞く。'))).toContain('abandonment');
    expect(negated(one('The idea that Washington would abandon Japan for Beijing? Nonsense.'))).toContain('abandonment');
  });
  it('a concern nobody voiced (…との懸念は…上がらなかった) is negated as an absence and lends no tone', () => {
    const d = one('会合では、日本が置き去りにされるとの懸念は、どちらの側からも上がらなかった。');
    expect(negated(d)).toContain('abandonment');
    expect(d.tone).toBe('neutral');
    expect(raised(one('会合では、日本が置き去りにされるとの懸念が相次いだ。'))).toContain('abandonment');
  });
  it('an English topic fronted with "As for" is covered by the main clause\'s negation, and only within reach of it', () => {
    expect(negated(one('As for being dragged into America\'s wars, I have never met a Japanese sailor who lost sleep over it.'))).toContain('entrapment');
    expect(raised(one('As for being dragged into America\'s wars, that is what many sailors fear.'))).toContain('entrapment');
    expect(raised(one('As for being dragged into America\'s wars, it is a real danger, and no one in the navy denies it.'))).toContain('entrapment');
  });
  it('a rhetorical question that doubts anyone holds the view denies; a plain question raises', () => {
    expect(negated(one('Does anyone seriously think Washington would abandon Japan?'))).toContain('abandonment');
    expect(raised(one('Will Washington abandon Japan?'))).toContain('abandonment');
    expect(negated(one('米国が日本を見捨てると本気で思う人がいるだろうか。'))).toContain('abandonment');
    expect(raised(one('米国は日本を見捨てるのだろうか。'))).toContain('abandonment');
  });
  it('a Japanese cue right after a quotation denies the whole quotation, across its sentences', () => {
    const d = one('元次官は「核を持てば日本は孤立する。現実的な選択肢ではない」と退ける。');
    expect(negated(d)).toContain('nuclear');
    expect(raised(d)).not.toContain('nuclear');
  });
  it('a Japanese backward negation stops at a coordinate clause closed by its own predicate, but still reaches a topic', () => {
    const d = one('日米同盟は地域の安全の要であり、その役割が小さくなったわけではない。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
    expect(negated(one('非核三原則は国の方針であり、いささかも揺らぐことはない。'))).toContain('nuclear');
  });
  it('"no evidence that" reaches the whole clause it introduces, however long', () => {
    const d = one('The committee found no evidence that the administration has ever made, or is now planning to make, decisions behind Tokyo\'s back.');
    expect(negated(d)).toContain('abandonment');
  });
  it('a "no change" denial affirms a favourable code rather than denying it', () => {
    // The rules' structure is what is tested: the training labels hold the "alliance as the cornerstone" pattern's raise right
    // 2 times in 7, and round 15's Japanese veto sets it aside here.
    const d = oneByRules('政府は、日米同盟を基軸とする方針に変更はないと述べた。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
    expect(negated(one('政府は、日米同盟を基軸とする方針に変更はないと述べた。'))).not.toContain('relationship_positive');
  });
  it('denial predicates: 事実と違う, 実態に合わない, Xなど…成り立たない, どころか, とまでは言えない', () => {
    expect(negated(one('日本がただ乗りしているという話は事実と違う。'))).toContain('one_way');
    expect(negated(one('ただ乗りという批判はもはや実態に合わない。'))).toContain('one_way');
    const dismissed = one('日本抜きのアジア政策など成り立たない。');
    expect(raised(dismissed)).toEqual([]);
    expect(negated(dismissed).length).toBe(1);
    expect(negated(one('米国が日本を見捨てるどころか、在日米軍はむしろ増強されている。'))).toContain('abandonment');
    expect(raised(one('米国が日本を見捨てる日が来るかもしれない。'))).toContain('abandonment');
  });
  it('English dismissal predicates: "wide of the mark", "does not hold water"', () => {
    expect(negated(one('Claims that Japan simply follows Washington are wide of the mark.'))).toContain('autonomy');
    expect(raised(one('Japan simply follows Washington, critics say.'))).toContain('autonomy');
  });
  it('phrases that only look negative deny nothing: not only, never + comparative, without asking, no doubt', () => {
    expect(raised(one('Japan has never been a more reliable partner than it is today.'))).toContain('relationship_positive');
    expect(raised(one('Tokyo signed on without asking what Japan gets in return.'))).toContain('one_way');
    expect(raised(one('日本防衛への関与に疑いの余地はないと委員長は述べた。'))).toContain('reassurance');
    expect(raised(one('その見返りは十分とは言えない。'))).toContain('one_way');
  });
  it('a prohibition denies a course of action (nuclear) but not a concern', () => {
    expect(negated(one('Tokyo must never go nuclear, whatever Beijing does.'))).toContain('nuclear');
    expect(raised(one('Tokyo may yet go nuclear, whatever Washington says.'))).toContain('nuclear');
    expect(negated(one('日本が核兵器を持つことは、絶対にあってはならない。'))).toContain('nuclear');
    expect(raised(one('Washington must never abandon Japan.'))).toContain('abandonment');
  });
  it('a dismissed back-reference reaches a course of action in the previous unit too', () => {
    const [, b] = run(['Some in Tokyo have talked openly about Japan acquiring nuclear weapons.', 'The government says it has no such intention.']) as [SentenceDecision, SentenceDecision];
    expect(negated(b)).toContain('nuclear');
    const [, c] = run(['日本の核武装を求める声が一部にある。', '官房長官：そのようなご懸念には当たりません。']) as [SentenceDecision, SentenceDecision];
    expect(negated(c)).toContain('nuclear');
  });
});

describe('round 5: denials that clear, negations that word the concern', () => {
  it('"nowhere" denies what follows it in its clause', () => {
    const d = one('Nowhere in the report does anyone propose downgrading Japan to court Beijing.');
    expect(negated(d)).toContain('japan_passing');
    expect(raised(d)).not.toContain('japan_passing');
    expect(raised(one('The report proposes downgrading Japan to court Beijing.'))).toContain('japan_passing');
  });
  it('a negated refusal ("will not say no", "never says no") and a hope that it never happens voice the concern', () => {
    expect(raised(one('The cabinet will not say no to Washington, whatever the cost.'))).toContain('autonomy');
    expect(raised(one('Our government does nothing, because it never says no to Washington.'))).toContain('autonomy');
    expect(raised(one('I hope our sons are never pulled into a war over Taiwan.'))).toContain('entrapment');
    // Without the hope, the same words deny.
    expect(negated(one('Our sons will never be pulled into a war over Taiwan.'))).toContain('entrapment');
  });
  it('a Japanese claim asked, then waved away after a clause of the speaker\'s own, is negated', () => {
    expect(negated(one('【@hana・横須賀】米国が日本を見捨てる？ 基地のそばに住んでいれば、そんな話ありえないと分かる。'))).toContain('abandonment');
    expect(negated(one('回答者（横浜・40代）：巻き込まれ論？ 任務は限られているのだから、そんな心配はしていない。'))).toContain('entrapment');
    // Left standing, the question raises (rule 6): the rules do; round 15's Japanese veto sets the raise aside in this sentence.
    expect(raised(oneByRules('【@hana・横須賀】米国が日本を見捨てる？ 基地のそばに住んでいれば、そう思うのも無理はない。'))).toContain('abandonment');
    expect(setAside(one('【@hana・横須賀】米国が日本を見捨てる？ 基地のそばに住んでいれば、そう思うのも無理はない。'))).toEqual(['abandonment']);
  });
  it('an intention denied with an adverb between, and a situation denied, are negations', () => {
    expect(negated(one('国務長官は「日本を見捨てる意図は全くない」と述べた。'))).toContain('abandonment');
    expect(negated(one('米中の接近が日本を脇に追いやるという状況にはない。'))).toContain('japan_passing');
  });
  it('a harm denied to a favourable code affirms it (絆を損なうことはない)', () => {
    const d = one('関税をめぐる対立が日米の絆を損なうことはない。');
    expect(raised(d)).toContain('relationship_positive');
    expect(negated(d)).not.toContain('relationship_positive');
  });
  it('Japanese absences and dismissals: nobody voices it, unimaginable, overthinking, premature, not even discussed, staged', () => {
    expect(negated(one('最近は、米国に見捨てられるとの不安を口にする議員はほとんどいない。'))).toContain('abandonment');
    expect(negated(one('駐日大使は「米国が日本を見捨てるなどということは想像すらできません」と述べた。'))).toContain('abandonment');
    expect(negated(one('（横浜・50代）米中の対立に日本が巻き込まれる、なんて考えすぎだと思う。'))).toContain('entrapment');
    expect(negated(one('日本が戦争に巻き込まれると考えるのは早計だろう。'))).toContain('entrapment');
    // "Isn't it premature…?" asserts the concern.
    expect(raised(one('○委員　日本が戦争に巻き込まれると考えるのは早計ではありませんか。'))).toContain('entrapment');
    expect(negated(one('日本が独自の核を持つという案は、政府内では議論の対象にすらならない。'))).toContain('nuclear');
    // The rules' reading: round 10's retrained denial model sets this negation aside (its veto; listed as work in
    // eval/README-codes.md, "Round 10: integration").
    expect(negated(oneByRules('北京の新聞は「日米は蜜月を演出しているにすぎない」と書いた。'))).toContain('relationship_positive');
    expect(negated(one('米国が日本を見捨てるという話をよく聞くが、米軍基地がなければ米国の太平洋戦略そのものが成り立たない以上、それは杞憂だ。'))).toContain('abandonment');
  });
  it('"dismiss the idea that" denies; "should not rule out" and 見合っていない word the concern', () => {
    expect(negated(one('Officials in Washington dismiss the idea that they would abandon Japan.'))).toContain('abandonment');
    expect(raised(one('Some lawmakers say Japan should not rule out building nuclear weapons.'))).toContain('nuclear');
    expect(raised(one('元次官は「日本の負担は、得ている発言力に見合っていない」と語った。'))).toContain('one_way');
  });
  it('an English negation stays with its own verb, asks inside "whether", and an ally\'s veto is no denial', () => {
    expect(raised(one('They fear an America that was not ready for war and left Japan to face China alone.'))).toContain('abandonment');
    expect(negated(one('They fear an America that was not ready for war or willing to leave Japan to face China alone.'))).toContain('abandonment');
    expect(raised(one('She asked whether Japan could really rule out a bomb of its own.'))).toContain('nuclear');
    expect(negated(one('Japan has ruled out a bomb of its own.'))).toContain('nuclear');
    expect(raised(one('Washington would never let Japan go nuclear.'))).toContain('nuclear');
    expect(negated(one('Japan will never go nuclear.'))).toContain('nuclear');
  });
});

