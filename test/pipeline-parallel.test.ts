// The parallel pipeline stores exactly what the single-threaded one stores: the same generated
// corpus (JSONL with broken lines, text files, CSV) analysed with one job and with two worker
// threads, every table compared row by row (timestamps aside). Worker threads need the compiled
// worker, so these tests run the code in dist/ (built by `npm test`) and are skipped without it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/stats.js';
import type { Message } from '../src/types.js';
import { dumpTables } from './helpers/db-dump.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(join(ROOT, 'dist/worker.js')) && existsSync(join(ROOT, 'dist/pipeline.js'));
const work = mkdtempSync(join(tmpdir(), 'twocities-parallel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Dist = {
  pipeline: typeof import('../src/pipeline.js');
  parallel: typeof import('../src/parallel.js');
  store: typeof import('../src/store/index.js');
  codebook: typeof import('../src/codebook/index.js');
};
let dist: Dist;

const EN_VIEWS = [
  'Critics in Tokyo complain that the benefits of the alliance flow only one way.',
  'A senior administration official said Tokyo now enjoys unprecedented influence.',
  'In Washington, officials insist the alliance has never been stronger.',
  'Some in Tokyo worry about being dragged into a confrontation with China.',
  'Japanese officials do not fear that Washington will abandon Japan.',
  'Talk of a Japanese nuclear arsenal alarmed audiences at every stop.',
];
const JA_VIEWS = [
  '日本国内では、同盟の恩恵は一方通行だとの不満が広がっている。',
  '米国が日本の頭越しに北朝鮮と取引するのではないかとの懸念がある。',
  '首相は米国の言いなりで、対米追従に終始しているとの批判が強い。',
];
const SIDES = ['washington', 'tokyo', 'other', null];

/** A seeded paragraph of filler words with now and then a sentence that reports a view. */
function paragraph(rand: () => number, lang: 'en' | 'ja'): string {
  const out: string[] = [];
  const n = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    if (rand() < 0.3) {
      const views = lang === 'en' ? EN_VIEWS : JA_VIEWS;
      out.push(views[Math.floor(rand() * views.length)] as string);
    } else if (lang === 'en') {
      const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => ['the', 'talks', 'ministers', 'met', 'again', 'budget', 'trade', 'on', 'with'][Math.floor(rand() * 9)]);
      out.push(`${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
    } else {
      out.push(`${Array.from({ length: 8 + Math.floor(rand() * 12) }, () => '会議予算交渉防衛外相'[Math.floor(rand() * 10)]).join('')}と述べた。`);
    }
  }
  return out.join(lang === 'en' ? ' ' : '');
}

function text(rand: () => number, lang: 'en' | 'ja'): string {
  return Array.from({ length: 1 + Math.floor(rand() * 4) }, () => paragraph(rand, lang)).join('\n\n');
}

/** The fixture corpus: a JSONL file with broken lines and a repeated record, a folder of texts, a CSV. */
function writeCorpus(dir: string): Map<string, number> {
  const rand = seededRandom(20261128);
  mkdirSync(join(dir, 'texts'), { recursive: true });
  const lines: string[] = [];
  const marks = new Map<string, number>();
  for (let i = 0; i < 400; i++) {
    const lang = rand() < 0.6 ? 'en' : 'ja';
    const side = SIDES[Math.floor(rand() * SIDES.length)];
    const rec = { id: i % 7 === 0 ? undefined : `doc-${i}`, date: `20${String(10 + (i % 14))}-0${1 + (i % 9)}-1${i % 10}`, side, lang, text: text(rand, lang) };
    lines.push(JSON.stringify(rec));
    // Each bad line is remembered with its 1-based line number, as the writer knows it.
    const bad = (name: string, line: string): void => {
      lines.push(line);
      marks.set(name, lines.length);
    };
    if (i === 50) bad('broken', '{"text": "broken');
    if (i === 120) bad('array', '[1, 2]');
    if (i === 200) bad('no-text', JSON.stringify({ title: 'no text' }));
    if (i === 250) bad('repeat', lines[lines.length - 1] as string);
    if (i === 310) bad('blank', '');
  }
  writeFileSync(join(dir, 'corpus.jsonl'), lines.join('\n') + '\n');
  for (let i = 0; i < 40; i++) {
    const lang = i % 3 === 0 ? 'ja' : 'en';
    writeFileSync(join(dir, 'texts', `t${String(i).padStart(2, '0')}.txt`), text(rand, lang));
  }
  writeFileSync(join(dir, 'texts', 'empty.txt'), '   \n');
  const rows = ['id,date,side,text'];
  for (let i = 0; i < 60; i++) rows.push(`csv-${i},2004-0${1 + (i % 9)}-01,${i % 2 ? 'tokyo' : 'washington'},"${text(rand, 'en').replace(/"/g, '""')}"`);
  writeFileSync(join(dir, 'table.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'texts', 'elsewhere.jsonl'), JSON.stringify({ text: 'Tokyo has doubts.', side: 'beijing' }) + '\n');
  return marks;
}


async function analyze(db: string, jobs: number, paths: string[]): Promise<{ messages: Message[]; stored: number; documents: number; skipped: number; duplicates: number; bytes: number }> {
  const store = dist.store.Store.open(db);
  try {
    // Tiny units and workers from the first byte, so that a small corpus still crosses threads in many pieces.
    const s = await dist.pipeline.analyzePaths(paths, { store, codebook: dist.codebook.builtinCodebook(), jobs, parallelAfterBytes: 0, unitBytes: 8 * 1024 });
    return { messages: s.messages, stored: s.stored, documents: s.documents, skipped: s.skipped, duplicates: s.duplicates, bytes: s.bytes };
  } finally {
    store.close();
  }
}

describe.skipIf(!built)('parallel pipeline', () => {
  const corpus = join(work, 'corpus');
  const inputs = [join(corpus, 'corpus.jsonl'), join(corpus, 'texts'), join(corpus, 'table.csv')];
  let one: Awaited<ReturnType<typeof analyze>>;
  let two: Awaited<ReturnType<typeof analyze>>;
  let three: Awaited<ReturnType<typeof analyze>>;
  let marks: Map<string, number>;

  beforeAll(async () => {
    dist = {
      pipeline: (await import(pathToFileURL(join(ROOT, 'dist/pipeline.js')).href)) as Dist['pipeline'],
      parallel: (await import(pathToFileURL(join(ROOT, 'dist/parallel.js')).href)) as Dist['parallel'],
      store: (await import(pathToFileURL(join(ROOT, 'dist/store/index.js')).href)) as Dist['store'],
      codebook: (await import(pathToFileURL(join(ROOT, 'dist/codebook/index.js')).href)) as Dist['codebook'],
    };
    marks = writeCorpus(corpus);
    one = await analyze(join(work, 'one.db'), 1, inputs);
    two = await analyze(join(work, 'two.db'), 2, inputs);
    // Three jobs: two workers beside the main thread, which codes too when they have enough waiting.
    three = await analyze(join(work, 'three.db'), 3, inputs);
  }, 120_000);

  it('stores identical rows in every table with one job, two and three', () => {
    const a = dumpTables(join(work, 'one.db'));
    expect(a.get('documents')?.length).toBe(one.stored);
    for (const other of ['two.db', 'three.db']) {
      const b = dumpTables(join(work, other));
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [table, rows] of a) expect({ other, table, rows: b.get(table) }).toEqual({ other, table, rows });
    }
  });

  it('gives workers a codebook that scans and decides as the loaded one, or its YAML when a field cannot cross', async () => {
    const cb = dist.codebook.builtinCodebook();
    const sent = dist.parallel.workerCodebook(cb);
    expect(sent.data?.version).toBe(cb.version);
    const rebuilt = dist.parallel.codebookOfWorker(structuredClone(sent));
    expect(rebuilt).toBeDefined();
    if (!rebuilt) return;
    expect(rebuilt.matcher).not.toBe(cb.matcher);
    expect(rebuilt.matcher.entries).toEqual(cb.matcher.entries);
    // The compiled patterns travel too (the worker compiles nothing), one per kept entry.
    expect(sent.compiled?.length).toBe(cb.matcher.entries.length);
    expect(rebuilt.matcher.compiled).toEqual(cb.matcher.compiled);
    const rand = seededRandom(7);
    for (let i = 0; i < 40; i++) {
      const sentence = paragraph(rand, i % 2 ? 'ja' : 'en');
      expect(rebuilt.matcher.scan(sentence)).toEqual(cb.matcher.scan(sentence));
    }
    // Without them the worker compiles the entries itself, to the same patterns.
    const compiling = dist.parallel.codebookOfWorker({ ...structuredClone(sent), compiled: undefined });
    expect(compiling?.matcher.compiled).toEqual(cb.matcher.compiled);
    // A field holding a function (say, a later model object) cannot be cloned: only the YAML goes.
    const withFn = { ...cb, extra: () => 1 } as unknown as typeof cb;
    const yamlOnly = dist.parallel.workerCodebook(withFn);
    expect(yamlOnly).toEqual({ codebookYaml: cb.yaml });
    expect(dist.parallel.codebookOfWorker(yamlOnly)).toBeUndefined();
    expect((await dist.parallel.loadWorkerCodebook(yamlOnly))?.version).toBe(cb.version);
  });

  it('reports the same counts and the same messages in the same order', () => {
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(one.stored).toBeGreaterThan(400);
    expect(one.duplicates).toBe(1);
  });

  it('keeps the line numbers of bad JSONL records across units of work', () => {
    const bad = two.messages.filter((m) => m.place.file?.endsWith('corpus.jsonl') && m.severity === 'fatal');
    expect(bad.map((m) => [m.ruleId, m.place.line])).toEqual([
      ['read:jsonl-json', marks.get('broken')],
      ['read:jsonl-json', marks.get('array')],
      ['read:no-text', marks.get('no-text')],
    ]);
    // The file is cut into dozens of units of 8 KB: the numbers above cross unit boundaries.
    expect(statSync(inputs[0] as string).size).toBeGreaterThan(20 * 8 * 1024);
    expect(marks.get('repeat')).toBeDefined();
    expect(two.messages.filter((m) => m.ruleId === 'pipeline:duplicate').map((m) => m.reason)).toEqual([expect.stringContaining('document doc-250:')]);
    expect(two.messages.some((m) => m.ruleId === 'read:empty' && m.place.file?.endsWith('empty.txt'))).toBe(true);
    expect(two.messages.some((m) => m.ruleId === 'pipeline:unknown-side' && m.place.file?.endsWith('elsewhere.jsonl'))).toBe(true);
  });

  it('names records without an id by their line, as the single-threaded reader does', () => {
    const db = new Database(join(work, 'two.db'), { readonly: true });
    const ids = (db.prepare("SELECT ext_id FROM documents WHERE ext_id LIKE '%corpus.jsonl#%' ORDER BY id").all() as Array<{ ext_id: string }>).map((r) => r.ext_id.replace(/^.*#/, ''));
    db.close();
    // Records 0 and 7 have no id and sit on lines 1 and 8; record 126 comes after two bad lines.
    expect(ids.slice(0, 2)).toEqual(['1', '8']);
    expect(ids).toContain(String(126 + 1 + 2));
  });

  it('streams JSONL from stdin in units too, with the same rows, ids and line numbers', async () => {
    // Stdin is JSONL only when every line starts with '{': the array line becomes a record without text.
    const text = Buffer.from(readFileSync(inputs[0] as string, 'utf8').replace('\n[1, 2]\n', '\n{"text": 5}\n'));
    const runs = [];
    for (const jobs of [1, 2]) {
      const db = join(work, `stdin-${jobs}.db`);
      const store = dist.store.Store.open(db);
      try {
        // Stdin arrives in odd-sized pieces, as a pipe gives them.
        const pieces = Array.from({ length: Math.ceil(text.length / 3000) }, (_, i) => text.subarray(i * 3000, (i + 1) * 3000));
        const s = await dist.pipeline.analyzePaths(['-'], { store, codebook: dist.codebook.builtinCodebook(), jobs, parallelAfterBytes: 0, unitBytes: 8 * 1024, stdin: Readable.from(pieces) });
        runs.push({ stored: s.stored, bad: s.messages.filter((m) => m.severity === 'fatal').map((m) => [m.ruleId, m.place.file, m.place.line]) });
      } finally {
        store.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]?.bad).toEqual([
      ['read:jsonl-json', '<stdin>', marks.get('broken')],
      ['read:no-text', '<stdin>', marks.get('array')],
      ['read:no-text', '<stdin>', marks.get('no-text')],
    ]);
    const a = dumpTables(join(work, 'stdin-1.db'));
    const b = dumpTables(join(work, 'stdin-2.db'));
    for (const [table, rows] of a) expect({ table, rows: b.get(table) }).toEqual({ table, rows });
    const db = new Database(join(work, 'stdin-2.db'), { readonly: true });
    const ids = (db.prepare("SELECT ext_id FROM documents WHERE ext_id LIKE '<stdin>#%' ORDER BY id").all() as Array<{ ext_id: string }>).map((r) => r.ext_id);
    db.close();
    expect(ids.slice(0, 2)).toEqual(['<stdin>#1', '<stdin>#8']);
  });

  it('recodes a store to the same decisions with one job and with two', async () => {
    const cb = dist.codebook.builtinCodebook();
    const edited = dist.codebook.loadCodebook(cb.yaml.replace(/^name: .*$/m, 'name: edited')).codebook;
    expect(edited).toBeDefined();
    if (!edited) return;
    const results = [];
    for (const [name, jobs] of [['one.db', 1], ['two.db', 2]] as const) {
      const store = dist.store.Store.open(join(work, name));
      try {
        results.push(await dist.pipeline.recodeStore(store, edited, undefined, { jobs, parallelAfterBytes: 0 }));
      } finally {
        store.close();
      }
    }
    expect(results[1]?.documents).toBe(one.stored);
    expect({ ...results[1], seconds: 0 }).toEqual({ ...results[0], seconds: 0 });
    const a = dumpTables(join(work, 'one.db'));
    const b = dumpTables(join(work, 'two.db'));
    for (const [table, rows] of a) expect({ table, rows: b.get(table) }).toEqual({ table, rows });
  });
});
