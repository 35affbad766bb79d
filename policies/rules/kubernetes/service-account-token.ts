import { workloads } from "../../lib/kubernetes";
import { resourcesOf } from "../../lib/stack";
import { isFalse, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Pods do not mount a Kubernetes API token unless they call the API: workloads set
 * `automount_service_account_token = false` on the pod (the provider and Kubernetes default
 * to true) and service accounts do too. IRSA's projected AWS token is mounted separately.
 */
export const serviceAccountToken: StackCheck = (stack) => [
  ...workloads(stack).flatMap((w): Violation[] =>
    isFalse(w.pod.automount_service_account_token)
      ? []
      : [
          {
            address: w.resource.address,
            message: `pod automount_service_account_token is ${show(w.pod.automount_service_account_token)}`,
          },
        ],
  ),
  ...resourcesOf(stack, "kubernetes_service_account", "kubernetes_service_account_v1").flatMap((sa): Violation[] =>
    isFalse(sa.values.automount_service_account_token)
      ? []
      : [
          {
            address: sa.address,
            message: `automount_service_account_token is ${show(sa.values.automount_service_account_token)}`,
          },
        ],
  ),
];
