/**
 * The store: the only module that talks to SQLite (better-sqlite3, synchronous). It keeps the
 * documents, their sentences, the coding decisions of every codebook, and per-document summary
 * counts so that measurement never rescans sentences. Plain tables a user can open with any
 * SQLite tool; see `MIGRATIONS` for the schema.
 */
import Database from 'better-sqlite3';
import { AUTHOR, type CodeHit, type Doc, type Evidence, type Message, type PageSpan, type Paragraph, type Sentence, type SentenceDecision, type Severity, type Tone } from '../types.js';
import type { DocumentListJson, EvidenceJson } from '../api-types.js';
import { prepareCoded, prepareDoc, type PreparedCoded, type PreparedDoc, type RecodeRow } from './rows.js';

/** A problem opening or using a store file (not SQLite, not a twocities store, too new, read-only). */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Which documents a measurement or an evidence query reads. Dates compare as ISO text. */
export interface MeasureFilter {
  codebook: string;
  from?: string | undefined;
  to?: string | undefined;
  /** Document sides; `unknown` selects documents without a side. */
  side?: string[] | undefined;
  source?: string[] | undefined;
  lang?: string[] | undefined;
}

/** Raised and negated sentence counts of one code in one voice of one document. */
export interface CodeCount {
  raised: number;
  negated: number;
}

/** The per-document summary row measurement works from. */
export interface DocCounts {
  docId: number;
  date?: string;
  side: string | null;
  source?: string;
  lang: string;
  /** Sentences per voice. */
  voices: Map<string, number>;
  /** code → voice → counts. */
  codes: Map<string, Map<string, CodeCount>>;
}

/** One sentence behind a figure, with its document and the spans that decided it (the dashboard's wire type). */
export type EvidenceRow = EvidenceJson;

/** A stored document as listed by `documents()` (the dashboard's wire type). */
export type DocumentRow = DocumentListJson;

/** A codebook known to the store, oldest use first. */
export interface CodebookRow {
  version: string;
  name: string;
  yaml: string;
  addedAt: string;
  usedAt: string;
}

/** The last measured agreement figures of a codebook. */
export interface EvaluationRow {
  codebook: string;
  at: string;
  summary: unknown;
}

/** A human decision about one sentence (LABELS.md labels), as stored by `putReview`. */
export interface ReviewInput {
  codebook: string;
  docId: number;
  /** 0-based sentence index in the document. */
  sentence: number;
  reviewer: string;
  voice: string;
  codes: string[];
  negated: string[];
  tone: Tone;
}

/** A stored review: the input plus its id and time. */
export interface ReviewRow extends ReviewInput {
  id: number;
  at: string;
}

/** The machine and the latest human decision of one reviewed sentence. */
export interface ReviewPair {
  docId: number;
  sentence: number;
  lang: string | null;
  human: ReviewRow;
  /** `null` when the codebook never coded the sentence. */
  machine: { voice: string; codes: string[]; negated: string[]; tone: Tone } | null;
}

/** A stored document with its cleaned text. */
export interface StoredDocument extends DocumentRow {
  text: string;
  pages: PageSpan[];
  meta: Record<string, string>;
}

/** Values present in the store, for filter menus. */
export interface Facets {
  sides: Array<string | null>;
  sources: string[];
  langs: string[];
  minDate: string | null;
  maxDate: string | null;
}

/** The `PRAGMA application_id` that marks a file as a twocities store ("TWOC"). */
export const APPLICATION_ID = 0x54574f43;

/**
 * Ordered schema migrations; `PRAGMA user_version` is the number applied. Never edit an entry
 * that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: documents, sentences (offsets only), decisions, hits and the per-document summaries.
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    hash TEXT UNIQUE NOT NULL,
    ext_id TEXT, title TEXT, date TEXT, side TEXT, source TEXT, lang TEXT, format TEXT,
    path TEXT, encoding TEXT,
    meta TEXT,            -- JSON of extra metadata
    text TEXT NOT NULL,   -- the cleaned text; sentence offsets point here
    pages TEXT,           -- JSON [{page,start,end}]
    added_at TEXT
  );
  CREATE INDEX documents_date ON documents(date);
  CREATE TABLE sentences (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, page INTEGER,
    PRIMARY KEY (doc_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE doc_messages (
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    rule_id TEXT NOT NULL, source TEXT, severity TEXT NOT NULL, reason TEXT NOT NULL, place TEXT
  );
  CREATE INDEX doc_messages_doc ON doc_messages(doc_id);
  CREATE TABLE codebooks (
    version TEXT PRIMARY KEY, name TEXT NOT NULL, yaml TEXT NOT NULL, added_at TEXT, used_at TEXT, seq INTEGER
  );
  CREATE TABLE decisions (
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    voice TEXT NOT NULL, voice_how TEXT NOT NULL,
    cue_start INTEGER, cue_end INTEGER, cue_rule TEXT,
    tone TEXT NOT NULL,
    PRIMARY KEY (codebook, doc_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE hits (
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    code TEXT NOT NULL, voice TEXT NOT NULL, negated INTEGER NOT NULL,
    cue INTEGER NOT NULL,  -- 1 when an explicit cue set the voice: such sentences are shown first
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, rule TEXT NOT NULL,
    neg_start INTEGER, neg_end INTEGER, neg_rule TEXT
  );
  CREATE INDEX hits_code ON hits(codebook, code, voice, negated, cue DESC, doc_id DESC, idx);
  CREATE INDEX hits_doc ON hits(codebook, doc_id);
  CREATE TABLE tone_evidence (
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, rule TEXT NOT NULL
  );
  CREATE INDEX tone_evidence_doc ON tone_evidence(codebook, doc_id);
  CREATE TABLE doc_voice (
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL, voice TEXT NOT NULL, sentences INTEGER NOT NULL,
    PRIMARY KEY (codebook, doc_id, voice)
  ) WITHOUT ROWID;
  CREATE TABLE doc_code (
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL, voice TEXT NOT NULL, code TEXT NOT NULL,
    raised INTEGER NOT NULL, negated INTEGER NOT NULL,
    PRIMARY KEY (codebook, doc_id, voice, code)
  ) WITHOUT ROWID;
  CREATE INDEX doc_code_code ON doc_code(codebook, code, voice);
  CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY, codebook TEXT NOT NULL, at TEXT NOT NULL, summary TEXT NOT NULL
  );
  `,
  // 2: sentence text stored beside its offsets, so evidence queries need no substr over documents.
  `
  ALTER TABLE sentences ADD COLUMN text TEXT;
  UPDATE sentences SET text = (SELECT substr(d.text, sentences.start_offset + 1, sentences.end_offset - sentences.start_offset)
                               FROM documents d WHERE d.id = sentences.doc_id);
  CREATE INDEX documents_side ON documents(side);
  `,
  // 3: human reviews of single sentences, kept beside (never over) the machine decisions; the latest counts.
  `
  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    codebook TEXT NOT NULL, doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
    reviewer TEXT NOT NULL, at TEXT NOT NULL,
    voice TEXT NOT NULL, codes TEXT NOT NULL, negated TEXT NOT NULL, tone TEXT NOT NULL
  );
  CREATE INDEX reviews_sentence ON reviews(codebook, doc_id, idx);
  `,
  // 4: near-duplicates: MinHash signatures with their LSH band keys, folded documents linked to the stored one, paths for re-polls.
  `
  CREATE TABLE doc_minhash (doc_id INTEGER PRIMARY KEY REFERENCES documents(id), sig BLOB NOT NULL);
  CREATE TABLE lsh_bands (
    band INTEGER NOT NULL, key INTEGER NOT NULL, doc_id INTEGER NOT NULL,
    PRIMARY KEY (band, key, doc_id)
  ) WITHOUT ROWID;
  CREATE TABLE duplicates (
    id INTEGER PRIMARY KEY,
    doc_id TEXT,                                        -- the folded document's own id (path, record id or URL)
    dup_of INTEGER NOT NULL REFERENCES documents(id),   -- the stored document it duplicates
    similarity REAL NOT NULL, source TEXT, side TEXT, path TEXT, title TEXT, date TEXT, added_at TEXT
  );
  CREATE INDEX duplicates_of ON duplicates(dup_of);
  CREATE INDEX duplicates_path ON duplicates(path);
  CREATE INDEX documents_path ON documents(path);
  `,
  // 5: archive scale. Codebook versions become small integers; sentence boundaries one JSON array per
  // document (text sliced from the document, a `sentences` view keeps the old shape for SQLite tools);
  // decisions stored only where they differ from the default (author, no cue, neutral, no hits), with a
  // `coded` row per document saying it was coded; one per-document summary row (filter columns and a
  // blob of counts) replaces doc_voice/doc_code, which the opening code folds into it (see FINISH).
  `
  CREATE TABLE codebook_ids (id INTEGER PRIMARY KEY, version TEXT UNIQUE NOT NULL);
  INSERT INTO codebook_ids (version) SELECT version FROM codebooks ORDER BY seq, rowid;
  INSERT OR IGNORE INTO codebook_ids (version) SELECT DISTINCT codebook FROM decisions;
  CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);
  CREATE TABLE doc_layout (
    doc_id INTEGER PRIMARY KEY,
    n INTEGER NOT NULL,        -- sentences
    layout TEXT NOT NULL       -- JSON [[start, end, paragraph, page|null(, text when not the slice)], ...] by sentence index
  );
  INSERT INTO doc_layout (doc_id, n, layout)
    SELECT doc_id, count(*), json_group_array(json(CASE WHEN text IS NULL
        OR text = substr((SELECT d.text FROM documents d WHERE d.id = doc_id), start_offset + 1, end_offset - start_offset)
      THEN json_array(start_offset, end_offset, paragraph, page) ELSE json_array(start_offset, end_offset, paragraph, page, text) END) ORDER BY idx)
    FROM sentences GROUP BY doc_id;
  CREATE TABLE coded (
    cb INTEGER NOT NULL, doc_id INTEGER NOT NULL,
    missing TEXT,              -- JSON list of sentence indexes left undecided; NULL when all were decided
    PRIMARY KEY (cb, doc_id)
  ) WITHOUT ROWID;
  INSERT INTO coded (cb, doc_id, missing)
    SELECT c.id, x.doc_id, (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE json_group_array(s.idx) END FROM sentences s
                            WHERE s.doc_id = x.doc_id AND NOT EXISTS (SELECT 1 FROM decisions d2 WHERE d2.codebook = x.codebook AND d2.doc_id = s.doc_id AND d2.idx = s.idx))
    FROM (SELECT DISTINCT codebook, doc_id FROM decisions) x JOIN codebook_ids c ON c.version = x.codebook;
  CREATE TABLE dec (
    cb INTEGER NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    voice TEXT NOT NULL, voice_how TEXT NOT NULL, cue_start INTEGER, cue_end INTEGER, cue_rule TEXT, tone TEXT NOT NULL,
    PRIMARY KEY (cb, doc_id, idx)
  ) WITHOUT ROWID;
  INSERT INTO dec SELECT c.id, d.doc_id, d.idx, d.voice, d.voice_how, d.cue_start, d.cue_end, d.cue_rule, d.tone
    FROM decisions d JOIN codebook_ids c ON c.version = d.codebook
    WHERE NOT (d.voice = 'author' AND d.voice_how = 'default' AND d.cue_start IS NULL AND d.tone = 'neutral')
      OR (d.codebook, d.doc_id, d.idx) IN (SELECT codebook, doc_id, idx FROM hits)
      OR (d.codebook, d.doc_id, d.idx) IN (SELECT codebook, doc_id, idx FROM tone_evidence);
  CREATE TABLE hit (
    cb INTEGER NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    code TEXT NOT NULL, voice TEXT NOT NULL, negated INTEGER NOT NULL,
    cue INTEGER NOT NULL,  -- 1 when an explicit cue set the voice: such sentences are shown first
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, rule TEXT NOT NULL,
    neg_start INTEGER, neg_end INTEGER, neg_rule TEXT
  );
  INSERT INTO hit SELECT c.id, h.doc_id, h.idx, h.code, h.voice, h.negated, h.cue, h.ev_start, h.ev_end, h.rule, h.neg_start, h.neg_end, h.neg_rule
    FROM hits h JOIN codebook_ids c ON c.version = h.codebook ORDER BY h.rowid;
  CREATE INDEX hit_code ON hit(cb, code, voice, negated, cue DESC, doc_id DESC, idx);
  CREATE INDEX hit_doc ON hit(cb, doc_id);
  CREATE TABLE tone_ev (
    cb INTEGER NOT NULL, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL,
    ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, rule TEXT NOT NULL
  );
  INSERT INTO tone_ev SELECT c.id, t.doc_id, t.idx, t.ev_start, t.ev_end, t.rule
    FROM tone_evidence t JOIN codebook_ids c ON c.version = t.codebook ORDER BY t.rowid;
  CREATE INDEX tone_ev_doc ON tone_ev(cb, doc_id);
  CREATE TABLE doc_sum (
    cb INTEGER NOT NULL, doc_id INTEGER NOT NULL,
    date TEXT, side TEXT, source TEXT, lang TEXT,   -- copies of the document's (never changed after insert)
    counts BLOB NOT NULL,      -- int32 quads (voice name id, code name id or 0 for the voice's sentences, raised or sentences, negated)
    PRIMARY KEY (cb, doc_id)
  ) WITHOUT ROWID;
  DROP TABLE sentences;
  DROP TABLE decisions;
  DROP TABLE hits;
  DROP TABLE tone_evidence;
  CREATE VIEW sentences AS
    SELECT l.doc_id AS doc_id, CAST(j.key AS INTEGER) AS idx, j.value ->> 2 AS paragraph, j.value ->> 0 AS start_offset,
           j.value ->> 1 AS end_offset, j.value ->> 3 AS page,
           -- substr counts code points, offsets are UTF-16 units: text past a character outside the BMP shifts here (never in twocities itself)
           coalesce(j.value ->> 4, substr(d.text, (j.value ->> 0) + 1, (j.value ->> 1) - (j.value ->> 0))) AS text
    FROM doc_layout l JOIN documents d ON d.id = l.doc_id, json_each(l.layout) j;
  `,
  // 6: filter menus list sources and languages from a small index, not a scan of every document's text.
  `
  CREATE INDEX documents_source_lang ON documents(source, lang);
  `,
  // 7: summary rows packed in blocks of SUMMARY_BLOCK documents (aligned on document ids), so the first
  // read of a codebook's counts is a few hundred rows, not one per document; doc_sum stays the source
  // they are built from (see FINISH and Store.summaryBlocks). Formats counted from an index.
  `
  CREATE TABLE sum_block (
    cb INTEGER NOT NULL, block INTEGER NOT NULL,   -- documents block*SUMMARY_BLOCK .. (block+1)*SUMMARY_BLOCK-1
    data BLOB NOT NULL,       -- int32: n, quads, n document ids, n quad ends, 4n name ids (date, side, source, lang; 0 = none), the quads
    PRIMARY KEY (cb, block)
  );
  CREATE INDEX documents_format ON documents(format);
  `,
  // 8: menus and totals from small indexes: languages, and sentence counts without reading layouts.
  `
  CREATE INDEX documents_lang ON documents(lang);
  CREATE INDEX doc_layout_n ON doc_layout(n);
  `,
];

/** Documents per packed summary block (`sum_block`); blocks are aligned on document ids. */
export const SUMMARY_BLOCK = 1024;

