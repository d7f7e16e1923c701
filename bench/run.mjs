#!/usr/bin/env node
// `npm run bench`: throughput and peak memory of every pipeline stage on a generated bilingual
// corpus (English, Japanese and mixed), the command line end to end, `report`, and the reference
// tools (ripgrep, MeCab) on the same text. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus, LANGS } from './corpus.mjs';
import { codebookPhrases } from './phrases.mjs';
import { summariseProfile } from './profile.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE = process.execPath;
const CLI = join(ROOT, 'bin/twocities.js');
const TIME = '/usr/bin/time';
const IN_PROCESS = ['read', 'clean', 'segment', 'decide', 'store'];
const ALL_STAGES = [...IN_PROCESS, 'e2e', 'e2e1', 'recode', 'report', 'reference'];
// Sizes below the largest run only these (whole-pipeline rows), enough for linearity and memory growth.
const SCALE_STAGES = ['e2e', 'e2e1', 'recode'];
const ALIASES = new Map([['code', 'decide'], ['attribute', 'decide'], ['attribute+code', 'decide'], ['write', 'store'], ['pipeline', 'e2e'], ['analyze', 'e2e'], ['analyze1', 'e2e1'], ['ref', 'reference']]);
const LABEL = new Map([['decide', 'attribute+code'], ['e2e', 'analyze (CLI)'], ['e2e1', 'analyze --jobs 1'], ['recode', 'code (recode)']]);

const HELP = `npm run bench -- [options]

  --docs N[,N2...]   corpus sizes in documents (default 10000,20000: every stage at the largest size,
                     the whole-pipeline rows (${SCALE_STAGES.join(', ')}) on the mixed slice at the smaller ones,
                     for linearity and memory growth; --full-sizes runs everything at every size)
  --stages LIST      (e2e = the CLI analyze, e2e1 = the same with --jobs 1, recode = twocities code with an
                     edited codebook on the store e2e built) any of ${ALL_STAGES.join(',')} (default: all)
  --full-sizes       every stage and language at every size
  --langs LIST       any of ${LANGS.join(',')} (default: all)
  --out FILE         results JSON (default bench/out/results-<timestamp>.json)
  --work-dir DIR     where corpora and stores go (default bench/out)
  --jobs N           coding threads for the CLI run (default: the CLI's own, one per core)
  --repeat N         runs of each reference tool, the median is kept (default 3)
  --quick            a few hundred documents, one reference run (for the test)
  --profile          also profile the whole pipeline (CLI, one thread) with node --cpu-prof
  -h, --help         this text
`;

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        docs: { type: 'string' },
        stages: { type: 'string' },
        langs: { type: 'string' },
        out: { type: 'string' },
        'work-dir': { type: 'string' },
        jobs: { type: 'string' },
        repeat: { type: 'string' },
        quick: { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        'full-sizes': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`bench: ${e.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(HELP);
    process.exit(0);
  }
  const list = (v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const sizes = list(parsed.docs ?? (parsed.quick ? '300' : '10000,20000')).map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--docs must be whole numbers of at least 1, comma separated (got "${parsed.docs}")`);
  const stages = parsed.stages ? list(parsed.stages).map((s) => ALIASES.get(s) ?? s) : ALL_STAGES;
  const unknown = stages.filter((s) => !ALL_STAGES.includes(s));
  if (unknown.length) fail(`unknown stage ${unknown.join(', ')} (known: ${ALL_STAGES.join(', ')})`);
  const langs = parsed.langs ? list(parsed.langs) : LANGS;
  const badLang = langs.filter((l) => !LANGS.includes(l));
  if (badLang.length) fail(`unknown language slice ${badLang.join(', ')} (known: ${LANGS.join(', ')})`);
  const repeat = Number(parsed.repeat ?? (parsed.quick ? 1 : 3));
  if (!Number.isInteger(repeat) || repeat < 1) fail(`--repeat must be a whole number of at least 1 (got "${parsed.repeat}")`);
  if (parsed.jobs !== undefined && !/^[1-9]\d*$/.test(parsed.jobs)) fail(`--jobs must be a whole number of at least 1 (got "${parsed.jobs}")`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const workDir = resolve(parsed['work-dir'] ?? join(ROOT, 'bench/out'));
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    stages: ALL_STAGES.filter((s) => stages.includes(s)),
    langs: LANGS.filter((l) => langs.includes(l)),
    out: resolve(parsed.out ?? join(workDir, `results-${stamp}.json`)),
    workDir,
    jobs: parsed.jobs,
    repeat,
    quick: parsed.quick,
    profile: parsed.profile,
    fullSizes: parsed['full-sizes'],
  };
}

