// Coder-only throughput: read, clean and segment a JSONL corpus once (untimed), then time `decide`
// over every document, per language. Build first (npx tsc -p tsconfig.build.json).
// Usage: node scripts/coder-speed.mjs /tmp/c4k.jsonl [--rounds 3]
import { builtinCodebook } from '../dist/codebook/index.js';
import { decide } from '../dist/coder/index.js';
import { clean } from '../dist/clean.js';
import { readInputs } from '../dist/read/index.js';
import { segment } from '../dist/segment.js';

const file = process.argv[2] ?? '/tmp/c4k.jsonl';
const ri = process.argv.indexOf('--rounds');
const rounds = ri > 0 ? Number(process.argv[ri + 1]) : 3;
const cb = builtinCodebook();
const docs = [];
for await (const item of readInputs([file])) {
  if (!('meta' in item)) continue;
  clean(item);
  segment(item);
  const units = item.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph }));
  const bytes = Buffer.byteLength(item.text, 'utf8');
  docs.push({ lang: item.meta.lang === 'ja' ? 'ja' : 'en', ctx: { docSide: item.meta.side, lang: item.meta.lang, title: item.meta.title }, units, bytes });
}
for (const lang of ['en', 'ja', 'all']) {
  const set = docs.filter((d) => lang === 'all' || d.lang === lang);
  if (set.length === 0) continue;
  const bytes = set.reduce((a, d) => a + d.bytes, 0);
  const sentences = set.reduce((a, d) => a + d.units.length, 0);
  for (const d of set) decide(d.units, d.ctx, cb); // warm-up
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const d of set) decide(d.units, d.ctx, cb);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`${lang}: ${set.length} docs, ${sentences} sentences, ${(bytes / 1e6).toFixed(2)} MB, best of ${rounds}: ${best.toFixed(0)} ms = ${(bytes / 1e6 / (best / 1000)).toFixed(2)} MB/s`);
}
