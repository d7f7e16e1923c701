import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCodebook, checkCodebook, compilePattern, loadCodebook, normalize, toOriginal } from '../src/codebook/index.js';

const builtinYaml = readFileSync(new URL('../codebooks/us-japan.yaml', import.meta.url), 'utf8');

function matches(pattern: string, text: string): boolean {
  const c = compilePattern(pattern).pattern;
  if (!c) throw new Error(`pattern ${pattern} does not compile`);
  const re = new RegExp(c.source, c.raw ? 'iu' : 'uy');
  const norm = normalize(text).text;
  for (let i = 0; i < norm.length; i++) {
    re.lastIndex = i;
    if (c.raw ? re.test(norm.slice(i)) : re.test(norm)) return true;
  }
  return false;
}

/** A small valid codebook, as text, to break in the tests. */
function tinyYaml(codesBlock: string): string {
  return [
    'name: tiny',
    'sides:',
    '  a:',
    '    cues:',
    '      en: [Alpha]',
    '      ja: [甲]',
    '  b:',
    '    cues:',
    '      en: [Beta]',
    '      ja: [乙]',
    'attribution:',
    '  verbs:',
    '    en: [said]',
    'negation:',
    '  forward:',
    '    en: [not]',
    '  backward:',
    '    ja: [わけではない]',
    'tone:',
    '  positive:',
    '    en: [good]',
    '  negative:',
    '    en: [bad]',
    'codes:',
    codesBlock,
  ].join('\n');
}

describe('builtin codebook', () => {
  it('loads with its ten codes, three sides and a 12-hex version, frozen', () => {
    const cb = builtinCodebook();
    expect(cb.name).toBe('us-japan');
    expect(cb.codes.map((c) => c.id)).toEqual(['relationship_positive', 'one_way', 'autonomy', 'burden_pressure', 'nuclear', 'abandonment', 'entrapment', 'japan_passing', 'nationalism', 'reassurance']);
    expect(cb.sides).toEqual(['washington', 'tokyo', 'other']);
    expect(cb.version).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.isFrozen(cb)).toBe(true);
    expect(Object.isFrozen(cb.spec.codes)).toBe(true);
  });

  it('checks clean: no error and no quality warning', () => {
    expect(checkCodebook(builtinYaml, 'us-japan.yaml').map((m) => m.reason)).toEqual([]);
  });

  it('a changed text gets a different version', () => {
    const a = loadCodebook(builtinYaml).codebook;
    const b = loadCodebook(builtinYaml + '\n# comment\n').codebook;
    expect(a?.version).not.toBe(b?.version);
  });
});

describe('codebook errors with line and column', () => {
  it('reports a YAML syntax error at its place', () => {
    const text = 'name: x\nsides:\n  a: [unclosed\n';
    const { codebook, messages } = loadCodebook(text, 'bad.yaml');
    expect(codebook).toBeUndefined();
    const m = messages[0];
    expect(m?.severity).toBe('fatal');
    expect(m?.place.file).toBe('bad.yaml');
    expect(m?.place.line).toBeGreaterThanOrEqual(3);
    expect(m?.place.column).toBeGreaterThanOrEqual(1);
  });

  it('maps a schema error to the line of the offending value', () => {
    const text = tinyYaml(['  - id: c1', '    label: C', '    description: d', '    tone: sideways', '    en: [x]', '    ja: [エックス]'].join('\n'));
    const { codebook, messages } = loadCodebook(text, 't.yaml');
    expect(codebook).toBeUndefined();
    const m = messages.find((x) => x.reason.includes('tone'));
    const toneLine = text.split('\n').findIndex((l) => l.includes('tone: sideways')) + 1;
    expect(m?.place.line).toBe(toneLine);
    expect(m?.place.column).toBe(11);
  });

  it('points a missing required field at its parent', () => {
    const text = tinyYaml(['  - id: c1', '    label: C', '    en: [x]', '    ja: [エックス]'].join('\n'));
    const { messages } = loadCodebook(text, 't.yaml');
    const m = messages.find((x) => x.reason.includes('description'));
    expect(m?.place.line).toBe(text.split('\n').findIndex((l) => l.includes('- id: c1')) + 1);
  });

  it('rejects duplicate code ids', () => {
    const code = ['  - id: c1', '    label: C', '    description: d', '    en: [x]', '    ja: [エックス]'].join('\n');
    const { codebook, messages } = loadCodebook(tinyYaml(code + '\n' + code), 't.yaml');
    expect(codebook).toBeUndefined();
    expect(messages.some((m) => m.ruleId === 'codebook:duplicate-code')).toBe(true);
  });
});

