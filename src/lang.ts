/**
 * Language identification for the two languages twocities reads natively. Japanese is told by
 * its scripts (kana above all; kanji alone could be Chinese), English by Latin letters.
 */

const KANA = /[\u3040-\u30ff\uff66-\uff9f]/gu;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN = /[A-Za-z]/g;

/**
 * Detect the language of a text from a sample of it: `ja`, `en`, or `und` when neither.
 *
 * @example
 * detectLang('日米同盟は史上最良だ。'); // 'ja'
 * detectLang('The alliance is strong.'); // 'en'
 */
export function detectLang(text: string, sample = 4000): 'en' | 'ja' | 'und' {
  const s = text.length > sample ? text.slice(0, sample) : text;
  const kana = s.match(KANA)?.length ?? 0;
  const han = s.match(HAN)?.length ?? 0;
  const latin = s.match(LATIN)?.length ?? 0;
  // Kana-bearing CJK text is Japanese; a Japanese character counts for about two Latin letters.
  if (kana > 0 && (kana + han) * 2 >= latin) return 'ja';
  if (latin >= 3 && latin > (kana + han) * 2) return 'en';
  if (han > 0 && kana === 0 && latin === 0) return 'und';
  return latin > 0 ? 'en' : 'und';
}

const JA_CHAR = /[\u3040-\u30ff\u3400-\u9fff]/u;
const LATIN_ANY = /[A-Za-z]/u;

/**
 * The language the coder reads one unit (a sentence) in: Japanese where it holds kana or kanji, unless Latin letters
 * dominate it, as in an English post behind a tag of Japanese punctuation or a Japanese word quoted in English.
 *
 * @example
 * unitLang('日米首脳会談'); // 'ja' (kanji alone, as in a headline)
 * unitLang('【@harbor_watch・Naha】 They will not leave.'); // 'en'
 */
export function unitLang(text: string): 'en' | 'ja' {
  if (!JA_CHAR.test(text)) return 'en';
  // Most Japanese sentences hold no Latin letter, and then nothing can outweigh their script: no need to count (every sentence passes here).
  return !LATIN_ANY.test(text) || detectLang(text) !== 'en' ? 'ja' : 'en';
}
