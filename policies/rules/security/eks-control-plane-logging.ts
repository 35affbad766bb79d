import { resourcesOf } from "../../lib/stack";
import { strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Control plane log types every cluster must ship (who did what to the API, and with which identity). */
const REQUIRED_EKS_LOG_TYPES = ["api", "audit", "authenticator"] as const;

/** Every EKS cluster ships api, audit and authenticator logs to CloudWatch. */
export const eksControlPlaneLogging: StackCheck = (stack) =>
  resourcesOf(stack, "aws_eks_cluster").flatMap((cluster): Violation[] => {
    const enabled = strings(cluster.values.enabled_cluster_log_types);
    const missing = REQUIRED_EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
    return missing.length === 0
      ? []
      : [
          {
            address: cluster.address,
            message: `enabled_cluster_log_types lacks ${missing.join(", ")} (has [${enabled.join(", ")}])`,
          },
        ];
  });
