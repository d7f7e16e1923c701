// Tone round 5 (LABELS.md rules 12-13): an interviewer's bare question judges nothing; denials that clear the ally;
// a harm denied to the relationship. Tested on the built-in codebook without its learned model, so that a model score
// cannot decide a case.
import { describe, expect, it } from 'vitest';
import { prepare } from '../src/coder/sentence.js';
import { interviewerAsks } from '../src/coder/tone.js';
import { oneByRules as one, raisedCodes as codes, rulesOnly as cb } from './helpers/coder.js';

describe('tone round 5: an interviewer\'s question', () => {
  it('that only asks about a demand or a concern is neutral, though the code is raised', () => {
    for (const text of ['Q: Did the Pentagon ask Tokyo to pay more for the bases?', 'MODERATOR: Are you worried that Japan could be dragged into a war over Taiwan?']) {
      const d = one(text);
      expect(codes(d).length).toBeGreaterThan(0);
      expect(d.tone).toBe('neutral');
      expect(d.toneEvidence).toEqual([]);
    }
  });
  it('that reports someone\'s judgement carries it (anyone\'s judgement counts, rule 12)', () => {
    expect(one('Q: Critics in Tokyo say Japan could be dragged into a war over Taiwan. Is that fair?').tone).toBe('negative');
  });
  it('only an interviewer\'s: a member\'s question at a hearing, or a statement by the interviewer, keeps its tone', () => {
    expect(one('SEN. HARTLEY: Will Japan ever be dragged into a war over Taiwan?').tone).toBe('negative');
    expect(one('Q: Japan could be dragged into a war over Taiwan.').tone).toBe('negative');
  });
  it('is told by its tag and its question mark', () => {
    expect(interviewerAsks(prepare('Q: Did the Pentagon ask Tokyo to pay more?', cb))).toBe(true);
    expect(interviewerAsks(prepare('Did the Pentagon ask Tokyo to pay more?', cb))).toBe(false);
    expect(interviewerAsks(prepare('Q: The Pentagon asked Tokyo to pay more.', cb))).toBe(false);
  });
});

describe('tone round 5: denials', () => {
  it('a denial that clears the ally is positive (rule 13), also through "nowhere" and 意図は全くない', () => {
    expect(one('Nowhere in the report does anyone propose downgrading Japan to court Beijing.').tone).toBe('positive');
    expect(one('国務長官は「日本を見捨てる意図は全くない」と述べた。').tone).toBe('positive');
  });
  it('a harm denied to the relationship reads as favourable, not as a denied praise', () => {
    const d = one('関税をめぐる対立が日米の絆を損なうことはない。');
    expect(d.tone).toBe('positive');
  });
});

describe('tone round 5: a demand judged, not only reported (rule 12)', () => {
  it('a Japanese unit ending on the writer\'s own call (…要求すべきだ) judges; a reported demand does not', () => {
    expect(one('政府は地位協定の改定を米国に要求すべきだ。').tone).toBe('negative');
    expect(one('県は地位協定の改定を求めるよう政府に迫るべきである。').tone).toBe('negative');
    // Round 7: a reported call to assert or equalise (nationalism) judges the relationship, as dev.jsonl reads rule 12.
    expect(one('地位協定の改定を米側に求めるべきだとの声が上がった。').tone).toBe('negative');
    expect(one('米国は防衛費の増額を日本に要求した。').tone).toBe('neutral');
  });
  it('a demand feared (恐れ) is judged', () => {
    expect(one('政府は、米国から地位協定の改定を要求されることを恐れている。').tone).toBe('negative');
  });
});

describe('tone round 5: a complement denied as a whole', () => {
  it('"None of this means…" turns the term it reaches, however far', () => {
    expect(one('None of this means the alliance is in trouble.').tone).toBe('positive');
    expect(one('The alliance is in trouble.').tone).toBe('negative');
  });
});

describe('tone round 5: a Japanese interviewer\'s question', () => {
  it('ending in か that only asks judges nothing; one that asks about a worry or asserts (…心配はありませんか) keeps the concern', () => {
    expect(one('記者：大統領が東京より先に北京を訪れることは、日本軽視の表れでしょうか。').tone).toBe('neutral');
    expect(one('大統領が東京より先に北京を訪れることは、日本軽視の表れだ。').tone).toBe('negative');
    expect(one('記者：米中の間で日本が蚊帳の外に置かれる心配はありませんか。').tone).toBe('negative');
  });
});
