import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { cohenKappa, evaluate, formatEvaluation, krippendorffAlpha } from '../src/evaluate.js';
import { labelUnits, parseUnits } from '../src/label.js';
import { evaluateOutsideTone, goldTone, loadGoldMap, parseGoldMap, US_TONE_MAP, type GoldMap } from '../src/outside.js';
import { seededRandom } from '../src/stats.js';
import { TONES, type Tone, type UnitIn, type UnitLabel } from '../src/types.js';
import { sjisEncoder } from './helpers/sjis.js';
import { runCli } from './helpers/cli.js';

const cb = builtinCodebook();

describe('agreement coefficients', () => {
  const pairs: Array<[string, string]> = [
    ['a', 'a'],
    ['b', 'b'],
    ['a', 'b'],
    ['b', 'b'],
  ];
  it("Cohen's kappa matches the hand computation (po 0.75, pe 0.5)", () => {
    expect(cohenKappa(pairs)).toBeCloseTo(0.5, 10);
  });
  it("Krippendorff's alpha (nominal) matches the hand computation (Do 2/8, De 30/56)", () => {
    expect(krippendorffAlpha(pairs)).toBeCloseTo(1 - 0.25 / (30 / 56), 10);
  });
  it('perfect agreement is 1, systematic disagreement is negative', () => {
    expect(cohenKappa([['x', 'x'], ['y', 'y']])).toBe(1);
    expect(krippendorffAlpha([['x', 'x'], ['y', 'y']])).toBe(1);
    expect(cohenKappa([['x', 'y'], ['y', 'x']])).toBeLessThan(0);
    expect(krippendorffAlpha([['x', 'y'], ['y', 'x']])).toBeLessThan(0);
  });
  it('alpha on a textbook case: 3 of 10 units disagree on a binary label', () => {
    const p: Array<[string, string]> = [];
    for (let i = 0; i < 7; i++) p.push(i < 4 ? ['1', '1'] : ['0', '0']);
    for (let i = 0; i < 3; i++) p.push(['1', '0']);
    // n = 20 values: eleven '1', nine '0'; Do = 6/20; De = 2*11*9/(20*19).
    expect(krippendorffAlpha(p)).toBeCloseTo(1 - (6 / 20) / ((2 * 11 * 9) / (20 * 19)), 10);
  });
});

describe('evaluate', () => {
  const units: UnitIn[] = [
    { doc: 'd1', side: 'washington', text: 'Japanese officials worry that Washington will cut a deal over Japan\'s head.' },
    { doc: 'd1', side: 'washington', text: 'U.S. officials stressed that the commitment to Japan\'s defense is ironclad.' },
    { doc: 'd2', side: 'tokyo', text: '日本は米国のポチだと識者は批判した。' },
    { doc: 'd2', side: 'tokyo', text: 'The cabinet approved the plan on Tuesday.' },
  ];
  // Gold = the coder's own labels, then one deliberate disagreement per family on the first unit.
  const decided = labelUnits(units, cb);
  const gold: Array<UnitIn & UnitLabel> = decided.map((u) => ({ doc: u.doc, side: u.side, text: u.text, voice: u.voice, codes: [...u.codes], negated: [...u.negated], tone: u.tone }));
  const g0 = gold[0] as UnitIn & UnitLabel;
  g0.voice = 'washington';
  g0.codes = [...g0.codes, 'nuclear'];
  g0.tone = 'positive';
  const result = evaluate(gold, cb, { reps: 200, seed: 7 });

  it('counts per-code true/false positives against the gold', () => {
    const nuclear = result.overall.raised.perCode.nuclear;
    expect(nuclear?.fn).toBe(1);
    expect(nuclear?.tp).toBe(0);
    const ab = result.overall.raised.perCode.abandonment;
    expect(ab?.tp).toBe(decided.filter((u) => u.codes.includes('abandonment')).length);
    expect(ab?.f1).toBe(1);
  });
  it('voice accuracy and confusion reflect the one disagreement', () => {
    expect(result.overall.voice.accuracy.estimate).toBeCloseTo(3 / 4, 10);
    expect(result.overall.voice.confusion.washington?.[decided[0]?.voice as string]).toBe(1);
    expect(result.overall.tone.accuracy.estimate).toBeCloseTo(3 / 4, 10);
  });
  it('splits by language and bootstraps over documents with ordered intervals', () => {
    expect(Object.keys(result.byLang).sort()).toEqual(['en', 'ja']);
    expect(result.byLang.en?.units).toBe(3);
    expect(result.overall.documents).toBe(2);
    const i = result.overall.voice.accuracy;
    expect(i.low).toBeLessThanOrEqual(i.estimate);
    expect(i.high).toBeGreaterThanOrEqual(i.estimate);
    const again = evaluate(gold, cb, { reps: 200, seed: 7 });
    expect(again.overall.voice.kappa).toEqual(result.overall.voice.kappa);
  });
  it('lists every wrong decision with its evidence, grouped by family', () => {
    expect(result.errors.map((e) => e.family)).toEqual(['voice', 'codes', 'tone']);
    const v = result.errors[0];
    expect(v?.evidence).toContain('side:tokyo/');
    const text = formatEvaluation(result, 'text', { errors: true });
    expect(text).toContain('-- voice');
    expect(text).toContain(units[0]?.text);
    expect(text).toContain('code:abandonment/');
    expect(formatEvaluation(result, 'text')).not.toContain('-- voice');
    const json = JSON.parse(formatEvaluation(result, 'json', { errors: true })) as { errors: unknown[] };
    expect(json.errors).toHaveLength(3);
  });
});

