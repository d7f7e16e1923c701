/**
 * Code roles: the coder's structural rules name roles (`role:` in the codebook), not the built-in ids, so a codebook
 * whose codes carry other ids keeps them, and one whose codes hold no role turns them off and says so in its check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCodebook, CODE_ROLES, loadCodebook, roleCode, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import type { SentenceDecision } from '../src/types.js';

const base = readFileSync(new URL('../codebooks/us-japan.yaml', import.meta.url), 'utf8');
/** The built-in codebook with every role-holding code given another id (its patterns follow: a pattern's owner is its code). */
const renamedText = base
  .replace('  - id: abandonment\n', '  - id: fear_of_desertion\n')
  .replace('  - id: reassurance\n', '  - id: pledge\n')
  .replace('  - id: nationalism\n', '  - id: assertion\n')
  .replace('  - id: burden_pressure\n', '  - id: pressure\n')
  .replace('  - id: one_way\n', '  - id: lopsided\n');
const withoutRolesText = base.replace(/^ {4}role: .*\n/gmu, '');

function load(text: string): Codebook {
  const { codebook, messages } = loadCodebook(text, 'roles.yaml');
  if (!codebook) throw new Error(messages.map((m) => m.reason).join('; '));
  return codebook;
}
const builtin = load(base);
const renamed = load(renamedText);
const withoutRoles = load(withoutRolesText);

/** The decision for the last text of a document, each text its own paragraph. */
function last(texts: string[], cb: Codebook): SentenceDecision {
  const out = decide(texts.map((text, paragraph) => ({ text, paragraph })), { docSide: null }, cb);
  return out[out.length - 1] as SentenceDecision;
}
const summary = (d: SentenceDecision): string => [...d.raised.map((h) => `+${h.code}`), ...d.negated.map((h) => `-${h.code}`), d.tone].join(' ');

describe('code roles', () => {
  it('the built-in codebook gives each role to one code', () => {
    expect(CODE_ROLES.map((r) => roleCode(builtin, r))).toEqual(['abandonment', 'reassurance', 'nationalism', 'burden_pressure', 'one_way', 'japan_passing']);
    expect(roleCode(withoutRoles, 'abandonment')).toBeUndefined();
    expect(checkCodebook(base, 'us-japan.yaml').filter((m) => m.ruleId === 'codebook:role-unheld')).toEqual([]);
  });

  it('a commitment the ally might not keep raises the code holding the abandonment role, whatever its id', () => {
    const text = ['Officials in Tokyo privately fear the United States might not defend Japan in a crisis over the islands.'];
    const a = last(text, builtin);
    expect(a.raised.map((h) => [h.code, h.evidence.rule])).toContainEqual(['abandonment', 'negation:commitment-in-doubt']);
    const b = last(text, renamed);
    expect(b.raised.map((h) => [h.code, h.evidence.rule])).toContainEqual(['fear_of_desertion', 'negation:commitment-in-doubt']);
    // With no code holding the role, the pledge under "might not" is read as a plain denial of the pledge.
    const c = last(text, withoutRoles);
    expect(c.raised.map((h) => h.evidence.rule)).not.toContain('negation:commitment-in-doubt');
  });

  it('the ally promising not to act over Japan\'s head raises the pledge beside the denied fear', () => {
    const text = ['The American side assured the minister that no decision would be taken behind Japan\'s back.'];
    expect(summary(last(text, builtin))).toBe('+reassurance -abandonment positive');
    expect(summary(last(text, renamed))).toBe('+pledge -fear_of_desertion positive');
    expect(summary(last(text, withoutRoles))).toBe('-abandonment positive');
  });

  it('"not anti-American, but" introduces a call to assert, for the code holding the call role', () => {
    const text = ['I am not anti-American. I only ask for a say over what happens on our own land.'];
    expect(summary(last(text, builtin))).toBe('+nationalism negative');
    expect(summary(last(text, renamed))).toBe('+assertion negative');
    expect(last(text, withoutRoles).raised).toEqual([]);
  });

  it('a demand only reported lends no tone, for the code holding the demand role', () => {
    const text = ['The President said Japan should pay more for the troops stationed there.'];
    expect(summary(last(text, builtin))).toBe('+burden_pressure neutral');
    expect(summary(last(text, renamed))).toBe('+pressure neutral');
    expect(last(text, withoutRoles).tone).toBe('negative');
  });

  it('a Japanese pledge under a denial that notes no absence is neither raised nor negated (rule 7)', () => {
    const text = ['同盟国としての防衛義務が変わるわけではない。'];
    expect(summary(last(text, builtin))).toBe('neutral');
    expect(summary(last(text, renamed))).toBe('neutral');
    expect(last(text, withoutRoles).negated.map((h) => h.code)).toEqual(['reassurance']);
  });

  it('a codebook whose codes hold no role loads, and its check says which rules are off', () => {
    const unheld = checkCodebook(withoutRolesText, 'noroles.yaml').filter((m) => m.ruleId === 'codebook:role-unheld');
    expect(unheld.map((m) => m.severity)).toEqual(CODE_ROLES.map(() => 'info'));
    expect(unheld[0]?.reason).toMatch(/^no code has role: abandonment; the coder's structural rules for it are off \(/u);
    // At the codes list (its first item: a YAML sequence's place is where its values start).
    expect(unheld[0]?.place.line).toBe(withoutRolesText.split('\n').indexOf('codes:') + 2);
  });

  it('two codes holding one role is an error at the second role\'s line', () => {
    const text = base.replace('  - id: entrapment\n', '  - id: entrapment\n    role: abandonment\n');
    const { codebook, messages } = loadCodebook(text, 'two.yaml');
    expect(codebook).toBeUndefined();
    const m = messages.find((x) => x.reason.includes('already held'));
    expect(m?.reason).toContain('the role abandonment is already held by the code abandonment');
    expect(m?.place.line).toBe(text.split('\n').findIndex((l, i, all) => l === '    role: abandonment' && all[i - 1] === '  - id: entrapment') + 1);
  });
});
