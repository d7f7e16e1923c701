import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../src/read/index.js';
import { newDoc } from '../src/read/doc.js';
import { applySources, globToRegex, loadSources, matchSource, parseSources } from '../src/sources.js';
import type { Doc, Message } from '../src/types.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function read(paths: string[], opts: Parameters<typeof readInputs>[1] = {}): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  for await (const x of readInputs(paths, opts)) ('meta' in x ? docs : messages).push(x as never);
  return { docs, messages };
}

describe('globs', () => {
  it('matches segments, any depth and single characters', () => {
    expect(globToRegex('wires/**/*.txt').test('wires/kyodo/2024/a.txt')).toBe(true);
    expect(globToRegex('wires/**/*.txt').test('wires/a.txt')).toBe(true);
    expect(globToRegex('wires/*.txt').test('wires/kyodo/a.txt')).toBe(false);
    expect(globToRegex('a?.md').test('ab.md')).toBe(true);
    expect(globToRegex('a.md').test('aXmd')).toBe(false);
  });
});

describe('parsing sidecars', () => {
  it('reads the mapping form, the list form and CSV', () => {
    const yaml = parseSources('asahi.com: tokyo, Asahi Shimbun\nwsj.com: { side: washington, source: Wall Street Journal }\n', 'x/sources.yaml');
    expect(yaml.messages).toEqual([]);
    expect(yaml.map.rules.map((r) => [r.pattern, r.side, r.source, r.line])).toEqual([
      ['asahi.com', 'tokyo', 'Asahi Shimbun', 1],
      ['wsj.com', 'washington', 'Wall Street Journal', 2],
    ]);
    const list = parseSources('sources:\n  - path: "kyodo/**"\n    side: tokyo\n    source: Kyodo\n  - url: "https://www.state.gov/*"\n    side: washington\n', 'y/sources.yml');
    expect(list.map.rules.map((r) => [r.kind, r.side, r.source ?? null, r.line])).toEqual([
      ['path', 'tokyo', 'Kyodo', 2],
      ['url', 'washington', null, 5],
    ]);
    const csv = parseSources('match,side,source\nnikkei.com,tokyo,Nikkei\n"reports/*.pdf",washington,CRS\n', 'z/sources.csv');
    expect(csv.map.rules.map((r) => [r.pattern, r.kind, r.line])).toEqual([
      ['nikkei.com', 'any', 2],
      ['reports/*.pdf', 'path', 3],
    ]);
  });

  it('reports bad entries and bad files with their place', async () => {
    const r = parseSources('- side: tokyo\n- path: a/*\n- just a string\n', 's/sources.yaml');
    expect(r.map.rules).toHaveLength(0);
    expect(r.messages.map((m) => [m.ruleId, m.place.line])).toEqual([
      ['sources:entry', 1],
      ['sources:entry', 2],
      ['sources:entry', 3],
    ]);
    expect(parseSources('a: [unclosed\n', 's/sources.yaml').messages[0]?.ruleId).toBe('sources:parse');
    expect(parseSources('side,source\ntokyo,X\n', 's/sources.csv').messages[0]?.ruleId).toBe('sources:parse');
    expect((await loadSources(join(root, 'missing.yaml'))).messages[0]?.ruleId).toBe('sources:io');
  });
});