describe('parseUnits', () => {
  it('reads labelled JSONL and reports bad lines with their line number', () => {
    const text = ['{"doc":"d1","side":"tokyo","text":"A.","voice":"tokyo","codes":[],"negated":[],"tone":"neutral"}', 'not json', '{"doc":"d1","side":null}', '', '{"doc":"d2","side":null,"text":"B.","tone":"angry"}'].join('\n');
    const { units, messages } = parseUnits(text, 'u.jsonl');
    expect(units.map((u) => u.text)).toEqual(['A.', 'B.']);
    expect(units[0]?.tone).toBe('neutral');
    expect(units[1]?.tone).toBeUndefined();
    expect(messages.map((m) => m.place.line)).toEqual([2, 3, 5]);
  });
});

describe('evaluate against an outside coding (gold maps)', () => {
  const root = mkdtempSync(join(tmpdir(), 'twocities-outside-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const toSjis = sjisEncoder();
  // Headlines with a known spread of the coder's tones (checked below, not assumed).
  const POOL = ['日米同盟は強固だと首相が強調', '米軍基地の負担に県民が反発', '米国の一方的な要求に不満広がる', '日米首脳が会談、協力を確認', '米国務次官補、懸案協議へあす来日', '米国に見捨てられる不安', '同盟関係は過去最良'];
  const TONE_WORD = new Map<Tone, string>([['positive', 'pos'], ['negative', 'neg'], ['neutral', 'neu'], ['mixed', 'mix']]);

  /** Rows with random outside flags (seeded); a quarter not hand-coded. */
  function fixture(seed: number, n: number): { csv: string; rows: Array<{ text: string; train: boolean; neg: boolean; pos: boolean }> } {
    const rand = seededRandom(seed);
    const rows = Array.from({ length: n }, (_, i) => ({ text: POOL[i % POOL.length] as string, train: rand() < 0.75, neg: rand() < 0.4, pos: rand() < 0.3 }));
    const lines = ['No,Headline,year,month,date,paper,train_us,cdneg_us,cdpos_us,tone,tone_short'];
    rows.forEach((r, i) => {
      const t: Tone = r.neg && r.pos ? 'mixed' : r.neg ? 'negative' : r.pos ? 'positive' : 'neutral';
      lines.push(`${i + 1},"${r.text}",${1990 + (i % 20)},${1 + (i % 12)},${1 + (i % 28)},${i % 2 ? 'A' : 'Y'},${r.train ? 1 : 0},${r.neg ? 1 : 0},${r.pos ? '1.0' : 0},${r.train ? t : ''},${r.train ? TONE_WORD.get(t) : ''}`);
    });
    return { csv: lines.join('\r\n') + '\r\n', rows };
  }
  const outsideOf = (r: { neg: boolean; pos: boolean }): Tone => (r.neg && r.pos ? 'mixed' : r.neg ? 'negative' : r.pos ? 'positive' : 'neutral');
  const toolOf = new Map(labelUnits(POOL.map((text) => ({ doc: text, side: 'tokyo', text })), cb).map((u) => [u.text, u.tone]));

  it('reads a gold map, and points at the line of each mistake', () => {
    const good = loadGoldMap(fileURLToPath(new URL('../docs/real-us-tone-map.yaml', import.meta.url)));
    expect(good.messages).toEqual([]);
    expect(good.map?.rows).toEqual(new Map([['train_us', '1']]));
    expect(good.map?.negative).toEqual(new Map([['cdneg_us', '1']]));
    expect(good.map?.both).toBe('mixed');
    expect(good.map?.note).toContain('tone toward the U.S.');
    const both = parseGoldMap('column: tone\nnegative: {cdneg_us: 1}\n', 'm.yaml');
    expect(both.map).toBeUndefined();
    expect(both.messages[0]?.reason).toMatch(/not both/);
    const typo = parseGoldMap('rows: {train_us: 1}\nnegativ: {cdneg_us: 1}\n', 'm.yaml');
    expect(typo.messages.some((m) => m.place.line === 2 && m.place.file === 'm.yaml')).toBe(true);
    const badTone = parseGoldMap('column: tone\nvalues:\n  neg: negative\n  pos: happy\n', 'm.yaml');
    expect(badTone.messages.map((m) => m.place.line)).toContain(4);
    expect(parseGoldMap('column: [', 'm.yaml').messages[0]?.ruleId).toBe('gold-map:yaml');
    expect(loadGoldMap(join(root, 'none.yaml')).messages[0]?.reason).toMatch(/no such file/);
  });

  it('turns a row into a tone: flags, a tone column, rows not coded, empty and unreadable values', () => {
    const flags = parseGoldMap('rows: {train_us: 1}\nnegative: {cdneg_us: 1}\npositive: {cdpos_us: 1}\n', 'm.yaml').map as GoldMap;
    expect(goldTone({ TRAIN_US: '1', cdneg_us: '1', cdpos_us: '0' }, flags)).toEqual({ tone: 'negative' });
    expect(goldTone({ train_us: '1.0', cdneg_us: '1', cdpos_us: ' 1 ' }, flags)).toEqual({ tone: 'mixed' });
    expect(goldTone({ train_us: '1', cdneg_us: '0', cdpos_us: '0' }, flags)).toEqual({ tone: 'neutral' });
    expect(goldTone(new Map([['train_us', '0'], ['cdneg_us', '1']]), flags)).toEqual({ skipped: 'not-coded' });
    const column = parseGoldMap('column: tone\nvalues: {neg: negative, POS: positive}\n', 'm.yaml').map as GoldMap;
    expect(goldTone({ tone: 'Neg' }, column)).toEqual({ tone: 'negative' });
    expect(goldTone({ tone: 'pos' }, column)).toEqual({ tone: 'positive' });
    expect(goldTone({ tone: 'Mixed' }, column)).toEqual({ tone: 'mixed' });
    expect(goldTone({ tone: 'NA' }, column)).toEqual({ skipped: 'no-value' });
    expect('bad' in goldTone({ tone: 'angry' }, column)).toBe(true);
  });

  it('codes every hand-coded row of a CP932 file and compares tones; the UTF-8 twin gives the same figures', async () => {
    const { csv, rows } = fixture(21, 60);
    const sjis = join(root, 'headlines.sjis.csv');
    const utf8 = join(root, 'headlines.utf8.csv');
    writeFileSync(sjis, toSjis(csv));
    writeFileSync(utf8, csv);
    const table = { textColumn: 'Headline', sourceColumn: 'paper', dateColumns: ['year', 'month', 'date'] as [string, string, string], side: 'tokyo', lang: 'ja' };
    const r = await evaluateOutsideTone([sjis], { codebook: cb, map: US_TONE_MAP, table, reps: 300, seed: 3 });
    expect(r.messages.filter((m) => m.severity !== 'info')).toEqual([]);
    const coded = rows.filter((x) => x.train);
    expect(r.rows).toEqual({ read: 60, compared: coded.length, notCoded: 60 - coded.length, noValue: 0, bad: 0 });
    expect(r.agreement.n).toBe(coded.length);
    // The tool's tones are the coder's tones of the decoded headlines: mojibake would turn them neutral.
    expect(new Set(coded.map((x) => toolOf.get(x.text))).size).toBeGreaterThanOrEqual(3);
    for (const o of TONES) {
      let outsideRow = 0;
      for (const t of TONES) outsideRow += r.agreement.confusion.get(o)?.get(t) ?? 0;
      expect(outsideRow, o).toBe(coded.filter((x) => outsideOf(x) === o).length);
      for (const t of TONES) expect(r.agreement.confusion.get(o)?.get(t), `${o}/${t}`).toBe(coded.filter((x) => outsideOf(x) === o && toolOf.get(x.text) === t).length);
    }
    expect(r.agreement.kappa.estimate).toBeCloseTo(cohenKappa(coded.map((x) => [outsideOf(x), toolOf.get(x.text) as string])), 12);
    expect(r.agreement.kappa.low).toBeLessThanOrEqual(r.agreement.kappa.estimate);
    expect(r.agreement.kappa.high).toBeGreaterThanOrEqual(r.agreement.kappa.estimate);
    const twin = await evaluateOutsideTone([utf8], { codebook: cb, map: US_TONE_MAP, table, reps: 300, seed: 3 });
    expect(twin.agreement).toEqual(r.agreement);
  });

  const cli = runCli;

  it('`evaluate FILE --gold-tone-column` and `--gold-map` print kappa, the table and the note', async () => {
    const { csv, rows } = fixture(8, 40);
    const file = join(root, 'cli.sjis.csv');
    // One hand-coded row with a value that is no tone: reported and left out.
    writeFileSync(file, toSjis(csv.replace(/,(pos|neg|neu|mix)\r\n$/, ',angry\r\n')));
    const coded = rows.filter((x) => x.train);
    const last = rows[rows.length - 1];
    const byColumn = await cli(['evaluate', file, '--gold-tone-column', 'tone', '--text-column', 'Headline', '--format', 'json', '--reps', '100']);
    expect(byColumn.code, byColumn.err).toBe(0);
    const json = JSON.parse(byColumn.out) as { n: number; kappa: { estimate: number; low: number; high: number }; confusion: Record<string, Record<string, number>>; rows: { bad: number } };
    expect(json.n).toBe(coded.length);
    expect(json.rows.bad).toBe(0);
    expect(json.confusion.negative?.[toolOf.get(coded.find((x) => outsideOf(x) === 'negative')?.text ?? '') ?? 'neutral']).toBeGreaterThan(0);
    expect(json.kappa.low).toBeLessThanOrEqual(json.kappa.estimate);
    // Short forms are no tones: without a `values` map every coded row is unreadable.
    const short = await cli(['evaluate', file, '--gold-tone-column', 'tone_short', '--text-column', 'Headline']);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(new RegExp(`${coded.length} unreadable`));
    const mapFile = join(root, 'map.yaml');
    writeFileSync(mapFile, 'column: tone_short\nvalues: {neg: negative, pos: positive, neu: neutral, mix: mixed}\nnote: a made-up coding of tone\n');
    const mapped = await cli(['evaluate', file, '--gold-map', mapFile, '--text-column', 'Headline', '--reps', '100']);
    expect(mapped.code, mapped.err).toBe(0);
    const expectedN = coded.length - (last?.train ? 1 : 0);
    expect(mapped.out).toContain(`n = ${expectedN}`);
    expect(mapped.out).toMatch(/Cohen's kappa -?\d\.\d{3} \[-?\d\.\d{3}, -?\d\.\d{3}\]/);
    expect(mapped.out).toContain('Note: a made-up coding of tone.');
    expect(mapped.out).toMatch(/outside \\ tool\s+positive\s+negative\s+mixed\s+neutral/);
    if (last?.train) expect(mapped.err).toMatch(/"angry" in column tone_short is not a tone/);
    const flags = await cli(['evaluate', file, '--gold-map', fileURLToPath(new URL('../docs/real-us-tone-map.yaml', import.meta.url)), '--text-column', 'Headline', '--reps', '100']);
    expect(flags.code, flags.err).toBe(0);
    expect(flags.out).toContain(`n = ${coded.length}`);
    expect(flags.out).toContain('tone toward the U.S.');
  });

  it('names the missing columns and refuses mixed options', async () => {
    const { csv } = fixture(2, 10);
    const file = join(root, 'missing.csv');
    writeFileSync(file, csv);
    const none = await cli(['evaluate', file, '--gold-tone-column', 'sentiment', '--text-column', 'Headline']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no column "sentiment".*"train_us"/);
    const noText = await cli(['evaluate', file, '--gold-tone-column', 'tone']);
    expect(noText.code).toBe(1);
    expect(noText.err).toMatch(/"text"/);
    const both = await cli(['evaluate', file, '--gold-tone-column', 'tone', '--gold-map', 'x.yaml']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/not both/);
  });
});