describe('codebook quality warnings', () => {
  const code = ['  - id: c1', '    label: C', '    description: d', '    en: ["re:[unclosed", "lap dog", "a lap dog", "lap dog"]', '    ja: []'].join('\n');
  const messages = checkCodebook(tinyYaml(code), 'q.yaml');
  it('warns about a pattern that can never match, at its line', () => {
    const m = messages.find((x) => x.ruleId === 'codebook:pattern-never-matches');
    expect(m?.reason).toContain('re:[unclosed'.slice(3));
    expect(m?.place.line).toBe(tinyYaml(code).split('\n').findIndex((l) => l.includes('re:[unclosed')) + 1);
  });
  it('warns about shadowed and duplicate patterns', () => {
    const shadow = messages.filter((x) => x.ruleId === 'codebook:pattern-shadowed').map((x) => x.reason);
    expect(shadow.some((r) => r.includes('"a lap dog" is shadowed by "lap dog"'))).toBe(true);
    expect(shadow.some((r) => r.includes('duplicate'))).toBe(true);
  });
  it('warns about a code without Japanese patterns and a side language without cues', () => {
    expect(messages.some((x) => x.ruleId === 'codebook:code-without-ja')).toBe(true);
    expect(messages.some((x) => x.ruleId === 'codebook:code-without-negation')).toBe(false);
  });
  it('warns about a code that cannot be negated in a language', () => {
    const noNeg = tinyYaml(code).replace('  forward:\n    en: [not]', '  forward: {}');
    expect(checkCodebook(noNeg, 'q.yaml').some((x) => x.ruleId === 'codebook:code-without-negation' && x.reason.includes('in en'))).toBe(true);
  });
});

