/**
 * One suite for every reader in EXTRACTORS: valid, empty, huge, truncated, wrong encoding and wrong
 * extension inputs, then the directory walk (nested folders, symlink loops, unreadable files).
 * Nothing may throw; every problem is a Message naming the file.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTORS, readInputs } from '../src/read/index.js';
import type { Extractor } from '../src/read/types.js';
import type { Doc, Message } from '../src/types.js';
import { MARKER, SAMPLES } from './fixtures/formats/samples.js';

const root = mkdtempSync(join(tmpdir(), 'twocities-shared-'));
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

const small = new Map<string, Buffer>();
beforeAll(async () => {
  for (const x of EXTRACTORS) {
    const build = SAMPLES.get(x.name);
    if (build) small.set(x.name, await build('small'));
  }
}, 60_000);

async function extract(x: Extractor, path: string, bytes: Buffer, opts = {}): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  for await (const item of x.extract({ path, bytes }, opts) as AsyncIterable<Doc | Message>) ('meta' in item ? docs : messages).push(item as never);
  return { docs, messages };
}

async function read(paths: string[]): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  for await (const item of readInputs(paths)) ('meta' in item ? docs : messages).push(item as never);
  return { docs, messages };
}

function placed(messages: Message[], file: string): void {
  for (const m of messages) {
    expect(m.place.file, `${m.ruleId}: ${m.reason}`).toBe(file);
    expect(m.reason.length).toBeGreaterThan(0);
  }
}

describe.each(EXTRACTORS.map((x) => [x.name, x] as const))('reader %s', (name, x) => {
  const ext = x.extensions[0] as string;
  const file = `sample${ext}`;

  it('has a sample in the shared suite', () => {
    expect(SAMPLES.has(name), `add a sample builder for "${name}" to test/fixtures/formats/samples.ts`).toBe(true);
  });

  it('reads a valid sample', async () => {
    const { docs, messages } = await extract(x, file, small.get(name) as Buffer);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.some((d) => d.raw.includes(MARKER))).toBe(true);
    for (const d of docs) expect(d.meta.format.length).toBeGreaterThan(0);
    expect(messages.filter((m) => m.severity === 'fatal')).toEqual([]);
  });

  it('reports an empty file', async () => {
    const { docs, messages } = await extract(x, file, Buffer.alloc(0));
    expect(docs).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
    placed(messages, file);
  });

  it('reads a huge input', async () => {
    const bytes = await (SAMPLES.get(name) as (s: 'huge') => Promise<Buffer>)('huge');
    const { docs, messages } = await extract(x, file, bytes);
    expect(docs.reduce((n, d) => n + d.raw.length, 0)).toBeGreaterThan(200_000);
    expect(docs.some((d) => d.raw.includes(MARKER))).toBe(true);
    expect(messages.filter((m) => m.severity === 'fatal')).toEqual([]);
  }, 120_000);

  it('survives truncation', async () => {
    const bytes = small.get(name) as Buffer;
    for (const cut of [Math.floor(bytes.length / 2), 64, 7]) {
      const { messages } = await extract(x, file, bytes.subarray(0, cut));
      placed(messages, file);
    }
  });

  it('survives bytes in the wrong encoding', async () => {
    const bytes = small.get(name) as Buffer;
    // Flipping the top bit turns ASCII into invalid UTF-8 and structure into garbage.
    const flipped = Buffer.from(bytes.map((b) => b ^ 0x80));
    const a = await extract(x, file, flipped);
    placed(a.messages, file);
    const b = await extract(x, file, bytes, { encoding: 'utf-16le' });
    placed(b.messages, file);
    const c = await extract(x, file, bytes, { encoding: 'no-such-encoding' });
    placed(c.messages, file);
  });

  it('survives a file with the wrong extension, both ways', async () => {
    const dir = join(root, `wrong-${name}`);
    mkdirSync(dir, { recursive: true });
    const paths: string[] = [];
    for (const other of EXTRACTORS) {
      if (other === x) continue;
      // This format's bytes under the other's extension, and the other's bytes under this one.
      const p1 = join(dir, `as-${other.name}${other.extensions[0]}`);
      writeFileSync(p1, small.get(name) as Buffer);
      const p2 = join(dir, `from-${other.name}${ext}`);
      writeFileSync(p2, small.get(other.name) ?? Buffer.from('x'));
      paths.push(p1, p2);
    }
    const { docs, messages } = await read(paths);
    for (const m of messages) expect(paths).toContain(m.place.file);
    for (const d of docs) expect(paths).toContain(d.meta.path);
  }, 60_000);
});

describe('the directory walk', () => {
  it('reads nested folders once each, through a symlink loop, every format', async () => {
    const dir = join(root, 'tree');
    let cur = dir;
    EXTRACTORS.forEach((x, i) => {
      cur = join(cur, `level${i}`);
      mkdirSync(cur, { recursive: true });
      writeFileSync(join(cur, `doc${x.extensions[0]}`), small.get(x.name) as Buffer);
    });
    symlinkSync(dir, join(cur, 'back-to-top'));
    symlinkSync(join(dir, 'missing-target'), join(dir, 'dangling'));
    const { docs, messages } = await read([dir]);
    expect(messages.filter((m) => m.severity === 'fatal')).toEqual([]);
    expect(new Set(docs.map((d) => d.meta.format))).toEqual(new Set(EXTRACTORS.map((x) => x.name)));
    const files = docs.map((d) => d.meta.path);
    // Record formats give several documents per file; every file is still read once only.
    expect(new Set(files).size).toBe(EXTRACTORS.length);
    expect(docs.filter((d) => d.raw.includes(MARKER))).toHaveLength(EXTRACTORS.length);
  }, 60_000);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // Root reads files whatever their mode, so chmod 000 proves nothing there: the case is skipped, not faked.
  it.skipIf(isRoot)(`reports an unreadable file (chmod 000) and goes on${isRoot ? ' [skipped: running as root, chmod does not stop reads]' : ''}`, async () => {
    const dir = join(root, 'locked');
    mkdirSync(dir, { recursive: true });
    for (const x of EXTRACTORS) {
      const p = join(dir, `locked${x.extensions[0]}`);
      writeFileSync(p, small.get(x.name) as Buffer);
      chmodSync(p, 0o000);
    }
    writeFileSync(join(dir, 'open.txt'), MARKER);
    const { docs, messages } = await read([dir]);
    expect(docs.map((d) => d.meta.path)).toEqual([join(dir, 'open.txt')]);
    expect(messages).toHaveLength(EXTRACTORS.length);
    for (const m of messages) expect(m.reason).toMatch(/permission denied/);
  });

});
