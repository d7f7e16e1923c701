/**
 * The reader interface: every input format is one `Extractor`, so a new format (PDF, HTML, DOCX)
 * is one new file registered in `index.ts`.
 */
import type { Readable } from 'node:stream';
import type { SourceMap } from '../sources.js';
import type { Doc, Message } from '../types.js';

/** One input as bytes. `path` is what the user gave, or `<stdin>`. */
export interface RawInput {
  path: string;
  bytes: Buffer;
}

/** Options of a read: metadata for documents that lack it, a forced encoding, a directory filter. */
export interface ReadOptions {
  /** Side of documents that do not declare one (the document's own metadata wins). */
  side?: string | null;
  date?: string;
  source?: string;
  /** Force this text encoding instead of detecting it. */
  encoding?: string;
  /** In directories, read only files with these extensions (`txt` or `.txt`). */
  ext?: string[];
  /** A sidecar given with `--sources FILE`: applies to every input, after any folder sidecar. */
  sources?: SourceMap;
}

/** A format reader. */
export interface Extractor {
  /** `txt`, `md`, `jsonl`, `csv` … (also the documents' `meta.format`). */
  name: string;
  /** Lower-case file extensions with the dot, e.g. `['.txt']`. */
  extensions: string[];
  /** Yield documents (or per-item Messages, e.g. a malformed JSONL line) from one input held in memory. */
  extract(input: RawInput, opts: ReadOptions): Iterable<Doc | Message> | AsyncIterable<Doc | Message>;
  /**
   * Optional streaming form for record formats whose files can be gigabytes: read from `open()`
   * without holding the whole file. The walker prefers it for files on disk.
   */
  extractStream?(path: string, open: () => Readable, opts: ReadOptions): AsyncIterable<Doc | Message>;
}
