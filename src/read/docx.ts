/**
 * DOCX: Word documents through mammoth, converted to HTML (headings, paragraphs, lists, tables)
 * and then to text with the HTML reader's block rules: each paragraph or heading its own paragraph,
 * each table row one line. Comments, footnote marks and images are left out.
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { newDoc } from './doc.js';
import { nodeText } from './html.js';
import type { Extractor, RawInput, ReadOptions } from './types.js';

/**
 * The text of a DOCX file and its first heading (as title), or messages saying why not.
 *
 * @example
 * const { text, title } = await docxText(bytes, 'memo.docx');
 */
export async function docxText(bytes: Buffer, file: string): Promise<{ text?: string; title?: string; messages: Message[] }> {
  if (bytes.length === 0) return { messages: [makeMessage('read', 'read:empty', 'warning', 'empty, skipped', { file })] };
  // A DOCX is a zip: anything else is not worth handing to the unzipper.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return { messages: [makeMessage('read', 'read:docx-corrupt', 'fatal', 'not a DOCX file (not a zip archive); skipped', { file })] };
  }
  let html: string;
  try {
    // Comments are dropped by mammoth unless mapped; footnote references become links we drop below.
    const r = await mammoth.convertToHtml({ buffer: bytes }, { includeDefaultStyleMap: true, ignoreEmptyParagraphs: true });
    html = r.value;
  } catch (e) {
    return { messages: [makeMessage('read', 'read:docx-corrupt', 'fatal', `corrupt or unreadable DOCX (${String((e as Error)?.message ?? e).split('\n')[0]}); skipped`, { file })] };
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const sel of ['sup', 'img', 'a[href^="#footnote"]', 'a[href^="#endnote"]', 'ol[class], section']) {
    const nodes = document.querySelectorAll(sel);
    for (let i = nodes.length - 1; i >= 0; i--) nodes[i]?.remove();
  }
  // Footnote and endnote bodies come last as a list of ids: dropped with the markers above.
  const notes = document.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]');
  for (let i = notes.length - 1; i >= 0; i--) notes[i]?.remove();
  const title = document.querySelector('h1')?.textContent?.trim();
  const text = nodeText(document.body as never);
  if (text === '') return { messages: [makeMessage('read', 'read:empty', 'warning', 'no text in the document, skipped', { file })] };
  return { text, ...(title ? { title } : {}), messages: [] };
}

async function* extractDocx(input: RawInput, opts: ReadOptions): AsyncIterable<Doc | Message> {
  const r = await docxText(input.bytes, input.path);
  if (r.text === undefined) {
    yield* r.messages;
    return;
  }
  const doc = newDoc(
    {
      id: input.path,
      format: 'docx',
      path: input.path,
      side: opts.side ?? null,
      ...(r.title === undefined ? {} : { title: r.title }),
      ...(opts.date === undefined ? {} : { date: opts.date }),
      ...(opts.source === undefined ? {} : { source: opts.source }),
    },
    r.text,
  );
  doc.messages.push(...r.messages);
  yield doc;
}

/** `.docx`: one document per Word file. */
export const docxExtractor: Extractor = {
  name: 'docx',
  extensions: ['.docx'],
  extract: (input, opts) => extractDocx(input, opts),
};
