/** Code roles, in a module of their own so that readers of stored codebooks (`query.ts`) need neither zod nor the matcher. */
/**
 * What a code is to the coder's structural rules, so that they follow the codebook's own ids (a codebook with other ids
 * names the same roles). At most one code holds each role; a role no code holds turns its rules off.
 * - `abandonment`: the fear that the ally will not stand by its commitment ("Washington might not defend Japan" raises it;
 *   the ally's commitment named under a denial negates it);
 * - `reassurance`: the ally's pledge (rule 7: in Japanese it is negated only when noted as absent; a denied abandonment
 *   inside the ally's promise raises it);
 * - `call`: a call to assert or equalise (rule 9: reported, it still judges the relationship; "not anti-American, but…"
 *   introduces it rather than denying it);
 * - `demand`: pressure to do more (rule 12: a plain demand only reported lends no tone);
 * - `imbalance`: benefits flowing one way (an answer that the host pays denies it);
 * - `passing`: the ally's ties with a third party sidelining Japan (rule 8: beside a code the rules raised, the learned
 *   model adds it only where a third party is named).
 */
export const CODE_ROLES = ['abandonment', 'reassurance', 'call', 'demand', 'imbalance', 'passing'] as const;
export type CodeRole = (typeof CODE_ROLES)[number];
