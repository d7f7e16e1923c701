/**
 * The veto: the learned code model sets aside a code a pattern raised where it finds the code improbable, but only for
 * patterns it saw raise codes in training; the decision keeps the set-aside hit as evidence, and `evaluate --errors` shows it.
 */
import { describe, expect, it } from 'vitest';
import { builtinCodebook, describeModel, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { buildModel, DENIAL_VETO, VETO_BELOW, vetoKey, vetoKeys, type LangModelJson, type ModelFileJson } from '../src/coder/model.js';
import { evaluate, formatEvaluation } from '../src/evaluate.js';
import type { SentenceDecision, UnitIn, UnitLabel } from '../src/types.js';
import { bareModelFile, withModel } from './helpers/model-file.js';

const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
const EMPTY_CV = { rulesMacroF1: 0, combinedMacroF1: 0, nestedMacroF1: 0, codes: [] };
const one = (cb: Codebook, text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision;

/** A sentence the rules code autonomy in, and the name of the pattern that raises it. */
const VASSAL = 'Japan remains a vassal state of Washington, the zorblax report says.';
const raisedBy = (text: string, code: string): string => {
  const hit = one(builtin, text).raised.find((h) => h.code === code);
  const name = hit ? vetoKeys(builtin.matcher.entries).get(hit.evidence.rule) : undefined;
  if (!name) throw new Error(`coder-veto.test: no pattern raises ${code} in the fixture sentence`);
  return name;
};

/** An English code model where the invented word weighs `weight` thousandths on autonomy (bias 0), with a veto. */
function vetoModel(weight: number, veto: LangModelJson['veto']): ModelFileJson {
  const en: LangModelJson = {
    units: 1,
    features: ['w:zorblax'],
    codes: CODES.map((c) => ({ code: c, bias: c === 'autonomy' ? 0 : -9, threshold: null, idx: c === 'autonomy' ? [0] : [], w: c === 'autonomy' ? [weight] : [] })),
    cv: EMPTY_CV,
    ...(veto ? { veto } : {}),
  };
  return { ...bareModelFile(), langs: { en } };
}

describe('the veto of a rules raise', () => {
  const name = raisedBy(VASSAL, 'autonomy');

  it('sets aside a code the model finds improbable, keeping the pattern and the model\'s reading as evidence', () => {
    const d = one(withModel(vetoModel(-6000, { below: 0.05, patterns: [name] })), VASSAL);
    expect(d.raised.map((h) => h.code)).not.toContain('autonomy');
    const aside = d.setAside?.find((h) => h.code === 'autonomy');
    expect(aside?.evidence.rule).toMatch(/^code:autonomy\//u);
    // sigmoid(0 - 6) = 0.0025: under the bound, and the word weighing against the code is named.
    expect(aside?.evidence.model?.score).toBeLessThan(0.05);
    expect(aside?.evidence.model?.threshold).toBe(0.05);
    expect(aside?.evidence.model?.features[0]).toMatch(/^w:zorblax -6/u);
  });

  it('keeps the raise when the model finds it probable enough, knows none of the words, or never saw the pattern', () => {
    // sigmoid(-2) = 0.12 is above the bound.
    expect(one(withModel(vetoModel(-2000, { below: 0.05, patterns: [name] })), VASSAL).raised.map((h) => h.code)).toContain('autonomy');
    // Without the invented word the model holds no feature of the sentence: it knows nothing of it, so it does not overrule.
    const plain = one(withModel(vetoModel(-6000, { below: 0.05, patterns: [name] })), 'Japan remains a vassal state of Washington.');
    expect(plain.raised.map((h) => h.code)).toContain('autonomy');
    expect(plain.setAside).toBeUndefined();
    // A pattern the model never saw raise a code (a user's own, added after training) is never overruled.
    expect(one(withModel(vetoModel(-6000, { below: 0.05, patterns: ['autonomy some other pattern'] })), VASSAL).raised.map((h) => h.code)).toContain('autonomy');
    // A file without a veto (older files) overrules nothing.
    expect(one(withModel(vetoModel(-6000, undefined)), VASSAL).raised.map((h) => h.code)).toContain('autonomy');
  });

  it('names patterns by code and text as written, so that adding a pattern before another does not change its name', () => {
    expect(vetoKey({ kind: 'code', owner: 'nuclear', text: 'nuclear umbrella' })).toBe('nuclear nuclear umbrella');
    expect(vetoKey({ kind: 'deny', owner: 'nuclear', text: 'nuclear umbrella' })).toBe('deny:nuclear nuclear umbrella');
    const keys = vetoKeys(builtin.matcher.entries);
    expect(keys.get(builtin.matcher.entries.find((e) => e.kind === 'code')?.rule as string)).toBeDefined();
    // Only patterns that raise or deny a code: a side's cue or a negation cue names no code.
    const kinds = new Set([...keys.keys()].map((r) => builtin.matcher.entries.find((e) => e.rule === r)?.kind));
    expect([...kinds].sort()).toEqual(['anaphora', 'code', 'deny', 'dismissal']);
  });

  it('refuses a malformed veto with a message naming where', () => {
    const bad = (veto: unknown): unknown => buildModel({ ...vetoModel(-6000, undefined), langs: { en: { ...(vetoModel(-6000, undefined).langs.en as LangModelJson), veto } } }, 'm.json', CODES);
    expect(bad({ below: 1.5, patterns: [] })).toEqual({ problem: 'langs.en.veto: below must be in (0, 1) and patterns a list of strings' });
    expect(bad({ below: 0.05, patterns: [3] })).toEqual({ problem: 'langs.en.veto: below must be in (0, 1) and patterns a list of strings' });
    expect(bad({ below: 0.05, patterns: [name] })).toHaveProperty('model');
  });

  it('shows a set-aside code in the error listing, as the evidence behind a missed code', () => {
    const cb = withModel(vetoModel(-6000, { below: 0.05, patterns: [name] }));
    const gold: Array<UnitIn & UnitLabel> = [{ doc: 'd1', side: null, text: VASSAL, voice: 'author', codes: ['autonomy'], negated: [], tone: 'negative' }];
    const result = evaluate(gold, cb, { reps: 50, seed: 3 });
    const codes = result.errors.find((e) => e.family === 'codes');
    expect(codes?.evidence).toContain('set aside by the model');
    expect(formatEvaluation(result, 'text', { errors: true })).toContain('set aside by the model');
  });

  it('undoes a rules negation the denial model finds improbable, and raises the code where the code model affirms it', () => {
    const text = 'Nobody in Tokyo fears that Washington will abandon Japan, the zorblax memo says.';
    const negatedBy = one(builtin, text).negated.find((h) => h.code === 'abandonment');
    const pattern = negatedBy ? vetoKeys(builtin.matcher.entries).get(negatedBy.evidence.rule) : undefined;
    expect(pattern).toBeDefined();
    const withWord = (code: string, w: number): LangModelJson => ({ units: 1, features: ['w:zorblax'], codes: CODES.map((c) => ({ code: c, bias: 0, threshold: null, idx: c === code ? [0] : [], w: c === code ? [w] : [] })), cv: EMPTY_CV });
    const file = (denialW: number, codeW: number, veto: LangModelJson['veto']): ModelFileJson => ({ ...bareModelFile(), langs: { en: withWord('abandonment', codeW) }, denial: { en: { ...withWord('abandonment', denialW), ...(veto ? { veto } : {}) } } });
    const veto = { below: 0.02, raiseAt: 0.5, patterns: [pattern as string] };
    // The denial model gives the denial sigmoid(-6) = 0.0025 and the code model the code sigmoid(-6): the negation is undone, nothing raised.
    const undone = one(withModel(file(-6000, -6000, veto)), text);
    expect(undone.negated.map((h) => h.code)).not.toContain('abandonment');
    expect(undone.raised.map((h) => h.code)).not.toContain('abandonment');
    const aside = undone.setAside?.find((h) => h.code === 'abandonment');
    expect(aside?.negation).toBeDefined();
    expect(aside?.evidence.model).toMatchObject({ threshold: 0.02 });
    // The code model reads the same words as the concern affirmed (sigmoid(6) = 0.998): the code is raised instead, with the concern's span.
    const affirmed = one(withModel(file(-6000, 6000, veto)), text);
    const hit = affirmed.raised.find((h) => h.code === 'abandonment');
    expect(hit?.evidence.text).toBe(negatedBy?.evidence.text);
    expect(hit?.negation).toBeUndefined();
    expect(hit?.evidence.model?.threshold).toBe(0.5);
    // A denial the model finds probable enough stays; so does one through a pattern it never saw negate, and one in a file without the veto.
    expect(one(withModel(file(-3000, 6000, veto)), text).negated.map((h) => h.code)).toContain('abandonment');
    expect(one(withModel(file(-6000, 6000, { ...veto, patterns: ['abandonment another pattern'] })), text).negated.map((h) => h.code)).toContain('abandonment');
    expect(one(withModel(file(-6000, 6000, undefined)), text).negated.map((h) => h.code)).toContain('abandonment');
    // A raiseAt outside (0, 1] is refused.
    expect(buildModel({ ...file(-6000, 6000, veto), denial: { en: { ...withWord('abandonment', -6000), veto: { ...veto, raiseAt: 2 } } } }, 'm.json', CODES)).toEqual({ problem: 'denial.en.veto: raiseAt must be in (0, 1]' });
  });

  it('lets the denial model read the codes the previous unit raised, when the file says so', () => {
    // A denial part whose only feature is "the previous unit raised abandonment": a cue sentence after such a unit is read as its denial.
    const denial: LangModelJson = { units: 1, features: ['pc:abandonment'], codes: CODES.map((c) => ({ code: c, bias: -4, threshold: c === 'abandonment' ? 0.5 : null, idx: c === 'abandonment' ? [0] : [], w: c === 'abandonment' ? [9000] : [] })), cv: EMPTY_CV };
    const units = [{ text: 'Tokyo fears that Washington will abandon Japan.', paragraph: 0 }, { text: 'Nobody in the ministry loses sleep over that now.', paragraph: 0 }];
    const base = bareModelFile({ denial: { en: denial } });
    const on = decide(units, { docSide: null }, withModel({ ...base, features: { ...base.features, denialPrev: true } }))[1];
    expect(on?.negated.map((h) => h.code)).toEqual(['abandonment']);
    expect(on?.negated[0]?.evidence.model?.features[0]).toMatch(/^pc:abandonment/u);
    // Off (older files): the feature is not read, the denial model finds nothing.
    expect(decide(units, { docSide: null }, withModel({ ...base, features: { ...base.features, denialPrev: false } }))[1]?.negated).toEqual([]);
  });

  it('ships with a raise veto and a denial veto in both languages, over patterns seen in training', () => {
    const model = builtin.model;
    for (const lang of ['en', 'ja']) {
      const veto = model?.langs.get(lang)?.veto;
      expect(veto?.below).toBe(VETO_BELOW.get(lang));
      expect(veto?.patterns.size).toBeGreaterThan(100);
      // Every name is one of the codebook's code patterns (the shipped model is trained on these rules).
      const names = new Set(vetoKeys(builtin.matcher.entries).values());
      expect([...(veto?.patterns ?? [])].filter((p) => !names.has(p))).toEqual([]);
    }
    for (const lang of ['en', 'ja']) {
      const veto = model?.denial?.get(lang)?.veto;
      expect(veto).toMatchObject({ below: DENIAL_VETO.below, raiseAt: DENIAL_VETO.raiseAt });
      expect(veto?.patterns.size).toBeGreaterThan(50);
    }
    // `codebook check` says so.
    const lines = describeModel(model as NonNullable<Codebook['model']>, builtin.yaml);
    for (const lang of ['en', 'ja']) expect(lines.filter((l) => new RegExp(` ${lang} veto: `, 'u').test(l))).toHaveLength(1);
    // ...and of the denial model's veto, in both languages, with its two bounds.
    for (const lang of ['en', 'ja']) expect(lines.filter((l) => l.startsWith(`model ${lang} denial veto: a pattern's negation is undone where the denial model gives it under ${DENIAL_VETO.below}, and the code raised instead where the code model gives it ${DENIAL_VETO.raiseAt} or more`))).toHaveLength(1);
  });
});
