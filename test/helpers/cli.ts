import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main.js';

/**
 * Run the CLI in-process with captured output and the given standard input.
 *
 * @example
 * const { code, out } = await runCli(['report', '--db', 'x.db', '--format', 'json']);
 */
export async function runCli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await run(argv, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, out, err };
}
