/**
 * End to end through the pipeline: a folder mixing every format ingests in one call, and a batch of
 * 1,000 files with 10 corrupt ones stores the 990 others.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { analyzePaths } from '../src/pipeline.js';
import { Store } from '../src/store/index.js';
import { articlePage, column, makeDocx, makePdf } from './fixtures/formats/build.js';
import { seededRandom } from '../src/stats.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-formats-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The seeded generator shared with measurement, so fixtures are the same on every run.
const rng = seededRandom;

const SUBJECTS = ['Tokyo officials', 'Washington', 'The defense ministry', 'Analysts in Tokyo', 'The Pentagon', 'Okinawa residents'];
const VERBS = ['said', 'warned', 'argued', 'insisted', 'noted'];
const CLAIMS = ['the alliance remained strong', 'the cost of the bases was too high', 'Japan should spend more on defence', 'the treaty obliged both sides', 'the drills were necessary', 'trade frictions could hurt ties'];

describe('mixed formats through the pipeline', () => {
  it('ingests txt, md, pdf, html, docx, jsonl and csv from one folder in one call, with PDF pages', async () => {
    const dir = join(root, 'mixed');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    // Each format says something of its own: identical texts would be stored once by content hash.
    const say = (f: string, n = 1): string => `Tokyo officials said in the ${f} file that the alliance mattered (${n}).`;
    writeFileSync(join(dir, 'a.txt'), say('txt'));
    writeFileSync(join(dir, 'b.md'), `# Notes\n\n${say('md')}\n`);
    writeFileSync(join(dir, 'c.jsonl'), [1, 2].map((n) => JSON.stringify({ id: `j${n}`, text: say('jsonl', n) })).join('\n'));
    writeFileSync(join(dir, 'd.csv'), `id,text\nc1,"${say('csv')}"\n`);
    writeFileSync(join(dir, 'sub', 'e.html'), articlePage({ title: 'HTML', lang: 'en', paragraphs: [say('html'), say('html', 2)] }));
    writeFileSync(join(dir, 'sub', 'f.docx'), await makeDocx({ heading: 'Memo', paragraphs: [say('docx')] }));
    // A three-page PDF so that stored sentences carry their page.
    const pages = [1, 2, 3].map((p) => column([`Page ${p} begins with a sentence about the alliance.`, `Tokyo officials said the bases on page ${p} cost too much.`], 50, 700));
    writeFileSync(join(dir, 'sub', 'report.pdf'), await makePdf(pages));
    const store = Store.open(':memory:');
    const summary = await analyzePaths([dir], { store, codebook: builtinCodebook(), jobs: 1 });
    expect(summary.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
    for (const f of ['txt', 'md', 'pdf', 'html', 'docx', 'jsonl', 'csv']) expect(summary.formats.get(f), f).toBeGreaterThan(0);
    const report = store.documents().find((d) => d.path?.endsWith('report.pdf'));
    expect(report).toBeDefined();
    const sentences = store.sentencesOf(report?.id as number, builtinCodebook().version);
    expect(new Set(sentences.map((s) => s.page))).toEqual(new Set([1, 2, 3]));
    expect(sentences.find((s) => s.text.includes('page 3'))?.page).toBe(3);
    store.close();
  }, 60_000);

  it('stores 990 of 1,000 files when 10 are corrupt', async () => {
    const dir = join(root, 'batch');
    const r = rng(2024);
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const corrupt = new Set<number>();
    while (corrupt.size < 10) corrupt.add(Math.floor(r() * 1000));
    for (let i = 0; i < 1000; i++) {
      const sub = join(dir, `part${i % 7}`);
      mkdirSync(sub, { recursive: true });
      if (corrupt.has(i)) {
        // Broken in the ways files break: a PDF cut short, a DOCX that is not a zip, binary under .txt.
        const kind = i % 3;
        if (kind === 0) writeFileSync(join(sub, `doc${i}.pdf`), Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'));
        else if (kind === 1) writeFileSync(join(sub, `doc${i}.docx`), Buffer.from('this is not a zip archive'));
        else writeFileSync(join(sub, `doc${i}.txt`), Buffer.from(Array.from({ length: 4096 }, () => (r() < 0.2 ? 0 : Math.floor(r() * 256)))));
        continue;
      }
      const text = Array.from({ length: 3 }, () => `${pick(SUBJECTS)} ${pick(VERBS)} that ${pick(CLAIMS)}.`).join(' ') + ` Report number ${i}.`;
      if (i % 5 === 0) writeFileSync(join(sub, `doc${i}.md`), `# Note ${i}\n\n${text}\n`);
      else if (i % 11 === 0) writeFileSync(join(sub, `doc${i}.html`), `<html lang="en"><body><article><p>${text}</p></article></body></html>`);
      else writeFileSync(join(sub, `doc${i}.txt`), text);
    }
    const store = Store.open(join(root, 'batch.db'));
    const summary = await analyzePaths([dir], { store, codebook: builtinCodebook(), jobs: 1 });
    expect(summary.stored).toBe(990);
    expect(store.stats().documents).toBe(990);
    const fatal = summary.messages.filter((m) => m.severity === 'fatal');
    expect(fatal).toHaveLength(10);
    expect(new Set(fatal.map((m) => m.place.file?.replace(/^.*doc(\d+)\..*$/, '$1')))).toEqual(new Set([...corrupt].map(String)));
    store.close();
  }, 120_000);
});
