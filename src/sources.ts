/**
 * Sources sidecar: a `sources.yaml` (or `sources.csv`) mapping file path globs, URL patterns or
 * domains to a side and a source name (`asahi.com → tokyo, Asahi Shimbun`). A sidecar in a folder
 * applies to the files under that folder; one given with `--sources FILE` applies to everything.
 * The first matching rule wins; a document's own metadata still wins over the sidecar, and the
 * sidecar over command-line defaults.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseDocument } from 'yaml';
import { makeMessage } from './messages.js';
import type { Doc, Message } from './types.js';

/** File names the directory walk treats as a folder's sidecar (never read as documents). */
export const SIDECAR_NAMES: readonly string[] = ['sources.yaml', 'sources.yml', 'sources.csv'];

/** One rule of a sidecar. */
export interface SourceRule {
  /** The pattern as written. */
  pattern: string;
  /** `path`: a glob over paths under the sidecar's folder; `url`: a glob over whole URLs; `domain`: a host and its subdomains; `any`: a bare name, tried as domain for URLs and as a file name glob for files. */
  kind: 'path' | 'url' | 'domain' | 'any';
  side?: string;
  source?: string;
  /** 1-based line of the rule in its file. */
  line?: number;
  regex: RegExp;
}

/** A loaded sidecar: its rules and the folder its path globs are relative to. */
export interface SourceMap {
  file: string;
  base: string;
  rules: SourceRule[];
}

/**
 * A glob as a regular expression over `/`-separated paths: `**` any depth, `*` and `?` within one
 * segment, everything else literal. Case-insensitive.
 *
 * @example
 * globToRegex('wires/**\/*.txt').test('wires/kyodo/2024/a.txt'); // true
 */
