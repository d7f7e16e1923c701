import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinCodebook, describeModel, readModelFile, type Codebook } from '../src/codebook/index.js';
import { decide } from '../src/coder/index.js';
import { mlpScores, netForward, packNet, rowOf, trainMlp, unpackNet, DEFAULT_MLP, type NetJson } from '../src/coder/mlp.js';
import { buildModel, DEFAULT_FEATURES, type ModelFileJson } from '../src/coder/model.js';
import { DEFAULT_NET, netProbabilities, trainNet, type NetUnit } from '../src/coder/net.js';
import { seededRandom } from '../src/stats.js';
import type { SentenceDecision } from '../src/types.js';

const builtin = builtinCodebook();
const CODES = builtin.codes.map((c) => c.id);
/** The shipped model file, parsed once: the tests put their own network in it. */
const SHIPPED = JSON.parse(readModelFile(fileURLToPath(new URL('../codebooks/us-japan.model.json.gz', import.meta.url)))) as ModelFileJson;

/** Every input pattern of two binary features, as rows of input indices, with their XOR as the one target. */
function xorTask(): { x: Int32Array[]; y: Int8Array[] } {
  const x: Int32Array[] = [];
  const y: Int8Array[] = [];
  for (let i = 0; i < 400; i++) {
    const a = i % 2;
    const b = (i >> 1) % 2;
    // Input 2 is always on (a constant), so that no unit has no input.
    x.push(Int32Array.from([2, ...(a ? [0] : []), ...(b ? [1] : [])]));
    y.push(Int8Array.of(a ^ b, -1));
  }
  return { x, y };
}

describe('the network (mlp.ts)', () => {
  const S = { ...DEFAULT_MLP, hidden: 8, epochs: 60, rate: 0.01, batch: 8, init: 0.3 };
  it('learns what no single weight per feature can: the exclusive or of two features', () => {
    const { x, y } = xorTask();
    const net = trainMlp(x, y, 3, 2, x.map((_, i) => i), S);
    const out = new Float32Array(2);
    const p = (rows: number[]): number => mlpScores(net, rows, out)[0] as number;
    expect(p([2])).toBeLessThan(0.2);
    expect(p([2, 0])).toBeGreaterThan(0.8);
    expect(p([2, 1])).toBeGreaterThan(0.8);
    expect(p([2, 0, 1])).toBeLessThan(0.2);
  });
  it('is deterministic for a seed, and another seed gives other weights', () => {
    const { x, y } = xorTask();
    const rows = x.map((_, i) => i);
    const a = trainMlp(x, y, 3, 2, rows, { ...S, epochs: 3 });
    const b = trainMlp(x, y, 3, 2, rows, { ...S, epochs: 3 });
    const c = trainMlp(x, y, 3, 2, rows, { ...S, epochs: 3, seed: S.seed + 1 });
    expect(Array.from(a.w1)).toEqual(Array.from(b.w1));
    expect(Array.from(a.w2)).toEqual(Array.from(b.w2));
    expect(Array.from(a.w1)).not.toEqual(Array.from(c.w1));
  });
  it('leaves an output no unit gives a target for at its starting bias', () => {
    const { x, y } = xorTask();
    const net = trainMlp(x, y, 3, 2, x.map((_, i) => i), { ...S, epochs: 3 });
    expect(net.b2[1]).toBe(0);
  });
  it('packs to signed bytes and back, scoring within the rounding', () => {
    const { x, y } = xorTask();
    const net = trainMlp(x, y, 3, 2, x.map((_, i) => i), S);
    const json = packNet(net, Int32Array.of(101, 202, 303), ['code:autonomy', 'deny:autonomy'], { units: 400, at: { raise: 0.5, deny: 0.5 } });
    const back = unpackNet(JSON.parse(JSON.stringify(json)));
    if ('problem' in back) throw new Error(back.problem);
    expect([101, 202, 303, 404].map((k) => rowOf(back, k))).toEqual([0, 1, 2, -1]);
    for (const rows of [[2], [2, 0], [2, 1], [2, 0, 1]]) {
      const [p, q] = [mlpScores(net, rows, new Float32Array(2))[0] as number, netForward(back, rows, rows.length, new Float64Array(8), new Float32Array(2))[0] as number];
      expect(Math.abs(p - q)).toBeLessThan(0.02);
    }
  });
  it('refuses a stored network whose parts do not fit together, saying which', () => {
    const { x, y } = xorTask();
    const json = packNet(trainMlp(x, y, 3, 2, [0, 1, 2, 3], { ...S, epochs: 1 }), Int32Array.of(1, 2, 3), ['code:autonomy', 'deny:autonomy'], { units: 4, at: { raise: 0.5, deny: 0.5 } });
    expect(unpackNet({ ...json, b2: [0] })).toEqual({ problem: 'b1, w2 and b2 must hold 8, 16 and 2 numbers' });
    expect(unpackNet({ ...json, w1: json.w1.slice(0, 8) })).toMatchObject({ problem: expect.stringContaining('do not describe 8 weights') });
    expect(unpackNet({ ...json, at: { raise: 0.5 } })).toMatchObject({ problem: expect.stringContaining('at must give') });
    expect(unpackNet({ ...json, outputs: [] })).toMatchObject({ problem: 'outputs must be a list of names' });
  });
});

