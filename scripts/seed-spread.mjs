// Retraining noise: train the learned parts once per shuffling seed and print, for each labelled file and language, every
// run's figures with their mean and spread. One retrain is one draw (eval/README-codes.md, "Round 14": three seeds of the
// same files differed by up to 0.009 in English codes macro-F1 on 448 blind units), so compare two data selections or
// settings by their means over seeds, never by a single retrain.
// Usage: npx tsc -p tsconfig.build.json && node scripts/seed-spread.mjs [--seeds 20261128,7,11] [--data DIR] [--set name=value]... [--exclude NAME]... FILE...
//   --data, --set and --exclude are passed to scripts/train-model.mjs; the model files are written to a temporary folder and removed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinCodebook } from '../dist/codebook/index.js';
import { labelUnits, parseUnits } from '../dist/label.js';
import { summaryFigures } from './lib/figures.mjs';
import { modelOf } from './lib/training.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const seedsAt = argv.indexOf('--seeds');
const seeds = (seedsAt >= 0 ? argv[seedsAt + 1] : '20261128,7,11').split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`seed-spread: --seeds takes whole numbers separated by commas, not ${argv[seedsAt + 1]}`);
// Options for train-model (--data DIR, --set k=v, --exclude NAME) are passed on; every other argument is a labelled file.
const passed = [];
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--data' || argv[i] === '--set' || argv[i] === '--exclude') passed.push(argv[i], argv[++i]);
  else if (argv[i] === '--seeds') i++;
  else files.push(argv[i]);
}
if (files.length === 0) throw new Error('seed-spread: name at least one labelled file (JSONL) to measure');

const builtin = builtinCodebook();
const codes = builtin.codes.map((c) => c.id);
const sets = files.map((f) => ({ file: f, units: parseUnits(readFileSync(f, 'utf8'), f).units }));
const dir = mkdtempSync(join(tmpdir(), 'seed-spread-'));
const KEYS = ['voice', 'macroF1', 'negF1', 'tone'];
// rows.get(`${file} ${lang}`): one figures object per seed.
const rows = new Map();
try {
  for (const seed of seeds) {
    const out = join(dir, `m-${seed}.json.gz`);
    execFileSync(process.execPath, [join(here, 'train-model.mjs'), ...passed, '--set', `seed=${seed}`, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    const cb = { ...builtin, model: modelOf(out, codes, 'seed-spread') };
    for (const { file, units } of sets) {
      const decided = labelUnits(units, cb);
      for (const lang of ['en', 'ja']) {
        const f = summaryFigures(units, decided, codes, lang);
        if (!f) continue;
        const key = `${file} ${lang} (${f.n})`;
        if (!rows.has(key)) rows.set(key, []);
        rows.get(key).push(f);
        console.log(`seed ${seed} ${key}: ${KEYS.map((k) => `${k}=${f[k].toFixed(3)}`).join(' ')}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nmean [lowest, highest] over ${seeds.length} seeds`);
for (const [key, fs] of rows) {
  const cell = (k) => {
    const xs = fs.map((f) => f[k]);
    return `${k}=${(xs.reduce((a, x) => a + x, 0) / xs.length).toFixed(3)} [${Math.min(...xs).toFixed(3)}, ${Math.max(...xs).toFixed(3)}]`;
  };
  console.log(`${key}: ${KEYS.map(cell).join(' ')}`);
}
