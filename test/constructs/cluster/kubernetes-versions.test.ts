import {
  KUBERNETES_VERSIONS,
  LATEST_KUBERNETES_VERSION,
  MANAGED_ADDONS,
  SUPPORTED_KUBERNETES_VERSIONS,
  unsupportedKubernetesVersionReason,
} from "../../../constructs/cluster/kubernetes-versions";

describe("KUBERNETES_VERSIONS", () => {
  it.each(SUPPORTED_KUBERNETES_VERSIONS)("%s pins an EKS build of every managed add-on", (version) => {
    const { addons, endOfStandardSupport } = KUBERNETES_VERSIONS[version];
    expect(Object.keys(addons).sort()).toEqual([...MANAGED_ADDONS].sort());
    for (const build of Object.values(addons)) expect(build).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    expect(endOfStandardSupport).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("pins kube-proxy to the cluster's own minor version", () => {
    for (const version of SUPPORTED_KUBERNETES_VERSIONS)
      expect(KUBERNETES_VERSIONS[version].addons["kube-proxy"]).toMatch(
        new RegExp(`^v${version.replace(".", "\\.")}\\.`),
      );
  });

  it("lists versions oldest first and defaults to the newest", () => {
    const minors = SUPPORTED_KUBERNETES_VERSIONS.map((v) => Number(v.split(".")[1]));
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    expect(LATEST_KUBERNETES_VERSION).toBe("1.36");
  });

  it("refuses the seeds' 1.28 as out of support and unknown versions as unpinned", () => {
    expect(unsupportedKubernetesVersionReason("1.36")).toBeUndefined();
    expect(unsupportedKubernetesVersionReason("1.28")).toMatch(
      /Kubernetes 1\.28 is out of EKS standard support.*Fix: use one of 1\.35, 1\.36/,
    );
    expect(unsupportedKubernetesVersionReason("1.99")).toMatch(
      /"1\.99" is not a version this project has pinned add-ons for/,
    );
  });
});
