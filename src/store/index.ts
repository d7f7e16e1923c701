/**
 * The store: the only module that talks to SQLite (better-sqlite3, synchronous). It keeps the
 * documents, their sentences, the coding decisions of every codebook, and per-document summary
 * counts so that measurement never rescans sentences. Plain tables a user can open with any
 * SQLite tool; see `MIGRATIONS` for the schema.
 */
import Database from 'better-sqlite3';
import type { CodeHit, Doc, Evidence, Message, PageSpan, Paragraph, Sentence, SentenceDecision, Severity, Tone } from '../types.js';

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

/** One sentence behind a figure, with its document and the spans that decided it. */
export interface EvidenceRow {
  docId: number;
  extId: string | null;
  title: string | null;
  date: string | null;
  source: string | null;
  side: string | null;
  lang: string | null;
  path: string | null;
  /** 0-based sentence index in the document. */
  sentence: number;
  paragraph: number;
  page: number | null;
  text: string;
  voice: string;
  voiceHow: string;
  /** Voice cue span in the sentence, when a cue set the voice. */
  cue: { start: number; end: number; rule: string } | null;
  code: string;
  negated: boolean;
  /** Evidence span of the code in the sentence. */
  evidence: { start: number; end: number; rule: string };
  negation: { start: number; end: number; rule: string } | null;
}

/** A stored document as listed by `documents()`. */
export interface DocumentRow {
  id: number;
  hash: string;
  extId: string | null;
  title: string | null;
  date: string | null;
  side: string | null;
  source: string | null;
  lang: string | null;
  format: string | null;
  path: string | null;
  addedAt: string | null;
  sentences: number;
}

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
];

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

interface RawSentenceRow {
  idx: number;
  paragraph: number;
  start_offset: number;
  end_offset: number;
  page: number | null;
  text: string | null;
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
        for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${MIGRATIONS.length}`);
      })();
    }
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
    return this.db.transaction(fn)();
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
      const m = doc.meta;
      const info = this.stmt(
        `INSERT INTO documents (hash, ext_id, title, date, side, source, lang, format, path, encoding, meta, text, pages, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        hash, m.id, m.title ?? null, m.date ?? null, m.side, m.source ?? null, m.lang, m.format, m.path ?? null,
        m.encoding ?? null, JSON.stringify(m.extra ?? {}), doc.text, doc.pages.length ? JSON.stringify(doc.pages) : null, isoNow(),
      );
      const id = Number(info.lastInsertRowid);
      const insS = this.stmt('INSERT INTO sentences (doc_id, idx, paragraph, start_offset, end_offset, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const s of doc.sentences) insS.run(id, s.index, s.paragraph, s.start, s.end, s.page ?? null, s.text);
      const insM = this.stmt('INSERT INTO doc_messages (doc_id, rule_id, source, severity, reason, place) VALUES (?, ?, ?, ?, ?, ?)');
      for (const msg of doc.messages) insM.run(id, msg.ruleId, msg.source, msg.severity, msg.reason, JSON.stringify(msg.place));
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
  }