export function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` also matches no folder at all.
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

function ruleOf(pattern: string, kindHint: string | undefined, side: string | undefined, source: string | undefined, line: number | undefined): SourceRule | undefined {
  const p = pattern.trim();
  if (p === '') return undefined;
  let kind: SourceRule['kind'];
  if (kindHint === 'url' || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) kind = 'url';
  else if (kindHint === 'domain') kind = 'domain';
  else if (kindHint === 'path' || p.includes('/') || p.includes('*') || p.includes('?')) kind = 'path';
  else kind = 'any';
  const regex = kind === 'domain' ? new RegExp(`(^|\\.)${p.replace(/^\*\./, '').replace(/[.+^${}()|[\]\\*?]/g, '\\$&')}$`, 'i') : globToRegex(p.replace(/^\.\//, ''));
  const r: SourceRule = { pattern: p, kind, regex };
  if (side) r.side = side.trim();
  if (source) r.source = source.trim();
  if (line !== undefined) r.line = line;
  return r;
}

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim() || undefined;
  return undefined;
}

/**
 * Parse a sidecar's text. YAML: a list of `{match|path|url|domain, side, source}` objects, or a
 * mapping `pattern: side, Source Name` / `pattern: {side, source}` (optionally under `sources:`).
 * CSV: a header with `match` (or `pattern`), `side` and `source`. Bad entries are messages.
 *
 * @example
 * parseSources('asahi.com: tokyo, Asahi Shimbun\n', 'sources.yaml').map.rules[0]?.side; // 'tokyo'
 */
export function parseSources(text: string, file: string, base = dirname(file)): { map: SourceMap; messages: Message[] } {
  const messages: Message[] = [];
  const rules: SourceRule[] = [];
  const bad = (reason: string, line?: number): void => {
    messages.push(makeMessage('sources', 'sources:entry', 'warning', reason, line === undefined ? { file } : { file, line }));
  };
  const add = (pattern: string | undefined, hint: string | undefined, side: string | undefined, source: string | undefined, line: number | undefined): void => {
    if (pattern === undefined) return bad('entry without a pattern (match, path, url or domain); ignored', line);
    if (side === undefined && source === undefined) return bad(`"${pattern}" sets neither side nor source; ignored`, line);
    const r = ruleOf(pattern, hint, side, source, line);
    if (r) rules.push(r);
  };
  if (file.toLowerCase().endsWith('.csv')) {
    let records: string[][];
    try {
      records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (e) {
      messages.push(makeMessage('sources', 'sources:parse', 'fatal', `not valid CSV (${(e as Error).message}); sidecar ignored`, { file }));
      return { map: { file, base, rules }, messages };
    }
    const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
    const col = (...names: string[]): number => header.findIndex((h) => names.includes(h));
    const m = col('match', 'pattern', 'path', 'url', 'domain');
    const s = col('side');
    const so = col('source', 'name');
    if (m < 0) {
      messages.push(makeMessage('sources', 'sources:parse', 'fatal', 'the header row has no "match" column; sidecar ignored', { file, line: 1 }));
      return { map: { file, base, rules }, messages };
    }
    records.slice(1).forEach((rec, i) => add(str(rec[m]), header[m], s >= 0 ? str(rec[s]) : undefined, so >= 0 ? str(rec[so]) : undefined, i + 2));
    return { map: { file, base, rules }, messages };
  }
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    messages.push(makeMessage('sources', 'sources:parse', 'fatal', `not valid YAML (${e?.message.split('\n')[0] ?? 'parse error'}); sidecar ignored`, e?.linePos?.[0] ? { file, line: e.linePos[0].line } : { file }));
    return { map: { file, base, rules }, messages };
  }
  // Line numbers come from the source offsets of the YAML nodes.
  const lineAt = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : text.slice(0, offset).split('\n').length);
  let root = doc.contents as unknown as { items?: Array<{ key?: { value?: unknown; range?: number[] }; value?: unknown; range?: number[] }>; range?: number[] } | null;
  const top = doc.toJS() as unknown;
  if (top !== null && typeof top === 'object' && !Array.isArray(top) && 'sources' in (top as object)) {
    const pair = root?.items?.find((p) => p.key?.value === 'sources');
    root = (pair?.value ?? null) as typeof root;
  }
  if (!root || !Array.isArray(root.items)) {
    if (root !== null) messages.push(makeMessage('sources', 'sources:parse', 'fatal', 'a sidecar is a list of rules or a mapping of patterns; sidecar ignored', { file }));
    return { map: { file, base, rules }, messages };
  }
  for (const item of root.items) {
    const node = item as { key?: { value?: unknown; range?: number[] }; value?: unknown; range?: number[]; toJSON?: () => unknown };
    if (node.key !== undefined) {
      // Mapping form: pattern → "side, Source" or {side, source}.
      const pattern = str(node.key.value);
      const line = lineAt(node.key.range?.[0]);
      const v = (node.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? (node.value as { value?: unknown } | null)?.value;
      if (typeof v === 'string') {
        const [side, ...rest] = v.split(',');
        add(pattern, undefined, str(side), str(rest.join(',')), line);
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        add(pattern, undefined, str(o.side), str(o.source), line);
      } else bad(`"${pattern}": expected "side, Source" or {side, source}; ignored`, line);
      continue;
    }
    const line = lineAt(node.range?.[0]);
    const v = node.toJSON?.() ?? (node as { value?: unknown }).value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      bad('list entry is not a mapping; ignored', line);
      continue;
    }
    const o = v as Record<string, unknown>;
    const hint = ['path', 'url', 'domain', 'match', 'pattern'].find((k) => str(o[k]) !== undefined);
    add(hint === undefined ? undefined : str(o[hint]), hint, str(o.side), str(o.source), line);
  }
  return { map: { file, base, rules }, messages };
}

/**
 * Load a sidecar file (`.yaml`, `.yml` or `.csv`). A missing or unreadable file is a fatal message.
 *
 * @example
 * const { map, messages } = await loadSources('corpus/sources.yaml');
 */
export async function loadSources(file: string): Promise<{ map?: SourceMap; messages: Message[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { messages: [makeMessage('sources', 'sources:io', 'fatal', `cannot read sources file (${code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)})`, { file })] };
  }
  return parseSources(text, file);
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/**
 * The first rule of `map` matching `target`: a URL (tried against URL and domain rules, bare names
 * as domains) or a file path (tried against path globs relative to the sidecar's folder; bare names
 * against the file name).
 *
 * @example
 * matchSource(map, 'https://www.asahi.com/articles/x.html')?.source; // 'Asahi Shimbun'
 */
export function matchSource(map: SourceMap, target: string): SourceRule | undefined {
  if (isUrl(target)) {
    let host = '';
    try {
      host = new URL(target).hostname;
    } catch {
      return undefined;
    }
    return map.rules.find((r) => (r.kind === 'url' ? r.regex.test(target) : r.kind === 'domain' || r.kind === 'any' ? (r.kind === 'any' ? new RegExp(`(^|\\.)${r.pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&')}$`, 'i') : r.regex).test(host) : false));
  }
  const rel = relative(map.base, target).split(sep).join('/');
  const inside = rel !== '' && !rel.startsWith('../') && rel !== '..';
  const name = basename(target);
  return map.rules.find((r) => {
    if (r.kind === 'any') return r.regex.test(name);
    if (r.kind !== 'path') return false;
    if (inside && r.regex.test(rel)) return true;
    // A pattern without a folder names files at any depth.
    return !r.pattern.includes('/') && r.regex.test(name);
  });
}

/**
 * Fill a document's side and source from the first matching rule of the maps (innermost first),
 * where the document has none. Looks at its path, its `extra.url` (canonical URL) and `extra.feed`.
 * Returns the rule used.
 *
 * @example
 * applySources(doc, map); // doc.meta.side === 'tokyo', doc.meta.source === 'Asahi Shimbun'
 */
export function applySources(doc: Doc, ...maps: SourceMap[]): SourceRule | undefined {
  const targets = [doc.meta.path, doc.meta.extra.url, doc.meta.extra.feed].filter((t): t is string => typeof t === 'string' && t !== '');
  for (const map of maps) {
    for (const t of targets) {
      const r = matchSource(map, t);
      if (!r) continue;
      if ((doc.meta.side === null || doc.meta.side === undefined) && r.side !== undefined) doc.meta.side = r.side;
      if ((doc.meta.source === undefined || doc.meta.source === '') && r.source !== undefined) doc.meta.source = r.source;
      return r;
    }
  }
  return undefined;
}

/**
 * Reading options for one file: side and source from the first rule matching `path` in `maps`
 * (innermost folder first), else the options' own. Document metadata still wins inside the reader.
 *
 * @example
 * readOneFile(path, sourceOptions(opts, [folderMap], path));
 */
export function sourceOptions<O extends { side?: string | null; source?: string }>(opts: O, maps: readonly SourceMap[], path: string): O {
  for (const map of maps) {
    const r = matchSource(map, path);
    if (!r) continue;
    return { ...opts, ...(r.side === undefined ? {} : { side: r.side }), ...(r.source === undefined ? {} : { source: r.source }) };
  }
  return opts;
}
