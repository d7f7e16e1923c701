import { request } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetaResponse, OverlayResponse } from '../src/api-types.js';
import { run } from '../src/cli/main.js';
import { builtinCodebook } from '../src/codebook/index.js';
import { seriesFromFlags } from '../src/overlay.js';
import { sjisEncoder } from './helpers/sjis.js';
import { measureFor, type MeasureQuery } from '../src/query.js';
import { renderReport, renderReportAsync } from '../src/report/index.js';
import { createApp } from '../src/server/app.js';
import { startServer } from '../src/server/index.js';
import { Store } from '../src/store/index.js';
import { addFixtureDoc, buildFixtureStore } from './helpers/fixture-store.js';
import { runCli } from './helpers/cli.js';

const cb = builtinCodebook();
const ORIGIN = 'http://localhost';
let store: Store;
let dir: string;
let webRoot: string;
let app: ReturnType<typeof createApp>;
let target: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twocities-server-'));
  webRoot = join(dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dash</title>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  store = Store.open(join(dir, 'fixture.db'));
  buildFixtureStore(store, cb, { documents: 300, seed: 11 });
  // A document whose one sentence the test reviews: the machine says author, no code.
  target = addFixtureDoc(store, cb.version, {
    id: 'target', date: '2004-06-01', side: 'tokyo', lang: 'en', source: 'Asahi',
    sentences: [{ text: 'Japan cannot say no to Washington.', voice: 'author' }, { text: 'The talks ended.', voice: 'author' }],
  });
  app = createApp({ store, webRoot, bodyLimit: 4096 });
});

afterAll(() => store.close());

const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  Promise.resolve(app.request('/api/review', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }));

