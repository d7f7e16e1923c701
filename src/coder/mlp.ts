/**
 * A small neural network over a sentence's binary features: one hidden layer of rectified units that every output
 * shares (the sum of the hidden rows of the sentence's features, then max(0, ·)), and one sigmoid per output (a code
 * raised, a code denied). What one output learns about a concern's wording the others read too: the denial of a
 * concern is learned from every mention of it, not only from its denials. Trained by Adam over minibatches in a fixed
 * order from a fixed seed: the same units and settings give the same numbers.
 */
import { Buffer } from 'node:buffer';
import { seededRandom } from '../stats.js';

/** How a network is trained. Stored in the model file with it. */
export interface MlpSettings {
  /** Hidden units. */
  hidden: number;
  /** Passes over the training units. */
  epochs: number;
  /** Adam's step size. */
  rate: number;
  /** L2 penalty on the weights a step touches (per unit of the batch). */
  l2: number;
  /** Units per step. */
  batch: number;
  /** Seed of the initial weights and of each epoch's order. */
  seed: number;
  /** The first layer's initial weights are drawn from ±init (0: they start at zero and only what training moves is kept). */
  init: number;
}

export const DEFAULT_MLP: MlpSettings = { hidden: 32, epochs: 4, rate: 0.002, l2: 1e-4, batch: 32, seed: 20261129, init: 0 };

