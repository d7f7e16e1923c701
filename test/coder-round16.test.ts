// Round 16: Japanese views held within a side's body (与党内から, 自民党内で), a side's own feeling (国民の不安は), views that
// prevail without a place (…を懸念する声もある, …との声も多い), and the code-only training batches recorded in the shipped
// model file. Every sentence below was written for this file.
import { describe, expect, it } from 'vitest';
import { builtinCodebook, describeModel, readModelFile } from '../src/codebook/index.js';
import { voicesOf } from './helpers/coder.js';

describe('Japanese: a view held within a side (rules 4 and 5)', () => {
  it('a view coming from inside a party or the government (内から, 内で) is that side\'s', () => {
    expect(voicesOf(['防衛費の積み増しをめぐり、与党内から「説明が足りない」との不満が出ている。'])).toEqual(['tokyo']);
    expect(voicesOf(['米国の関与が細るのではないかとの警戒が、自民党内で強まっている。'])).toEqual(['tokyo']);
    expect(voicesOf(['同盟の負担をめぐる不満が、米議会内で広がっている。'])).toEqual(['washington']);
  });
  it('a country\'s interior (国内で) is where something happens, not who holds a view: the writer\'s forecast stays author', () => {
    expect(voicesOf(['今回の要求は、日本国内で自主防衛論を勢いづかせるだけだろう。'])).toEqual(['author']);
  });
  it('a side\'s own feeling (国民の不安, 地元の怒り) is the side\'s view; a thing the side owns is not', () => {
    expect(voicesOf(['国民の不安は、首相の説明ではぬぐえていない。'])).toEqual(['tokyo']);
    expect(voicesOf(['日本の防衛予算は、この十年で大きく増えた。'])).toEqual(['author']);
  });
});

describe('Japanese: a view said to prevail, with no place named', () => {
  it('a verb of a view ending the relative clause before the noun (懸念する声, 問題視する声) reports a view of the paper\'s side', () => {
    expect(voicesOf(['米中の接近で日本の出番が減るのではないかと懸念する声もある。'], 'tokyo')).toEqual(['tokyo']);
    expect(voicesOf(['地位協定の運用のあり方を問題視する声がある。'], 'tokyo')).toEqual(['tokyo']);
    // A demand (…を求める声) with no place stays unplaced: see coder-voice6, a place that is only the addressee.
    expect(voicesOf(['日本に対しては、負担増を求める声が強まっている。'], 'washington')).toEqual(['author']);
  });
  it('a view said to be common (との声も多い, という声があふれている) prevails as one said to spread does', () => {
    expect(voicesOf(['この買収は純粋な商談で、安全保障とは別に扱うべきだとの声も多い。'], 'tokyo')).toEqual(['tokyo']);
    expect(voicesOf(['資金だけ出して感謝もされないのは割に合わない、という声が霞が関にあふれている。'], 'tokyo')).toEqual(['tokyo']);
  });
  it('a relative clause of an act, not a view (購入する企業), is no view', () => {
    expect(voicesOf(['米国製の装備を購入する企業が増えている。'], 'tokyo')).toEqual(['author']);
  });
});
describe('code-only training batches', () => {
  const file = JSON.parse(readModelFile(new URL('../codebooks/us-japan.model.json.gz', import.meta.url).pathname)) as {
    training: { files: Array<{ name: string; units: number; codesOnly?: boolean }> };
    langs: Record<string, { units: number }>;
    tone: Record<string, { units: number }>;
    voice: Record<string, { units: number }>;
  };
  const sum = (rows: Array<{ units: number }>): number => rows.reduce((a, r) => a + r.units, 0);
  it('the shipped model lists the era, wave and code batches as code-only', () => {
    const only = file.training.files.filter((f) => f.codesOnly);
    expect(only.some((f) => f.name.startsWith('eval/wave14-'))).toBe(true);
    expect(only.some((f) => f.name.startsWith('eval/era13-'))).toBe(true);
    expect(only.every((f) => /^eval\/(?:era|wave|codes)\d+-/u.test(f.name))).toBe(true);
  });
  it('the code models learned from every listed unit, the tone and voice models from the full training files alone', () => {
    const all = sum(file.training.files);
    const full = sum(file.training.files.filter((f) => !f.codesOnly));
    expect(sum(Object.values(file.langs))).toBe(all);
    expect(sum(Object.values(file.tone))).toBe(full);
    expect(sum(Object.values(file.voice))).toBe(full);
    expect(full).toBeLessThan(all);
  });
  it('codebook check says how many units train the code and denial models only', () => {
    const cb = builtinCodebook();
    const lines = describeModel(cb.model as NonNullable<typeof cb.model>, cb.yaml);
    const only = sum(file.training.files.filter((f) => f.codesOnly));
    expect(lines[0]).toContain(`; ${only} units from ${file.training.files.filter((f) => f.codesOnly).length} of them train the code and denial models only`);
  });
});
