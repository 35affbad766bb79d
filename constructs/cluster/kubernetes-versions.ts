/**
 * Kubernetes versions this project deploys on EKS, each with the managed add-on versions
 * pinned for it. A version is listed only while it is in EKS *standard* support (extended
 * support costs six times the control-plane price and only buys time), and only with
 * add-on builds known to resolve for it, so a config can never name a version whose
 * add-ons would fail at apply time.
 *
 * Sources (November 2026): EKS version calendar (1.35 released 2026-01-28, standard
 * support to 2027-03-27; 1.36 released mid-2026, standard support to mid-2027) and
 * add-on versions as `aws eks describe-addon-versions` resolved them for real clusters of
 * each version. The seeds' 1.28 left extended support in November 2025 and cannot be
 * created any more; 1.34 leaves standard support on 2026-12-02, so neither is offered.
 *
 * Upgrading: add the next version with its add-on builds, move dev to it, then staging,
 * then production, one minor version at a time (EKS cannot skip minors), and drop the
 * oldest entry once no environment uses it.
 */

/** Names of the managed add-ons every cluster installs. */
export const MANAGED_ADDONS = [
  "vpc-cni",
  "kube-proxy",
  "coredns",
  "eks-pod-identity-agent",
  "aws-ebs-csi-driver",
] as const;

/** One of {@link MANAGED_ADDONS}. */
export type ManagedAddonName = (typeof MANAGED_ADDONS)[number];

/** What the project knows about one Kubernetes minor version on EKS. */
export interface KubernetesVersionInfo {
  /** Last day of EKS standard support (ISO date), for upgrade planning. */
  readonly endOfStandardSupport: string;
  /** Pinned add-on build for each managed add-on. */
  readonly addons: Readonly<Record<ManagedAddonName, string>>;
}

/** Supported Kubernetes versions, oldest first. */
export const KUBERNETES_VERSIONS: Readonly<Record<string, KubernetesVersionInfo>> = {
  "1.35": {
    endOfStandardSupport: "2027-03-27",
    addons: {
      "vpc-cni": "v1.22.4-eksbuild.3",
      "kube-proxy": "v1.35.3-eksbuild.29",
      coredns: "v1.13.2-eksbuild.31",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
      "aws-ebs-csi-driver": "v1.64.0-eksbuild.1",
    },
  },
  "1.36": {
    endOfStandardSupport: "2027-08-31",
    addons: {
      "vpc-cni": "v1.22.4-eksbuild.3",
      "kube-proxy": "v1.36.0-eksbuild.21",
      coredns: "v1.14.3-eksbuild.16",
      "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
      "aws-ebs-csi-driver": "v1.63.1-eksbuild.1",
    },
  },
};

/** Supported version names, oldest first. */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = Object.keys(KUBERNETES_VERSIONS);

/** The newest supported version: the default for new clusters. */
export const LATEST_KUBERNETES_VERSION: string =
  SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1];

/** Why a version is not accepted and how to fix it, or `undefined` when it is supported. */
export function unsupportedKubernetesVersion(
  version: string,
): { readonly message: string; readonly fix: string } | undefined {
  if (Object.hasOwn(KUBERNETES_VERSIONS, version)) return undefined;
  const [major, minor] = version.split(".").map(Number);
  const [, oldestMinor] = SUPPORTED_KUBERNETES_VERSIONS[0].split(".").map(Number);
  const tooOld = major === 1 && Number.isInteger(minor) && minor < oldestMinor;
  const message = tooOld
    ? `Kubernetes ${version} is out of EKS standard support (extended support costs 6x and ends in forced upgrades)`
    : `Kubernetes ${JSON.stringify(version)} is not a version this project has pinned add-ons for`;
  const supported = SUPPORTED_KUBERNETES_VERSIONS.join(", ");
  return { message, fix: `use one of ${supported} (newest: ${LATEST_KUBERNETES_VERSION})` };
}

/** {@link unsupportedKubernetesVersion} as one sentence with its fix (config validation), or `undefined`. */
export function unsupportedKubernetesVersionReason(version: string): string | undefined {
  const problem = unsupportedKubernetesVersion(version);
  return problem && `${problem.message}. Fix: ${problem.fix}`;
}
