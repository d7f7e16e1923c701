// The benchmark runs end to end on a tiny corpus and writes its results; its helpers (phrase
// extraction for ripgrep, profile summary) give the answers worked out by hand. No timing is asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codebookPhrases, literalRuns } from '../bench/phrases.mjs';
import { stageOf, summariseProfile } from '../bench/profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN = join(ROOT, 'bench/run.mjs');
const built = existsSync(join(ROOT, 'dist/cli/main.js'));
const haveGenerator = existsSync(join(ROOT, '../shared/bench/make-corpus.mjs'));
const work = mkdtempSync(join(tmpdir(), 'twocities-bench-test-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function bench(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [RUN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 170_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('phrases for ripgrep', () => {
  it('keeps the longest literal word run of each alternative and drops the syntax', () => {
    expect(literalRuns('benefits ... one way')).toEqual(['benefits']);
    expect(literalRuns('{closer|better} ...4 than {ever|at any}')).toEqual(['than']);
    expect(literalRuns('free ride~')).toEqual(['free ride']);
    expect(literalRuns('stand firmly? by')).toEqual(['stand']);
    expect(literalRuns('lap dog|poodle')).toEqual(['lap dog', 'poodle']);
    expect(literalRuns("cut a deal over (their|Japan's) heads")).toEqual(['cut a deal over']);
    expect(literalRuns('/\\bnuclear (arms|weapons)\\b/')).toEqual(['nuclear']);
    expect(literalRuns('{a|b}')).toEqual([]);
  });

  it('reads every English pattern list of the codebook (cues, negation, codes), not Japanese, deduplicated and sorted', () => {
    const yaml = [
      'name: t',
      'description: not a pattern',
      'sides:',
      '  a:',
      '    cues:',
      '      en: [Washington, administration official~]',
      '      ja: [米政府]',
      'negation:',
      '  forward:',
      '    en: [never, "{rule|ruled} out"]',
      'codes:',
      '  - id: x',
      '    patterns:',
      '      en: ["worries about", "lap dog|poodle"]',
      '      ja: ["見捨てる"]',
      '  - id: y',
      '    patterns:',
      '      en: [{ pattern: "poodle", note: "dog sense only" }]',
      '',
    ].join('\n');
    expect(codebookPhrases(yaml)).toEqual(['Washington', 'administration official', 'lap dog', 'never', 'out', 'poodle', 'worries about']);
  });
});

describe('profile summary', () => {
  it('attributes each sample interval to its function and groups functions by stage', () => {
    const url = (p: string): string => pathToFileURL(join(ROOT, p)).href;
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1, scriptId: '0' }, hitCount: 0, children: [2, 3, 4] },
        { id: 2, callFrame: { functionName: 'scan', url: url('dist/coder/index.js'), lineNumber: 9, columnNumber: 0, scriptId: '1' }, hitCount: 4, children: [5] },
        { id: 3, callFrame: { functionName: 'putDocument', url: url('dist/store/index.js'), lineNumber: 0, columnNumber: 0, scriptId: '2' }, hitCount: 1 },
        { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1, scriptId: '0' }, hitCount: 1 },
        // A compiled regular expression has no script: it counts for the stage of its caller (scan, in the coder).
        { id: 5, callFrame: { functionName: 'RegExp: worr(?:y|ies)', url: '', lineNumber: -1, columnNumber: -1, scriptId: '0' }, hitCount: 1 },
      ],
      startTime: 0,
      endTime: 700,
      samples: [2, 2, 2, 3, 4, 5, 2],
      timeDeltas: [0, 100, 100, 100, 100, 100, 100],
    };
    const file = join(work, 'synthetic.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const s = summariseProfile(file, ROOT);
    expect(s.totalMs).toBeCloseTo(0.6);
    expect(s.functions[0]).toMatchObject({ name: 'scan', file: join('dist', 'coder', 'index.js'), line: 10, stage: 'attribute+code' });
    expect(s.functions[0]?.share).toBeCloseTo(0.5);
    expect(s.functions.find((f) => f.name.startsWith('RegExp'))?.stage).toBe('attribute+code');
    const stages = new Map(s.stages.map((x) => [x.stage, x.share]));
    expect([...stages.keys()].sort()).toEqual(['attribute+code', 'gc', 'store']);
    expect(stages.get('attribute+code')).toBeCloseTo(4 / 6);
    expect(stages.get('store')).toBeCloseTo(1 / 6);
    expect(stages.get('gc')).toBeCloseTo(1 / 6);
    expect(s.bounds['store']?.[0]?.name).toBe('putDocument');
    expect(stageOf('dist/segment.js')).toBe('segment');
    expect(stageOf('node_modules/better-sqlite3/lib/index.js')).toBe('store');
  });
});

