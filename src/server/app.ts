/**
 * The dashboard server: a Hono app over one store. JSON API under `/api/...` (the overview is the
 * very JSON of `twocities report --format json`, through the shared `measureFor`), human reviews
 * kept apart from machine decisions, and the built front end served from one folder.
 * Every error has one shape: `{ok:false, status, error, errors:[]}`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { reliability } from '../agreement.js';
import type { ApiError, DocumentJson, DocumentResponse, EvidenceJson, EvidenceResponse, MetaResponse, OverlayResponse, OverlayUploadResponse, QueueResponse, ReliabilityResponse, ReviewJson, ReviewResponse, SeriesInfo, TrendResponse } from '../api-types.js';
import { builtinCodebook, loadCodebook, type Codebook } from '../codebook/index.js';
import { measurementJson } from '../measure.js';
import { makeMessage } from '../messages.js';
import { overlay, overlayJson, parseLag, parseSeries, seriesInfo, type Series } from '../overlay.js';
import { filterFor, measureFor, parseMeasureQuery, type MeasureQuery } from '../query.js';
import { renderReport } from '../report/index.js';
import type { EvidenceRow, ReviewRow, Store, StoredDocument } from '../store/index.js';
import { AUTHOR, TONES, type Message } from '../types.js';

/** What a route needs to know of a codebook. */
export type ServerCodebook = Pick<Codebook, 'name' | 'version' | 'sides' | 'codes'>;

/** Options of `createApp`. */
export interface AppOptions {
  store: Store;
  /** The codebook of a version (default: the store's codebooks, the built-in one by version). */
  codebook?: (version: string | undefined) => ServerCodebook | undefined;
  /** Folder of the built front end (default: `dist/web` of this package). */
  webRoot?: string;
  /** Largest accepted request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** When set, requests whose `Host` is not one of these are refused (DNS-rebinding guard). */
  allowedHosts?: string[];
  /** An outside series (e.g. a monthly poll) the trend chart can show beside any code. */
  overlay?: { series: Series; info: SeriesInfo };
  /** Largest accepted series upload in bytes (default 4 MiB; the CSV travels base64-encoded). */
  uploadLimit?: number;
}

export type { ApiError } from '../api-types.js';

// The wire types are declared apart for the browser; these lines fail to compile if the store's rows drift from them.
const asEvidence = (r: EvidenceRow): EvidenceJson => r;
const asReview = (r: ReviewRow): ReviewJson => r;
const asDocument = (d: StoredDocument): DocumentJson => d;

/**
 * The folder holding the built front end: `dist/web` beside the compiled server, or of the
 * checkout when running from sources.
 *
 * @example
 * const root = defaultWebRoot();
 */
export function defaultWebRoot(): string {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((u) => fileURLToPath(u));
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? (candidates[0] as string);
}

/**
 * The codebooks a store's decisions were made with, by version (latest used when none is
 * named); the built-in one is taken as compiled, others are loaded from the YAML stored.
 *
 * @example
 * const cb = storeCodebooks(store)(undefined);
 */
export function storeCodebooks(store: Store): (version: string | undefined) => ServerCodebook | undefined {
  const cache = new Map<string, ServerCodebook>();
  return (version) => {
    const known = store.codebooks();
    const row = version ? known.find((k) => k.version === version) : known[known.length - 1];
    if (!row) return undefined;
    const hit = cache.get(row.version);
    if (hit) return hit;
    const builtin = builtinCodebook();
    const cb = row.version === builtin.version ? builtin : loadCodebook(row.yaml, `codebook ${row.version} in the store`).codebook;
    if (cb) cache.set(row.version, cb);
    return cb;
  };
}

const MIME = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.json', 'application/json'],
  ['.woff2', 'font/woff2'],
  ['.map', 'application/json'],
]);

// The page runs only its own scripts (no eval: charts use Vega's interpreter), talks only to this server.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function fail(c: Context, status: number, error: string, errors: Message[] = []): Response {
  const body: ApiError = { ok: false, status, error, errors };
  return c.json(body, status as 400);
}

function queryMap(c: Context): Map<string, string> {
  return new Map(Object.entries(c.req.query()));
}

