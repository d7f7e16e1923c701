// Held-out labelling by family of training files: for each family, retrain the learned parts without it
// (scripts/train-model.mjs --exclude) and label its units twice, rules alone and rules + the held-out learned parts.
// Shared by scripts/cv-eval.mjs (figures) and scripts/label-audit.mjs (label candidates), so both hold out the same way.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCodebook } from '../../dist/codebook/index.js';
import { labelUnits, parseUnits } from '../../dist/label.js';
import { detectLang } from '../../dist/lang.js';
import { family, modelOf, trainingUse } from './training.mjs';

/**
 * The `--data DIR` and `--set name=value` options both scripts take: the eval folder (a frozen copy to compare settings while
 * batches land) and training settings passed on to scripts/train-model.mjs.
 * @example const { dataDir, sets } = heldOutOptions(process.argv, root);
 */
export function heldOutOptions(argv, root) {
  const at = argv.indexOf('--data');
  const dataDir = at > 0 ? argv[at + 1] : join(root, 'eval');
  const sets = argv.flatMap((a, i) => (a === '--set' ? ['--set', argv[i + 1]] : []));
  return { dataDir, sets };
}

/**
 * Yield every training file labelled by rules alone and by rules + learned parts trained without the file's family, in
 * sorted file order: `{ fam, file, units, langs, rules, learned, model }` (`rules`/`learned` are labelUnits outputs).
 * One training run per family (~10 CPU-s each); `only` (family names) limits the families labelled, not the training data.
 * The temporary models are removed when the loop ends.
 * @example for (const r of heldOut({ root, dataDir, sets: [] })) console.log(r.file, r.units.length);
 */
export function* heldOut({ root, dataDir, sets = [], who = 'heldout', only }) {
  const builtin = builtinCodebook();
  const codes = builtin.codes.map((c) => c.id);
  const files = readdirSync(dataDir).filter((f) => trainingUse(f) !== null).sort();
  const tmp = mkdtempSync(join(tmpdir(), 'twocities-cv-'));
  try {
    for (const fam of [...new Set(files.map(family))]) {
      if (only && only.length > 0 && !only.includes(fam)) continue;
      const mine = files.filter((f) => family(f) === fam);
      const out = join(tmp, `${fam}.json`);
      execFileSync('node', [join(root, 'scripts/train-model.mjs'), ...mine.flatMap((f) => ['--exclude', f]), ...sets, '--data', dataDir, '--out', out], { cwd: root, stdio: 'ignore' });
      const model = modelOf(out, codes, who);
      for (const file of mine) {
        const { units } = parseUnits(readFileSync(join(dataDir, file), 'utf8'), file);
        const langs = units.map((u) => detectLang(u.text));
        const rules = labelUnits(units, { ...builtin, model: undefined });
        const learned = labelUnits(units, { ...builtin, model });
        yield { fam, file, units, langs, rules, learned, model };
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
