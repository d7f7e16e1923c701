/**
 * The `serve` subcommand, ready for the CLI to register: `twocities serve [--db FILE]
 * [--port 8080] [--host 127.0.0.1] [--overlay FILE --overlay-column C [--overlay-date D] [--overlay-label L]]`. Output goes to the streams the CLI passes in.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatMessage } from '../messages.js';
import type { OverlayFlags } from '../overlay.js';
import type { RunningServer } from './index.js';

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
    .option('--overlay <file>', 'CSV of an outside series (e.g. a monthly poll) the trend chart can show beside any code')
    .option('--overlay-column <name>', 'the series column, e.g. likestate_us')
    .option('--overlay-date <name>', 'the period column of the series (YYYYMM, YYYY-MM or YYYY)', 'date')
    .option('--overlay-label <text>', 'name of the series on the chart (default: the column)')
    .action(async (flags: { db: string; port: string; host: string } & OverlayFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535 (got "${flags.port}")`);
      if (flags.db !== ':memory:' && !existsSync(flags.db)) fail(`store ${flags.db}: no such file (run \`twocities analyze PATH --db ${flags.db}\` first)`);
      // The server and the series reader load only for `serve`: other commands start without Hono or vega.
      const { startServer } = await import('./index.js');
      const { seriesFromFlags } = await import('../overlay.js');
      // The same reading of the series as `report --overlay`, done once before listening.
      const loaded = seriesFromFlags(flags);
      for (const m of loaded.messages) if (m.severity !== 'fatal') io.stderr.write(formatMessage(m) + '\n');
      if (flags.overlay !== undefined && (!loaded.series || !loaded.info)) fail(`cannot read the series ${flags.overlay}: ${loaded.messages.map((x) => x.reason).join('; ')}`);
      let running: RunningServer;
      try {
        running = await startServer({ db: flags.db, port, host: flags.host, ...(loaded.series && loaded.info ? { overlay: { series: loaded.series, info: loaded.info } } : {}) });
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code === 'EADDRINUSE') fail(`port ${port} on ${flags.host} is in use (try --port ${port + 1})`);
        if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') fail(`cannot listen on ${flags.host}: no such local address`);
        fail(err.message);
      }
      if (running.warning) io.stderr.write(`twocities: warning: ${running.warning}\n`);
      const ready = running.warmed ? `, ${running.warmed.documents} documents measured in ${(running.warmed.ms / 1000).toFixed(1)} s` : '';
      io.stdout.write(`twocities: dashboard on ${running.url} (store ${flags.db}${ready}); Ctrl-C stops it\n`);
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