/** The document date range of a period (`2003`, `2003-Q2`, `2003-05`), or undefined. */
function periodRange(period: string): { from: string; to: string } | undefined {
  if (/^\d{4}$/.test(period) || /^\d{4}-\d{2}$/.test(period)) return { from: period, to: period };
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return undefined;
  const first = (Number(q[2]) - 1) * 3 + 1;
  const mm = (n: number): string => String(n).padStart(2, '0');
  return { from: `${q[1]}-${mm(first)}`, to: `${q[1]}-${mm(first + 2)}` };
}

const uploadBody = z.object({
  /** The CSV file's bytes, base64: the server detects its encoding (CP932 included). */
  data: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
  name: z.string().trim().min(1).max(200),
  column: z.string().trim().min(1).max(200),
  date: z.string().trim().max(200).optional(),
  label: z.string().trim().max(200).optional(),
});

const reviewBody = z.object({
  docId: z.number().int().nonnegative(),
  sentence: z.number().int().nonnegative(),
  reviewer: z.string().trim().min(1).max(80),
  voice: z.string().min(1).max(64),
  codes: z.array(z.string().max(64)).max(64),
  negated: z.array(z.string().max(64)).max(64),
  tone: z.enum(TONES as [string, ...string[]]),
  codebook: z.string().max(64).optional(),
});

/**
 * Build the dashboard app over a store; test it in-process with `app.request(...)`.
 *
 * @example
 * const app = createApp({ store: Store.open('twocities.db') });
 * const res = await app.request('/api/overview?from=2003');
 */
