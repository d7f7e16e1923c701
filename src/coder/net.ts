/**
 * The network beside the rules and the linear models (round 17): one hidden layer shared by a code's raise, its denial and
 * the unit's tone (`mlp.ts`), read from the sentence's words alone. The coder asks it last, for the codes that rules and
 * linear models left undecided: it raises a code, or denies one, where its probability reaches the file's `at` values.
 * Its evidence names the features whose removal would lower that probability most.
 */
import { normalize } from '../codebook/matcher.js';
import type { CodeHit, Evidence } from '../types.js';
import { DEFAULT_MLP, mlpScores, netForward, packNet, rowOf, trainMlp, type MlpSettings, type NetJson, type NetModel } from './mlp.js';
import { denialCue, denialFeatures, docFolds, featureKey, hashFeatures, sentenceFeatures, type CodeModel, type Features, type FeatureSettings } from './model.js';
import { evidence, type Prepared } from './sentence.js';

/** The tones a network's `tone:` outputs name, in stored order. */
export const NET_TONES = ['positive', 'negative', 'mixed', 'neutral'] as const;

/** How a network is trained: the network's own settings, the features a word needs to be an input, and the probabilities the coder acts on. */
export interface NetSettings extends MlpSettings {
  /** Training units a feature must occur in to be an input: at least `minCount`, and at least `minShare` of the units. */
  minCount: number;
  minShare: number;
  /** Folds (by document) of the out-of-fold figures; 0 skips them. */
  folds: number;
  /** 1: the codes the previous unit of the document raised are inputs too (`pc:<code>`), so that a unit answering it can deny them. */
  prev: number;
  at: NetJson['at'];
}

export const DEFAULT_NET: NetSettings = { ...DEFAULT_MLP, minCount: 5, minShare: 1 / 5000, folds: 5, prev: 1, at: { raise: 0.5, deny: 0.5, beside: 0.8 } };

/** One labelled unit as the network learns it; `tone` absent where the unit's file trains codes only. */
export interface NetUnit {
  doc: string;
  text: string;
  codes: readonly string[];
  negated: readonly string[];
  tone?: string;
  /** The codes the rules raised in the previous unit of the same document (read with `prev`). */
  previousRaised?: readonly string[];
}

/**
 * Train one language's network on labelled units: every code raised and denied, and the tone where a unit gives one.
 * With `folds`, also its out-of-fold figures (the network alone, folds by document). Deterministic.
 *
 * @example
 * const json = trainNet(units, 'en', ['autonomy', 'nuclear'], DEFAULT_FEATURES, DEFAULT_NET);
 */
export function trainNet(units: readonly NetUnit[], lang: 'en' | 'ja', codes: readonly string[], fs: FeatureSettings, s: NetSettings): NetJson {
  const feats = units.map((u) => {
    const keys = sentenceFeatures(normalize(u.text).text, lang, fs).keys;
    return s.prev ? [...keys, ...denialFeatures([], u.previousRaised ?? [])] : keys;
  });
  const count = new Map<string, number>();
  for (const ks of feats) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
  // Inputs in sorted order, so that row numbers never depend on Map history.
  const least = Math.max(s.minCount, Math.round(units.length * s.minShare));
  const vocab = [...count].filter(([, n]) => n >= least).map(([k]) => k).sort();
  const index = new Map(vocab.map((k, i) => [k, i]));
  const x = feats.map((ks) => Int32Array.from(ks.filter((k) => index.has(k)).map((k) => index.get(k) as number)));
  const outputs = [...codes.map((c) => `code:${c}`), ...codes.map((c) => `deny:${c}`), ...NET_TONES.map((t) => `tone:${t}`)];
  const C = codes.length;
  const y = units.map((u) => {
    const t = new Int8Array(outputs.length);
    codes.forEach((c, j) => {
      t[j] = u.codes.includes(c) ? 1 : 0;
      t[C + j] = u.negated.includes(c) ? 1 : 0;
    });
    NET_TONES.forEach((tone, j) => (t[2 * C + j] = u.tone === undefined ? -1 : u.tone === tone ? 1 : 0));
    return t;
  });
  const all = units.map((_, i) => i);
  let cv: NetJson['cv'];
  if (s.folds > 1) {
    const { fold } = docFolds(units, s.folds);
    const oof = units.map(() => new Float32Array(outputs.length));
    for (let f = 0; f < s.folds; f++) {
      const net = trainMlp(x, y, vocab.length, outputs.length, all.filter((i) => fold[i] !== f), { ...s, seed: s.seed + f + 1 });
      for (const i of all) if (fold[i] === f) mlpScores(net, x[i] as Int32Array, oof[i] as Float32Array);
    }
    cv = { folds: s.folds, ...netFigures(units, codes, oof, s.at) };
  }
  const net = trainMlp(x, y, vocab.length, outputs.length, all, s);
  return packNet(net, Int32Array.from(vocab, featureKey), outputs, { units: units.length, at: s.at, ...(cv ? { cv } : {}) });
}

