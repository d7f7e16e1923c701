import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { decide, type CoderContext } from '../src/coder/index.js';
import type { SentenceDecision } from '../src/types.js';

const cb = builtinCodebook();

function run(texts: string[], ctx: CoderContext = { docSide: null }, paragraphs?: number[]): SentenceDecision[] {
  return decide(texts.map((text, i) => ({ text, paragraph: paragraphs?.[i] ?? i })), ctx, cb);
}
function one(text: string, ctx: CoderContext = { docSide: null }): SentenceDecision {
  return run([text], ctx)[0] as SentenceDecision;
}
const raised = (d: SentenceDecision): string[] => d.raised.map((h) => h.code).sort();
const negated = (d: SentenceDecision): string[] => d.negated.map((h) => h.code).sort();

describe('negation scope', () => {
  it('a negation before the concern in its clause negates it', () => {
    const d = one('No one asked whether closer ties with China would come at Japan\'s expense.');
    expect(negated(d)).toContain('japan_passing');
    expect(raised(d)).not.toContain('japan_passing');
  });
  it('stops at the clause boundary', () => {
    const d = one('The talks did not go well; Japan cannot say no to Washington.');
    expect(raised(d)).toContain('autonomy');
    expect(negated(d)).toEqual([]);
  });
  it('a negation inside the code wording is part of it', () => {
    expect(raised(one('Critics say Japan has no foreign policy of its own.'))).toEqual(['autonomy']);
  });
  it('questions and conditionals raise the concern (rule 6)', () => {
    expect(raised(one('Will Washington stand by us?'))).toContain('abandonment');
    expect(raised(one('日本は米国に見捨てられるのではないか。'))).toContain('abandonment');
  });
  it('Japanese cues scope backwards over their clause', () => {
    expect(negated(one('日本が対米追従だというわけではない。'))).toEqual(['autonomy']);
    const d = one('日本政府内からは、米中の接近で日本が蚊帳の外に置かれるとの懸念は聞かれなかった。');
    expect(negated(d)).toEqual(['japan_passing']);
    expect(d.tone).toBe('neutral');
    expect(negated(one('○外務大臣　政府として、非核三原則を見直す考えは全くございません。'))).toEqual(['nuclear']);
  });
  it('a dismissed back-reference negates the previous unit\'s concern, and clears the ally', () => {
    const [a, b] = run(['Back home I keep hearing that Japan gets American protection on the cheap.', 'That complaint does not survive contact with a budget spreadsheet.']);
    expect(raised(a as SentenceDecision)).toEqual(['one_way']);
    expect(negated(b as SentenceDecision)).toEqual(['one_way']);
    expect((b as SentenceDecision).tone).toBe('positive');
  });
  it('a code is never both raised and negated', () => {
    for (const t of ['Japan is not being sidelined, and nobody doubts it is being sidelined.', '日本は見捨てられることはない。見捨てられる。']) {
      const d = one(t);
      for (const c of raised(d)) expect(negated(d)).not.toContain(c);
    }
  });
});

describe('sense exclusions', () => {
  it('keywords in other senses raise nothing', () => {
    expect(raised(one("North Korea's nuclear programme worries everyone."))).not.toContain('nuclear');
    expect(raised(one('Residents protested near the nuclear power plant.'))).toEqual([]);
    expect(raised(one('He abandoned his pledge to move the base.'))).not.toContain('abandonment');
    expect(raised(one('政府は北朝鮮への圧力を強める方針だ。'))).not.toContain('burden_pressure');
  });
});