export function createApp(opts: AppOptions): Hono {
  const { store } = opts;
  const codebookOf = opts.codebook ?? storeCodebooks(store);
  const webRoot = resolve(opts.webRoot ?? defaultWebRoot());
  const app = new Hono();
  // The outside series: given at start (`serve --overlay`) or uploaded from the page; the generation keys the cache.
  let overlaySource = opts.overlay;
  let overlayGeneration = 0;

  app.onError((err, c) => fail(c, 500, `internal error: ${err.message}`));
  app.notFound((c) => fail(c, 404, `no such route: ${c.req.method} ${new URL(c.req.url).pathname}`));

  const allowedHosts = opts.allowedHosts;
  if (allowedHosts) {
    app.use('*', async (c, next) => {
      const host = (c.req.header('host') ?? '').toLowerCase();
      // Read on every request: the caller may fill the list once the port is known.
      if (!allowedHosts.some((h) => h.toLowerCase() === host)) return fail(c, 403, `host "${host}" is not served here (open the address the server printed)`);
      await next();
    });
  }

  /** The codebook of the request (`codebook=VERSION`, else the latest), or an error response. */
  const codebookFor = (c: Context): ServerCodebook | Response => {
    const version = c.req.query('codebook') || undefined;
    const cb = codebookOf(version);
    if (!cb) return fail(c, version ? 404 : 409, version ? `no codebook ${version} in this store` : 'the store holds no coded documents yet: run `twocities analyze PATH` first');
    return cb;
  };
  /** The measurement query of the request, or an error response. */
  const queryFor = (c: Context): MeasureQuery | Response => {
    const { query, messages } = parseMeasureQuery(queryMap(c));
    if (messages.length > 0) return fail(c, 400, messages.map((m) => m.reason).join('; '), messages);
    return query;
  };

  // Measurements are the slow part (a bootstrap over every document): answers are kept while
  // the store is unchanged, so going back and forth between figures and evidence is instant.
  const cache = new Map<string, string>();
  const cached = (key: string, compute: () => string): string => {
    const full = `${store.dataVersion()}\u0000${key}`;
    const hit = cache.get(full);
    if (hit !== undefined) {
      cache.delete(full);
      cache.set(full, hit);
      return hit;
    }
    const value = compute();
    cache.set(full, value);
    if (cache.size > 64) cache.delete(cache.keys().next().value as string);
    return value;
  };
  const cacheKey = (c: Context, cb: ServerCodebook): string => {
    const u = new URL(c.req.url);
    u.searchParams.sort();
    return `${cb.version} ${u.pathname}?${u.searchParams.toString()}`;
  };

  app.get('/api/meta', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const body = cached(`${overlayGeneration} ${cacheKey(c, cb)}`, () => JSON.stringify({
      ok: true,
      overlay: overlaySource?.info ?? null,
      codebook: { name: cb.name, version: cb.version, sides: [...cb.sides], codes: cb.codes.map((k) => ({ id: k.id, label: k.label, description: k.description })) },
      codebooks: store.codebooks().map((k) => ({ version: k.version, name: k.name, usedAt: k.usedAt })),
      voices: [...cb.sides.filter((s) => s !== AUTHOR), AUTHOR],
      tones: [...TONES],
      facets: store.facets(),
      stats: store.stats(),
    } satisfies MetaResponse));
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/api/overview', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const q = queryFor(c);
    if (q instanceof Response) return q;
    // Byte for byte the JSON of `twocities report --format json` for the same filters.
    const body = cached(cacheKey(c, cb), () => renderReport(measureFor(store, cb, q), 'json'));
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/api/trend', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const q = queryFor(c);
    if (q instanceof Response) return q;
    const code = c.req.query('code');
    if (!code || !cb.codes.some((k) => k.id === code)) return fail(c, 400, `code must be one of the codebook's codes (got "${code ?? ''}")`);
    // Only the code asked for: the per-period bootstrap is the cost, and it scales with the codes.
    const body = cached(cacheKey(c, cb), () => {
      // 500 replicates unless asked: a trend draws many periods, and its bands need less precision than the headline gap.
      const m = measureFor(store, { ...cb, codes: cb.codes.filter((k) => k.id === code) }, { ...q, by: q.by ?? 'year', reps: q.reps ?? 500 });
      return JSON.stringify({ ok: true, code, by: q.by ?? 'year', measurement: measurementJson(m) as unknown as TrendResponse['measurement'] } satisfies TrendResponse);
    });
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/api/overlay', (c) => {
    const ov = overlaySource;
    if (!ov) return fail(c, 404, 'no outside series: start the dashboard with `twocities serve --overlay FILE --overlay-column COLUMN [--overlay-date DATECOLUMN]`');
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const q = queryFor(c);
    if (q instanceof Response) return q;
    const known = new Set(cb.codes.map((k) => k.id));
    const codeParam = c.req.query('code');
    const codes = codeParam ? codeParam.split(',').map((x) => x.trim()).filter(Boolean) : [...known];
    const unknown = codes.filter((k) => !known.has(k));
    if (codes.length === 0 || unknown.length > 0) return fail(c, 400, `code must be one or more of the codebook's codes (got "${unknown.join(',') || (codeParam ?? '')}")`);
    const lag = parseLag(c.req.query('lag'));
    if (typeof lag !== 'number') return fail(c, 400, lag.reason, [lag]);
    const voice = c.req.query('voice') || undefined;
    if (voice !== undefined && voice !== 'all' && !cb.sides.includes(voice) && voice !== AUTHOR) return fail(c, 400, `voice must be all, ${[...cb.sides, AUTHOR].join(', ')} (got "${voice}")`);
    const body = cached(`${overlayGeneration} ${cacheKey(c, cb)}`, () => {
      // Shares need counts only: the bootstrap is kept minimal, the intervals are not shown here.
      const m = measureFor(store, { ...cb, codes: cb.codes.filter((k) => codes.includes(k.id)) }, { ...q, by: q.by ?? 'year', reps: 1 });
      const rows = codes.map((code) => overlayJson(overlay(m, ov.series, { code, lag, ...(voice !== undefined && voice !== 'all' ? { voice } : {}) })));
      return JSON.stringify({ ok: true, overlay: rows } satisfies OverlayResponse);
    });
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/api/evidence', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const q = queryFor(c);
    if (q instanceof Response) return q;
    const code = c.req.query('code') || undefined;
    const voice = c.req.query('voice') || undefined;
    const negatedParam = c.req.query('negated');
    const period = c.req.query('period') || undefined;
    const limitParam = c.req.query('limit');
    const limit = limitParam === undefined ? 20 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return fail(c, 400, `limit must be a whole number from 1 to 500 (got "${limitParam}")`);
    if (code !== undefined && !cb.codes.some((k) => k.id === code)) return fail(c, 400, `no code "${code}" in codebook ${cb.name}`);
    let range: { from: string; to: string } | undefined;
    if (period !== undefined) {
      range = periodRange(period);
      if (!range) return fail(c, 400, `period must look like 2003, 2003-Q2 or 2003-05 (got "${period}")`);
    }
    const filter = filterFor(cb.version, range ? { ...q, ...range } : q);
    const rows = store.evidence({
      codebook: cb.version, code, voice, limit, filter,
      negated: negatedParam === undefined || negatedParam === '' ? false : negatedParam === '1' || negatedParam === 'true',
    });
    const reviewed = new Map<string, ReviewJson>();
    for (const docId of new Set(rows.map((r) => r.docId))) {
      for (const r of store.latestReviews(cb.version, docId)) reviewed.set(`${r.docId}:${r.sentence}`, asReview(r));
    }
    return c.json({
      ok: true,
      query: { code: code ?? null, voice: voice ?? null, period: period ?? null, negated: negatedParam === '1' || negatedParam === 'true' },
      rows: rows.map((r) => ({ ...asEvidence(r), review: reviewed.get(`${r.docId}:${r.sentence}`) ?? null })),
    } satisfies EvidenceResponse);
  });

  app.get('/api/documents/:id', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const idParam = c.req.param('id');
    const id = Number(idParam);
    if (!/^\d{1,15}$/.test(idParam)) return fail(c, 400, `document id must be a number (got "${idParam}")`);
    const doc = store.getDocument(id);
    if (!doc) return fail(c, 404, `no document ${id}`);
    return c.json({ ok: true, codebook: cb.version, document: asDocument(doc), sentences: store.sentencesOf(id, cb.version), reviews: store.latestReviews(cb.version, id).map(asReview) } satisfies DocumentResponse);
  });

  app.get('/api/queue', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const q = queryFor(c);
    if (q instanceof Response) return q;
    const per = Number(c.req.query('per') ?? 2);
    if (!Number.isInteger(per) || per < 1 || per > 50) return fail(c, 400, 'per must be a whole number from 1 to 50');
    const filter = filterFor(cb.version, q);
    const done = new Set(store.latestReviews(cb.version).map((r) => `${r.docId}:${r.sentence}`));
    const items: Array<EvidenceRow & { stratum: { code: string; voice: string } }> = [];
    const taken = new Set<string>();
    // One stratum per code × side: every cell of the overview gets its share of human checks.
    for (const code of cb.codes.map((k) => k.id)) {
      for (const voice of cb.sides) {
        let n = 0;
        for (const row of store.evidence({ codebook: cb.version, code, voice, negated: false, limit: per * 4 + done.size, filter })) {
          const key = `${row.docId}:${row.sentence}`;
          if (n >= per || done.has(key) || taken.has(key)) continue;
          taken.add(key);
          items.push({ ...row, stratum: { code, voice } });
          n++;
        }
      }
    }
    return c.json({ ok: true, reviewed: done.size, items: items.map((i) => ({ ...asEvidence(i), stratum: i.stratum })) } satisfies QueueResponse);
  });

  app.get('/api/reliability', (c) => {
    const cb = codebookFor(c);
    if (cb instanceof Response) return cb;
    const r = reliability(store.reviewPairs(cb.version), cb.codes.map((k) => k.id));
    return c.json({ ok: true, codebook: { name: cb.name, version: cb.version }, reliability: r, lastEvaluation: store.lastEvaluation(cb.version) ?? null } satisfies ReliabilityResponse);
  });

  const limit = opts.bodyLimit ?? 64 * 1024;

  /** The JSON body of a write from the dashboard's own page, or the error response. */
  const ownJson = async (c: Context, what: string): Promise<{ body: unknown } | Response> => {
    // Writes only from the dashboard's own pages: a cross-site form or script gets 403.
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    const sameOrigin = site !== undefined ? site === 'same-origin' && (origin === undefined || origin === own) : origin === own;
    if (!sameOrigin) return fail(c, 403, `${what} are accepted only from the dashboard page itself (same origin)`);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return fail(c, 415, `send the ${what} as application/json`);
    try {
      return { body: await c.req.json() };
    } catch {
      return fail(c, 400, 'the request body is not valid JSON');
    }
  };

  const uploadLimit = opts.uploadLimit ?? 4 * 1024 * 1024;
  app.post(
    '/api/overlay',
    bodyLimit({ maxSize: uploadLimit, onError: (c) => fail(c, 413, `request body over ${uploadLimit} bytes`) }),
    async (c) => {
      const raw = await ownJson(c, 'series uploads');
      if (raw instanceof Response) return raw;
      const parsed = uploadBody.safeParse(raw.body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => makeMessage('server', 'server:upload-invalid', 'fatal', `${i.path.join('.') || 'body'}: ${i.message}`));
        return fail(c, 400, 'invalid series upload', errors);
      }
      const u = parsed.data;
      // Parsed in memory only: an upload never reaches the file system.
      const loaded = parseSeries(Buffer.from(u.data, 'base64'), { column: u.column, ...(u.date ? { dateColumn: u.date } : {}), label: u.label || u.column }, u.name);
      if (!loaded.series) return fail(c, 400, loaded.messages.map((m) => m.reason).join('; '), loaded.messages);
      if (loaded.series.points.size === 0) return fail(c, 400, `no value in column "${u.column}"`, loaded.messages);
      overlaySource = { series: loaded.series, info: seriesInfo(loaded.series, u.column, `${u.name} (uploaded)`) };
      overlayGeneration++;
      return c.json({ ok: true, overlay: overlaySource.info, messages: loaded.messages } satisfies OverlayUploadResponse, 201);
    },
  );
  app.post(
    '/api/review',
    bodyLimit({ maxSize: limit, onError: (c) => fail(c, 413, `request body over ${limit} bytes`) }),
    async (c) => {
      const raw = await ownJson(c, 'reviews');
      if (raw instanceof Response) return raw;
      const parsed = reviewBody.safeParse(raw.body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => makeMessage('server', 'server:review-invalid', 'fatal', `${i.path.join('.') || 'body'}: ${i.message}`));
        return fail(c, 400, 'invalid review', errors);
      }
      const body = parsed.data;
      const cb = codebookOf(body.codebook);
      if (!cb) return fail(c, 404, body.codebook ? `no codebook ${body.codebook} in this store` : 'the store holds no coded documents yet');
      const voices = new Set<string>([...cb.sides, AUTHOR]);
      const codes = new Set(cb.codes.map((k) => k.id));
      const errors: Message[] = [];
      const bad = (reason: string): void => {
        errors.push(makeMessage('server', 'server:review-invalid', 'fatal', reason, { sentence: body.sentence }));
      };
      if (!voices.has(body.voice)) bad(`voice "${body.voice}" is not one of ${[...voices].join(', ')}`);
      for (const code of [...body.codes, ...body.negated]) if (!codes.has(code)) bad(`"${code}" is not a code of ${cb.name}`);
      for (const code of body.codes) if (body.negated.includes(code)) bad(`"${code}" cannot be both raised and negated`);
      if (errors.length > 0) return fail(c, 400, 'invalid review', errors);
      if (!store.hasSentence(body.docId, body.sentence)) return fail(c, 404, `no sentence ${body.sentence} in document ${body.docId}`);
      const review = store.putReview({
        codebook: cb.version, docId: body.docId, sentence: body.sentence, reviewer: body.reviewer,
        voice: body.voice, codes: [...new Set(body.codes)], negated: [...new Set(body.negated)], tone: body.tone as (typeof TONES)[number],
      });
      return c.json({ ok: true, review: asReview(review) } satisfies ReviewResponse, 201);
    },
  );

  app.all('/api/*', (c) => fail(c, c.req.method === 'GET' ? 404 : 405, `no such route: ${c.req.method} ${new URL(c.req.url).pathname}`));

  app.get('*', (c) => {
    const path = new URL(c.req.url).pathname;
    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return fail(c, 400, 'malformed path');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    // Only plain names inside the web folder: no dot segments, backslashes or NUL.
    if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((seg) => seg === '..' || seg === '.')) return fail(c, 404, `no such file: ${path}`);
    const file = resolve(webRoot, `.${rel}`);
    if (!file.startsWith(webRoot + sep)) return fail(c, 404, `no such file: ${path}`);
    let isFile: boolean;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      if (rel === '/index.html') return fail(c, 404, 'the dashboard is not built: run `npm run build:web`');
      return fail(c, 404, `no such file: ${path}`);
    }
    const type = MIME.get(extname(file).toLowerCase()) ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CSP;
      headers['cache-control'] = 'no-store';
    } else if (rel.startsWith('/assets/')) headers['cache-control'] = 'public, max-age=31536000, immutable';
    return c.body(readFileSync(file), 200, headers);
  });

  return app;
}
