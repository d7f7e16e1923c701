/**
 * The `serve` subcommand, ready for the CLI to register: `twocities serve [--db FILE]
 * [--port 8080] [--host 127.0.0.1]`. Output goes to the streams the CLI passes in.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { startServer, type RunningServer } from './index.js';

/** The streams `registerServe` writes to (the CLI's `Io`). */
export interface ServeIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Add `serve` to a commander program. Resolves once listening; the process then stays up until
 * SIGINT/SIGTERM, which closes the server and the store. A missing store, bad port or busy port
 * is reported through `fail` (the CLI's user-error path) instead of a stack trace.
 *
 * @example
 * registerServe(program, io, (msg) => { throw new UserError(msg, 1); });
 */
export function registerServe(program: Command, io: ServeIo, fail: (message: string) => never = (m) => { throw new Error(m); }): Command {
  return program
    .command('serve')
    .description('the dashboard: overview, evidence, documents, review and reliability, on 127.0.0.1')
    .option('--db <file>', 'the SQLite store', './twocities.db')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'interface to bind (anything but loopback exposes the store)', '127.0.0.1')
    .action(async (flags: { db: string; port: string; host: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535 (got "${flags.port}")`);
      if (flags.db !== ':memory:' && !existsSync(flags.db)) fail(`store ${flags.db}: no such file (run \`twocities analyze PATH --db ${flags.db}\` first)`);
      let running: RunningServer;
      try {
        running = await startServer({ db: flags.db, port, host: flags.host });
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code === 'EADDRINUSE') fail(`port ${port} on ${flags.host} is in use (try --port ${port + 1})`);
        if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') fail(`cannot listen on ${flags.host}: no such local address`);
        fail(err.message);
      }
      if (running.warning) io.stderr.write(`twocities: warning: ${running.warning}\n`);
      io.stdout.write(`twocities: dashboard on ${running.url} (store ${flags.db}); Ctrl-C stops it\n`);
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
