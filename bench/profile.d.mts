/** Types of bench/profile.mjs, for the TypeScript tests. */
export interface ProfileFunction { name: string; file: string; line: number; ms: number; share: number; stage: string }
export interface ProfileSummary {
  totalMs: number;
  functions: ProfileFunction[];
  stages: Array<{ stage: string; ms: number; share: number }>;
  bounds: Record<string, Array<Omit<ProfileFunction, 'stage'>>>;
}
export function stageOf(file: string): string;
export function summariseProfile(path: string, root: string, top?: number): ProfileSummary;
