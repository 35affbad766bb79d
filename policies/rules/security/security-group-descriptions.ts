import { groupRules } from "../../lib/security-groups";
import { resourcesOf } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** What the provider writes when no description is given. */
const PROVIDER_DEFAULT = "Managed by Terraform";

function described(value: unknown): boolean {
  const text = literalString(value)?.trim();
  return text !== undefined ? text !== "" && text !== PROVIDER_DEFAULT : typeof value === "string";
}

/**
 * Security groups and each of their rules say why they exist (`description`): during an
 * incident, an undocumented open port cannot be told from a mistake.
 */
export const securityGroupDescriptions: StackCheck = (stack) => {
  const groups = resourcesOf(stack, "aws_security_group")
    .filter((sg) => !described(sg.values.description))
    .map((sg) => ({ address: sg.address, message: "the security group has no description" }));
  const rules = groupRules(stack)
    .filter((r) => !described(r.description))
    .map((r): Violation => ({ address: r.address, message: `an ${r.direction} rule has no description` }));
  return [...groups, ...rules];
};
