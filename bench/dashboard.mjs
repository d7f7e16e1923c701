// Dashboard benchmark: time every API route the dashboard page calls (cold, then cached) on a store of 100,000
// documents built by the test fixture helper (seeded). Usage: node bench/dashboard.mjs [documents]
// The TypeScript sources are bundled on the fly with esbuild (shipped with vite); the store is
// kept in bench/out/ and reused while its size matches.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

// Usage: node bench/dashboard.mjs [documents] [--work-dir DIR] (the store's directory, default bench/out).
const args = process.argv.slice(2);
const wd = args.indexOf('--work-dir');
const workDir = wd >= 0 ? args[wd + 1] : 'bench/out';
if (!workDir) throw new Error('bench/dashboard: --work-dir needs a directory');
const documents = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--work-dir') ?? 100_000);
const out = 'bench/out';
mkdirSync(out, { recursive: true });
mkdirSync(workDir, { recursive: true });
const entry = join(out, `dashboard-entry-${process.pid}.ts`); // one per run: two runs may overlap
const bundle = join(out, `dashboard-bundle-${process.pid}.mjs`);
const { writeFileSync } = await import('node:fs');
writeFileSync(entry, [
  "export { buildFixtureStore } from '../../test/helpers/fixture-store.ts';",
  "export { createApp } from '../../src/server/app.ts';",
  "export { Store } from '../../src/store/index.ts';",
  "export { builtinCodebook } from '../../src/codebook/index.ts';",
  "export { storeCodebookInfos } from '../../src/query.ts';",
  "export { startServer } from '../../src/server/index.ts';",
  "export { parseSeries, seriesInfo } from '../../src/overlay.ts';",
].join('\n'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error' });
const { buildFixtureStore, createApp, Store, builtinCodebook, storeCodebookInfos, startServer, parseSeries, seriesInfo } = await import(`../${bundle}`);
// Generated code must not stay where `eslint .` would read it.
rmSync(bundle, { force: true });
rmSync(entry, { force: true });

const cb = builtinCodebook();
const db = join(workDir, `dashboard-${documents}.db`);
let store = existsSync(db) ? Store.open(db) : undefined;
if (store && store.stats().documents !== documents) {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  store = undefined;
}
if (!store) {
  store = Store.open(db);
  const t = performance.now();
  const r = buildFixtureStore(store, cb, { documents, seed: 42 });
  console.log(`built ${r.documents} documents, ${r.sentences} sentences in ${((performance.now() - t) / 1000).toFixed(1)} s → ${db}`);
}
const stats = store.stats();
console.log(`store: ${stats.documents} documents, ${stats.sentences} sentences`);
{
  // The first read of the count table on a fresh connection (what an overview pays once per data version).
  const other = Store.open(db);
  const latest = other.codebooks().at(-1);
  const t = performance.now();
  const table = other.countTable({ codebook: latest.version });
  console.log(`count table, first read: ${(performance.now() - t).toFixed(0)} ms (${table.docIds.length} documents, ${table.quads.length / 4} counts)`);
  other.close();
}
{
  // `serve` start-up: the count table and the first page's answers are computed before it answers.
  const t = performance.now();
  const running = await startServer({ db, port: 0 });
  console.log(`serve start-up: ${(performance.now() - t).toFixed(0)} ms (warmed ${running.warmed?.documents ?? 0} documents in ${(running.warmed?.ms ?? 0).toFixed(0)} ms)`);
  await running.close();
}
// A monthly outside series over the fixture's years, so the overlay route is measured too.
const csv = ['date,value', ...Array.from({ length: 96 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${(i * 37) % 100}`)].join('\n');
const loaded = parseSeries(Buffer.from(csv), { column: 'value', label: 'poll' }, 'poll.csv');
const overlay = { series: loaded.series, info: seriesInfo(loaded.series, 'value', 'poll.csv') };
// The app as `serve` builds it (codebooks read for their names), without the warm-up, so cold figures stay cold.
const app = createApp({ store, codebook: storeCodebookInfos(store), overlay });
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
async function time(label, path, runs = 11) {
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await app.request(path);
    const body = await res.text();
    ms.push(performance.now() - t);
    bytes = body.length;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
  }
  // The first request computes; the next ones are answered from the server's cache (store unchanged).
  const cold = ms[0];
  const warm = ms.slice(1).sort((a, b) => a - b);
  console.log(`${label.padEnd(38)} cold ${cold.toFixed(0).padStart(5)} ms · warm p50 ${pct(warm, 0.5).toFixed(1)} p95 ${pct(warm, 0.95).toFixed(1)} ms · ${bytes} bytes`);
  return cold;
}

// Cold figures for several filters, so p50/p95 of uncached answers are seen too (an unknown parameter
// makes a new cache key: the answer is computed, on the same app).
let bust = 0;
async function coldSpread(label, paths) {
  const ms = [];
  let worst = '';
  for (const p of paths) {
    const t = performance.now();
    const res = await app.request(`${p}${p.includes('?') ? '&' : '?'}_cold=${++bust}`);
    await res.text();
    const took = performance.now() - t;
    if (took > Math.max(0, ...ms)) worst = p;
    ms.push(took);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(38)} cold over ${ms.length} filters: p50 ${pct(ms, 0.5).toFixed(0)} ms · p95 ${pct(ms, 0.95).toFixed(0)} ms · max ${ms.at(-1).toFixed(0)} ms (${worst})`);
}

await time('overview (all, 2000 reps)', '/api/overview');
await time('overview ?lang=ja', '/api/overview?lang=ja');
await time('overview ?from=2003&to=2004', '/api/overview?from=2003&to=2004');
await time('overview ?human=1', '/api/overview?human=1');
await time('overview ?by=year', '/api/overview?by=year', 3);
await time('trend ?code=abandonment&by=quarter', '/api/trend?code=abandonment&by=quarter', 3);
await time('evidence ?code=abandonment&voice=tokyo', '/api/evidence?code=abandonment&voice=tokyo');
await time('queue ?per=2', '/api/queue?per=2', 3);
await time('meta', '/api/meta');
const years = ['2001', '2002', '2003', '2004', '2005', '2006'];
await coldSpread('overview, cold, by filter', [
  '/api/overview', '/api/overview?lang=en', '/api/overview?lang=ja', '/api/overview?docSide=tokyo', '/api/overview?docSide=washington',
  ...years.map((y) => `/api/overview?from=${y}&to=${y}`), '/api/overview?source=Asahi', '/api/overview?source=NYT,Yomiuri', '/api/overview?from=2003-04&to=2004-09-15',
  '/api/overview?human=1', '/api/overview?authorAsSide=1', '/api/overview?lang=ja&docSide=tokyo', '/api/overview?from=2005',
]);
await coldSpread('trend, cold, by code', cb.codes.map((k) => `/api/trend?code=${k.id}&by=quarter`));
await coldSpread('evidence, cold, by code and voice', cb.codes.flatMap((k) => ['tokyo', 'washington'].map((v) => `/api/evidence?code=${k.id}&voice=${v}`)));

// Every route the dashboard page calls, cold, over its filters × the trend granularity it offers
// (the page sends `by` with every filtered call): the worst routes decide whether it is interactive.
const filters = ['', 'lang=en', 'lang=ja', 'docSide=tokyo', 'from=2003&to=2004', 'source=Asahi', 'human=1', 'authorAsSide=1', 'lang=en&docSide=washington'];
const bys = ['', 'by=year', 'by=quarter', 'by=month'];
const join2 = (...parts) => parts.filter(Boolean).join('&');
const codes = cb.codes.map((k) => k.id);
const firstDoc = store.evidence({ codebook: store.codebooks().at(-1).version, code: codes[0], voice: 'tokyo', negated: false, limit: 1 })[0]?.docId ?? 1;
const matrix = [];
for (const f of filters) for (const by of bys) matrix.push(['overview', `/api/overview?${join2(f, by)}`]);
for (const f of filters) for (const by of ['by=year', 'by=quarter', 'by=month']) matrix.push(['trend', `/api/trend?${join2(f, by, `code=${codes[(matrix.length) % codes.length]}`)}`]);
for (const f of filters.slice(0, 4)) for (const by of ['by=year', 'by=quarter', 'by=month']) matrix.push(['overlay', `/api/overlay?${join2(f, by, `code=${codes[(matrix.length) % codes.length]}`)}`]);
for (const f of filters) for (const v of ['tokyo', 'washington']) matrix.push(['evidence', `/api/evidence?${join2(f, `code=${codes[(matrix.length) % codes.length]}`, `voice=${v}`, 'limit=50')}`]);
for (const p of ['2003', '2004-Q2', '2005-07']) matrix.push(['evidence', `/api/evidence?code=${codes[1]}&voice=tokyo&period=${p}&limit=50`]);
for (const f of filters.slice(0, 5)) matrix.push(['queue', `/api/queue?${join2(f, 'per=1')}`]);
for (const f of ['', 'lang=ja']) matrix.push(['documents', `/api/documents/${firstDoc + (f ? 1 : 0)}?${f}`]);
matrix.push(['reliability', '/api/reliability'], ['meta', '/api/meta']);
const rows = [];
for (const [route, path] of matrix) {
  const t = performance.now();
  const c0 = cpuMs();
  const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}_cold=${++bust}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
  rows.push({ route, path, ms: performance.now() - t, cpu: cpuMs() - c0 });
}
console.log(`\nevery dashboard route, cold (load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}):`);
console.log(`${'route'.padEnd(12)} ${'n'.padStart(3)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)} ${'cpu p95'.padStart(8)}  worst`);
for (const route of [...new Set(rows.map((r) => r.route))]) {
  const of = rows.filter((r) => r.route === route);
  const ms = of.map((r) => r.ms).sort((a, b) => a - b);
  const cpu = of.map((r) => r.cpu).sort((a, b) => a - b);
  const worst = of.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(`${route.padEnd(12)} ${String(of.length).padStart(3)} ${pct(ms, 0.5).toFixed(0).padStart(6)} ${pct(ms, 0.95).toFixed(0).padStart(6)} ${ms.at(-1).toFixed(0).padStart(6)} ${pct(cpu, 0.95).toFixed(0).padStart(8)}  ${worst.path}`);
}
const all = rows.map((r) => r.ms).sort((a, b) => a - b);
console.log(`${'all'.padEnd(12)} ${String(rows.length).padStart(3)} ${pct(all, 0.5).toFixed(0).padStart(6)} ${pct(all, 0.95).toFixed(0).padStart(6)} ${all.at(-1).toFixed(0).padStart(6)}`);
console.log('\nworst requests (ms wall, ms CPU):');
for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`  ${r.ms.toFixed(0).padStart(6)} ${r.cpu.toFixed(0).padStart(6)}  ${r.path}`);
const over = rows.filter((r) => r.ms > 150).length;
console.log(`${over} of ${rows.length} requests over 150 ms`);
store.close();
