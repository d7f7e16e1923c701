/** Types of bench/phrases.mjs, for the TypeScript tests. */
export function literalRuns(pattern: string): string[];
export function codebookPhrases(yamlText: string): string[];
