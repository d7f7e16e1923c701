/**
 * Excel (`.xlsx`): one document per row under a header row, with the same column mapping as CSV
 * (`opts.table`). The first sheet by default, or `table.sheet` (name or 1-based number). Read with
 * exceljs; rich text, formulas (their cached result), hyperlinks and dates become plain values.
 */
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { resolveTable, rowToDoc, type TableReadOptions } from './table.js';
import type { Extractor } from './types.js';

/**
 * A cell's value as a string or Date (or undefined when empty).
 *
 * @example
 * cellValue({ richText: [{ text: '日米' }, { text: '同盟' }] }); // '日米同盟'
 */
export function cellValue(v: unknown): string | Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text?: string }>; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o || 'formula' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if (typeof o.error === 'string') return undefined;
  }
  return String(v);
}

async function* extractXlsx(path: string, bytes: Buffer, opts: TableReadOptions): AsyncIterable<Doc | Message> {
  // Loaded only when a workbook is read: exceljs costs about 170 ms of CPU at every start otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it expects.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    yield makeMessage('read', 'read:xlsx', 'fatal', `not a readable .xlsx workbook: ${(e as Error).message}`, { file: path });
    return;
  }
  const sheets = wb.worksheets;
  const want = opts.table?.sheet;
  const ws = want === undefined ? sheets[0] : typeof want === 'number' ? sheets[want - 1] : sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.toLowerCase() === want.toLowerCase());
  if (!ws) {
    const names = sheets.map((s) => JSON.stringify(s.name)).join(', ');
    yield makeMessage('read', 'read:xlsx-sheet', 'fatal', want === undefined ? 'the workbook has no sheets' : `no sheet ${typeof want === 'number' ? `number ${want}` : JSON.stringify(want)}; the sheets are ${names}`, { file: path });
    return;
  }
  const file = `${path}`;
  let table: ReturnType<typeof resolveTable> | undefined;
  let any = false;
  const rows: Array<{ line: number; values: Array<string | Date | undefined> }> = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Row values are 1-based in exceljs: index 0 is always empty.
    const raw = (row.values as unknown[]).slice(1);
    rows.push({ line: rowNumber, values: raw.map(cellValue) });
  });
  for (const { line, values } of rows) {
    if (table === undefined) {
      table = resolveTable(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? ''))), opts.table ?? {}, file, line);
      if (!('text' in table)) {
        yield { ...table, reason: `sheet "${ws.name}": ${table.reason}` };
        return;
      }
      continue;
    }
    if (!('text' in table)) return;
    if (values.every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
    any = true;
    yield rowToDoc(table, values, file, line, 'xlsx', undefined, opts);
  }
  if (!any) yield makeMessage('read', 'read:empty', 'warning', `sheet "${ws.name}" has no records, skipped`, { file: path });
}

/** `.xlsx`: one document per row of a sheet, columns mapped as for CSV. */
export const xlsxExtractor: Extractor = {
  name: 'xlsx',
  extensions: ['.xlsx'],
  extract: (input, opts) => extractXlsx(input.path, input.bytes, opts),
};
