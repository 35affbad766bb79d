import { resourcesOf } from "../../lib/stack";
import { literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * The oldest Kubernetes minor version still in EKS standard support when this was last
 * reviewed (November 2026; each version gets 14 months). Bump it as versions leave support.
 */
export const OLDEST_SUPPORTED_EKS_VERSION = "1.33";

/** `1.33` -> [1, 33]; undefined for anything else. */
function minor(version: string | undefined): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(version ?? "");
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * EKS clusters pin a Kubernetes version in standard support. Unset fails: EKS would pick
 * its current default, and the cluster would drift to extended support (and its fees) unseen.
 */
export const eksSupportedVersion: StackCheck = (stack) =>
  resourcesOf(stack, "aws_eks_cluster").flatMap((cluster): Violation[] => {
    const version = minor(literalString(cluster.values.version));
    const oldest = minor(OLDEST_SUPPORTED_EKS_VERSION) ?? [0, 0];
    const supported =
      version !== undefined && (version[0] > oldest[0] || (version[0] === oldest[0] && version[1] >= oldest[1]));
    return supported
      ? []
      : [
          {
            address: cluster.address,
            message: `version is ${show(cluster.values.version)}; expected ${OLDEST_SUPPORTED_EKS_VERSION} or newer`,
          },
        ];
  });