/** The network's figures over units it scored: codes macro-F1 and denials micro-F1 at `at`, tone accuracy where units give one. */
function netFigures(units: readonly NetUnit[], codes: readonly string[], p: readonly Float32Array[], at: NetJson['at']): Omit<NonNullable<NetJson['cv']>, 'folds'> {
  const C = codes.length;
  const f1 = (tp: number, fp: number, fn: number): number => (tp + fp + fn === 0 ? Number.NaN : (2 * tp) / (2 * tp + fp + fn));
  const per: number[] = [];
  const neg = { tp: 0, fp: 0, fn: 0 };
  codes.forEach((c, j) => {
    const m = { tp: 0, fp: 0, fn: 0 };
    units.forEach((u, i) => {
      const row = p[i] as Float32Array;
      const [g, d] = [u.codes.includes(c), (row[j] as number) >= at.raise];
      if (g && d) m.tp++;
      else if (d) m.fp++;
      else if (g) m.fn++;
      const [gn, dn] = [u.negated.includes(c), (row[C + j] as number) >= at.deny];
      if (gn && dn) neg.tp++;
      else if (dn) neg.fp++;
      else if (gn) neg.fn++;
    });
    const v = f1(m.tp, m.fp, m.fn);
    if (!Number.isNaN(v)) per.push(v);
  });
  let toned = 0;
  let right = 0;
  units.forEach((u, i) => {
    if (u.tone === undefined) return;
    toned++;
    if (u.tone === NET_TONES[topTone(p[i] as Float32Array, 2 * C).k]) right++;
  });
  const r = (v: number): number => Number(v.toFixed(3));
  return { codesMacroF1: r(per.reduce((a, b) => a + b, 0) / Math.max(1, per.length)), deniedMicroF1: r(f1(neg.tp, neg.fp, neg.fn) || 0), ...(toned > 0 ? { toneAccuracy: r(right / toned) } : {}) };
}

/** The strongest tone output from `from` on: its index among the tones and its probability. */
function topTone(row: Float32Array, from: number): { k: number; p: number } {
  let k = 0;
  for (let j = 1; j < NET_TONES.length; j++) if ((row[from + j] as number) > (row[from + k] as number)) k = j;
  return { k, p: row[from + k] as number };
}

/**
 * Scratch of the scoring functions, reused (no garbage per sentence): the sentence's input rows (`n` of them), a mark
 * per input row (equal to `gen` when the row is already taken), the hidden units before rectification, the outputs.
 */
const scratch = { rows: new Int32Array(256), n: 0, mark: new Int32Array(0), gen: 0, pre: new Float64Array(64), out: new Float32Array(64) };

/**
 * The network's input rows for a sentence into `scratch.rows` (distinct, in first-seen order), from hashes or named features,
 * then those of `extra` (the previous unit's codes: rows only where the network was trained with them); `firstAt` gets the
 * index of each row's first key, counting `extra` after `keys`.
 */
