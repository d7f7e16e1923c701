/** The zod (v4) schema of a codebook YAML file. See `src/codebook/README.md` for the meaning of each field. */
import { z } from 'zod';
import { readingProblem } from './pattern.js';
import { CODE_ROLES } from './roles.js';

const patterns = z.array(z.string());

/** Patterns per language. */
export const langPatterns = z
  .object({
    en: patterns.optional(),
    ja: patterns.optional(),
  })
  .strict();

const side = z
  .object({
    label: z.string().optional(),
    /** Words naming the side's people and institutions (holders of a view). */
    cues: langPatterns,
    /** Phrases that alone put a sentence in this side's voice ("In Washington's eyes"). */
    frames: langPatterns.optional(),
    /** Titles/affiliations in a speaker tag that mark this side (`R-Texas`, 委員). */
    speakers: langPatterns.optional(),
    /** Datelines that make "here" this side (`TOKYO —`, 【北京】). */
    datelines: langPatterns.optional(),
  })
  .strict();

const code = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a code id is lowercase letters, digits and _'),
    label: z.string(),
    description: z.string(),
    /** The tone a raised code lends to its sentence. */
    tone: z.enum(['positive', 'negative', 'neutral']).default('neutral'),
    /** The tone of a denial of this code (rule 13). */
    deniedTone: z.enum(['positive', 'negative', 'neutral']).default('neutral'),
    /** What the code is to the coder's structural rules (`CODE_ROLES`); absent: patterns only. */
    role: z.enum(CODE_ROLES).optional(),
    en: patterns,
    ja: patterns,
    /** Wordings that deny the concern outright: the code goes to `negated`. */
    deny: langPatterns.optional(),
    /** Senses that are not this code: a hit overlapping one is dropped. */
    exclude: langPatterns.optional(),
  })
  .strict();

/**
 * Kana readings of kanji in Japanese patterns (`懸念: けねん`, `見捨: み・す`, `巻: ま(き)`), so that a
 * pattern written in kanji also matches its kana spellings. See "The pattern language".
 */
const readings = z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).superRefine((rec, ctx) => {
  for (const [key, value] of Object.entries(rec)) {
    for (const v of typeof value === 'string' ? [value] : value) {
      const problem = readingProblem(key, v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
    }
  }
});

/** The whole codebook file. */
export const codebookSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    sides: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a side name is lowercase letters, digits and _'), side),
    attribution: z
      .object({
        /** Verbs and predicates that report a view (say, fear, 述べる, との懸念). */
        verbs: langPatterns,
        /** Verbs placed before their holder ("said a senior official"). */
        verbsBefore: langPatterns.optional(),
        /** Nouns naming a view held (worry, complaint, 見方). */
        nouns: langPatterns.optional(),
        /** Verbs whose object holds the view ("rattled Tokyo"). */
        reactions: langPatterns.optional(),
        /** Holders with no side of their own (officials, critics, 専門家). */
        holders: langPatterns.optional(),
        /** Sentence openings that continue the previous unit's reported view (They, 同高官). */
        continuation: langPatterns.optional(),
        /** Words that place the holder on the writer's home side ("back home", 国内). */
        home: langPatterns.optional(),
        /** Speaker tags of an interviewer (Q, 記者) and of an interviewee (A). */
        interviewer: langPatterns.optional(),
        interviewee: langPatterns.optional(),
      })
      .strict(),
    negation: z
      .object({
        /** Cues whose scope runs forward to the clause end (not, no one, never). */
        forward: langPatterns,
        /** Cues whose scope runs back to the clause start (わけではない, does not survive). */
        backward: langPatterns,
        /** Cues noting that a concern was absent (は聞かれなかった, no one raised): tone stays neutral. */
        absence: langPatterns.optional(),
        /** Negative-looking phrases that negate nothing (not only, don't see why). */
        ignore: langPatterns.optional(),
        /** Back-references that dismiss the previous unit's view by themselves ("I'd reject that", そのようなことはございません). */
        dismissals: langPatterns.optional(),
        /** Back-references to a view ("that complaint", その懸念): negated, they negate the previous unit's concerns. */
        anaphora: langPatterns.optional(),
      })
      .strict(),
    tone: z
      .object({
        positive: langPatterns,
        negative: langPatterns,
      })
      .strict(),
    codes: z
      .array(code)
      .min(1)
      .superRefine((codes, ctx) => {
        const holder = new Map<string, string>();
        codes.forEach((c, i) => {
          if (!c.role) return;
          const first = holder.get(c.role);
          if (first !== undefined) ctx.addIssue({ code: 'custom', message: `the role ${c.role} is already held by the code ${first}: at most one code holds each role`, path: [i, 'role'] });
          else holder.set(c.role, c.id);
        });
      }),
    readings: readings.optional(),
    /** A learned model beside the rules (`scripts/train-model.mjs`): a JSON file (gzip-compressed when named `.json.gz`) in the codebook's folder, by relative path. */
    model: z
      .string()
      .regex(/^[^/\\][^\\]*\.json(?:\.gz)?$/u, 'a model is a .json (or gzip-compressed .json.gz) file named relative to the codebook (no absolute path)')
      .refine((v) => !v.split('/').includes('..'), 'a model must stay inside the codebook\'s folder (no "..")')
      .optional(),
  })
  .strict();

/** The parsed codebook file. */
export type CodebookSpec = z.infer<typeof codebookSchema>;
export type CodeSpec = z.infer<typeof code>;
export type LangPatterns = z.infer<typeof langPatterns>;
