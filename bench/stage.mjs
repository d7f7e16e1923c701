#!/usr/bin/env node
// One benchmark stage in its own process, so its peak RSS is its own:
//   node bench/stage.mjs --stage decide --corpus corpus.jsonl [--db out.db]
// The stages before the measured one run untimed, streaming document by document (nothing is
// held), and only the measured stage's calls are timed. Prints one JSON line on stdout.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

// The stages this script can time, in pipeline order.
const STAGES = ['read', 'clean', 'segment', 'decide', 'store'];

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    corpus: { type: 'string' },
    db: { type: 'string' },
    root: { type: 'string', default: process.cwd() },
  },
});
const stage = values.stage ?? '';
const upTo = STAGES.indexOf(stage);
if (upTo < 0 || !values.corpus) {
  console.error(`bench/stage: usage: --stage ${STAGES.join('|')} --corpus FILE.jsonl [--db FILE]`);
  process.exit(2);
}
const root = resolve(values.root);
const dist = (p) => pathToFileURL(resolve(root, 'dist', p)).href;

// Import only what the stages up to the measured one need, so a missing later module does not stop an earlier stage.
const { readInputs } = await import(dist('read/index.js'));
const { clean } = upTo >= 1 ? await import(dist('clean.js')) : {};
const { segment } = upTo >= 2 ? await import(dist('segment.js')) : {};
const { builtinCodebook } = upTo >= 3 ? await import(dist('codebook/index.js')) : {};
const { Store } = upTo >= 4 ? await import(dist('store/index.js')) : {};
const { codeDoc, contentHash } = upTo >= 3 ? await import(dist('pipeline.js')) : {};

const codebook = builtinCodebook?.();
let store;
if (Store) {
  const db = values.db ?? resolve(root, 'bench/out/stage-store.db');
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) rmSync(db + suffix);
  store = Store.open(db);
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
}

const now = () => process.hrtime.bigint();
let timed = 0n;
let docs = 0;
let bytes = 0;
let sentences = 0;
let skipped = 0;
let problems = 0;
const BATCH = 200;
let batch = [];
const inBatch = new Set();

// Same batching as the pipeline: one transaction per 200 documents, duplicates (same hash) left out.
// putCodedBatch is the pipeline's write (prepareDoc, done on the workers there, then putPrepared).
const flush = () => {
  const items = batch;
  batch = [];
  inBatch.clear();
  store.putCodedBatch(codebook.version, items);
};

const iterator = readInputs([resolve(values.corpus)], {})[Symbol.asyncIterator]();
for (;;) {
  let t = now();
  const step = await iterator.next();
  if (stage === 'read') timed += now() - t;
  if (step.done) break;
  const item = step.value;
  if (!('meta' in item)) {
    problems++;
    continue;
  }
  const doc = item;
  docs++;
  bytes += Buffer.byteLength(doc.raw);
  if (upTo < 1) continue;
  t = now();
  clean(doc);
  if (stage === 'clean') timed += now() - t;
  if (upTo < 2) continue;
  t = now();
  segment(doc);
  if (stage === 'segment') timed += now() - t;
  sentences += doc.sentences.length;
  if (upTo < 3) continue;
  t = now();
  codeDoc(doc, codebook);
  if (stage === 'decide') timed += now() - t;
  if (upTo < 4) continue;
  if (doc.sentences.length === 0) {
    skipped++;
    continue;
  }
  t = now();
  const hash = contentHash(doc.text, doc.meta.date, doc.meta.source);
  if (store.hasHash(hash) === undefined && !inBatch.has(hash)) {
    inBatch.add(hash);
    batch.push({ doc, hash });
  } else skipped++;
  if (batch.length >= BATCH) flush();
  timed += now() - t;
}
if (store) {
  const t = now();
  flush();
  timed += now() - t;
  store.close();
}

const usage = process.resourceUsage();
console.log(JSON.stringify({
  stage,
  docs,
  bytes,
  sentences: upTo >= 2 ? sentences : null,
  skipped,
  problems,
  seconds: Number(timed) / 1e9,
  peakRssMB: usage.maxRSS / 1024,
  cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
}));
