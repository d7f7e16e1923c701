import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { cohenKappa, evaluate, formatEvaluation, krippendorffAlpha } from '../src/evaluate.js';
import { labelUnits, parseUnits } from '../src/label.js';
import type { UnitIn, UnitLabel } from '../src/types.js';

const cb = builtinCodebook();

describe('agreement coefficients', () => {
  const pairs: Array<[string, string]> = [
    ['a', 'a'],
    ['b', 'b'],
    ['a', 'b'],
    ['b', 'b'],
  ];
  it("Cohen's kappa matches the hand computation (po 0.75, pe 0.5)", () => {
    expect(cohenKappa(pairs)).toBeCloseTo(0.5, 10);
  });
  it("Krippendorff's alpha (nominal) matches the hand computation (Do 2/8, De 30/56)", () => {
    expect(krippendorffAlpha(pairs)).toBeCloseTo(1 - 0.25 / (30 / 56), 10);
  });
  it('perfect agreement is 1, systematic disagreement is negative', () => {
    expect(cohenKappa([['x', 'x'], ['y', 'y']])).toBe(1);
    expect(krippendorffAlpha([['x', 'x'], ['y', 'y']])).toBe(1);
    expect(cohenKappa([['x', 'y'], ['y', 'x']])).toBeLessThan(0);
    expect(krippendorffAlpha([['x', 'y'], ['y', 'x']])).toBeLessThan(0);
  });
  it('alpha on a textbook case: 3 of 10 units disagree on a binary label', () => {
    const p: Array<[string, string]> = [];
    for (let i = 0; i < 7; i++) p.push(i < 4 ? ['1', '1'] : ['0', '0']);
    for (let i = 0; i < 3; i++) p.push(['1', '0']);
    // n = 20 values: eleven '1', nine '0'; Do = 6/20; De = 2*11*9/(20*19).
    expect(krippendorffAlpha(p)).toBeCloseTo(1 - (6 / 20) / ((2 * 11 * 9) / (20 * 19)), 10);
  });
});

describe('evaluate', () => {
  const units: UnitIn[] = [
    { doc: 'd1', side: 'washington', text: 'Japanese officials worry that Washington will cut a deal over Japan\'s head.' },
    { doc: 'd1', side: 'washington', text: 'U.S. officials stressed that the commitment to Japan\'s defense is ironclad.' },
    { doc: 'd2', side: 'tokyo', text: '日本は米国のポチだと識者は批判した。' },
    { doc: 'd2', side: 'tokyo', text: 'The cabinet approved the plan on Tuesday.' },
  ];
  // Gold = the coder's own labels, then one deliberate disagreement per family on the first unit.
  const decided = labelUnits(units, cb);
  const gold: Array<UnitIn & UnitLabel> = decided.map((u) => ({ doc: u.doc, side: u.side, text: u.text, voice: u.voice, codes: [...u.codes], negated: [...u.negated], tone: u.tone }));
  const g0 = gold[0] as UnitIn & UnitLabel;
  g0.voice = 'washington';
  g0.codes = [...g0.codes, 'nuclear'];
  g0.tone = 'positive';
  const result = evaluate(gold, cb, { reps: 200, seed: 7 });

  it('counts per-code true/false positives against the gold', () => {
    const nuclear = result.overall.raised.perCode.nuclear;
    expect(nuclear?.fn).toBe(1);
    expect(nuclear?.tp).toBe(0);
    const ab = result.overall.raised.perCode.abandonment;
    expect(ab?.tp).toBe(decided.filter((u) => u.codes.includes('abandonment')).length);
    expect(ab?.f1).toBe(1);
  });
  it('voice accuracy and confusion reflect the one disagreement', () => {
    expect(result.overall.voice.accuracy.estimate).toBeCloseTo(3 / 4, 10);
    expect(result.overall.voice.confusion.washington?.[decided[0]?.voice as string]).toBe(1);
    expect(result.overall.tone.accuracy.estimate).toBeCloseTo(3 / 4, 10);
  });
  it('splits by language and bootstraps over documents with ordered intervals', () => {
    expect(Object.keys(result.byLang).sort()).toEqual(['en', 'ja']);
    expect(result.byLang.en?.units).toBe(3);
    expect(result.overall.documents).toBe(2);
    const i = result.overall.voice.accuracy;
    expect(i.low).toBeLessThanOrEqual(i.estimate);
    expect(i.high).toBeGreaterThanOrEqual(i.estimate);
    const again = evaluate(gold, cb, { reps: 200, seed: 7 });
    expect(again.overall.voice.kappa).toEqual(result.overall.voice.kappa);
  });
  it('lists every wrong decision with its evidence, grouped by family', () => {
    expect(result.errors.map((e) => e.family)).toEqual(['voice', 'codes', 'tone']);
    const v = result.errors[0];
    expect(v?.evidence).toContain('side:tokyo/');
    const text = formatEvaluation(result, 'text', { errors: true });
    expect(text).toContain('-- voice');
    expect(text).toContain(units[0]?.text);
    expect(text).toContain('code:abandonment/');
    expect(formatEvaluation(result, 'text')).not.toContain('-- voice');
    const json = JSON.parse(formatEvaluation(result, 'json', { errors: true })) as { errors: unknown[] };
    expect(json.errors).toHaveLength(3);
  });
});

describe('parseUnits', () => {
  it('reads labelled JSONL and reports bad lines with their line number', () => {
    const text = ['{"doc":"d1","side":"tokyo","text":"A.","voice":"tokyo","codes":[],"negated":[],"tone":"neutral"}', 'not json', '{"doc":"d1","side":null}', '', '{"doc":"d2","side":null,"text":"B.","tone":"angry"}'].join('\n');
    const { units, messages } = parseUnits(text, 'u.jsonl');
    expect(units.map((u) => u.text)).toEqual(['A.', 'B.']);
    expect(units[0]?.tone).toBe('neutral');
    expect(units[1]?.tone).toBeUndefined();
    expect(messages.map((m) => m.place.line)).toEqual([2, 3, 5]);
  });
});
