// Phrase miner for the English code and negation rules (round 12): labels every English training unit with the rules alone,
// then lists the word n-grams (2-5 words, light stemming, or a head and a tail around a gap of 1-3 words) that mark the units
// a code's rules miss, with their precision over every training unit that holds them. Candidates to read against LABELS.md
// (rules 6-13) and the units they cover, never to paste in: see eval/README-codes.md, "Round 12: English codes and negation".
// Usage: npx tsc -p tsconfig.build.json && node scripts/mine-phrases.mjs MODE [--code ID] [--codebook FILE] [--exclude REGEX]
//          [--min-precision 0.6] [--min-docs 5] [--top 40] [--show "REGEX"]
//   MODE raise    units where gold raises the code and the rules neither raise nor deny it (recall wordings)
//        neg      units where gold denies the code and the rules do not (denial wordings)
//        mention  units where gold raises or denies the code and the rules say nothing of it (the negation rules then decide)
//        fp       units where the rules raise the code and gold does not (candidate `exclude:` senses)
//   --exclude REGEX leaves matching training files out (to mine on some batches and measure on others);
//   --show REGEX lists, for --code, the units of the pool whose text matches (how a candidate would fall).
// Training files: those scripts/lib/training.mjs lists (never dev, check*, blind*, holdout-*, val5+), English units only.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCodebook } from '../dist/codebook/index.js';
import { detectLang } from '../dist/lang.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { NEVER, TRAIN } from './lib/training.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const mode = args[0];
if (!['raise', 'neg', 'mention', 'fp'].includes(mode)) {
  console.error('usage: node scripts/mine-phrases.mjs raise|neg|mention|fp [--code ID] [--codebook FILE] [--exclude REGEX] [--min-precision P] [--min-docs N] [--top N] [--show REGEX]');
  process.exit(2);
}
const codebookFile = opt('--codebook', join(root, 'codebooks/us-japan.yaml'));
const { codebook, messages } = loadCodebook(readFileSync(codebookFile, 'utf8'), codebookFile);
if (!codebook) {
  for (const m of messages) console.error(m.reason);
  process.exit(1);
}
const rules = { ...codebook, model: undefined };
const exclude = opt('--exclude', null) ? new RegExp(opt('--exclude')) : null;
const minP = Number(opt('--min-precision', '0.6'));
const minDocs = Number(opt('--min-docs', '5'));
const top = Number(opt('--top', '40'));
const only = opt('--code', null);

const units = [];
for (const f of readdirSync(join(root, 'eval')).filter((n) => TRAIN.test(n) && !NEVER.test(n) && !/-ja[-.]/u.test(n)).sort()) {
  if (exclude?.test(f)) continue;
  const { units: us } = parseUnits(readFileSync(join(root, 'eval', f), 'utf8'), f);
  const out = labelUnits(us, rules);
  us.forEach((u, i) => {
    if (detectLang(u.text) === 'en') units.push({ f, doc: u.doc, text: u.text, gc: u.codes, gn: u.negated, pc: out[i].codes, pn: out[i].negated });
  });
}

const stem = (w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|s)$/u, '') : w);
const STOP = new Set('the a of to and in that is it for on as with be by this was are an at its or has have but from their they we he she i said would will not'.split(' '));
function grams(text) {
  const w = (text.toLowerCase().replace(/u\.s\./gu, 'us').match(/[a-z0-9']+/gu) ?? []).map(stem);
  const s = new Set();
  for (let n = 2; n <= 5; n++) for (let i = 0; i + n <= w.length; i++) s.add(w.slice(i, i + n).join(' '));
  for (let i = 0; i < w.length; i++)
    for (let a = 1; a <= 2; a++)
      for (let g = 1; g <= 3; g++)
        for (let b = 1; b <= 2; b++) if (i + a + g + b <= w.length) s.add(`${w.slice(i, i + a).join(' ')} _ ${w.slice(i + a + g, i + a + g + b).join(' ')}`);
  return [...s].filter((x) => !x.split(' ').every((t) => t === '_' || STOP.has(t)));
}
const G = units.map((u) => grams(u.text));
const inPool = {
  raise: (u, c) => !u.pc.includes(c) && !u.pn.includes(c),
  neg: (u, c) => !u.pn.includes(c),
  mention: (u, c) => !u.pc.includes(c) && !u.pn.includes(c),
  fp: (u, c) => u.pc.includes(c),
}[mode];
const isPos = {
  raise: (u, c) => u.gc.includes(c),
  neg: (u, c) => u.gn.includes(c),
  mention: (u, c) => u.gc.includes(c) || u.gn.includes(c),
  fp: (u, c) => !u.gc.includes(c),
}[mode];

for (const c of codebook.codes.map((x) => x.id)) {
  if (only && c !== only) continue;
  const pool = units.map((u, i) => i).filter((i) => inPool(units[i], c));
  const pos = pool.filter((i) => isPos(units[i], c));
  const count = new Map();
  for (const i of pos)
    for (const g of G[i]) {
      const e = count.get(g) ?? { tp: 0, n: 0, docs: new Set() };
      e.tp++;
      e.docs.add(`${units[i].f}|${units[i].doc}`);
      count.set(g, e);
    }
  for (const [g, e] of count) if (e.docs.size < minDocs) count.delete(g);
  for (const i of pool) for (const g of G[i]) { const e = count.get(g); if (e) e.n++; }
  const kept = [];
  for (const [g, e] of [...count].filter(([, e]) => e.tp / e.n >= minP).sort((a, b) => b[1].tp - a[1].tp)) {
    if (kept.some(([k, f]) => f.tp >= e.tp && g.includes(k.replace(/ _ /gu, ' ')))) continue;
    kept.push([g, e]);
  }
  console.log(`== ${c} ${mode}: pool ${pool.length}, positive ${pos.length}`);
  for (const [g, e] of kept.slice(0, top)) console.log(`  ${e.tp}/${e.n}  p=${(e.tp / e.n).toFixed(2)}  docs=${e.docs.size}  ${g}`);
  if (only && opt('--show', null)) {
    const rx = new RegExp(opt('--show'), 'iu');
    for (const i of pool) if (rx.test(units[i].text)) console.log(`  ${isPos(units[i], c) ? '+' : '-'} ${units[i].f} ${units[i].text.slice(0, 200)} [${units[i].gc}|~${units[i].gn}]`);
  }
}
