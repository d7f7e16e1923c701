/**
 * Worker threads for the pipeline: the main thread hands out units of work (runs of JSONL lines,
 * files to read, documents to code) and writes the store (the single SQLite writer); workers read,
 * clean, segment and code, and send back compact results. The pool only moves messages: what a unit
 * is and how it is processed lives in `pipeline.ts`, so one job and many jobs run the same code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
// Types only: the codebook loader (YAML parser, schema) is imported by a worker only when it must load YAML.
import type { Codebook } from './codebook/index.js';
import { buildMatcher, type PatternEntry } from './codebook/matcher.js';
import type { CompiledPattern } from './codebook/pattern.js';

/** Where the compiled worker lives; absent when running from TypeScript sources (tests). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * True when worker threads can be used (the compiled worker file exists).
 *
 * @example
 * const jobs = workersAvailable() ? availableParallelism() : 1;
 */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * The codebook as a worker receives it: the YAML text always, and when it can be cloned the parsed,
 * checked codebook without its matcher plus the patterns the matcher kept and their compiled form,
 * so that a worker only files them into its matcher (60 ms of CPU cold; 250 ms when it compiles the
 * patterns too) instead of parsing, validating and compiling the YAML again (about 0.5 s cold per
 * worker, measured on the us-japan codebook).
 */
export interface WorkerCodebook {
  codebookYaml: string;
  data?: Omit<Codebook, 'matcher'>;
  entries?: PatternEntry[];
  /** The compiled pattern of each entry: the worker's matcher then compiles nothing (about 0.2 s of CPU per worker saved). */
  compiled?: CompiledPattern[];
}

/**
 * What to send workers for `codebook` (see `WorkerCodebook`); the YAML alone when a field cannot be cloned.
 *
 * @example
 * const pool = new WorkerPool(2, workerCodebook(builtinCodebook()));
 */
export function workerCodebook(codebook: Codebook): WorkerCodebook {
  const { matcher, ...data } = codebook;
  const full: WorkerCodebook = { codebookYaml: codebook.yaml, data, entries: [...matcher.entries], compiled: [...matcher.compiled] };
  try {
    // A field added to Codebook that holds functions cannot cross: the worker then loads the YAML itself.
    structuredClone(data);
    return full;
  } catch {
    return { codebookYaml: codebook.yaml };
  }
}

/**
 * The codebook a worker codes with, from what `workerCodebook` sent: the sent fields with a matcher
 * built from the kept patterns (what `loadCodebook` builds from the same spec); undefined when only
 * the YAML was sent (`loadWorkerCodebook` then loads it).
 *
 * @example
 * const codebook = codebookOfWorker(structuredClone(workerCodebook(builtinCodebook())));
 */
export function codebookOfWorker(w: WorkerCodebook): Codebook | undefined {
  if (!w.data || !w.entries) return undefined;
  return Object.freeze({ ...w.data, matcher: buildMatcher(w.entries, w.data.spec.readings, w.compiled) });
}

/**
 * `codebookOfWorker`, or when only the YAML was sent, the YAML loaded (the codebook loader is
 * imported only then). Undefined when that YAML does not load.
 *
 * @example
 * const codebook = await loadWorkerCodebook(workerData as WorkerCodebook);
 */
export async function loadWorkerCodebook(w: WorkerCodebook): Promise<Codebook | undefined> {
  const sent = codebookOfWorker(w);
  if (sent) return sent;
  const { builtinCodebook, loadCodebook } = await import('./codebook/index.js');
  const builtin = builtinCodebook();
  return builtin.yaml === w.codebookYaml ? builtin : loadCodebook(w.codebookYaml).codebook;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
  worker: number;
}

/**
 * A fixed pool of workers running `dist/worker.js`. `run` posts a unit to the worker with the fewest
 * units outstanding (large and small units even out) and resolves with its answer. Buffers named in
 * `transfer` move to the worker instead of being copied.
 *
 * @example
 * const pool = new WorkerPool(2, workerCodebook(codebook));
 * const result = await pool.run({ kind: 'docs', docs }, []);
 * await pool.close();
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: Error | undefined;
  private readyCount = 0;

  constructor(jobs: number, workerData: unknown) {
    if (!workersAvailable()) throw new Error('parallel: the compiled worker (dist/worker.js) is missing; run `npm run build`');
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(WORKER_URL, { workerData });
      w.on('message', (msg: { seq: number; result?: unknown; error?: string; ready?: boolean }) => {
        if (msg.ready === true) {
          this.readyCount++;
          return;
        }
        const p = this.pending.get(msg.seq);
        if (!p) return;
        this.pending.delete(msg.seq);
        this.load[p.worker] = (this.load[p.worker] ?? 1) - 1;
        if (msg.error !== undefined) p.reject(new Error(`parallel: worker failed: ${msg.error}`));
        else p.resolve(msg.result);
      });
      const fail = (e: Error): void => {
        this.failure ??= e;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0 && this.pending.size > 0) fail(new Error(`parallel: a worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
      this.load.push(0);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Workers that have started (loaded their modules and codebook); work sent before waits in their queue. */
  get ready(): number {
    return this.readyCount;
  }

  /** Units sent and not answered yet, all workers together. */
  get outstanding(): number {
    let n = 0;
    for (const l of this.load) n += l;
    return n;
  }

  /** Run one unit on the least busy worker; `transfer` lists buffers that move with it. */
  run<R>(unit: unknown, transfer: Transferable[] = []): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if ((this.load[i] ?? 0) < (this.load[best] ?? 0)) best = i;
    const seq = this.seq++;
    this.load[best] = (this.load[best] ?? 0) + 1;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, worker: best });
      (this.workers[best] as Worker).postMessage({ seq, unit }, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
