/**
 * Import profiles: a small YAML file holding the column mapping of one archive (which column is
 * the text, the date, the source; value maps; a constant side), validated with a schema so that a
 * mistake is reported with its line and column. Also the parsing of the matching command-line
 * options (`--source-map A=Asahi,Y=Yomiuri`), and their merge (command line wins).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { makeMessage } from './messages.js';
import { parseYamlInput } from './yaml-input.js';
import type { TableMapping } from './read/table.js';
import type { Message } from './types.js';

const name = z.string().trim().min(1);
const valueMap = z.record(z.string(), z.string().min(1));

/** The schema of an import profile. */
export const ProfileSchema = z.strictObject({
  /** Free text: where the data comes from, its licence. */
  description: z.string().optional(),
  columns: z.strictObject({
    text: name.optional(),
    title: name.optional(),
    id: name.optional(),
    source: name.optional(),
    side: name.optional(),
    lang: name.optional(),
    /** One column name, or `[year, month]` / `[year, month, day]`. */
    date: z.union([name, z.tuple([name, name]), z.tuple([name, name, name])]).optional(),
  }).optional(),
  sourceMap: valueMap.optional(),
  sideMap: valueMap.optional(),
  side: name.optional(),
  lang: name.optional(),
  sheet: z.union([name, z.number().int().min(1)]).optional(),
  encoding: name.optional(),
});

/** A loaded profile: the mapping, and an encoding to force when the profile names one. */
export interface ImportProfile {
  mapping: TableMapping;
  encoding?: string;
}

function toMap(r: Record<string, string> | undefined): Map<string, string> | undefined {
  return r === undefined ? undefined : new Map(Object.entries(r));
}

/**
 * Parse an import profile from YAML text. Returns the profile, or messages with line:column of
 * each problem (YAML syntax or schema).
 *
 * @example
 * const r = parseProfile('columns: {text: Headline, date: [year, month, date]}\nside: tokyo\n', 'p.yaml');
 * // r.profile?.mapping → { textColumn: 'Headline', dateColumns: ['year', 'month', 'date'], side: 'tokyo' }
 */
export function parseProfile(text: string, file: string): { profile?: ImportProfile; messages: Message[] } {
  const { data: p, messages } = parseYamlInput(text, file, ProfileSchema, 'profile');
  if (!p) return { messages };
  const mapping: TableMapping = {};
  const c = p.columns ?? {};
  if (c.text !== undefined) mapping.textColumn = c.text;
  if (c.title !== undefined) mapping.titleColumn = c.title;
  if (c.id !== undefined) mapping.idColumn = c.id;
  if (c.source !== undefined) mapping.sourceColumn = c.source;
  if (c.side !== undefined) mapping.sideColumn = c.side;
  if (c.lang !== undefined) mapping.langColumn = c.lang;
  if (typeof c.date === 'string') mapping.dateColumn = c.date;
  else if (c.date !== undefined) mapping.dateColumns = c.date;
  const sourceMap = toMap(p.sourceMap);
  const sideMap = toMap(p.sideMap);
  if (sourceMap) mapping.sourceMap = sourceMap;
  if (sideMap) mapping.sideMap = sideMap;
  if (p.side !== undefined) mapping.side = p.side;
  if (p.lang !== undefined) mapping.lang = p.lang;
  if (p.sheet !== undefined) mapping.sheet = p.sheet;
  return { profile: { mapping, ...(p.encoding === undefined ? {} : { encoding: p.encoding }) }, messages: [] };
}

/**
 * Read and parse an import profile file; an unreadable file is one fatal message.
 *
 * @example
 * const { profile, messages } = loadProfile('examples/profiles/asahi-yomiuri.yaml');
 */