/** Which of the listed programs are on PATH (by full path), without running them. */
function which(program) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir || '.', program);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function gitCommit() {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', 'src'], { cwd: ROOT, encoding: 'utf8' });
  return head.stdout.trim() + (dirty.stdout.trim() ? '+dirty-src' : '');
}

/**
 * Run a command, timing its wall clock from here and its peak RSS from `/usr/bin/time -v`
 * (or, for node commands without it, from a preloaded hook that reports `process.resourceUsage()`).
 */
function timed(args, opts = {}) {
  const useTime = existsSync(TIME);
  let rssFile;
  let argv = args;
  const env = { ...process.env, ...(opts.env ?? {}) };
  if (useTime) argv = [TIME, '-v', ...args];
  else if (args[0] === NODE) {
    rssFile = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'rss');
    argv = [NODE, '--import', join(ROOT, 'bench/rss-hook.mjs'), ...args.slice(1)];
    env.BENCH_RSS_FILE = rssFile;
  }
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  let stderr = r.stderr ?? '';
  let peakRssMB = null;
  let cpuSeconds = null;
  if (useTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (m) peakRssMB = Number(m[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
    if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
    const cut = stderr.lastIndexOf('\tCommand being timed:');
    if (cut >= 0) stderr = stderr.slice(0, cut);
    // /usr/bin/time adds "Command exited with non-zero status N" before its report.
    stderr = stderr.replace(/Command exited with non-zero status \d+\n?$/, '');
  } else if (rssFile && existsSync(rssFile)) {
    const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
    peakRssMB = usage.maxRSS / 1024;
    cpuSeconds = usage.cpuSeconds;
    rmSync(dirname(rssFile), { recursive: true, force: true });
  }
  return { status: r.status, error: r.error, stdout: r.stdout ?? '', stderr, seconds, peakRssMB, cpuSeconds };
}

function rates(row) {
  const s = row.seconds;
  return {
    ...row,
    mbPerS: s > 0 ? row.bytes / 1e6 / s : null,
    docsPerS: s > 0 ? row.docs / s : null,
    sentencesPerS: s > 0 && row.sentences != null ? row.sentences / s : null,
  };
}

function removeDb(path) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

// The lines of a failure that say what went wrong: error lines, not stack frames or Node's banner.
function firstLines(text, n = 2) {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !/^Node\.js v\d/.test(l) && l !== '^');
  const errors = lines.filter((l) => /error|cannot|not found|missing|failed/i.test(l));
  return (errors.length ? errors : lines).slice(0, n).join(' | ').slice(0, 400);
}

function runStage(stage, lang, corpus, size, opts) {
  const db = join(opts.workDir, `stage-${size}-${lang}.db`);
  const r = timed([NODE, join(ROOT, 'bench/stage.mjs'), '--stage', stage, '--corpus', corpus, '--db', db, '--root', ROOT]);
  removeDb(db);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) return { stage, lang, error: firstLines(r.stderr || r.error?.message || `exit ${r.status}`) };
  const row = JSON.parse(last);
  return rates({ stage, lang, docs: row.docs, bytes: row.bytes, sentences: row.sentences, seconds: row.seconds, peakRssMB: row.peakRssMB, cpuSeconds: row.cpuSeconds, problems: row.problems });
}