  /**
   * Replace the decisions of one codebook on one document (sentences carry `.decision`) and
   * refresh its summary counts, atomically. Sentences without a decision are left out.
   *
   * @example
   * store.putDecisions(id, codebook.version, doc.sentences);
   */
  putDecisions(docId: number, codebookVersion: string, sentences: Sentence[]): void {
    this.transaction(() => {
      for (const table of ['decisions', 'hits', 'tone_evidence', 'doc_voice', 'doc_code']) {
        this.stmt(`DELETE FROM ${table} WHERE codebook = ? AND doc_id = ?`).run(codebookVersion, docId);
      }
      const insD = this.stmt(
        'INSERT INTO decisions (codebook, doc_id, idx, voice, voice_how, cue_start, cue_end, cue_rule, tone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const insH = this.stmt(
        `INSERT INTO hits (codebook, doc_id, idx, code, voice, negated, cue, ev_start, ev_end, rule, neg_start, neg_end, neg_rule)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insT = this.stmt('INSERT INTO tone_evidence (codebook, doc_id, idx, ev_start, ev_end, rule) VALUES (?, ?, ?, ?, ?, ?)');
      const voices = new Map<string, number>();
      const codes = new Map<string, CodeCount>(); // key: voice \u0000 code
      for (const s of sentences) {
        const d = s.decision;
        if (!d) continue;
        const voice = d.voice.voice;
        const cue = d.voice.cue;
        insD.run(codebookVersion, docId, s.index, voice, d.voice.how, cue?.start ?? null, cue?.end ?? null, cue?.rule ?? null, d.tone);
        voices.set(voice, (voices.get(voice) ?? 0) + 1);
        const putHits = (hits: CodeHit[], negated: boolean): void => {
          const seen = new Set<string>();
          for (const h of hits) {
            const n = h.negation;
            insH.run(codebookVersion, docId, s.index, h.code, voice, negated ? 1 : 0, d.voice.how === 'cue' ? 1 : 0, h.evidence.start, h.evidence.end, h.evidence.rule,
              n?.start ?? null, n?.end ?? null, n?.rule ?? null);
            if (seen.has(h.code)) continue; // a sentence counts once per code however many spans matched
            seen.add(h.code);
            const key = `${voice}\u0000${h.code}`;
            const c = codes.get(key) ?? { raised: 0, negated: 0 };
            if (negated) c.negated++;
            else c.raised++;
            codes.set(key, c);
          }
        };
        putHits(d.raised, false);
        putHits(d.negated, true);
        for (const t of d.toneEvidence) insT.run(codebookVersion, docId, s.index, t.start, t.end, t.rule);
      }
      const insV = this.stmt('INSERT INTO doc_voice (codebook, doc_id, voice, sentences) VALUES (?, ?, ?, ?)');
      for (const [voice, n] of voices) insV.run(codebookVersion, docId, voice, n);
      const insC = this.stmt('INSERT INTO doc_code (codebook, doc_id, voice, code, raised, negated) VALUES (?, ?, ?, ?, ?, ?)');
      for (const [key, c] of codes) {
        const [voice, code] = key.split('\u0000') as [string, string];
        insC.run(codebookVersion, docId, voice, code, c.raised, c.negated);
      }
    });
  }

  /** SQL condition on `d` (documents) and its parameters for a filter. */
  private docFilter(filter: Partial<MeasureFilter> | undefined): { where: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (!filter) return { where: '', params };
    // Prefix comparison: `--to 2004` keeps 2004-12-31, `--from 2004-03` keeps 2004-03-01.
    if (filter.from) {
      parts.push('d.date IS NOT NULL AND substr(d.date, 1, length(?)) >= ?');
      params.push(filter.from, filter.from);
    }
    if (filter.to) {
      parts.push('d.date IS NOT NULL AND substr(d.date, 1, length(?)) <= ?');
      params.push(filter.to, filter.to);
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
   * Per-document summary rows of one codebook for measurement (no sentence is read).
   *
   * @example
   * const rows = store.docCounts({ codebook: cb.version, side: ['tokyo'] });
   */
  docCounts(filter: MeasureFilter): DocCounts[] {
    // Three plain scans (documents, doc_voice, doc_code) joined here: cheaper than SQL joins.
    const { where, params } = this.docFilter(filter);
    const docs = new Map<number, DocCounts>();
    const metas = this.stmt(`SELECT d.id, d.date, d.side, d.source, d.lang FROM documents d WHERE 1${where}`).raw().all(...params) as Array<
      [number, string | null, string | null, string | null, string | null]
    >;
    for (const [id, date, side, source, lang] of metas) {
      const row: DocCounts = { docId: id, side, lang: lang ?? 'und', voices: new Map(), codes: new Map() };
      if (date !== null) row.date = date;
      if (source !== null) row.source = source;
      docs.set(id, row);
    }
    const out: DocCounts[] = [];
    const vrows = this.stmt('SELECT doc_id, voice, sentences FROM doc_voice WHERE codebook = ? ORDER BY doc_id').raw().all(filter.codebook) as Array<[number, string, number]>;
    for (const [id, voice, n] of vrows) {
      const row = docs.get(id);
      if (!row) continue;
      if (row.voices.size === 0) out.push(row);
      row.voices.set(voice, n);
    }
    const crows = this.stmt('SELECT doc_id, voice, code, raised, negated FROM doc_code WHERE codebook = ?').raw().all(filter.codebook) as Array<[number, string, string, number, number]>;
    for (const [id, voice, code, raised, negated] of crows) {
      const row = docs.get(id);
      if (!row || row.voices.size === 0) continue;
      let perVoice = row.codes.get(code);
      if (!perVoice) {
        perVoice = new Map();
        row.codes.set(code, perVoice);
      }
      perVoice.set(voice, { raised, negated });
    }
    return out;
  }

  /**
   * The sentences behind a figure, strongest first: sentences whose voice was set by an explicit
   * cue before carried or default ones, one per document before a second from the same document.
   *
   * @example
   * store.evidence({ codebook: cb.version, code: 'abandonment', voice: 'tokyo', negated: false, limit: 3 });
   */
  evidence(q: { codebook: string; code?: string; voice?: string; negated?: boolean; limit?: number; filter?: MeasureFilter }): EvidenceRow[] {
    const { where, params } = this.docFilter(q.filter);
    const conds: string[] = ['h.codebook = ?'];
    const args: unknown[] = [q.codebook];
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
    const candidates = this.stmt(
      `SELECT h.rowid AS id, h.doc_id AS doc FROM hits h${where ? ' JOIN documents d ON d.id = h.doc_id' : ''}
       WHERE ${conds.join(' AND ')}${where} ORDER BY h.cue DESC, h.doc_id DESC, h.idx LIMIT ?`,
    ).raw().all(...args, ...params, limit * 8) as Array<[number, number]>;
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
             s.idx, s.paragraph, s.page, s.text, dc.voice, dc.voice_how, dc.cue_start, dc.cue_end, dc.cue_rule,
             h.code, h.negated, h.ev_start, h.ev_end, h.rule, h.neg_start, h.neg_end, h.neg_rule
      FROM hits h
      JOIN decisions dc ON dc.codebook = h.codebook AND dc.doc_id = h.doc_id AND dc.idx = h.idx
      JOIN sentences s ON s.doc_id = h.doc_id AND s.idx = h.idx
      JOIN documents d ON d.id = h.doc_id
      WHERE h.rowid = ?`);
    const rows = chosen.map((id) => detail.get(id) as Record<string, unknown>).filter((r) => r !== undefined);
    const span = (s: unknown, e: unknown, r: unknown): { start: number; end: number; rule: string } | null =>
      typeof s === 'number' && typeof e === 'number' ? { start: s, end: e, rule: String(r ?? '') } : null;
    return rows.map((r) => ({
      docId: r.doc_id as number,
      extId: r.ext_id as string | null,
      title: r.title as string | null,
      date: r.date as string | null,
      source: r.source as string | null,
      side: r.side as string | null,
      lang: r.lang as string | null,
      path: r.path as string | null,
      sentence: r.idx as number,
      paragraph: r.paragraph as number,
      page: r.page as number | null,
      text: (r.text as string | null) ?? '',
      voice: r.voice as string,
      voiceHow: r.voice_how as string,
      cue: span(r.cue_start, r.cue_end, r.cue_rule),
      code: r.code as string,
      negated: r.negated === 1,
      evidence: { start: r.ev_start as number, end: r.ev_end as number, rule: r.rule as string },
      negation: span(r.neg_start, r.neg_end, r.neg_rule),
    }));
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
              (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) AS n
       FROM documents d WHERE 1${where} ORDER BY d.id LIMIT ? OFFSET ?`,
    ).all(...params, filter.limit ?? -1, filter.offset ?? 0) as Array<RawDocRow & { n: number }>;
    return rows.map((r) => ({
      id: r.id, hash: r.hash, extId: r.ext_id, title: r.title, date: r.date, side: r.side, source: r.source,
      lang: r.lang, format: r.format, path: r.path, addedAt: r.added_at, sentences: r.n,
    }));
  }

  /**
   * The sentences of a document with the decisions of one codebook (when it coded them).
   *
   * @example
   * for (const s of store.sentencesOf(3, cb.version)) show(s.text, s.decision?.voice.voice);
   */
  sentencesOf(docId: number, codebook: string): Sentence[] {
    const sents = this.stmt('SELECT idx, paragraph, start_offset, end_offset, page, text FROM sentences WHERE doc_id = ? ORDER BY idx').all(docId) as RawSentenceRow[];
    const decs = this.stmt('SELECT idx, voice, voice_how, cue_start, cue_end, cue_rule, tone FROM decisions WHERE codebook = ? AND doc_id = ?').all(codebook, docId) as Array<{
      idx: number; voice: string; voice_how: string; cue_start: number | null; cue_end: number | null; cue_rule: string | null; tone: string;
    }>;
    const hits = this.stmt('SELECT idx, code, negated, ev_start, ev_end, rule, neg_start, neg_end, neg_rule FROM hits WHERE codebook = ? AND doc_id = ? ORDER BY rowid').all(codebook, docId) as Array<{
      idx: number; code: string; negated: number; ev_start: number; ev_end: number; rule: string; neg_start: number | null; neg_end: number | null; neg_rule: string | null;
    }>;
    const tones = this.stmt('SELECT idx, ev_start, ev_end, rule FROM tone_evidence WHERE codebook = ? AND doc_id = ? ORDER BY rowid').all(codebook, docId) as Array<{
      idx: number; ev_start: number; ev_end: number; rule: string;
    }>;
    const out: Sentence[] = sents.map((r) => {
      const s: Sentence = { index: r.idx, paragraph: r.paragraph, start: r.start_offset, end: r.end_offset, text: r.text ?? '' };
      if (r.page !== null) s.page = r.page;
      return s;
    });
    const byIdx = new Map<number, Sentence>(out.map((s) => [s.index, s]));
    for (const d of decs) {
      const s = byIdx.get(d.idx);
      if (!s) continue;
      const decision: SentenceDecision = {
        voice: { voice: d.voice, how: d.voice_how as SentenceDecision['voice']['how'] },
        raised: [], negated: [], tone: d.tone as Tone, toneEvidence: [],
      };
      if (d.cue_start !== null && d.cue_end !== null) decision.voice.cue = ev(s.text, d.cue_start, d.cue_end, d.cue_rule ?? '');
      s.decision = decision;
    }
    for (const h of hits) {
      const s = byIdx.get(h.idx);
      if (!s?.decision) continue;
      const hit: CodeHit = { code: h.code, evidence: ev(s.text, h.ev_start, h.ev_end, h.rule) };
      if (h.neg_start !== null && h.neg_end !== null) hit.negation = ev(s.text, h.neg_start, h.neg_end, h.neg_rule ?? '');
      (h.negated ? s.decision.negated : s.decision.raised).push(hit);
    }
    for (const t of tones) {
      const s = byIdx.get(t.idx);
      if (s?.decision) s.decision.toneEvidence.push(ev(s.text, t.ev_start, t.ev_end, t.rule));
    }
    return out;
  }

  /** Rebuild a stored document as a pipeline `Doc` (cleaned text as `raw`, no decisions). */
  private loadDoc(r: RawDocRow): Doc {
    const sentences = this.sentencesOf(r.id, '');
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
      sentences: n('SELECT count(*) AS n FROM sentences'),
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
    return this.stmt('SELECT 1 FROM sentences WHERE doc_id = ? AND idx = ?').get(docId, sentence) !== undefined;
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
    const d = this.stmt('SELECT voice, tone FROM decisions WHERE codebook = ? AND doc_id = ? AND idx = ?').get(codebook, docId, idx) as { voice: string; tone: string } | undefined;
    if (!d) return null;
    const hits = this.stmt('SELECT code, negated FROM hits WHERE codebook = ? AND doc_id = ? AND idx = ? ORDER BY rowid').all(codebook, docId, idx) as Array<{ code: string; negated: number }>;
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
    const rows = this.docCounts(filter);
    const byId = new Map<number, DocCounts>(rows.map((r) => [r.docId, r]));
    const bump = (row: DocCounts, voice: string, codes: string[], negated: string[], by: number): void => {
      row.voices.set(voice, (row.voices.get(voice) ?? 0) + by);
      const add = (code: string, key: 'raised' | 'negated'): void => {
        let perVoice = row.codes.get(code);
        if (!perVoice) {
          perVoice = new Map();
          row.codes.set(code, perVoice);
        }
        const c = perVoice.get(voice) ?? { raised: 0, negated: 0 };
        c[key] += by;
        perVoice.set(voice, c);
      };
      for (const code of new Set(codes)) add(code, 'raised');
      for (const code of new Set(negated)) add(code, 'negated');
    };
    for (const review of this.latestReviews(filter.codebook)) {
      const row = byId.get(review.docId);
      if (!row) continue; // outside the filter, or never coded with this codebook
      const machine = this.machineLabels(filter.codebook, review.docId, review.sentence);
      if (machine) bump(row, machine.voice, machine.codes, machine.negated, -1);
      bump(row, review.voice, review.codes, review.negated, +1);
    }
    return rows;
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
    const n = (this.stmt('SELECT count(*) AS n FROM sentences WHERE doc_id = ?').get(id) as { n: number }).n;
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
    const r = this.stmt(
      `SELECT count(*) AS documents, coalesce(sum(n < ?), 0) AS short
       FROM (SELECT (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) AS n FROM documents d)`,
    ).get(minSentences) as { documents: number; short: number };
    return { documents: r.documents, short: r.short };
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
    const rows = this.stmt('SELECT coalesce(format, ?) AS f, count(*) AS n FROM documents GROUP BY f ORDER BY n DESC, f').all('unknown') as Array<{ f: string; n: number }>;
    return new Map(rows.map((r) => [r.f, r.n]));
  }

  /**
   * The sides, sources, languages and date range present in the store (for filter menus).
   *
   * @example
   * const { sources } = store.facets();
   */
  facets(): Facets {
    const col = (c: string): Array<string | null> => (this.stmt(`SELECT DISTINCT ${c} AS v FROM documents ORDER BY ${c}`).all() as Array<{ v: string | null }>).map((r) => r.v);
    const range = this.stmt('SELECT min(date) AS lo, max(date) AS hi FROM documents').get() as { lo: string | null; hi: string | null };
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
    this.stmts.clear();
    if (this.db.open) this.db.close();
  }
}
