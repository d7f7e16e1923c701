/**
 * The coder's decisions must not change when it is made faster: every decision (voice, how, cue,
 * raised/negated codes with evidence spans and rule ids, tone and tone evidence) over the gold
 * units, the examples and a generated corpus slice is compared with a snapshot recorded before any
 * optimisation. Regenerate the snapshot only on purpose: `node scripts/coder-snapshot.mjs`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtinCodebook, compilePattern, normalize, type PatternEntry, type ScanHit } from '../src/codebook/index.js';
import { readingTable } from '../src/codebook/pattern.js';
import { decide, type CoderUnit } from '../src/coder/index.js';
import { clean } from '../src/clean.js';
import { parseUnits } from '../src/label.js';
import { readInputs } from '../src/read/index.js';
import { segment } from '../src/segment.js';
import type { SentenceDecision } from '../src/types.js';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const SNAPSHOT = join(ROOT, 'test', 'fixtures', 'coder-snapshot.json.gz');
const UPDATE = process.env.CODER_SNAPSHOT_UPDATE === '1';
const cb = builtinCodebook();

/** One coded document: where it came from, its sentences and the decisions. */
interface Coded {
  source: string;
  texts: string[];
  decisions: SentenceDecision[];
}

/** Code JSONL units document by document, as `labelUnits` groups them. */
function codeUnitsFile(file: string): Coded[] {
  const { units } = parseUnits(readFileSync(file, 'utf8'), file);
  const out: Coded[] = [];
  let i = 0;
  while (i < units.length) {
    const first = units[i] as (typeof units)[number];
    let j = i;
    while (j < units.length && units[j]?.doc === first.doc) j++;
    const group = units.slice(i, j);
    const decisions = decide(
      group.map((u, k) => ({ text: u.text, paragraph: k })),
      { docSide: first.side ?? null },
      cb,
    );
    out.push({ source: `${file}#${first.doc}`, texts: group.map((u) => u.text), decisions });
    i = j;
  }
  // Every unit again as one long document with three sentences per paragraph: carried voices across sentences.
  const all: CoderUnit[] = units.map((u, k) => ({ text: u.text, paragraph: Math.floor(k / 3) }));
  for (const side of [null, 'tokyo', 'washington']) {
    out.push({ source: `${file}#all:${side}`, texts: all.map((u) => u.text), decisions: decide(all, { docSide: side }, cb) });
  }
  return out;
}

/** Read, clean, segment and code every document under `paths`. */
async function codeInputs(paths: string[], label: string): Promise<Coded[]> {
  const out: Coded[] = [];
  for await (const item of readInputs(paths)) {
    if (!('meta' in item)) continue;
    clean(item);
    segment(item);
    const units = item.sentences.map((s) => ({ text: s.text, paragraph: s.paragraph }));
    const decisions = decide(units, { docSide: item.meta.side, lang: item.meta.lang, title: item.meta.title }, cb);
    out.push({ source: `${label}#${item.meta.id}`, texts: units.map((u) => u.text), decisions });
  }
  return out;
}

/** Sources named relative to the repository and ../shared, so the snapshot holds on any checkout path. */
function portable(source: string): string {
  return source.split(SHARED).join('<shared>').split(ROOT).join('<repo>');
}

/** A JSON-clean copy (undefined fields dropped) so that snapshot and fresh decisions compare alike. */
function plain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function digest(texts: string[]): string {
  return createHash('sha256').update(texts.join('\u0000')).digest('hex').slice(0, 16);
}