/** A doc_sum row as read raw: doc id, date, side, source, lang, counts. */
type SumRow = [number, string | null, string | null, string | null, string | null, Buffer];

/** Pack the doc_sum rows of one block (in document order) as one int32 blob (layout in migration 7). */
function packBlock(rows: readonly SumRow[], nameId: (name: string) => number): Buffer {
  const n = rows.length;
  let quadInts = 0;
  for (const r of rows) quadInts += r[5].length / 4;
  const a = new Int32Array(2 + 6 * n + quadInts);
  a[0] = n;
  a[1] = quadInts / 4;
  const bytes = new Uint8Array(a.buffer);
  let q = 2 + 6 * n;
  rows.forEach((r, i) => {
    a[2 + i] = r[0];
    bytes.set(r[5], q * 4);
    q += r[5].length / 4;
    a[2 + n + i] = (q - 2 - 6 * n) / 4;
    for (let k = 0; k < 4; k++) {
      const v = r[k + 1] as string | null;
      a[2 + 2 * n + 4 * i + k] = v === null ? 0 : nameId(v);
    }
  });
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A block blob as int32 (copied when SQLite's buffer is not 4-byte aligned). */
function blockInts(data: Buffer): Int32Array {
  if (data.byteOffset % 4 === 0) return new Int32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  return new Int32Array(new Uint8Array(data).buffer);
}

/** Build and store every summary block of the listed (codebook, block) pairs from doc_sum. */
function buildBlocks(db: Database.Database, names: NameTable, cb: number, blocks: Iterable<number>): void {
  const read = db.prepare('SELECT doc_id, date, side, source, lang, counts FROM doc_sum WHERE cb = ? AND doc_id >= ? AND doc_id < ? ORDER BY doc_id').raw();
  const put = db.prepare('INSERT OR REPLACE INTO sum_block (cb, block, data) VALUES (?, ?, ?)');
  const drop = db.prepare('DELETE FROM sum_block WHERE cb = ? AND block = ?');
  for (const b of blocks) {
    const rows = read.all(cb, b * SUMMARY_BLOCK, (b + 1) * SUMMARY_BLOCK) as SumRow[];
    if (rows.length === 0) drop.run(cb, b);
    else put.run(cb, b, packBlock(rows, (v) => names.id(v)));
  }
}

/** Work a migration needs beyond SQL, run right after it (by schema number reached). */
const FINISH = new Map<number, (db: Database.Database) => void>([
  [5, (db) => {
    // Fold doc_voice/doc_code into one summary row per (codebook, document), then drop them.
    const names = new NameTable(db);
    const cbIds = new Map((db.prepare('SELECT id, version FROM codebook_ids').all() as Array<{ id: number; version: string }>).map((r) => [r.version, r.id]));
    const ins = db.prepare('INSERT INTO doc_sum (cb, doc_id, date, side, source, lang, counts) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Both lists in the same (codebook, document) order, read whole: better-sqlite3 cannot write while iterating.
    const voices = db.prepare(`SELECT v.codebook, v.doc_id, v.voice, v.sentences, d.date, d.side, d.source, d.lang
      FROM doc_voice v JOIN documents d ON d.id = v.doc_id ORDER BY v.codebook, v.doc_id`).raw().all() as Array<[string, number, string, number, string | null, string | null, string | null, string | null]>;
    const codes = db.prepare('SELECT codebook, doc_id, voice, code, raised, negated FROM doc_code ORDER BY codebook, doc_id').raw().all() as Array<[string, number, string, string, number, number]>;
    let c = 0;
    for (let i = 0; i < voices.length;) {
      const [cb, docId, , , date, side, source, lang] = voices[i] as (typeof voices)[number];
      const quads: number[] = [];
      for (; i < voices.length && (voices[i] as (typeof voices)[number])[0] === cb && (voices[i] as (typeof voices)[number])[1] === docId; i++) {
        const v = voices[i] as (typeof voices)[number];
        quads.push(names.id(v[2]), 0, v[3], 0);
      }
      // Skip code rows of documents without voice rows (none are written so), then take this document's.
      const before = (r: (typeof codes)[number]): boolean => r[0] < cb || (r[0] === cb && r[1] < docId);
      while (c < codes.length && before(codes[c] as (typeof codes)[number])) c++;
      for (; c < codes.length && (codes[c] as (typeof codes)[number])[0] === cb && (codes[c] as (typeof codes)[number])[1] === docId; c++) {
        const r = codes[c] as (typeof codes)[number];
        quads.push(names.id(r[2]), names.id(r[3]), r[4], r[5]);
      }
      ins.run(cbIds.get(cb), docId, date, side, source, lang, packCounts(quads));
    }
    db.exec('DROP TABLE doc_voice; DROP TABLE doc_code;');
  }],
  [7, (db) => {
    // Pack the existing summary rows: every (codebook, block) that has any.
    const names = new NameTable(db);
    const pairs = db.prepare(`SELECT DISTINCT cb, doc_id / ${SUMMARY_BLOCK} FROM doc_sum ORDER BY 1, 2`).raw().all() as Array<[number, number]>;
    const byCb = new Map<number, number[]>();
    for (const [cb, b] of pairs) {
      const list = byCb.get(cb) ?? [];
      list.push(b);
      byCb.set(cb, list);
    }
    for (const [cb, blocks] of byCb) buildBlocks(db, names, cb, blocks);
  }],
]);

/** Voice and code names as small integers (the `names` table), cached. */
class NameTable {
  private readonly byName = new Map<string, number>();
  private readonly byId = new Map<number, string>();
  constructor(private readonly db: Database.Database) {
    this.reload();
  }

  reload(): void {
    this.byName.clear();
    this.byId.clear();
    for (const r of this.db.prepare('SELECT id, name FROM names').all() as Array<{ id: number; name: string }>) {
      this.byName.set(r.name, r.id);
      this.byId.set(r.id, r.name);
    }
  }

  id(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) {
      id = Number(this.db.prepare('INSERT INTO names (name) VALUES (?)').run(name).lastInsertRowid);
      this.byName.set(name, id);
      this.byId.set(id, name);
    }
    return id;
  }

  name(id: number): string {
    let name = this.byId.get(id);
    if (name === undefined) {
      this.reload(); // written by another connection since we loaded
      name = this.byId.get(id);
    }
    if (name === undefined) throw new Error(`store: name id ${id} is not in the names table`);
    return name;
  }

  /** Every known name by id (a snapshot). */
  all(): ReadonlyMap<number, string> {
    return this.byId;
  }
}

/** Counts as a native-endian int32 blob. */
function packCounts(quads: readonly number[]): Buffer {
  const a = Int32Array.from(quads);
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

interface RawDocRow {
  id: number;
  hash: string;
  ext_id: string | null;
  title: string | null;
  date: string | null;
  side: string | null;
  source: string | null;
  lang: string | null;
  format: string | null;
  path: string | null;
  encoding: string | null;
  meta: string | null;
  text: string;
  pages: string | null;
  added_at: string | null;
}

/** One sentence in `doc_layout`: start, end, paragraph, page, and its text when it is not the slice. */
type LayoutEntry = [number, number, number, number | null, string?];

/** A stored sentence without decisions. */
interface StoredSentence {
  start: number;
  end: number;
  paragraph: number;
  page: number | null;
  text: string;
}

/** The document columns copied into `doc_sum` so that filters need no join. */
interface DocFilterColumns {
  date: string | null;
  side: string | null;
  source: string | null;
  lang: string | null;
}

/** Rows of coded documents waiting to be written, flat per table (column order of the table). */
interface CodedRows {
  coded: unknown[];
  dec: unknown[];
  hit: unknown[];
  tone: unknown[];
  sum: unknown[];
}

function emptyRows(): CodedRows {
  return { coded: [], dec: [], hit: [], tone: [], sum: [] };
}

/** Rows per multi-row INSERT, largest first (256 measured fastest: see CHANGELOG). */
const ROWS_PER_INSERT = [256, 64, 16, 4, 1] as const;

/** Append prepared rows of `width` values to `out`, each led by the codebook and document ids. */
function withIds(out: unknown[], cb: number, docId: number, src: readonly unknown[], width: number): void {
  for (let i = 0; i < src.length; i += width) {
    out.push(cb, docId);
    for (let j = i; j < i + width; j++) out.push(src[j]);
  }
}

/**
 * Per-document summary counts of a selection, packed: row i (document `docIds[i]`) owns quads
 * `rowPtr[i]..rowPtr[i+1]` of `quads`, each (voice name id, code name id or 0 for the voice's
 * sentences, raised or sentences, negated). A document may repeat a (voice, code) pair: the
 * values add up ("human where reviewed" appends corrections that way).
 */
export interface CountTable {
  docIds: Int32Array;
  dates: Array<string | null>;
  sides: Array<string | null>;
  sources: Array<string | null>;
  langs: Array<string | null>;
  rowPtr: Int32Array;
  quads: Int32Array;
  /** Name of every id used in `quads`. */
  names: ReadonlyMap<number, string>;
}

/** Rows of a count table chosen by a filter (null: all of them), in table order. */
export interface CountSelection {
  table: CountTable;
  rows: Int32Array | null;
}

/**
 * Unpack a count table into one `DocCounts` object per document (for code that wants Maps).
 *
 * @example
 * const rows = docCountsOf(store.countTable({ codebook: cb.version }));
 */
export function docCountsOf(t: CountTable): DocCounts[] {
  const out: DocCounts[] = [];
  const name = (id: number): string => {
    const n = t.names.get(id);
    if (n === undefined) throw new Error(`store: count table has no name for id ${id}`);
    return n;
  };
  for (let i = 0; i < t.docIds.length; i++) {
    const row: DocCounts = { docId: t.docIds[i] as number, side: t.sides[i] ?? null, lang: t.langs[i] ?? 'und', voices: new Map(), codes: new Map() };
    const date = t.dates[i];
    const source = t.sources[i];
    if (date !== null && date !== undefined) row.date = date;
    if (source !== null && source !== undefined) row.source = source;
    for (let j = (t.rowPtr[i] as number) * 4; j < (t.rowPtr[i + 1] as number) * 4; j += 4) {
      const voice = name(t.quads[j] as number);
      const code = t.quads[j + 1] as number;
      if (code === 0) {
        row.voices.set(voice, (row.voices.get(voice) ?? 0) + (t.quads[j + 2] as number));
        continue;
      }
      const codeName = name(code);
      let perVoice = row.codes.get(codeName);
      if (!perVoice) {
        perVoice = new Map();
        row.codes.set(codeName, perVoice);
      }
      const c = perVoice.get(voice) ?? { raised: 0, negated: 0 };
      c.raised += t.quads[j + 2] as number;
      c.negated += t.quads[j + 3] as number;
      perVoice.set(voice, c);
    }
    out.push(row);
  }
  return out;
}

function defaultDecision(): SentenceDecision {
  return { voice: { voice: AUTHOR, how: 'default' }, raised: [], negated: [], tone: 'neutral', toneEvidence: [] };
}

function isoNow(): string {
  return new Date().toISOString();
}

function ev(text: string, start: number, end: number, rule: string): Evidence {
  return { start, end, text: text.slice(start, end), rule };
}

/**
 * A twocities store over one SQLite file (or `:memory:`). Synchronous; one connection.
 *
 * @example
 * const store = Store.open('twocities.db');
 * const { id } = store.putDocument(doc, hash);
 * store.putDecisions(id, codebook.version, doc.sentences);
 * store.close();
 */
export class Store {
  private readonly stmts = new Map<string, Database.Statement>();
  private nameTable: NameTable | undefined;
  private readonly cbIds = new Map<string, number>();
  private tableCache: { cb: number; version: string; table: CountTable } | undefined;
  /** Summary blocks whose row a write through this connection dropped, by codebook id: rebuilt once the writer moves past them, or at close. */
  private readonly pendingBlocks = new Map<number, Set<number>>();

  private constructor(
    private readonly db: Database.Database,
    /** The file this store reads, as given. */
    readonly path: string,
    readonly readonly: boolean,
  ) {}

  /**
   * Open (or create) a store. Upgrades an older schema; throws `StoreError` naming the file when
   * it is not SQLite, not a twocities store, or written by a newer version.
   *
   * @example
   * const store = Store.open(':memory:');
   */
  static open(path: string, opts: { readonly?: boolean } = {}): Store {
    const readonly = opts.readonly === true;
    let db: Database.Database;
    try {
      db = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
    } catch (e) {
      throw new StoreError(`store ${path}: cannot open (${(e as Error).message})`);
    }
    try {
      const store = new Store(db, path, readonly);
      store.prepareSchema();
      store.tune();
      return store;
    } catch (e) {
      db.close();
      if (e instanceof StoreError) throw e;
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new StoreError(`store ${path}: not an SQLite database (is it the right file?)`);
      throw new StoreError(`store ${path}: cannot open (${(e as Error).message})`);
    }
  }

  private prepareSchema(): void {
    const db = this.db;
    const version = db.pragma('user_version', { simple: true }) as number;
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0)) {
      throw new StoreError(`store ${this.path}: an SQLite database, but not a twocities store (it has other tables)`);
    }
    if (version > MIGRATIONS.length) {
      throw new StoreError(`store ${this.path}: written by a newer twocities (schema ${version}, this version knows ${MIGRATIONS.length})`);
    }
    if (this.readonly) {
      if (version < MIGRATIONS.length) throw new StoreError(`store ${this.path}: schema ${version} needs an upgrade; open it once for writing`);
      return;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (version < MIGRATIONS.length) {
      db.transaction(() => {
        for (let v = version; v < MIGRATIONS.length; v++) {
          db.exec(MIGRATIONS[v] as string);
          FINISH.get(v + 1)?.(db);
        }
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${MIGRATIONS.length}`);
      })();
    }
  }

  /** Bulk-load settings (measured: see CHANGELOG); harmless for reads. */
  private tune(): void {
    this.db.pragma('cache_size = -65536'); // 64 MiB of page cache: index pages stay hot through a large ingest
    this.db.pragma('temp_store = MEMORY');
    // Checkpoint the WAL every 16384 pages (64 MiB) instead of 1000: a bulk write then waits for a
    // checkpoint's fsync 16 times less often and copies a page rewritten by several batches once.
    if (!this.readonly) this.db.pragma('wal_autocheckpoint = 16384');
  }

  /** A cached prepared statement. */
  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /**
   * The id of the stored document with this content hash, if any.
   *
   * @example
   * if (store.hasHash(hash) !== undefined) skip();
   */
  hasHash(hash: string): number | undefined {
    const row = this.stmt('SELECT id FROM documents WHERE hash = ?').get(hash) as { id: number } | undefined;
    return row?.id;
  }

  /**
   * Run `fn` inside one transaction (nested calls become savepoints). A throw rolls it all back.
   *
   * @example
   * store.transaction(() => docs.forEach((d) => store.putDocument(d, hashOf(d))));
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      // Ids handed out inside the rolled-back work are gone from the file: forget the cached ones.
      this.nameTable?.reload();
      this.cbIds.clear();
      // Block rows dropped inside it are back; any still missing are read from doc_sum, so forgetting is safe.
      this.pendingBlocks.clear();
      throw e;
    }
  }

  /** Voice and code names as integers; created on first use (the schema must exist). */
  private names(): NameTable {
    this.nameTable ??= new NameTable(this.db);
    return this.nameTable;
  }

  /** The integer id of a codebook version; created when `create`, else undefined when unknown. */
  private cbId(version: string, create: true): number;
  private cbId(version: string, create: false): number | undefined;
  private cbId(version: string, create: boolean): number | undefined {
    let id = this.cbIds.get(version);
    if (id !== undefined) return id;
    id = (this.stmt('SELECT id FROM codebook_ids WHERE version = ?').get(version) as { id: number } | undefined)?.id;
    if (id === undefined && create) id = Number(this.stmt('INSERT INTO codebook_ids (version) VALUES (?)').run(version).lastInsertRowid);
    if (id !== undefined) this.cbIds.set(version, id);
    return id;
  }

  /**
   * Insert flat rows of `cols` values each, many rows per statement: runs of 256, then 64, 16, 4
   * and 1 (a few cached statements cover any count; 256 rows of the widest table stay far under
   * SQLite's limit of bound values).
   */
  private insertMany(table: string, cols: number, flat: readonly unknown[]): void {
    const rows = flat.length / cols;
    const tuple = `(${'?, '.repeat(cols - 1)}?)`;
    let i = 0;
    for (const chunk of ROWS_PER_INSERT) {
      if (rows - i < chunk) continue;
      const stmt = this.stmt(`INSERT INTO ${table} VALUES ${`${tuple}, `.repeat(chunk - 1)}${tuple}`);
      for (; i + chunk <= rows; i += chunk) stmt.run(flat.slice(i * cols, (i + chunk) * cols));
    }
  }

  /**
   * Insert prepared documents (hashes not stored yet, all different) under consecutive ids from
   * `firstId`, with their layouts and messages. The ids are the ones SQLite would give: one more
   * than the largest stored.
   */
  private insertDocuments(docs: readonly PreparedDoc[], firstId: number): void {
    const now = isoNow();
    const d: unknown[] = [];
    const l: unknown[] = [];
    const msgs: unknown[] = [];
    docs.forEach((p, i) => {
      const id = firstId + i;
      d.push(id, p.hash, p.extId, p.title, p.date, p.side, p.source, p.lang, p.format, p.path, p.encoding, p.meta, p.text, p.pages, now);
      l.push(id, p.n, p.layout);
      for (const m of p.messages) msgs.push(id, m.ruleId, m.source, m.severity, m.reason, JSON.stringify(m.place));
    });
    this.insertMany('documents', 15, d);
    this.insertMany('doc_layout', 3, l);
    this.insertMany('doc_messages', 6, msgs);
  }

  /** The id the next inserted document gets. */
  private nextDocumentId(): number {
    return ((this.stmt('SELECT max(id) AS id FROM documents').get() as { id: number | null }).id ?? 0) + 1;
  }

  /**
   * Store one document with its sentences and messages atomically. Returns `{id, inserted:false}`
   * if a document with this hash is already stored (nothing is written then).
   *
   * @example
   * const { id, inserted } = store.putDocument(doc, contentHash(doc.text));
   */
  putDocument(doc: Doc, hash: string): { id: number; inserted: boolean } {
    return this.transaction(() => {
      const existing = this.hasHash(hash);
      if (existing !== undefined) return { id: existing, inserted: false };
      const id = this.nextDocumentId();
      this.insertDocuments([prepareDoc(doc, hash)], id);
      return { id, inserted: true };
    });
  }

  /**
   * Record a codebook (by content version) and mark it as the latest used.
   *
   * @example
   * store.putCodebook({ name: 'us-japan', version: 'a1b2c3', yaml });
   */
  putCodebook(info: { name: string; version: string; yaml: string }): void {
    const now = isoNow();
    this.stmt(
      `INSERT INTO codebooks (version, name, yaml, added_at, used_at, seq) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM codebooks))
       ON CONFLICT(version) DO UPDATE SET used_at = excluded.used_at, seq = excluded.seq, name = excluded.name`,
    ).run(info.version, info.name, info.yaml, now, now);
    this.cbId(info.version, true);
  }

  /** Remove the decisions and summary of one codebook on one document (when it was coded). */
  private clearCoded(cb: number, docId: number): void {
    if (this.stmt('SELECT 1 FROM coded WHERE cb = ? AND doc_id = ?').get(cb, docId) === undefined) return;
    for (const table of ['coded', 'dec', 'hit', 'tone_ev', 'doc_sum']) this.stmt(`DELETE FROM ${table} WHERE cb = ? AND doc_id = ?`).run(cb, docId);
  }

  /** Add the prepared coding rows of one document to `rows` with their ids; summary names become name ids here. */
  private collectCoded(cb: number, docId: number, meta: DocFilterColumns, p: PreparedCoded, rows: CodedRows): void {
    rows.coded.push(cb, docId, p.missing);
    withIds(rows.dec, cb, docId, p.dec, 7);
    withIds(rows.hit, cb, docId, p.hit, 11);
    withIds(rows.tone, cb, docId, p.tone, 4);
    if (p.quads.length === 0) return;
    const names = this.names();
    const ids = p.names.map((n) => names.id(n));
    const quads = new Array<number>(p.quads.length);
    for (let i = 0; i < p.quads.length; i += 4) {
      const code = p.quads[i + 1] as number;
      quads[i] = ids[p.quads[i] as number] as number;
      quads[i + 1] = code === 0 ? 0 : (ids[code - 1] as number);
      quads[i + 2] = p.quads[i + 2] as number;
      quads[i + 3] = p.quads[i + 3] as number;
    }
    rows.sum.push(cb, docId, meta.date, meta.side, meta.source, meta.lang, packCounts(quads));
  }

  /** Write collected rows, several rows per statement. */
  private writeCoded(rows: CodedRows): void {
    // Every coded document's block goes stale (its summary row was added, replaced or dropped); each dropped once per write.
    const stale = new Set<string>();
    for (let i = 0; i < rows.coded.length; i += 3) {
      const cb = rows.coded[i] as number;
      const block = Math.floor((rows.coded[i + 1] as number) / SUMMARY_BLOCK);
      if (stale.has(`${cb}/${block}`)) continue;
      stale.add(`${cb}/${block}`);
      this.staleBlock(cb, block);
    }
    this.insertMany('coded', 3, rows.coded);
    this.insertMany('dec', 9, rows.dec);
    this.insertMany('hit', 13, rows.hit);
    this.insertMany('tone_ev', 6, rows.tone);
    this.insertMany('doc_sum', 7, rows.sum);
  }

  /**
   * Replace the decisions of one codebook on one document (sentences carry `.decision`) and
   * refresh its summary counts, atomically. Sentences without a decision are left out.
   *
   * @example
   * store.putDecisions(id, codebook.version, doc.sentences);
   */
  putDecisions(docId: number, codebookVersion: string, sentences: Sentence[]): void {
    this.putPreparedDecisions(codebookVersion, [{ id: docId, coded: prepareCoded(sentences) }]);
  }

  /**
   * Replace the decisions of one codebook on stored documents with prepared rows (`prepareCoded`,
   * built on any thread), in one transaction: the batch path of re-coding. `meta` saves a lookup
   * of the document's filter columns when the caller has them.
   *
   * @example
   * store.putPreparedDecisions(cb.version, [{ id, coded: prepareCoded(sentences) }]);
   */
  putPreparedDecisions(codebookVersion: string, items: ReadonlyArray<{ id: number; coded: PreparedCoded; meta?: DocFilterColumns }>): void {
    this.transaction(() => {
      const cb = this.cbId(codebookVersion, true);
      let rows = emptyRows();
      let last = 0;
      const inRows = new Set<number>();
      for (const { id, coded, meta } of items) {
        if (inRows.has(id)) {
          // The same document again: its earlier rows are written first, so the later ones replace them.
          this.writeCoded(rows);
          rows = emptyRows();
          inRows.clear();
        }
        inRows.add(id);
        this.clearCoded(cb, id);
        const m = meta ?? (this.stmt('SELECT date, side, source, lang FROM documents WHERE id = ?').get(id) as DocFilterColumns | undefined)
          ?? { date: null, side: null, source: null, lang: null };
        this.collectCoded(cb, id, m, coded, rows);
        if (id > last) last = id;
      }
      this.writeCoded(rows);
      this.sealBlocks(last);
    });
  }

  /**
   * Stored documents as re-coding reads them, in id order, a page at a time (so writing between
   * pages is safe): no sentence objects are built here, the layout JSON goes to the coder as it is.
   *
   * @example
   * for (const row of store.recodeRows()) send(row);
   */
  *recodeRows(pageSize = 256): Generator<RecodeRow> {
    let after = 0;
    for (;;) {
      const rows = this.stmt(`SELECT d.id, d.side, d.lang, d.title, d.date, d.source, d.text, coalesce(l.layout, '[]') AS layout
        FROM documents d LEFT JOIN doc_layout l ON l.doc_id = d.id WHERE d.id > ? ORDER BY d.id LIMIT ?`).all(after, pageSize) as RecodeRow[];
      if (rows.length === 0) return;
      yield* rows;
      after = (rows[rows.length - 1] as RecodeRow).id;
    }
  }

  /**
   * Store new documents with their decisions under one codebook in one transaction: the fast path
   * of ingest (no per-document deletes, rows written many per statement). Documents whose hash is
   * already stored are left as they are (`inserted: false`, their decisions untouched). Results are
   * in the order of `items`.
   *
   * @example
   * const ids = store.putCodedBatch(cb.version, [{ doc, hash: contentHash(doc.text) }]);
   */
  putCodedBatch(codebookVersion: string, items: ReadonlyArray<{ doc: Doc; hash: string }>): Array<{ id: number; inserted: boolean }> {
    return this.putPrepared(codebookVersion, items.map(({ doc, hash }) => prepareDoc(doc, hash)));
  }

  /**
   * `putCodedBatch` for documents prepared elsewhere (`prepareDoc`, on a worker thread): this
   * thread only looks up hashes, binds values and runs multi-row INSERTs. Stores exactly what
   * `putCodedBatch` stores for the same documents; a hash seen earlier in `docs` counts as stored.
   *
   * @example
   * const ids = store.putPrepared(cb.version, [prepareDoc(doc, contentHash(doc.text))]);
   */
  putPrepared(codebookVersion: string, docs: readonly PreparedDoc[]): Array<{ id: number; inserted: boolean }> {
    return this.transaction(() => {
      const cb = this.cbId(codebookVersion, true);
      const firstId = this.nextDocumentId();
      const fresh: PreparedDoc[] = [];
      const inBatch = new Map<string, number>();
      const out = docs.map((p) => {
        const existing = inBatch.get(p.hash) ?? this.hasHash(p.hash);
        if (existing !== undefined) return { id: existing, inserted: false };
        const id = firstId + fresh.length;
        fresh.push(p);
        inBatch.set(p.hash, id);
        return { id, inserted: true };
      });
      if (fresh.length === 0) return out;
      this.insertDocuments(fresh, firstId);
      const rows = emptyRows();
      fresh.forEach((p, i) => this.collectCoded(cb, firstId + i, p, p.coded, rows));
      this.writeCoded(rows);
      this.sealBlocks(firstId + fresh.length - 1);
      return out;
    });
  }

  /**
   * Drop a summary block's row (its documents changed) and remember to rebuild it. Always dropped,
   * even when already pending: a reader may have packed the block since this connection's last write.
   */
  private staleBlock(cb: number, block: number): void {
    let set = this.pendingBlocks.get(cb);
    if (!set) {
      set = new Set();
      this.pendingBlocks.set(cb, set);
    }
    this.stmt('DELETE FROM sum_block WHERE cb = ? AND block = ?').run(cb, block);
    set.add(block);
  }

  /**
   * Rebuild the stale blocks below the block of `docId` (or all of them): writers go in document
   * order (ingest, re-coding), so a block left behind is complete and is packed exactly once.
   */
  private sealBlocks(docId = Number.POSITIVE_INFINITY): void {
    const below = Math.floor(docId / SUMMARY_BLOCK);
    for (const [cb, set] of this.pendingBlocks) {
      const ready = [...set].filter((b) => b < below);
      if (ready.length === 0) continue;
      buildBlocks(this.db, this.names(), cb, ready);
      for (const b of ready) set.delete(b);
    }
  }

  /** SQL condition on `d` (documents or doc_sum: same column names) and its parameters for a filter. */
  private docFilter(filter: Partial<MeasureFilter> | undefined): { where: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (!filter) return { where: '', params };
    // Prefix comparison: `--to 2004` keeps 2004-12-31, `--from 2004-03` keeps 2004-03-01.
    // Each prefix test also has its plain range twin (the same rows for ISO dates), which the date index can serve.
    if (filter.from) {
      parts.push('d.date >= ? AND substr(d.date, 1, length(?)) >= ?');
      params.push(filter.from, filter.from, filter.from);
    }
    if (filter.to) {
      parts.push('d.date < ? AND substr(d.date, 1, length(?)) <= ?');
      params.push(`${filter.to}\u{10FFFF}`, filter.to, filter.to);
    }
    const inList = (column: string, values: string[] | undefined, unknownIsNull: boolean): void => {
      if (!values || values.length === 0) return;
      const named = values.filter((v) => !(unknownIsNull && v === 'unknown'));
      const alts: string[] = [];
      if (named.length) {
        alts.push(`${column} IN (${named.map(() => '?').join(', ')})`);
        params.push(...named);
      }
      if (named.length < values.length) alts.push(`${column} IS NULL`);
      parts.push(`(${alts.join(' OR ')})`);
    };
    inList('d.side', filter.side, true);
    inList('d.source', filter.source, false);
    inList('d.lang', filter.lang, false);
    return { where: parts.map((p) => ` AND (${p})`).join(''), params };
  }

  /**
   * Every summary row of one codebook, read once per data version and kept (one codebook at a
   * time): the packed blocks, plus doc_sum rows of any range without a block (written by a process
   * that has not closed yet, or an unfinished block), which are packed and stored when this
   * connection may write.
   */
  private fullTable(cb: number): CountTable {
    let version = this.dataVersion();
    const hit = this.tableCache;
    if (hit && hit.cb === cb && hit.version === version) return hit.table;
    this.tableCache = undefined; // let the old one go before reading the new
    // Blocks and the rows of ranges without one, read in one snapshot (a writer may commit in between).
    const { stored, loose } = this.db.transaction(() => {
      const stored = this.stmt('SELECT block, data FROM sum_block WHERE cb = ? ORDER BY block').raw().all(cb) as Array<[number, Buffer]>;
      // Ranges between stored blocks (and after the last) may hold rows not packed yet.
      const gaps: Array<[number, number]> = [];
      let next = 0;
      for (const [b] of stored) {
        if (b > next) gaps.push([next * SUMMARY_BLOCK, b * SUMMARY_BLOCK]);
        next = b + 1;
      }
      gaps.push([next * SUMMARY_BLOCK, 2 ** 53]);
      const loose: SumRow[] = [];
      const read = this.stmt('SELECT doc_id, date, side, source, lang, counts FROM doc_sum WHERE cb = ? AND doc_id >= ? AND doc_id < ? ORDER BY doc_id').raw();
      for (const [lo, hi] of gaps) for (const r of read.all(cb, lo, hi) as SumRow[]) loose.push(r);
      return { stored, loose };
    })();
    if (loose.length > 0 && !this.readonly && !this.db.inTransaction) {
      const blocks = new Set(loose.map((r) => Math.floor(r[0] / SUMMARY_BLOCK)));
      // Packing is a favour to later readers: never wait for another process's write lock to do it.
      const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
      this.db.pragma('busy_timeout = 0');
      try {
        this.transaction(() => buildBlocks(this.db, this.names(), cb, blocks));
        for (const b of blocks) this.pendingBlocks.get(cb)?.delete(b);
        version = this.dataVersion(); // our own write, not a change of the data
      } catch {
        // Another process is writing: the rows are read below all the same; a later read packs them.
      } finally {
        this.db.pragma(`busy_timeout = ${timeout}`);
      }
    }
    const nameOf = this.nameArray();
    const parts = stored.map(([b, data]) => ({ b, a: blockInts(data) }));
    let n = loose.length;
    let quadInts = 0;
    for (const r of loose) quadInts += r[5].length / 4;
    for (const { a } of parts) {
      n += a[0] as number;
      quadInts += (a[1] as number) * 4;
    }
    const docIds = new Int32Array(n);
    const dates = new Array<string | null>(n);
    const sides = new Array<string | null>(n);
    const sources = new Array<string | null>(n);
    const langs = new Array<string | null>(n);
    const rowPtr = new Int32Array(n + 1);
    const quads = new Int32Array(quadInts);
    const cols = [dates, sides, sources, langs];
    let i = 0;
    let li = 0; // next loose row
    const takeLoose = (below: number): void => {
      for (; li < loose.length && (loose[li] as SumRow)[0] < below; li++, i++) {
        const r = loose[li] as SumRow;
        docIds[i] = r[0];
        dates[i] = r[1];
        sides[i] = r[2];
        sources[i] = r[3];
        langs[i] = r[4];
        const at = rowPtr[i] as number;
        quads.set(blockInts(r[5]), at * 4);
        rowPtr[i + 1] = at + r[5].length / 16;
      }
    };
    for (const { b, a } of parts) {
      takeLoose(b * SUMMARY_BLOCK);
      const m = a[0] as number;
      const base = rowPtr[i] as number;
      const q0 = 2 + 6 * m;
      docIds.set(a.subarray(2, 2 + m), i);
      for (let j = 0; j < m; j++) {
        rowPtr[i + j + 1] = base + (a[2 + m + j] as number);
        for (let k = 0; k < 4; k++) (cols[k] as Array<string | null>)[i + j] = nameOf[a[2 + 2 * m + 4 * j + k] as number] ?? null;
      }
      quads.set(a.subarray(q0, q0 + (a[1] as number) * 4), base * 4);
      i += m;
    }
    takeLoose(2 ** 53);
    const table: CountTable = { docIds, dates, sides, sources, langs, rowPtr, quads, names: new Map(this.names().all()) };
    this.tableCache = { cb, version, table };
    return table;
  }

  /** Names by id as a dense array (index 0: none), reloaded when a stored block names an id not seen yet. */
  private nameArray(): Array<string | null> {
    const names = this.names();
    names.reload(); // blocks written by another connection may use names this one has not loaded
    const all = names.all();
    let max = 0;
    for (const id of all.keys()) if (id > max) max = id;
    const out = new Array<string | null>(max + 1).fill(null);
    for (const [id, name] of all) out[id] = name;
    return out;
  }

  /**
   * The rows of the kept count table that a filter selects, without copying them: `rows` lists
   * row numbers of `table` in order, or is null when the filter keeps everything. Measurement
   * reads a selection as it reads a table (`measure({ table, rows }, opts)`), which spares a
   * filtered query the copy of every kept document's counts. Shared: read it, never change it.
   *
   * @example
   * const m = measure(store.countSelection({ codebook: cb.version, lang: ['ja'] }), opts);
   */
  countSelection(filter: MeasureFilter): CountSelection {
    const cb = this.cbId(filter.codebook, false);
    if (cb === undefined) {
      return { table: { docIds: new Int32Array(0), dates: [], sides: [], sources: [], langs: [], rowPtr: new Int32Array(1), quads: new Int32Array(0), names: new Map() }, rows: null };
    }
    const full = this.fullTable(cb);
    const { from, to } = filter;
    const inList = (values: string[] | undefined, unknownIsNull: boolean): ((v: string | null) => boolean) | undefined => {
      if (!values || values.length === 0) return undefined;
      const named = new Set(values.filter((v) => !(unknownIsNull && v === 'unknown')));
      const nullOk = unknownIsNull && values.includes('unknown');
      return (v) => (v === null ? nullOk : named.has(v));
    };
    const side = inList(filter.side, true);
    const source = inList(filter.source, false);
    const lang = inList(filter.lang, false);
    if (!from && !to && !side && !source && !lang) return { table: full, rows: null };
    // The same filter gives the same selection object while the table is kept, so measurement can
    // keep what it works out per selection (a breakdown by period after the overview reuses its headline).
    const key = JSON.stringify([from ?? null, to ?? null, filter.side ?? null, filter.source ?? null, filter.lang ?? null]);
    let known = SELECTIONS.get(full);
    if (!known) SELECTIONS.set(full, (known = new Map()));
    const hit = known.get(key);
    if (hit) return hit;
    const made = { table: full, rows: selectRows(full, from, to, side, source, lang) };
    if (known.size >= KEPT_SELECTIONS) known.delete(known.keys().next().value as string);
    known.set(key, made);
    return made;
  }

  /**
   * The per-document summary counts of one codebook under a filter, packed for measurement: no
   * sentence is read and no object is made per document. The codebook's rows are read once per
   * data version and kept, so another filter costs a pass over arrays, not a query. The result is
   * shared: read it, never change it.
   *
   * @example
   * const m = measure(store.countTable({ codebook: cb.version }), opts);
   */
  countTable(filter: MeasureFilter): CountTable {
    const { table: full, rows: keep } = this.countSelection(filter);
    if (keep === null) return full;
    const kept = keep.length;
    const ptr = full.rowPtr;
    let quadCount = 0;
    for (let j = 0; j < kept; j++) quadCount += (ptr[(keep[j] as number) + 1] as number) - (ptr[keep[j] as number] as number);
    // Copied int by int: a view per row would make one object per document.
    const src = full.quads;
    const quads = new Int32Array(quadCount * 4);
    const rowPtr = new Int32Array(kept + 1);
    const docIds = new Int32Array(kept);
    const dates = new Array<string | null>(kept);
    const sides = new Array<string | null>(kept);
    const sources = new Array<string | null>(kept);
    const langs = new Array<string | null>(kept);
    let at = 0;
    for (let j = 0; j < kept; j++) {
      const i = keep[j] as number;
      docIds[j] = full.docIds[i] as number;
      dates[j] = full.dates[i] ?? null;
      sides[j] = full.sides[i] ?? null;
      sources[j] = full.sources[i] ?? null;
      langs[j] = full.langs[i] ?? null;
      const end = (ptr[i + 1] as number) * 4;
      for (let q = (ptr[i] as number) * 4; q < end; q++) quads[at++] = src[q] as number;
      rowPtr[j + 1] = at / 4;
    }
    return { docIds, dates, sides, sources, langs, rowPtr, quads, names: full.names };
  }

  /**
   * Like `countTable`, but every reviewed sentence counts with its latest human decision in place
   * of the machine's ("human where reviewed"). Machine decisions are not changed.
   *
   * @example
   * const table = store.countTableReviewed({ codebook: cb.version });
   */
  countTableReviewed(filter: MeasureFilter): CountTable {
    const table = this.countTable(filter);
    const reviews = this.latestReviews(filter.codebook);
    if (reviews.length === 0) return table;
    const rowOf = new Map<number, number>();
    table.docIds.forEach((id, i) => rowOf.set(id, i));
    const names = this.names();
    const extra = new Map<number, number[]>(); // row → quads to add
    const bump = (quads: number[], voice: string, codes: string[], negated: string[], by: number): void => {
      const v = names.id(voice);
      quads.push(v, 0, by, 0);
      for (const code of new Set(codes)) quads.push(v, names.id(code), by, 0);
      for (const code of new Set(negated)) quads.push(v, names.id(code), 0, by);
    };
    for (const review of reviews) {
      const row = rowOf.get(review.docId);
      if (row === undefined) continue; // outside the filter, or never coded with this codebook
      let quads = extra.get(row);
      if (!quads) {
        quads = [];
        extra.set(row, quads);
      }
      const machine = this.machineLabels(filter.codebook, review.docId, review.sentence);
      if (machine) bump(quads, machine.voice, machine.codes, machine.negated, -1);
      bump(quads, review.voice, review.codes, review.negated, +1);
    }
    let added = 0;
    for (const q of extra.values()) added += q.length;
    const quads = new Int32Array(table.quads.length + added);
    const rowPtr = new Int32Array(table.rowPtr.length);
    let at = 0;
    for (let i = 0; i < table.docIds.length; i++) {
      const from = (table.rowPtr[i] as number) * 4;
      const to = (table.rowPtr[i + 1] as number) * 4;
      quads.set(table.quads.subarray(from, to), at);
      at += to - from;
      const more = extra.get(i);
      if (more) {
        quads.set(more, at);
        at += more.length;
      }
      rowPtr[i + 1] = at / 4;
    }
    return { ...table, quads, rowPtr, names: new Map(names.all()) };
  }

  /**
   * Per-document summary rows of one codebook for measurement (no sentence is read).
   *
   * @example
   * const rows = store.docCounts({ codebook: cb.version, side: ['tokyo'] });
   */
  docCounts(filter: MeasureFilter): DocCounts[] {
    return docCountsOf(this.countTable(filter));
  }

  /**
   * The sentences behind a figure, strongest first: sentences whose voice was set by an explicit
   * cue before carried or default ones, one per document before a second from the same document.
   *
   * @example
   * store.evidence({ codebook: cb.version, code: 'abandonment', voice: 'tokyo', negated: false, limit: 3 });
   */
  evidence(q: { codebook: string; code?: string; voice?: string; negated?: boolean; limit?: number; filter?: MeasureFilter }): EvidenceRow[] {
    const cb = this.cbId(q.codebook, false);
    if (cb === undefined) return [];
    const { where, params } = this.docFilter(q.filter);
    const conds: string[] = ['h.cb = ?'];
    const args: unknown[] = [cb];
    if (q.code !== undefined) {
      conds.push('h.code = ?');
      args.push(q.code);
    }
    if (q.voice !== undefined) {
      conds.push('h.voice = ?');
      args.push(q.voice);
    }
    if (q.negated !== undefined) {
      conds.push('h.negated = ?');
      args.push(q.negated ? 1 : 0);
    }
    // Candidates straight from the hits index (cue-set voices first, newest documents first),
    // then one sentence per document before a second one; details are read for the chosen few.
    const limit = q.limit ?? 20;
    // A narrow date range (a period's evidence) keeps few documents: their ids come from the date index first, so
    // no document row is read for the hits outside it. Wider ranges and other filters keep many: the join stops at the limit.
    const dated = (q.filter?.from !== undefined || q.filter?.to !== undefined) && this.narrowDates(q.filter);
    const source = dated
      ? `SELECT h.rowid AS id, h.doc_id AS doc FROM hit h
         WHERE ${conds.join(' AND ')} AND h.doc_id IN (SELECT d.id FROM documents d WHERE 1 = 1${where}) ORDER BY h.cue DESC, h.doc_id DESC, h.idx LIMIT ?`
      : `SELECT h.rowid AS id, h.doc_id AS doc FROM hit h${where ? ' JOIN documents d ON d.id = h.doc_id' : ''}
         WHERE ${conds.join(' AND ')}${where} ORDER BY h.cue DESC, h.doc_id DESC, h.idx LIMIT ?`;
    const candidates = this.stmt(source).raw().all(...args, ...params, limit * 8) as Array<[number, number]>;
    const firsts: number[] = [];
    const seconds: number[] = [];
    const seenDocs = new Set<number>();
    for (const [id, doc] of candidates) {
      if (seenDocs.has(doc)) seconds.push(id);
      else {
        seenDocs.add(doc);
        firsts.push(id);
      }
    }
    const chosen = [...firsts, ...seconds].slice(0, limit);
    const detail = this.stmt(`
      SELECT d.id AS doc_id, d.ext_id, d.title, d.date, d.source, d.side, d.lang, d.path,
             h.idx, dc.voice, dc.voice_how, dc.cue_start, dc.cue_end, dc.cue_rule,
             h.code, h.negated, h.ev_start, h.ev_end, h.rule, h.neg_start, h.neg_end, h.neg_rule
      FROM hit h
      JOIN dec dc ON dc.cb = h.cb AND dc.doc_id = h.doc_id AND dc.idx = h.idx
      JOIN documents d ON d.id = h.doc_id
      WHERE h.rowid = ?`);
    const layouts = new Map<number, StoredSentence[]>();
    const layoutOf = (docId: number): StoredSentence[] => {
      let l = layouts.get(docId);
      if (!l) {
        l = this.storedSentences(docId);
        layouts.set(docId, l);
      }
      return l;
    };
    const span = (s: unknown, e: unknown, r: unknown): { start: number; end: number; rule: string } | null =>
      typeof s === 'number' && typeof e === 'number' ? { start: s, end: e, rule: String(r ?? '') } : null;
    const out: EvidenceRow[] = [];
    for (const id of chosen) {
      const r = detail.get(id) as Record<string, unknown> | undefined;
      if (!r) continue;
      const s = layoutOf(r.doc_id as number)[r.idx as number];
      out.push({
        docId: r.doc_id as number,
        extId: r.ext_id as string | null,
        title: r.title as string | null,
        date: r.date as string | null,
        source: r.source as string | null,
        side: r.side as string | null,
        lang: r.lang as string | null,
        path: r.path as string | null,
        sentence: r.idx as number,
        paragraph: s?.paragraph ?? 0,
        page: s?.page ?? null,
        text: s?.text ?? '',
        voice: r.voice as string,
        voiceHow: r.voice_how as string,
        cue: span(r.cue_start, r.cue_end, r.cue_rule),
        code: r.code as string,
        negated: r.negated === 1,
        evidence: { start: r.ev_start as number, end: r.ev_end as number, rule: r.rule as string },
        negation: span(r.neg_start, r.neg_end, r.neg_rule),
      });
    }
    return out;
  }

  /** Does the filter's date range keep at most one document in 20 (counted on the date index alone)? */
  private narrowDates(filter: MeasureFilter): boolean {
    const { where, params } = this.docFilter({ from: filter.from, to: filter.to });
    const inRange = (this.stmt(`SELECT count(*) AS n FROM documents d INDEXED BY documents_date WHERE 1 = 1${where}`).get(...params) as { n: number }).n;
    const total = (this.stmt('SELECT max(id) AS n FROM documents').get() as { n: number | null }).n ?? 0;
    return inRange * 20 <= total;
  }

  /**
   * Stored documents (newest id last), optionally filtered like a measurement.
   *
   * @example
   * store.documents({ side: ['tokyo'], limit: 50 });
   */
  documents(filter: Partial<Omit<MeasureFilter, 'codebook'>> & { limit?: number; offset?: number } = {}): DocumentRow[] {
    const { where, params } = this.docFilter(filter);
    const rows = this.stmt(
      `SELECT d.id, d.hash, d.ext_id, d.title, d.date, d.side, d.source, d.lang, d.format, d.path, d.added_at,
              coalesce((SELECT l.n FROM doc_layout l WHERE l.doc_id = d.id), 0) AS n
       FROM documents d WHERE 1${where} ORDER BY d.id LIMIT ? OFFSET ?`,
    ).all(...params, filter.limit ?? -1, filter.offset ?? 0) as Array<RawDocRow & { n: number }>;
    return rows.map((r) => ({
      id: r.id, hash: r.hash, extId: r.ext_id, title: r.title, date: r.date, side: r.side, source: r.source,
      lang: r.lang, format: r.format, path: r.path, addedAt: r.added_at, sentences: r.n,
    }));
  }

  /** The stored sentences of a document (boundaries, page, text sliced from the document). */
  private storedSentences(docId: number, known?: { text: string }): StoredSentence[] {
    const l = this.stmt('SELECT layout FROM doc_layout WHERE doc_id = ?').get(docId) as { layout: string } | undefined;
    if (!l) return [];
    const text = known?.text ?? (this.stmt('SELECT text FROM documents WHERE id = ?').get(docId) as { text: string } | undefined)?.text ?? '';
    return (JSON.parse(l.layout) as LayoutEntry[]).map(([start, end, paragraph, page, own]) => ({ start, end, paragraph, page, text: own ?? text.slice(start, end) }));
  }

  /**
   * The sentences of a document with the decisions of one codebook (when it coded them).
   *
   * @example
   * for (const s of store.sentencesOf(3, cb.version)) show(s.text, s.decision?.voice.voice);
   */
  sentencesOf(docId: number, codebook: string, known?: { text: string }): Sentence[] {
    const out: Sentence[] = this.storedSentences(docId, known).map((r, index) => {
      const s: Sentence = { index, paragraph: r.paragraph, start: r.start, end: r.end, text: r.text };
      if (r.page !== null) s.page = r.page;
      return s;
    });
    const cb = codebook === '' ? undefined : this.cbId(codebook, false);
    if (cb === undefined) return out;
    const coded = this.stmt('SELECT missing FROM coded WHERE cb = ? AND doc_id = ?').get(cb, docId) as { missing: string | null } | undefined;
    if (!coded) return out;
    const missing = new Set<number>(coded.missing ? (JSON.parse(coded.missing) as number[]) : []);
    for (const s of out) if (!missing.has(s.index)) s.decision = defaultDecision();
    const decs = this.stmt('SELECT idx, voice, voice_how, cue_start, cue_end, cue_rule, tone FROM dec WHERE cb = ? AND doc_id = ?').all(cb, docId) as Array<{
      idx: number; voice: string; voice_how: string; cue_start: number | null; cue_end: number | null; cue_rule: string | null; tone: string;
    }>;
    const hits = this.stmt('SELECT idx, code, negated, ev_start, ev_end, rule, neg_start, neg_end, neg_rule FROM hit WHERE cb = ? AND doc_id = ? ORDER BY rowid').all(cb, docId) as Array<{
      idx: number; code: string; negated: number; ev_start: number; ev_end: number; rule: string; neg_start: number | null; neg_end: number | null; neg_rule: string | null;
    }>;
    const tones = this.stmt('SELECT idx, ev_start, ev_end, rule FROM tone_ev WHERE cb = ? AND doc_id = ? ORDER BY rowid').all(cb, docId) as Array<{
      idx: number; ev_start: number; ev_end: number; rule: string;
    }>;
    for (const d of decs) {
      const s = out[d.idx];
      if (!s) continue;
      const decision: SentenceDecision = {
        voice: { voice: d.voice, how: d.voice_how as SentenceDecision['voice']['how'] },
        raised: [], negated: [], tone: d.tone as Tone, toneEvidence: [],
      };
      if (d.cue_start !== null && d.cue_end !== null) decision.voice.cue = ev(s.text, d.cue_start, d.cue_end, d.cue_rule ?? '');
      s.decision = decision;
    }
    for (const h of hits) {
      const s = out[h.idx];
      if (!s?.decision) continue;
      const hit: CodeHit = { code: h.code, evidence: ev(s.text, h.ev_start, h.ev_end, h.rule) };
      if (h.neg_start !== null && h.neg_end !== null) hit.negation = ev(s.text, h.neg_start, h.neg_end, h.neg_rule ?? '');
      (h.negated ? s.decision.negated : s.decision.raised).push(hit);
    }
    for (const t of tones) {
      const s = out[t.idx];
      if (s?.decision) s.decision.toneEvidence.push(ev(s.text, t.ev_start, t.ev_end, t.rule));
    }
    return out;
  }

  /** Rebuild a stored document as a pipeline `Doc` (cleaned text as `raw`, no decisions). */
  private loadDoc(r: RawDocRow): Doc {
    const sentences = this.sentencesOf(r.id, '', { text: r.text });
    const paragraphs = new Map<number, Paragraph>();
    for (const s of sentences) {
      const p = paragraphs.get(s.paragraph);
      if (!p) paragraphs.set(s.paragraph, { index: s.paragraph, start: s.start, end: s.end });
      else p.end = Math.max(p.end, s.end);
    }
    const messages = (this.stmt('SELECT rule_id, source, severity, reason, place FROM doc_messages WHERE doc_id = ? ORDER BY rowid').all(r.id) as Array<{
      rule_id: string; source: string | null; severity: string; reason: string; place: string | null;
    }>).map((m): Message => ({ ruleId: m.rule_id, source: m.source ?? 'store', severity: m.severity as Severity, reason: m.reason, place: m.place ? JSON.parse(m.place) : {} }));
    const extra = r.meta ? (JSON.parse(r.meta) as Record<string, string>) : {};
    const meta: Doc['meta'] = { id: r.ext_id ?? String(r.id), side: r.side, lang: r.lang ?? 'und', format: r.format ?? 'txt', extra };
    if (r.title !== null) meta.title = r.title;
    if (r.date !== null) meta.date = r.date;
    if (r.source !== null) meta.source = r.source;
    if (r.path !== null) meta.path = r.path;
    if (r.encoding !== null) meta.encoding = r.encoding;
    return {
      meta,
      raw: r.text,
      text: r.text,
      pages: r.pages ? (JSON.parse(r.pages) as PageSpan[]) : [],
      paragraphs: [...paragraphs.values()].sort((a, b) => a.index - b.index),
      sentences,
      messages,
    };
  }

  /**
   * Every stored document rebuilt for re-coding, in id order. Reads in pages, so writing between
   * iterations (as re-coding does) is safe.
   *
   * @example
   * for (const { id, doc } of store.iterateDocuments()) store.putDecisions(id, v, code(doc));
   */
  *iterateDocuments(pageSize = 100): Generator<{ id: number; doc: Doc }> {
    let after = 0;
    for (;;) {
      const rows = this.stmt('SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?').all(after, pageSize) as RawDocRow[];
      if (rows.length === 0) return;
      for (const r of rows) yield { id: r.id, doc: this.loadDoc(r) };
      after = (rows[rows.length - 1] as RawDocRow).id;
    }
  }

  /**
   * Codebooks known to the store, least recently used first (the last is the latest used).
   *
   * @example
   * const latest = store.codebooks().at(-1);
   */
  codebooks(): CodebookRow[] {
    const rows = this.stmt('SELECT version, name, yaml, added_at, used_at FROM codebooks ORDER BY seq, rowid').all() as Array<{
      version: string; name: string; yaml: string; added_at: string; used_at: string;
    }>;
    return rows.map((r) => ({ version: r.version, name: r.name, yaml: r.yaml, addedAt: r.added_at, usedAt: r.used_at }));
  }

  /**
   * The codebook used last on this store (what a report reads by default), or undefined.
   *
   * @example
   * const latest = store.latestCodebook(); // { version: '92105d40bc50', name: 'us-japan', ... }
   */
  latestCodebook(): CodebookRow | undefined {
    const version = this.latestCodebookVersion();
    return version === undefined ? undefined : this.codebookRow(version);
  }

  /**
   * The version of the codebook used last, without reading its text (cheap enough for every request).
   *
   * @example
   * const v = store.latestCodebookVersion(); // '92105d40bc50'
   */
  latestCodebookVersion(): string | undefined {
    return (this.stmt('SELECT version FROM codebooks ORDER BY seq DESC, rowid DESC LIMIT 1').get() as { version: string } | undefined)?.version;
  }

  /**
   * One stored codebook by version, or undefined.
   *
   * @example
   * const row = store.codebookRow('92105d40bc50');
   */
  codebookRow(version: string): CodebookRow | undefined {
    const r = this.stmt('SELECT version, name, yaml, added_at, used_at FROM codebooks WHERE version = ?').get(version) as
      | { version: string; name: string; yaml: string; added_at: string; used_at: string }
      | undefined;
    return r ? { version: r.version, name: r.name, yaml: r.yaml, addedAt: r.added_at, usedAt: r.used_at } : undefined;
  }

  /**
   * Record measured agreement figures of a codebook (kept as JSON; the newest is reported).
   *
   * @example
   * store.putEvaluation(cb.version, { units: 120, kappa: 0.71 });
   */
  putEvaluation(codebook: string, summary: unknown): void {
    this.stmt('INSERT INTO evaluations (codebook, at, summary) VALUES (?, ?, ?)').run(codebook, isoNow(), JSON.stringify(summary));
  }

  /**
   * The newest evaluation of a codebook, if any.
   *
   * @example
   * const last = store.lastEvaluation(cb.version);
   */
  lastEvaluation(codebook: string): EvaluationRow | undefined {
    const r = this.stmt('SELECT codebook, at, summary FROM evaluations WHERE codebook = ? ORDER BY id DESC LIMIT 1').get(codebook) as
      | { codebook: string; at: string; summary: string }
      | undefined;
    return r ? { codebook: r.codebook, at: r.at, summary: JSON.parse(r.summary) as unknown } : undefined;
  }

  /**
   * Totals: documents, sentences and codebooks stored.
   *
   * @example
   * const { documents } = store.stats();
   */
  stats(): { documents: number; sentences: number; codebooks: number } {
    const n = (sql: string): number => (this.stmt(sql).get() as { n: number }).n;
    return {
      documents: n('SELECT count(*) AS n FROM documents'),
      sentences: n('SELECT coalesce(sum(n), 0) AS n FROM doc_layout'),
      codebooks: n('SELECT count(*) AS n FROM codebooks'),
    };
  }

  /**
   * Whether a sentence is stored.
   *
   * @example
   * if (!store.hasSentence(3, 0)) notFound();
   */
  hasSentence(docId: number, sentence: number): boolean {
    return sentence >= 0 && this.stmt('SELECT 1 FROM doc_layout WHERE doc_id = ? AND n > ?').get(docId, sentence) !== undefined;
  }

  /**
   * Store a human decision about one sentence (a new row: earlier reviews and the machine decision
   * are kept). Returns the stored row.
   *
   * @example
   * store.putReview({ codebook: cb.version, docId: 3, sentence: 0, reviewer: 'ann', voice: 'tokyo', codes: ['autonomy'], negated: [], tone: 'negative' });
   */
  putReview(r: ReviewInput): ReviewRow {
    const at = isoNow();
    const info = this.stmt('INSERT INTO reviews (codebook, doc_id, idx, reviewer, at, voice, codes, negated, tone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.codebook, r.docId, r.sentence, r.reviewer, at, r.voice, JSON.stringify(r.codes), JSON.stringify(r.negated), r.tone,
    );
    return { ...r, codes: [...r.codes], negated: [...r.negated], id: Number(info.lastInsertRowid), at };
  }

  /**
   * The latest review of every reviewed sentence of a codebook (optionally of one document), in document order.
   *
   * @example
   * const reviewed = store.latestReviews(cb.version, 3);
   */
  latestReviews(codebook: string, docId?: number): ReviewRow[] {
    const rows = this.stmt(
      `SELECT r.* FROM reviews r JOIN (SELECT max(id) AS id FROM reviews WHERE codebook = ?${docId === undefined ? '' : ' AND doc_id = ?'}
       GROUP BY doc_id, idx) l ON l.id = r.id ORDER BY r.doc_id, r.idx`,
    ).all(...(docId === undefined ? [codebook] : [codebook, docId])) as Array<{
      id: number; codebook: string; doc_id: number; idx: number; reviewer: string; at: string; voice: string; codes: string; negated: string; tone: string;
    }>;
    return rows.map((r) => ({
      id: r.id, codebook: r.codebook, docId: r.doc_id, sentence: r.idx, reviewer: r.reviewer, at: r.at, voice: r.voice,
      codes: JSON.parse(r.codes) as string[], negated: JSON.parse(r.negated) as string[], tone: r.tone as Tone,
    }));
  }

  /** The machine decision of one sentence as labels (distinct codes), or null. */
  private machineLabels(codebook: string, docId: number, idx: number): ReviewPair['machine'] {
    const cb = this.cbId(codebook, false);
    if (cb === undefined) return null;
    const d = this.stmt('SELECT voice, tone FROM dec WHERE cb = ? AND doc_id = ? AND idx = ?').get(cb, docId, idx) as { voice: string; tone: string } | undefined;
    if (!d) {
      // No row: the default decision, when the document was coded and this sentence decided.
      const coded = this.stmt('SELECT missing FROM coded WHERE cb = ? AND doc_id = ?').get(cb, docId) as { missing: string | null } | undefined;
      if (!coded || !this.hasSentence(docId, idx) || (coded.missing !== null && (JSON.parse(coded.missing) as number[]).includes(idx))) return null;
      return { voice: AUTHOR, codes: [], negated: [], tone: 'neutral' };
    }
    const hits = this.stmt('SELECT code, negated FROM hit WHERE cb = ? AND doc_id = ? AND idx = ? ORDER BY rowid').all(cb, docId, idx) as Array<{ code: string; negated: number }>;
    const codes = [...new Set(hits.filter((h) => h.negated === 0).map((h) => h.code))];
    const negated = [...new Set(hits.filter((h) => h.negated === 1).map((h) => h.code))];
    return { voice: d.voice, codes, negated, tone: d.tone as Tone };
  }

  /**
   * Every reviewed sentence with its machine decision, for agreement figures.
   *
   * @example
   * const pairs = store.reviewPairs(cb.version);
   */
  reviewPairs(codebook: string): ReviewPair[] {
    const lang = this.stmt('SELECT lang FROM documents WHERE id = ?');
    return this.latestReviews(codebook).map((human) => ({
      docId: human.docId,
      sentence: human.sentence,
      lang: ((lang.get(human.docId) as { lang: string | null } | undefined)?.lang) ?? null,
      human,
      machine: this.machineLabels(codebook, human.docId, human.sentence),
    }));
  }

  /**
   * Like `docCounts`, but every reviewed sentence counts with its latest human decision in place
   * of the machine's ("human where reviewed"). Machine decisions are not changed.
   *
   * @example
   * const rows = store.docCountsReviewed({ codebook: cb.version });
   */
  docCountsReviewed(filter: MeasureFilter): DocCounts[] {
    return docCountsOf(this.countTableReviewed(filter));
  }

  /**
   * One stored document with its cleaned text, or undefined.
   *
   * @example
   * const doc = store.getDocument(3);
   */
  getDocument(id: number): StoredDocument | undefined {
    const r = this.stmt('SELECT * FROM documents WHERE id = ?').get(id) as RawDocRow | undefined;
    if (!r) return undefined;
    const n = (this.stmt('SELECT n FROM doc_layout WHERE doc_id = ?').get(id) as { n: number } | undefined)?.n ?? 0;
    return {
      id: r.id, hash: r.hash, extId: r.ext_id, title: r.title, date: r.date, side: r.side, source: r.source, lang: r.lang,
      format: r.format, path: r.path, addedAt: r.added_at, sentences: n, text: r.text,
      pages: r.pages ? (JSON.parse(r.pages) as PageSpan[]) : [],
      meta: r.meta ? (JSON.parse(r.meta) as Record<string, string>) : {},
    };
  }

  /**
   * How many stored documents have fewer than `minSentences` sentences, in one query (no paging).
   *
   * @example
   * store.shortDocumentCount(2); // { documents: 9040, short: 9040 }
   */
  shortDocumentCount(minSentences: number): { documents: number; short: number } {
    // Every layout row has its document (both written together, never deleted); documents without one have no
    // sentences: short are all but those with enough, an index range.
    const documents = (this.stmt('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const long = (this.stmt('SELECT count(*) AS n FROM doc_layout WHERE n >= ?').get(minSentences) as { n: number }).n;
    return { documents, short: documents - long };
  }

  /**
   * How many documents were folded into a stored near-duplicate.
   *
   * @example
   * `${store.duplicateCount()} near-duplicates folded`;
   */
  duplicateCount(): number {
    return (this.stmt('SELECT count(*) AS n FROM duplicates').get() as { n: number }).n;
  }

  /**
   * Stored documents per input format (`txt`, `pdf`, `csv`, ...), most common first.
   *
   * @example
   * store.formatCounts(); // Map { 'md' => 14, 'txt' => 3 }
   */
  formatCounts(): Map<string, number> {
    // Grouped in index order (no sort of every row); the few groups are ordered here.
    const rows = this.stmt('SELECT format AS f, count(*) AS n FROM documents GROUP BY format').all() as Array<{ f: string | null; n: number }>;
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.f ?? 'unknown', (counts.get(r.f ?? 'unknown') ?? 0) + r.n);
    return new Map([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  /**
   * The sides, sources, languages and date range present in the store (for filter menus).
   *
   * @example
   * const { sources } = store.facets();
   */
  facets(): Facets {
    // Distinct values by hopping along the column's index (one seek per value), not a scan of every entry.
    const col = (c: string): Array<string | null> => {
      const values = (this.stmt(`WITH RECURSIVE v(x) AS (SELECT min(${c}) FROM documents UNION ALL SELECT (SELECT min(${c}) FROM documents WHERE ${c} > v.x) FROM v WHERE v.x IS NOT NULL)
        SELECT x FROM v WHERE x IS NOT NULL`).raw().all() as Array<[string]>).map((r) => r[0] as string | null);
      const hasNull = this.stmt(`SELECT 1 FROM documents WHERE ${c} IS NULL LIMIT 1`).get() !== undefined;
      return hasNull ? [null, ...values] : values;
    };
    // Each of min and max alone is one index seek; together they would scan.
    const range = {
      lo: (this.stmt('SELECT min(date) AS v FROM documents').get() as { v: string | null }).v,
      hi: (this.stmt('SELECT max(date) AS v FROM documents').get() as { v: string | null }).v,
    };
    return {
      sides: col('side'),
      sources: col('source').filter((v): v is string => v !== null),
      langs: col('lang').filter((v): v is string => v !== null),
      minDate: range.lo,
      maxDate: range.hi,
    };
  }

  /**
   * Store a document's MinHash signature and its LSH band keys (near-duplicate index).
   *
   * @example
   * store.putMinhash(id, sig, bandKeys(sig));
   */
  putMinhash(docId: number, sig: Uint32Array, keys: number[]): void {
    this.transaction(() => {
      this.stmt('INSERT OR REPLACE INTO doc_minhash (doc_id, sig) VALUES (?, ?)').run(docId, Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength));
      const ins = this.stmt('INSERT OR IGNORE INTO lsh_bands (band, key, doc_id) VALUES (?, ?, ?)');
      keys.forEach((k, band) => ins.run(band, k, docId));
    });
  }

  /**
   * Ids of stored documents sharing at least one LSH band key (index = band) with `keys`.
   *
   * @example
   * store.lshCandidates(bandKeys(sig)); // [12, 40]
   */
  lshCandidates(keys: number[]): number[] {
    const q = this.stmt('SELECT doc_id FROM lsh_bands WHERE band = ? AND key = ?');
    const out = new Set<number>();
    keys.forEach((k, band) => {
      for (const r of q.all(band, k) as Array<{ doc_id: number }>) out.add(r.doc_id);
    });
    return [...out];
  }

  /**
   * The stored MinHash signatures of these documents.
   *
   * @example
   * store.minhashOf([12]).get(12)?.length; // 128
   */
  minhashOf(docIds: number[]): Map<number, Uint32Array> {
    const q = this.stmt('SELECT sig FROM doc_minhash WHERE doc_id = ?');
    const out = new Map<number, Uint32Array>();
    for (const id of docIds) {
      const r = q.get(id) as { sig: Buffer } | undefined;
      // Copy into an aligned buffer: a Buffer slice may not sit on a 4-byte boundary.
      if (r) out.set(id, new Uint32Array(new Uint8Array(r.sig).buffer));
    }
    return out;
  }

  /**
   * Record a near-duplicate folded into stored document `dupOf`.
   *
   * @example
   * store.putDuplicate({ docId: 'b.html', dupOf: 3, similarity: 0.82, source: 'Kyodo', side: 'tokyo', path: 'b.html', title: null, date: null });
   */
  putDuplicate(d: { docId: string; dupOf: number; similarity: number; source: string | null; side: string | null; path: string | null; title: string | null; date: string | null }): void {
    this.stmt('INSERT INTO duplicates (doc_id, dup_of, similarity, source, side, path, title, date, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.docId, d.dupOf, d.similarity, d.source, d.side, d.path, d.title, d.date, isoNow());
  }

  /**
   * Folded near-duplicates, optionally of one stored document.
   *
   * @example
   * store.duplicates().length; // 12 near-duplicates folded
   */
  duplicates(dupOf?: number): Array<{ docId: string | null; dupOf: number; similarity: number; source: string | null; side: string | null; path: string | null; title: string | null; date: string | null }> {
    const rows = (dupOf === undefined
      ? this.stmt('SELECT * FROM duplicates ORDER BY id').all()
      : this.stmt('SELECT * FROM duplicates WHERE dup_of = ? ORDER BY id').all(dupOf)) as Array<{ doc_id: string | null; dup_of: number; similarity: number; source: string | null; side: string | null; path: string | null; title: string | null; date: string | null }>;
    return rows.map((r) => ({ docId: r.doc_id, dupOf: r.dup_of, similarity: r.similarity, source: r.source, side: r.side, path: r.path, title: r.title, date: r.date }));
  }

  /**
   * Whether a document (stored or folded as a near-duplicate) came from this path or URL.
   *
   * @example
   * if (store.hasPath('https://example.com/a')) skip();
   */
  hasPath(path: string): boolean {
    return this.stmt('SELECT 1 FROM documents WHERE path = ? UNION ALL SELECT 1 FROM duplicates WHERE path = ? LIMIT 1').get(path, path) !== undefined;
  }

  /**
   * A token that changes whenever the stored data may have changed: writes through this
   * connection or commits by another process (a running `twocities code`). For caches.
   *
   * @example
   * if (store.dataVersion() !== cachedAt) recompute();
   */
  dataVersion(): string {
    const r = this.stmt('SELECT total_changes() AS n').get() as { n: number };
    return `${this.db.pragma('data_version', { simple: true }) as number}/${r.n}`;
  }

  /**
   * Close the connection (checkpointing the WAL).
   *
   * @example
   * store.close();
   */
  close(): void {
    // Blocks this connection left stale are packed now, so the next reader finds them whole.
    if (this.db.open && !this.readonly && !this.db.inTransaction && [...this.pendingBlocks.values()].some((set) => set.size > 0)) {
      try {
        this.transaction(() => this.sealBlocks());
      } catch {
        // Busy with another writer: readers read those ranges from doc_sum until a later writer packs them.
      }
    }
    this.stmts.clear();
    if (this.db.open) this.db.close();
  }
}

/** Selections kept per count table, by filter (a few: the dashboard goes back and forth between them). */
const SELECTIONS = new WeakMap<CountTable, Map<string, CountSelection>>();
const KEPT_SELECTIONS = 16;

type Pick1 = ((v: string | null) => boolean) | undefined;

/** Row numbers of a count table that pass the filter, in table order. */
function selectRows(full: CountTable, from: string | undefined, to: string | undefined, side: Pick1, source: Pick1, lang: Pick1): Int32Array {
  // The same conditions as `docFilter` (prefix comparison of ISO dates), over the kept arrays.
  const n = full.docIds.length;
  const keep = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const date = full.dates[i] ?? null;
    // Prefix comparison without slicing: a date's prefix >= from iff the date >= from; <= to iff date <= to or it starts with to.
    if (from && (date === null || date < from)) continue;
    if (to && (date === null || (date > to && !date.startsWith(to)))) continue;
    if (side && !side(full.sides[i] ?? null)) continue;
    if (source && !source(full.sources[i] ?? null)) continue;
    if (lang && !lang(full.langs[i] ?? null)) continue;
    keep[kept++] = i;
  }
  return keep.slice(0, kept);
}
