import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');
const SIDES = new Set(['washington', 'tokyo', 'other']);
const LANGS = new Set(['en', 'ja']);
const SJIS_FILE = '2004-02-diet-iraq.sjis.txt';
const EUCJP_FILE = '2017-08-survey.eucjp.txt';
const LEGACY = new Map([
  [SJIS_FILE, 'shift_jis'],
  [EUCJP_FILE, 'euc-jp'],
]);

interface Example {
  name: string;
  bytes: Buffer;
  text: string;
  front: Record<string, unknown>;
  body: string;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function splitFrontMatter(text: string): { front: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) return { front: {}, body: text };
  const parsed: unknown = parse(match[1] ?? '');
  const front = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return { front, body: match[2] ?? '' };
}

function loadExamples(): Example[] {
  return readdirSync(examplesDir)
    .filter((name) => !name.startsWith('.') && /\.(md|txt)$/.test(name))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(examplesDir, name));
      const text = new TextDecoder(LEGACY.get(name) ?? 'utf-8', { fatal: true }).decode(bytes);
      return { name, bytes, text, ...splitFrontMatter(text) };
    });
}

const examples = loadExamples();
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('examples/', () => {
  it('holds at least 16 documents, at least 8 English and 6 Japanese', () => {
    expect(examples.length).toBeGreaterThanOrEqual(16);
    const byLang = new Map<string, number>();
    for (const e of examples) byLang.set(String(e.front['lang']), (byLang.get(String(e.front['lang'])) ?? 0) + 1);
    expect(byLang.get('en') ?? 0).toBeGreaterThanOrEqual(8);
    expect(byLang.get('ja') ?? 0).toBeGreaterThanOrEqual(6);
  });

  it.each(examples.map((e) => [e.name, e] as const))('%s has valid front matter and a body of 4-12 paragraphs', (_name, e) => {
    expect(typeof e.front['title']).toBe('string');
    expect(String(e.front['title']).trim().length).toBeGreaterThan(0);
    // yaml parses an unquoted ISO date as a string (YAML 1.2 core schema), so check its shape
    expect(String(e.front['date'])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(SIDES.has(String(e.front['side']))).toBe(true);
    expect(LANGS.has(String(e.front['lang']))).toBe(true);
    const paragraphs = e.body.split(/\n\s*\n/).filter((p) => p.trim().length > 0);
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(paragraphs.length).toBeLessThanOrEqual(16);
    const japaneseChars = (e.body.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
    // the declared language must match the body: Japanese bodies are mostly kana/kanji
    if (e.front['lang'] === 'ja') expect(japaneseChars / e.body.length).toBeGreaterThan(0.5);
    else expect(japaneseChars).toBe(0);
  });

  it('spans at least three distinct years and includes documents from both capitals and a third party', () => {
    const years = new Set(examples.map((e) => String(e.front['date']).slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(3);
    const sides = new Set(examples.map((e) => String(e.front['side'])));
    expect(sides).toEqual(new Set(['washington', 'tokyo', 'other']));
  });

  it('stores exactly the two legacy files in Shift_JIS and EUC-JP, all others in UTF-8', () => {
    for (const e of examples) expect(isValidUtf8(e.bytes), e.name).toBe(!LEGACY.has(e.name));
    const sjis = examples.find((e) => e.name === SJIS_FILE);
    const euc = examples.find((e) => e.name === EUCJP_FILE);
    expect(sjis).toBeDefined();
    expect(euc).toBeDefined();
    if (!sjis || !euc) return;
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(sjis.bytes)).toContain('○外務大臣');
    expect(new TextDecoder('euc-jp', { fatal: true }).decode(euc.bytes)).toContain('回答者（大阪・34歳）：');
    // the two encodings differ, so each file must fail to decode as the other one
    expect(() => new TextDecoder('euc-jp', { fatal: true }).decode(sjis.bytes)).toThrow();
    expect(new TextDecoder('shift_jis').decode(euc.bytes)).not.toContain('回答者');
  });

  it('examples/.make-encoded.mjs reproduces the committed legacy files byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'twocities-examples-'));
    tempDirs.push(out);
    execFileSync(process.execPath, [join(examplesDir, '.make-encoded.mjs'), out]);
    expect(readdirSync(out).sort()).toEqual([...LEGACY.keys()].sort());
    for (const name of LEGACY.keys()) {
      expect(Buffer.compare(readFileSync(join(out, name)), readFileSync(join(examplesDir, name))), name).toBe(0);
    }
  });

  it('keeps the generator script out of the documents: only .md and .txt files are examples', () => {
    // Subfolders (import profiles) hold no documents the reader would pick up by default.
    const others = readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isFile() && !/\.(md|txt)$/.test(e.name)).map((e) => e.name);
    expect(others).toEqual(['.make-encoded.mjs']);
  });

  it('gives cleaning something to report in one English .txt: a lone page number, a broken paragraph, a repeat', () => {
    const withFurniture = examples.filter((e) => {
      if (!e.name.endsWith('.txt') || e.front['lang'] !== 'en') return false;
      const paragraphs = e.body.split(/\n\s*\n/).map((p) => p.trim());
      const lonePage = paragraphs.some((p) => /^\d{1,3}$/.test(p));
      const broken = paragraphs.some((p, i) => /[a-z]$/.test(p) && /^\d{1,3}$/.test(paragraphs[i + 1] ?? ''));
      const repeated = new Set(paragraphs).size < paragraphs.length;
      return lonePage && broken && repeated;
    });
    expect(withFurniture.map((e) => e.name)).toHaveLength(1);
  });
});

const CODES = [
  'relationship_positive',
  'one_way',
  'autonomy',
  'burden_pressure',
  'nuclear',
  'abandonment',
  'entrapment',
  'japan_passing',
  'nationalism',
  'reassurance',
];
const VOICES = new Set(['washington', 'tokyo', 'other', 'author']);
const TONES = new Set(['positive', 'negative', 'mixed', 'neutral']);

describe.each(['units-en.jsonl', 'units-ja.jsonl'])('eval/%s', (file) => {
  const lines = readFileSync(join(root, 'eval', file), 'utf8').split('\n').filter((l) => l.trim().length > 0);
  const units = lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('has one well-formed labelled unit per line, in the LABELS.md format', () => {
    expect(units.length).toBeGreaterThanOrEqual(100);
    for (const [i, u] of units.entries()) {
      const where = `${file}:${i + 1}`;
      expect(Object.keys(u).sort(), where).toEqual(['codes', 'doc', 'negated', 'side', 'text', 'tone', 'voice']);
      expect(String(u['doc']), where).toMatch(/^own-(en|ja)-\d{2}$/);
      expect(u['side'] === null || SIDES.has(String(u['side'])), where).toBe(true);
      expect(typeof u['text'] === 'string' && u['text'].trim().length > 0, where).toBe(true);
      expect(VOICES.has(String(u['voice'])), where).toBe(true);
      expect(TONES.has(String(u['tone'])), where).toBe(true);
      const codes = u['codes'] as string[];
      const negated = u['negated'] as string[];
      for (const c of [...codes, ...negated]) expect(CODES, where).toContain(c);
      expect(codes.filter((c) => negated.includes(c)), where).toEqual([]);
      expect(new Set(codes).size, where).toBe(codes.length);
    }
  });

  it('keeps the units of a document consecutive, with one side per document', () => {
    const closed = new Set<string>();
    const sideOf = new Map<string, unknown>();
    let current = '';
    for (const u of units) {
      const doc = String(u['doc']);
      if (doc !== current) {
        expect(closed.has(doc), `${doc} resumes after another document`).toBe(false);
        if (current) closed.add(current);
        current = doc;
        sideOf.set(doc, u['side']);
      }
      expect(u['side']).toBe(sideOf.get(doc));
    }
    expect(sideOf.size).toBeGreaterThanOrEqual(20);
  });

  it('raises every code at least 10 times and negates it at least 3 times, with all voices and tones present', () => {
    for (const code of CODES) {
      expect(units.filter((u) => (u['codes'] as string[]).includes(code)).length, code).toBeGreaterThanOrEqual(10);
      expect(units.filter((u) => (u['negated'] as string[]).includes(code)).length, code).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(units.map((u) => u['voice']))).toEqual(VOICES);
    expect(new Set(units.map((u) => u['tone']))).toEqual(TONES);
  });

  it('shares no sentence with the shared dev set', () => {
    const devPath = join(root, '..', 'shared', 'eval', 'dev.jsonl');
    let dev: string;
    try {
      dev = readFileSync(devPath, 'utf8');
    } catch {
      return; // the shared folder is not part of a packaged checkout
    }
    const devTexts = new Set(
      dev
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => String((JSON.parse(l) as Record<string, unknown>)['text'])),
    );
    expect(units.filter((u) => devTexts.has(String(u['text'])))).toEqual([]);
  });
});
