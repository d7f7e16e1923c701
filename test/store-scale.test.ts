import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { measure } from '../src/measure.js';
import { measureFor } from '../src/query.js';
import { APPLICATION_ID, MIGRATIONS, Store, SUMMARY_BLOCK, type CountTable } from '../src/store/index.js';
import type { Doc } from '../src/types.js';
import { buildFixtureStore, fixtureDoc, type FixtureDoc } from './helpers/fixture-store.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'twocities-scale-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

const specs: FixtureDoc[] = [
  {
    id: 'a', side: 'tokyo', lang: 'en', date: '2003-05-01', source: 'Asahi', sentences: [
      { text: 'Critics in Tokyo fear the ally may abandon Japan.', voice: 'tokyo', cue: 'Critics in Tokyo', raised: [['abandonment', 'abandon Japan']], tone: 'negative' },
      { text: 'The talks were held.', voice: 'author' },
      { text: 'U.S. officials said it is not true that the benefits flow one way.', voice: 'washington', cue: 'U.S. officials said', negated: [['one_way', 'the benefits flow one way', 'it is not true that']] },
      { text: 'Nothing else happened.', voice: 'author' },
      { text: 'They fear war and war again.', voice: 'tokyo', raised: [['entrapment', 'war'], ['entrapment', 'war again']] },
    ],
  },
  {
    id: 'b', side: 'washington', lang: 'en', date: '2004-02-10', source: 'NYT', sentences: [
      { text: 'A senior administration official said the commitment is unshakable.', voice: 'washington', cue: 'A senior administration official said', raised: [['reassurance', 'the commitment is unshakable']], tone: 'positive' },
      { text: 'The weather was fine.', voice: 'author' },
    ],
  },
];

/** The decisions and summaries of a store in comparable form. */
function snapshot(store: Store, version: string): unknown {
  const docs = store.documents();
  return {
    stats: store.stats(),
    // Map order is not part of the contract: compare sorted entries.
    counts: store.docCounts({ codebook: version }).map((r) => ({ ...r, voices: [...r.voices].sort(), codes: [...r.codes].sort().map(([c, m]) => [c, [...m].sort()]) })),
    sentences: docs.map((d) => store.sentencesOf(d.id, version)),
    evidence: store.evidence({ codebook: version, limit: 50 }),
    documents: docs.map((d) => ({ ...d, addedAt: null })),
  };
}

