#!/usr/bin/env node
// Store write benchmark: documents are read, cleaned, segmented and coded first (untimed, held in
// memory), then written to a fresh store in 200-document transactions, timed alone, several rounds.
//   node bench/store-write.mjs --corpus FILE.jsonl [--docs 5000] [--rounds 3] [--root DIR] [--batch]
// --root points at another checkout's built dist/ (to compare with an older store); --batch uses
// putCodedBatch instead of putDocument + putDecisions.
import { rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' }, docs: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' },
    root: { type: 'string', default: process.cwd() }, batch: { type: 'boolean', default: false }, db: { type: 'string', default: '/tmp/store-write.db' },
  },
});
if (!values.corpus) {
  console.error('bench/store-write: usage: --corpus FILE.jsonl [--docs N] [--rounds R] [--root DIR] [--batch]');
  process.exit(2);
}
const dist = (p) => pathToFileURL(resolve(values.root, 'dist', p)).href;
const { readInputs } = await import(dist('read/index.js'));
const { processDoc, contentHash } = await import(dist('pipeline.js'));
const { builtinCodebook } = await import(dist('codebook/index.js'));
const { Store } = await import(dist('store/index.js'));
const codebook = builtinCodebook();
const limit = Number(values.docs);
const items = [];
for await (const item of readInputs([resolve(values.corpus)], {})) {
  if (!('meta' in item)) continue;
  processDoc(item, codebook);
  if (item.sentences.length === 0) continue;
  items.push({ doc: item, hash: contentHash(item.text, item.meta.date, item.meta.source) });
  if (items.length >= limit) break;
}
const sentences = items.reduce((n, i) => n + i.doc.sentences.length, 0);
const mb = items.reduce((n, i) => n + Buffer.byteLength(i.doc.text), 0) / 1e6;
for (let round = 0; round < Number(values.rounds); round++) {
  for (const s of ['', '-wal', '-shm']) rmSync(values.db + s, { force: true });
  const store = Store.open(values.db);
  store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
  const t = performance.now();
  for (let i = 0; i < items.length; i += 200) {
    const chunk = items.slice(i, i + 200);
    if (values.batch) store.putCodedBatch(codebook.version, chunk);
    else store.transaction(() => {
      for (const { doc, hash } of chunk) {
        const { id, inserted } = store.putDocument(doc, hash);
        if (inserted) store.putDecisions(id, codebook.version, doc.sentences);
      }
    });
  }
  store.close(); // the checkpoint is part of the cost
  const s = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ root: values.root, batch: values.batch, docs: items.length, sentences, textMB: +mb.toFixed(1), seconds: +s.toFixed(3), mbPerSecond: +(mb / s).toFixed(1), dbMB: +(statSync(values.db).size / 1e6).toFixed(1) }));
}
