import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { alignSecondCoder, cohenKappa, evaluate } from '../src/evaluate.js';
import { parseUnits } from '../src/label.js';
import { seededRandom } from '../src/stats.js';
import { TONES, type Tone, type UnitIn, type UnitLabel } from '../src/types.js';
import { runCli } from './helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'tc-against-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const VOICES = ['washington', 'tokyo', 'author', 'other'];
const CODES = builtinCodebook().codes.map((c) => c.id);

/** A gold set of `docs` documents and a second coder who disagrees on about `flip` of each label, both drawn with a fixed seed. */
function fixture(seed: number, docs: number, flip: number): { gold: Array<UnitIn & UnitLabel>; second: Array<UnitIn & UnitLabel> } {
  const rnd = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const gold: Array<UnitIn & UnitLabel> = [];
  const second: Array<UnitIn & UnitLabel> = [];
  for (let d = 0; d < docs; d++) {
    for (let k = 0; k < 4; k++) {
      const g: UnitIn & UnitLabel = { doc: `a-${d}`, side: d % 2 ? 'tokyo' : 'washington', text: `Unit ${k} of document ${d} says something about the alliance.`, voice: pick(VOICES), codes: rnd() < 0.5 ? [pick(CODES)] : [], negated: [], tone: pick(TONES) as Tone };
      gold.push(g);
      second.push({ ...g, voice: rnd() < flip ? pick(VOICES) : g.voice, tone: rnd() < flip ? (pick(TONES) as Tone) : g.tone, codes: rnd() < flip ? [] : g.codes });
    }
  }
  return { gold, second };
}