describe('npm run bench', () => {
  it('stops with a clear message when the corpus generator is absent', () => {
    const r = bench(['--quick', '--work-dir', work], { TWOCITIES_BENCH_GENERATOR: join(work, 'no-such-generator.mjs') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/corpus generator .*no-such-generator\.mjs is absent/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown stage as a usage error', () => {
    const r = bench(['--stages', 'read,telepathy']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown stage telepathy/);
  });

  it.skipIf(!built || !haveGenerator)('measures every stage on a quick corpus, prints the table and writes the results JSON', { timeout: 180_000 }, () => {
    const out = join(work, 'quick.json');
    const r = bench(['--quick', '--out', out, '--work-dir', work]);
    expect(r.stderr).not.toMatch(/FAILED|failed/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/stage\s+lang\s+docs\s+sentences\s+MB\s+seconds\s+MB\/s\s+docs\/s\s+sent\/s\s+peak RSS MB\s+CPU s/);
    for (const label of ['read', 'clean', 'segment', 'attribute\\+code', 'store', 'analyze \\(CLI\\)', 'analyze --jobs 1', 'code \\(recode\\)', 'report']) {
      for (const lang of ['en', 'ja', 'mixed']) expect(r.stdout).toMatch(new RegExp(`^${label}\\s+${lang}\\s+\\d+`, 'm'));
    }
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(json).sort()).toEqual(['linearity', 'machine', 'options', 'profile', 'results', 'scale', 'speedup']);
    expect(json.machine).toEqual(expect.objectContaining({ cpus: expect.any(Number), node: process.version, date: expect.any(String) }));
    expect(json.machine).toHaveProperty('commit');
    const [result] = json.results;
    expect(result.docs).toBe(300);
    expect(result.corpus.stats.mixed.docs).toBe(300);
    expect(result.corpus.stats.en.docs + result.corpus.stats.ja.docs).toBe(300);
    expect(result.stages).toHaveLength(9 * 3);
    for (const row of result.stages) {
      expect(row).toEqual(expect.objectContaining({ stage: expect.any(String), lang: expect.any(String), docs: expect.any(Number), bytes: expect.any(Number), seconds: expect.any(Number), mbPerS: expect.any(Number), docsPerS: expect.any(Number), sentencesPerS: expect.any(Number), peakRssMB: expect.any(Number) }));
      // The slices add up: every stage saw all the documents of its slice (recoding sees the stored ones).
      if (row.stage === 'recode') expect(row.docs).toBeGreaterThan(0);
      if (row.stage === 'recode') expect(row.docs).toBeLessThanOrEqual(result.corpus.stats[row.lang].docs);
      else expect(row.docs).toBe(result.corpus.stats[row.lang].docs);
    }
    // The speed-up of the worker threads over one job is worked out from the two CLI rows of each slice.
    expect(json.speedup.map((q: { lang: string }) => q.lang).sort()).toEqual(['en', 'ja', 'mixed']);
    for (const q of json.speedup) {
      const rows = result.stages.filter((x: { lang: string }) => x.lang === q.lang);
      const e2e = rows.find((x: { stage: string }) => x.stage === 'e2e');
      const e2e1 = rows.find((x: { stage: string }) => x.stage === 'e2e1');
      expect(q.speedup).toBeCloseTo(e2e1.seconds / e2e.seconds, 6);
    }
    // Every stage of one slice counts the same sentences (read and clean borrow segment's count).
    const en = result.stages.filter((x: { lang: string; stage: string }) => x.lang === 'en' && x.stage !== 'report' && x.stage !== 'recode');
    expect(new Set(en.map((x: { sentences: number }) => x.sentences)).size).toBe(1);
    expect(result.reference).toEqual(expect.objectContaining({ missing: expect.any(Array), ratios: expect.any(Array) }));
    if (result.reference.rg && !result.reference.rg.error) expect(result.reference.ratios.some((q: { theirs: string }) => q.theirs === 'rg')).toBe(true);
    expect(json.linearity).toEqual([]);
  });

  it.skipIf(!built || !haveGenerator)('prints the time ratio and the memory of the whole pipeline between two corpus sizes', { timeout: 170_000 }, () => {
    const out = join(work, 'two.json');
    const r = bench(['--docs', '60,120', '--stages', 'read,e2e,e2e1,recode', '--langs', 'en', '--out', out, '--work-dir', work]);
    expect(r.stderr).not.toMatch(/FAILED|failed/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/linearity/);
    expect(r.stdout).toMatch(/^scale /m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.results.map((x: { docs: number }) => x.docs)).toEqual([60, 120]);
    // The smaller size runs the whole-pipeline rows only; the per-stage rows run at the largest.
    expect(json.results[0].stages.map((x: { stage: string }) => x.stage).sort()).toEqual(['e2e', 'e2e1', 'recode']);
    expect(json.results[1].stages.map((x: { stage: string }) => x.stage).sort()).toEqual(['e2e', 'e2e1', 'read', 'recode']);
    expect(json.linearity.map((l: { stage: string }) => l.stage).sort()).toEqual(['e2e', 'e2e1', 'recode']);
    for (const l of json.linearity) {
      expect(l.docsRatio).toBe(2);
      expect(l.timeRatio).toBeGreaterThan(0);
      expect(l.rssRatio).toBeGreaterThan(0);
    }
    expect(json.scale.filter((x: { stage: string }) => x.stage === 'e2e').map((x: { size: number }) => x.size)).toEqual([60, 120]);
  });
});

describe('bench/dashboard.mjs', () => {
  it('times every route the dashboard page calls, cold, over filters × by, and names the worst', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/dashboard.mjs'), '200', '--work-dir', join(work, 'dash')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/store: 200 documents/);
    const table = r.stdout.slice(r.stdout.indexOf('every dashboard route, cold'));
    // Every route of the page is in the table, with its count of requests and its worst path.
    const counts = new Map<string, number>();
    for (const m of table.matchAll(/^(\w+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+\s+(\/api\/\S+)$/gm)) {
      counts.set(m[1]!, Number(m[2]));
      expect(m[3]!.startsWith(`/api/${m[1] === 'documents' ? 'documents/' : m[1]}`)).toBe(true);
    }
    expect([...counts.keys()].sort()).toEqual(['documents', 'evidence', 'meta', 'overlay', 'overview', 'queue', 'reliability', 'trend']);
    expect(counts.get('overview')).toBe(36); // 9 filters × (none, year, quarter, month)
    // The ten slowest requests follow, slowest first.
    const worst = [...table.slice(table.indexOf('worst requests')).matchAll(/^\s+(\d+)\s+\d+\s+\/api\//gm)].map((m) => Number(m[1]));
    expect(worst).toHaveLength(10);
    expect(worst).toEqual([...worst].sort((x, y) => y - x));
    const over = /(\d+) of (\d+) requests over 150 ms/.exec(table);
    expect(Number(over?.[2])).toBe([...counts.values()].reduce((a, b) => a + b, 0));
  });
});