function takeRows(nm: NetModel, keys: ArrayLike<number>, firstAt?: number[], extra: readonly number[] = NO_KEYS): void {
  if (scratch.mark.length < nm.inputs) scratch.mark = new Int32Array(nm.inputs);
  if (scratch.rows.length < keys.length + extra.length) scratch.rows = new Int32Array((keys.length + extra.length) * 2);
  // Marks are 32-bit: start them over before the count would wrap (after some two billion sentences).
  if (scratch.gen === 0x7fffffff) {
    scratch.mark.fill(0);
    scratch.gen = 0;
  }
  const gen = ++scratch.gen;
  const { rows, mark } = scratch;
  let n = 0;
  const total = keys.length + extra.length;
  for (let i = 0; i < total; i++) {
    const r = rowOf(nm, (i < keys.length ? keys[i] : extra[i - keys.length]) as number);
    if (r < 0 || mark[r] === gen) continue;
    mark[r] = gen;
    rows[n++] = r;
    firstAt?.push(i);
  }
  scratch.n = n;
}

/** The outputs for the rows in `scratch` into `scratch.out`, keeping the hidden units before rectification in `scratch.pre`. */
function forward(nm: NetModel): Float32Array {
  if (scratch.pre.length < nm.hidden) scratch.pre = new Float64Array(nm.hidden);
  if (scratch.out.length < nm.outputs.length) scratch.out = new Float32Array(nm.outputs.length);
  return netForward(nm, scratch.rows, scratch.n, scratch.pre, scratch.out);
}

/**
 * Every output's probability for a sentence (normalised text), in the order of `nm.outputs`. The array is reused by the next call.
 *
 * @example
 * const p = netProbabilities(nm, 'Tokyo fears abandonment.', 'en', DEFAULT_FEATURES);
 */
export function netProbabilities(nm: NetModel, text: string, lang: 'en' | 'ja', fs: FeatureSettings, previousRaised: readonly string[] = NO_CODES): Float32Array {
  takeRows(nm, hashFeatures(text, lang, fs), undefined, previousRaised.length === 0 ? NO_KEYS : prevKeys(previousRaised).map(prevHash));
  return forward(nm);
}

const NO_KEYS: readonly number[] = [];
const NO_CODES: readonly string[] = [];

/** Each `pc:<code>` input's hash, worked out once per name (the coder asks for them every sentence). */
const prevHashes = new Map<string, number>();
function prevHash(name: string): number {
  let h = prevHashes.get(name);
  if (h === undefined) {
    h = featureKey(name);
    prevHashes.set(name, h);
  }
  return h;
}

/** The previous unit's codes as the network's input names (`pc:<code>`, as the linear denial model names them). */
function prevKeys(previousRaised: readonly string[]): string[] {
  return previousRaised.length === 0 ? [] : denialFeatures([], previousRaised);
}

/**
 * The features that carry one output for a sentence: each input's share of the logit (how much lower it would be without
 * the input), the three largest positive, with their spans in the normalised text.
 */
export function netReasons(nm: NetModel, text: string, lang: 'en' | 'ja', fs: FeatureSettings, o: number): Array<{ feature: string; weight: number; start: number; end: number }> {
  return reasonsOf(nm, sentenceFeatures(text, lang, fs), [o])[0] as Array<{ feature: string; weight: number; start: number; end: number }>;
}

/** `netReasons` for several outputs of one sentence's named features (one pass over the features). */
function reasonsOf(nm: NetModel, f: Features, outputs: readonly number[]): Array<Array<{ feature: string; weight: number; start: number; end: number }>> {
  // Where each row's feature first stands in the sentence.
  const at: number[] = [];
  takeRows(nm, f.keys.map(featureKey), at);
  forward(nm);
  const H = nm.hidden;
  const O = nm.outputs.length;
  const { q1, scale, b2, w2 } = nm;
  const { pre, rows, n } = scratch;
  return outputs.map((o) => {
    let full = b2[o] as number;
    for (let k = 0; k < H; k++) if ((pre[k] as number) > 0) full += (pre[k] as number) * (w2[k * O + o] as number);
    const shares: Array<{ feature: string; weight: number; start: number; end: number }> = [];
    for (let q = 0; q < n; q++) {
      const r = rows[q] as number;
      const base = r * H;
      const s = scale[r] as number;
      let without = b2[o] as number;
      for (let k = 0; k < H; k++) {
        const h = (pre[k] as number) - (q1[base + k] as number) * s;
        if (h > 0) without += h * (w2[k * O + o] as number);
      }
      const weight = Number((full - without).toFixed(3));
      const i = at[q] as number;
      if (weight > 0) shares.push({ feature: f.keys[i] as string, weight, start: f.starts[i] as number, end: f.ends[i] as number });
    }
    return shares.sort((a, b) => b.weight - a.weight || a.start - b.start).slice(0, 3);
  });
}

