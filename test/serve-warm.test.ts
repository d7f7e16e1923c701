import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { codebookInfo, measureFor, storeCodebookInfos } from '../src/query.js';
import { renderReport } from '../src/report/index.js';
import { startServer } from '../src/server/index.js';
import { Store } from '../src/store/index.js';
import { buildFixtureStore } from './helpers/fixture-store.js';

let dir: string;
let webRoot: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twocities-warm-'));
  webRoot = join(dir, 'web');
  mkdirSync(webRoot, { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dash</title>');
  const store = Store.open(join(dir, 'warm.db'));
  buildFixtureStore(store, builtinCodebook(), { documents: 300, seed: 9 });
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('codebookInfo', () => {
  it('reads name, sides and codes as the full load does, without compiling', () => {
    const cb = builtinCodebook();
    const info = codebookInfo(cb.yaml, cb.version);
    expect(info?.name).toBe(cb.name);
    expect(info?.version).toBe(cb.version);
    expect(info?.sides).toEqual(cb.sides);
    expect(info?.codes).toEqual(cb.codes);
    expect(codebookInfo('name: x\nsides: [', 'v')).toBeUndefined();
    expect(codebookInfo('name: x\nsides: {a: {}}\ncodes: [{label: no id}]', 'v')).toBeUndefined();
  });

  it('storeCodebookInfos follows the latest codebook of the store and knows older ones by version', () => {
    const store = Store.open(':memory:');
    const resolve = storeCodebookInfos(store);
    expect(resolve(undefined)).toBeUndefined();
    const cb = builtinCodebook();
    store.putCodebook({ name: cb.name, version: cb.version, yaml: cb.yaml });
    store.putCodebook({ name: 'other', version: 'v2', yaml: 'name: other\nsides: {paris: {}, berlin: {}}\ncodes: [{id: a, label: A, description: d}]\n' });
    expect(resolve(undefined)?.name).toBe('other');
    expect(resolve(undefined)?.sides).toEqual(['paris', 'berlin']);
    expect(resolve(cb.version)?.codes.map((c) => c.id)).toEqual(cb.codes.map((c) => c.id));
    expect(resolve('nope')).toBeUndefined();
    store.close();
  });
});

describe('serve warm-up', () => {
  it('measures the latest codebook before handing out the address, and answers the first overview as report --format json does', async () => {
    const s = await startServer({ db: join(dir, 'warm.db'), port: 0, webRoot });
    try {
      expect(s.warmed?.documents).toBe(300);
      expect(s.warmed?.ms).toBeGreaterThan(0);
      const body = await (await fetch(`${s.url}api/overview`)).text();
      const store = Store.open(join(dir, 'warm.db'));
      const info = storeCodebookInfos(store)(undefined);
      expect(body).toBe(renderReport(measureFor(store, info!, {}), 'json'));
      store.close();
    } finally {
      await s.close();
    }
  });

  it('an empty store starts without a warm-up', async () => {
    const db = join(dir, 'empty.db');
    Store.open(db).close();
    const s = await startServer({ db, port: 0, webRoot });
    try {
      expect(s.warmed).toBeUndefined();
      expect((await fetch(`${s.url}api/overview`)).status).toBe(409);
    } finally {
      await s.close();
    }
  });
});