// `stage` e2e runs the CLI with its default (or --jobs) coding threads; e2e1 with one, all on the main thread.
function runEndToEnd(lang, corpus, stats, size, opts, stage = 'e2e') {
  const db = join(opts.workDir, `${stage}-${size}-${lang}.db`);
  removeDb(db);
  const args = [NODE, CLI, 'analyze', corpus, '--db', db, '--format', 'json', '--no-progress'];
  const jobs = stage === 'e2e1' ? '1' : opts.jobs;
  if (jobs) args.push('--jobs', jobs);
  const r = timed(args);
  if (r.status !== 0) return { row: { stage, lang, error: firstLines(r.stderr || r.error?.message || `exit ${r.status}`) }, db: null };
  const m = /(\d+) documents stored.*?, (\d+) sentences/.exec(r.stderr);
  const row = rates({ stage, lang, docs: stats.docs, bytes: stats.bytes, sentences: m ? Number(m[2]) : null, seconds: r.seconds, peakRssMB: r.peakRssMB, cpuSeconds: r.cpuSeconds, stored: m ? Number(m[1]) : null });
  return { row, db };
}

function runReport(lang, db, stats) {
  const r = timed([NODE, CLI, 'report', '--db', db, '--format', 'json']);
  if (r.status !== 0) return { stage: 'report', lang, error: firstLines(r.stderr || `exit ${r.status}`) };
  let parsed = true;
  try {
    JSON.parse(r.stdout);
  } catch {
    parsed = false;
  }
  return { ...rates({ stage: 'report', lang, docs: stats.docs, bytes: stats.bytes, sentences: null, seconds: r.seconds, peakRssMB: r.peakRssMB }), validJson: parsed };
}

// Recoding the store analyze built with a codebook of another version (the same rules plus a comment), as a user who edited it would.
function runRecode(lang, db, stats, opts) {
  const yamlPath = join(ROOT, 'codebooks/us-japan.yaml');
  if (!existsSync(yamlPath)) return { stage: 'recode', lang, error: 'codebooks/us-japan.yaml is missing' };
  const edited = join(opts.workDir, 'codebook-recode.yaml');
  writeFileSync(edited, readFileSync(yamlPath, 'utf8') + `\n# bench: an edited copy (${new Date().toISOString()}), so every document is coded again\n`);
  const args = [NODE, CLI, 'code', '--db', db, '--codebook', edited, '--no-progress'];
  if (opts.jobs) args.push('--jobs', opts.jobs);
  const r = timed(args);
  if (r.status !== 0) return { stage: 'recode', lang, error: firstLines(r.stderr || r.error?.message || `exit ${r.status}`) };
  const m = /(\d+) documents, (\d+) sentences coded/.exec(r.stderr);
  return rates({ stage: 'recode', lang, docs: m ? Number(m[1]) : stats.docs, bytes: stats.bytes, sentences: m ? Number(m[2]) : null, seconds: r.seconds, peakRssMB: r.peakRssMB, cpuSeconds: r.cpuSeconds });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function runReference(name, args, bytes, repeat, okStatuses) {
  const runs = [];
  let last;
  for (let i = 0; i < repeat; i++) {
    last = timed(args);
    if (!okStatuses.includes(last.status)) return { tool: name, command: args.join(' '), error: firstLines(last.stderr || last.error?.message || `exit ${last.status}`) };
    runs.push(last);
  }
  const seconds = median(runs.map((r) => r.seconds));
  return { tool: name, command: args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a)).join(' '), bytes, seconds, mbPerS: bytes / 1e6 / seconds, peakRssMB: Math.max(...runs.map((r) => r.peakRssMB ?? 0)) || null, runs: runs.length, stderr: last.stderr.trim().slice(0, 300) || undefined };
}