describe('pattern language', () => {
  it('English: alternatives, stems, optional words, gaps and word boundaries', () => {
    expect(matches('worr{y|ies|ied}', 'they worried a lot')).toBe(true);
    expect(matches('worr{y|ies|ied}', 'worrying')).toBe(false);
    expect(matches('abandon~', 'abandonment')).toBe(true);
    expect(matches('stand firmly? by', 'stand by')).toBe(true);
    expect(matches('stand firmly? by', 'stand firmly by')).toBe(true);
    expect(matches('benefits ...6 one way', 'the benefits of the relationship only flow one way')).toBe(true);
    expect(matches('benefits ...2 one way', 'the benefits of the relationship only flow one way')).toBe(false);
    expect(matches('lap dog', 'a lapdogs')).toBe(false);
  });
  it('English: a whole word that is one optional group may be absent', () => {
    for (const p of ['pay {the|a}? {full}? cost', 'pay {the|a|} {full|} cost']) {
      expect(matches(p, 'they pay cost')).toBe(true);
      expect(matches(p, 'they pay a cost')).toBe(true);
      expect(matches(p, 'they pay the full cost')).toBe(true);
      expect(matches(p, 'they pay full cost')).toBe(true);
      expect(matches(p, 'they pay an cost')).toBe(false);
      expect(matches(p, 'they pay thecost')).toBe(false);
    }
    expect(compilePattern('{full}? cost').error).toMatch(/cannot start with an optional word/u);
  });
  it('groups nest: a nested group is written out into every spelling, in either language', () => {
    for (const t of ['they subsidize defense', 'they subsidise defense', 'they keep subsidizing its defense']) expect(matches('{subsidi{z|s}e|subsidizing} ...3 defense', t)).toBe(true);
    expect(matches('{subsidi{z|s}e|subsidizing} ...3 defense', 'they subsidie defense')).toBe(false);
    // Nested several deep and as a whole word among others.
    expect(matches('a foreign policy {of its own|{made|written} {in|by} {Tokyo|Japan}}', 'a foreign policy written by Japan')).toBe(true);
    expect(matches('a foreign policy {of its own|{made|written} {in|by} {Tokyo|Japan}}', 'a foreign policy of its own')).toBe(true);
    expect(matches('a foreign policy {of its own|{made|written} {in|by} {Tokyo|Japan}}', 'a foreign policy made by Seoul')).toBe(false);
    expect(matches('{独自の{外交|防衛}|自主外交}', '日本は独自の防衛を目指す')).toBe(true);
    expect(matches('{独自の{外交|防衛}|自主外交}', '日本は独自の経済を目指す')).toBe(false);
    // Braces that do not pair, and groups too large to write out, are errors, not patterns that never match.
    expect(compilePattern('{own {way|path} alone').error).toMatch(/unclosed/u);
    expect(compilePattern('own way} alone').error).toMatch(/unopened/u);
    const huge = `{${Array.from({ length: 5 }, () => '{a|b|c|d}').join('')}|x}`;
    expect(compilePattern(`${huge} cost`).error).toMatch(/more than 256 spellings/u);
  });
  it('English: capitals match only capitals, lowercase matches both', () => {
    expect(matches('US', 'the US view')).toBe(true);
    expect(matches('US', 'told us')).toBe(false);
    expect(matches('lap dog', 'LAP DOG')).toBe(true);
  });
  it('Japanese: a dictionary form matches its inflections', () => {
    for (const t of ['見捨てられる', '見捨てられかねない', '見捨てた', '見捨てない']) expect(matches('見捨てる', t)).toBe(true);
    for (const t of ['巻き込まれかねない', '巻き込まれた']) expect(matches('巻き込まれる', t)).toBe(true);
    for (const t of ['逆らえない', '逆らった', '逆らわない']) expect(matches('逆らう', t)).toBe(true);
    expect(matches('逆らう', '逆境')).toBe(false);
    expect(matches('ありえない', 'ありえなかった')).toBe(true);
    expect(matches('警戒する', '警戒している')).toBe(true);
    // The classical す of する-verbs: 主張すべき, 対抗すまい.
    expect(matches('主張する', '遠慮せず主張すべきだ')).toBe(true);
    expect(matches('主張する', '主張者')).toBe(false);
    expect(matches('見捨てる=', '見捨てられる')).toBe(false);
  });
  it('English: a gap skips an abbreviation (U.S., Mr.) but still stops at a sentence end', () => {
    expect(matches('promise~ ...6 before', 'Why did you promise it to the U.S. Congress before submitting it?')).toBe(true);
    expect(matches('doubt~ ...4 defend', 'Half doubted Sen. Marlow would defend it.')).toBe(true);
    expect(matches('promise~ ...6 before', 'They promised nothing. Congress met before noon.')).toBe(false);
  });
  it('Japanese: gaps stay inside the sentence', () => {
    expect(matches('米国から…要請', '米国から強い要請があった')).toBe(true);
    expect(matches('米国から…要請', '米国から来た。要請はない')).toBe(false);
  });
  it('Japanese patterns match NFKC text (half-width kana, full-width letters)', () => {
    expect(matches('ポチ', 'ｱﾒﾘｶのﾎﾟﾁ')).toBe(true);
    expect(matches('G2', 'Ｇ２の時代')).toBe(true);
  });
  it('maps normalised offsets back into the original text', () => {
    const text = 'ｱﾒﾘｶのﾎﾟﾁだ';
    const n = normalize(text);
    const at = n.text.indexOf('ポチ');
    const o = toOriginal(n, at, at + 2);
    expect(text.slice(o.start, o.end)).toBe('ﾎﾟﾁ');
  });
});
