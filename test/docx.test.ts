import { describe, expect, it } from 'vitest';
import { docxExtractor } from '../src/read/docx.js';
import type { Doc, Message } from '../src/types.js';
import { makeDocx } from './fixtures/formats/build.js';

async function collect(bytes: Buffer, path = 'memo.docx'): Promise<Array<Doc | Message>> {
  const out: Array<Doc | Message> = [];
  for await (const x of docxExtractor.extract({ path, bytes }, { side: 'tokyo' })) out.push(x);
  return out;
}

describe('DOCX reader', () => {
  it('reads headings, paragraphs and tables, and leaves comments out', async () => {
    const bytes = await makeDocx({
      heading: 'Memo on alliance costs',
      paragraphs: ['Tokyo officials said the alliance remained essential.', 'Washington wants Japan to pay more for the bases.'],
      table: [['Year', 'Cost'], ['2023', '211 billion yen']],
      comment: 'EDITOR COMMENT check the figures',
    });
    const items = await collect(bytes);
    expect(items).toHaveLength(1);
    const doc = items[0] as Doc;
    expect(doc.meta).toMatchObject({ format: 'docx', title: 'Memo on alliance costs', side: 'tokyo', lang: 'en' });
    expect(doc.raw.split('\n\n')).toEqual([
      'Memo on alliance costs',
      'Tokyo officials said the alliance remained essential.',
      'Washington wants Japan to pay more for the bases.',
      'Year Cost',
      '2023 211 billion yen',
    ]);
    expect(doc.raw).not.toContain('EDITOR COMMENT');
  });

  it('reads Japanese text', async () => {
    const [doc] = (await collect(await makeDocx({ heading: '日米同盟', paragraphs: ['政府は同盟の強化が必要だと述べた。'] }))) as Doc[];
    expect(doc?.meta.lang).toBe('ja');
    expect(doc?.raw).toContain('政府は同盟の強化が必要だと述べた。');
  });

  it('reports corrupt, truncated and empty files', async () => {
    const good = await makeDocx({ heading: 'H', paragraphs: ['Some text here.'] });
    for (const bytes of [Buffer.from('plain text, not a zip'), good.subarray(0, Math.floor(good.length / 2)), Buffer.from('PK\u0003\u0004garbage')]) {
      const items = await collect(bytes);
      expect(items.map((x) => (x as Message).ruleId)).toEqual(['read:docx-corrupt']);
    }
    expect((await collect(Buffer.alloc(0))).map((x) => (x as Message).ruleId)).toEqual(['read:empty']);
  });
});