/** Write a document and its decisions in the layout of schema 4 (rows per sentence), as the old store did. */
function writeOld(db: Database.Database, doc: Doc, hash: string, version: string): void {
  const m = doc.meta;
  const id = Number(db.prepare('INSERT INTO documents (hash, ext_id, title, date, side, source, lang, format, meta, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(hash, m.id, m.title ?? null, m.date ?? null, m.side, m.source ?? null, m.lang, m.format, '{}', doc.text).lastInsertRowid);
  const voices = new Map<string, number>();
  const codes = new Map<string, [number, number]>();
  for (const s of doc.sentences) {
    db.prepare('INSERT INTO sentences (doc_id, idx, paragraph, start_offset, end_offset, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, s.index, s.paragraph, s.start, s.end, s.page ?? null, s.text);
    const d = s.decision;
    if (!d) continue;
    const v = d.voice.voice;
    db.prepare('INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(version, id, s.index, v, d.voice.how, d.voice.cue?.start ?? null, d.voice.cue?.end ?? null, d.voice.cue?.rule ?? null, d.tone);
    voices.set(v, (voices.get(v) ?? 0) + 1);
    for (const [list, neg] of [[d.raised, 1], [d.negated, 0]] as const) {
      const seen = new Set<string>();
      for (const h of list) {
        db.prepare('INSERT INTO hits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(version, id, s.index, h.code, v, neg ? 0 : 1, d.voice.how === 'cue' ? 1 : 0,
          h.evidence.start, h.evidence.end, h.evidence.rule, h.negation?.start ?? null, h.negation?.end ?? null, h.negation?.rule ?? null);
        if (seen.has(h.code)) continue;
        seen.add(h.code);
        const c = codes.get(`${v}\u0000${h.code}`) ?? [0, 0];
        c[neg ? 0 : 1]++;
        codes.set(`${v}\u0000${h.code}`, c);
      }
    }
  }
  for (const [v, n] of voices) db.prepare('INSERT INTO doc_voice VALUES (?, ?, ?, ?)').run(version, id, v, n);
  for (const [k, [r, n]] of codes) {
    const [v, code] = k.split('\u0000') as [string, string];
    db.prepare('INSERT INTO doc_code VALUES (?, ?, ?, ?, ?, ?)').run(version, id, v, code, r, n);
  }
}

/** A count table as comparable rows: document, filter columns and its quads. */
function tableRows(t: CountTable): unknown[] {
  return [...t.docIds].map((id, i) => [id, t.dates[i], t.sides[i], t.sources[i], t.langs[i], [...t.quads.subarray((t.rowPtr[i] as number) * 4, (t.rowPtr[i + 1] as number) * 4)]]);
}

/** The per-document summary rows of a store file read straight from doc_sum (the source blocks are packed from). */
function sumRows(path: string, version: string): unknown[] {
  const db = new Database(path, { readonly: true });
  const cb = (db.prepare('SELECT id FROM codebook_ids WHERE version = ?').get(version) as { id: number }).id;
  const rows = (db.prepare('SELECT doc_id, date, side, source, lang, counts FROM doc_sum WHERE cb = ? ORDER BY doc_id').raw().all(cb) as Array<[number, string | null, string | null, string | null, string | null, Buffer]>)
    .map(([id, date, side, source, lang, counts]) => [id, date, side, source, lang, [...new Int32Array(new Uint8Array(counts).buffer)]]);
  db.close();
  return rows;
}

function blockNumbers(path: string): number[] {
  const db = new Database(path, { readonly: true });
  const out = (db.prepare('SELECT block FROM sum_block ORDER BY block').raw().all() as Array<[number]>).map((r) => r[0]);
  db.close();
  return out;
}

describe('store at archive scale', () => {
  it('packs summary rows in blocks as the writer moves on; reads blocks plus unpacked rows; close packs the rest; a stale block is never read', () => {
    const path = join(tmp(), 'blocks.db');
    const cb = builtinCodebook();
    const store = Store.open(path);
    const docs = Math.round(SUMMARY_BLOCK * 2.5);
    buildFixtureStore(store, cb, { documents: docs, seed: 11 });
    // Ids start at 1: blocks 0 and 1 are complete, block 2 is still being written.
    expect(blockNumbers(path)).toEqual([0, 1]);
    expect(tableRows(store.countTable({ codebook: cb.version }))).toEqual(sumRows(path, cb.version));
    // Re-coding a document of a packed block drops that block; reads still see the new counts.
    const id = 5;
    const before = store.countTable({ codebook: cb.version });
    const sentences = store.sentencesOf(id, cb.version).map((s) => ({ ...s, decision: { voice: { voice: 'other', how: 'default' as const }, raised: [], negated: [], tone: 'neutral' as const, toneEvidence: [] } }));
    store.putDecisions(id, cb.version, sentences);
    const after = store.countTable({ codebook: cb.version });
    expect(after).not.toBe(before);
    expect(tableRows(after)).toEqual(sumRows(path, cb.version));
    expect(tableRows(after)).not.toEqual(tableRows(before));
    store.close();
    expect(blockNumbers(path)).toEqual([0, 1, 2]);
    // Blocks dropped by someone else: another connection reads those ranges from doc_sum and packs them again.
    const raw = new Database(path);
    raw.prepare('DELETE FROM sum_block WHERE block IN (0, 2)').run();
    raw.close();
    const again = Store.open(path);
    expect(tableRows(again.countTable({ codebook: cb.version }))).toEqual(sumRows(path, cb.version));
    expect(blockNumbers(path)).toEqual([0, 1, 2]);
    expect([...again.countTable({ codebook: cb.version, from: '2003', side: ['tokyo'] }).docIds]).toEqual(again.documents({ from: '2003', side: ['tokyo'] }).map((d) => d.id));
    again.close();
  });

  it('measures a filter\'s selected rows in place exactly as it measures the copied table, periods included', () => {
    const path = join(tmp(), 'select.db');
    const cb = builtinCodebook();
    const store = Store.open(path);
    buildFixtureStore(store, cb, { documents: 900, seed: 23 });
    const opts = { codebook: cb, codes: cb.codes.map((c) => c.id), sides: [...cb.sides], reps: 203, groups: 64, periodGroups: 16 };
    const filters = [{}, { from: '2003' }, { from: '2002-03', to: '2004' }, { side: ['tokyo'] }, { lang: ['ja'], side: ['washington', 'unknown'] }, { source: ['Asahi', 'NYT'] }, { from: '2999' }];
    for (const f of filters) {
      const filter = { codebook: cb.version, ...f };
      const selection = store.countSelection(filter);
      if (Object.keys(f).length > 0) expect(selection.rows).not.toBeNull();
      for (const by of [undefined, 'year', 'quarter'] as const) {
        expect(JSON.stringify(measure(selection, { ...opts, by }))).toBe(JSON.stringify(measure(store.countTable(filter), { ...opts, by })));
      }
    }
    store.close();
  });

  it('a block packed by a reader while a writer is still filling it is dropped by the writer\'s next write', () => {
    const path = join(tmp(), 'two.db');
    const cb = builtinCodebook();
    const writer = Store.open(path);
    buildFixtureStore(writer, cb, { documents: 100, seed: 4 });
    const reader = Store.open(path);
    expect(reader.countTable({ codebook: cb.version }).docIds.length).toBe(100);
    expect(blockNumbers(path)).toEqual([0]); // packed by the reader
    const late = fixtureDoc({ id: 'late', side: 'tokyo', lang: 'en', date: '2005-01-01', sentences: [{ text: 'Tokyo worries.', voice: 'tokyo' }] });
    writer.putDecisions(writer.putDocument(late, 'late').id, cb.version, late.sentences);
    expect(reader.countTable({ codebook: cb.version }).docIds.length).toBe(101);
    expect(tableRows(reader.countTable({ codebook: cb.version }))).toEqual(sumRows(path, cb.version));
    reader.close();
    writer.close();
  });

  it('migrations 7 and 8 pack the summary rows of an existing store', () => {
    const path = join(tmp(), 'six.db');
    const cb = builtinCodebook();
    const store = Store.open(path);
    buildFixtureStore(store, cb, { documents: SUMMARY_BLOCK + 40, seed: 3 });
    store.close();
    // Back to schema 6: no blocks.
    const raw = new Database(path);
    raw.exec('DROP TABLE sum_block; DROP INDEX documents_format; DROP INDEX documents_lang; DROP INDEX doc_layout_n;');
    raw.pragma('user_version = 6');
    raw.close();
    const upgraded = Store.open(path);
    expect(blockNumbers(path)).toEqual([0, 1]);
    expect(tableRows(upgraded.countTable({ codebook: cb.version }))).toEqual(sumRows(path, cb.version));
    upgraded.close();
  });

  it('converts a schema-4 store in place: the same sentences, decisions, summaries and evidence as a store written now', () => {
    const dir = tmp();
    const oldPath = join(dir, 'old.db');
    const old = new Database(oldPath);
    for (const sql of MIGRATIONS.slice(0, 4)) old.exec(sql);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 4');
    old.prepare("INSERT INTO codebooks (version, name, yaml, seq) VALUES ('v1', 'us-japan', 'x', 1)").run();
    specs.forEach((s, i) => writeOld(old, fixtureDoc(s), `h${i}`, 'v1'));
    old.close();

    const fresh = Store.open(join(dir, 'new.db'));
    fresh.putCodebook({ name: 'us-japan', version: 'v1', yaml: 'x' });
    specs.forEach((s, i) => {
      const doc = fixtureDoc(s);
      fresh.putDecisions(fresh.putDocument(doc, `h${i}`).id, 'v1', doc.sentences);
    });
    const upgraded = Store.open(oldPath);
    expect(snapshot(upgraded, 'v1')).toEqual(snapshot(fresh, 'v1'));
    // Default decisions are not rows any more; the rest are.
    const raw = new Database(oldPath, { readonly: true });
    expect((raw.prepare('SELECT count(*) AS n FROM dec').get() as { n: number }).n).toBe(4);
    expect((raw.prepare('SELECT text FROM sentences WHERE doc_id = 1 AND idx = 2').get() as { text: string }).text).toBe(specs[0]?.sentences[2]?.text);
    raw.close();
    upgraded.close();
    fresh.close();
  });

  it('putCodedBatch stores exactly what putDocument + putDecisions store, and skips stored hashes', () => {
    const one = Store.open(':memory:');
    const many = Store.open(':memory:');
    const docs = specs.map((s) => fixtureDoc(s));
    docs.forEach((d, i) => one.putDecisions(one.putDocument(d, `h${i}`).id, 'v1', d.sentences));
    const first = many.putCodedBatch('v1', docs.map((doc, i) => ({ doc, hash: `h${i}` })));
    expect(first.map((r) => r.inserted)).toEqual([true, true]);
    expect(snapshot(many, 'v1')).toEqual(snapshot(one, 'v1'));
    const again = many.putCodedBatch('v1', [{ doc: docs[1] as Doc, hash: 'h1' }]);
    expect(again).toEqual([{ id: first[1]?.id, inserted: false }]);
    expect(many.stats().documents).toBe(2);
  });

  it('rebuilds default decisions on read, keeps undecided sentences undecided, and counts a reviewed default sentence as reviewed', () => {
    const store = Store.open(':memory:');
    const doc = fixtureDoc(specs[0] as FixtureDoc);
    const { id } = store.putDocument(doc, 'h');
    // Sentence 3 left undecided: it must come back without a decision, not as a default one.
    store.putDecisions(id, 'v1', doc.sentences.map((s, i) => (i === 3 ? { ...s, decision: undefined } : s)));
    const back = store.sentencesOf(id, 'v1');
    expect(back[1]?.decision).toEqual({ voice: { voice: 'author', how: 'default' }, raised: [], negated: [], tone: 'neutral', toneEvidence: [] });
    expect(back[3]?.decision).toBeUndefined();
    expect(store.docCounts({ codebook: 'v1' })[0]?.voices.get('author')).toBe(1);
    store.putReview({ codebook: 'v1', docId: id, sentence: 1, reviewer: 'ann', voice: 'tokyo', codes: ['autonomy'], negated: [], tone: 'negative' });
    expect(store.reviewPairs('v1')[0]?.machine).toEqual({ voice: 'author', codes: [], negated: [], tone: 'neutral' });
    const [human] = store.docCountsReviewed({ codebook: 'v1' });
    expect(human?.voices.get('author')).toBe(0);
    expect(human?.voices.get('tokyo')).toBe(3);
    expect(human?.codes.get('autonomy')?.get('tokyo')).toEqual({ raised: 1, negated: 0 });
    const cb = { name: 'us-japan', version: 'v1', sides: ['washington', 'tokyo', 'other'], codes: [{ id: 'autonomy' }, { id: 'abandonment' }] } as unknown as Parameters<typeof measureFor>[1];
    expect(measureFor(store, cb, { human: true, reps: 50 }).codes.get('autonomy')?.voices.get('tokyo')?.share).toBeCloseTo(1 / 3);
    expect(measureFor(store, cb, { reps: 50 }).codes.get('autonomy')?.voices.get('tokyo')?.share).toBe(0);
  });

  it('filters the kept count table exactly as the SQL filter of documents(), and sees writes made since', () => {
    const store = Store.open(':memory:');
    const cb = builtinCodebook();
    buildFixtureStore(store, cb, { documents: 400, seed: 5 });
    store.putDocument(fixtureDoc({ id: 'nodate', side: null, lang: 'en', sentences: [{ text: 'Plain.', voice: 'author' }] }), 'nd');
    store.putDecisions(store.hasHash('nd') as number, cb.version, fixtureDoc({ id: 'nodate', side: null, lang: 'en', sentences: [{ text: 'Plain.', voice: 'author' }] }).sentences);
    const filters = [
      {}, { from: '2003' }, { to: '2002-06' }, { from: '2002-03-05', to: '2004' }, { side: ['tokyo'] }, { side: ['unknown'] }, { side: ['washington', 'unknown'] },
      { source: ['Asahi', 'NYT'] }, { lang: ['ja'] }, { from: '2004', side: ['tokyo'], lang: ['en'], source: ['Asahi', 'Diet record'] },
    ];
    for (const f of filters) {
      const viaSql = store.documents(f).map((d) => d.id);
      expect([...store.countTable({ codebook: cb.version, ...f }).docIds], JSON.stringify(f)).toEqual(viaSql);
    }
    const before = store.countTable({ codebook: cb.version }).docIds.length;
    const extra = fixtureDoc({ id: 'late', side: 'tokyo', lang: 'en', date: '2005-01-01', sentences: [{ text: 'Tokyo worries.', voice: 'tokyo' }] });
    store.putDecisions(store.putDocument(extra, 'late').id, cb.version, extra.sentences);
    expect(store.countTable({ codebook: cb.version }).docIds.length).toBe(before + 1);
  });

  it('the grouped bootstrap of a large selection agrees with the document bootstrap within 10% of the interval width', () => {
    const store = Store.open(':memory:');
    const cb = builtinCodebook();
    buildFixtureStore(store, cb, { documents: 6000, seed: 21 });
    const grouped = measureFor(store, cb, { reps: 2000, seed: 7 });
    expect(grouped.groups).toBeLessThan(6000);
    const plain = measure(store.docCounts({ codebook: cb.version }), {
      codebook: cb, codes: cb.codes.map((k) => k.id), sides: [...cb.sides], reps: 2000, seed: 7, groups: 1_000_000,
    });
    let compared = 0;
    for (const code of cb.codes.map((k) => k.id)) {
      const a = grouped.codes.get(code);
      const b = plain.codes.get(code);
      const pairs: Array<[{ low: number | null; high: number | null }, { low: number | null; high: number | null }]> = [[a!.gap, b!.gap]];
      for (const v of ['tokyo', 'washington']) pairs.push([a!.voices.get(v)!, b!.voices.get(v)!]);
      for (const [g, d] of pairs) {
        const width = (d.high as number) - (d.low as number);
        if (!(width > 0)) continue;
        expect(Math.abs((g.low as number) - (d.low as number))).toBeLessThan(0.1 * width);
        expect(Math.abs((g.high as number) - (d.high as number))).toBeLessThan(0.1 * width);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(20);
    // The same estimates: only the intervals come from the grouping.
    expect(grouped.codes.get('abandonment')?.gap.estimate).toBe(plain.codes.get('abandonment')?.gap.estimate);
  });

  it('one filter gives one kept selection while the data is unchanged, and a breakdown after the overview keeps its headline', () => {
    const store = Store.open(':memory:');
    const cb = builtinCodebook();
    buildFixtureStore(store, cb, { documents: 800, seed: 9 });
    const f = { codebook: cb.version, lang: ['en'], from: '2003' };
    const a = store.countSelection(f);
    expect(store.countSelection({ ...f })).toBe(a);
    expect(store.countSelection({ ...f, lang: ['ja'] })).not.toBe(a);
    const opts = { codebook: cb, codes: cb.codes.map((k) => k.id), sides: [...cb.sides], reps: 200, groups: 32 };
    const plain = measure(a, opts);
    const byYear = measure(store.countSelection(f), { ...opts, by: 'year' });
    expect(byYear.codes).toBe(plain.codes); // the same headline object, not recomputed
    // A copy of the rows (another selection object) gives equal figures, computed afresh.
    const copy = measure({ table: a.table, rows: a.rows!.slice() }, opts);
    expect(copy.codes).not.toBe(plain.codes);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(plain));
    // New data: a new table, so a new selection.
    const extra = fixtureDoc({ id: 'late2', side: 'tokyo', lang: 'en', date: '2005-01-01', sentences: [{ text: 'Tokyo worries.', voice: 'tokyo' }] });
    store.putDecisions(store.putDocument(extra, 'late2').id, cb.version, extra.sentences);
    const b = store.countSelection(f);
    expect(b).not.toBe(a);
    expect(b.rows!.length).toBe(a.rows!.length + 1);
  });

  it('a period of a breakdown has the figures of its documents measured alone with the period settings', () => {
    const store = Store.open(':memory:');
    const cb = builtinCodebook();
    buildFixtureStore(store, cb, { documents: 3000, seed: 5 });
    const opts = { codebook: cb, codes: cb.codes.map((k) => k.id), sides: [...cb.sides], reps: 300, seed: 3, groups: 64, periodGroups: 16, periodReps: 120 };
    // 16 groups: every quarter is grouped; 1,000: every quarter's documents are their own units.
    for (const [lang, periodGroups] of [[undefined, 16], [['en'], 16], [['en'], 1000]] as const) {
      const sel = store.countSelection({ codebook: cb.version, ...(lang ? { lang: [...lang] } : {}) });
      const m = measure(sel, { ...opts, groups: 1000, periodGroups, by: 'quarter' });
      expect(m.periods!.length).toBeGreaterThan(4);
      for (const p of [m.periods![0]!, m.periods![3]!, m.periods!.at(-1)!]) {
        const [year, q] = p.period.split('-Q').map(Number) as [number, number];
        const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
        const to = `${year}-${String(q * 3).padStart(2, '0')}-31`;
        const alone = measure(store.countSelection({ codebook: cb.version, from, to, ...(lang ? { lang: [...lang] } : {}) }), { ...opts, reps: 120, groups: periodGroups });
        expect(p.documents).toBe(alone.documents);
        expect(JSON.stringify([...p.codes].map(([c, r]) => [c, [...r.voices], r.gap]))).toBe(JSON.stringify([...alone.codes].map(([c, r]) => [c, [...r.voices], r.gap])));
      }
    }
    expect(measure(store.countTable({ codebook: cb.version }), { ...opts, reps: 50, by: 'year' }).periodReps).toBe(50);
  });

  it('periods of a trend bootstrap over fewer groups, and their intervals still agree with the document bootstrap', () => {
    const store = Store.open(':memory:');
    const cb = builtinCodebook();
    buildFixtureStore(store, cb, { documents: 6000, seed: 21 });
    const opts = { codebook: cb, codes: cb.codes.map((k) => k.id), sides: [...cb.sides], reps: 2000, seed: 7, by: 'year' as const };
    const grouped = measure(store.countTable({ codebook: cb.version }), opts);
    // The reference is the plain document bootstrap with the headline's 2,000 replicates in every period.
    const plain = measure(store.docCounts({ codebook: cb.version }), { ...opts, groups: 1_000_000, periodGroups: 1_000_000, periodReps: 2000 });
    expect(grouped.periodGroups).toBe(128);
    expect(grouped.periodReps).toBe(500);
    expect(plain.periodReps).toBe(2000);
    expect(JSON.parse(JSON.stringify(grouped)).bootstrap).toMatchObject({ reps: 2000, periodGroups: 128, periodReps: 500 });
    let compared = 0;
    let off = 0;
    grouped.periods?.forEach((p, i) => {
      const q = plain.periods?.[i];
      expect(p.documents).toBeGreaterThan(128); // every year is resampled in groups
      expect(q?.period).toBe(p.period);
      for (const code of cb.codes.map((k) => k.id)) {
        const g = p.codes.get(code)!.gap;
        const d = q!.codes.get(code)!.gap;
        expect(g.estimate).toBe(d.estimate);
        const width = (d.high as number) - (d.low as number);
        if (!(width > 0)) continue;
        off = Math.max(off, Math.abs((g.low as number) - (d.low as number)) / width, Math.abs((g.high as number) - (d.high as number)) / width);
        compared++;
      }
    });
    expect(compared).toBeGreaterThanOrEqual(50);
    expect(off).toBeLessThan(0.2);
  });
});

describe('evidence of one period', () => {
  it('reads the same sentences as the unfiltered evidence kept to that period, for years, quarters and months', () => {
    const cb = builtinCodebook();
    const store = Store.open(join(tmp(), 'evidence.db'));
    buildFixtureStore(store, cb, { documents: 1500, seed: 5 });
    const code = cb.codes[1]?.id as string;
    const all = store.evidence({ codebook: cb.version, code, voice: 'tokyo', negated: false, limit: 100_000 });
    const dates = [...new Set(all.map((r) => r.date?.slice(0, 7)).filter((d): d is string => d !== undefined))].sort();
    expect(dates.length).toBeGreaterThan(3);
    const month = dates[Math.floor(dates.length / 2)] as string;
    const year = month.slice(0, 4);
    for (const range of [{ from: year, to: year }, { from: month, to: month }, { from: `${year}-04`, to: `${year}-06` }, { from: month }, { to: month }]) {
      const kept = all.filter((r) => r.date !== null && (range.from === undefined || r.date.slice(0, range.from.length) >= range.from) && (range.to === undefined || r.date.slice(0, range.to.length) <= range.to));
      const got = store.evidence({ codebook: cb.version, code, voice: 'tokyo', negated: false, limit: 100_000, filter: { codebook: cb.version, ...range } });
      expect(got.map((r) => `${r.docId}:${r.sentence}`)).toEqual(kept.map((r) => `${r.docId}:${r.sentence}`));
      expect(got.length).toBeGreaterThan(0);
    }
    store.close();
  });
});
