// Coder-only throughput: read, clean and segment a JSONL corpus once (untimed), then time `decide`
// over every document, per language, in CPU time (process.cpuUsage: steadier than wall time on a
// shared machine). Build first (npx tsc -p tsconfig.build.json).
// Usage: node scripts/coder-speed.mjs CORPUS.jsonl [--rounds 3] [--root DIR] [--scan]
//   --root DIR  time the build in DIR/dist instead of this checkout's (a worktree of another commit):
//               run old and new alternately, a few times, and compare the best rounds
//   --scan      time the codebook matcher alone (matcher.scan on each normalised sentence)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, root: { type: 'string' }, scan: { type: 'boolean', default: false } },
});
const file = positionals[0] ?? '/tmp/c4k.jsonl';
const rounds = Number(values.rounds);
const root = resolve(values.root ?? new URL('..', import.meta.url).pathname);
const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
const { builtinCodebook } = await dist('codebook/index.js');
const { normalize } = await dist('codebook/matcher.js');
const { decide } = await dist('coder/index.js');
const { clean } = await dist('clean.js');
const { readInputs } = await dist('read/index.js');
const { segment } = await dist('segment.js');

const cb = builtinCodebook();
const docs = [];
for await (const item of readInputs([file])) {
  if (!('meta' in item)) continue;
  clean(item);
  segment(item);
  const units = item.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph }));
  const bytes = Buffer.byteLength(item.text, 'utf8');
  const norms = values.scan ? units.map((u) => normalize(u.text).text) : [];
  docs.push({ lang: item.meta.lang === 'ja' ? 'ja' : 'en', ctx: { docSide: item.meta.side, lang: item.meta.lang, title: item.meta.title }, units, norms, bytes });
}
const work = values.scan ? (d) => d.norms.forEach((n) => cb.matcher.scan(n)) : (d) => decide(d.units, d.ctx, cb);
const cpuMs = (t) => (t.user + t.system) / 1e3;
for (const lang of ['en', 'ja', 'all']) {
  const set = docs.filter((d) => lang === 'all' || d.lang === lang);
  if (set.length === 0) continue;
  const bytes = set.reduce((a, d) => a + d.bytes, 0);
  const sentences = set.reduce((a, d) => a + d.units.length, 0);
  for (const d of set) work(d); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (const d of set) work(d);
    best = Math.min(best, cpuMs(process.cpuUsage(t0)));
  }
  console.log(`${lang}: ${values.scan ? 'scan' : 'decide'}, ${set.length} docs, ${sentences} sentences, ${(bytes / 1e6).toFixed(2)} MB, best of ${rounds}: ${best.toFixed(0)} CPU ms = ${(bytes / 1e6 / (best / 1000)).toFixed(2)} MB/s (${root})`);
}
