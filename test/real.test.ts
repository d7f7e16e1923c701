/**
 * The real archive (../shared/real, CC BY 4.0, gentok/Foreign_Image_News_Project): 9,040 CP932
 * headlines read with the asahi-yomiuri import profile into a temporary store. Skipped, with a
 * message, where the data is not present.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { loadProfile } from '../src/import-profile.js';
import { shortDocuments, tonePairsFromStore } from '../src/overlay.js';
import { analyzePaths } from '../src/pipeline.js';
import { Store } from '../src/store/index.js';

const realDir = fileURLToPath(new URL('../../shared/real/', import.meta.url));
const headlines = join(realDir, 'jp-headlines-us-1987-2015.csv');
const profilePath = fileURLToPath(new URL('../examples/profiles/asahi-yomiuri.yaml', import.meta.url));
const present = existsSync(headlines);

const tmp = mkdtempSync(join(tmpdir(), 'twocities-real-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The title carries the reason when skipped, so the test run says why.
describe.skipIf(!present)(present ? 'real archive: Asahi/Yomiuri headlines 1987-2015 (CP932)' : `real archive: SKIPPED, ${headlines} is absent`, () => {
  it('stores every headline with its date and source through the import profile', async () => {
    const { profile, messages: pm } = loadProfile(profilePath);
    expect(pm).toEqual([]);
    const store = Store.open(join(tmp, 'real.db'));
    const codebook = builtinCodebook();
    const summary = await analyzePaths([headlines], { store, codebook, jobs: 1, ...(profile ? { table: profile.mapping } : {}) });
    expect(summary.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
    expect(summary.documents).toBe(9040);
    // Identical headlines on different days are one text: the pipeline counts a repeated text once.
    expect(summary.stored + summary.duplicates).toBe(9040);
    const docs = store.documents();
    expect(docs).toHaveLength(summary.stored);
    const ids = new Set(docs.map((d) => d.extId));
    expect(ids.size).toBe(docs.length);
    for (const d of docs) {
      expect(d.date ?? '', d.extId ?? '').toMatch(/^(198[7-9]|199\d|200\d|201[0-5])-\d{2}-\d{2}$/);
      expect(['Asahi Shimbun', 'Yomiuri Shimbun']).toContain(d.source);
      expect(d.side).toBe('tokyo');
      expect(d.lang).toBe('ja');
    }
    const first = store.iterateDocuments().next().value;
    expect(first?.doc.meta.encoding).toBe('shift_jis');
    expect(first?.doc.text).toBe('米国務次官補、懸案協議へあす来日');
    // Headlines are one-sentence documents.
    const short = shortDocuments(store);
    expect(short.documents).toBe(summary.stored);
    expect(short.short / short.documents).toBeGreaterThan(0.95);
    const pairs = tonePairsFromStore(store, codebook.version);
    expect(pairs.length).toBeGreaterThan(900);
    expect(pairs.length).toBeLessThanOrEqual(987);
    store.close();
  }, 300_000);
});
