/**
 * What a rule says when the stack's context lacks a field it needs. The gate has two
 * audiences: a project calling `checkApp` passes the context itself, while this
 * repository's gate derives it from the environment config, so the fix names both.
 */
import type { StackContext } from "../types";

/**
 * The message of a finding that fails closed because `fields` of the stack's context are
 * missing: which fields (as `context.<field>`), what cannot be checked, and the fix.
 */
export function missingContext(fields: readonly (keyof StackContext)[], unchecked: string): string {
  const named = fields.map((field) => `context.${field}`).join(" and ");
  return (
    `the stack's ${named} ${fields.length === 1 ? "is" : "are"} not set, so ${unchecked} (fails closed). ` +
    `Fix: pass ${named} in checkApp's options.context; this repository's gate sets it from the stack's ` +
    "environment config (npm run policy -- --env <name>)"
  );
}

/** The fields among `fields` that the stack's context leaves undefined, in the order given. */
export function absentFields(
  context: StackContext | undefined,
  fields: readonly (keyof StackContext)[],
): (keyof StackContext)[] {
  return fields.filter((field) => context?.[field] === undefined);
}