function references(size, corpus, opts, rowsByKey) {
  const out = { missing: [] };
  const rg = which('rg');
  const mecab = which('mecab');
  if (!rg) out.missing.push('rg (ripgrep)');
  if (!mecab) out.missing.push('mecab');
  if (opts.langs.includes('en') || opts.langs.includes('mixed')) {
    if (rg) {
      const yamlPath = join(ROOT, 'codebooks/us-japan.yaml');
      if (!existsSync(yamlPath)) out.rg = { tool: 'rg', error: 'codebooks/us-japan.yaml is missing: no phrases to scan for' };
      else {
        const phrases = codebookPhrases(readFileSync(yamlPath, 'utf8'));
        const phraseFile = join(opts.workDir, 'phrases-en.txt');
        writeFileSync(phraseFile, phrases.join('\n') + '\n');
        const bytes = statSync(corpus.paths.txt.en).size;
        // rg exits 1 when nothing matched: still a complete scan.
        out.rg = { ...runReference('rg', [rg, '-c', '-F', '-f', phraseFile, corpus.paths.txt.en], bytes, opts.repeat, [0, 1]), phrases: phrases.length };
      }
    }
  }
  if (opts.langs.includes('ja') || opts.langs.includes('mixed')) {
    if (mecab) out.mecab = runReference('mecab', [mecab, '-o', '/dev/null', corpus.paths.txt.ja], statSync(corpus.paths.txt.ja).size, opts.repeat, [0]);
  }
  // Ratios are throughputs, ours / theirs: 0.05 means we process text 20 times slower than the tool.
  const ratios = [];
  const ours = (stage, lang) => rowsByKey.get(`${size}:${stage}:${lang}`);
  const ratio = (ref, stage, lang) => {
    const o = ours(stage, lang);
    if (!ref?.mbPerS || !o?.mbPerS) return;
    ratios.push({ ours: `${LABEL.get(stage) ?? stage} ${lang}`, theirs: ref.tool, oursMbPerS: o.mbPerS, theirsMbPerS: ref.mbPerS, ratio: o.mbPerS / ref.mbPerS });
  };
  for (const stage of ['decide', 'e2e', 'e2e1']) ratio(out.rg, stage, 'en');
  for (const stage of ['segment', 'decide', 'e2e', 'e2e1']) ratio(out.mecab, stage, 'ja');
  out.ratios = ratios;
  return out;
}

function runProfile(size, corpus, opts, outBase) {
  const one = profileRun(size, corpus, opts, `${outBase}`, '1');
  if (one.error) return one;
  // With worker threads: the main thread's profile shows what bounds the writer, the workers' the rest.
  const many = profileRun(size, corpus, opts, `${outBase}-jobs`, opts.jobs ?? String(cpus().length));
  return { ...one, parallel: many };
}

