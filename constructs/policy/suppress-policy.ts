import { Aspects, type IAspect, TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { CONSTRUCT_SUPPRESSIONS_KEY, MIN_REASON_LENGTH } from "../../policies/suppressions";

/** A construct-level suppression: the resource is implied by where it is attached. */
export interface PolicySuppression {
  /** The rule id, e.g. `DP-S3-ACCESS-LOGGING`. */
  readonly ruleId: string;
  /** Why the finding is acceptable here; at least 10 characters, reviewed like code. */
  readonly reason: string;
  /** ISO date (`2027-06-30`) after which the suppression is an error. @default - never expires */
  readonly expires?: string;
}

/** Node metadata type under which suppressions are recorded on the construct tree. */
const METADATA_TYPE = "plataforma:policy-suppression";

/**
 * Writes the suppressions recorded on a resource and its ancestors into the resource's
 * `//` metadata at synth time, so suppressions attached to a parent reach resources
 * added after the call. Idempotent: it rewrites the whole list each visit.
 */
class SuppressionAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const suppressions = node.node.scopes.flatMap((scope) => scope.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as PolicySuppression));
    if (suppressions.length > 0) node.addOverride(`//.${CONSTRUCT_SUPPRESSIONS_KEY}`, suppressions.map((s) => ({ ...s })));
  }
}

/**
 * Suppresses a policy rule for a construct: the resource itself, or every Terraform
 * resource under a higher-level construct. The policy engine reads the suppression from
 * the synthesized JSON and reports it with its reason.
 *
 * @throws when the reason is shorter than 10 characters or `expires` is not an ISO date.
 */
export function suppressPolicy(scope: IConstruct, suppression: PolicySuppression): void {
  const problems: string[] = [];
  if (!/^[A-Z][A-Z0-9-]+$/.test(suppression.ruleId)) problems.push(`ruleId ${JSON.stringify(suppression.ruleId)} is not a rule id such as "DP-S3-ACCESS-LOGGING"`);
  if (suppression.reason.trim().length < MIN_REASON_LENGTH) problems.push(`reason ${JSON.stringify(suppression.reason)} is shorter than ${MIN_REASON_LENGTH} characters`);
  if (suppression.expires !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(suppression.expires) || Number.isNaN(Date.parse(suppression.expires)))) {
    problems.push(`expires ${JSON.stringify(suppression.expires)} is not a date such as "2027-06-30"`);
  }
  if (problems.length > 0) throw new Error(`${scope.node.path}: invalid policy suppression: ${problems.join("; ")}. Fix: name the rule and say why the finding is acceptable here`);
  scope.node.addMetadata(METADATA_TYPE, { ...suppression });
  Aspects.of(scope).add(new SuppressionAspect());
}
