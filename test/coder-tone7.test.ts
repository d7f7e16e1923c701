// Tone round 7 (LABELS.md rules 12-13 as dev.jsonl reads them): a call to assert or equalise judges the relationship even
// when it is only reported; a Japanese term whose clause is nominalised and denied turns over; a fear named only to be
// answered is no blame in Japanese either. Tested on the built-in codebook without its learned model, so that a model
// score cannot decide a case. Fixtures are sentences written for this test.
import { describe, expect, it } from 'vitest';
import { oneByRules as one, raisedCodes as codes } from './helpers/coder.js';

describe('tone round 7: calls to assert or equalise (rule 12 with rule 9)', () => {
  it('a reported call (…を求める意見書, …べきだとの声) is negative, like the writer\'s own call', () => {
    for (const text of ['市議会は、地位協定の抜本的な改定を求める意見書を可決した。', '党内からは、米国と対等に交渉すべきだとの声が上がった。']) {
      const d = one(text);
      expect(codes(d)).toContain('nationalism');
      expect(d.tone).toBe('negative');
      expect(d.toneEvidence.some((e) => e.rule.startsWith('code:nationalism'))).toBe(true);
    }
  });
  it('a reported demand for spending stays neutral (the convention changes calls, not demands)', () => {
    for (const text of ['米国は日本に防衛費の増額を要求した。', 'Washington asked Tokyo to raise its defense spending.']) {
      const d = one(text);
      expect(codes(d)).toContain('burden_pressure');
      expect(d.tone).toBe('neutral');
    }
  });
  it('an interviewer\'s bare question about a call still judges nothing', () => {
    const d = one('Q: Did the new cabinet promise an equal alliance with Washington?');
    expect(d.tone).toBe('neutral');
  });
});

describe('tone round 7: a Japanese term in a clause nominalised and denied', () => {
  it('…ようなものではありません, …ということは決してございません, …とは全く考えておりません turn a harm over', () => {
    for (const text of ['報道官：両国の同盟は、一度の行き違いで揺らぐようなものではありません。', '長官：首脳同士は頻繁に話しており、関係がぎくしゃくしているとは全く考えておりません。']) {
      expect(one(text).tone).toBe('positive');
    }
  });
  it('the same term asserted, or in a double negative, keeps its blame', () => {
    expect(one('日米関係が揺らぐ恐れがある。').tone).toBe('negative');
    expect(one('両国の関係がぎくしゃくしていないわけではない。').tone).toBe('negative');
  });
  it('a denial that belongs to another predicate (信頼関係に傷がついたわけではない) leaves the praise as it is', () => {
    expect(one('政府筋は「米国との信頼関係に傷がついたわけではない」と強調した。').tone).toBe('positive');
  });
  it('…わけではない and …もございません after a harm word deny it', () => {
    expect(one('日米の結びつきそのものが揺らいでいるわけではない。').tone).toBe('positive');
    expect(one('同盟国と共に戦うという我が国の決意にも、いささかの揺らぎもございません。').tone).not.toBe('negative');
  });
});

describe('tone round 7: a Japanese fear named in order to be answered', () => {
  it('beside an affirmation of support (不安の打ち消し) the fear is no blame', () => {
    const d = one('米側の高官は「日本が攻撃されれば米国は迷わず共に戦う」と述べ、日本の不安の打ち消しに努めた。');
    expect(codes(d)).toContain('reassurance');
    expect(d.tone).toBe('positive');
  });
  it('a fear voiced with no answer stays negative', () => {
    expect(one('政府内には、米国が日本を見捨てるのではないかとの不安が広がっている。').tone).toBe('negative');
  });
});

describe('tone round 7: a complaint named in order to be answered (rule 13)', () => {
  it('a denied complaint clears the ally; the same complaint reported is blame', () => {
    const answered = one('The complaint that Japan gets a free ride on American security does not hold up.');
    expect(answered.negated.map((h) => h.code)).toContain('one_way');
    expect(answered.tone).toBe('positive');
    expect(one('Lawmakers complained that Japan gets a free ride on American security.').tone).toBe('negative');
  });
  it('a complaint denied in its own words ("without complaint") still turns over', () => {
    expect(one('The Americans accepted the new limits without complaint.').tone).toBe('positive');
  });
});

describe('tone round 7: Japanese praise of something else (rule 12)', () => {
  it('praise whose object is not the relationship (順調, に資する, 感謝) is neutral in a unit that names neither side nor a concern', () => {
    expect(one('タス通信は、シベリアの発電所の建設が順調に進んでいると伝えた。').tone).toBe('neutral');
    expect(one('政府は会談の結果を「地域の安定に資する」と歓迎した。').tone).toBe('neutral');
  });
  it('the same praise in a unit about the ally or the alliance judges it', () => {
    expect(one('米政府は日本の決定を歓迎した。').tone).toBe('positive');
    expect(one('日米協力は地域の安定に資する。').tone).toBe('positive');
  });
});

describe('tone round 7: an imposition denied (rule 13, a side\'s own decision)', () => {
  it('…押し付けられたものではございません is neutral, not praise; the imposition asserted stays negative', () => {
    expect(one('長官：装備品は我が国が必要と判断して購入しており、押し付けられたものではございません。').tone).toBe('neutral');
    expect(one('知事は「基地の負担を押しつけられるのは、いつも沖縄だ」と憤った。').tone).toBe('negative');
  });
});
