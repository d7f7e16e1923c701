/**
 * Plain-text and Markdown documents: one document per file, optional YAML front matter, and for
 * Markdown a light removal of syntax so that offsets point into readable prose.
 */
import type { Doc, Message } from '../types.js';
import { decodeBytes } from './decode.js';
import { fieldString, metaFromFields, newDoc, splitFrontMatter } from './doc.js';
import type { Extractor, RawInput, ReadOptions } from './types.js';

/**
 * Remove Markdown syntax lightly: heading marks, emphasis, inline code ticks, links and images
 * (kept as their text), block quotes, list markers, rules, fences and HTML comments. Headings and
 * list items become paragraphs of their own.
 *
 * @example
 * stripMarkdown('# Title\n\nSome **bold** [link](http://x).'); // 'Title\n\nSome bold link.'
 */
export function stripMarkdown(md: string): string {
  const out: string[] = [];
  let inFence = false;
  const text = md.replace(/<!--[\s\S]*?-->/g, '');
  for (const line of text.split(/\r?\n/)) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      out.push('');
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    // A thematic break is a paragraph boundary, not text.
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('');
      continue;
    }
    // Setext underline: the line above was a heading.
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && out.length > 0 && (out[out.length - 1] ?? '').trim() !== '') {
      out.push('');
      continue;
    }
    let l = line.replace(/^\s{0,3}(>\s?)+/, '');
    const heading = /^\s{0,3}#{1,6}\s+/.exec(l);
    const item = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/.exec(l);
    if (heading) l = l.slice(heading[0].length).replace(/\s+#+\s*$/, '');
    else if (item) l = l.slice(item[0].length);
    l = inline(l);
    // Headings and list items stand alone so that cleaning does not unwrap them into the next line.
    if (heading || item) out.push('', l, '');
    else out.push(l);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}

function inline(l: string): string {
  return l
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([^~]*?\S)~~/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
}

function* extractText(format: 'txt' | 'md', input: RawInput, opts: ReadOptions): Iterable<Doc | Message> {
  const decoded = decodeBytes(input.bytes, { encoding: opts.encoding, file: input.path });
  if (decoded.text === undefined) {
    yield* decoded.messages;
    return;
  }
  const { fields, body, messages } = splitFrontMatter(decoded.text, input.path);
  const raw = format === 'md' ? stripMarkdown(body) : body;
  const meta = metaFromFields(fields, opts);
  const id = fieldString(fields.get('id'))?.trim() || input.path;
  const doc = newDoc({ ...meta, id, format, path: input.path, encoding: decoded.encoding }, raw);
  doc.messages.push(...decoded.messages, ...messages);
  yield doc;
}

/** `.txt` files (and any file named explicitly whose extension no reader claims). */
export const txtExtractor: Extractor = {
  name: 'txt',
  extensions: ['.txt', '.text'],
  extract: (input, opts) => extractText('txt', input, opts),
};

/** `.md` / `.markdown` files. */
export const mdExtractor: Extractor = {
  name: 'md',
  extensions: ['.md', '.markdown'],
  extract: (input, opts) => extractText('md', input, opts),
};
