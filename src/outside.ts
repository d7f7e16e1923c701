/**
 * Agreement with another project's coding of tone. A small YAML "gold map" says how that
 * project's columns become one of our tones (a column of tone values, or flag columns such as
 * `cdneg_us = 1 → negative`, `cdpos_us = 1 → positive`, both → mixed, neither → neutral, and which
 * rows were hand-coded at all). `evaluateOutsideTone` reads the outside file with the same readers
 * and column mapping as `analyze` (CP932 detected), codes every hand-coded row as one document,
 * and compares the document's tone with the outside one: Cohen's kappa with a bootstrap interval
 * over documents, and the confusion table.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Codebook } from './codebook/index.js';
import { cohenKappa } from './evaluate.js';
import { makeMessage } from './messages.js';
import { parseYamlInput } from './yaml-input.js';
import { processDoc } from './pipeline.js';
import { readInputs } from './read/index.js';
import type { TableMapping, TableReadOptions } from './read/table.js';
import { bootstrap, type Interval } from './stats.js';
import type { Store } from './store/index.js';
import { TONES, type Message, type Sentence, type Tone } from './types.js';

/** How an outside coding gives a tone. Column names match case-insensitively; values are compared as trimmed text (numbers by value). */
export interface GoldMap {
  /** Only rows where each column holds the value were coded by hand; other rows are left out. */
  rows?: Map<string, string>;
  /** A column holding the tone itself (`positive`, `negative`, `neutral`, `mixed`, or values renamed by `values`). */
  column?: string;
  /** Outside values (lower-cased) → tones, for `column`. */
  values?: Map<string, Tone>;
  /** Flag columns: the row is negative when every listed column holds its value. */
  negative?: Map<string, string>;
  /** Flag columns: the row is positive when every listed column holds its value. */
  positive?: Map<string, string>;
  /** The tone of a row flagged both negative and positive (default `mixed`). */
  both: Tone;
  /** The tone of a row flagged neither (default `neutral`). */
  neither: Tone;
  /** What the outside code measures, printed with the figures. */
  note?: string;
}

/** The Foreign Image News Project's columns for tone toward the U.S. (the `../shared/real` headlines). */
export const US_TONE_MAP: GoldMap = {
  rows: new Map([['train_us', '1']]),
  negative: new Map([['cdneg_us', '1']]),
  positive: new Map([['cdpos_us', '1']]),
  both: 'mixed',
  neither: 'neutral',
  note: 'the outside code is tone toward the U.S., close to but not the same as tone toward the relationship',
};

const cellValue = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v).trim());
const columnValues = z.record(z.string().trim().min(1), cellValue);
const tone = z.enum(TONES as [Tone, ...Tone[]]);

/** The schema of a gold map file. */
export const GoldMapSchema = z
  .strictObject({
    description: z.string().optional(),
    note: z.string().optional(),
    rows: columnValues.optional(),
    column: z.string().trim().min(1).optional(),
    values: z.record(z.string(), tone).optional(),
    negative: columnValues.optional(),
    positive: columnValues.optional(),
    both: tone.default('mixed'),
    neither: tone.default('neutral'),
  })
  .superRefine((m, ctx) => {
    const flags = m.negative !== undefined || m.positive !== undefined;
    if (m.column === undefined && !flags) ctx.addIssue({ code: 'custom', message: 'give either `column` (a column of tones) or `negative`/`positive` (flag columns)' });
    if (m.column !== undefined && flags) ctx.addIssue({ code: 'custom', message: 'give `column` or `negative`/`positive`, not both' });
    if (m.values !== undefined && m.column === undefined) ctx.addIssue({ code: 'custom', path: ['values'], message: '`values` renames the values of `column`: give `column` too' });
  });

/**
 * Parse a gold map from YAML text; problems come back as messages with line and column.
 *
 * @example
 * const { map } = parseGoldMap('rows: {train_us: 1}\nnegative: {cdneg_us: 1}\npositive: {cdpos_us: 1}\n', 'us-tone.yaml');
 */
