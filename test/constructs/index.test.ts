import * as library from "../../constructs";

describe("constructs library", () => {
  it("exposes every domain as a namespace with its constructs", () => {
    expect(Object.keys(library).sort()).toEqual(
      ["cache", "cloudflare", "cluster", "database", "dns", "edge", "iam", "kms", "monitoring", "network", "policy", "state", "storage", "workloads"],
    );
    expect(typeof library.network.RegionalNetwork).toBe("function");
    expect(typeof library.cluster.EksCluster).toBe("function");
    expect(typeof library.cluster.IrsaRole).toBe("function");
    expect(typeof library.workloads.ModuleWorkload).toBe("function");
    expect(typeof library.policy.suppressPolicy).toBe("function");
    // Same-named constructs stay apart in their domains.
    expect(library.edge.AccessLogBucket).not.toBe(library.storage.AccessLogBucket);
  });
});
