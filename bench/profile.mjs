// Summarise a V8 `.cpuprofile` (written by `node --cpu-prof`): self time per function and per
// pipeline stage, so the bench can say what bounds each stage.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The pipeline stage a script belongs to, from its path relative to the repository.
 *
 * @example
 * stageOf('dist/coder/index.js') // → 'attribute+code'
 */
export function stageOf(file) {
  const f = file.split(sep).join('/');
  if (f === '') return 'runtime';
  if (f.startsWith('dist/read/')) return 'read';
  if (f === 'dist/clean.js') return 'clean';
  if (f === 'dist/segment.js') return 'segment';
  if (f.startsWith('dist/coder/') || f.startsWith('dist/codebook/')) return 'attribute+code';
  if (f.startsWith('dist/store/') || f.includes('node_modules/better-sqlite3/')) return 'store';
  if (f === 'dist/measure.js' || f === 'dist/stats.js' || f.startsWith('dist/report/')) return 'measure+report';
  if (f.startsWith('dist/')) return 'pipeline';
  if (f.includes('node_modules/')) return 'dependencies';
  return 'node';
}

function scriptPath(url, root) {
  if (!url) return '';
  if (url.startsWith('file://')) return relative(root, fileURLToPath(url));
  return url;
}

/**
 * Self time (ms) per function and per stage of a `.cpuprofile`, biggest first.
 *
 * @example
 * const s = summariseProfile('bench/out/x.cpuprofile', process.cwd());
 * s.functions[0]; // { name: 'scan', file: 'dist/coder/index.js', line: 12, ms: 830.2, share: 0.31, stage: 'attribute+code' }
 */
export function summariseProfile(path, root, top = 20) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  // timeDeltas[i + 1] is the time from sample i to the next one: it belongs to sample i's function.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A frame with no script (a compiled RegExp, a V8 builtin) belongs to the stage of the nearest caller that has one.
  const callerFile = (id) => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const url = byId.get(p)?.callFrame.url;
      if (url) return scriptPath(url, root);
    }
    return undefined;
  };
  const functions = new Map();
  const stages = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const cf = node.callFrame;
    const name = cf.functionName || (cf.url ? '(anonymous)' : '(native)');
    if (name === '(idle)') continue;
    const file = scriptPath(cf.url, root);
    let stage;
    if (name === '(garbage collector)') stage = 'gc';
    else if (cf.url) stage = stageOf(file);
    else {
      const caller = callerFile(id);
      stage = caller === undefined ? 'runtime' : stageOf(caller);
    }
    const key = `${name}\u0000${file}\u0000${cf.lineNumber}\u0000${stage}`;
    const f = functions.get(key) ?? { name, file, line: cf.lineNumber + 1, ms: 0, stage };
    f.ms += us / 1000;
    functions.set(key, f);
    stages.set(stage, (stages.get(stage) ?? 0) + us / 1000);
    total += us / 1000;
  }
  const share = (ms) => (total > 0 ? ms / total : 0);
  return {
    totalMs: total,
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((f) => ({ ...f, share: share(f.ms) })),
    stages: [...stages].map(([stage, ms]) => ({ stage, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    // The heaviest functions of each stage: what bounds it.
    bounds: boundsPerStage([...functions.values()], total),
  };
}

function boundsPerStage(functions, total) {
  const out = new Map();
  for (const f of functions.sort((a, b) => b.ms - a.ms)) {
    const list = out.get(f.stage) ?? [];
    if (list.length < 3) list.push({ name: f.name, file: f.file, line: f.line, ms: f.ms, share: total > 0 ? f.ms / total : 0 });
    out.set(f.stage, list);
  }
  return Object.fromEntries(out);
}
