import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliReference, BEGIN, END } from '../src/cli/reference.js';
import { runCli } from './helpers/cli.js';

interface Result {
  code: number;
  out: string;
  err: string;
}

const cli = (argv: string[], stdin = ''): Promise<Result> => runCli(argv, stdin);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'twocities-cli-'));
}

const seed = new URL('../../shared/seed/a-tale-of-two-cities.txt', import.meta.url);
const dev = new URL('../../shared/eval/dev.jsonl', import.meta.url);
const haveShared = existsSync(seed) && existsSync(dev);

describe('twocities CLI', () => {
  it('--help lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['analyze', 'ingest', 'code', 'report', 'label', 'evaluate', 'codebook']) expect(r.out).toContain(c);
  });

  it('README CLI reference → should equal the generated reference', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const a = readme.indexOf(BEGIN);
    const b = readme.indexOf(END);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(readme.slice(a, b + END.length)).toBe(cliReference());
  });

  it('an unknown command or format is a usage error with status 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    const r = await cli(['report', '--format', 'pdf', '--db', join(tmp(), 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format/);
  });

  it('report on a missing store says what to do, without a stack trace', async () => {
    const r = await cli(['report', '--db', join(tmp(), 'none.db')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no such file/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('analyze twice → the second run stores nothing new and prints the same table', async () => {
    const dir = tmp();
    const db = join(dir, 'a.db');
    writeFileSync(join(dir, 'one.txt'), 'Critics in Tokyo complain that the benefits of the alliance flow only one way.\n\nU.S. officials said the alliance is the best it has ever been.\n');
    const a = await cli(['analyze', join(dir, 'one.txt'), '--db', db, '--side', 'washington', '--format', 'json']);
    expect(a.code).toBe(0);
    const b = await cli(['analyze', join(dir, 'one.txt'), '--db', db, '--side', 'washington', '--format', 'json']);
    expect(b.code).toBe(0);
    expect(b.err).toMatch(/0 documents stored/);
    expect(JSON.parse(b.out).documents).toBe(1);
    expect(JSON.parse(b.out)).toEqual(JSON.parse(a.out));
  });

  it('a batch with broken inputs → each named once, the rest stored, status 0 (1 with --strict)', async () => {
    const dir = tmp();
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'good.txt'), 'Japanese critics fear that Washington will cut a deal over their heads.\n');
    writeFileSync(join(docs, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0]));
    writeFileSync(join(docs, 'empty.txt'), '');
    writeFileSync(join(docs, 'bad-utf8.txt'), Buffer.from([0x41, 0x20, 0xc3, 0x28, 0x20, 0xa0, 0xa1, 0x80, 0x81, 0xff, 0x0a]));
    writeFileSync(join(docs, 'units.jsonl'), '{"id":"j1","side":"tokyo","text":"Tokyo worries it will be abandoned."}\n{not json\n{"id":"j2","side":"moscow","text":"Moscow has views."}\n');
    const db = join(dir, 'b.db');
    const r = await cli(['analyze', docs, join(dir, 'missing.txt'), '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/binary\.txt/);
    expect(r.err).toMatch(/empty\.txt/);
    expect(r.err).toMatch(/bad-utf8\.txt/);
    expect(r.err).toMatch(/units\.jsonl:2/);
    expect(r.err).toMatch(/moscow/);
    expect(r.err).toMatch(/missing\.txt/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const m = JSON.parse(r.out);
    expect(m.documents).toBe(2);
    const strict = await cli(['analyze', docs, '--db', join(dir, 'c.db'), '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
  });

  it('--near-duplicates folds a rewritten wire story: stored once, reported in the table', async () => {
    const dir = tmp();
    const body = [
      'Japanese officials worry that Washington might cut a deal with Pyongyang over Tokyo\'s head and leave Japan with the bill.',
      'Critics in Tokyo complain that the government cannot say no to the United States on anything touching the bases.',
      'A senior administration official said the alliance with Japan has never been stronger and that Tokyo enjoys unprecedented influence.',
      'Several lawmakers in the Diet called for a more equal alliance in which Japan would speak for itself.',
    ];
    writeFileSync(join(dir, 'wire-a.txt'), ['Alliance doubts grow in Tokyo', '', ...body].join('\n\n') + '\n');
    writeFileSync(join(dir, 'wire-b.txt'), ['Tokyo uneasy over U.S. talks', '', ...body.slice(0, 3)].join('\n\n') + '\n');
    const off = await cli(['analyze', dir, '--db', join(dir, 'off.db'), '--side', 'tokyo', '--format', 'json']);
    expect(JSON.parse(off.out).documents).toBe(2);
    const on = await cli(['analyze', dir, '--db', join(dir, 'on.db'), '--side', 'tokyo', '--near-duplicates', '--format', 'json']);
    expect(on.code).toBe(0);
    expect(JSON.parse(on.out).documents).toBe(1);
    expect(on.err).toMatch(/1 near-duplicates folded/);
    expect(on.out).toMatch(/near-duplicates folded/);
  });

  it('analyze with nothing readable → status 1', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.txt'), '');
    const r = await cli(['analyze', join(dir, 'empty.txt'), '--db', join(dir, 'e.db')]);
    expect(r.code).toBe(1);
  });

  it('--side with a side the codebook does not know → usage error naming the sides', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'Text.\n');
    const r = await cli(['analyze', join(dir, 'a.txt'), '--side', 'paris', '--db', join(dir, 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/washington/);
  });

  it('label: JSONL units in, the same units out in order with voice, codes, negated and tone', async () => {
    const units = [
      { doc: 'a', side: 'tokyo', text: 'Critics in Tokyo complain that Japan cannot say no to Washington.' },
      { doc: 'a', side: 'tokyo', text: 'They also fear being dragged into a war with China.' },
      { doc: 'b', side: 'washington', text: 'The weather was fine.' },
    ];
    const r = await cli(['label'], units.map((u) => JSON.stringify(u)).join('\n') + '\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    lines.forEach((l, i) => {
      expect(l.text).toBe(units[i]?.text);
      expect(l).toHaveProperty('voice');
      expect(Array.isArray(l.codes)).toBe(true);
      expect(Array.isArray(l.negated)).toBe(true);
      expect(['positive', 'negative', 'mixed', 'neutral']).toContain(l.tone);
    });
  });

  it('codebook check on a broken codebook → errors with line:column and status 1', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: broken\nsides:\n  - 12\ncodes: "not a list"\n');
    const r = await cli(['codebook', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.yaml:\d+:\d+/);
  });

  it('codebook show prints the built-in YAML, which checks clean of errors', async () => {
    const r = await cli(['codebook', 'show']);
    expect(r.code).toBe(0);
    const dir = tmp();
    writeFileSync(join(dir, 'cb.yaml'), r.out);
    const c = await cli(['codebook', 'check', join(dir, 'cb.yaml')]);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/0 errors/);
  });

  it.skipIf(!haveShared)('evaluate on the dev set prints per-code figures, kappa and alpha', async () => {
    const r = await cli(['evaluate', dev.pathname, '--format', 'json', '--reps', '200']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(JSON.stringify(j)).toMatch(/kappa/i);
    expect(JSON.stringify(j)).toMatch(/alpha/i);
  });

  it.skipIf(!haveShared)('evaluate --db records the figures, and the HTML report states them per language', async () => {
    const dir = tmp();
    const db = join(dir, 'ev.db');
    writeFileSync(join(dir, 'a.txt'), 'Critics in Tokyo complain that Japan cannot say no to Washington.\n');
    expect((await cli(['analyze', join(dir, 'a.txt'), '--db', db, '--side', 'tokyo'])).code).toBe(0);
    expect((await cli(['evaluate', dev.pathname, '--db', db, '--reps', '50'])).code).toBe(0);
    const r = await cli(['report', '--db', db, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Last evaluation of this codebook/);
    expect(r.out).toMatch(/en: voice accuracy<\/td><td>0\.\d{3} \[0\.\d{3}, [01]\.\d{3}\]/);
    expect(r.out).toMatch(/ja: codes macro-F1/);
  });

  describe.skipIf(!haveShared)('seed acceptance (../shared/seed)', () => {
    it('with --side washington, the article comes out as it argues', async () => {
      const dbPath = join(tmp(), 'seed.db');
      const r = await cli(['analyze', seed.pathname, '--side', 'washington', '--db', dbPath, '--format', 'json']);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.out);
      for (const k of ['codebook', 'documents', 'sentences', 'voices', 'codes', 'messages']) expect(m).toHaveProperty(k);
      expect(m.codebook).toHaveProperty('version');
      const share = (code: string, voice: string): number => m.codes[code]?.[voice]?.share ?? 0;
      const raised = (code: string, voice: string): number => m.codes[code]?.[voice]?.raised ?? 0;
      for (const code of ['one_way', 'autonomy', 'burden_pressure', 'nuclear', 'abandonment', 'entrapment', 'nationalism']) {
        expect(raised(code, 'tokyo'), code).toBeGreaterThanOrEqual(1);
        expect(share(code, 'tokyo'), code).toBeGreaterThan(share(code, 'washington'));
        expect(m.codes[code].gap).toHaveProperty('low');
      }
      expect(share('relationship_positive', 'washington')).toBeGreaterThan(share('relationship_positive', 'tokyo'));
      const jp = m.codes.japan_passing;
      let raisedBy = 0;
      let negated = 0;
      for (const v of ['washington', 'tokyo', 'other', 'author']) {
        raisedBy += jp?.[v]?.raised ?? 0;
        negated += jp?.[v]?.negated ?? 0;
      }
      expect(raisedBy).toBe(0);
      expect(negated).toBeGreaterThanOrEqual(1);
      // The repeated paragraph is reported, and stored once in the real SQLite file.
      expect(r.err).toMatch(/repeated/i);
      const db = new Database(dbPath, { readonly: true });
      try {
        const text = (db.prepare('SELECT text FROM documents').get() as { text: string }).text;
        // Paragraphs that the input file repeats verbatim appear once in the stored text.
        const paras = readFileSync(seed, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 40);
        const repeated = paras.filter((p, i) => paras.indexOf(p) !== i);
        expect(repeated.length).toBeGreaterThanOrEqual(1);
        for (const p of repeated) expect(text.split(p).length - 1).toBe(1);
        // "Bush" / "administration hawks are realizing their goal" is one sentence across the page break.
        const rows = db.prepare("SELECT text FROM sentences WHERE text LIKE '%administration hawks are realizing their goal%'").all() as Array<{ text: string }>;
        expect(rows).toHaveLength(1);
        expect(rows[0]?.text.startsWith('Bush administration hawks are realizing their goal')).toBe(true);
      } finally {
        db.close();
      }
    });
  });
});
