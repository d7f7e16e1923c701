import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, Store, StoreError } from '../src/store/index.js';
import type { CodeHit, Doc, Sentence, SentenceDecision } from '../src/types.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'twocities-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function hit(text: string, word: string, code: string, rule: string, negWord?: string): CodeHit {
  const start = text.indexOf(word);
  const h: CodeHit = { code, evidence: { start, end: start + word.length, text: word, rule } };
  if (negWord) {
    const ns = text.indexOf(negWord);
    h.negation = { start: ns, end: ns + negWord.length, text: negWord, rule: 'neg:1' };
  }
  return h;
}

/** A small document built from sentences: each [text, voice, raised codes as [word, code], negated as [word, code, neg]]. */
function makeDoc(
  id: string,
  side: string | null,
  date: string | undefined,
  specs: Array<{ text: string; voice: string; cue?: string; raised?: Array<[string, string]>; negated?: Array<[string, string, string]>; paragraph?: number }>,
): Doc {
  let text = '';
  const sentences: Sentence[] = [];
  specs.forEach((sp, i) => {
    if (i > 0) text += ' ';
    const start = text.length;
    text += sp.text;
    const decision: SentenceDecision = {
      voice: { voice: sp.voice, how: sp.cue ? 'cue' : 'default' },
      raised: (sp.raised ?? []).map(([w, c]) => hit(sp.text, w, c, `code:${c}/en:1`)),
      negated: (sp.negated ?? []).map(([w, c, n]) => hit(sp.text, w, c, `code:${c}/en:2`, n)),
      tone: 'neutral',
      toneEvidence: [],
    };
    if (sp.cue) {
      const cs = sp.text.indexOf(sp.cue);
      decision.voice.cue = { start: cs, end: cs + sp.cue.length, text: sp.cue, rule: `side:${sp.voice}/cue:1` };
    }
    sentences.push({ index: i, paragraph: sp.paragraph ?? 0, start, end: text.length, text: sp.text, page: 1, decision });
  });
  const doc: Doc = {
    meta: { id, side, lang: 'en', format: 'txt', extra: { author: 'A. Writer' }, path: `${id}.txt` },
    raw: text,
    text,
    pages: [{ page: 1, start: 0, end: text.length }],
    paragraphs: [{ index: 0, start: 0, end: text.length }],
    sentences,
    messages: [{ ruleId: 'clean:test', source: 'clean', severity: 'info', reason: 'a test note', place: { file: `${id}.txt`, paragraph: 0 } }],
  };
  if (date) doc.meta.date = date;
  doc.meta.title = `Title of ${id}`;
  return doc;
}

const docA = makeDoc('a', 'tokyo', '2003-05-01', [
  { text: 'Critics in Tokyo fear Washington will abandon Japan.', voice: 'tokyo', cue: 'Critics in Tokyo', raised: [['abandon', 'abandonment']] },
  { text: 'They also fear being dragged into a war.', voice: 'tokyo', raised: [['dragged into', 'entrapment'], ['war', 'entrapment']] },
  { text: 'U.S. officials say the alliance has never been better.', voice: 'washington', cue: 'U.S. officials say', raised: [['never been better', 'relationship_positive']] },
  { text: 'No one asked whether China ties would sideline Japan.', voice: 'author', negated: [['sideline Japan', 'japan_passing', 'No one asked']] },
]);
const docB = makeDoc('b', 'washington', '2004-02-10', [
  { text: 'A senior official said America stands by Japan.', voice: 'washington', cue: 'A senior official said', raised: [['stands by', 'reassurance']] },
  { text: 'The weather was fine.', voice: 'author' },
]);

