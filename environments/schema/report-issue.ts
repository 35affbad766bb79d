import type { z } from "zod";

/**
 * The one signature of every cross-field rule of the schema (`refine*`): report a problem
 * with its path from the environment root, a message that ends with a `Fix:`, and the
 * value received. Rules report every problem they find; none throws.
 */
export type ReportIssue = (path: (string | number)[], message: string, input: unknown) => void;

/** A {@link ReportIssue} adding each problem to a zod refinement context. */
export function issueReporter(ctx: z.core.$RefinementCtx<unknown>): ReportIssue {
  return (path, message, input) => ctx.addIssue({ code: "custom", path, message, input });
}
