// The literal English phrases of a codebook, for ripgrep's fixed-string scan: the words our
// matcher looks for, without the pattern syntax (see the pattern language at the top of
// codebooks/us-japan.yaml), so both tools scan the same text for comparable words.
import { parse } from 'yaml';

/**
 * The literal word runs of one pattern: its syntax (gaps, alternatives, groups, inflection
 * markers, regex operators) cuts it into runs of plain words; each alternative gives its longest run.
 *
 * @example
 * literalRuns('benefits ...3 one way') // → ['benefits']  ('one way' is shorter in characters)
 * literalRuns('free ride~') // → ['free ride']
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
      // `word~` (any ending) keeps its stem: the stem is a literal the matcher must find.
      .replace(/([A-Za-z])~(?=\s|$)/g, '$1')
      // Anything with syntax in it is not literal: groups, classes, inflection braces, escapes, quantifiers, gaps.
      .replace(/\\[a-zA-Z]/g, ' \u0000 ')
      .replace(/[A-Za-z']*(?:\([^)]*\)|\[[^\]]*\]|\{[^}]*\})[A-Za-z']*|\S*[~*+?^$\\|<>]\S*|\.{2,}\d*|…\d*|_+/g, ' \u0000 ')
      .split('\u0000')
      .map((r) => r.replace(/\s+/g, ' ').trim())
      .filter((r) => /^[A-Za-z][A-Za-z' .,-]*$/.test(r) && r.replace(/[^A-Za-z]/g, '').length >= 2);
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

/** Every English pattern string in a parsed codebook: the strings listed under any `en:` key. */
function englishPatterns(node, inEnglish, out) {
  if (typeof node === 'string') {
    if (inEnglish) out.push(node);
  } else if (Array.isArray(node)) {
    for (const x of node) englishPatterns(x, inEnglish, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'ja') continue;
      // In an object pattern, only its pattern text counts (not ids, notes or labels).
      if (inEnglish && typeof v === 'string' && !['pattern', 'match', 'text', 're', 'regex', 'words', 'phrase'].includes(k)) continue;
      englishPatterns(v, inEnglish || k === 'en', out);
    }
  }
  return out;
}

/**
 * The distinct literal English phrases of a codebook's YAML text — side cues, attribution,
 * negation, tone and code patterns: everything the coder scans English sentences for — one per
 * line for `rg -F -f`.
 *
 * @example
 * codebookPhrases(readFileSync('codebooks/us-japan.yaml', 'utf8')).length // → several hundred phrases
 */
export function codebookPhrases(yamlText) {
  const patterns = englishPatterns(parse(yamlText), false, []);
  const seen = new Set();
  for (const p of patterns) for (const run of literalRuns(p)) seen.add(run);
  return [...seen].sort();
}
