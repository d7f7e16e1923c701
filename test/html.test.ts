import { describe, expect, it } from 'vitest';
import { decodeHtml, htmlExtractor, nodeText, readHtml, sniffHtmlCharset } from '../src/read/html.js';
import type { Doc, Message } from '../src/types.js';
import { parseHTML } from 'linkedom';
import { articlePage, encodeShiftJis } from './fixtures/formats/build.js';

async function collect(bytes: Buffer, path = 'page.html'): Promise<Array<Doc | Message>> {
  const out: Array<Doc | Message> = [];
  for await (const x of htmlExtractor.extract({ path, bytes }, {})) out.push(x);
  return out;
}

const EN = [
  'Officials in Tokyo said on Monday that the alliance with the United States remained the cornerstone of the country’s security policy, despite growing unease about the cost of hosting American bases.',
  'In Washington, senior officials argued that Japan should spend more on its own defence and take on a larger share of the burden in the region, a demand repeated at several meetings this year.',
  'Analysts said the two governments were likely to reach a compromise before the summit, but warned that public opinion in both countries had become more sceptical of the arrangement.',
];

const JA = [
  '政府関係者は月曜日、日米同盟は引き続き日本の安全保障政策の基軸であると述べた。米軍基地の負担をめぐる懸念は根強いものの、同盟の重要性に変わりはないという。',
  '一方、ワシントンでは米政府高官が、日本は防衛費をさらに増やし、地域での負担を一層担うべきだと主張した。この要求は今年の複数の会合で繰り返された。',
  '専門家は首脳会談までに両政府が妥協点を見いだす可能性が高いとみているが、両国の世論が同盟に対して懐疑的になっていると指摘した。',
];

describe('HTML reader', () => {
  it('keeps the article and leaves out navigation, ads, comments and footer', async () => {
    const page = articlePage({ title: 'Alliance holds despite cost worries', paragraphs: EN, lang: 'en', charset: 'utf-8', metaDate: '2024-05-03T09:00:00+09:00', author: 'Jane Doe' });
    const [doc] = (await collect(Buffer.from(page))) as Doc[];
    expect(doc?.meta.format).toBe('html');
    expect(doc?.meta.title).toBe('Alliance holds despite cost worries');
    expect(doc?.meta.date).toBe('2024-05-03');
    expect(doc?.meta.lang).toBe('en');
    expect(doc?.meta.extra.byline).toBe('Jane Doe');
    for (const p of EN) expect(doc?.raw).toContain(p);
    expect(doc?.raw.split('\n\n').filter((p) => EN.includes(p))).toHaveLength(3);
    for (const junk of ['World news section', 'BUY NOW', 'Reader comment', 'All rights reserved']) expect(doc?.raw).not.toContain(junk);
  });

  it('takes the date from JSON-LD, then <time datetime>', () => {
    expect(readHtml(articlePage({ title: 'T', paragraphs: EN, lang: 'en', jsonLdDate: '2023-11-30T12:00:00Z' })).date).toBe('2023-11-30');
    expect(readHtml(articlePage({ title: 'T', paragraphs: EN, lang: 'en', timeDate: '2022-02-01' })).date).toBe('2022-02-01');
    expect(readHtml(articlePage({ title: 'T', paragraphs: EN, lang: 'en' })).date).toBeUndefined();
  });

  it('reads a saved Shift_JIS Japanese page by its declared charset', async () => {
    const page = articlePage({ title: '日米同盟は揺るがず', paragraphs: JA, lang: 'ja', charset: 'Shift_JIS', metaDate: '2024-06-01' });
    const bytes = encodeShiftJis(page);
    expect(sniffHtmlCharset(bytes)).toBe('shift_jis');
    const [doc] = (await collect(bytes, 'ja.htm')) as Doc[];
    expect(doc?.meta.encoding).toBe('shift_jis');
    expect(doc?.meta.lang).toBe('ja');
    expect(doc?.meta.title).toBe('日米同盟は揺るがず');
    for (const p of JA) expect(doc?.raw).toContain(p);
  });

  it('reads the http-equiv form of the charset', () => {
    const head = Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=EUC-JP"></head>');
    expect(sniffHtmlCharset(head)).toBe('euc-jp');
    expect(sniffHtmlCharset(Buffer.from('<html><body>no declaration</body></html>'))).toBeUndefined();
  });

  it('decodes by the bytes when the declared charset is wrong, with a warning', () => {
    const page = Buffer.from('<meta charset="shift_jis"><p>日米同盟は揺るがない。</p>', 'utf8');
    const d = decodeHtml(page, 'lie.html');
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('日米同盟');
    expect(d.messages.map((m) => m.ruleId)).toContain('read:html-charset');
  });

  it('falls back to the body when the page is too short for Readability', async () => {
    const [doc] = (await collect(Buffer.from('<html><body><nav>Menu link</nav><p>Tokyo worries about the alliance.</p></body></html>'))) as Doc[];
    expect(doc?.raw).toBe('Tokyo worries about the alliance.');
  });

  it('turns blocks into paragraphs and table cells into words', () => {
    const { document } = parseHTML('<html><body><h2>Head</h2><p>One<br>two</p><table><tr><td>a</td><td>b</td></tr></table><script>x()</script></body></html>');
    expect(nodeText(document.body as never)).toBe('Head\n\nOne\ntwo\n\na b');
  });

  it('reports a page without text', async () => {
    const items = await collect(Buffer.from('<html><body><nav>Only navigation</nav><script>var a = 1;</script></body></html>'));
    expect(items.map((x) => (x as Message).ruleId)).toEqual(['read:empty']);
  });
});
