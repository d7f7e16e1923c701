// Benchmark corpora: generated once per size by the shared generator, then split by language
// into JSONL (for twocities) and plain text (for the reference tools). Reused when present.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

/** The language slices every corpus is split into; `mixed` is the generated file itself. */
export const LANGS = ['en', 'ja', 'mixed'];

/**
 * Paths of the corpus files for `docs` documents in `dir`.
 *
 * @example
 * corpusPaths('bench/out', 20000).jsonl.en // → 'bench/out/corpus-20000-en.jsonl'
 */
export function corpusPaths(dir, docs) {
  const base = join(dir, `corpus-${docs}`);
  return {
    jsonl: { mixed: `${base}.jsonl`, en: `${base}-en.jsonl`, ja: `${base}-ja.jsonl` },
    txt: { en: `${base}-en.txt`, ja: `${base}-ja.txt`, mixed: `${base}-mixed.txt` },
    stats: `${base}.stats.json`,
  };
}

async function write(stream, text) {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream) {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Make (or reuse) the corpus of `docs` documents: the mixed JSONL from `generator`, its en/ja
 * JSONL slices and their plain texts. Returns the paths and, per slice, documents and UTF-8 bytes of text.
 *
 * @example
 * const c = await ensureCorpus({ dir: 'bench/out', docs: 300, generator: '../shared/bench/make-corpus.mjs' });
 * c.stats.ja.bytes; // UTF-8 bytes of the Japanese documents' text
 */
export async function ensureCorpus({ dir, docs, generator, log = () => {} }) {
  const paths = corpusPaths(dir, docs);
  const all = [paths.jsonl.mixed, paths.jsonl.en, paths.jsonl.ja, paths.txt.en, paths.txt.ja, paths.txt.mixed, paths.stats];
  if (all.every((p) => existsSync(p))) {
    const stats = JSON.parse(readFileSync(paths.stats, 'utf8'));
    if (stats.mixed?.docs === docs) {
      log(`corpus of ${docs} documents reused: ${paths.jsonl.mixed}`);
      return { paths, stats, reused: true };
    }
  }
  log(`making a corpus of ${docs} documents with ${generator} ...`);
  // Written under a temporary name first, so an interrupted run never leaves a corpus that looks complete.
  const tmp = `${paths.jsonl.mixed}.tmp`;
  const made = spawnSync(process.execPath, [generator, '--docs', String(docs), '--out', tmp], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`bench: the corpus generator failed: ${made.stderr || made.error?.message}`);
  renameSync(tmp, paths.jsonl.mixed);

  const stats = { en: { docs: 0, bytes: 0 }, ja: { docs: 0, bytes: 0 }, mixed: { docs: 0, bytes: 0 }, other: { docs: 0, bytes: 0 } };
  const out = {
    jsonl: { en: createWriteStream(paths.jsonl.en), ja: createWriteStream(paths.jsonl.ja) },
    txt: { en: createWriteStream(paths.txt.en), ja: createWriteStream(paths.txt.ja), mixed: createWriteStream(paths.txt.mixed) },
  };
  const lines = createInterface({ input: createReadStream(paths.jsonl.mixed, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line);
    const text = String(doc.text ?? '');
    const bytes = Buffer.byteLength(text);
    stats.mixed.docs++;
    stats.mixed.bytes += bytes;
    await write(out.txt.mixed, text + '\n');
    const lang = doc.lang === 'en' || doc.lang === 'ja' ? doc.lang : 'other';
    stats[lang].docs++;
    stats[lang].bytes += bytes;
    if (lang === 'other') continue;
    await write(out.jsonl[lang], line + '\n');
    await write(out.txt[lang], text + '\n');
  }
  await Promise.all([...Object.values(out.jsonl), ...Object.values(out.txt)].map(close));
  writeFileSync(paths.stats, JSON.stringify(stats, null, 2) + '\n');
  return { paths, stats, reused: false };
}
