// The literal English phrases of a codebook, for ripgrep's fixed-string scan: the same words our
// matcher looks for, without the pattern syntax, so both tools scan for comparable work.
import { parse } from 'yaml';

/**
 * The literal word runs of one pattern: its syntax (gaps, alternatives, groups, inflection
 * markers, regex operators) cuts it into runs of plain words; each alternative gives its longest run.
 *
 * @example
 * literalRuns('benefits ... one way') // → ['benefits']  ('one way' is as long in words but shorter in characters)
 * literalRuns('worr{y|ies} about (being|getting) abandoned') // → ['abandoned']
 */
export function literalRuns(pattern) {
  const text = String(pattern).trim();
  // A pattern marked as a regex (`/.../` or `re:`) keeps only its unescaped literal stretches.
  const body = text.replace(/^re:\s*/, '').replace(/^\/(.*)\/[a-z]*$/s, '$1');
  const alternatives = splitTopLevel(body);
  const out = [];
  for (const alt of alternatives) {
    const runs = alt
      // Anything with syntax in it is not literal: groups, classes, inflection braces, escapes, quantifiers, gaps.
      .replace(/\\[a-zA-Z]/g, ' \u0000 ')
      .replace(/[A-Za-z']*(?:\([^)]*\)|\[[^\]]*\]|\{[^}]*\})[A-Za-z']*|\S*[~*+?^$\\|<>]\S*|\.{2,}|…|_+/g, ' \u0000 ')
      .split('\u0000')
      .map((r) => r.replace(/\s+/g, ' ').trim())
      .filter((r) => /^[A-Za-z][A-Za-z' .,-]*$/.test(r) && r.replace(/[^A-Za-z]/g, '').length >= 3);
    const best = runs.sort((a, b) => b.length - a.length)[0];
    if (best) out.push(best);
  }
  return out;
}

function splitTopLevel(s) {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    if (ch === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Every English pattern string under a code: `en:` lists (strings or objects with a pattern field). */
function englishPatterns(node, inEnglish, out) {
  if (typeof node === 'string') {
    if (inEnglish) out.push(node);
  } else if (Array.isArray(node)) {
    for (const x of node) englishPatterns(x, inEnglish, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'ja' || k === 'exclude' || k === 'excludes' || k === 'exclusions' || k === 'not') continue;
      const english = inEnglish || k === 'en' || k === 'english';
      // In an object pattern, only its pattern text counts (not ids, notes or labels).
      if (inEnglish && typeof v === 'string' && !['pattern', 'match', 'text', 're', 'regex', 'words', 'phrase'].includes(k)) continue;
      englishPatterns(v, english, out);
    }
  }
  return out;
}

/**
 * The distinct literal English phrases of the codes in a codebook's YAML text, one per line for `rg -F -f`.
 *
 * @example
 * codebookPhrases(readFileSync('codebooks/us-japan.yaml', 'utf8')).length // → a few hundred phrases
 */
export function codebookPhrases(yamlText) {
  const doc = parse(yamlText);
  const codes = doc?.codes;
  const list = Array.isArray(codes) ? codes : codes && typeof codes === 'object' ? Object.values(codes) : [];
  const patterns = [];
  for (const code of list) englishPatterns(code?.patterns ?? code, false, patterns);
  const seen = new Set();
  for (const p of patterns) for (const run of literalRuns(p)) seen.add(run);
  return [...seen].sort();
}