const NO_HITS: readonly never[] = [];

/**
 * The codes the network raises and denies in a sentence, among those nobody decided: not raised or negated by the rules or
 * the linear models, and (for a raise) not set aside as another sense of its word. Evidence: rule `net:<code>` or
 * `net-denial:<code>`, the strongest feature's span, the probability, the file's `at` value and the three strongest
 * features; a denial carries the sentence's first negation cue where it has one. `previousRaised` (the codes the previous
 * unit of the document raised) are inputs of a network trained with them, and a denial of one of them needs no cue;
 * beside a raised `pledge` the network denies no `fear` (LABELS.md rule 7).
 *
 * @example
 * const { raised, negated } = netCodes(prepare(text, cb), cb.model, decided, ['autonomy'], { pledge: 'reassurance', fear: 'abandonment' });
 */
export function netCodes(p: Prepared, model: CodeModel, decided: { raised: readonly CodeHit[]; negated: readonly CodeHit[] }, previousRaised: readonly string[] = NO_CODES, pledge?: { pledge: string; fear: string }): { raised: CodeHit[]; negated: CodeHit[] } {
  const nm = model.net?.get(p.lang);
  const out = { raised: [] as CodeHit[], negated: [] as CodeHit[] };
  if (!nm) return out;
  const kinds = kindsOf(nm);
  // The previous unit's codes are inputs too where the network was trained with them: a unit answering the previous one
  // ("The minister replied that the decision was Japan's own") denies its concern.
  const prob = netProbabilities(nm, p.text, p.lang, model.features, previousRaised);
  // Beside a code already decided, or for a denial with no negation cue in the sentence, the network must be surer
  // (`at.beside`): there its additions were right about half the time or less (round 17, the writers' fresh sets).
  const alone = decided.raised.length + decided.negated.length === 0;
  const beside = nm.at.beside ?? 1;
  let cue: ReturnType<typeof denialCue> | null = null;
  let hits: Array<{ o: number; kind: 'code' | 'deny'; code: string; score: number }> | undefined;
  for (let o = 0; o < kinds.length; o++) {
    const kind = kinds[o];
    if (kind === undefined) continue;
    const score = prob[o] as number;
    if (score < (kind === 'code' ? nm.at.raise : nm.at.deny)) continue;
    if (score < beside && !alone) continue;
    const code = (nm.outputs[o] as string).slice(5);
    // A unit answering the previous one ("The minister replied that the decision was Japan's own") denies its concern without a
    // cue, where the network read that concern in the previous unit (an input it was trained with).
    if (kind === 'deny' && score < beside && !(previousRaised.includes(code) && previousInputs(nm).has(code)) && (cue ??= denialCue(p)) === undefined) continue;
    (hits ??= []).push({ o, kind, code, score });
  }
  if (!hits) return out;
  const taken = new Set([...decided.raised, ...decided.negated].map((h) => h.code));
  const otherSense = new Set((p.byKind.get('exclude') ?? NO_HITS).map((h) => h.entry.owner));
  // Both a raise and a denial of one code: the stronger stands.
  const strongest = new Map<string, number>();
  for (const h of hits) strongest.set(h.code, Math.max(strongest.get(h.code) ?? 0, h.score));
  // An affirmed commitment is reassurance, not a denied fear of abandonment (LABELS.md rule 7), as for the linear denial model:
  // beside a raised pledge the network's denials of the fear were right 6 times in 17 (round 18, the writers' fresh sets).
  const pledged = pledge !== undefined && (decided.raised.some((h) => h.code === pledge.pledge) || hits.some((h) => h.kind === 'code' && h.code === pledge.pledge));
  const kept = hits.filter((h) => {
    if (taken.has(h.code) || h.score < (strongest.get(h.code) as number)) return false;
    if (pledged && h.kind === 'deny' && h.code === pledge.fear) return false;
    if (h.kind === 'code' && otherSense.has(h.code)) return false;
    taken.add(h.code);
    return true;
  });
  if (kept.length === 0) return out;
  const f = sentenceFeatures(p.text, p.lang, model.features);
  // The previous unit's codes are inputs of no span of their own: as evidence they stand for the whole sentence.
  for (const k of prevKeys(previousRaised)) {
    f.keys.push(k);
    f.starts.push(p.bodyStart);
    f.ends.push(p.text.length);
  }
  const reasons = reasonsOf(nm, f, kept.map((h) => h.o));
  let negation: Evidence | undefined;
  kept.forEach((h, i) => {
    const top = reasons[i] as Array<{ feature: string; weight: number; start: number; end: number }>;
    const best = top[0];
    if (!best) return;
    const ev: Evidence = { ...evidence(p, best.start, best.end, `${h.kind === 'code' ? 'net' : 'net-denial'}:${h.code}`), model: { score: Number(h.score.toFixed(3)), threshold: h.kind === 'code' ? nm.at.raise : nm.at.deny, features: top.map((t) => `${t.feature} +${t.weight}`) } };
    if (h.kind === 'code') out.raised.push({ code: h.code, evidence: ev });
    else {
      cue ??= denialCue(p);
      if (cue && !negation) negation = evidence(p, cue.start, cue.end, cue.entry.rule);
      out.negated.push({ code: h.code, evidence: ev, ...(negation ? { negation } : {}) });
    }
  });
  return out;
}

