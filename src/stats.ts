/**
 * Small statistics shared by measurement and evaluation: a seeded random generator (so reruns
 * print the same intervals) and percentile intervals.
 */

/**
 * A seeded pseudo-random generator (mulberry32) returning floats in [0, 1).
 *
 * @example
 * const rand = seededRandom(42); rand(); // same value on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The q-quantile (0..1) of numbers, by linear interpolation; NaN for an empty list.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(values: readonly number[], q: number): number {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = xs[lo] as number;
  const b = xs[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** A point estimate with a two-sided interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap over groups (documents): resample `groups` with replacement `reps` times,
 * apply `stat` to each resample, and return the 2.5% and 97.5% quantiles beside `stat(groups)`.
 *
 * @example
 * bootstrap(docs, (ds) => mean(ds.map((d) => d.x)), { reps: 1000, seed: 1 });
 */
export function bootstrap<T>(groups: readonly T[], stat: (sample: readonly T[]) => number, opts: { reps?: number; seed?: number; level?: number } = {}): Interval {
  const reps = opts.reps ?? 1000;
  const level = opts.level ?? 0.95;
  const rand = seededRandom(opts.seed ?? 1);
  const estimate = stat(groups);
  if (groups.length === 0) return { estimate, low: Number.NaN, high: Number.NaN };
  const values: number[] = [];
  const sample: T[] = new Array<T>(groups.length);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < groups.length; i++) sample[i] = groups[Math.floor(rand() * groups.length)] as T;
    values.push(stat(sample));
  }
  return { estimate, low: quantile(values, (1 - level) / 2), high: quantile(values, 1 - (1 - level) / 2) };
}
