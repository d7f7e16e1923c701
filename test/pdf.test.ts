import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean.js';
import { pdfExtractor, pdfText } from '../src/read/pdf.js';
import { segment } from '../src/segment.js';
import type { Doc, Message } from '../src/types.js';
import { column, encryptTrailer, makeImageOnlyPdf, makePdf, type PlacedLine } from './fixtures/formats/build.js';

async function collect(bytes: Uint8Array, path = 'a.pdf'): Promise<Array<Doc | Message>> {
  const out: Array<Doc | Message> = [];
  for await (const x of pdfExtractor.extract({ path, bytes: Buffer.from(bytes) }, {})) out.push(x);
  return out;
}

const furniture = (n: number): PlacedLine[] => [
  { text: 'The Alliance Review', x: 50, y: 760 },
  { text: String(n), x: 300, y: 30 },
];

/** Two pages, two columns on page 1, a title across both, a header and page number on each page. */
async function twoColumnPdf(): Promise<Uint8Array> {
  const p1 = [
    ...furniture(1),
    { text: 'Two Capitals and One Alliance Under Strain in the Pacific', x: 50, y: 720, size: 14 },
    ...column(['Officials in Tokyo said the alliance', 'remained the foundation of regional', 'secu-', 'rity and prosperity.', '', 'A second paragraph begins here', 'and continues.'], 50, 690),
    ...column(['The right column starts with this', 'sentence about burden sharing.', '', 'Washington officials insisted that', 'the costs of the bases were'], 320, 690),
  ];
  const p2 = [...furniture(2), ...column(['shared fairly between both govern-', 'ments for decades.', '', 'A closing paragraph ends the report.'], 50, 720)];
  return makePdf([p1, p2], 'Alliance report');
}

describe('PDF reader', () => {
  it('reads two columns in order, drops header and page numbers, rejoins hyphens and pages', async () => {
    const items = await collect(await twoColumnPdf());
    const doc = items.find((x): x is Doc => 'meta' in x);
    expect(doc).toBeDefined();
    if (!doc) return;
    expect(doc.meta.format).toBe('pdf');
    expect(doc.meta.title).toBe('Alliance report');
    expect(doc.raw).not.toContain('The Alliance Review');
    expect(doc.raw.split('\f')).toHaveLength(2);
    const order = ['Two Capitals', 'Officials in Tokyo', 'A second paragraph', 'The right column', 'Washington officials', 'shared fairly'].map((s) => doc.raw.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(doc.raw).toContain('security');
    expect(doc.raw).toContain('governments');
    expect(doc.raw).not.toMatch(/secu-|govern-/);
    clean(doc);
    segment(doc);
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2]);
    const broken = doc.sentences.find((s) => s.text.includes('the costs of the bases were shared fairly'));
    expect(broken?.page).toBe(1);
    const last = doc.sentences.find((s) => s.text.startsWith('A closing paragraph'));
    expect(last?.page).toBe(2);
    expect(doc.text).not.toMatch(/^\d+$/m);
  });

  it('keeps a hyphen that the document uses elsewhere in the same compound', async () => {
    const lines = column(['The so-called well-known problem of the', 'well-', 'known kind was discussed at length.'], 50, 700);
    const r = await pdfText(await makePdf([lines]), 'h.pdf');
    expect(r.text).toMatch(/well-\nknown kind/);
  });

  it('reports an image-only PDF as needing OCR', async () => {
    const items = await collect(await makeImageOnlyPdf(), 'scan.pdf');
    expect(items).toHaveLength(1);
    const m = items[0] as Message;
    expect(m.ruleId).toBe('read:pdf-no-text');
    expect(m.severity).toBe('fatal');
    expect(m.reason).toMatch(/OCR/);
    expect(m.place.file).toBe('scan.pdf');
  });

  it('reports an encrypted PDF', async () => {
    const items = await collect(encryptTrailer(await makePdf([[{ text: 'Secret text here.', x: 50, y: 700 }]])), 'locked.pdf');
    expect(items.map((x) => (x as Message).ruleId)).toEqual(['read:pdf-encrypted']);
  });

  it('reports truncated, garbage and empty PDFs without throwing', async () => {
    const good = await twoColumnPdf();
    for (const bytes of [good.slice(0, 400), Buffer.from('%PDF-1.7\n1 0 obj garbage'), Buffer.from('not a pdf at all')]) {
      const items = await collect(bytes);
      expect(items).toHaveLength(1);
      expect((items[0] as Message).ruleId).toBe('read:pdf-corrupt');
    }
    expect(((await collect(Buffer.alloc(0)))[0] as Message).ruleId).toBe('read:empty');
  });
});