describe('Store', () => {
  it('round-trips documents, decisions and summaries through a real SQLite file', () => {
    const path = join(tmp(), 's.db');
    const store = Store.open(path);
    store.putCodebook({ name: 'us-japan', version: 'v1', yaml: 'name: us-japan\n' });
    const a = store.putDocument(docA, 'hash-a');
    store.putDecisions(a.id, 'v1', docA.sentences);
    const b = store.putDocument(docB, 'hash-b');
    store.putDecisions(b.id, 'v1', docB.sentences);
    expect(a.inserted && b.inserted).toBe(true);
    store.close();

    const again = Store.open(path, { readonly: true });
    expect(again.stats()).toEqual({ documents: 2, sentences: 6, codebooks: 1 });
    expect(again.hasHash('hash-a')).toBe(a.id);
    expect(again.hasHash('nope')).toBeUndefined();

    const rows = again.docCounts({ codebook: 'v1' });
    expect(rows).toHaveLength(2);
    const ra = rows.find((r) => r.docId === a.id);
    expect(ra?.voices.get('tokyo')).toBe(2);
    expect(ra?.voices.get('washington')).toBe(1);
    expect(ra?.voices.get('author')).toBe(1);
    // Two spans of one code in one sentence count as one sentence raising it.
    expect(ra?.codes.get('entrapment')?.get('tokyo')).toEqual({ raised: 1, negated: 0 });
    expect(ra?.codes.get('japan_passing')?.get('author')).toEqual({ raised: 0, negated: 1 });
    expect(ra?.date).toBe('2003-05-01');
    expect(ra?.side).toBe('tokyo');

    // Filters: by date prefix, side, and an unknown codebook.
    expect(again.docCounts({ codebook: 'v1', to: '2003' }).map((r) => r.docId)).toEqual([a.id]);
    expect(again.docCounts({ codebook: 'v1', from: '2004-01' }).map((r) => r.docId)).toEqual([b.id]);
    expect(again.docCounts({ codebook: 'v1', side: ['washington'] }).map((r) => r.docId)).toEqual([b.id]);
    expect(again.docCounts({ codebook: 'v2' })).toEqual([]);

    const ev = again.evidence({ codebook: 'v1', code: 'abandonment', voice: 'tokyo', negated: false });
    expect(ev).toHaveLength(1);
    const e = ev[0];
    expect(e?.text.slice(e.evidence.start, e.evidence.end)).toBe('abandon');
    expect(e?.cue && e.text.slice(e.cue.start, e.cue.end)).toBe('Critics in Tokyo');
    expect(e?.title).toBe('Title of a');
    expect(e?.page).toBe(1);
    const neg = again.evidence({ codebook: 'v1', code: 'japan_passing', negated: true });
    expect(neg[0]?.negation && neg[0].text.slice(neg[0].negation.start, neg[0].negation.end)).toBe('No one asked');
    expect(again.evidence({ codebook: 'v1', code: 'japan_passing', negated: false })).toEqual([]);

    // Sentences with decisions rebuild as written.
    const sents = again.sentencesOf(a.id, 'v1');
    expect(sents.map((s) => s.text)).toEqual(docA.sentences.map((s) => s.text));
    expect(sents[1]?.decision?.raised.map((h) => h.evidence.text)).toEqual(['dragged into', 'war']);
    expect(sents[3]?.decision?.negated[0]?.negation?.text).toBe('No one asked');
    expect(again.documents({ side: ['tokyo'] }).map((d) => d.extId)).toEqual(['a']);
    again.close();
  });

  it('evidence puts cue-set voices first and spreads over documents before repeating one', () => {
    const store = Store.open(':memory:');
    const many = makeDoc('many', 'tokyo', '2003', [
      { text: 'They fear abandonment.', voice: 'tokyo', raised: [['abandonment', 'abandonment']] },
      { text: 'Tokyo critics fear abandonment.', voice: 'tokyo', cue: 'Tokyo critics', raised: [['abandonment', 'abandonment']] },
      { text: 'Japanese voices fear abandonment.', voice: 'tokyo', cue: 'Japanese voices', raised: [['abandonment', 'abandonment']] },
    ]);
    const one = makeDoc('one', 'tokyo', '2004', [{ text: 'Still they fear abandonment.', voice: 'tokyo', raised: [['abandonment', 'abandonment']] }]);
    for (const [d, h] of [[many, 'hm'], [one, 'ho']] as const) store.putDecisions(store.putDocument(d, h).id, 'v1', d.sentences);
    const rows = store.evidence({ codebook: 'v1', code: 'abandonment', voice: 'tokyo', limit: 3 });
    expect(rows.map((r) => [r.extId, r.sentence])).toEqual([['many', 1], ['one', 0], ['many', 2]]);
    expect(rows[0]?.voiceHow).toBe('cue');
    expect(store.evidence({ codebook: 'v1', code: 'abandonment', limit: 10, filter: { codebook: 'v1', from: '2004' } }).map((r) => r.extId)).toEqual(['one']);
    store.close();
  });

  it('putting the same hash twice stores it once', () => {
    const store = Store.open(join(tmp(), 'i.db'));
    const first = store.putDocument(docA, 'h');
    const second = store.putDocument(docB, 'h');
    expect(second).toEqual({ id: first.id, inserted: false });
    expect(store.stats().documents).toBe(1);
    expect(store.stats().sentences).toBe(docA.sentences.length);
    store.close();
  });

  it('re-putting decisions replaces them and their summaries', () => {
    const store = Store.open(':memory:');
    const { id } = store.putDocument(docA, 'h');
    store.putDecisions(id, 'v1', docA.sentences);
    store.putDecisions(id, 'v1', docA.sentences.slice(0, 1));
    const [row] = store.docCounts({ codebook: 'v1' });
    expect(row?.voices).toEqual(new Map([['tokyo', 1]]));
    expect([...(row?.codes.keys() ?? [])]).toEqual(['abandonment']);
    store.close();
  });

  it('a transaction that throws after writing sentences leaves no half document', () => {
    const path = join(tmp(), 't.db');
    const store = Store.open(path);
    expect(() =>
      store.transaction(() => {
        const { id } = store.putDocument(docA, 'h');
        store.putDecisions(id, 'v1', docA.sentences);
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(store.stats()).toEqual({ documents: 0, sentences: 0, codebooks: 0 });
    expect(store.docCounts({ codebook: 'v1' })).toEqual([]);
    store.close();
    const raw = new Database(path, { readonly: true });
    for (const t of ['documents', 'sentences', 'doc_layout', 'coded', 'dec', 'hit', 'tone_ev', 'doc_sum', 'doc_messages']) {
      expect((raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
    }
    raw.close();
  });

  it('upgrades a store written at schema 1 and fills the new sentence text', () => {
    const path = join(tmp(), 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO documents (id, hash, text, lang) VALUES (1, 'h', 'Hello there. Bye now.', 'en')").run();
    old.prepare('INSERT INTO sentences (doc_id, idx, paragraph, start_offset, end_offset) VALUES (1, 0, 0, 0, 12), (1, 1, 0, 13, 21)').run();
    old.close();
    const store = Store.open(path);
    expect(store.sentencesOf(1, 'v1').map((s) => s.text)).toEqual(['Hello there.', 'Bye now.']);
    store.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    check.close();
  });

  it('refuses files that are not twocities stores, naming the file', () => {
    const dir = tmp();
    const notSqlite = join(dir, 'notes.txt');
    writeFileSync(notSqlite, 'These are my notes, not a database. '.repeat(200));
    expect(() => Store.open(notSqlite)).toThrow(StoreError);
    expect(() => Store.open(notSqlite)).toThrow(/notes\.txt.*not an SQLite database/);
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    expect(() => Store.open(other)).toThrow(/other\.db.*not a twocities store/);
    const newer = join(dir, 'newer.db');
    Store.open(newer).close();
    const bump = new Database(newer);
    bump.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    bump.close();
    expect(() => Store.open(newer)).toThrow(/newer\.db.*newer twocities/);
    expect(() => Store.open(join(dir, 'no', 'such', 'dir.db'))).toThrow(StoreError);
  });

  it('re-codes: iterateDocuments rebuilds documents while decisions are written between pages', () => {
    const store = Store.open(':memory:');
    for (let i = 0; i < 5; i++) {
      const d = makeDoc(`d${i}`, 'tokyo', `200${i}`, [{ text: `Sentence ${i}.`, voice: 'author' }]);
      store.putDocument(d, `h${i}`);
    }
    const seen: string[] = [];
    for (const { id, doc } of store.iterateDocuments(2)) {
      seen.push(doc.meta.id);
      expect(doc.sentences[0]?.text).toBe(doc.text);
      expect(doc.meta.extra).toEqual({ author: 'A. Writer' });
      expect(doc.messages[0]?.ruleId).toBe('clean:test');
      store.putDecisions(id, 'v2', docA.sentences.slice(0, 1).map((s) => ({ ...s, index: 0 })));
    }
    expect(seen).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(store.docCounts({ codebook: 'v2' })).toHaveLength(5);
    store.close();
  });

  it('remembers codebooks in order of last use and the last evaluation', () => {
    const store = Store.open(':memory:');
    store.putCodebook({ name: 'a', version: 'va', yaml: 'a' });
    store.putCodebook({ name: 'b', version: 'vb', yaml: 'b' });
    store.putCodebook({ name: 'a', version: 'va', yaml: 'a' });
    expect(store.codebooks().map((c) => c.version)).toEqual(['vb', 'va']);
    expect(store.lastEvaluation('va')).toBeUndefined();
    store.putEvaluation('va', { kappa: 0.5 });
    store.putEvaluation('va', { kappa: 0.7 });
    expect(store.lastEvaluation('va')?.summary).toEqual({ kappa: 0.7 });
    store.close();
  });
});
