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
].join('\n'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error' });
const { buildFixtureStore, createApp, Store, builtinCodebook } = await import(`../${bundle}`);
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
const app = createApp({ store });

async function time(label, path, runs = 5) {
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
  console.log(`${label.padEnd(38)} cold ${cold.toFixed(0)} ms · warm median ${warm[Math.floor(warm.length / 2)].toFixed(1)} ms · ${bytes} bytes`);
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
store.close();
