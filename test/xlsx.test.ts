import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../src/read/index.js';
import type { TableMapping, TableReadOptions } from '../src/read/table.js';
import { cellValue, xlsxExtractor } from '../src/read/xlsx.js';
import type { Doc, Message } from '../src/types.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-xlsx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function workbook(name: string, sheets: Array<{ name: string; rows: unknown[][] }>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  const p = join(root, name);
  writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
  return p;
}

async function collect(paths: string[], table?: TableMapping): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  const opts: TableReadOptions = table ? { table } : {};
  for await (const item of readInputs(paths, opts)) {
    if ('meta' in item) docs.push(item);
    else messages.push(item);
  }
  return { docs, messages };
}

const heads = [
  ['No', 'Headline', 'Published', 'paper'],
  [1, '日米同盟、新たな段階へ　首脳会談', new Date(Date.UTC(2003, 11, 9)), 'A'],
  [2, { richText: [{ text: '米軍基地' }, { text: '移設問題' }] }, '2004年1月15日', 'Y'],
  [3, 'Tokyo fears abandonment.', 'Dec. 9, 2003', 'A'],
];

describe('xlsx reader', () => {
  it('reads the first sheet with the column mapping (dates as cells or text, rich text)', async () => {
    const p = await workbook('a.xlsx', [{ name: 'heads', rows: heads }, { name: 'other', rows: [['text'], ['ignored']] }]);
    const { docs, messages } = await collect([p], { textColumn: 'Headline', idColumn: 'No', dateColumn: 'Published', sourceColumn: 'paper', sourceMap: new Map([['A', 'Asahi Shimbun']]), side: 'tokyo' });
    expect(messages).toEqual([]);
    expect(docs.map((d) => [d.meta.id, d.raw, d.meta.date, d.meta.source, d.meta.format, d.meta.side])).toEqual([
      ['1', '日米同盟、新たな段階へ　首脳会談', '2003-12-09', 'Asahi Shimbun', 'xlsx', 'tokyo'],
      ['2', '米軍基地移設問題', '2004-01-15', 'Y', 'xlsx', 'tokyo'],
      ['3', 'Tokyo fears abandonment.', '2003-12-09', 'Asahi Shimbun', 'xlsx', 'tokyo'],
    ]);
  });

  it('reads a named or numbered sheet and names the sheets when one is missing', async () => {
    const p = await workbook('b.xlsx', [{ name: 'notes', rows: [['x'], ['y']] }, { name: 'Data', rows: [['text', 'side'], ['Washington is pleased.', 'washington']] }]);
    const byName = await collect([p], { sheet: 'data' });
    expect(byName.docs.map((d) => d.raw)).toEqual(['Washington is pleased.']);
    const byNumber = await collect([p], { sheet: 2 });
    expect(byNumber.docs[0]?.meta.side).toBe('washington');
    const missing = await collect([p], { sheet: 'Poll' });
    expect(missing.messages[0]).toMatchObject({ ruleId: 'read:xlsx-sheet', severity: 'fatal' });
    expect(missing.messages[0]?.reason).toContain('"notes", "Data"');
    const noText = await collect([p]);
    expect(noText.messages[0]?.ruleId).toBe('read:no-text');
    expect(noText.messages[0]?.reason).toContain('"x"');
  });

  it('reports a broken workbook as one message', async () => {
    const p = join(root, 'broken.xlsx');
    writeFileSync(p, 'not a zip at all');
    const { docs, messages } = await collect([p]);
    expect(docs).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'read:xlsx', severity: 'fatal' });
    expect(xlsxExtractor.extensions).toEqual(['.xlsx']);
  });

  it('flattens cell values', () => {
    expect(cellValue({ formula: 'A1&B1', result: '日米' })).toBe('日米');
    expect(cellValue({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(cellValue(42)).toBe('42');
    expect(cellValue(null)).toBeUndefined();
    expect(cellValue({ error: '#N/A' })).toBeUndefined();
  });
});