async function collect(): Promise<{ sets: Map<string, Coded[]>; skipped: string[] }> {
  const sets = new Map<string, Coded[]>();
  const skipped: string[] = [];
  for (const f of ['eval/units-en.jsonl', 'eval/units-ja.jsonl']) sets.set(f, codeUnitsFile(join(ROOT, f)));
  const dev = join(SHARED, 'eval', 'dev.jsonl');
  if (existsSync(dev)) sets.set('shared/eval/dev.jsonl', codeUnitsFile(dev));
  else skipped.push('shared/eval/dev.jsonl (../shared is absent)');
  sets.set('examples', await codeInputs([join(ROOT, 'examples')], 'examples'));
  const maker = join(SHARED, 'bench', 'make-corpus.mjs');
  if (existsSync(maker)) {
    const dir = mkdtempSync(join(tmpdir(), 'coder-eq-'));
    try {
      const file = join(dir, 'corpus.jsonl');
      execFileSync(process.execPath, [maker, '--docs', '300', '--seed', '3', '--out', file], { stdio: 'ignore' });
      sets.set('corpus-300-seed-3', await codeInputs([file], 'corpus'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else skipped.push('generated corpus (../shared/bench/make-corpus.mjs is absent)');
  for (const [k, v] of sets) sets.set(k, plain(v).map((d) => ({ ...d, source: portable(d.source) })));
  return { sets, skipped };
}

describe('coder equivalence with the recorded snapshot', () => {
  it('every decision equals the snapshot', async () => {
    const { sets, skipped } = await collect();
    if (skipped.length > 0) process.stderr.write(`coder-equivalence: skipped ${skipped.join("; ")}\n`);
    if (UPDATE) {
      // The sentences themselves are regenerated from the inputs: the snapshot keeps only their digest.
      const slim = [...sets].map(([k, docs]) => [k, docs.map((d) => ({ ...d, texts: [digest(d.texts)] }))]);
      writeFileSync(SNAPSHOT, gzipSync(JSON.stringify(Object.fromEntries(slim)), { level: 9 }));
      return;
    }
    expect(existsSync(SNAPSHOT), 'snapshot missing: run node scripts/coder-snapshot.mjs').toBe(true);
    const snap = new Map(Object.entries(JSON.parse(gunzipSync(readFileSync(SNAPSHOT)).toString('utf8')) as Record<string, Coded[]>));
    let sentences = 0;
    for (const [name, fresh] of sets) {
      const old = snap.get(name);
      expect(old, `snapshot has no set ${name}`).toBeDefined();
      expect(fresh.length, `${name}: number of documents`).toBe(old?.length);
      fresh.forEach((doc, d) => {
        const was = old?.[d] as Coded;
        expect(doc.source, `${name}: document ${d}`).toBe(was.source);
        expect(digest(doc.texts), `${doc.source}: sentences`).toBe(was.texts[0]);
        doc.decisions.forEach((dec, s) => {
          sentences++;
          expect(dec, `${doc.source} sentence ${s}: ${doc.texts[s]?.slice(0, 80)}`).toEqual(was.decisions[s]);
        });
      });
    }
    // The snapshot must cover the corpus and carry real decisions, not only defaults.
    expect(sentences).toBeGreaterThan(1000);
    const all = [...sets.values()].flat().flatMap((d) => d.decisions);
    expect(all.filter((d) => d.raised.length > 0).length).toBeGreaterThan(100);
    expect(all.filter((d) => d.negated.length > 0).length).toBeGreaterThan(20);
    expect(new Set(all.map((d) => d.voice.how)).size).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

/**
 * The scanner as it was before optimising: one alternation of every English anchor finds the word
 * starts, each anchor's patterns are confirmed there, then Japanese characters, then raw regexes.
 */
function referenceScan(entries: readonly PatternEntry[]): (norm: string) => Array<[string, number, number]> {
  type C = { entry: PatternEntry; re: RegExp };
  const words = new Map<string, C[]>();
  const pre = new Map<string, C[]>();
  const ja = new Map<string, C[]>();
  const raw: C[] = [];
  // Patterns compile with the codebook's readings, as the loader compiles them.
  const readings = readingTable((parseYaml(cb.yaml) as { readings?: Record<string, string> }).readings);
  const file = (m: Map<string, C[]>, k: string, c: C): void => void (m.get(k) ?? m.set(k, []).get(k))?.push(c);
  for (const entry of entries) {
    const p = compilePattern(entry.text, readings).pattern;
    if (!p) continue;
    if (p.raw) {
      raw.push({ entry, re: new RegExp(p.source, 'giu') });
      continue;
    }
    const c = { entry, re: new RegExp(p.source, p.lang === 'en' ? 'y' : 'uy') };
    for (const a of p.lang === 'en' && p.words ? p.words : p.anchors) file(p.lang === 'ja' ? ja : p.words ? words : pre, a, c);
  }
  const esc = (k: string): string => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const keys = (m: Map<string, C[]>): string => [...m.keys()].sort((a, b) => b.length - a.length).map(esc).join('|');
  const finder = new RegExp(`(?<![A-Za-z0-9])(?:${keys(words)})(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:${keys(pre)})`, 'gi');
  const wordChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);
  return (norm) => {
    const hits: Array<[string, number, number]> = [];
    const tryList = (list: C[] | undefined, i: number): void => {
      for (const c of list ?? []) {
        c.re.lastIndex = i;
        const m = c.re.exec(norm);
        if (m) hits.push([c.entry.rule, i, i + m[0].length]);
      }
    };
    finder.lastIndex = 0;
    let last = -1;
    for (let m = finder.exec(norm); m; m = finder.exec(norm)) {
      const i = m.index;
      finder.lastIndex = i + 1;
      if (i === last) continue;
      last = i;
      if (wordChar(norm[i])) {
        let j = i + 1;
        while (wordChar(norm[j])) j++;
        const w = norm.slice(i, j).toLowerCase();
        tryList(words.get(w), i);
        for (let k = 1; k <= Math.min(3, w.length); k++) tryList(pre.get(w.slice(0, k)), i);
      } else {
        const k3 = norm.slice(i, i + 3).toLowerCase();
        for (let k = 1; k <= k3.length; k++) tryList(pre.get(k3.slice(0, k)), i);
      }
    }
    // Japanese patterns may start with a Latin letter or digit (GDP比): those are tried at every position.
    const jaLow = [...ja.keys()].some((k) => k.charCodeAt(0) < 0x3000);
    if (/[\u3000-\uffff]/u.test(norm)) for (let i = 0; i < norm.length; i++) if (jaLow || norm.charCodeAt(i) >= 0x3000) tryList(ja.get(norm[i] as string), i);
    for (const c of raw) for (const m of norm.matchAll(c.re)) if (m[0].length > 0) hits.push([c.entry.rule, m.index, m.index + m[0].length]);
    return hits;
  };
}

/** A fixed-seed generator of sentences stitched from the codebook's own words, punctuation and case changes. */
function stitched(entries: readonly PatternEntry[], count: number, seed: number): string[] {
  let state = seed >>> 0;
  const rand = (): number => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const vocab = [...new Set(entries.flatMap((e) => e.text.replace(/[{}|~?]/g, ' ').split(/\s+/)).filter((w) => w && w !== '...'))];
  const glue = ['', '', ' ', ' ', ' ', ', ', '. ', '; ', ' "', '" ', ' — ', "'s ", '-', ' (', ') ', ': ', '?', ' U.S. ', ' ＧＤＰ ', '　', 'é'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    const n = 2 + Math.floor(rand() * 14);
    for (let w = 0; w < n; w++) {
      let word = pick(vocab);
      const r = rand();
      if (r < 0.15) word = word.toUpperCase();
      else if (r < 0.3) word = word.charAt(0).toUpperCase() + word.slice(1);
      else if (r < 0.35) word += pick(['s', 'ed', 'ing', 'x']);
      // Japanese words inflected: their last characters replaced by common endings.
      if (/[\u3040-\u9fff]/u.test(word) && rand() < 0.5) word = word.slice(0, -1 - Math.floor(rand() * 2)) + pick(['られ', 'た', 'わ', 'し', 'さ', 'ない', 'き', 'れる', 'っ', 'ず', '。']);
      s += word + pick(glue);
    }
    out.push(s);
  }
  return out;
}

describe('scanner equivalence with the original one-alternation scanner', () => {
  it('finds the same hits, in the same order, on real and stitched sentences', async () => {
    const ref = referenceScan(cb.matcher.entries);
    const { sets } = await collect();
    const sentences = [...sets.values()].flat().flatMap((d) => d.texts);
    sentences.push(...stitched(cb.matcher.entries, 20000, 11));
    let withHits = 0;
    for (const s of sentences) {
      const norm = normalize(s).text;
      const got = cb.matcher.scan(norm).map((h: ScanHit): [string, number, number] => [h.entry.rule, h.start, h.end]);
      expect(got, norm).toEqual(ref(norm));
      if (got.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(10000);
  }, 300_000);
});
