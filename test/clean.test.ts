import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean, isPageNumber } from '../src/clean.js';
import { newDoc } from '../src/read/index.js';
import { segment } from '../src/segment.js';
import type { Doc } from '../src/types.js';

const cleaned = (raw: string, lang?: string): Doc => clean(newDoc({ id: 't.txt', format: 'txt', path: 't.txt', ...(lang ? { lang } : {}) }, raw));
const rules = (d: Doc): string[] => d.messages.map((m) => m.ruleId);

describe('clean', () => {
  it('normalises line endings and trailing spaces, and separates paragraphs by one blank line', () => {
    const d = cleaned('First line.   \r\n\r\n\r\n\r\nSecond para.\t\rThird para.  ');
    expect(d.text).toBe('First line.\n\nSecond para. Third para.');
    expect(d.raw).toContain('\r\n');
  });

  it('rejoins a paragraph broken mid-sentence ("... Japan. Bush" / "administration hawks ...")', () => {
    const raw = 'Critics say Washington wants to reshape the balance in Japan. Bush\n\nadministration hawks are getting their way. Others disagree.\n\nA new paragraph.';
    const d = segment(cleaned(raw));
    expect(d.text).toBe('Critics say Washington wants to reshape the balance in Japan. Bush administration hawks are getting their way. Others disagree.\n\nA new paragraph.');
    expect(d.sentences.map((s) => s.text)).toContain('Bush administration hawks are getting their way.');
    expect(d.paragraphs).toHaveLength(2);
    const join = d.messages.find((m) => m.ruleId === 'clean:page-break-join');
    expect(join).toMatchObject({ severity: 'info', place: { file: 't.txt', paragraph: 0, line: 3 } });
  });

  it('does not join after sentence-final punctuation or before a capital', () => {
    for (const raw of ['It ended.\n\nthen more', 'He said "enough"\n\nthen left', 'A title without stop\n\nThe body starts here.', 'Question?\n\nno']) {
      expect(cleaned(raw).text.split('\n\n')).toHaveLength(2);
    }
  });

  it('joins Japanese paragraphs broken mid-sentence without a space, but not after 。 or a short heading', () => {
    const d = cleaned('日米同盟について、日本側には米国が北朝鮮との交渉で日本の頭越しに合意するのではないかという\n\n不安が根強い。次の段落も続く。\n\n見出し\n\n本文はここから。', 'ja');
    expect(d.text).toBe('日米同盟について、日本側には米国が北朝鮮との交渉で日本の頭越しに合意するのではないかという不安が根強い。次の段落も続く。\n\n見出し\n\n本文はここから。');
    expect(rules(d).filter((r) => r === 'clean:page-break-join')).toHaveLength(1);
  });

  it('unwraps hard-wrapped lines: English with a space, Japanese with nothing', () => {
    expect(cleaned('The alliance is\nstrong and getting\nstronger.\n\nNext.').text).toBe('The alliance is strong and getting stronger.\n\nNext.');
    expect(cleaned('日米関係は\n良好である。\n\n次。', 'ja').text).toBe('日米関係は良好である。\n\n次。');
    expect(cleaned('a well-\nknown view and a\nU.S.-\nJapan tie').text).toBe('a well-known view and a U.S.- Japan tie');
  });

  it('keeps a repeated paragraph once, with a warning naming the paragraph', () => {
    const note = 'Note: the discussion was held under the Chatham House rule, participants spoke for themselves.';
    const d = cleaned(`Intro paragraph here.\n\n${note}\n\nMiddle.\n\n${note.replace(/ /g, '  ')}\n\nEnd.`);
    expect(d.text.split('\n\n')).toEqual(['Intro paragraph here.', note, 'Middle.', 'End.']);
    const m = d.messages.find((x) => x.ruleId === 'clean:repeated-paragraph');
    expect(m).toMatchObject({ severity: 'warning', place: { paragraph: 1, line: 7 } });
  });

  it('keeps short repeated paragraphs (a transcript may say "Yes." twice)', () => {
    expect(cleaned('Q: Is it fair?\n\nYes.\n\nQ: Is it equal?\n\nYes.').text.split('\n\n')).toHaveLength(4);
  });

  it('drops lone page numbers in their usual forms, then rejoins the broken paragraph', () => {
    for (const num of ['12', '- 12 -', 'Page 3', 'page 3 of 10', '3 / 10', '— 7 —', '12ページ']) {
      const d = cleaned(`The officials said there was no plan in the making and\n\n${num}\n\nthat the alliance stays. Then it ended.`);
      expect(d.text, num).toBe('The officials said there was no plan in the making and that the alliance stays. Then it ended.');
      expect(rules(d), num).toContain('clean:page-number');
    }
  });

  it('keeps numbers that are part of the text', () => {
    expect(isPageNumber('12 members agreed')).toBe(false);
    const d = cleaned('Members present:\n12\nvoted in favour.');
    expect(d.text).toBe('Members present: 12 voted in favour.');
    expect(cleaned('42').text).toBe('42');
  });

  it('drops running headers and footers repeated across page breaks, and keeps doc.pages consistent', () => {
    const page = (n: number, body: string): string => `PACIFIC FORUM QUARTERLY\n\n${body}\n\nPage ${n}`;
    const raw = [
      page(1, 'The alliance is under strain. Tokyo worries about'),
      page(2, 'abandonment in the talks. Washington disagrees.'),
      page(3, 'A third page says nothing new.'),
    ].join('\f');
    const d = cleaned(raw);
    expect(d.text).toBe('The alliance is under strain. Tokyo worries about abandonment in the talks. Washington disagrees.\n\nA third page says nothing new.');
    expect(rules(d)).toContain('clean:running-header');
    expect(rules(d).filter((r) => r === 'clean:page-number')).toHaveLength(3);
    expect(d.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    for (const p of d.pages) expect(p.start).toBeLessThanOrEqual(p.end);
    expect(d.text.slice(d.pages[0]?.start, d.pages[0]?.end).trim()).toBe('The alliance is under strain. Tokyo worries about');
    expect(d.text.slice(d.pages[1]?.start, d.pages[1]?.end)).toBe('abandonment in the talks. Washington disagrees.');
    expect(d.text.slice(d.pages[2]?.start, d.pages[2]?.end)).toBe('A third page says nothing new.');
    segment(d);
    expect(d.sentences.map((s) => s.page)).toEqual([1, 1, 2, 3]);
  });

  it('drops a short line repeated 3+ times as its own paragraph, but not speaker tags or sentences', () => {
    const d = cleaned('Draft - not for citation\n\nOne.\n\nDraft - not for citation\n\nTwo.\n\nDraft - not for citation\n\nThree.');
    expect(d.text).toBe('One.\n\nTwo.\n\nThree.');
    const t = cleaned('MR. SMITH:\n\nFirst.\n\nMR. SMITH:\n\nSecond.\n\nMR. SMITH:\n\nThird.');
    expect(t.text.match(/MR\. SMITH:/g)).toHaveLength(3);
  });

  it('produces no pages when the raw text has no form feeds', () => {
    expect(cleaned('Just text.').pages).toEqual([]);
  });

  it('is idempotent on its own output', () => {
    const d = cleaned('A wrapped\nline. Bush\n\n3\n\nadministration view.\n\nSecond para.');
    const again = cleaned(d.text);
    expect(again.text).toBe(d.text);
  });

  it('cleans the commentary this project grew from (the "Bush administration hawks" break)', () => {
    const path = '/work/shared/seed/a-tale-of-two-cities.txt';
    if (!existsSync(path)) return;
    const d = segment(clean(newDoc({ id: 'seed', format: 'txt' }, readFileSync(path, 'utf8'))));
    const s = d.sentences.find((x) => x.text.includes('administration hawks'));
    expect(s?.text.startsWith('Bush administration hawks')).toBe(true);
    expect(rules(d)).toContain('clean:page-break-join');
    expect(d.sentences.some((x) => x.text.includes('Sept. 11'))).toBe(true);
    expect(d.sentences.filter((x) => /^11\b|\bSept\.$|^U\.S\.$/.test(x.text))).toEqual([]);
    expect(d.sentences.some((x) => x.text.endsWith('alliance with the U.S.'))).toBe(true);
  });

  it('handles a 50 MB single-line text in linear time', () => {
    const text = 'The alliance is strong. '.repeat(Math.ceil((50 * 1024 * 1024) / 24));
    const t0 = performance.now();
    const d = cleaned(text);
    expect(performance.now() - t0).toBeLessThan(6000);
    expect(d.text.length).toBe(text.length - 1);
  });
});
