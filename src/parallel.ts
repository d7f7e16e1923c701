/**
 * Coding on worker threads: the main thread reads documents and writes the store (the single
 * SQLite writer); workers clean, segment and code. Results come back in input order, so a run
 * with one job and a run with several store exactly the same rows.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Doc } from './types.js';

/** Where the compiled worker lives; absent when running from TypeScript sources (tests). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** True when worker threads can be used (the compiled worker file exists). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

interface Pending {
  resolve: (docs: Doc[]) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed pool of coding workers. `process` hands a batch of read documents to the next worker
 * and resolves with the processed documents.
 *
 * @example
 * const pool = new CodingPool(2, codebook.yaml);
 * const done = await pool.process(batch);
 * await pool.close();
 */
export class CodingPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private seq = 0;

  constructor(jobs: number, codebookYaml: string) {
    if (!workersAvailable()) throw new Error('parallel: the compiled worker (dist/worker.js) is missing; run `npm run build`');
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(WORKER_URL, { workerData: { codebookYaml } });
      w.on('message', (msg: { seq: number; docs?: Doc[]; error?: string }) => {
        const p = this.pending.get(msg.seq);
        if (!p) return;
        this.pending.delete(msg.seq);
        if (msg.error !== undefined) p.reject(new Error(`parallel: worker failed: ${msg.error}`));
        else p.resolve(msg.docs ?? []);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /** Clean, segment and code a batch on the next worker (round robin). */
  process(docs: Doc[]): Promise<Doc[]> {
    const seq = this.seq++;
    const w = this.workers[this.next++ % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      w.postMessage({ seq, docs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
