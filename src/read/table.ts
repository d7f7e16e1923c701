/**
 * Column mapping for tables (CSV and Excel): which column holds the text, the title, the id, the
 * source, the side, the language and the date (one column in any common format, or year / month /
 * day columns), value maps for sources and sides, and constants for every row. Shared by the CSV
 * and the XLSX readers so that both read a table the same way.
 */
import { dateFromColumns, parseDate } from '../dates.js';
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { META_FIELDS } from './doc.js';
import { recordToDoc } from './jsonl.js';
import type { ReadOptions } from './types.js';

/** How a table's columns become document fields. Every column name is matched case-insensitively. */
export interface TableMapping {
  textColumn?: string;
  titleColumn?: string;
  idColumn?: string;
  sourceColumn?: string;
  sideColumn?: string;
  langColumn?: string;
  /** One column holding a whole date (ISO, `2003/12/09`, `2003年12月9日`, `Dec. 9, 2003`, `20031209` …). */
  dateColumn?: string;
  /** Year, month and (optional) day columns; used when `dateColumn` is absent. */
  dateColumns?: [string, string] | [string, string, string];
  /** Source values as written → source names (`A` → `Asahi Shimbun`); unmapped values are kept. */
  sourceMap?: Map<string, string>;
  /** Side values as written → side names (`US` → `washington`); unmapped values are kept. */
  sideMap?: Map<string, string>;
  /** One side for every row (wins over `sideColumn`). */
  side?: string;
  /** One language for every row (`en`, `ja`). */
  lang?: string;
  /** Excel: the sheet to read, by name or 1-based number (default: the first). */
  sheet?: string | number;
}

/** Read options with a table mapping; the CSV and XLSX readers look for `table`. */
export interface TableReadOptions extends ReadOptions {
  table?: TableMapping;
}

/** A mapping resolved against one header row: column indexes per field. */
export interface ResolvedTable {
  header: string[];
  text: number;
  title?: number;
  id?: number;
  source?: number;
  side?: number;
  lang?: number;
  date?: number;
  dateParts?: [number, number, number | undefined];
  /** Indexes of columns consumed by a field (not repeated as extra metadata). */
  used: Set<number>;
  mapping: TableMapping;
}

type Field = 'text' | 'title' | 'id' | 'source' | 'side' | 'lang' | 'date';
const FIELDS: readonly Field[] = ['text', 'title', 'id', 'source', 'side', 'lang', 'date'];
const OPTION: ReadonlyMap<Field, keyof TableMapping> = new Map<Field, keyof TableMapping>([
  ['text', 'textColumn'], ['title', 'titleColumn'], ['id', 'idColumn'], ['source', 'sourceColumn'],
  ['side', 'sideColumn'], ['lang', 'langColumn'], ['date', 'dateColumn'],
]);

function quoteList(names: string[]): string {
  const shown = names.slice(0, 40).map((n) => JSON.stringify(n));
  return shown.join(', ') + (names.length > 40 ? `, … (${names.length} in all)` : '');
}

/**
 * Match a mapping against a header row. Returns the resolved columns, or a fatal message naming the
 * missing column and the columns that exist. Without a mapping the core columns
 * (`id, title, date, side, source, lang, text`) are used by name; only `text` is required.
 *
 * @example
 * const r = resolveTable(['Headline', 'paper'], { textColumn: 'headline' }, 'h.csv', 1); // r.text === 0
 */
