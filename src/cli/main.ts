/**
 * The command line: a thin face over the pipeline, the store, measurement and the reports.
 * Only this folder prints. Every user error is one clear line; exit status 2 for usage errors,
 * 1 when nothing could be done (or `--strict` and something was wrong), else 0.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
// Only light modules load up front; readers, coder, codebook compiler and charts load in the
// commands that use them (`report` starts without pdf.js, exceljs, vega or the pattern compiler).
import type { Codebook } from '../codebook/index.js';
import type { Measurement } from '../measure.js';
import { codebookInfo, filterFor, measureFor, type CodebookInfo, type MeasureQuery } from '../query.js';
import { registerServe } from '../server/command.js';
import type { MappingOptions } from '../import-profile.js';
import { formatMessage, makeMessage } from '../messages.js';
import type { GoldMap } from '../outside.js';
import { Store, type MeasureFilter } from '../store/index.js';
import type { Message } from '../types.js';
import { DEFAULT_THRESHOLD } from '../dedup.js';
import type { SourceMap } from '../sources.js';
import { progressLine } from './progress.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

const FORMATS = ['text', 'json', 'csv', 'md', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** A user error: printed as one line, no stack. */
class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

const VERSION = '0.1.0';

function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

async function resolveCodebook(file: string | undefined, io: Io): Promise<Codebook> {
  const { builtinCodebook, loadCodebook } = await import('../codebook/index.js');
  if (!file) return builtinCodebook();
  if (!existsSync(file)) throw new UserError(`codebook ${file}: no such file`);
  const { codebook, messages } = loadCodebook(readFileSync(file, 'utf8'), file);
  for (const m of messages) if (m.severity !== 'info') io.stderr.write(formatMessage(m) + '\n');
  if (!codebook) throw new UserError(`codebook ${file}: invalid (see the errors above)`);
  return codebook;
}

/**
 * The codebook whose decisions a report reads: the one named (loaded and checked), else the latest
 * used on the store, read once for its names only (no pattern is compiled: it was checked when stored).
 */
async function codebookForStore(store: Store, file: string | undefined, io: Io): Promise<CodebookInfo> {
  if (file) return resolveCodebook(file, io);
  const latest = store.latestCodebook();
  if (!latest) throw new UserError('the store holds no coded documents yet: run `twocities analyze PATH` first', 1);
  const info = codebookInfo(latest.yaml, latest.version);
  if (!info) throw new UserError(`the store's codebook ${latest.version} no longer reads as a codebook`, 1);
  return info;
}