describe('evaluate --against: agreement between two coders', () => {
  it('compares the second coder with the gold, not the tool, and its figures follow the disagreements', () => {
    const { gold, second } = fixture(11, 30, 0.3);
    const aligned = alignSecondCoder(gold, second, 'second.jsonl');
    if (!('units' in aligned)) throw new Error('alignment failed');
    const r = evaluate(gold, builtinCodebook(), { reps: 200, seed: 2, against: { file: 'second.jsonl', units: aligned.units } });
    expect(r.rater).toEqual({ kind: 'coder', file: 'second.jsonl' });
    const agree = gold.filter((g, i) => g.voice === second[i]?.voice).length / gold.length;
    expect(r.overall.voice.accuracy.estimate).toBeCloseTo(agree, 10);
    expect(r.overall.voice.kappa.estimate).toBeCloseTo(cohenKappa(gold.map((g, i) => [g.voice, second[i]?.voice ?? ''])), 10);
    expect(r.overall.raised.micro.fp).toBe(0);
    expect(r.overall.raised.micro.fn).toBe(gold.filter((g, i) => g.codes.length > 0 && second[i]?.codes.length === 0).length);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.evidence.includes('second coder'))).toBe(true);
    // The same units against themselves agree everywhere.
    const self = alignSecondCoder(gold, gold, 'gold.jsonl');
    if (!('units' in self)) throw new Error('alignment failed');
    const perfect = evaluate(gold, builtinCodebook(), { reps: 50, seed: 2, against: { file: 'gold.jsonl', units: self.units } });
    expect(perfect.overall.voice.kappa.estimate).toBe(1);
    expect(perfect.errors).toEqual([]);
  });

  it('refuses labels that are not the gold units, saying where', () => {
    const { gold, second } = fixture(12, 3, 0);
    const short = alignSecondCoder(gold, second.slice(0, -1), 's.jsonl');
    expect('messages' in short && short.messages[0]?.reason).toMatch(/labelled 11 units, the gold file has 12/);
    const moved = second.map((u, i) => (i === 5 ? { ...u, doc: 'elsewhere' } : u));
    const r = alignSecondCoder(gold, moved, 's.jsonl');
    expect('messages' in r && r.messages[0]).toMatchObject({ place: { file: 's.jsonl', line: 6 } });
    const retold = second.map((u, i) => (i === 2 ? { ...u, text: 'Another sentence.' } : u));
    expect('messages' in alignSecondCoder(gold, retold, 's.jsonl')).toBe(true);
  });

  it('the CLI reads a label file without texts and prints the two coders\' agreement', async () => {
    const { gold, second } = fixture(13, 12, 0.25);
    const goldFile = join(root, 'gold.jsonl');
    const secondFile = join(root, 'second.jsonl');
    writeFileSync(goldFile, gold.map((u) => JSON.stringify(u)).join('\n') + '\n');
    writeFileSync(secondFile, second.map(({ text: _t, ...u }) => JSON.stringify(u)).join('\n') + '\n');
    expect(parseUnits(JSON.stringify({ doc: 'x', voice: 'tokyo' }), 'f').units).toHaveLength(0);
    const text = await runCli(['evaluate', goldFile, '--against', secondFile, '--reps', '100']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(`second coder ${secondFile}`);
    expect(text.out).toContain('columns second coder');
    const json = await runCli(['evaluate', goldFile, '--against', secondFile, '--reps', '100', '--format', 'json']);
    const parsed = JSON.parse(json.out) as { rater: { kind: string }; overall: { units: number } };
    expect(parsed.rater.kind).toBe('coder');
    expect(parsed.overall.units).toBe(gold.length);
    // A label file for other units is refused with its place; --db is refused beside --against.
    writeFileSync(secondFile, second.slice(1).map((u) => JSON.stringify(u)).join('\n') + '\n');
    const bad = await runCli(['evaluate', goldFile, '--against', secondFile]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/second\.jsonl:\d+: fatal: the second coder labelled/);
    expect(bad.err).not.toMatch(/\n\s+at /);
    const both = await runCli(['evaluate', goldFile, '--against', secondFile, '--db', join(root, 'x.db')]);
    expect(both.code).toBe(1);
  });

  it('compares only the families a second coder gave (a second coding of voice alone), and refuses a family given to some units only', async () => {
    const { gold, second } = fixture(14, 12, 0.3);
    const voiceOnly = second.map(({ doc, side, voice }) => ({ doc, side, text: '', voice }));
    const aligned = alignSecondCoder(gold, voiceOnly, 'v.jsonl');
    if (!('units' in aligned)) throw new Error('alignment failed');
    expect(aligned.compared).toEqual(['voice']);
    const r = evaluate(gold, builtinCodebook(), { reps: 50, seed: 2, against: { file: 'v.jsonl', units: aligned.units, compared: aligned.compared } });
    expect(r.rater).toEqual({ kind: 'coder', file: 'v.jsonl', compared: ['voice'] });
    expect(r.overall.voice.accuracy.estimate).toBeCloseTo(gold.filter((g, i) => g.voice === second[i]?.voice).length / gold.length, 10);
    // The families left out are not read: no error is listed for them.
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.family === 'voice')).toBe(true);
    const mixed = voiceOnly.map((u, i) => (i === 4 ? { ...u, tone: 'neutral' as Tone } : u));
    const refused = alignSecondCoder(gold, mixed, 'v.jsonl');
    expect('messages' in refused && refused.messages[0]).toMatchObject({ place: { file: 'v.jsonl', line: 5 } });
    expect('messages' in refused && refused.messages[0]?.reason).toMatch(/gives tone, unlike the units before it/);
    const half = voiceOnly.map((u, i) => (i === 2 ? { ...u, codes: [] } : u));
    expect('messages' in alignSecondCoder(gold, half, 'v.jsonl') && alignSecondCoder(gold, half, 'v.jsonl')).toMatchObject({ messages: [{ reason: expect.stringMatching(/codes and negated without the other/) }] });
    // The CLI says which families were compared and prints no figure for the others.
    const goldFile = join(root, 'gold-v.jsonl');
    const secondFile = join(root, 'second-v.jsonl');
    writeFileSync(goldFile, gold.map((u) => JSON.stringify(u)).join('\n') + '\n');
    writeFileSync(secondFile, voiceOnly.map(({ text: _t, ...u }) => JSON.stringify(u)).join('\n') + '\n');
    const text = await runCli(['evaluate', goldFile, '--against', secondFile, '--reps', '50']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('the second coder gave voice only');
    expect(text.out).toMatch(/tone\s+not given by the second coder/);
    expect(text.out).not.toContain('macro-F1');
    const json = JSON.parse((await runCli(['evaluate', goldFile, '--against', secondFile, '--reps', '50', '--format', 'json'])).out) as { overall: Record<string, unknown> };
    expect(Object.keys(json.overall).sort()).toEqual(['documents', 'units', 'voice']);
  });
});
