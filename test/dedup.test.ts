import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandKeys, DEFAULT_THRESHOLD, jaccard, LshIndex, minhash, NearDuplicates, shingles, signatureSimilarity, tokens } from '../src/dedup.js';
import { newDoc } from '../src/read/doc.js';
import { Store } from '../src/store/index.js';
import { seededRandom } from '../src/stats.js';

interface Pair {
  a: string;
  b: string;
  same: boolean;
  kind: string;
}

const pairs: Pair[] = readFileSync(new URL('./fixtures/formats/pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Pair);

// The seeded generator shared with measurement, so fixtures are the same on every run.
const rng = seededRandom;

const VOCAB = 'alliance tokyo washington base troops cost security defense minister talks treaty island missile deterrence budget summit trade tariff okinawa relocation exercise command statement officials analysts protest court ruling seabed navy air force marine'.split(' ');
function randomStory(r: () => number, words = 120): string {
  return Array.from({ length: words }, () => VOCAB[Math.floor(r() * VOCAB.length)]).join(' ');
}

describe('shingles and MinHash', () => {
  it('uses words for English and characters for Japanese', () => {
    expect(tokens('The U.S.-Japan alliance')).toEqual(['the', 'u', 's', 'japan', 'alliance']);
    expect([...shingles('one two three four five')]).toEqual(['one two three four', 'two three four five']);
    expect([...shingles('日米同盟の強化')]).toEqual(['日米同盟の', '米同盟の強', '同盟の強化']);
  });

  it('estimates Jaccard similarity within sampling error', () => {
    const r = rng(7);
    for (let i = 0; i < 20; i++) {
      const base = randomStory(r, 200).split(' ');
      const cut = Math.floor(r() * 150);
      const a = base.join(' ');
      const b = base.slice(0, 200 - cut).join(' ');
      const exact = jaccard(shingles(a), shingles(b));
      // 128 hashes: the standard error is at most 0.045; four of them is a bound that never fails by chance in practice.
      expect(Math.abs(signatureSimilarity(minhash(a), minhash(b)) - exact)).toBeLessThan(0.18);
    }
  });

  it('finds the same story with LSH and tells it from other stories on the same event', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of pairs) {
      const ix = new LshIndex<string>(64);
      ix.add('a', minhash(p.a));
      const found = ix.query(minhash(p.b), DEFAULT_THRESHOLD).length > 0;
      if (found && p.same) tp++;
      else if (found) fp++;
      else if (p.same) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(40);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(20);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('queries a large index fast, touching only candidates', () => {
    const r = rng(42);
    const ix = new LshIndex<number>(64);
    const texts: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = randomStory(r);
      texts.push(t);
      ix.add(i, minhash(t));
    }
    const target = (texts[1234] as string).split(' ').slice(0, 100).join(' ');
    const t0 = performance.now();
    const hits = ix.query(minhash(target), DEFAULT_THRESHOLD);
    const ms = performance.now() - t0;
    expect(hits[0]?.key).toBe(1234);
    expect(hits).toHaveLength(1);
    expect(ms).toBeLessThan(200);
  });

  it('splits signatures into the number of bands asked for', () => {
    expect(bandKeys(minhash('a b c d e f g'), 64)).toHaveLength(64);
    expect(() => bandKeys(minhash('a b c d e f g'), 7)).toThrow(/dedup/);
  });
});

describe('NearDuplicates over a store', () => {
  const story = pairs.find((p) => p.same && p.kind.startsWith('new headline, last')) as Pair;
  const other = pairs.find((p) => !p.same) as Pair;
  const doc = (id: string, text: string, source: string) => {
    const d = newDoc({ id, format: 'txt', path: `${id}.txt`, source, side: 'tokyo' }, text);
    return d;
  };

  it('folds a rewrite into the stored story and links the source', () => {
    const store = Store.open(':memory:');
    const nd = new NearDuplicates(store);
    const first = doc('kyodo', story.a, 'Kyodo');
    expect(nd.find(first)).toBeUndefined();
    nd.accept(first, 'h1');
    const rewrite = doc('japan-times', story.b, 'Japan Times');
    const m = nd.find(rewrite);
    expect(m?.hash).toBe('h1');
    nd.fold(rewrite, m as NonNullable<typeof m>);
    expect(store.duplicates()).toHaveLength(0);
    const { id } = store.putDocument(first, 'h1');
    nd.stored('h1', id);
    expect(store.duplicates()).toMatchObject([{ docId: 'japan-times', dupOf: id, source: 'Japan Times', path: 'japan-times.txt' }]);
    expect(store.hasPath('japan-times.txt')).toBe(true);
    expect(store.hasPath('kyodo.txt')).toBe(true);
    expect(store.hasPath('nowhere.txt')).toBe(false);

    // A later run finds the stored document through the store's LSH tables.
    const later = new NearDuplicates(store);
    const again = doc('asahi-en', story.b.replace(/\n\n[^\n]+$/, ''), 'Asahi');
    const m2 = later.find(again);
    expect(m2?.docId).toBe(id);
    later.fold(again, m2 as NonNullable<typeof m2>);
    expect(store.duplicates(id).map((d) => d.source)).toEqual(['Japan Times', 'Asahi']);
    expect(later.find(doc('x', other.b, 'X'))).toBeUndefined();
    store.close();
  });

  it('leaves short texts alone and honours the threshold', () => {
    const store = Store.open(':memory:');
    const nd = new NearDuplicates(store, { threshold: 0.99 });
    const a = doc('a', story.a, 'A');
    nd.accept(a, 'h');
    expect(nd.find(doc('b', story.b, 'B'))).toBeUndefined();
    const loose = new NearDuplicates(store);
    loose.accept(doc('s1', 'Tokyo agrees.', 'A'), 's1');
    expect(loose.find(doc('s2', 'Tokyo agrees.', 'B'))).toBeUndefined();
    store.close();
  });
});
