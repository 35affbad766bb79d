import { Aspects, type IAspect, TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { CONSTRUCT_SUPPRESSIONS_KEY, type SuppressionFields, suppressionProblems } from "../../contracts/suppressions";

/**
 * A construct-level suppression: rule id, reason (10+ characters, reviewed like code) and
 * an optional last day (YYYY-MM-DD; never expires by default). The resource is implied by
 * where it is attached.
 */
export type PolicySuppression = SuppressionFields;

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
    const suppressions = node.node.scopes.flatMap((scope) =>
      scope.node.metadata.filter((m) => m.type === METADATA_TYPE).map((m) => m.data as PolicySuppression),
    );
    if (suppressions.length > 0)
      node.addOverride(
        `//.${CONSTRUCT_SUPPRESSIONS_KEY}`,
        suppressions.map((s) => ({ ...s })),
      );
  }
}

/**
 * Suppresses a policy rule for a construct: the resource itself, or every Terraform
 * resource under a higher-level construct. The policy engine reads the suppression from
 * the synthesized JSON and reports it with its reason.
 *
 * @throws when the rule id is malformed, the reason is shorter than 10 characters or
 * `expires` is not a real YYYY-MM-DD date.
 */
export function suppressPolicy(scope: IConstruct, suppression: PolicySuppression): void {
  const problems = suppressionProblems(suppression);
  if (problems.length > 0) {
    const fix = "Fix: name the rule and say why the finding is acceptable here";
    throw new Error(`${scope.node.path}: invalid policy suppression: ${problems.join("; ")}. ${fix}`);
  }
  scope.node.addMetadata(METADATA_TYPE, { ...suppression });
  Aspects.of(scope).add(new SuppressionAspect());
}
