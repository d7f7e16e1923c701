import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractorFor, newDoc, readInputs, stripMarkdown } from '../src/read/index.js';
import type { Doc, Message } from '../src/types.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function dir(files: Record<string, string | Buffer>): string {
  const d = join(root, `case${n++}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(d, name)), { recursive: true });
    writeFileSync(join(d, name), content);
  }
  return d;
}

async function collect(paths: string[], opts: Parameters<typeof readInputs>[1] = {}): Promise<{ docs: Doc[]; messages: Message[]; order: string[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  const order: string[] = [];
  for await (const item of readInputs(paths, opts)) {
    if ('meta' in item) {
      docs.push(item);
      order.push(item.meta.id);
    } else {
      messages.push(item);
      order.push(`!${item.ruleId}`);
    }
  }
  return { docs, messages, order };
}

describe('newDoc', () => {
  it('fills defaults and detects the language', () => {
    const d = newDoc({ id: 'x', format: 'txt' }, '日米関係は良好だ。');
    expect(d).toMatchObject({ raw: '日米関係は良好だ。', text: '日米関係は良好だ。', pages: [], paragraphs: [], sentences: [], messages: [] });
    expect(d.meta).toEqual({ id: 'x', format: 'txt', side: null, lang: 'ja', extra: {} });
    expect(newDoc({ id: 'y', format: 'txt', lang: 'en', side: 'tokyo' }, '').meta).toMatchObject({ lang: 'en', side: 'tokyo' });
  });
});

describe('text and Markdown files', () => {
  it('reads front matter into metadata and removes it; options fill only what the file lacks', async () => {
    const d = dir({
      'a.txt': '---\ntitle: Best ever\ndate: 2004-01-15\nside: washington\nsource: State\nauthor: Someone\n---\nThe alliance is the best ever.\n',
      'b.txt': 'No front matter here, Tokyo worries.\n',
    });
    const { docs, messages } = await collect([d], { side: 'tokyo', date: '2003', source: 'CLI' });
    expect(messages).toEqual([]);
    const [a, b] = docs;
    expect(a?.meta).toMatchObject({ id: join(d, 'a.txt'), title: 'Best ever', date: '2004-01-15', side: 'washington', source: 'State', lang: 'en', format: 'txt', encoding: 'utf-8', extra: { author: 'Someone' } });
    expect(a?.raw).toBe('The alliance is the best ever.\n');
    expect(b?.meta).toMatchObject({ side: 'tokyo', date: '2003', source: 'CLI' });
  });

  it('warns about broken front matter and still reads the text', async () => {
    const d = dir({ 'bad.md': '---\ntitle: [unclosed\n---\nBody text here.\n' });
    const { docs } = await collect([d]);
    expect(docs[0]?.raw.trim()).toBe('Body text here.');
    expect(docs[0]?.messages[0]).toMatchObject({ ruleId: 'read:front-matter', severity: 'warning' });
  });

  it('strips Markdown syntax lightly', () => {
    const md = '# The *alliance*\n\nSome **bold** and _italic_ with a [link](http://x.org) and `code`.\n\n> Quoted ~~old~~ text\n\n- first item\n- second item\n\n![alt text](img.png)\n\n---\n\nsnake_case_name stays, 5 * 3 stays.\n<!-- hidden -->';
    expect(stripMarkdown(md)).toBe('The alliance\n\nSome bold and italic with a link and code.\n\nQuoted old text\n\nfirst item\n\nsecond item\n\nalt text\n\nsnake_case_name stays, 5 * 3 stays.\n');
  });

  it('reads .md files with their front matter and formats', async () => {
    const d = dir({ 'x.markdown': '---\nlang: ja\n---\n## 見出し\n\n日米関係は**良好**だ。\n' });
    const { docs } = await collect([join(d, 'x.markdown')]);
    expect(docs[0]?.meta).toMatchObject({ format: 'md', lang: 'ja' });
    expect(docs[0]?.raw.trim()).toBe('見出し\n\n日米関係は良好だ。');
  });

  it('reads the legacy-encoded examples', async () => {
    const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
    const { docs, messages } = await collect([examples]);
    expect(messages.filter((m) => m.severity !== 'info')).toEqual([]);
    const sjis = docs.find((x) => x.meta.id.endsWith('.sjis.txt'));
    const euc = docs.find((x) => x.meta.id.endsWith('.eucjp.txt'));
    expect(sjis?.meta).toMatchObject({ encoding: 'shift_jis', side: 'tokyo', lang: 'ja' });
    expect(euc?.meta).toMatchObject({ encoding: 'euc-jp', lang: 'ja' });
    expect(sjis?.raw).toContain('外務大臣');
  });
});

describe('JSONL', () => {
  it('reads one document per line, keeps extra fields, reports a bad line and reads the rest', async () => {
    const lines = [
      JSON.stringify({ id: 'd1', text: 'Tokyo worries.', side: 'tokyo', date: '2004-02-01', outlet: 'Asahi', page: 3 }),
      '{not json',
      '',
      JSON.stringify({ title: 'no text here' }),
      JSON.stringify({ text: '日米関係は良好だ。', lang: 'ja' }),
      '[1,2]',
      JSON.stringify({ text: 'Last one.', __proto__x: 'kept' }),
    ];
    const d = dir({ 'c.jsonl': lines.join('\n') + '\n' });
    const file = join(d, 'c.jsonl');
    const { docs, messages, order } = await collect([file], { side: 'washington' });
    expect(docs.map((x) => x.meta.id)).toEqual(['d1', `${file}#5`, `${file}#7`]);
    expect(docs[0]?.meta).toMatchObject({ side: 'tokyo', date: '2004-02-01', format: 'jsonl', lang: 'en', extra: { outlet: 'Asahi', page: '3' } });
    expect(docs[1]?.meta).toMatchObject({ side: 'washington', lang: 'ja' });
    expect(messages.map((m) => [m.place.line, m.reason])).toEqual([
      [2, 'line 2: not valid JSON'],
      [4, 'line 4: no text field'],
      [6, 'line 6: not a JSON object'],
    ]);
    expect(messages.every((m) => m.place.file === file && m.severity === 'fatal')).toBe(true);
    expect(order).toEqual(['d1', '!read:jsonl-json', '!read:no-text', `${file}#5`, '!read:jsonl-json', `${file}#7`]);
  });

  it('streams a large file record by record with CRLF endings and no final newline', async () => {
    const count = 20000;
    const body = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Record ${i} says the alliance holds.` })).join('\r\n');
    const d = dir({ 'big.ndjson': body });
    let seen = 0;
    let last = '';
    for await (const item of readInputs([join(d, 'big.ndjson')], {})) {
      if ('meta' in item) {
        seen++;
        last = item.raw;
      }
    }
    expect(seen).toBe(count);
    expect(last).toBe(`Record ${count - 1} says the alliance holds.`);
  });

  it('reports an invalid UTF-8 line and reads the others', async () => {
    const good = Buffer.from(JSON.stringify({ text: 'Fine.' }) + '\n');
    const bad = Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('"}\n')]);
    const d = dir({ 'm.jsonl': Buffer.concat(Array.from({ length: 50 }, () => good).concat([bad, good])) });
    const { docs, messages } = await collect([d]);
    expect(docs).toHaveLength(51);
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'read:line-encoding', place: expect.objectContaining({ line: 51 }) })]);
  });
});

describe('CSV', () => {
  it('reads records under a header, keeps extra columns, handles quoted newlines, reports bad records', async () => {
    const csv = 'id,Text,side,outlet\n1,"Tokyo worries, deeply.",tokyo,Asahi\n2,"A quoted\nnewline.",washington,WaPo\n3,"bad "quote" here",tokyo,X\n4,,tokyo,Y\n5,Last record.,,Z\n';
    const d = dir({ 'r.csv': csv });
    const file = join(d, 'r.csv');
    const { docs, messages } = await collect([file], { side: 'other' });
    expect(docs.map((x) => x.meta.id)).toEqual(['1', '2', '5']);
    expect(docs[0]?.raw).toBe('Tokyo worries, deeply.');
    expect(docs[0]?.meta).toMatchObject({ side: 'tokyo', format: 'csv', extra: { outlet: 'Asahi' } });
    expect(docs[1]?.raw).toBe('A quoted\nnewline.');
    expect(docs[2]?.meta.side).toBe('other');
    expect(messages.map((m) => [m.ruleId, m.place.line])).toEqual([
      ['read:csv-record', 5],
      ['read:empty', 6],
    ]);
  });

  it('rejects a CSV without a text column', async () => {
    const d = dir({ 'n.csv': 'id,body\n1,hello\n' });
    const { docs, messages } = await collect([d]);
    expect(docs).toEqual([]);
    expect(messages[0]).toMatchObject({ ruleId: 'read:no-text', severity: 'fatal' });
  });
});

describe('walking paths', () => {
  it('walks directories recursively in sorted order, skipping hidden files and unknown extensions', async () => {
    const d = dir({
      'b.txt': 'B text.',
      'a.md': 'A text.',
      'sub/c.txt': 'C text.',
      'sub/.hidden.txt': 'hidden',
      '.git/x.txt': 'git',
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      'Z.TXT': 'Z text.',
    });
    const { docs } = await collect([d]);
    expect(docs.map((x) => x.meta.id.slice(d.length + 1))).toEqual(['Z.TXT', 'a.md', 'b.txt', 'sub/c.txt']);
  });

  it('filters by --ext', async () => {
    const d = dir({ 'a.md': 'A.', 'b.txt': 'B.', 'c.log': 'C log.' });
    expect((await collect([d], { ext: ['txt', '.log'] })).docs.map((x) => x.meta.format)).toEqual(['txt', 'txt']);
  });

  it('reports a missing path and goes on with the others', async () => {
    const d = dir({ 'ok.txt': 'Fine.' });
    const missing = join(d, 'nope.txt');
    const { docs, messages, order } = await collect([missing, d]);
    expect(docs).toHaveLength(1);
    expect(messages).toEqual([expect.objectContaining({ severity: 'fatal', ruleId: 'read:missing', place: { file: missing } })]);
    expect(messages[0]?.reason).toContain(missing);
    expect(order[0]).toBe('!read:missing');
  });

  it('does not loop forever on symlink cycles', async () => {
    const d = dir({ 'x/a.txt': 'A.' });
    symlinkSync(d, join(d, 'x', 'loop'));
    const { docs } = await collect([d]);
    expect(docs).toHaveLength(1);
  });

  it('reports binary and empty files given by name', async () => {
    const d = dir({ 'bin.txt': Buffer.from([1, 2, 0, 0, 3, 0, 255, 254, 0, 7]), 'empty.txt': '' });
    const { docs, messages } = await collect([join(d, 'bin.txt'), join(d, 'empty.txt')]);
    expect(docs).toEqual([]);
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['read:binary', 'fatal'],
      ['read:empty', 'warning'],
    ]);
  });

  it('picks extractors by extension', () => {
    expect(extractorFor('a/b.NDJSON')?.name).toBe('jsonl');
    expect(extractorFor('x.csv')?.name).toBe('csv');
    expect(extractorFor('x.pdf')?.name).toBe('pdf');
    expect(extractorFor('x.xyz')).toBeUndefined();
  });
});

describe('stdin', () => {
  it('reads JSONL when every non-empty line starts with {', async () => {
    const stdin = Readable.from([Buffer.from('{"text":"One."}\n\n  {"text":"Two.", "side":"tokyo"}\n{bad\n')]);
    const { docs, messages } = await collect(['-'], { stdin });
    expect(docs.map((x) => [x.raw, x.meta.path, x.meta.format])).toEqual([
      ['One.', '<stdin>', 'jsonl'],
      ['Two.', '<stdin>', 'jsonl'],
    ]);
    expect(messages).toEqual([expect.objectContaining({ place: { file: '<stdin>', line: 4 } })]);
  });

  it('reads one text document otherwise, with the options as metadata', async () => {
    const stdin = new PassThrough();
    stdin.end('{"a":1}\nThen plain text follows.\n');
    const { docs } = await collect(['-'], { stdin, side: 'tokyo', date: '2004' });
    expect(docs).toHaveLength(1);
    expect(docs[0]?.meta).toMatchObject({ id: '<stdin>', format: 'stdin', side: 'tokyo', date: '2004' });
    expect(docs[0]?.raw).toBe('{"a":1}\nThen plain text follows.\n');
  });

  it('decodes Shift_JIS on stdin', async () => {
    const sjis = Buffer.from([0x93, 0xfa, 0x95, 0xc4, 0x8a, 0xd6, 0x8c, 0x57, 0x82, 0xcd, 0x97, 0xc7, 0x8d, 0x44, 0x82, 0xbe, 0x81, 0x42]);
    const { docs } = await collect(['-'], { stdin: Readable.from([sjis]) });
    expect(docs[0]?.raw).toBe('日米関係は良好だ。');
    expect(docs[0]?.meta.encoding).toBe('shift_jis');
  });
});