/**
 * The codes whose previous-unit input (`pc:<code>`) a network has, trained with `prev`; worked out once per network.
 *
 * @example
 * previousInputs(nm).has('autonomy'); // the network reads whether the previous unit raised autonomy
 */
export function previousInputs(nm: NetModel): ReadonlySet<string> {
  let codes = previousCache.get(nm);
  if (!codes) {
    codes = new Set(nm.outputs.filter((o) => o.startsWith('deny:') && rowOf(nm, prevHash(`pc:${o.slice(5)}`)) >= 0).map((o) => o.slice(5)));
    previousCache.set(nm, codes);
  }
  return codes;
}
const previousCache = new WeakMap<NetModel, ReadonlySet<string>>();

/** Each output's kind (`code`, `deny`, or undefined for a tone), worked out once per network. */
const kindCache = new WeakMap<NetModel, Array<'code' | 'deny' | undefined>>();
function kindsOf(nm: NetModel): Array<'code' | 'deny' | undefined> {
  let kinds = kindCache.get(nm);
  if (!kinds) {
    kinds = nm.outputs.map((o) => (o.startsWith('code:') ? 'code' : o.startsWith('deny:') ? 'deny' : undefined));
    kindCache.set(nm, kinds);
  }
  return kinds;
}

/** The network's tone where it overrules the coder's (the file's `at.tone`, when set): the tone and its evidence, or undefined. */
export function netTone(p: Prepared, model: CodeModel): { tone: (typeof NET_TONES)[number]; evidence: Evidence } | undefined {
  const nm = model.net?.get(p.lang);
  if (!nm || nm.at.tone === undefined) return undefined;
  const first = nm.outputs.indexOf('tone:positive');
  if (first < 0) return undefined;
  const prob = netProbabilities(nm, p.text, p.lang, model.features);
  const { k, p: score } = topTone(prob, first);
  if (score < nm.at.tone) return undefined;
  const best = netReasons(nm, p.text, p.lang, model.features, first + k)[0];
  const [start, end] = best ? [best.start, best.end] : [0, p.text.length];
  return { tone: NET_TONES[k] as (typeof NET_TONES)[number], evidence: { ...evidence(p, start, end, `net-tone:${NET_TONES[k]}`), model: { score: Number(score.toFixed(3)), threshold: nm.at.tone, features: best ? [`${best.feature} +${best.weight}`] : [] } } };
}
