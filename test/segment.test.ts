import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean.js';
import { newDoc } from '../src/read/index.js';
import { segment, splitSentences } from '../src/segment.js';

const parts = (text: string, lang = 'en'): string[] => splitSentences(text, lang).map((s) => text.slice(s.start, s.end));

function seg(text: string, lang?: string) {
  return segment(newDoc({ id: 't', format: 'txt', ...(lang ? { lang } : {}) }, text));
}

describe('splitSentences (English)', () => {
  it('splits at . ! ? before a capital, digit or quote', () => {
    expect(parts('The alliance holds. Is it fair? Critics say no! "Never," one said. 2004 was hard.')).toEqual([
      'The alliance holds.',
      'Is it fair?',
      'Critics say no!',
      '"Never," one said.',
      '2004 was hard.',
    ]);
  });

  it('never ends a sentence at an abbreviation', () => {
    const cases = [
      'The U.S. Navy and the U.K. Army met Mr. Abe.',
      'Ms. Rice and Dr. Kelly spoke with Gen. Myers and Lt. Col. Grant.',
      'It happened on Sept. 11, 2001 and again on Dec. 9 in Tokyo.',
      'See No. 7 on Main St. Louis, e.g. Japan, i.e. Tokyo, vs. Beijing.',
      'The report by J. Smith and R. K. Jones arrived on Jan. 3.',
    ];
    for (const c of cases) expect(parts(c), c).toEqual([c]);
  });

  it('does end a sentence after an initialism when a sentence starter follows', () => {
    expect(parts('The security alliance with the U.S. Even so, Japan doubts it.')).toEqual([
      'The security alliance with the U.S.',
      'Even so, Japan doubts it.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(parts('He called it "historically good." Others disagreed. (They were loud.) Then silence.')).toEqual([
      'He called it "historically good."',
      'Others disagreed.',
      '(They were loud.)',
      'Then silence.',
    ]);
  });

  it('does not split before a lowercase word, inside numbers or after an ellipsis run without capital', () => {
    expect(parts('Growth was 3.5 percent... and rising. Really? he asked.')).toEqual(['Growth was 3.5 percent... and rising.', 'Really? he asked.']);
  });

  it('trims whitespace and returns offsets that slice back to each sentence', () => {
    const text = '   First one.   Second one.  ';
    const spans = splitSentences(text, 'en');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
    expect(spans[0]?.start).toBe(3);
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitSentences('', 'en')).toEqual([]);
    expect(splitSentences('  \n ', 'ja')).toEqual([]);
  });
});

describe('splitSentences (Japanese)', () => {
  it('splits after 。！？ and full- and half-width ! ?', () => {
    expect(parts('日米関係は良好だ。本当か？そう思う！なるほど!?はい。', 'ja')).toEqual(['日米関係は良好だ。', '本当か？', 'そう思う！', 'なるほど!?', 'はい。']);
  });

  it('never splits inside 「」『』（）() and tracks nesting', () => {
    const text = '彼は「日本は『追従だ。』と言われる。しかし違う。」と述べた。（注：これは抄録。詳細は別。）次へ。';
    expect(parts(text, 'ja')).toEqual(['彼は「日本は『追従だ。』と言われる。しかし違う。」と述べた。', '（注：これは抄録。詳細は別。）', '次へ。']);
    expect(parts('米国(特に国務省。)は支持した。次だ。', 'ja')).toEqual(['米国(特に国務省。)は支持した。', '次だ。']);
  });

  it('keeps a closing 」 right after 。 with its sentence and starts the next after it', () => {
    expect(parts('「日米同盟は揺るがない。」「しかし不安もある。」', 'ja')).toEqual(['「日米同盟は揺るがない。」', '「しかし不安もある。」']);
    expect(parts('まず結論だ。」次の文。', 'ja')).toEqual(['まず結論だ。」', '次の文。']);
  });

  it('recovers from a stray closing bracket', () => {
    expect(parts('間違い」です。次の文。最後の文。', 'ja')).toEqual(['間違い」です。', '次の文。', '最後の文。']);
  });

  it('splits at line breaks in Japanese but not inside brackets', () => {
    expect(parts('見出し\n本文です。\n「改行\nあり」です', 'ja')).toEqual(['見出し', '本文です。', '「改行\nあり」です']);
  });

  it('does not let an unclosed bracket swallow a long paragraph', () => {
    const text = '「' + '日米関係は良好だ。'.repeat(400);
    expect(parts(text, 'ja').length).toBeGreaterThan(100);
  });

  it('handles mixed English and Japanese text', () => {
    const text = 'The U.S. said so. 米政府は支持すると述べた。Japan agreed. 日本は「対等」を求めた。';
    expect(parts(text, 'en')).toEqual(['The U.S. said so.', '米政府は支持すると述べた。', 'Japan agreed.', '日本は「対等」を求めた。']);
    expect(parts('日本はU.S.と協議した。次に進む。', 'ja')).toEqual(['日本はU.S.と協議した。', '次に進む。']);
  });
});

