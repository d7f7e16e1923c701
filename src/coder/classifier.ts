/**
 * A multinomial logistic regression over binary features, for the learned parts that choose one label among
 * several (tone, voice): deterministic SGD training with out-of-fold probabilities by document, and the
 * sparse form the model file stores. Scoring uses the code model's tables (`buildLangs`, `linearSums`).
 */
import { seededRandom } from '../stats.js';
import { docFolds, sparseWeights, type LangModelJson } from './model.js';

/** Training settings (fixed: the run is deterministic). */
export interface ClassifierSettings {
  epochs: number;
  rate: number;
  l2: number;
  minCount: number;
  prune: number;
  folds: number;
  seed: number;
}

export const DEFAULT_CLASSIFIER: ClassifierSettings = { epochs: 15, rate: 0.1, l2: 0.01, minCount: 2, prune: 0.05, folds: 5, seed: 20261128 };

/** One training row: its document (folds group by it), its features and the index of its gold label. */
export interface ClassifierRow {
  doc: string;
  keys: readonly string[];
  gold: number;
}

/**
 * Softmax of sums, as probabilities.
 *
 * @example
 * softmax([0, 0]); // [0.5, 0.5]
 */
export function softmax(z: ArrayLike<number>): number[] {
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) m = Math.max(m, z[k] as number);
  const e = Array.from({ length: z.length }, (_, k) => Math.exp((z[k] as number) - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Weights per label and biases. */
interface Fit {
  w: Float64Array[];
  b: Float64Array;
}

function fit(x: Int32Array[], y: Uint8Array, rows: readonly number[], nFeat: number, k: number, s: ClassifierSettings, seed: number): Fit {
  const w = Array.from({ length: k }, () => new Float64Array(nFeat));
  const b = new Float64Array(k);
  const order = rows.slice();
  const rand = seededRandom(seed);
  const z = new Float64Array(k);
  for (let ep = 0; ep < s.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const lr = s.rate / (1 + ep * 0.3);
    for (const r of order) {
      const xr = x[r] as Int32Array;
      for (let c = 0; c < k; c++) {
        let v = b[c] as number;
        const wc = w[c] as Float64Array;
        for (let q = 0; q < xr.length; q++) v += wc[xr[q] as number] as number;
        z[c] = v;
      }
      const p = softmax(z);
      for (let c = 0; c < k; c++) {
        const g = (p[c] as number) - (y[r] === c ? 1 : 0);
        const wc = w[c] as Float64Array;
        b[c] = (b[c] as number) - lr * g * 0.1;
        for (let q = 0; q < xr.length; q++) {
          const f = xr[q] as number;
          wc[f] = (wc[f] as number) - lr * (g + s.l2 * (wc[f] as number));
        }
      }
    }
  }
  return { w, b };
}

function probsOf(m: Fit, xr: Int32Array): number[] {
  return softmax(m.b.map((bias, c) => {
    let v = bias;
    for (const f of xr) v += (m.w[c] as Float64Array)[f] as number;
    return v;
  }));
}

/**
 * Train a classifier over `labels`: out-of-fold probabilities (folds by document) for the caller's figures, then
 * a fit on every row, pruned and laid out as a model file part (each label an output, thresholds null).
 * Deterministic for the same rows and settings.
 *
 * @example
 * const { part, oof } = trainClassifier(rows, ['positive', 'negative'], DEFAULT_CLASSIFIER);
 */
export function trainClassifier(rows: readonly ClassifierRow[], labels: readonly string[], s: ClassifierSettings): { part: Pick<LangModelJson, 'units' | 'features' | 'codes'>; oof: number[][] } {
  const count = new Map<string, number>();
  for (const r of rows) for (const k of new Set(r.keys)) count.set(k, (count.get(k) ?? 0) + 1);
  // Sorted vocabulary: indices never depend on Map iteration history.
  const vocab = [...count].filter(([, n]) => n >= s.minCount).map(([k]) => k).sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  const x = rows.map((r) => Int32Array.from(new Set(r.keys.map((k) => index.get(k) ?? -1).filter((i) => i >= 0))));
  const y = Uint8Array.from(rows.map((r) => r.gold));
  const { fold } = docFolds(rows, s.folds);
  const oof: number[][] = rows.map(() => []);
  for (let f = 0; f < s.folds; f++) {
    const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const m = fit(x, y, train, vocab.length, labels.length, s, s.seed + f);
    rows.forEach((_, i) => {
      if (fold[i] === f) oof[i] = probsOf(m, x[i] as Int32Array);
    });
  }
  const m = fit(x, y, rows.map((_, i) => i), vocab.length, labels.length, s, s.seed + 99);
  const sparse = sparseWeights(m.w, s.prune, vocab);
  const codes: LangModelJson['codes'] = labels.map((label, c) => ({ code: label, bias: Number((m.b[c] as number).toFixed(4)), threshold: null, ...(sparse.rows[c] as { idx: number[]; w: number[] }) }));
  return { part: { units: rows.length, features: sparse.features, codes }, oof };
}

/**
 * The index of the largest sum (ties: the first).
 *
 * @example
 * argmax([0.1, 0.7, 0.2]); // 1
 */
export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < z.length; k++) if ((z[k] as number) > (z[best] as number)) best = k;
  return best;
}
