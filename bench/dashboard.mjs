// Dashboard benchmark: time the overview API (cold, then cached) (and its neighbours) on a store of 100,000
// documents built by the test fixture helper (seeded). Usage: node bench/dashboard.mjs [documents]
// The TypeScript sources are bundled on the fly with esbuild (shipped with vite); the store is
// kept in bench/out/ and reused while its size matches.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const documents = Number(process.argv[2] ?? 100_000);
const out = 'bench/out';
mkdirSync(out, { recursive: true });
const entry = join(out, 'dashboard-entry.ts');
const bundle = join(out, 'dashboard-bundle.mjs');
const { writeFileSync } = await import('node:fs');
writeFileSync(entry, [
  "export { buildFixtureStore } from '../../test/helpers/fixture-store.ts';",
  "export { createApp } from '../../src/server/app.ts';",
  "export { Store } from '../../src/store/index.ts';",
  "export { builtinCodebook } from '../../src/codebook/index.ts';",
  "export { storeCodebookInfos } from '../../src/query.ts';",
  "export { startServer } from '../../src/server/index.ts';",
].join('\n'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error' });
const { buildFixtureStore, createApp, Store, builtinCodebook, storeCodebookInfos, startServer } = await import(`../${bundle}`);
// Generated code must not stay where `eslint .` would read it.
rmSync(bundle, { force: true });
rmSync(entry, { force: true });

const cb = builtinCodebook();
const db = join(out, `dashboard-${documents}.db`);
let store = existsSync(db) ? Store.open(db) : undefined;
if (store && store.stats().documents !== documents) {
  store.close();
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
// The app as `serve` builds it (codebooks read for their names), without the warm-up, so cold figures stay cold.
const app = createApp({ store, codebook: storeCodebookInfos(store) });

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
store.close();