export function parseGoldMap(text: string, file: string): { map?: GoldMap; messages: Message[] } {
  const { data: p, messages } = parseYamlInput(text, file, GoldMapSchema, 'gold-map');
  if (!p) return { messages };
  const toMap = (r: Record<string, string> | undefined): Map<string, string> | undefined => (r === undefined ? undefined : new Map(Object.entries(r)));
  const map: GoldMap = { both: p.both, neither: p.neither };
  const rows = toMap(p.rows);
  const negative = toMap(p.negative);
  const positive = toMap(p.positive);
  if (rows) map.rows = rows;
  if (p.column !== undefined) map.column = p.column;
  if (p.values) map.values = new Map(Object.entries(p.values).map(([k, v]) => [k.trim().toLowerCase(), v]));
  if (negative) map.negative = negative;
  if (positive) map.positive = positive;
  if (p.note !== undefined) map.note = p.note;
  return { map, messages: [] };
}

/**
 * Read and parse a gold map file; an unreadable file is one fatal message.
 *
 * @example
 * const { map, messages } = loadGoldMap('docs/real-us-tone-map.yaml');
 */
export function loadGoldMap(path: string): { map?: GoldMap; messages: Message[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { messages: [makeMessage('gold-map', 'gold-map:io', 'fatal', `cannot read gold map: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path })] };
  }
  return parseGoldMap(text, path);
}

/** What the outside coding says of one row. */
export type GoldVerdict = { tone: Tone } | { skipped: 'not-coded' | 'no-value' } | { bad: string };

function sameValue(cell: string | undefined, want: string): boolean {
  if (cell === undefined) return false;
  const a = cell.trim();
  if (a === want) return true;
  // `1`, `1.0` and ` 1 ` are one value in a spreadsheet.
  return a !== '' && want !== '' && Number.isFinite(Number(a)) && Number(a) === Number(want);
}

/** A row's columns by lower-cased name. */
function lowerKeys(row: Record<string, string | undefined> | ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const entries: Iterable<[string, string | undefined]> = row instanceof Map ? row.entries() : Object.entries(row);
  for (const [k, v] of entries) if (v !== undefined && !out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
  return out;
}

function allMatch(cols: ReadonlyMap<string, string>, want: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of want) if (!sameValue(cols.get(k.toLowerCase()), v)) return false;
  return true;
}

/**
 * The outside tone of one row: a tone, a row the outside project did not code (or left empty),
 * or a value the map cannot read.
 *
 * @example
 * goldTone({ train_us: '1', cdneg_us: '1', cdpos_us: '0' }, US_TONE_MAP); // { tone: 'negative' }
 */
export function goldTone(row: Record<string, string | undefined> | ReadonlyMap<string, string>, map: GoldMap): GoldVerdict {
  const cols = lowerKeys(row);
  if (map.rows && !allMatch(cols, map.rows)) return { skipped: 'not-coded' };
  if (map.column !== undefined) {
    const raw = cols.get(map.column.toLowerCase())?.trim() ?? '';
    if (raw === '' || /^(na|nan|null)$/i.test(raw)) return { skipped: 'no-value' };
    const key = raw.toLowerCase();
    const t = map.values?.get(key) ?? (TONES as readonly string[]).find((x) => x === key);
    return t === undefined ? { bad: `"${raw}" in column ${map.column} is not a tone (positive, negative, neutral, mixed) nor one of the map's values` } : { tone: t as Tone };
  }
  const neg = map.negative !== undefined && allMatch(cols, map.negative);
  const pos = map.positive !== undefined && allMatch(cols, map.positive);
  return { tone: neg && pos ? map.both : neg ? 'negative' : pos ? 'positive' : map.neither };
}

/** Every column a gold map reads. */
export function goldColumns(map: GoldMap): string[] {
  return [...new Set([...(map.rows?.keys() ?? []), ...(map.column === undefined ? [] : [map.column]), ...(map.negative?.keys() ?? []), ...(map.positive?.keys() ?? [])])];
}

/**
 * One tone for a document from its sentences' tones: both positive and negative (or any mixed)
 * make it mixed; a one-sentence document (a headline) keeps its sentence's tone.
 *
 * @example
 * docTone([{ decision: { tone: 'negative' } }, { decision: { tone: 'neutral' } }] as Sentence[]); // 'negative'
 */
export function docTone(sentences: readonly Pick<Sentence, 'decision'>[]): Tone {
  let pos = false;
  let neg = false;
  for (const s of sentences) {
    const t = s.decision?.tone;
    if (t === 'mixed') return 'mixed';
    if (t === 'positive') pos = true;
    if (t === 'negative') neg = true;
  }
  return pos && neg ? 'mixed' : pos ? 'positive' : neg ? 'negative' : 'neutral';
}

/** Agreement between the tool's tone and an outside coding. */
export interface ToneAgreement {
  n: number;
  /** Share of documents with the same tone. */
  agreement: number;
  kappa: Interval;
  /** outside tone → tool tone → documents. */
  confusion: Map<Tone, Map<Tone, number>>;
  note: string;
}

/**
 * Cohen's kappa (with a percentile bootstrap over documents) and the confusion table between
 * outside tones and the tool's tones.
 *
 * @example
 * toneAgreement([{ outside: 'negative', tool: 'negative' }, { outside: 'neutral', tool: 'positive' }], { reps: 500, seed: 1 });
 */
export function toneAgreement(pairs: ReadonlyArray<{ outside: Tone; tool: Tone }>, opts: { reps?: number; seed?: number; note?: string } = {}): ToneAgreement {
  const confusion = new Map<Tone, Map<Tone, number>>(TONES.map((t) => [t, new Map(TONES.map((u) => [u, 0]))]));
  let same = 0;
  for (const p of pairs) {
    const row = confusion.get(p.outside) as Map<Tone, number>;
    row.set(p.tool, (row.get(p.tool) ?? 0) + 1);
    if (p.outside === p.tool) same++;
  }
  const asPairs = (ps: ReadonlyArray<{ outside: Tone; tool: Tone }>): Array<[string, string]> => ps.map((p) => [p.outside, p.tool]);
  const kappa = bootstrap(pairs, (s) => cohenKappa(asPairs(s)), { reps: opts.reps ?? 1000, seed: opts.seed ?? 1 });
  return {
    n: pairs.length,
    agreement: pairs.length === 0 ? Number.NaN : same / pairs.length,
    kappa,
    confusion,
    note: opts.note ?? 'the outside code is tone toward the U.S., close to but not the same as tone toward the relationship',
  };
}

/**
 * Pair every stored document that carries an outside coding in its extra metadata (e.g. the
 * CSV's `cdneg_us` columns) with the tone the tool stored for it under `codebookVersion`.
 *
 * @example
 * const pairs = tonePairsFromStore(store, codebook.version); const a = toneAgreement(pairs);
 */
export function tonePairsFromStore(store: Store, codebookVersion: string, map: GoldMap = US_TONE_MAP): Array<{ id: string; outside: Tone; tool: Tone }> {
  const out: Array<{ id: string; outside: Tone; tool: Tone }> = [];
  for (const { id, doc } of store.iterateDocuments()) {
    const v = goldTone(doc.meta.extra, map);
    if (!('tone' in v)) continue;
    const sentences = store.sentencesOf(id, codebookVersion);
    if (!sentences.some((s) => s.decision)) continue;
    out.push({ id: doc.meta.id, outside: v.tone, tool: docTone(sentences) });
  }
  return out;
}

/** Options of `evaluateOutsideTone`. */
export interface OutsideOptions {
  codebook: Codebook;
  map: GoldMap;
  /** The column mapping of the outside file (as `analyze --profile/--text-column …`). */
  table?: TableMapping;
  encoding?: string;
  reps?: number;
  seed?: number;
}

/** The result of `evaluateOutsideTone`. */
export interface OutsideEvaluation {
  agreement: ToneAgreement;
  /** Rows read, rows compared, rows the outside project did not code or left empty, rows with an unreadable value. */
  rows: { read: number; compared: number; notCoded: number; noValue: number; bad: number };
  messages: Message[];
}

/**
 * Code every hand-coded row of an outside file (each row one document, not stored) and measure
 * how the tool's tone agrees with the outside tone. A column of the map that no row has is a
 * fatal message naming the columns there are.
 *
 * @example
 * const r = await evaluateOutsideTone(['headlines.csv'], { codebook: builtinCodebook(), map: US_TONE_MAP, table: { textColumn: 'Headline' } });
 */
export async function evaluateOutsideTone(paths: string[], opts: OutsideOptions): Promise<OutsideEvaluation> {
  const messages: Message[] = [];
  const pairs: Array<{ outside: Tone; tool: Tone }> = [];
  const rows = { read: 0, compared: 0, notCoded: 0, noValue: 0, bad: 0 };
  const wanted = goldColumns(opts.map);
  const seen = new Set<string>();
  let firstColumns: string[] | undefined;
  const readOpts: TableReadOptions = { ...(opts.table ? { table: opts.table } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}) };
  for await (const item of readInputs(paths, readOpts)) {
    if (!('meta' in item)) {
      messages.push(item);
      continue;
    }
    rows.read++;
    const extra = item.meta.extra;
    firstColumns ??= Object.keys(extra);
    for (const k of Object.keys(extra)) seen.add(k.toLowerCase());
    const v = goldTone(extra, opts.map);
    if ('skipped' in v) {
      if (v.skipped === 'not-coded') rows.notCoded++;
      else rows.noValue++;
      continue;
    }
    if ('bad' in v) {
      rows.bad++;
      messages.push(makeMessage('gold-map', 'gold-map:bad-value', 'warning', `row ${item.meta.id}: ${v.bad}; row left out`, { file: item.meta.path ?? paths[0] ?? '' }));
      continue;
    }
    processDoc(item, opts.codebook);
    if (item.sentences.length === 0) {
      rows.noValue++;
      continue;
    }
    rows.compared++;
    pairs.push({ outside: v.tone, tool: docTone(item.sentences) });
  }
  const missing = wanted.filter((c) => !seen.has(c.toLowerCase()));
  if (rows.read > 0 && missing.length > 0) {
    messages.push(makeMessage('gold-map', 'gold-map:no-column', 'fatal', `no column ${missing.map((c) => JSON.stringify(c)).join(', ')} in the outside file; its other columns are ${(firstColumns ?? []).map((c) => JSON.stringify(c)).join(', ') || '(none)'}`, { file: paths[0] ?? '' }));
  }
  const agreement = toneAgreement(pairs, { reps: opts.reps ?? 1000, seed: opts.seed ?? 1, note: opts.map.note ?? 'the outside code may measure tone toward something else than the relationship (for the Foreign Image News Project: tone toward the U.S.)' });
  return { agreement, rows, messages };
}

/**
 * Render tone agreement as text or JSON (the confusion table with outside tones as rows).
 *
 * @example
 * console.log(renderToneAgreement(toneAgreement(pairs), 'text'));
 */
export function renderToneAgreement(a: ToneAgreement, format: 'text' | 'json', rows?: OutsideEvaluation['rows']): string {
  if (format === 'json') {
    const confusion = Object.fromEntries([...a.confusion].map(([k, v]) => [k, Object.fromEntries(v)]));
    const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return JSON.stringify({ n: a.n, agreement: num(a.agreement), kappa: { estimate: num(a.kappa.estimate), low: num(a.kappa.low), high: num(a.kappa.high) }, confusion, note: a.note, ...(rows ? { rows } : {}) }, null, 2) + '\n';
  }
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
  const lines = [
    `Tone vs outside coding: n = ${a.n}, agreement ${f(a.agreement)}, Cohen's kappa ${f(a.kappa.estimate)} [${f(a.kappa.low)}, ${f(a.kappa.high)}] (95% bootstrap interval over documents)`,
  ];
  if (rows) lines.push(`Rows: ${rows.read} read, ${rows.compared} compared, ${rows.notCoded} not coded by the outside project, ${rows.noValue} without a value or text, ${rows.bad} with an unreadable value.`);
  lines.push(`Note: ${a.note}.`, `${'outside \\ tool'.padEnd(16)}${TONES.map((t) => t.padStart(10)).join('')}`);
  for (const [o, row] of a.confusion) lines.push(`${o.padEnd(16)}${TONES.map((t) => String(row.get(t) ?? 0).padStart(10)).join('')}`);
  return lines.join('\n') + '\n';
}
