/**
 * Building documents: the empty document object, metadata from record fields and YAML front
 * matter, and the rule that the document's own metadata wins over command-line defaults.
 */
import { parse as parseYaml } from 'yaml';
import { detectLang } from '../lang.js';
import { makeMessage } from '../messages.js';
import type { Doc, DocMeta, Message } from '../types.js';
import type { ReadOptions } from './types.js';

/** The metadata fields a record or front matter may set; every other field goes to `meta.extra`. */
export const META_FIELDS: ReadonlySet<string> = new Set(['id', 'title', 'date', 'side', 'source', 'lang', 'text']);

/**
 * A new document whose raw and text are `raw`, with empty stage results. Missing metadata gets
 * defaults: side `null`, language detected from the text, no extra fields.
 *
 * @example
 * const doc = newDoc({ id: 'a.txt', format: 'txt' }, 'The alliance is strong.'); // doc.meta.lang === 'en'
 */
export function newDoc(meta: Partial<DocMeta> & { id: string; format: string }, raw: string): Doc {
  const full: DocMeta = {
    ...meta,
    side: meta.side ?? null,
    lang: meta.lang ?? detectLang(raw),
    extra: meta.extra ?? {},
  };
  return { meta: full, raw, text: raw, pages: [], paragraphs: [], sentences: [], messages: [] };
}

/**
 * A field value as a string: scalars as written, objects as JSON, absent/null as undefined.
 *
 * @example
 * fieldString(3); // '3'
 */
export function fieldString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Metadata from named fields (a JSONL object, a CSV row, front matter), filled from `opts` where the
 * fields are missing or empty. Unknown fields are kept in `extra` as strings.
 *
 * @example
 * metaFromFields(new Map([['side', 'tokyo'], ['page', 3]]), { date: '2004' }); // { side: 'tokyo', date: '2004', extra: { page: '3' } }
 */
export function metaFromFields(fields: Map<string, unknown>, opts: ReadOptions): Partial<DocMeta> & { extra: Record<string, string> } {
  const get = (k: string): string | undefined => {
    const s = fieldString(fields.get(k))?.trim();
    return s === undefined || s === '' ? undefined : s;
  };
  const extras: Array<[string, string]> = [];
  for (const [k, v] of fields) {
    if (META_FIELDS.has(k)) continue;
    const s = fieldString(v);
    if (s !== undefined) extras.push([k, s]);
  }
  const meta: Partial<DocMeta> & { extra: Record<string, string> } = {
    // fromEntries defines own properties, so a field named __proto__ stays a plain key.
    extra: Object.fromEntries(extras) as Record<string, string>,
    side: get('side') ?? opts.side ?? null,
  };
  const title = get('title');
  const date = get('date') ?? opts.date;
  const source = get('source') ?? opts.source;
  const lang = get('lang');
  if (title !== undefined) meta.title = title;
  if (date !== undefined) meta.date = date;
  if (source !== undefined) meta.source = source;
  if (lang !== undefined) meta.lang = lang;
  return meta;
}

/**
 * Split YAML front matter (between `---` lines at the very start) from a text.
 * Returns the parsed fields, the body, and a warning when the YAML is broken (the block is still removed).
 *
 * @example
 * splitFrontMatter('---\nside: tokyo\n---\nBody.\n', 'a.md').fields.get('side'); // 'tokyo'
 */
export function splitFrontMatter(text: string, file: string): { fields: Map<string, unknown>; body: string; messages: Message[] } {
  const fields = new Map<string, unknown>();
  const m = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { fields, body: text, messages: [] };
  const body = text.slice(m[0].length);
  let parsed: unknown;
  try {
    parsed = parseYaml(m[1] ?? '');
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    return {
      fields,
      body,
      messages: [makeMessage('read', 'read:front-matter', 'warning', 'front matter is not valid YAML; ignored', line === undefined ? { file } : { file, line: line + 1 })],
    };
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) fields.set(k, v);
  } else if (parsed !== null && parsed !== undefined) {
    return { fields, body, messages: [makeMessage('read', 'read:front-matter', 'warning', 'front matter is not a mapping of fields; ignored', { file, line: 2 })] };
  }
  return { fields, body, messages: [] };
}