/**
 * Labelled units built by code: filler sentences, some holding an invented word no rule knows ("zorbly": autonomy raised)
 * or the same word under "never" (autonomy denied); a fixed seed.
 */
function units(seed: number): NetUnit[] {
  const r = seededRandom(seed);
  const filler = ['the', 'talks', 'went', 'on', 'in', 'spring', 'with', 'staff', 'notes', 'a', 'meeting', 'later', 'ministers', 'met'];
  const pick = (): string => filler[Math.floor(r() * filler.length)] as string;
  const out: NetUnit[] = [];
  for (let i = 0; i < 600; i++) {
    const words = Array.from({ length: 5 + Math.floor(r() * 4) }, pick);
    const kind = i % 3;
    if (kind === 1) words.push('Tokyo', 'is', 'zorbly');
    if (kind === 2) words.push('Tokyo', 'is', 'never', 'zorbly');
    out.push({ doc: `d${i % 60}`, text: `${words.join(' ')}.`, codes: kind === 1 ? ['autonomy'] : [], negated: kind === 2 ? ['autonomy'] : [], tone: kind === 1 ? 'negative' : 'neutral' });
  }
  return out;
}

/** The shipped codebook with the shipped model file, its network replaced by `en` (and no Japanese one). */
function withNet(en: NetJson): Codebook {
  const built = buildModel({ ...SHIPPED, net: { en } }, 'test', CODES);
  if ('problem' in built) throw new Error(built.problem);
  return { ...builtin, model: built.model };
}

const one = (cb: Codebook, text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, cb)[0] as SentenceDecision;

