// The language a unit is read in: Japanese by its scripts, unless Latin letters dominate the unit. Sentences written for this file.
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { prepare } from '../src/coder/sentence.js';
import { detectLang, unitLang } from '../src/lang.js';

describe('unitLang', () => {
  it('reads kana or kanji text as Japanese, kanji alone included (a headline)', () => {
    expect(unitLang('同盟は揺るがないと首相は述べた。')).toBe('ja');
    expect(unitLang('日米首脳会談')).toBe('ja');
    expect(unitLang('米大統領は「America First」を繰り返した。')).toBe('ja');
  });
  it('reads an English post behind a Japanese-punctuation tag, or a quoted Japanese word, as English', () => {
    expect(unitLang('【@harbor_watch・Naha】 They will not leave, whatever the papers say.')).toBe('en');
    expect(unitLang('The slogan "日本を取り戻す" meant little to the negotiators in the room.')).toBe('en');
    expect(unitLang('The alliance is strong.')).toBe('en');
    expect(detectLang('【@harbor_watch・Naha】 They will not leave, whatever the papers say.')).toBe('en');
  });
  it('the coder reads such a post in English and still takes its tag as the speaker', () => {
    const p = prepare('【@harbor_watch・Naha】 Nobody here thinks the Marines will ever leave.', builtinCodebook());
    expect(p.lang).toBe('en');
    expect(p.tag?.label).toBe('harbor_watch・Naha');
    expect(p.text.slice(p.bodyStart).startsWith('Nobody')).toBe(true);
  });
});
