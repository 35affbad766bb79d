import { isKubernetes, namespaceOf } from "../../lib/kubernetes";
import { resourcesOf } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Cluster-scoped kinds, which have no namespace. */
const CLUSTER_SCOPED_KINDS = [
  "namespace",
  "cluster_role",
  "cluster_role_binding",
  "storage_class",
  "priority_class",
  "persistent_volume",
  "validating_webhook_configuration",
  "mutating_webhook_configuration",
  "csi_driver",
  "runtime_class",
  "node_taint",
  "labels",
  "annotations",
  "env",
  "config_map_v1_data",
  "manifest",
];
const CLUSTER_SCOPED = new RegExp(`^kubernetes_(${CLUSTER_SCOPED_KINDS.join("|")})(_v1|_v1beta1)?$`);

/**
 * Nothing is deployed to the `default` namespace (explicitly or by leaving the namespace
 * unset): it has no network policy, quota or Pod Security label of its own, and everything
 * there shares one blast radius. Helm releases name their namespace too.
 */
export const defaultNamespace: StackCheck = (stack) => [
  ...stack.resources
    .filter((r) => isKubernetes(r) && !CLUSTER_SCOPED.test(r.type))
    .filter((r) => namespaceOf(stack, r) === "default")
    .map((r) => ({ address: r.address, message: "metadata.namespace is unset or default" })),
  ...resourcesOf(stack, "helm_release").flatMap((r): Violation[] => {
    const ns = r.values.namespace === undefined ? "default" : literalString(r.values.namespace);
    return ns === "default" ? [{ address: r.address, message: "namespace is unset or default" }] : [];
  }),
];