describe('the network in the coder (net.ts)', () => {
  const trained = trainNet(units(17), 'en', CODES, DEFAULT_FEATURES, { ...DEFAULT_NET, folds: 3, epochs: 8 });
  const cb = withNet(trained);
  it('reports out-of-fold figures of the network alone', () => {
    expect(trained.cv?.folds).toBe(3);
    expect(trained.cv?.codesMacroF1).toBeGreaterThan(0.9);
    expect(trained.cv?.deniedMicroF1).toBeGreaterThan(0.9);
    expect(trained.outputs).toEqual([...CODES.map((c) => `code:${c}`), ...CODES.map((c) => `deny:${c}`), 'tone:positive', 'tone:negative', 'tone:mixed', 'tone:neutral']);
  });
  it('raises a code nobody decided, with the words that carried it as evidence', () => {
    const d = one(cb, 'Later the ministers said Tokyo is zorbly.');
    const hit = d.raised.find((h) => h.evidence.rule === 'net:autonomy');
    expect(hit?.evidence.model?.score).toBeGreaterThanOrEqual(DEFAULT_NET.at.raise);
    expect(hit?.evidence.model?.threshold).toBe(DEFAULT_NET.at.raise);
    expect(hit?.evidence.model?.features.join(' ')).toContain('zorbly');
    expect(hit?.evidence.text).toContain('zorbly');
    expect(d.negated.map((h) => h.code)).not.toContain('autonomy');
  });
  it('denies a code under a negation cue, and names the cue', () => {
    const d = one(cb, 'Later the ministers said Tokyo is never zorbly.');
    const hit = d.negated.find((h) => h.evidence.rule === 'net-denial:autonomy');
    expect(hit?.negation?.text).toBe('never');
    expect(d.raised.map((h) => h.code)).not.toContain('autonomy');
  });
  it('leaves what the rules decided alone, and adds nothing to a sentence without the word it learned', () => {
    const rulesSay = one({ ...builtin, model: undefined }, 'Tokyo is zorbly, and Japan cannot say no to Washington.');
    const d = one(cb, 'Tokyo is zorbly, and Japan cannot say no to Washington.');
    // The rules raised autonomy; the network's raise of the same code adds nothing and takes nothing away.
    expect(rulesSay.raised.map((h) => h.code)).toContain('autonomy');
    expect(d.raised.filter((h) => h.code === 'autonomy')).toHaveLength(1);
    expect(d.raised.find((h) => h.code === 'autonomy')?.evidence.rule).not.toMatch(/^net/);
    expect(one(cb, 'Later the ministers met in spring.').raised.filter((h) => h.evidence.rule.startsWith('net'))).toEqual([]);
  });
  it('lends the tone of a code it raised only where the rules found none, as the linear model does', () => {
    const text = 'The alliance has never been stronger, and Tokyo is zorbly.';
    const d = one(cb, text);
    expect(d.raised.find((h) => h.code === 'autonomy')?.evidence.rule).toBe('net:autonomy');
    expect(d.raised.some((h) => h.code === 'relationship_positive' && !h.evidence.rule.startsWith('net'))).toBe(true);
    // The rules' praise stands; the network's concern, a feature and not a judgement, does not make it mixed.
    expect(d.tone).toBe('positive');
    expect(one(cb, 'Later the ministers said Tokyo is zorbly.').tone).toBe('negative');
  });
  it('scores the same for the same sentence, whatever was scored before', () => {
    const nm = cb.model?.net?.get('en');
    if (!nm) throw new Error('no network');
    const a = Array.from(netProbabilities(nm, 'Tokyo is zorbly.', 'en', DEFAULT_FEATURES));
    netProbabilities(nm, 'The talks went on in spring with staff notes and a meeting later.', 'en', DEFAULT_FEATURES);
    expect(Array.from(netProbabilities(nm, 'Tokyo is zorbly.', 'en', DEFAULT_FEATURES))).toEqual(a);
  });
  it('is named by codebook check with its figures and the probabilities it acts on', () => {
    const lines = describeModel(cb.model as NonNullable<Codebook['model']>, builtin.yaml).filter((l) => l.startsWith('model en net:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/600 units, \d+ inputs, 32 hidden units, 24 outputs; raises a code from 0\.5 and denies one from 0\.5/);
  });
  it('refuses a model file whose network names a code the codebook lacks', () => {
    const r = buildModel({ ...SHIPPED, net: { en: { ...trained, outputs: trained.outputs.map((o, i) => (i === 0 ? 'code:kaiju' : o)) } } }, 'test', CODES);
    expect(r).toEqual({ problem: 'net.en: output code:kaiju names no code of the codebook' });
  });
});

/**
 * Units of two-unit documents built by code: a first unit ("zorbly" raising autonomy, or filler), then an answer holding an
 * invented word ("plinked") and no negation cue. The answer denies autonomy where the first unit raised it (as the rules would read it, `previousRaised`), and raises
 * nothing after a first unit that raised nothing; "glorped" under "never" denies abandonment. A fixed seed.
 */
function answers(seed: number): NetUnit[] {
  const r = seededRandom(seed);
  const filler = ['the', 'talks', 'went', 'on', 'in', 'spring', 'with', 'staff', 'notes', 'a', 'meeting', 'later', 'ministers', 'met'];
  const text = (...tail: string[]): string => `${[...Array.from({ length: 4 + Math.floor(r() * 4) }, () => filler[Math.floor(r() * filler.length)] as string), ...tail].join(' ')}.`;
  const out: NetUnit[] = [];
  for (let i = 0; i < 300; i++) {
    const raisedFirst = i % 2 === 0;
    out.push({ doc: `a${i}`, text: raisedFirst ? text('Tokyo', 'is', 'zorbly') : text(), codes: raisedFirst ? ['autonomy'] : [], negated: [], tone: 'neutral' });
    out.push({ doc: `a${i}`, text: text('it', 'was', 'plinked'), codes: [], negated: raisedFirst ? ['autonomy'] : [], tone: 'neutral', previousRaised: raisedFirst ? ['autonomy'] : [] });
    if (i % 3 === 0) out.push({ doc: `g${i}`, text: text('Tokyo', 'is', 'never', 'glorped'), codes: [], negated: ['abandonment'], tone: 'neutral' });
  }
  return out;
}

describe('the network reading the previous unit (round 18)', () => {
  const settings = { ...DEFAULT_NET, folds: 0, epochs: 12 };
  const cb = withNet(trainNet(answers(18), 'en', CODES, DEFAULT_FEATURES, settings));
  const doc = (...texts: string[]): SentenceDecision[] => decide(texts.map((text) => ({ text, paragraph: 0 })), { docSide: null }, cb);
  it('denies, with no negation cue, a concern the previous unit raised, naming it among the features', () => {
    const [, answer] = doc('Japan cannot say no to Washington.', 'Later it was plinked.');
    const hit = answer?.negated.find((h) => h.evidence.rule === 'net-denial:autonomy');
    expect(hit?.negation).toBeUndefined();
    expect(hit?.evidence.model?.features.join(' ')).toContain('pc:autonomy');
    expect(answer?.raised.map((h) => h.code)).not.toContain('autonomy');
  });
  it('denies nothing where the previous unit raised nothing, or where the network was trained without it', () => {
    const [, answer] = doc('The talks went on in spring.', 'Later it was plinked.');
    expect(answer?.negated.map((h) => h.code)).not.toContain('autonomy');
    const blind = withNet(trainNet(answers(18), 'en', CODES, DEFAULT_FEATURES, { ...settings, prev: 0 }));
    const [, again] = decide(['Japan cannot say no to Washington.', 'Later it was plinked.'].map((text) => ({ text, paragraph: 0 })), { docSide: null }, blind);
    expect(again?.negated.filter((h) => h.evidence.rule.startsWith('net'))).toEqual([]);
    // codebook check says which network reads the previous unit.
    const says = (c: Codebook): string => describeModel(c.model as NonNullable<Codebook['model']>, builtin.yaml).find((l) => l.startsWith('model en net:')) ?? '';
    expect(says(cb)).toContain('reads the codes the previous unit raised');
    expect(says(blind)).not.toContain('previous unit');
  });
  it('denies no fear of abandonment beside an affirmed commitment (LABELS.md rule 7)', () => {
    expect(one(cb, 'Later the ministers said Tokyo is never glorped.').negated.map((h) => h.evidence.rule)).toContain('net-denial:abandonment');
    const d = one(cb, 'The United States will always defend Japan, and Tokyo is never glorped.');
    expect(d.raised.map((h) => h.code)).toContain('reassurance');
    expect(d.negated.map((h) => h.code)).not.toContain('abandonment');
  });
});