describe('matching and applying', () => {
  const { map } = parseSources('asahi.com: tokyo, Asahi Shimbun\n"https://www.whitehouse.gov/briefing-room/**": washington, White House\n"kyodo/**": tokyo, Kyodo\n"*.memo": washington, Memo\n', join(root, 'sources.yaml'));

  it('matches domains with their subdomains, URL globs and path globs', () => {
    expect(matchSource(map, 'https://www.asahi.com/ajw/articles/1.html')?.source).toBe('Asahi Shimbun');
    expect(matchSource(map, 'https://notasahi.com/x')).toBeUndefined();
    expect(matchSource(map, 'https://www.whitehouse.gov/briefing-room/statements/2024/x/')?.side).toBe('washington');
    expect(matchSource(map, join(root, 'kyodo', '2024', 'a.txt'))?.source).toBe('Kyodo');
    expect(matchSource(map, join(root, 'other', 'kyodo.txt'))).toBeUndefined();
    expect(matchSource(map, join(root, 'deep', 'x.memo'))?.source).toBe('Memo');
  });

  it('fills side and source where the document has none', () => {
    const doc = newDoc({ id: 'u', format: 'html', path: 'https://www.asahi.com/a.html' }, 'Text.');
    expect(applySources(doc, map)?.pattern).toBe('asahi.com');
    expect(doc.meta).toMatchObject({ side: 'tokyo', source: 'Asahi Shimbun' });
    const own = newDoc({ id: 'v', format: 'html', path: 'https://www.asahi.com/b.html', side: 'washington', source: 'Mine' }, 'Text.');
    applySources(own, map);
    expect(own.meta).toMatchObject({ side: 'washington', source: 'Mine' });
    const byCanonical = newDoc({ id: 'w', format: 'html', path: 'saved/page.html', extra: { url: 'https://asahi.com/c' } }, 'Text.');
    applySources(byCanonical, map);
    expect(byCanonical.meta.side).toBe('tokyo');
  });
});

describe('sidecars in the directory walk', () => {
  it('applies folder sidecars to files under the folder, inner first, own metadata winning', async () => {
    const dir = join(root, 'corpus');
    mkdirSync(join(dir, 'kyodo', 'special'), { recursive: true });
    mkdirSync(join(dir, 'misc'), { recursive: true });
    writeFileSync(join(dir, 'sources.yaml'), '"kyodo/**": tokyo, Kyodo\n"*.md": washington, Blog\n');
    writeFileSync(join(dir, 'kyodo', 'a.txt'), 'Tokyo officials said the alliance is strong.');
    writeFileSync(join(dir, 'kyodo', 'special', 'sources.csv'), 'match,side,source\n*.txt,other,Kyodo Special\n');
    writeFileSync(join(dir, 'kyodo', 'special', 'b.txt'), 'Seoul officials said the alliance is strong.');
    writeFileSync(join(dir, 'kyodo', 'c.txt'), '---\nside: washington\nsource: Reprint\n---\nWashington officials agreed.');
    writeFileSync(join(dir, 'misc', 'd.md'), 'A blog post about the alliance.');
    writeFileSync(join(dir, 'misc', 'e.txt'), 'No rule covers this file.');
    const { docs, messages } = await read([dir], { side: 'tokyo', source: 'CLI' });
    expect(messages).toEqual([]);
    const by = new Map(docs.map((d) => [d.meta.path?.slice(dir.length + 1), [d.meta.side, d.meta.source]]));
    expect(by.get('kyodo/a.txt')).toEqual(['tokyo', 'Kyodo']);
    expect(by.get('kyodo/special/b.txt')).toEqual(['other', 'Kyodo Special']);
    expect(by.get('kyodo/c.txt')).toEqual(['washington', 'Reprint']);
    expect(by.get('misc/d.md')).toEqual(['washington', 'Blog']);
    expect(by.get('misc/e.txt')).toEqual(['tokyo', 'CLI']);
    expect(docs).toHaveLength(5);
  });

  it('applies a --sources file to every input, after folder sidecars', async () => {
    const dir = join(root, 'plain');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'nhk-1.txt'), 'Text one about the alliance.');
    const sidecar = join(root, 'global.yaml');
    writeFileSync(sidecar, '"nhk-*.txt": tokyo, NHK\n');
    const loaded = await loadSources(sidecar);
    const { docs } = await read([dir, join(dir, 'nhk-1.txt')], { sources: loaded.map });
    expect(docs.map((d) => [d.meta.side, d.meta.source])).toEqual([
      ['tokyo', 'NHK'],
      ['tokyo', 'NHK'],
    ]);
  });

  it('reports a broken folder sidecar and reads the folder anyway', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sources.yaml'), 'x: [\n');
    writeFileSync(join(dir, 'a.txt'), 'Some text.');
    const { docs, messages } = await read([dir]);
    expect(docs).toHaveLength(1);
    expect(messages.map((m) => m.ruleId)).toEqual(['sources:parse']);
  });
});
