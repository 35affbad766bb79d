import { z } from "zod";
import { RULE_IDS } from "../../contracts/rule-ids";
import { didYouMean } from "../../contracts/suggest";
import { isIsoDate, MIN_REASON_LENGTH, RULE_ID_PATTERN } from "../../contracts/suppressions";

/** The message for an `expires` that is not a real YYYY-MM-DD date (the suppression contract's date rule). */
const notADate = (issue: { readonly input?: unknown }) =>
  `${JSON.stringify(issue.input)} is not a date. Fix: write it as YYYY-MM-DD`;

/**
 * One config-level policy suppression: a reviewed exception to one rule for one
 * resource of this environment's stacks, reported on every run.
 */
export const PolicySuppressionSchema = z.strictObject({
  /** The rule id, e.g. `DP-S3-ACCESS-LOGGING`. */
  ruleId: z
    .string()
    .regex(RULE_ID_PATTERN, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a rule id. ` +
        'Fix: copy the id from the policy report, e.g. "DP-S3-ACCESS-LOGGING"',
    })
    .refine((id) => RULE_IDS.includes(id), {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a rule of the policy packs${didYouMean(issue.input, RULE_IDS) || "."} ` +
        "Fix: copy the id from the policy report (npm run policy -- --catalog lists every rule)",
    }),
  /** A resource address (`aws_s3_bucket.state_bucket_803B4E61`), a prefix of it or of the logical id, or `stack`. */
  resource: z.string().min(1, { error: 'name the resource: its address, a logical id prefix, or "stack"' }),
  /**
   * The one stack of this environment it covers (`production-eu-west-1-cluster`).
   * @default - every stack of the environment
   */
  stack: z
    .string()
    .regex(/^[a-z0-9-]+$/, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a stack name. Fix: copy it from the policy report`,
    })
    .optional(),
  /** Why the finding is acceptable here. */
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, {
      error: `say why the finding is acceptable in at least ${MIN_REASON_LENGTH} characters`,
    }),
  /** ISO date after which the suppression is an error. @default - never expires */
  expires: z.string({ error: notADate }).refine(isIsoDate, { error: notADate }).optional(),
});

/** Policy-as-code settings of an environment. */
export const PoliciesSchema = z.strictObject({
  /** Reviewed exceptions to policy rules. @default [] */
  suppressions: z.array(PolicySuppressionSchema).default([]),
});

/** Parsed policy settings. */
export type PoliciesConfig = z.output<typeof PoliciesSchema>;