function list(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

interface ReportFlags {
  format?: string;
  by?: string;
  from?: string;
  to?: string;
  docSide?: string;
  source?: string;
  lang?: string;
  authorAsSide?: boolean;
  seed?: string;
  reps?: string;
  output?: string;
  html?: string;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

function checkFormat(f: string | undefined): Format {
  const format = (f ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
  return format;
}

function checkBy(by: string | undefined): 'year' | 'quarter' | 'month' | undefined {
  if (by === undefined) return undefined;
  if (by !== 'year' && by !== 'quarter' && by !== 'month') throw new UserError(`--by must be year, quarter or month (got "${by}")`);
  return by;
}

function measureStore(store: Store, codebook: CodebookInfo, flags: ReportFlags): { m: Measurement; filter: MeasureFilter } {
  const query: MeasureQuery = {
    from: flags.from,
    to: flags.to,
    docSide: list(flags.docSide),
    source: list(flags.source),
    lang: list(flags.lang),
    by: checkBy(flags.by),
    authorAsSide: flags.authorAsSide === true,
    seed: flags.seed === undefined ? undefined : positiveInt(flags.seed, '--seed'),
    reps: flags.reps === undefined ? undefined : positiveInt(flags.reps, '--reps'),
  };
  return { m: measureFor(store, codebook, query), filter: filterFor(codebook.version, query) };
}

async function render(store: Store, codebook: CodebookInfo, m: Measurement, filter: MeasureFilter, format: Format, extraMessages: Message[] = []): Promise<string> {
  const { renderReportAsync } = await import('../report/index.js');
  const folded = store.duplicateCount();
  const formats = [...store.formatCounts()].map(([f, n]) => `${n} ${f}`).join(', ');
  const notes = [...extraMessages];
  if (formats) notes.push(makeMessage('store', 'store:formats', 'info', `documents in the store by format: ${formats}`));
  if (folded > 0) notes.push(makeMessage('store', 'store:near-duplicates', 'info', `${folded} near-duplicates folded: each counted once, its sources linked`));
  const withMessages: Measurement = notes.length ? { ...m, messages: [...m.messages, ...notes] } : m;
  return renderReportAsync(withMessages, format, {
    title: `twocities — ${codebook.name}`,
    evidence: (code: string, voice: string) => store.evidence({ codebook: codebook.version, code, voice, negated: false, limit: 3, filter }),
    lastEvaluation: store.lastEvaluation(codebook.version),
    color: false,
  });
}

type Est = { estimate: number; low: number; high: number };
type Family = { accuracy: Est; kappa: Est; alpha: Est };
type LangFigures = { units: number; voice: Family; tone: Family; raised: { macroF1: number; minF1: number }; negated: { micro: { f1: number } } };

/** The figures the HTML report states for a codebook: labelled, per language, with intervals. */
function evaluationSummary(gold: string, units: number, result: unknown): Record<string, string | number> {
  const r = result as { overall: LangFigures; byLang: Record<string, LangFigures> };
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const ci = (e: Est): string => `${f(e.estimate)} [${f(e.low)}, ${f(e.high)}]`;
  const out: Record<string, string | number> = { gold, units };
  const langs: Array<[string, LangFigures]> = [...Object.entries(r.byLang ?? {}), ['all', r.overall]];
  for (const [lang, x] of langs) {
    if (!x) continue;
    out[`${lang}: units`] = x.units;
    out[`${lang}: voice accuracy`] = ci(x.voice.accuracy);
    out[`${lang}: voice kappa`] = ci(x.voice.kappa);
    out[`${lang}: voice alpha`] = ci(x.voice.alpha);
    out[`${lang}: codes macro-F1 (lowest code F1)`] = `${f(x.raised.macroF1)} (${f(x.raised.minF1)})`;
    out[`${lang}: negated micro-F1`] = f(x.negated.micro.f1);
    out[`${lang}: tone accuracy`] = ci(x.tone.accuracy);
  }
  return out;
}

interface OverlayFlags {
  overlay?: string;
  overlayColumn?: string;
  overlayDate?: string;
  overlayLabel?: string;
  overlayCode?: string;
  overlayVoice?: string;
  lag?: string;
}

/** Set an outside series beside each chosen code's trend; appended to (or, for JSON, merged into) the report. */
async function withOverlay(out: string, m: Measurement, codebook: CodebookInfo, flags: OverlayFlags & ReportFlags, format: Format): Promise<string> {
  const { overlay, overlayChartSvg, overlayJson, parseLag, renderOverlay, seriesFromFlags } = await import('../overlay.js');
  if (!flags.by) throw new UserError('--overlay needs --by year, quarter or month');
  const lag = parseLag(flags.lag);
  if (typeof lag !== 'number') throw new UserError(`--${lag.reason}`);
  const { series, messages } = seriesFromFlags(flags);
  if (!series) throw new UserError(`cannot read the series ${flags.overlay}: ${messages.map((x) => x.reason).join('; ')}`, 1);
  const known = new Set(codebook.codes.map((c) => c.id));
  const codes = list(flags.overlayCode) ?? [...known];
  for (const c of codes) if (!known.has(c)) throw new UserError(`--overlay-code "${c}" is not a code of ${codebook.name}`);
  const results = codes.map((code) => overlay(m, series, { code, ...(flags.overlayVoice ? { voice: flags.overlayVoice } : {}), lag }));
  if (format === 'json') {
    const base = JSON.parse(out) as Record<string, unknown>;
    base.overlay = results.map(overlayJson);
    return JSON.stringify(base, null, 2) + '\n';
  }
  if (format === 'html') {
    // The dashboard's chart (the code's trend by voice, the correlated share, the series on its own axis).
    const charts = await Promise.all(results.map((r) => overlayChartSvg(m, r)));
    const block = `<section id="overlay"><h2>Outside series</h2>${results.map((r, i) => renderOverlay(r, 'html', { svg: charts[i] as string })).join('\n')}</section>`;
    return out.includes('</body>') ? out.replace('</body>', `${block}\n</body>`) : out + block;
  }
  if (format === 'csv') return out;
  return out + '\n' + results.map((r) => renderOverlay(r, format === 'md' ? 'md' : 'text')).join('\n');
}

function addReportOptions(cmd: Command, filters = true): Command {
  cmd.option('--by <period>', 'trend by year, quarter or month (documents with dates)');
  if (filters) {
    cmd
      .option('--from <date>', 'only documents dated on or after this ISO date')
      .option('--to <date>', 'only documents dated on or before this ISO date')
      .option('--doc-side <sides>', 'only documents published on these sides (comma list)')
      .option('--source <sources>', 'only documents from these sources (comma list)')
      .option('--lang <langs>', 'only documents in these languages (comma list: en,ja)');
  }
  return cmd
    .option('--author-as-side', "count the writer's own sentences (author) for their document's side")
    .option('--seed <n>', 'bootstrap seed (default 1: reruns print the same intervals)')
    .option('--reps <n>', 'bootstrap replicates (default 2000)');
}

function openStore(path: string, mustExist: boolean): Store {
  if (mustExist && path !== ':memory:' && !existsSync(path)) throw new UserError(`store ${path}: no such file (run \`twocities analyze PATH --db ${path}\` first)`, 1);
  try {
    return Store.open(path);
  } catch (e) {
    throw new UserError((e as Error).message, 1);
  }
}

/** The column-mapping options of CSV/Excel input, shared by `analyze`, `ingest` and `evaluate --gold-…`. */
function tableOptions(cmd: Command): Command {
  return cmd
    .option('--profile <file>', 'import profile (YAML) mapping CSV/Excel columns; the flags below override it')
    .option('--text-column <name>', 'CSV/Excel column holding the text (default: text)')
    .option('--title-column <name>', 'column holding the title')
    .option('--id-column <name>', 'column holding the document id')
    .option('--source-column <name>', 'column holding the source')
    .option('--side-column <name>', 'column holding the side')
    .option('--lang-column <name>', 'column holding the language')
    .option('--date-column <name>', 'column holding the date (ISO, 2003/12/09, 2003年12月9日, Dec. 9, 2003, 20031209)')
    .option('--date-columns <year,month[,day]>', 'date built from year, month and day columns')
    .option('--source-map <map>', 'rename source values, e.g. "A=Asahi Shimbun,Y=Yomiuri Shimbun"')
    .option('--side-map <map>', 'map side values to sides, e.g. "US=washington,JP=tokyo"')
    .option('--sheet <name>', 'Excel sheet to read (default: the first)');
}

/** Build the command tree. `io` receives all output. */
export function buildProgram(io: Io, state: { exitCode: number }): Command {
  const program = new Command();
  program
    .name('twocities')
    .description('Measure how two sides of a relationship talk about it: voice, concerns, the gap with its uncertainty, and the evidence behind every figure.')
    .version(VERSION)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError(false);

  const printMessages = (messages: Message[], quiet: boolean): void => {
    for (const m of messages) if (!(quiet && m.severity === 'info')) io.stderr.write(formatMessage(m) + '\n');
  };

  const ingestAction = async (paths: string[], flags: Record<string, unknown>, withReport: boolean): Promise<void> => {
    const codebook = await resolveCodebook(flags.codebook as string | undefined, io);
    const { tableFromFlags } = await import('../import-profile.js');
    const { analyzePaths } = await import('../pipeline.js');
    const { shortDocuments } = await import('../overlay.js');
    const side = flags.side as string | undefined;
    if (side !== undefined && !codebook.sides.includes(side)) throw new UserError(`--side "${side}" is not a side of codebook ${codebook.name} (${codebook.sides.join(', ')})`);
    const format = checkFormat(flags.format as string | undefined);
    const table = tableFromFlags(flags as MappingOptions & { profile?: string });
    if (table.messages.some((m) => m.severity === 'fatal')) {
      printMessages(table.messages, false);
      throw new UserError('the column mapping has problems (see above)');
    }
    printMessages(table.messages, true);
    let sources: SourceMap | undefined;
    if (flags.sources !== undefined) {
      const { loadSources } = await import('../sources.js');
      const r = await loadSources(flags.sources as string);
      printMessages(r.messages, false);
      if (!r.map) throw new UserError(`sources ${flags.sources as string}: could not be read (see above)`);
      sources = r.map;
    }
    const nearFlag = flags.nearDuplicates as string | boolean | undefined;
    const nearDuplicates = nearFlag === undefined || nearFlag === false ? false : nearFlag === true ? DEFAULT_THRESHOLD : Number(nearFlag);
    if (nearDuplicates !== false && !(nearDuplicates > 0 && nearDuplicates <= 1)) throw new UserError(`--near-duplicates must be a number above 0 and at most 1 (got "${String(nearFlag)}")`);
    const store = openStore(flags.db as string, false);
    try {
      const bar = progressLine(io.stderr, flags.progress !== false);
      const verbose = flags.verbose === true;
      const summary = await analyzePaths(paths.length ? paths : ['-'], {
        store,
        codebook,
        side,
        date: flags.date as string | undefined,
        source: flags.source as string | undefined,
        encoding: (flags.encoding as string | undefined) ?? table.encoding,
        ...(table.mapping ? { table: table.mapping } : {}),
        ext: list(flags.ext as string | undefined),
        stdin: io.stdin,
        ...(sources ? { sources } : {}),
        nearDuplicates,
        jobs: flags.jobs === undefined ? undefined : positiveInt(flags.jobs as string, '--jobs'),
        onMessage: (m) => {
          if (m.severity !== 'info' || verbose) {
            bar.done();
            io.stderr.write(formatMessage(m) + '\n');
          }
        },
        onProgress: (p) => bar.update(`${p.documents} documents, ${(p.bytes / 1e6).toFixed(1)} MB, ${p.stored} stored, ${p.duplicates} already stored, ${p.skipped} skipped`),
      });
      bar.done();
      const problems = summary.messages.filter((m) => m.severity !== 'info');
      const folded = summary.messages.filter((m) => m.ruleId === 'clean:repeated-paragraph').length;
      const formats = [...summary.formats].map(([f, n]) => `${n} ${f}`).join(', ');
      io.stderr.write(
        `twocities: ${summary.stored} documents stored (${formats || 'none'}), ${summary.sentences} sentences, ` +
          `${summary.duplicates} already stored, ${summary.nearDuplicates} near-duplicates folded, ${summary.skipped} skipped` +
          (folded ? `, ${folded} repeated paragraphs counted once` : '') +
          ` → ${flags.db as string}\n`,
      );
      const sd = shortDocuments(store);
      if (sd.short > 0) io.stderr.write(`twocities: ${sd.short} of ${sd.documents} stored documents have fewer than ${sd.minSentences} sentences (headlines, survey answers): too short for within-document measures\n`);
      if (summary.stored === 0 && summary.duplicates === 0) state.exitCode = 1;
      if (flags.strict === true && problems.length > 0) state.exitCode = 1;
      if (withReport && (summary.stored > 0 || summary.duplicates > 0)) {
        const { m, filter } = measureStore(store, codebook, { by: flags.by, authorAsSide: flags.authorAsSide, seed: flags.seed, reps: flags.reps } as ReportFlags);
        io.stdout.write(await render(store, codebook, m, filter, format));
        if (format === 'text') io.stdout.write('\n');
        const htmlPath = flags.html as string | undefined;
        if (htmlPath) {
          writeFileSync(htmlPath, await render(store, codebook, m, filter, 'html'));
          io.stderr.write(`twocities: HTML report written to ${htmlPath}\n`);
        }
      }
    } finally {
      store.close();
    }
  };

  const ingestOptions = (cmd: Command): Command => {
    cmd
      .option('--db <file>', 'the SQLite store', './twocities.db')
      .option('--side <side>', 'side of documents that do not say (washington, tokyo, other)')
      .option('--date <date>', 'date of documents that do not say (ISO, e.g. 2004-01-15)')
      .option('--source <name>', 'source of documents that do not say')
      .option('--encoding <name>', 'text encoding to use instead of detecting it (utf-8, shift_jis, euc-jp, iso-2022-jp, utf-16le)')
      .option('--ext <list>', 'in directories, read only these extensions (comma list, e.g. txt,md)');
    tableOptions(cmd);
    return cmd
      .option('--codebook <file>', 'a codebook YAML file (default: the built-in us-japan)')
      .option('--jobs <n>', 'coding threads (default: one per core)')
      .option('--sources <file>', 'a sources sidecar (YAML or CSV) mapping paths, URL patterns or domains to side and source')
      .option('--near-duplicates [threshold]', 'fold documents at least this similar to a stored one: stored once, sources linked (MinHash Jaccard; default 0.35)')
      .option('--strict', 'exit with status 1 if any input had a problem')
      .option('--verbose', 'also print informational messages (cleaning changes, duplicates)')
      .option('--no-progress', 'no progress line, even on a terminal');
  };

  addReportOptions(
    ingestOptions(program.command('analyze').description('read, code and store documents, then print the two-sides table of the whole store').argument('[paths...]', 'files, directories, or - for stdin (default: stdin)')),
    false,
  )
    .addOption(new Option('--format <format>', 'output format of the table').choices([...FORMATS]).default('text'))
    .option('--html <file>', 'also write the self-contained HTML report to this file')
    .action(async (paths: string[], flags: Record<string, unknown>) => ingestAction(paths, flags, true));

  ingestOptions(program.command('ingest').description('read, code and store documents without printing a report').argument('[paths...]', 'files, directories, http(s) URLs of feeds or pages, or - for stdin'))
    .action(async (paths: string[], flags: Record<string, unknown>) => ingestAction(paths, flags, false));

  program
    .command('code')
    .description('(re)code every stored document with a codebook; decisions of other codebooks are kept')
    .option('--db <file>', 'the SQLite store', './twocities.db')
    .option('--codebook <file>', 'a codebook YAML file (default: the built-in us-japan)')
    .option('--jobs <n>', 'coding threads (default: one per core)')
    .option('--no-progress', 'no progress line, even on a terminal')
    .action(async (flags: Record<string, unknown>) => {
      const codebook = await resolveCodebook(flags.codebook as string | undefined, io);
      const { recodeStore } = await import('../pipeline.js');
      const store = openStore(flags.db as string, true);
      try {
        const bar = progressLine(io.stderr, flags.progress !== false);
        const jobs = flags.jobs === undefined ? undefined : positiveInt(flags.jobs as string, '--jobs');
        const r = await recodeStore(store, codebook, (n) => bar.update(`${n} documents coded`), jobs === undefined ? {} : { jobs });
        bar.done();
        const rate = r.seconds > 0 ? `, ${(r.bytes / 1e6 / r.seconds).toFixed(1)} MB/s` : '';
        io.stderr.write(`twocities: ${r.documents} documents, ${r.sentences} sentences coded with ${codebook.name} ${codebook.version} in ${r.seconds.toFixed(1)} s${rate}\n`);
      } finally {
        store.close();
      }
    });

  addReportOptions(program.command('report').description('per-side table, gap with confidence interval, trend'))
    .option('--db <file>', 'the SQLite store', './twocities.db')
    .option('--codebook <file>', "read the decisions of this codebook (default: the store's latest)")
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--overlay <file>', 'CSV of an outside series (e.g. a monthly poll) to set beside the codes\' trend (needs --by)')
    .option('--overlay-column <name>', 'the series column, e.g. likestate_us')
    .option('--overlay-date <name>', 'the period column of the series (YYYYMM, YYYY-MM or YYYY)', 'date')
    .option('--overlay-label <text>', 'name of the series in the output (default: the column)')
    .option('--overlay-code <codes>', 'the codes whose trend the series is set beside (comma list; default: every code)')
    .option('--overlay-voice <voice>', 'share among this voice only (default: all sentences)')
    .option('--lag <n>', 'pair the code at period t with the series at period t+n', '0')
    .action(async (flags: ReportFlags & OverlayFlags & { db: string; codebook?: string }) => {
      const format = checkFormat(flags.format);
      const store = openStore(flags.db, true);
      try {
        const codebook = await codebookForStore(store, flags.codebook, io);
        const { m, filter } = measureStore(store, codebook, flags);
        let out = (await render(store, codebook, m, filter, format)) + (format === 'text' ? '\n' : '');
        if (flags.overlay) out = await withOverlay(out, m, codebook, flags, format);
        if (flags.output) writeFileSync(flags.output, out);
        else io.stdout.write(out);
      } finally {
        store.close();
      }
    });

  program
    .command('label')
    .description('JSONL units in (doc, side, text), the same units out with voice, codes, negated, tone')
    .argument('[file]', 'a JSONL file (default: standard input)')
    .option('--codebook <file>', 'a codebook YAML file (default: the built-in us-japan)')
    .option('--evidence', 'include the evidence of each decision')
    .action(async (file: string | undefined, flags: { codebook?: string; evidence?: boolean }) => {
      const codebook = await resolveCodebook(flags.codebook, io);
      const { labelUnits, parseUnits } = await import('../label.js');
      if (file && file !== '-' && !existsSync(file)) throw new UserError(`${file}: no such file`, 1);
      const text = file && file !== '-' ? readFileSync(file, 'utf8') : await readStdin(io.stdin);
      const { units, messages } = parseUnits(text, file ?? '<stdin>');
      printMessages(messages, true);
      const labelled = labelUnits(units, codebook);
      for (const u of labelled) {
        const { evidence, ...rest } = u;
        io.stdout.write(JSON.stringify(flags.evidence ? { ...rest, evidence } : rest) + '\n');
      }
      if (units.length === 0 && messages.length > 0) state.exitCode = 1;
    });

  const evaluateCmd = program
    .command('evaluate')
    .description("agreement with human labels: per-code P/R/F1, voice and tone accuracy, kappa and alpha with intervals; or, with --gold-tone-column/--gold-map, the tone agreement with another project's coding of a CSV/Excel file")
    .argument('<gold>', 'a labelled JSONL file (LABELS.md format), or with --gold-… a CSV/Excel file coded by another project')
    .option('--codebook <file>', 'a codebook YAML file (default: the built-in us-japan)')
    .option('--format <format>', 'text or json', 'text')
    .option('--errors', 'list every wrong decision with its evidence, grouped by label')
    .option('--against <file>', "a second coder's labels of the same units (JSONL, same order; text may be left out; every label family, or only some, e.g. voice alone): agreement between the two coders instead of the tool's")
    .option('--db <file>', 'also record the figures in this store (the HTML report states them)')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--reps <n>', 'bootstrap replicates', '1000')
    .option('--gold-tone-column <name>', 'the outside file\'s column holding a tone (positive, negative, neutral, mixed): compare the tool\'s tone of each row with it')
    .option('--gold-map <file>', 'a gold map (YAML) saying how outside columns give a tone, e.g. cdneg_us=1 → negative (see docs/real-us-tone-map.yaml)')
    .option('--encoding <name>', 'text encoding of the outside file instead of detecting it');
  tableOptions(evaluateCmd)
    .action(async (gold: string, flags: { codebook?: string; format: string; errors?: boolean; against?: string; db?: string; seed: string; reps: string; goldToneColumn?: string; goldMap?: string; encoding?: string } & MappingOptions & { profile?: string }) => {
      if (flags.format !== 'text' && flags.format !== 'json') throw new UserError(`--format must be text or json (got "${flags.format}")`);
      const codebook = await resolveCodebook(flags.codebook, io);
      const { parseUnits } = await import('../label.js');
      const { evaluate, formatEvaluation } = await import('../evaluate.js');
      if (!existsSync(gold)) throw new UserError(`${gold}: no such file`, 1);
      if (flags.goldToneColumn !== undefined || flags.goldMap !== undefined) {
        await evaluateOutside(gold, codebook, flags);
        return;
      }
      const { units, messages } = parseUnits(readFileSync(gold, 'utf8'), gold);
      printMessages(messages, true);
      const complete = units.filter((u): u is typeof u & { voice: string; codes: string[]; negated: string[]; tone: import('../types.js').Tone } =>
        u.voice !== undefined && u.codes !== undefined && u.negated !== undefined && u.tone !== undefined);
      if (complete.length === 0) throw new UserError(`${gold}: no labelled units (each line needs voice, codes, negated and tone)`, 1);
      let against: { file: string; units: import('../label.js').LabelledUnit[]; compared: import('../evaluate.js').LabelFamily[] } | undefined;
      if (flags.against !== undefined) {
        // The store keeps the codebook's measured figures: two coders' agreement is not one.
        if (flags.db) throw new UserError('--against compares two coders; --db records the tool\'s figures: use one or the other', 1);
        if (!existsSync(flags.against)) throw new UserError(`${flags.against}: no such file`, 1);
        const { alignSecondCoder } = await import('../evaluate.js');
        const second = parseUnits(readFileSync(flags.against, 'utf8'), flags.against, { textOptional: true });
        printMessages(second.messages, true);
        const aligned = alignSecondCoder(complete, second.units, flags.against);
        if ('messages' in aligned) {
          printMessages(aligned.messages, true);
          throw new UserError(`${flags.against}: not the gold file's units; nothing compared`, 1);
        }
        against = { file: flags.against, units: aligned.units, compared: aligned.compared };
      }
      const result = evaluate(complete, codebook, { seed: Number(flags.seed), reps: Number(flags.reps), ...(against ? { against } : {}) });
      io.stdout.write(formatEvaluation(result, flags.format as 'text' | 'json', { errors: flags.errors === true }));
      if (flags.db) {
        const store = openStore(flags.db, false);
        try {
          store.putCodebook({ name: codebook.name, version: codebook.version, yaml: codebook.yaml });
          store.putEvaluation(codebook.version, evaluationSummary(gold, complete.length, result));
        } finally {
          store.close();
        }
      }
    });

  /** `evaluate FILE --gold-tone-column C | --gold-map M`: code each outside row and compare tones. */
  const evaluateOutside = async (gold: string, codebook: Codebook, flags: { format: string; seed: string; reps: string; goldToneColumn?: string; goldMap?: string; encoding?: string; errors?: boolean; db?: string } & MappingOptions & { profile?: string }): Promise<void> => {
    if (flags.goldToneColumn !== undefined && flags.goldMap !== undefined) throw new UserError('give --gold-tone-column or --gold-map, not both');
    if (flags.errors || flags.db) throw new UserError('--errors and --db apply to labelled JSONL files, not to an outside coding');
    const { evaluateOutsideTone, loadGoldMap, renderToneAgreement } = await import('../outside.js');
    const { tableFromFlags } = await import('../import-profile.js');
    let map: GoldMap;
    if (flags.goldMap !== undefined) {
      const r = loadGoldMap(flags.goldMap);
      if (!r.map) {
        printMessages(r.messages, false);
        throw new UserError(`gold map ${flags.goldMap}: invalid (see above)`);
      }
      map = r.map;
    } else {
      map = { column: flags.goldToneColumn as string, both: 'mixed', neither: 'neutral' };
    }
    const table = tableFromFlags(flags);
    if (table.messages.some((m) => m.severity === 'fatal')) {
      printMessages(table.messages, false);
      throw new UserError('the column mapping has problems (see above)');
    }
    const r = await evaluateOutsideTone([gold], {
      codebook, map, ...(table.mapping ? { table: table.mapping } : {}),
      ...(flags.encoding ?? table.encoding ? { encoding: (flags.encoding ?? table.encoding) as string } : {}),
      seed: positiveInt(flags.seed, '--seed'), reps: positiveInt(flags.reps, '--reps'),
    });
    printMessages(r.messages, true);
    const fatal = r.messages.find((m) => m.severity === 'fatal');
    if (fatal) throw new UserError(`${gold}: ${fatal.reason}`, 1);
    if (r.rows.compared === 0) throw new UserError(`${gold}: no row carries an outside tone (${r.rows.read} read, ${r.rows.notCoded} not coded, ${r.rows.noValue} without a value, ${r.rows.bad} unreadable)`, 1);
    io.stdout.write(renderToneAgreement(r.agreement, flags.format as 'text' | 'json', r.rows));
  };

  program
    .command('outside-tone')
    .description("agreement of the stored tone with an outside coding kept in the stored documents' columns (flag columns; for a file, prefer `evaluate FILE --gold-map`)")
    .option('--db <file>', 'the SQLite store', './twocities.db')
    .option('--codebook <file>', "the decisions of this codebook (default: the store's latest)")
    .option('--negative <column>', 'outside column flagging negative tone', 'cdneg_us')
    .option('--positive <column>', 'outside column flagging positive tone', 'cdpos_us')
    .option('--train <column>', 'only rows where this column is 1', 'train_us')
    .option('--format <format>', 'text or json', 'text')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--reps <n>', 'bootstrap replicates', '1000')
    .action(async (flags: { db: string; codebook?: string; negative: string; positive: string; train: string; format: string; seed: string; reps: string }) => {
      if (flags.format !== 'text' && flags.format !== 'json') throw new UserError(`--format must be text or json (got "${flags.format}")`);
      const { renderToneAgreement, toneAgreement, tonePairsFromStore } = await import('../outside.js');
      const { goldMapOfFlags } = await import('../overlay.js');
      const store = openStore(flags.db, true);
      try {
        const codebook = await codebookForStore(store, flags.codebook, io);
        const pairs = tonePairsFromStore(store, codebook.version, goldMapOfFlags({ negative: flags.negative, positive: flags.positive, train: flags.train }));
        if (pairs.length === 0) throw new UserError(`no stored document carries the columns ${flags.negative}/${flags.positive} with ${flags.train}=1`, 1);
        const a = toneAgreement(pairs, { seed: positiveInt(flags.seed, '--seed'), reps: positiveInt(flags.reps, '--reps') });
        io.stdout.write(renderToneAgreement(a, flags.format));
      } finally {
        store.close();
      }
    });

  registerServe(program, io, (message) => {
    throw new UserError(message, 1);
  });

  const cb = program.command('codebook').description('validate or print a codebook');
  cb.command('check')
    .description('validate a codebook file: errors with line:column, and quality warnings')
    .argument('<file>', 'codebook YAML file')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new UserError(`${file}: no such file`, 1);
      const { checkCodebook, describeModel, loadCodebook } = await import('../codebook/index.js');
      const text = readFileSync(file, 'utf8');
      const messages = checkCodebook(text, file);
      for (const m of messages) io.stdout.write(formatMessage(m) + '\n');
      // The learned model's training size and cross-validated figures, when the codebook names one.
      const model = /^model:/mu.test(text) ? loadCodebook(text, file).codebook?.model : undefined;
      if (model) for (const line of describeModel(model, text)) io.stdout.write(`${file}: ${line}\n`);
      const errors = messages.filter((m) => m.severity === 'fatal').length;
      const warnings = messages.filter((m) => m.severity === 'warning').length;
      io.stdout.write(`${file}: ${errors} errors, ${warnings} warnings\n`);
      if (errors > 0) state.exitCode = 1;
    });
  cb.command('show')
    .description('print the built-in codebook (YAML)')
    .action(async () => {
      const { builtinCodebook } = await import('../codebook/index.js');
      io.stdout.write(builtinCodebook().yaml);
    });

  return program;
}

/**
 * Run the command line with `argv` (without `node` and the script). Resolves to the exit status.
 *
 * @example
 * process.exitCode = await run(['report', '--format', 'json']);
 */
export async function run(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UserError) {
      io.stderr.write(`twocities: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`twocities: internal error: ${err.message}\n${process.env.TWOCITIES_DEBUG ? (err.stack ?? '') + '\n' : 'set TWOCITIES_DEBUG=1 for details\n'}`);
    return 70;
  }
}