describe('dashboard API', () => {
  it('overview is the JSON of the report for the same filters', async () => {
    for (const [qs, q] of [
      ['', {}],
      ['?from=2003&to=2004-06&docSide=tokyo,washington', { from: '2003', to: '2004-06', docSide: ['tokyo', 'washington'] }],
      ['?lang=ja&by=year&reps=200&seed=5', { lang: ['ja'], by: 'year', reps: 200, seed: 5 }],
      ['?source=Asahi,NYT&authorAsSide=1', { source: ['Asahi', 'NYT'], authorAsSide: true }],
    ] as Array<[string, MeasureQuery]>) {
      const res = await app.request(`/api/overview${qs}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toBe(renderReport(measureFor(store, cb, q), 'json'));
      const json = JSON.parse(text) as { documents: number; codes: Record<string, unknown> };
      expect(json.documents).toBeGreaterThan(0);
      expect(Object.keys(json.codes)).toEqual(cb.codes.map((c) => c.id));
    }
  });

  it('filters change the figures', async () => {
    const all = (await (await app.request('/api/overview')).json()) as { documents: number };
    const ja = (await (await app.request('/api/overview?lang=ja')).json()) as { documents: number };
    expect(ja.documents).toBeGreaterThan(0);
    expect(ja.documents).toBeLessThan(all.documents);
  });

  it('one error shape: bad filters, unknown routes, unknown documents', async () => {
    for (const [path, status] of [['/api/overview?from=yesterday', 400], ['/api/overview?by=decade', 400], ['/api/nothing', 404], ['/api/documents/999999', 404], ['/api/trend?code=nope', 400], ['/api/evidence?period=Q5', 400], ['/nothing.js', 404]] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.ok).toBe(false);
      expect(body.status).toBe(status);
      expect(typeof body.error).toBe('string');
      expect(Array.isArray(body.errors)).toBe(true);
    }
  });

  it('trend has one period per year with the code', async () => {
    const res = await app.request('/api/trend?code=autonomy&by=year');
    const body = (await res.json()) as { measurement: { periods: Array<{ period: string; codes: Record<string, unknown> }> } };
    expect(body.measurement.periods.map((p) => p.period)).toEqual(['2001', '2002', '2003', '2004', '2005', '2006']);
    expect(body.measurement.periods[0]?.codes.autonomy).toBeDefined();
  });

  it('evidence lists sentences raising the code in the voice, within the period', async () => {
    const res = await app.request('/api/evidence?code=abandonment&voice=tokyo&period=2003&limit=50');
    const body = (await res.json()) as { rows: Array<{ code: string; voice: string; date: string; negated: boolean; text: string; evidence: { start: number; end: number } }> };
    expect(body.rows.length).toBeGreaterThan(0);
    for (const r of body.rows) {
      expect(r.code).toBe('abandonment');
      expect(r.voice).toBe('tokyo');
      expect(r.negated).toBe(false);
      expect(r.date.startsWith('2003')).toBe(true);
      expect(r.text.slice(r.evidence.start, r.evidence.end).length).toBeGreaterThan(0);
    }
  });

  it('document view gives the text and every sentence with its decision', async () => {
    const body = (await (await app.request(`/api/documents/${target}`)).json()) as { document: { text: string }; sentences: Array<{ text: string; decision?: { voice: { voice: string } } }> };
    expect(body.document.text).toContain('cannot say no');
    expect(body.sentences).toHaveLength(2);
    expect(body.sentences[0]?.decision?.voice.voice).toBe('author');
  });

  it('a review is stored apart and human=1 counts it', async () => {
    const before = (await (await app.request('/api/overview?human=1')).json()) as { codes: Record<string, Record<string, { raised: number }>>; voices: Record<string, { sentences: number }> };
    const res = await post({ docId: target, sentence: 0, reviewer: 'ann', voice: 'tokyo', codes: ['autonomy'], negated: [], tone: 'negative' });
    expect(res.status).toBe(201);
    const after = (await (await app.request('/api/overview?human=1')).json()) as typeof before;
    expect(after.codes.autonomy?.tokyo?.raised).toBe((before.codes.autonomy?.tokyo?.raised ?? 0) + 1);
    expect(after.voices.tokyo?.sentences).toBe((before.voices.tokyo?.sentences ?? 0) + 1);
    expect(after.voices.author?.sentences).toBe((before.voices.author?.sentences ?? 0) - 1);
    // The machine's figures and decision are unchanged.
    const machine = (await (await app.request('/api/overview')).json()) as typeof before;
    expect(machine.codes.autonomy?.tokyo?.raised).toBe(before.codes.autonomy?.tokyo?.raised);
    const doc = (await (await app.request(`/api/documents/${target}`)).json()) as { sentences: Array<{ decision?: { voice: { voice: string } } }>; reviews: Array<{ reviewer: string; at: string }> };
    expect(doc.sentences[0]?.decision?.voice.voice).toBe('author');
    expect(doc.reviews[0]?.reviewer).toBe('ann');
    expect(Date.parse(doc.reviews[0]?.at ?? '')).not.toBeNaN();
    // Reliability now has one unit where the machine missed the voice and the code.
    const rel = (await (await app.request('/api/reliability')).json()) as { reliability: { units: number; voice: { accuracy: number }; codes: Record<string, { fn: number }> } };
    expect(rel.reliability.units).toBe(1);
    expect(rel.reliability.voice.accuracy).toBe(0);
    expect(rel.reliability.codes.autonomy?.fn).toBe(1);
  });

  it('answers are recomputed when another connection changes the store', async () => {
    const first = (await (await app.request('/api/overview?lang=en')).json()) as { documents: number };
    const other = Store.open(join(dir, 'fixture.db'));
    try {
      addFixtureDoc(other, cb.version, { id: 'late', date: '2005-01-01', side: 'washington', lang: 'en', sentences: [{ text: 'U.S. officials said the talks went well.', voice: 'washington', cue: 'U.S. officials said' }] });
    } finally {
      other.close();
    }
    const second = (await (await app.request('/api/overview?lang=en')).json()) as { documents: number };
    expect(second.documents).toBe(first.documents + 1);
  });

  it('the review queue is stratified by code and side and skips reviewed sentences', async () => {
    const body = (await (await app.request('/api/queue?per=1')).json()) as { items: Array<{ stratum: { code: string; voice: string }; code: string; voice: string; docId: number; sentence: number }> };
    expect(body.items.length).toBeGreaterThan(cb.codes.length);
    const strata = new Set(body.items.map((i) => `${i.stratum.code}/${i.stratum.voice}`));
    expect(strata.size).toBe(body.items.length);
    for (const i of body.items) {
      expect(i.code).toBe(i.stratum.code);
      expect(i.voice).toBe(i.stratum.voice);
    }
  });

  it('rejects invalid, cross-origin, oversized and non-JSON review writes', async () => {
    const good = { docId: target, sentence: 1, reviewer: 'bob', voice: 'author', codes: [], negated: [], tone: 'neutral' };
    expect((await post(good, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(good, { origin: 'http://evil.example', 'sec-fetch-site': '' })).status).toBe(403);
    expect((await post({ ...good, voice: 'martians' })).status).toBe(400);
    expect((await post({ ...good, codes: ['autonomy'], negated: ['autonomy'] })).status).toBe(400);
    expect((await post({ ...good, sentence: 99 })).status).toBe(404);
    expect((await post('{not json')).status).toBe(400);
    const big = await post({ ...good, reviewer: 'x'.repeat(10_000) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { ok: boolean }).ok).toBe(false);
    expect((await post(good, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(good)).status).toBe(201);
  });

  it('serves the built front end and nothing outside it', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await app.request('/assets/app.js')).headers.get('content-type')).toContain('javascript');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00x']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
  });
});

describe('dashboard API: outside series', () => {
  /** A monthly series 2001-2006 with 2004 missing and a made-up rising trend, written here. */
  const seriesFile = (): string => {
    const file = join(dir, 'poll.csv');
    const lines = ['ym,like,note'];
    for (let y = 2001; y <= 2006; y++) for (let m = 1; m <= 12; m++) if (y !== 2004) lines.push(`${y}${String(m).padStart(2, '0')},${(40 + (y - 2000) * 2 + (m % 3)).toFixed(1)},世論`);
    writeFileSync(file, Buffer.from(new TextEncoder().encode(lines.join('\n') + '\n')));
    return file;
  };
  const withOverlay = (): ReturnType<typeof createApp> => {
    const loaded = seriesFromFlags({ overlay: seriesFile(), overlayColumn: 'like', overlayDate: 'ym', overlayLabel: 'Like the U.S. <poll>' });
    if (!loaded.series || !loaded.info) throw new Error(`series not loaded: ${loaded.messages.map((m) => m.reason).join('; ')}`);
    return createApp({ store, webRoot, overlay: { series: loaded.series, info: loaded.info } });
  };

  async function cliJson(argv: string[]): Promise<Record<string, unknown>> {
    const { code, out, err } = await runCli(argv);
    expect(code, err).toBe(0);
    return JSON.parse(out) as Record<string, unknown>;
  }

  it('overlay equals the overlay of `report --format json` for the same filters, lag and codes', async () => {
    const ov = withOverlay();
    const file = join(dir, 'poll.csv');
    for (const [qs, extra] of [
      ['code=autonomy,abandonment&by=year', ['--by', 'year', '--overlay-code', 'autonomy,abandonment']],
      ['code=abandonment&by=quarter&lag=1&from=2002&docSide=tokyo&voice=tokyo', ['--by', 'quarter', '--lag', '1', '--from', '2002', '--doc-side', 'tokyo', '--overlay-code', 'abandonment', '--overlay-voice', 'tokyo']],
    ] as Array<[string, string[]]>) {
      const res = await ov.request(`/api/overlay?${qs}`);
      expect(res.status).toBe(200);
      const api = (await res.json()) as OverlayResponse;
      const cli = await cliJson(['report', '--db', join(dir, 'fixture.db'), '--format', 'json', '--reps', '20', '--overlay', file, '--overlay-column', 'like', '--overlay-date', 'ym', '--overlay-label', 'Like the U.S. <poll>', ...extra]);
      expect(api.overlay).toEqual(cli.overlay);
      expect(api.overlay.length).toBe(extra.includes('autonomy,abandonment') ? 2 : 1);
    }
  });

  it('report --format html draws the dashboard\'s overlay chart, self-contained', async () => {
    const file = join(dir, 'poll.csv');
    const out = join(dir, 'overlay.html');
    const code = await run(['report', '--db', join(dir, 'fixture.db'), '--format', 'html', '--output', out, '--reps', '20', '--by', 'year', '--overlay', file, '--overlay-column', 'like', '--overlay-date', 'ym', '--overlay-label', 'Like the U.S. <poll>', '--overlay-code', 'abandonment'], { stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from(['']) });
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const section = html.slice(html.indexOf('<section id="overlay">'));
    expect(section).toContain('outside_series_marks');
    expect(section).toContain('overlay_share_marks');
    expect(section).toContain('Like the U.S. &lt;poll&gt;');
    expect(section).not.toContain('<poll>');
    expect(html).not.toMatch(/<script|src="http|href="http/i);
  });

  it('keeps missing periods as gaps, names the series and correlates the known periods', async () => {
    const ov = withOverlay();
    const body = (await (await ov.request('/api/overlay?code=abandonment&by=year')).json()) as OverlayResponse;
    const r = body.overlay[0];
    expect(r?.label).toBe('Like the U.S. <poll>');
    expect(r?.rows.map((x) => x.period)).toEqual(['2001', '2002', '2003', '2004', '2005', '2006']);
    expect(r?.rows.find((x) => x.period === '2004')?.value).toBeNull();
    expect(r?.rows.filter((x) => x.value !== null)).toHaveLength(5);
    // Yearly values are the mean of that year's months.
    const months = [...Array(12).keys()].map((m) => 40 + 2 * 2 + ((m + 1) % 3));
    expect(r?.rows.find((x) => x.period === '2002')?.value).toBeCloseTo(months.reduce((a, b) => a + b, 0) / 12, 10);
    expect(r?.spearman.n).toBe(5);
    const meta = (await (await ov.request('/api/meta')).json()) as MetaResponse;
    expect(meta.overlay).toMatchObject({ label: 'Like the U.S. <poll>', column: 'like', resolution: 'month', points: 60, first: '2001-01', last: '2006-12' });
  });

  it('takes a CP932 series uploaded from the page, same-origin only, and uses it at once', async () => {
    const fresh = createApp({ store, webRoot, uploadLimit: 4096 });
    // Columns with Japanese names, encoded CP932: the server detects the encoding.
    const csv = '年月,好き\n2001,10\n2002,20\n2003,30\n2005,50\n2006,60\n';
    const body = { data: sjisEncoder()(csv).toString('base64'), name: 'poll.sjis.csv', column: '好き', date: '年月', label: '好き <upload>' };
    const send = (b: unknown, headers: Record<string, string> = {}): Promise<Response> => Promise.resolve(fresh.request('/api/overlay', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers }, body: JSON.stringify(b),
    }));
    expect((await send(body, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send({ ...body, data: 'not base64!' })).status).toBe(400);
    const wrong = await send({ ...body, column: 'like' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toContain('"年月", "好き"');
    expect((await send({ ...body, data: Buffer.alloc(5000, 65).toString('base64') })).status).toBe(413);
    expect((await fresh.request('/api/overlay?code=abandonment')).status).toBe(404);
    const ok = await send(body);
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { overlay: { label: string; points: number; file: string } }).overlay).toMatchObject({ label: '好き <upload>', points: 5, file: 'poll.sjis.csv (uploaded)' });
    const got = (await (await fresh.request('/api/overlay?code=abandonment&by=year')).json()) as OverlayResponse;
    expect(got.overlay[0]?.rows.map((r) => r.value)).toEqual([10, 20, 30, null, 50, 60]);
    expect(((await (await fresh.request('/api/meta')).json()) as MetaResponse).overlay?.label).toBe('好き <upload>');
    // A second upload replaces the first, and cached answers follow it.
    await send({ ...body, data: sjisEncoder()(csv.replace('2001,10', '2001,99')).toString('base64') });
    const again = (await (await fresh.request('/api/overlay?code=abandonment&by=year')).json()) as OverlayResponse;
    expect(again.overlay[0]?.rows[0]?.value).toBe(99);
  });

  it('answers in the one error shape without a series, or for a bad code, lag or voice', async () => {
    const none = await app.request('/api/overlay?code=autonomy');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: string }).error).toMatch(/--overlay/);
    expect(((await (await app.request('/api/meta')).json()) as MetaResponse).overlay).toBeNull();
    const ov = withOverlay();
    for (const qs of ['code=nope', 'code=autonomy&lag=x', 'code=autonomy&lag=1.5', 'code=autonomy&voice=martians', 'code=autonomy&by=decade']) {
      const res = await ov.request(`/api/overlay?${qs}`);
      expect(res.status, qs).toBe(400);
      const b = (await res.json()) as { ok: boolean; errors: unknown[] };
      expect(b.ok).toBe(false);
      expect(Array.isArray(b.errors)).toBe(true);
    }
  });
});

describe('startServer', () => {
  it('binds loopback, refuses foreign Host headers, warns for other hosts', async () => {
    const s = await startServer({ db: join(dir, 'fixture.db'), port: 0, webRoot });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(s.warning).toBeUndefined();
      expect((await fetch(`${s.url}api/meta`)).status).toBe(200);
      // fetch cannot forge Host; a raw request can, as a DNS-rebinding page would.
      const status = await new Promise<number>((done, reject) => {
        const req = request({ host: '127.0.0.1', port: s.port, path: '/api/meta', headers: { host: `evil.example:${s.port}` } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await s.close();
    }
    const wide = await startServer({ db: join(dir, 'fixture.db'), port: 0, host: '0.0.0.0', webRoot });
    try {
      expect(wide.warning).toMatch(/anyone/);
    } finally {
      await wide.close();
    }
  });
});

describe('HTML report charts', () => {
  it('inlines the shared Vega-Lite charts as SVG, self-contained', async () => {
    const m = measureFor(store, cb, { by: 'year', reps: 200 });
    const html = await renderReportAsync(m, 'html', { evidence: (code, voice) => store.evidence({ codebook: cb.version, code, voice, negated: false, limit: 2 }) });
    const svgs = html.match(/<svg xmlns/g) ?? [];
    // The overview chart plus trend charts for codes that are raised.
    expect(svgs.length).toBeGreaterThan(1);
    expect(html).toContain('share of sentences raising the code');
    for (const c of cb.codes) expect(html).toContain(`>${c.id}</text>`);
    expect(html).not.toMatch(/<script|src="http|href="http|@import|url\(http/i);
    // The sync renderer (no charts) still works and differs only by the figures.
    const plain = renderReport(m, 'html');
    expect(plain).not.toContain('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink');
  });
});

describe('registerServe', () => {
  it('adds `serve` with its options and reports a missing store through fail()', async () => {
    const { Command } = await import('commander');
    const { registerServe } = await import('../src/server/command.js');
    const program = new Command().exitOverride();
    const lines: string[] = [];
    const io = { stdout: { write: (s: string) => lines.push(s) }, stderr: { write: (s: string) => lines.push(s) } } as unknown as Parameters<typeof registerServe>[1];
    registerServe(program, io, (msg) => {
      throw new Error(`user: ${msg}`);
    });
    const serve = program.commands.find((c) => c.name() === 'serve');
    expect(serve?.options.map((o) => o.long)).toEqual(['--db', '--port', '--host', '--overlay', '--overlay-column', '--overlay-date', '--overlay-label']);
    await expect(program.parseAsync(['serve', '--db', join(dir, 'missing.db')], { from: 'user' })).rejects.toThrow(/user: store .*no such file/);
    await expect(program.parseAsync(['serve', '--db', join(dir, 'fixture.db'), '--port', 'x'], { from: 'user' })).rejects.toThrow(/user: --port/);
    await expect(program.parseAsync(['serve', '--db', join(dir, 'fixture.db'), '--overlay', join(dir, 'missing.csv'), '--overlay-column', 'v'], { from: 'user' })).rejects.toThrow(/user: cannot read the series .*no such file/);
    await expect(program.parseAsync(['serve', '--db', join(dir, 'fixture.db'), '--overlay', join(dir, 'poll.csv')], { from: 'user' })).rejects.toThrow(/user: .*--overlay-column/);
  });
});
