/** A pipeline worker: receives units of work (lines to read, files, documents to code) and returns store-ready rows. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Codebook } from './codebook/index.js';
import { loadWorkerCodebook, type WorkerCodebook } from './parallel.js';
import { runUnit, type WorkUnit } from './pipeline.js';

// The main thread sends the codebook already parsed and checked: only the matcher is built here.
const codebook: Codebook | undefined = await loadWorkerCodebook(workerData as WorkerCodebook);

// The pool hands this thread work only once it says it is ready (until then the main thread works).
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (msg: { seq: number; unit: WorkUnit }) => {
  void (async () => {
    try {
      if (!codebook) throw new Error('the codebook did not load in the worker');
      // Store-ready rows: the main thread only binds them (plain strings and arrays, cloned once).
      parentPort?.postMessage({ seq: msg.seq, result: await runUnit(msg.unit, codebook) });
    } catch (e) {
      parentPort?.postMessage({ seq: msg.seq, error: (e as Error).message });
    }
  })();
});