export function loadProfile(path: string): { profile?: ImportProfile; messages: Message[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { messages: [makeMessage('profile', 'profile:io', 'fatal', `cannot read profile: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path })] };
  }
  return parseProfile(text, path);
}

/**
 * Parse `A=Asahi Shimbun,Y=Yomiuri Shimbun` into a Map. A pair without `=` is an error message.
 *
 * @example
 * parseValueMap('A=Asahi Shimbun,Y=Yomiuri Shimbun').map?.get('A'); // 'Asahi Shimbun'
 */
export function parseValueMap(spec: string, option = '--source-map'): { map?: Map<string, string>; messages: Message[] } {
  const map = new Map<string, string>();
  const messages: Message[] = [];
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? '' : part.slice(0, eq).trim();
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (k === '' || v === '') messages.push(makeMessage('profile', 'profile:value-map', 'fatal', `${option}: "${part.trim()}" is not VALUE=NAME`));
    else map.set(k, v);
  }
  return messages.length > 0 ? { messages } : { map, messages };
}

/** The command-line options that make a mapping (as commander gives them): the column names as in `TableMapping`, the rest as strings to parse. */
export interface MappingOptions
  extends Pick<TableMapping, 'textColumn' | 'titleColumn' | 'idColumn' | 'sourceColumn' | 'sideColumn' | 'langColumn' | 'dateColumn'> {
  /** `year,month[,day]` */
  dateColumns?: string;
  sourceMap?: string;
  sideMap?: string;
  sheet?: string;
}

/**
 * Merge a profile's mapping with command-line options (the command line wins field by field).
 * Returns undefined mapping when nothing was asked for (the default core columns apply).
 *
 * @example
 * mappingFrom({ textColumn: 'Headline', sourceMap: 'A=Asahi' }).mapping?.sourceMap?.get('A'); // 'Asahi'
 */
export function mappingFrom(cli: MappingOptions, profile?: ImportProfile): { mapping?: TableMapping; messages: Message[] } {
  const m: TableMapping = { ...(profile?.mapping ?? {}) };
  const messages: Message[] = [];
  const cols = ['textColumn', 'titleColumn', 'idColumn', 'sourceColumn', 'sideColumn', 'langColumn'] as const;
  for (const k of cols) {
    const v = cli[k];
    if (v !== undefined) m[k] = v;
  }
  if (cli.dateColumn !== undefined) {
    m.dateColumn = cli.dateColumn;
    delete m.dateColumns;
  }
  if (cli.dateColumns !== undefined) {
    const parts = cli.dateColumns.split(',').map((s) => s.trim());
    if ((parts.length === 2 || parts.length === 3) && parts.every((p) => p !== '')) {
      m.dateColumns = parts as [string, string] | [string, string, string];
      delete m.dateColumn;
    } else {
      messages.push(makeMessage('profile', 'profile:date-columns', 'fatal', `--date-columns: "${cli.dateColumns}" is not YEAR,MONTH[,DAY]`));
    }
  }
  for (const [opt, key] of [['sourceMap', '--source-map'], ['sideMap', '--side-map']] as const) {
    const spec = cli[opt];
    if (spec === undefined) continue;
    const r = parseValueMap(spec, key);
    messages.push(...r.messages);
    if (r.map) m[opt] = r.map;
  }
  if (cli.sheet !== undefined) m.sheet = /^\d+$/.test(cli.sheet) ? Number(cli.sheet) : cli.sheet;
  return Object.keys(m).length === 0 ? { messages } : { mapping: m, messages };
}

/**
 * The mapping asked for on a command line: `--profile FILE` loaded, then the column options laid
 * over it. Messages are fatal problems in the profile or the options (the CLI prints them and stops).
 *
 * @example
 * const { mapping, encoding, messages } = tableFromFlags({ profile: 'examples/profiles/asahi-yomiuri.yaml', sheet: '2' });
 */
export function tableFromFlags(flags: MappingOptions & { profile?: string }): { mapping?: TableMapping; encoding?: string; messages: Message[] } {
  let profile: ImportProfile | undefined;
  if (flags.profile !== undefined) {
    const r = loadProfile(flags.profile);
    if (!r.profile) return { messages: r.messages };
    profile = r.profile;
  }
  const merged = mappingFrom(flags, profile);
  return {
    ...(merged.mapping ? { mapping: merged.mapping } : {}),
    ...(profile?.encoding === undefined ? {} : { encoding: profile.encoding }),
    messages: merged.messages,
  };
}
