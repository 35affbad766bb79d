import { resourcesOf } from "../../lib/stack";
import { block, isFalse, isTrue, show, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * The EKS API is private, or public only to listed networks. The provider defaults
 * `endpoint_public_access` to true and the CIDRs to 0.0.0.0/0, so silence is a finding.
 */
export const eksPublicEndpoint: StackCheck = (stack) =>
  resourcesOf(stack, "aws_eks_cluster").flatMap((cluster): Violation[] => {
    const vpc = block(cluster.values.vpc_config);
    const publicAccess = vpc?.endpoint_public_access;
    const problems: string[] = [];
    if (!isTrue(vpc?.endpoint_private_access))
      problems.push(
        `endpoint_private_access is ${show(vpc?.endpoint_private_access)} (nodes reach the API over the internet)`,
      );
    if (!isFalse(publicAccess)) {
      const cidrs = vpc?.public_access_cidrs;
      const listed = strings(cidrs);
      if (listed.length === 0 || listed.some((c) => c === "0.0.0.0/0" || c.includes("${"))) {
        problems.push(
          `endpoint_public_access is ${show(publicAccess)} with public_access_cidrs ${show(cidrs)} (open to the ` +
            `internet)`,
        );
      }
    }
    return problems.length > 0 ? [{ address: cluster.address, message: problems.join("; ") }] : [];
  });
