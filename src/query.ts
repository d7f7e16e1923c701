/**
 * One place that turns report filters (from command-line flags or URL query parameters) into a
 * measurement, so `twocities report --format json` and the dashboard's `/api/overview` can never
 * disagree: both call `measureFor`.
 */
import { parse as parseYaml } from 'yaml';
import type { Codebook, CodeInfo } from './codebook/index.js';
import { CODE_ROLES, type CodeRole } from './codebook/roles.js';
import { measure, type Measurement } from './measure.js';
import { makeMessage } from './messages.js';
import type { MeasureFilter, Store } from './store/index.js';
import type { Message } from './types.js';

/** The filters and settings of one measurement, as a user states them. */
export interface MeasureQuery {
  from?: string | undefined;
  to?: string | undefined;
  /** Document sides (`unknown` selects documents without a side). */
  docSide?: string[] | undefined;
  source?: string[] | undefined;
  lang?: string[] | undefined;
  by?: 'year' | 'quarter' | 'month' | undefined;
  authorAsSide?: boolean | undefined;
  seed?: number | undefined;
  reps?: number | undefined;
  /** Count the latest human review of a sentence in place of the machine decision. */
  human?: boolean | undefined;
}

/** What measuring and reporting need of a codebook: its names, never its compiled patterns. */
export type CodebookInfo = Pick<Codebook, 'name' | 'version' | 'sides' | 'codes'>;

const TONE_NAMES = new Set(['positive', 'negative', 'neutral']);
const ROLE_NAMES: ReadonlySet<string> = new Set(CODE_ROLES);

/**
 * Read the name, sides and codes of a codebook stored with its decisions, without validating or
 * compiling its patterns (it was checked when it was stored; a report needs only names and labels).
 * `version` is the stored one (the hash of this very text). Undefined when the text lacks them.
 *
 * @example
 * const latest = store.codebooks().at(-1);
 * const info = latest && codebookInfo(latest.yaml, latest.version);
 */
export function codebookInfo(yaml: string, version: string): CodebookInfo | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(yaml);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const { name, sides, codes } = doc as { name?: unknown; sides?: unknown; codes?: unknown };
  if (typeof name !== 'string' || !sides || typeof sides !== 'object' || !Array.isArray(codes)) return undefined;
  const tone = (v: unknown): CodeInfo['tone'] => (typeof v === 'string' && TONE_NAMES.has(v) ? (v as CodeInfo['tone']) : 'neutral');
  const out: CodeInfo[] = [];
  for (const c of codes as unknown[]) {
    const code = c as { id?: unknown; label?: unknown; description?: unknown; tone?: unknown; deniedTone?: unknown; role?: unknown } | null;
    if (!code || typeof code.id !== 'string') return undefined;
    out.push(Object.freeze({
      id: code.id,
      label: typeof code.label === 'string' ? code.label : code.id,
      description: typeof code.description === 'string' ? code.description : '',
      tone: tone(code.tone),
      deniedTone: tone(code.deniedTone),
      ...(typeof code.role === 'string' && ROLE_NAMES.has(code.role) ? { role: code.role as CodeRole } : {}),
    }));
  }
  return Object.freeze({ name, version, sides: Object.freeze(Object.keys(sides)), codes: Object.freeze(out) });
}

/**
 * The codebooks of a store by version (the latest used when none is named), each read once for
 * its names (`codebookInfo`): what the dashboard needs, with no pattern compiled.
 *
 * @example
 * const app = createApp({ store, codebook: storeCodebookInfos(store) });
 */
export function storeCodebookInfos(store: Store): (version: string | undefined) => CodebookInfo | undefined {
  const cache = new Map<string, CodebookInfo>();
  return (version) => {
    const v = version ?? store.latestCodebookVersion();
    if (v === undefined) return undefined;
    const hit = cache.get(v);
    if (hit) return hit;
    const row = store.codebookRow(v);
    const info = row && codebookInfo(row.yaml, row.version);
    if (info) cache.set(v, info);
    return info;
  };
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const out = value.split(',').map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/**
 * Read a `MeasureQuery` from string parameters (URL query or CLI flags, names as in the URL:
 * `from to docSide source lang by authorAsSide seed reps human`). Problems are messages, never throws.
 *
 * @example
 * const { query, messages } = parseMeasureQuery(new Map([['from', '2003'], ['docSide', 'tokyo,washington']]));
 */
export function parseMeasureQuery(params: ReadonlyMap<string, string>): { query: MeasureQuery; messages: Message[] } {
  const messages: Message[] = [];
  const bad = (name: string, reason: string): void => {
    messages.push(makeMessage('query', `query:${name}`, 'fatal', reason));
  };
  const query: MeasureQuery = {};
  for (const name of ['from', 'to'] as const) {
    const v = params.get(name);
    if (v === undefined || v === '') continue;
    if (!DATE.test(v)) bad(name, `${name} must be an ISO date YYYY, YYYY-MM or YYYY-MM-DD (got "${v}")`);
    else query[name] = v;
  }
  query.docSide = commaList(params.get('docSide'));
  query.source = commaList(params.get('source'));
  query.lang = commaList(params.get('lang'));
  const by = params.get('by');
  if (by !== undefined && by !== '') {
    if (by === 'year' || by === 'quarter' || by === 'month') query.by = by;
    else bad('by', `by must be year, quarter or month (got "${by}")`);
  }
  for (const name of ['seed', 'reps'] as const) {
    const v = params.get(name);
    if (v === undefined || v === '') continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || (name === 'reps' && n > 100_000)) bad(name, `${name} must be a whole number from 1${name === 'reps' ? ' to 100000' : ''} (got "${v}")`);
    else query[name] = n;
  }
  const flag = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v !== 'false';
  if (flag(params.get('authorAsSide'))) query.authorAsSide = true;
  if (flag(params.get('human'))) query.human = true;
  return { query, messages };
}

/**
 * The store filter of a query for one codebook.
 *
 * @example
 * store.evidence({ codebook: cb.version, code: 'nuclear', filter: filterFor(cb.version, { from: '2003' }) });
 */
export function filterFor(codebookVersion: string, q: MeasureQuery): MeasureFilter {
  return { codebook: codebookVersion, from: q.from, to: q.to, side: q.docSide, source: q.source, lang: q.lang };
}

/**
 * Measure the stored decisions of `codebook` under a query: the one function behind the CLI's
 * report and the dashboard's overview. With `human`, reviewed sentences count as reviewed.
 *
 * @example
 * const m = measureFor(store, builtinCodebook(), { from: '2003', by: 'year' });
 * renderReport(m, 'json');
 */
export function measureFor(store: Store, codebook: Pick<Codebook, 'name' | 'version' | 'sides' | 'codes'>, q: MeasureQuery = {}): Measurement {
  const filter = filterFor(codebook.version, q);
  // A plain filter measures the kept table's selected rows in place; human corrections need a table of their own.
  const rows = q.human ? store.countTableReviewed(filter) : store.countSelection(filter);
  return measure(rows, {
    codebook: { name: codebook.name, version: codebook.version },
    codes: codebook.codes.map((c) => c.id),
    sides: [...codebook.sides],
    authorAsSide: q.authorAsSide === true,
    by: q.by,
    seed: q.seed,
    reps: q.reps,
  });
}
