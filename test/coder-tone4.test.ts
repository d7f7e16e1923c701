// Tone round 4 (LABELS.md rules 12-13): fears of the ally, fears answered, and demands only urged or asked about.
// The rules are tested on the built-in codebook without its learned model, so that a model score cannot decide a case.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import type { SentenceDecision } from '../src/types.js';

const dir = fileURLToPath(new URL('../codebooks/', import.meta.url));
const yaml = readFileSync(new URL('../codebooks/us-japan.yaml', import.meta.url), 'utf8').replace(/^model:.*$/mu, '');
const { codebook: rules } = loadCodebook(yaml, 'us-japan.yaml', { dir });

function one(text: string): SentenceDecision {
  if (!rules) throw new Error('test: the built-in codebook did not load');
  return decide([{ text, paragraph: 0 }], { docSide: null }, rules)[0] as SentenceDecision;
}
const codes = (d: SentenceDecision): string[] => [...d.raised, ...d.negated].map((h) => h.code);

describe('tone round 4: a fear of the ally', () => {
  it('judges the relationship even when no concern is coded', () => {
    for (const text of ['Many in Tokyo now have doubts about America\'s word.', 'The mood among Japanese officials is one of quiet anxiety about the alliance.']) {
      const d = one(text);
      expect(codes(d)).toEqual([]);
      expect(d.tone).toBe('negative');
    }
  });
  it('a fear of something other than the ally judges nothing', () => {
    expect(one('Japanese officials worry about North Korea\'s missile tests.').tone).toBe('neutral');
  });
  it('a fear named in order to be answered, or a doubt denied, is no blame', () => {
    // Since round 10 "tiring of Asia" is found as the fear itself (abandonment) beside the commitment: no blame either way.
    expect(['positive', 'mixed']).toContain(one('Those who fear that America is tiring of Asia should know that our commitment to Japan is unshakable.').tone);
    expect(one('Those who fear for the alliance should know that our commitment to Japan is unshakable.').tone).toBe('positive');
    expect(one('Tokyo has no reason to doubt Washington\'s word.').tone).toBe('neutral');
    const d = one('I doubt Washington would ever walk away from Japan.');
    expect(d.negated.map((h) => h.code)).toContain('abandonment');
    expect(d.tone).toBe('positive');
  });
});

describe('tone round 4: demands reported, urged or asked about (rule 12)', () => {
  it('a demand the speaker only urges or encourages lends no tone', () => {
    const d = one('MR. HOLLIS: We have urged the Japanese government to expand its air defences.');
    expect(d.raised.map((h) => h.code)).toContain('burden_pressure');
    expect(d.tone).toBe('neutral');
  });
  it('a demand asked about lends no tone; the same demand asserted in the speaker\'s voice does', () => {
    const asked = one('SEN. DOE: Should we be pressing Tokyo to spend more on its navy?');
    const said = one('SEN. DOE: We should be pressing Tokyo to spend more on its navy, and I will keep saying so.');
    expect(asked.raised.map((h) => h.code)).toContain('burden_pressure');
    expect(asked.tone).toBe('neutral');
    expect(said.tone).toBe('negative');
  });
  it('a Japanese demand only sounded out or worked for (打診, 働きかけ) is reported, not judged', () => {
    const d = one('米国は日本に人的貢献を働きかけてきた。');
    expect(d.raised.map((h) => h.code)).toContain('burden_pressure');
    expect(d.tone).toBe('neutral');
  });
  it('a demand someone complains about is judged', () => {
    expect(one('Officials complained that Washington keeps asking Japan to pay more for the bases.').tone).toBe('negative');
  });
});
