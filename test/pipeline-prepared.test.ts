// Store-ready rows built off the writer thread store exactly what the store's own paths store:
// documents cleaned, segmented and coded with the built-in codebook (seeded generator), their rows
// prepared and passed through a structured clone (as postMessage does), then written with
// putPrepared / putPreparedDecisions, and every table compared row by row with putDocument +
// putDecisions and with putCodedBatch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { contentHash, processDoc } from '../src/pipeline.js';
import { newDoc } from '../src/read/doc.js';
import { seededRandom } from '../src/stats.js';
import { Store, SUMMARY_BLOCK } from '../src/store/index.js';
import { prepareCoded, prepareDoc } from '../src/store/rows.js';
import type { Doc } from '../src/types.js';
import { dumpTables } from './helpers/db-dump.js';

const work = mkdtempSync(join(tmpdir(), 'twocities-prepared-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const VIEWS = [
  'Critics in Tokyo complain that the benefits of the alliance flow only one way.',
  'A senior administration official said Tokyo now enjoys unprecedented influence.',
  'Japanese officials do not fear that Washington will abandon Japan.',
  'Some in Tokyo worry about being dragged into a confrontation with China.',
  '日本国内では、同盟の恩恵は一方通行だとの不満が広がっている。',
  'The ministers met again on trade.',
];
const SIDES = ['washington', 'tokyo', 'other', null];

/** Seeded coded documents; every fifth repeats an earlier text, date and source (a duplicate hash). */
function corpus(n: number): Array<{ doc: Doc; hash: string }> {
  const rand = seededRandom(7);
  const codebook = builtinCodebook();
  const out: Array<{ doc: Doc; hash: string }> = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5 === 4 ? i - 3 : i;
    const r = seededRandom(k);
    const text = Array.from({ length: 2 + Math.floor(r() * 6) }, () => VIEWS[Math.floor(r() * VIEWS.length)]).join(r() < 0.5 ? ' ' : '\n\n');
    const meta = { id: `d${i}`, format: 'txt', side: SIDES[k % SIDES.length] ?? null, lang: k % 3 === 0 ? 'ja' : 'en', date: `2010-01-${String(1 + (k % 28)).padStart(2, '0')}`, source: k % 2 ? 'Asahi' : 'NYT' };
    const doc = processDoc(newDoc(rand() < 0.1 ? { ...meta, title: `T${i}`, path: `/x/${i}.txt` } : meta, text), codebook);
    if (i % 7 === 0 && doc.sentences[1]) delete doc.sentences[1].decision; // an undecided sentence must stay undecided
    out.push({ doc, hash: contentHash(doc.text, doc.meta.date, doc.meta.source) });
  }
  return out;
}


describe('prepared store rows', () => {
  // More documents than a summary block and than one multi-row INSERT, so blocks and every statement size run.
  const items = corpus(SUMMARY_BLOCK + 300);
  const cb = builtinCodebook();

  it('putPrepared stores exactly what putDocument + putDecisions and putCodedBatch store, duplicates included', () => {
    const paths = ['one', 'batch', 'prepared'].map((n) => join(work, `${n}.db`));
    const stores = paths.map((p) => Store.open(p));
    const [one, batch, prepared] = stores as [Store, Store, Store];
    for (const s of stores) s.putCodebook({ name: cb.name, version: cb.version, yaml: cb.yaml });
    const expected: boolean[] = [];
    for (const { doc, hash } of items) {
      const r = one.putDocument(doc, hash);
      expected.push(r.inserted);
      if (r.inserted) one.putDecisions(r.id, cb.version, doc.sentences);
    }
    const got: Array<{ id: number; inserted: boolean }> = [];
    // Uneven batches: some duplicates fall inside a batch, others hit a document stored by an earlier one.
    for (let i = 0, size = 1; i < items.length; i += size, size = (size * 3) % 397 + 1) {
      const chunk = items.slice(i, i + size);
      batch.putCodedBatch(cb.version, chunk);
      got.push(...prepared.putPrepared(cb.version, structuredClone(chunk.map(({ doc, hash }) => prepareDoc(doc, hash)))));
    }
    expect(got.map((r) => r.inserted)).toEqual(expected);
    expect(expected.filter((x) => !x).length).toBeGreaterThan(100);
    // A duplicate answers with the id of the stored document with its hash.
    got.forEach((r, i) => expect(r.id).toBe(one.hasHash((items[i] as { hash: string }).hash)));
    for (const s of stores) s.close();
    const want = dumpTables(paths[0] as string);
    expect((want.get('hit') ?? []).length).toBeGreaterThan(100);
    expect((want.get('sum_block') ?? []).length).toBeGreaterThan(0);
    expect(dumpTables(paths[1] as string)).toEqual(want);
    expect(dumpTables(paths[2] as string)).toEqual(want);
  });

  it('putPreparedDecisions replaces decisions exactly as putDecisions does', () => {
    const paths = ['re-one', 're-prepared'].map((n) => join(work, `${n}.db`));
    const stores = paths.map((p) => Store.open(p)) as [Store, Store];
    const docs = items.slice(0, 600);
    for (const s of stores) {
      s.putCodebook({ name: cb.name, version: cb.version, yaml: cb.yaml });
      s.putCodedBatch(cb.version, docs);
    }
    // Re-code with shifted decisions (each sentence gets its neighbour's), under the same codebook and under another.
    const shifted = docs.map(({ doc }) => doc.sentences.map((s, i) => ({ ...s, decision: doc.sentences[(i + 1) % doc.sentences.length]?.decision })));
    for (const version of [cb.version, 'other']) {
      const [one, prepared] = stores;
      const ids = docs.map(({ hash }) => one.hasHash(hash) as number);
      ids.forEach((id, i) => one.putDecisions(id, version, shifted[i] ?? []));
      for (let i = 0; i < ids.length; i += 64) {
        prepared.putPreparedDecisions(version, structuredClone(ids.slice(i, i + 64).map((id, j) => ({ id, coded: prepareCoded(shifted[i + j] ?? []) }))));
      }
    }
    for (const s of stores) s.close();
    expect(dumpTables(paths[1] as string)).toEqual(dumpTables(paths[0] as string));
  });
});