// One profiled analyze; `jobs` 1 keeps the whole pipeline on the main thread (one profile holds all of it).
function profileRun(size, corpus, opts, target, jobs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  const db = join(opts.workDir, `profile-${size}.db`);
  removeDb(db);
  const args = [NODE, '--cpu-prof', '--cpu-prof-dir', dir, CLI, 'analyze', corpus.paths.jsonl.mixed, '--db', db, '--format', 'json', '--no-progress', '--jobs', jobs];
  const r = timed(args);
  removeDb(db);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (r.status !== 0 || files.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: firstLines(r.stderr || 'no .cpuprofile written') };
  }
  // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
  const threadOf = (f) => Number(f.split('.')[4]);
  const main = files.find((f) => threadOf(f) === 0) ?? files[0];
  const workers = files.filter((f) => f !== main);
  copyFileSync(join(dir, main), `${target}.cpuprofile`);
  const out = { file: relative(ROOT, `${target}.cpuprofile`), docs: size, jobs: Number(jobs), seconds: r.seconds, cpuSeconds: r.cpuSeconds, ...summariseProfile(`${target}.cpuprofile`, ROOT, 20) };
  if (workers.length) {
    out.workers = workers.map((f, i) => {
      const w = `${target}-worker${i + 1}.cpuprofile`;
      copyFileSync(join(dir, f), w);
      const sum = summariseProfile(w, ROOT, 8);
      return { file: relative(ROOT, w), totalMs: sum.totalMs, stages: sum.stages, functions: sum.functions };
    });
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

// ---- output -------------------------------------------------------------------------------

function fmt(x, digits = 1) {
  if (x == null || Number.isNaN(x)) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function stageTable(rows) {
  return table(
    // CPU seconds (whole process: every thread, V8's compiler and GC helpers too) are steadier than wall time on a shared machine.
    ['stage', 'lang', 'docs', 'sentences', 'MB', 'seconds', 'MB/s', 'docs/s', 'sent/s', 'peak RSS MB', 'CPU s'],
    rows.map((r) =>
      r.error
        ? [LABEL.get(r.stage) ?? r.stage, r.lang, 'FAILED', '—', '—', '—', '—', '—', '—', '—', '—']
        : [LABEL.get(r.stage) ?? r.stage, r.lang, r.docs, r.sentences ?? '—', fmt(r.bytes / 1e6), fmt(r.seconds, 2), fmt(r.mbPerS, 2), fmt(r.docsPerS, 0), fmt(r.sentencesPerS, 0), fmt(r.peakRssMB, 0), r.cpuSeconds == null ? '—' : fmt(r.cpuSeconds, 2)],
    ),
  );
}

function linearity(results) {
  const out = [];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    for (const rb of b.stages) {
      const ra = a.stages.find((r) => r.stage === rb.stage && r.lang === rb.lang);
      if (!ra || ra.error || rb.error || !(ra.seconds > 0)) continue;
      out.push({ stage: rb.stage, lang: rb.lang, from: a.docs, to: b.docs, docsRatio: b.docs / a.docs, bytesRatio: rb.bytes / ra.bytes, timeRatio: rb.seconds / ra.seconds, cpuRatio: ra.cpuSeconds > 0 && rb.cpuSeconds > 0 ? rb.cpuSeconds / ra.cpuSeconds : null, rssRatio: ra.peakRssMB ? rb.peakRssMB / ra.peakRssMB : null });
    }
  }
  return out;
}

// The speed-up of the CLI with its worker threads over the same run with one job, per slice.
function speedups(rows, opts) {
  const out = [];
  for (const r of rows) {
    if (r.stage !== 'e2e' || r.error) continue;
    const one = rows.find((x) => x.stage === 'e2e1' && x.lang === r.lang && !x.error);
    if (!one) continue;
    out.push({ lang: r.lang, jobs: opts.jobs ? Number(opts.jobs) : cpus().length, seconds: r.seconds, seconds1: one.seconds, speedup: one.seconds / r.seconds, peakRssMB: r.peakRssMB, peakRssMB1: one.peakRssMB, cpuSeconds: r.cpuSeconds ?? null, cpuSeconds1: one.cpuSeconds ?? null });
  }
  return out;
}

// Whole-pipeline rows at every size: does time grow with the corpus, and does memory stay flat?
function scaleRows(results) {
  const out = [];
  for (const stage of SCALE_STAGES) {
    for (const r of results) {
      for (const row of r.stages) {
        if (row.stage === stage && !row.error && (row.lang === 'mixed' || !r.stages.some((x) => x.stage === stage && x.lang === 'mixed'))) out.push({ ...row, size: r.docs });
      }
    }
  }
  return out;
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  // The environment override exists so the test can check the message for a missing generator.
  const generator = resolve(process.env.TWOCITIES_BENCH_GENERATOR ?? join(ROOT, '../shared/bench/make-corpus.mjs'));
  if (!existsSync(generator)) fail(`the corpus generator ${generator} is absent (it lives in ../shared beside the repository); cannot build a corpus, stopping`);
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) fail('dist/ is not built: run `npm run build` first (the bench measures the compiled code)');
  if (newestMtime(join(ROOT, 'src')) > newestMtime(join(ROOT, 'dist'))) console.error('bench: warning: src/ is newer than dist/; run `npm run build` to measure the current code');
  mkdirSync(opts.workDir, { recursive: true });
  mkdirSync(dirname(opts.out), { recursive: true });
  const outBase = opts.out.replace(/\.json$/, '');

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    commit: gitCommit(),
    peakRssFrom: existsSync(TIME) ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
  };
  console.log(`twocities bench — ${machine.cpus} cpus (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit ?? 'unknown'}`);
  const missing = ['rg', 'mecab'].filter((p) => !which(p));
  if (opts.stages.includes('reference') && missing.length) {
    console.log(`reference tools missing: ${missing.join(', ')} — install with \`apt-get install ripgrep mecab mecab-ipadic-utf8\`; continuing without them`);
  }

  const results = [];
  const rowsByKey = new Map();
  let failures = 0;
  for (const size of opts.sizes) {
    const corpus = await ensureCorpus({ dir: opts.workDir, docs: size, generator, log: (s) => console.log(s) });
    const { stats } = corpus;
    console.log(`corpus: ${stats.mixed.docs} documents, ${fmt(stats.mixed.bytes / 1e6)} MB of text (en ${stats.en.docs} docs ${fmt(stats.en.bytes / 1e6)} MB, ja ${stats.ja.docs} docs ${fmt(stats.ja.bytes / 1e6)} MB)`);
    const rows = [];
    const add = (row) => {
      rows.push(row);
      if (row.error) failures++;
      else rowsByKey.set(`${size}:${row.stage}:${row.lang}`, row);
      process.stdout.write(row.error ? `  ${row.stage} ${row.lang}: FAILED (${row.error})\n` : `  ${LABEL.get(row.stage) ?? row.stage} ${row.lang}: ${fmt(row.seconds, 2)} s, ${fmt(row.mbPerS, 2)} MB/s\n`);
    };
    const dbs = new Map();
    // Below the largest size only the whole-pipeline rows run, on the mixed slice (unless --full-sizes).
    const full = opts.fullSizes || size === opts.sizes[opts.sizes.length - 1];
    const stagesHere = full ? opts.stages : opts.stages.filter((s) => SCALE_STAGES.includes(s));
    const langsHere = full ? opts.langs : opts.langs.filter((l) => l === 'mixed').concat(opts.langs.includes('mixed') ? [] : opts.langs.slice(0, 1));
    for (const lang of langsHere) {
      const file = corpus.paths.jsonl[lang];
      for (const stage of IN_PROCESS) if (stagesHere.includes(stage)) add(runStage(stage, lang, file, size, opts));
      if (stagesHere.includes('e2e')) {
        const { row, db } = runEndToEnd(lang, file, stats[lang], size, opts);
        add(row);
        if (db) dbs.set(lang, db);
      }
      if (stagesHere.includes('e2e1')) {
        const { row, db } = runEndToEnd(lang, file, stats[lang], size, opts, 'e2e1');
        add(row);
        if (db) removeDb(db);
      }
      if ((stagesHere.includes('report') || stagesHere.includes('recode')) && !dbs.has(lang)) {
        // `report` and `recode` read a store built by `analyze`; build one untimed when e2e was not asked for.
        const { db } = runEndToEnd(lang, file, stats[lang], size, { ...opts });
        if (db) dbs.set(lang, db);
      }
      if (stagesHere.includes('report')) {
        if (!dbs.has(lang)) {
          // `report` reads a store built by `analyze`; build one untimed when e2e was not asked for.
          const { db } = runEndToEnd(lang, file, stats[lang], size, { ...opts });
          if (db) dbs.set(lang, db);
        }
        const db = dbs.get(lang);
        add(db ? runReport(lang, db, stats[lang]) : { stage: 'report', lang, error: 'no store: analyze failed' });
      }
      if (stagesHere.includes('recode')) {
        const db = dbs.get(lang);
        add(db ? runRecode(lang, db, stats[lang], opts) : { stage: 'recode', lang, error: 'no store: analyze failed' });
      }
    }
    // Read and clean do not split sentences: give them the count segment found on the same slice.
    for (const row of rows) {
      if (row.error || row.sentences != null) continue;
      const seg = rows.find((r) => !r.error && r.lang === row.lang && r.sentences != null && r.stage !== 'report');
      if (seg) Object.assign(row, rates({ ...row, sentences: seg.sentences }));
    }
    const entry = { docs: size, corpus: { reused: corpus.reused, files: Object.fromEntries(Object.entries(corpus.paths.jsonl).map(([k, v]) => [k, relative(ROOT, v)])), stats }, stages: rows };
    entry.speedup = speedups(rows, opts);
    if (stagesHere.includes('reference')) entry.reference = references(size, corpus, opts, rowsByKey);
    for (const db of dbs.values()) removeDb(db);
    results.push(entry);
  }

  const lin = linearity(results);
  const profile = opts.profile ? runProfile(opts.sizes[0], await ensureCorpus({ dir: opts.workDir, docs: opts.sizes[0], generator }), opts, outBase) : undefined;

  // ---- print ----
  for (const r of results) {
    console.log(`\n== ${r.docs} documents (${fmt(r.corpus.stats.mixed.bytes / 1e6)} MB of text) ==\n`);
    console.log(stageTable(r.stages));
    for (const f of r.stages.filter((x) => x.error)) console.log(`  ${LABEL.get(f.stage) ?? f.stage} ${f.lang} failed: ${f.error}`);
    if (r.reference) {
      const refs = [r.reference.rg, r.reference.mecab].filter(Boolean);
      if (refs.length) {
        console.log('\nreference tools (median of ' + opts.repeat + ' runs, warm page cache):');
        for (const ref of refs) console.log(ref.error ? `  ${ref.tool}: FAILED (${ref.error})` : `  ${ref.tool}: ${fmt(ref.mbPerS, 1)} MB/s (${fmt(ref.bytes / 1e6)} MB in ${fmt(ref.seconds, 3)} s, peak RSS ${fmt(ref.peakRssMB, 0)} MB)${ref.phrases ? `, ${ref.phrases} phrases` : ''}  — ${ref.command}`);
        for (const q of r.reference.ratios) console.log(`  ${q.ours.padEnd(22)} / ${q.theirs.padEnd(6)} = ${q.ratio.toFixed(3)}  (${fmt(q.oursMbPerS, 2)} vs ${fmt(q.theirsMbPerS, 1)} MB/s; ${q.ratio >= 1 ? `${fmt(q.ratio, 1)}× faster` : `${fmt(1 / q.ratio, 1)}× slower`})`);
      }
      if (r.reference.missing.length) console.log(`  missing: ${r.reference.missing.join(', ')} (apt-get install ripgrep mecab mecab-ipadic-utf8)`);
    }
  }
  for (const r of results) {
    for (const q of r.speedup ?? []) {
      const cpu = q.cpuSeconds != null && q.cpuSeconds1 != null ? `; CPU ${fmt(q.cpuSeconds, 2)} vs ${fmt(q.cpuSeconds1, 2)} s` : '';
      console.log(`\nspeed-up at ${r.docs} documents, ${q.lang}: ${q.jobs} jobs ${fmt(q.seconds, 2)} s vs 1 job ${fmt(q.seconds1, 2)} s = ${fmt(q.speedup, 2)}× (peak RSS ${fmt(q.peakRssMB, 0)} vs ${fmt(q.peakRssMB1, 0)} MB${cpu})`);
    }
  }
  const scale = scaleRows(results);
  if (results.length > 1 && scale.length) {
    console.log('\nscale (whole pipeline at each size: memory should stay flat while the corpus grows):');
    console.log(table(['stage', 'lang', 'corpus', 'docs', 'MB', 'seconds', 'MB/s', 'peak RSS MB'],
      scale.map((x) => [LABEL.get(x.stage) ?? x.stage, x.lang, x.size, x.docs, fmt(x.bytes / 1e6), fmt(x.seconds, 2), fmt(x.mbPerS, 2), fmt(x.peakRssMB, 0)])));
  }
  if (lin.length) {
    console.log('\nlinearity (ratios between sizes; time/docs 1.00 is linear; CPU is the whole process, steadier than wall time on a busy machine):');
    console.log(table(['stage', 'lang', 'docs', 'docs ratio', 'time ratio', 'time/docs', 'CPU ratio', 'CPU/docs', 'RSS ratio'],
      lin.map((l) => [LABEL.get(l.stage) ?? l.stage, l.lang, `${l.from}→${l.to}`, fmt(l.docsRatio, 2), fmt(l.timeRatio, 2), fmt(l.timeRatio / l.docsRatio, 2), fmt(l.cpuRatio, 2), fmt(l.cpuRatio == null ? null : l.cpuRatio / l.docsRatio, 2), fmt(l.rssRatio, 2)])));
  }
  if (profile) {
    if (profile.error) console.log(`\nprofile: FAILED (${profile.error})`);
    else {
      console.log(`\nprofile of analyze --jobs 1 on ${profile.docs} mixed documents (${fmt(profile.seconds, 1)} s) → ${profile.file}`);
      console.log('self time by stage: ' + profile.stages.map((s) => `${s.stage} ${(s.share * 100).toFixed(1)}%`).join(', '));
      console.log(table(['function', 'file:line', 'self ms', 'share', 'stage'],
        profile.functions.slice(0, 15).map((f) => [f.name.length > 60 ? f.name.slice(0, 59) + '…' : f.name, f.file ? `${f.file}:${f.line}` : '', fmt(f.ms, 0), `${(f.share * 100).toFixed(1)}%`, f.stage])));
      const p = profile.parallel;
      if (p?.error) console.log(`\nprofile with worker threads: FAILED (${p.error})`);
      else if (p) {
        console.log(`\nprofile of analyze --jobs ${p.jobs} (${fmt(p.seconds, 1)} s wall, ${fmt(p.cpuSeconds, 1)} s CPU) → ${p.file}`);
        console.log(`  main thread (orders answers, writes the store, codes when the workers have enough): ${fmt(p.totalMs, 0)} ms sampled; ` + p.stages.slice(0, 6).map((x) => `${x.stage} ${(x.share * 100).toFixed(1)}%`).join(', '));
        console.log('    top: ' + p.functions.slice(0, 6).map((f) => `${f.name} ${fmt(f.ms, 0)} ms`).join(', '));
        for (const [i, w] of (p.workers ?? []).entries()) {
          console.log(`  worker ${i + 1}: ${fmt(w.totalMs, 0)} ms sampled; ` + w.stages.slice(0, 6).map((x) => `${x.stage} ${(x.share * 100).toFixed(1)}%`).join(', '));
          console.log('    top: ' + w.functions.slice(0, 6).map((f) => `${f.name} ${fmt(f.ms, 0)} ms`).join(', '));
        }
      }
    }
  }

  const json = { machine, options: { sizes: opts.sizes, stages: opts.stages, langs: opts.langs, jobs: opts.jobs ?? null, repeat: opts.repeat, quick: opts.quick, fullSizes: opts.fullSizes }, results, speedup: results.flatMap((r) => (r.speedup ?? []).map((q) => ({ docs: r.docs, ...q }))), scale, linearity: lin, profile: profile ?? null };
  writeFileSync(opts.out, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nresults written to ${relative(process.cwd(), opts.out) || opts.out}`);
  if (failures > 0) {
    console.error(`bench: ${failures} measurement(s) failed (see above)`);
    process.exitCode = 1;
  }
}

await main();