describe('voice', () => {
  it('speaker tags give the speaker\'s side and are remembered for later turns', () => {
    const ds = run(['MR. HALE (R-Ohio): We pay for their defense and get little in return.', 'MS. KIM (Department of State): We respect their decisions.', 'MR. HALE: I want Japanese boots on the ground.', 'Q: One more question about the schedule.'], { docSide: null });
    expect(ds.map((d) => d.voice.voice)).toEqual(['washington', 'washington', 'washington', 'author']);
    expect(ds[2]?.voice.how).toBe('speaker');
  });
  it('Diet speaker tags are tokyo; a relayed U.S. position is washington (rule 3)', () => {
    const ds = run(['○山田委員　日本は米国の言いなりではないですか。', '○外務大臣　米国政府も、我が国の判断を尊重するとの立場を表明しております。'], { docSide: 'tokyo' });
    expect(ds[0]?.voice.voice).toBe('tokyo');
    expect(ds[1]?.voice.voice).toBe('washington');
    expect(ds[1]?.voice.how).toBe('relayed');
  });
  it('an interviewer question that reports a view takes its holder\'s voice', () => {
    const ds = run(['Q: Some in Tokyo read that as "pay up or we leave." Is that right?'], { docSide: 'washington' });
    expect(ds[0]?.voice.voice).toBe('tokyo');
  });
  it('continuation carries the previous view', () => {
    const ds = run(['Japanese officials worry that Washington will cut a deal over Japan\'s head.', 'They also fear that American attention will drift toward Beijing.'], { docSide: 'washington' });
    expect(ds.map((d) => d.voice.voice)).toEqual(['tokyo', 'tokyo']);
    expect(ds[1]?.voice.how).toBe('carried');
  });
  it('the writer\'s own analysis is author even when the document side is known', () => {
    expect(one('There are still reasons to be worried, however.', { docSide: 'tokyo' }).voice.voice).toBe('author');
  });
  it('datelines make "here" that side; inverted attributions find the holder', () => {
    const ds = run(['BEIJING — The foreign ministry protested the plan on Thursday.', 'Officials here also fear a new arms race.'], { docSide: 'other' });
    expect(ds[1]?.voice.voice).toBe('other');
    expect(one('"We are treated like a cash machine," said an opposition member of the upper house.').voice.voice).toBe('tokyo');
  });
  it('Japanese quote frames with a holder before them', () => {
    expect(one('米政府高官は「現実的な判断だ」と歓迎した。').voice.voice).toBe('washington');
    expect(one('中国外務省の報道官は「日本は米国の駒だ」と批判した。').voice.voice).toBe('other');
    expect(one('でも、結局日本はアメリカのポチでしかないと感じます。').voice.voice).toBe('author');
  });
});

describe('tone', () => {
  it('reads positive, negative, mixed and neutral', () => {
    expect(one('Our commitment to Japan is ironclad.').tone).toBe('positive');
    expect(one('Tokyo fears it is being sidelined.').tone).toBe('negative');
    expect(one('The alliance is in the best shape it has ever been, but Tokyo cannot say no to Washington.').tone).toBe('mixed');
    expect(one('The cabinet approved the plan on Tuesday.').tone).toBe('neutral');
  });
});

describe('evidence', () => {
  it('every span points into the original sentence, Japanese full-width and half-width included', () => {
    const texts = ['日本はｱﾒﾘｶのﾎﾟﾁだと、識者は批判した。', 'ＧＤＰ比２％の防衛費を米国から強く要請された。', '“We are treated like a cash machine,” said an opposition lawmaker.'];
    const ds = run(texts, { docSide: 'tokyo' });
    ds.forEach((d, i) => {
      const text = texts[i] as string;
      const spans = [d.voice.cue, ...d.raised.map((h) => h.evidence), ...d.negated.flatMap((h) => [h.evidence, h.negation]), ...d.toneEvidence].filter((e) => e !== undefined);
      expect(spans.length).toBeGreaterThan(0);
      for (const e of spans) expect(text.slice(e.start, e.end)).toBe(e.text);
    });
    expect(ds[0]?.raised.find((h) => h.code === 'autonomy')?.evidence.text).toBe('ﾎﾟﾁ');
  });
  it('every decision names the rule that fired', () => {
    const d = one('Japanese officials worry that Washington will cut a deal over Japan\'s head.');
    expect(d.voice.cue?.rule).toMatch(/^side:tokyo\//);
    expect(d.raised[0]?.evidence.rule).toMatch(/^code:abandonment\//);
  });
});

