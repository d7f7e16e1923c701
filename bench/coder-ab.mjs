// In-process, interleaved A/B of the coder's `decide` between builds (each a checkout with its dist/ built):
// reads, cleans and segments the corpus once, then alternates one pass of every build per language, in CPU time,
// for --rounds rounds (the order reversed every other round), and prints the minimum and the median per build.
// In one process every build meets the same load, so on a shared machine this is far steadier than runs taken
// one after another. Decisions are not compared here: check them with test/coder-equivalence.test.ts.
// Usage: node bench/coder-ab.mjs CORPUS.jsonl [--rounds 10] DIR[:PARTS] DIR[:PARTS] ...
//   PARTS: learned parts switched off in that build, joined by '+': model (all of them), tone, voice, denial
//   e.g. node bench/coder-ab.mjs bench/out/corpus-4000.jsonl /tmp/base . .:model
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '10' } } });
const [file, ...specs] = positionals;
if (!file || specs.length === 0) {
  console.error('usage: node bench/coder-ab.mjs CORPUS.jsonl [--rounds N] DIR[:PARTS] ...');
  process.exit(2);
}
const rounds = Number(values.rounds);
const load = (root, p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
const builds = [];
for (const spec of specs) {
  const [root, parts = ''] = spec.split(':');
  const { builtinCodebook } = await load(root, 'codebook/index.js');
  const { decide } = await load(root, 'coder/index.js');
  const cb = builtinCodebook();
  const off = parts.split('+').filter(Boolean);
  // A build's learned parts switched off: the model, or some of its parts.
  const model = off.includes('model') || !cb.model ? undefined : { ...cb.model, ...Object.fromEntries(off.map((k) => [k, undefined])) };
  builds.push({ name: spec, cb: { ...cb, model }, decide, t: { en: [], ja: [] } });
}
const first = specs[0].split(':')[0];
const { clean } = await load(first, 'clean.js');
const { readInputs } = await load(first, 'read/index.js');
const { segment } = await load(first, 'segment.js');
const docs = { en: [], ja: [] };
const bytes = { en: 0, ja: 0 };
for await (const item of readInputs([file])) {
  if (!('meta' in item)) continue;
  clean(item);
  segment(item);
  const lang = item.meta.lang === 'ja' ? 'ja' : 'en';
  bytes[lang] += Buffer.byteLength(item.text, 'utf8');
  docs[lang].push({ units: item.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph })), ctx: { docSide: item.meta.side, lang: item.meta.lang, title: item.meta.title } });
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
const pass = (b, lang) => {
  for (const d of docs[lang]) b.decide(d.units, d.ctx, b.cb);
};
for (const b of builds) for (const lang of ['en', 'ja']) pass(b, lang); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const b of r % 2 === 1 ? [...builds].reverse() : builds) {
    for (const lang of ['en', 'ja']) {
      const t0 = cpuMs();
      pass(b, lang);
      b.t[lang].push(cpuMs() - t0);
    }
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const min = (a) => Math.min(...a);
console.log(`${docs.en.length} en docs (${(bytes.en / 1e6).toFixed(2)} MB), ${docs.ja.length} ja docs (${(bytes.ja / 1e6).toFixed(2)} MB), ${rounds} rounds, CPU ms of decide (min / median)`);
for (const b of builds) {
  const cols = ['en', 'ja'].map((l) => `${l} ${min(b.t[l]).toFixed(0)} / ${median(b.t[l]).toFixed(0)}`);
  console.log(`${b.name.padEnd(30)} ${cols.join('   ')}   all ${(min(b.t.en) + min(b.t.ja)).toFixed(0)} / ${(median(b.t.en) + median(b.t.ja)).toFixed(0)}`);
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
