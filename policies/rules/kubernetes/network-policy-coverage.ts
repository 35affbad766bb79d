import { namespaceOf, workloads } from "../../lib/kubernetes";
import { resourcesOf } from "../../lib/stack";
import { asObject, block, strings } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** True for a policy selecting every pod (empty pod selector) and denying both directions by default. */
function isDefaultDeny(policy: Resource): boolean {
  const spec = block(policy.values.spec);
  const selector = block(spec?.pod_selector) ?? asObject(spec?.pod_selector);
  const selectsAll =
    spec?.pod_selector !== undefined &&
    Object.keys(selector ?? {}).every((k) => {
      const v = selector?.[k];
      return v === undefined || (Array.isArray(v) && v.length === 0) || Object.keys(asObject(v) ?? {}).length === 0;
    });
  const types = strings(spec?.policy_types);
  return selectsAll && types.includes("Ingress") && types.includes("Egress");
}

function coveredNamespaces(stack: StackView): Set<string> {
  return new Set(
    resourcesOf(stack, "kubernetes_network_policy", "kubernetes_network_policy_v1")
      .filter(isDefaultDeny)
      .map((p) => namespaceOf(stack, p)),
  );
}

/**
 * Every namespace that runs a workload of this stack has a default-deny NetworkPolicy
 * (empty pod selector, Ingress and Egress): pods talk only to what other policies allow.
 */
export const networkPolicyCoverage: StackCheck = (stack) => {
  const covered = coveredNamespaces(stack);
  return workloads(stack)
    .filter((w) => !covered.has(namespaceOf(stack, w.resource)))
    .map(
      (w): Violation => ({
        address: w.resource.address,
        message: `namespace ${namespaceOf(stack, w.resource)} has no default-deny NetworkPolicy (Ingress and Egress)`,
      }),
    );
};