/** A trained network: `w1` is one row of `hidden` weights per input feature, `w2` one row of `outputs` weights per hidden unit. */
export interface MlpNet {
  inputs: number;
  hidden: number;
  outputs: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

/**
 * Train a network on the rows `rows` of `x` (each a list of input indices, distinct) against the targets `y` (per
 * unit, one 0/1 per output; a negative value leaves that output out of the unit's loss).
 *
 * @example
 * const net = trainMlp([Int32Array.of(0, 2)], [Int8Array.of(1, 0)], 3, 2, [0], DEFAULT_MLP);
 */
export function trainMlp(x: readonly Int32Array[], y: readonly Int8Array[], inputs: number, outputs: number, rows: readonly number[], s: MlpSettings): MlpNet {
  const H = s.hidden;
  const O = outputs;
  const rand = seededRandom(s.seed);
  const w1 = new Float32Array(inputs * H);
  if (s.init > 0) for (let k = 0; k < w1.length; k++) w1[k] = (rand() * 2 - 1) * s.init;
  const b1 = new Float32Array(H).fill(0.01);
  const r2 = Math.sqrt(6 / (H + O));
  const w2 = new Float32Array(H * O);
  for (let k = 0; k < w2.length; k++) w2[k] = (rand() * 2 - 1) * r2;
  // Start each output at its base rate.
  const b2 = new Float32Array(O);
  for (let o = 0; o < O; o++) {
    let pos = 0;
    let n = 0;
    for (const r of rows) {
      const t = (y[r] as Int8Array)[o] as number;
      if (t < 0) continue;
      n++;
      pos += t;
    }
    b2[o] = Math.log((pos + 0.5) / (n - pos + 0.5));
  }
  // Adam's moments; the gradient of w1 is kept only for the rows a batch touches.
  const m1 = new Float32Array(w1.length);
  const v1 = new Float32Array(w1.length);
  const g1 = new Float32Array(w1.length);
  const mark = new Int32Array(inputs).fill(-1);
  const touched: number[] = [];
  const mb1 = new Float32Array(H);
  const vb1 = new Float32Array(H);
  const gb1 = new Float32Array(H);
  const m2 = new Float32Array(w2.length);
  const v2 = new Float32Array(w2.length);
  const g2 = new Float32Array(w2.length);
  const mb2 = new Float32Array(O);
  const vb2 = new Float32Array(O);
  const gb2 = new Float32Array(O);
  const h = new Float32Array(H);
  const dz = new Float32Array(O);
  const dh = new Float32Array(H);
  const order = rows.slice();
  let step = 0;
  let batchNo = 0;
  const adam = (w: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, from: number, to: number, c1: number, c2: number, decay: number): void => {
    for (let k = from; k < to; k++) {
      const gk = (g[k] as number) + decay * (w[k] as number);
      const mk = B1 * (m[k] as number) + (1 - B1) * gk;
      const vk = B2 * (v[k] as number) + (1 - B2) * gk * gk;
      m[k] = mk;
      v[k] = vk;
      w[k] = (w[k] as number) - (s.rate * (mk / c1)) / (Math.sqrt(vk / c2) + EPS);
      g[k] = 0;
    }
  };
  for (let ep = 0; ep < s.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let start = 0; start < order.length; start += s.batch) {
      const end = Math.min(order.length, start + s.batch);
      const scale = 1 / (end - start);
      batchNo++;
      touched.length = 0;
      for (let b = start; b < end; b++) {
        const r = order[b] as number;
        const xs = x[r] as Int32Array;
        const ys = y[r] as Int8Array;
        forwardHidden(w1, b1, H, xs, h);
        for (let o = 0; o < O; o++) {
          const t = ys[o] as number;
          if (t < 0) {
            dz[o] = 0;
            continue;
          }
          let z = b2[o] as number;
          for (let k = 0; k < H; k++) z += (h[k] as number) * (w2[k * O + o] as number);
          dz[o] = (sigmoid(z) - t) * scale;
        }
        for (let k = 0; k < H; k++) {
          const hk = h[k] as number;
          let d = 0;
          if (hk > 0) for (let o = 0; o < O; o++) d += (w2[k * O + o] as number) * (dz[o] as number);
          dh[k] = d;
          if (hk > 0) for (let o = 0; o < O; o++) g2[k * O + o] = (g2[k * O + o] as number) + hk * (dz[o] as number);
          gb1[k] = (gb1[k] as number) + d;
        }
        for (let o = 0; o < O; o++) gb2[o] = (gb2[o] as number) + (dz[o] as number);
        for (let q = 0; q < xs.length; q++) {
          const f = xs[q] as number;
          if (mark[f] !== batchNo) {
            mark[f] = batchNo;
            touched.push(f);
          }
          const base = f * H;
          for (let k = 0; k < H; k++) g1[base + k] = (g1[base + k] as number) + (dh[k] as number);
        }
      }
      step++;
      const c1 = 1 - Math.pow(B1, step);
      const c2 = 1 - Math.pow(B2, step);
      for (const f of touched) adam(w1, m1, v1, g1, f * H, f * H + H, c1, c2, s.l2);
      adam(b1, mb1, vb1, gb1, 0, H, c1, c2, 0);
      adam(w2, m2, v2, g2, 0, w2.length, c1, c2, s.l2);
      adam(b2, mb2, vb2, gb2, 0, O, c1, c2, 0);
    }
  }
  return { inputs, hidden: H, outputs: O, w1, b1, w2, b2 };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The hidden layer of a sentence with the input rows `xs` (rectified), into `h`. */
export function forwardHidden(w1: Float32Array, b1: Float32Array, H: number, xs: ArrayLike<number>, h: Float32Array): void {
  for (let k = 0; k < H; k++) h[k] = b1[k] as number;
  for (let q = 0; q < xs.length; q++) {
    const base = (xs[q] as number) * H;
    for (let k = 0; k < H; k++) h[k] = (h[k] as number) + (w1[base + k] as number);
  }
  for (let k = 0; k < H; k++) if ((h[k] as number) < 0) h[k] = 0;
}

/**
 * Every output's probability for a sentence with the input rows `xs`, into `out`.
 *
 * @example
 * mlpScores(net, Int32Array.of(0, 2), new Float32Array(net.outputs));
 */
export function mlpScores(net: MlpNet, xs: ArrayLike<number>, out: Float32Array, h: Float32Array = new Float32Array(net.hidden)): Float32Array {
  const H = net.hidden;
  const O = net.outputs;
  forwardHidden(net.w1, net.b1, H, xs, h);
  for (let o = 0; o < O; o++) {
    let z = net.b2[o] as number;
    for (let k = 0; k < H; k++) z += (h[k] as number) * (net.w2[k * O + o] as number);
    out[o] = sigmoid(z);
  }
  return out;
}

/**
 * A network as a model file stores it (`ModelFileJson.net`): the input rows as feature hashes (`featureKey`, base64 of
 * little-endian 32-bit integers), the first layer as one signed byte per weight with one scale per row (base64), the rest
 * as numbers. What each output is (`code:<id>`, `deny:<id>`, `tone:<tone>`) and the probability at which the coder acts
 * on it travel with it.
 */
export interface NetJson {
  /** Training units. */
  units: number;
  outputs: string[];
  hidden: number;
  keys: string;
  scale: string;
  w1: string;
  b1: number[];
  w2: number[];
  b2: number[];
  /**
   * The probability from which a code is raised or denied where the coder decided no code in the sentence (a denial
   * also needs a negation cue there); `beside`, elsewhere (absent: never); `tone`, from which the tone output overrules
   * the coder's tone (absent: never).
   */
  at: { raise: number; deny: number; beside?: number; tone?: number };
  /** Out-of-fold figures of the network alone over its training units (folds by document). */
  cv?: { folds: number; codesMacroF1: number; deniedMicroF1: number; toneAccuracy?: number };
}

/**
 * A network ready to score, with its input rows by feature hash: an open-addressed table (`slots`: pairs of hash + 1
 * and row, `mask` + 1 pairs, at most half full). Plain data (it crosses to workers).
 */
export interface NetModel extends Omit<NetJson, 'keys' | 'scale' | 'w1' | 'b1' | 'w2' | 'b2'> {
  inputs: number;
  /** The first layer as stored: one signed byte per weight, `hidden` to a row, and each row's scale (a row is half a cache line). */
  q1: Int8Array;
  scale: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  slots: Int32Array;
  mask: number;
}

/**
 * A stored network's outputs for the input rows `rows[0..n)` into `out`, its hidden units before rectification into
 * `pre` (both at least as long as the outputs and hidden units).
 *
 * @example
 * netForward(nm, Int32Array.of(0, 2), 2, new Float64Array(nm.hidden), new Float32Array(nm.outputs.length));
 */
export function netForward(nm: NetModel, rows: ArrayLike<number>, n: number, pre: Float64Array, out: Float32Array): Float32Array {
  const H = nm.hidden;
  const O = nm.outputs.length;
  const { q1, scale, b1, w2, b2 } = nm;
  for (let k = 0; k < H; k++) pre[k] = b1[k] as number;
  for (let q = 0; q < n; q++) {
    const r = rows[q] as number;
    const s = scale[r] as number;
    const base = r * H;
    for (let k = 0; k < H; k++) pre[k] = (pre[k] as number) + (q1[base + k] as number) * s;
  }
  for (let o = 0; o < O; o++) out[o] = b2[o] as number;
  for (let k = 0; k < H; k++) {
    const h = pre[k] as number;
    if (h <= 0) continue;
    const base = k * O;
    for (let o = 0; o < O; o++) out[o] = (out[o] as number) + h * (w2[base + o] as number);
  }
  for (let o = 0; o < O; o++) out[o] = sigmoid(out[o] as number);
  return out;
}

/**
 * The input row of a feature hash in a network, or -1.
 *
 * @example
 * rowOf(nm, featureKey('w:tokyo')); // a row, or -1 when the network has no such input
 */
export function rowOf(nm: Pick<NetModel, 'slots' | 'mask'>, key: number): number {
  let h = key & nm.mask;
  for (;;) {
    const k = nm.slots[h << 1] as number;
    if (k === 0) return -1;
    if (k === key + 1) return nm.slots[(h << 1) + 1] as number;
    h = (h + 1) & nm.mask;
  }
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/**
 * Pack a trained network for the model file: each first-layer row scaled to signed bytes (its largest weight 127).
 *
 * @example
 * const json = packNet(net, Int32Array.of(11, 42), ['code:autonomy'], { units: 2, at: { raise: 0.5, deny: 0.5 } });
 */
export function packNet(net: MlpNet, keys: Int32Array, outputs: string[], meta: Pick<NetJson, 'units' | 'at' | 'cv'>): NetJson {
  const H = net.hidden;
  const scale = Buffer.alloc(net.inputs * 4);
  const w1 = Buffer.alloc(net.inputs * H);
  for (let r = 0; r < net.inputs; r++) {
    let max = 0;
    for (let k = 0; k < H; k++) max = Math.max(max, Math.abs(net.w1[r * H + k] as number));
    const s = max > 0 ? max / 127 : 1;
    scale.writeFloatLE(s, r * 4);
    for (let k = 0; k < H; k++) w1.writeInt8(Math.round((net.w1[r * H + k] as number) / s), r * H + k);
  }
  const k32 = Buffer.alloc(keys.length * 4);
  keys.forEach((k, i) => k32.writeInt32LE(k, i * 4));
  return {
    units: meta.units,
    outputs,
    hidden: H,
    keys: k32.toString('base64'),
    scale: scale.toString('base64'),
    w1: w1.toString('base64'),
    b1: Array.from(net.b1, (v) => round(v, 5)),
    w2: Array.from(net.w2, (v) => round(v, 5)),
    b2: Array.from(net.b2, (v) => round(v, 5)),
    at: meta.at,
    ...(meta.cv ? { cv: meta.cv } : {}),
  };
}

/**
 * Check a stored network and make it ready to score, or say what is wrong with it.
 *
 * @example
 * const r = unpackNet(json.net.en); if ('net' in r) use(r);
 */
export function unpackNet(j: unknown): NetModel | { problem: string } {
  if (!j || typeof j !== 'object') return { problem: 'not an object' };
  const n = j as Partial<NetJson>;
  const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!Array.isArray(n.outputs) || !n.outputs.every((o) => typeof o === 'string') || n.outputs.length === 0) return { problem: 'outputs must be a list of names' };
  if (typeof n.hidden !== 'number' || !Number.isInteger(n.hidden) || n.hidden < 1) return { problem: 'hidden must be a positive whole number' };
  if (typeof n.keys !== 'string' || typeof n.scale !== 'string' || typeof n.w1 !== 'string') return { problem: 'keys, scale and w1 must be base64 text' };
  if (!nums(n.b1) || !nums(n.w2) || !nums(n.b2)) return { problem: 'b1, w2 and b2 must be lists of numbers' };
  const at = n.at;
  if (!at || typeof at.raise !== 'number' || typeof at.deny !== 'number' || [at.beside, at.tone].some((v) => v !== undefined && typeof v !== 'number')) return { problem: 'at must give raise and deny probabilities (and beside, tone: numbers where given)' };
  const H = n.hidden;
  const O = n.outputs.length;
  const keys = Buffer.from(n.keys, 'base64');
  const scale = Buffer.from(n.scale, 'base64');
  const w1 = Buffer.from(n.w1, 'base64');
  const inputs = keys.length / 4;
  if (!Number.isInteger(inputs) || scale.length !== keys.length || w1.length !== inputs * H) return { problem: `keys, scale and w1 do not describe ${H} weights for each of the same inputs` };
  if (n.b1.length !== H || n.w2.length !== H * O || n.b2.length !== O) return { problem: `b1, w2 and b2 must hold ${H}, ${H * O} and ${O} numbers` };
  const q1 = new Int8Array(w1.buffer, w1.byteOffset, w1.length).slice();
  const rowScale = new Float32Array(inputs);
  let size = 16;
  while (size < inputs * 2) size *= 2;
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  for (let r = 0; r < inputs; r++) {
    // Feature hashes are 30-bit (`featureKey`): hash + 1 is never 0, the empty slot.
    const key = keys.readInt32LE(r * 4);
    if (key < 0 || key >= 0x40000000) return { problem: `keys: input ${r} is not a feature hash` };
    let h = key & mask;
    while (slots[h << 1] !== 0 && slots[h << 1] !== key + 1) h = (h + 1) & mask;
    slots[h << 1] = key + 1;
    slots[(h << 1) + 1] = r;
    rowScale[r] = scale.readFloatLE(r * 4);
  }
  return { units: typeof n.units === 'number' ? n.units : 0, outputs: n.outputs, hidden: H, at, ...(n.cv ? { cv: n.cv } : {}), inputs, q1, scale: rowScale, b1: Float32Array.from(n.b1), w2: Float32Array.from(n.w2), b2: Float32Array.from(n.b2), slots, mask };
}