export function resolveTable(header: string[], mapping: TableMapping, file: string, line: number): ResolvedTable | Message {
  const names = header.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((h, i) => {
    const k = h.toLowerCase();
    // The first of two same-named columns wins, as a reader would expect.
    if (k !== '' && !index.has(k)) index.set(k, i);
  });
  const missing: string[] = [];
  const find = (name: string, option: string): number | undefined => {
    const i = index.get(name.trim().toLowerCase());
    if (i === undefined) missing.push(`${option} "${name}"`);
    return i;
  };
  const cols = new Map<Field, number>();
  const used = new Set<number>();
  for (const f of FIELDS) {
    const opt = OPTION.get(f) as keyof TableMapping;
    const given = mapping[opt];
    if (f === 'date' && given === undefined && mapping.dateColumns) continue;
    if (typeof given === 'string') {
      const i = find(given, opt);
      if (i !== undefined) cols.set(f, i);
    } else {
      const i = index.get(f);
      if (i !== undefined) cols.set(f, i);
    }
  }
  let dateParts: [number, number, number | undefined] | undefined;
  if (mapping.dateColumn === undefined && mapping.dateColumns) {
    const [y, m, d] = mapping.dateColumns;
    const yi = find(y, 'dateColumns year');
    const mi = find(m, 'dateColumns month');
    const di = d === undefined ? undefined : find(d, 'dateColumns day');
    if (yi !== undefined && mi !== undefined) dateParts = [yi, mi, di];
  }
  if (missing.length > 0) {
    return makeMessage('read', 'read:no-column', 'fatal', `no column for ${missing.join(', ')}; the columns are ${quoteList(names)}; file skipped`, { file, line });
  }
  const text = cols.get('text');
  if (text === undefined) {
    return makeMessage('read', 'read:no-text', 'fatal', `the header row has no "text" column (name one with a text column option); the columns are ${quoteList(names)}; file skipped`, { file, line });
  }
  for (const i of cols.values()) used.add(i);
  const out: ResolvedTable = { header: names, text, used, mapping };
  for (const f of ['title', 'id', 'source', 'side', 'lang', 'date'] as const) {
    const i = cols.get(f);
    if (i !== undefined) out[f] = i;
  }
  if (dateParts) out.dateParts = dateParts;
  return out;
}

function cell(values: readonly unknown[], i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const v = values[i];
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/**
 * Turn one table row into a document (or a message when it has no text), applying the resolved
 * mapping: value maps, constants, and date parsing (an unreadable date is a warning on the document
 * and the date is left out). Other columns become extra metadata under their own names.
 *
 * @example
 * const doc = rowToDoc(resolved, ['米大統領が来日', 'A'], 'h.csv', 2, 'csv', 'shift_jis', {});
 */
export function rowToDoc(t: ResolvedTable, values: readonly unknown[], file: string, line: number, format: string, encoding: string | undefined, opts: ReadOptions): Doc | Message {
  const m = t.mapping;
  const fields = new Map<string, unknown>();
  const raw = values[t.text];
  // The text keeps its own characters: only a missing cell becomes empty.
  fields.set('text', raw === undefined || raw === null ? undefined : raw instanceof Date ? raw.toISOString() : String(raw));
  const put = (k: string, v: string | undefined): void => {
    if (v !== undefined) fields.set(k, v);
  };
  put('title', cell(values, t.title));
  put('id', cell(values, t.id));
  const source = cell(values, t.source);
  put('source', source === undefined ? undefined : (m.sourceMap?.get(source) ?? source));
  const side = m.side ?? cell(values, t.side);
  put('side', side === undefined ? undefined : (m.sideMap?.get(side) ?? side));
  put('lang', m.lang ?? cell(values, t.lang));
  let badDate: string | undefined;
  if (t.date !== undefined) {
    const d = cell(values, t.date);
    const iso = d === undefined ? undefined : (values[t.date] instanceof Date ? d : parseDate(d));
    if (d !== undefined && iso === undefined) badDate = d;
    put('date', iso);
  } else if (t.dateParts) {
    const [yi, mi, di] = t.dateParts;
    const parts = [cell(values, yi), cell(values, mi), cell(values, di)];
    const iso = dateFromColumns(parts[0], parts[1], parts[2]);
    if (iso === undefined && parts[0] !== undefined) badDate = parts.filter((p) => p !== undefined).join('/');
    put('date', iso);
  }
  const clashing: Array<[string, string]> = [];
  t.header.forEach((h, i) => {
    if (h === '' || t.used.has(i) || i >= values.length) return;
    const v = cell(values, i) ?? '';
    // A column named like a core field but not mapped to it (e.g. `date` holding the day) stays extra.
    if (META_FIELDS.has(h.toLowerCase())) clashing.push([h, v]);
    else if (!fields.has(h)) fields.set(h, v);
  });
  const item = recordToDoc(fields, file, line, format, encoding, opts);
  if (!('meta' in item)) return item;
  for (const [k, v] of clashing) Object.defineProperty(item.meta.extra, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (badDate !== undefined) {
    item.messages.push(makeMessage('read', 'read:bad-date', 'warning', `line ${line}: date "${badDate}" not understood; left out`, { file, line }));
  }
  return item;
}
