/**
 * `twocities serve`: open the store, build the app and listen, on 127.0.0.1 unless told
 * otherwise. Nothing here prints; the caller (the CLI) prints the address and any warning.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { performance } from 'node:perf_hooks';
import { storeCodebookInfos } from '../query.js';
import { Store } from '../store/index.js';
import { createApp, type AppOptions } from './app.js';

export { createApp, defaultWebRoot, storeCodebooks, type AppOptions, type ApiError, type ServerCodebook } from './app.js';

/** Options of `startServer`. */
export interface ServeOptions {
  /** The SQLite store file. */
  db: string;
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Folder of the built front end (default: `dist/web` of this package). */
  webRoot?: string;
  /** An outside series the trend chart can show beside any code (`serve --overlay`). */
  overlay?: AppOptions['overlay'];
}

/** A running dashboard. */
export interface RunningServer {
  /** The address to open, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  port: number;
  /** Set when the server listens beyond this machine: the CLI prints it. */
  warning?: string;
  /** Stop listening and close the store. */
  close(): Promise<void>;
  /** What was computed before the address was handed out: the latest codebook's counts and the first page's answers. */
  warmed?: { documents: number; ms: number };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Whether a host name or address only reaches this machine.
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Open the store and serve the dashboard. Binds 127.0.0.1 by default; another host gets a
 * warning string back (the data is then readable by anyone who can reach the port). Throws
 * `StoreError` when the store cannot be opened.
 *
 * @example
 * const s = await startServer({ db: 'twocities.db', port: 8080 });
 * if (s.warning) console.error(s.warning);
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const store = Store.open(opts.db);
  const loopback = isLoopback(host);
  let server: ReturnType<typeof serve> | undefined;
  try {
    const started = performance.now();
    // Codebooks are read for their names only: the dashboard never codes text.
    const codebook = storeCodebookInfos(store);
    const latest = codebook(undefined);
    // The count table of the latest codebook is read before listening: the first overview does not pay for it.
    const documents = latest ? store.countTable({ codebook: latest.version }).docIds.length : 0;
    let app: ReturnType<typeof createApp> | undefined;
    const port = await new Promise<number>((resolvePort, reject) => {
      // Hosts are checked only on loopback binds (guards against DNS rebinding); the port is known after listen.
      const allowed: string[] = [];
      app = createApp({ store, codebook, webRoot: opts.webRoot, allowedHosts: loopback ? allowed : undefined, ...(opts.overlay ? { overlay: opts.overlay } : {}) });
      server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, (info: AddressInfo) => {
        for (const h of ['127.0.0.1', 'localhost', '[::1]', host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]) allowed.push(`${h}:${info.port}`);
        resolvePort(info.port);
      });
      server.once('error', reject);
    });
    const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (latest && app) {
      // The first page's answers (the default overview, its first trend, the menus) are computed before the address is given out.
      const headers = { host: `127.0.0.1:${port}` }; // always among the allowed hosts
      const first = latest.codes[0]?.id;
      for (const path of ['/api/meta', '/api/overview', ...(first ? [`/api/trend?code=${encodeURIComponent(first)}&by=year`] : [])]) {
        await (await app.request(path, { headers })).text();
      }
    }
    const running: RunningServer = {
      url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}/`,
      port,
      close: () =>
        new Promise<void>((done) => {
          const s = server;
          if (!s) return done();
          s.close(() => {
            store.close();
            done();
          });
          (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    };
    if (latest) running.warmed = { documents, ms: performance.now() - started };
    if (!loopback) running.warning = `serving on ${host}: anyone who can reach port ${port} can read this store and write reviews (default is 127.0.0.1)`;
    return running;
  } catch (e) {
    store.close();
    throw e;
  }
}
