/** A coding worker: receives batches of read documents, returns them cleaned, segmented and coded. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinCodebook, loadCodebook, type Codebook } from './codebook/index.js';
import { processDoc } from './pipeline.js';
import type { Doc } from './types.js';

const { codebookYaml } = workerData as { codebookYaml: string };
const builtin = builtinCodebook();
const codebook: Codebook | undefined = builtin.yaml === codebookYaml ? builtin : loadCodebook(codebookYaml).codebook;

parentPort?.on('message', (msg: { seq: number; docs: Doc[] }) => {
  try {
    if (!codebook) throw new Error('the codebook did not load in the worker');
    for (const doc of msg.docs) processDoc(doc, codebook);
    parentPort?.postMessage({ seq: msg.seq, docs: msg.docs });
  } catch (e) {
    parentPort?.postMessage({ seq: msg.seq, error: (e as Error).message });
  }
});