describe('segment', () => {
  it('fills paragraphs and sentences whose offsets slice doc.text exactly', () => {
    const doc = seg('Mr. Abe met Gen. Smith. They agreed.\n\n  日本は同意した。米国も。 \n\nLast one');
    expect(doc.paragraphs.map((p) => doc.text.slice(p.start, p.end))).toEqual(['Mr. Abe met Gen. Smith. They agreed.', '日本は同意した。米国も。', 'Last one']);
    expect(doc.sentences.map((s) => s.text)).toEqual(['Mr. Abe met Gen. Smith.', 'They agreed.', '日本は同意した。', '米国も。', 'Last one']);
    expect(doc.sentences.map((s) => s.paragraph)).toEqual([0, 0, 1, 1, 2]);
    doc.sentences.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    });
  });

  it('keeps offsets exact on generated random text (fixed seed)', () => {
    let seed = 42;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['The U.S.', ' said', ' Mr.', ' Abe', '.', ' Dec. 9', '!', '?', ' "Yes."', ' 日本は', '。', '「', '」', '（', '）', '\n', '\n\n', ' ', 'Tokyo', ' e.g.', '、'];
    for (let round = 0; round < 50; round++) {
      let text = '';
      for (let i = 0; i < 200; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      const doc = seg(text, round % 2 ? 'ja' : 'en');
      let last = -1;
      for (const s of doc.sentences) {
        expect(doc.text.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
        expect(s.text.length).toBeGreaterThan(0);
        expect(s.start).toBeGreaterThan(last);
        last = s.end - 1;
        const p = doc.paragraphs[s.paragraph];
        expect(p && s.start >= p.start && s.end <= p.end).toBe(true);
      }
    }
  });

  it('assigns pages from doc.pages', () => {
    const doc = clean(newDoc({ id: 'p', format: 'txt' }, 'First page text. More.\f\nSecond page text.\n\nStill page two.\fThird page.'));
    segment(doc);
    expect(doc.sentences.map((s) => [s.text, s.page])).toEqual([
      ['First page text.', 1],
      ['More.', 1],
      ['Second page text.', 2],
      ['Still page two.', 2],
      ['Third page.', 3],
    ]);
  });

  it('segments a 50 MB single-line text in linear time', () => {
    const unit = 'The U.S. and Japan met on Dec. 9 in Tokyo. Critics in Tokyo worry! 日本側には不満がある。';
    const text = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
    const t0 = performance.now();
    const doc = seg(text, 'en');
    const ms = performance.now() - t0;
    expect(doc.paragraphs).toHaveLength(1);
    expect(doc.sentences.length).toBe(3 * Math.ceil((50 * 1024 * 1024) / unit.length));
    expect(doc.sentences[1]?.text).toBe('Critics in Tokyo worry!');
    // > 20 MB/s would be 2.5 s; allow slack for a loaded machine but catch anything quadratic.
    expect(ms).toBeLessThan(8000);
  });

  it('does not go quadratic on a paragraph with no sentence ends at all', () => {
    const text = 'word '.repeat(2_000_000);
    const t0 = performance.now();
    const doc = seg(text, 'en');
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(doc.sentences).toHaveLength(1);
  });
});
