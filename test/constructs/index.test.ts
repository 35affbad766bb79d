import * as library from "../../constructs";

describe("constructs library", () => {
  it("exposes every domain as a namespace with its constructs", () => {
    expect(Object.keys(library).sort()).toEqual([
      "backup",
      "cache",
      "cloudflare",
      "cluster",
      "core",
      "database",
      "dns",
      "edge",
      "iam",
      "kms",
      "monitoring",
      "network",
      "policy",
      "state",
      "storage",
      "workloads",
    ]);
    expect(typeof library.network.RegionalNetwork).toBe("function");
    expect(typeof library.cluster.EksCluster).toBe("function");
    expect(typeof library.cluster.IrsaRole).toBe("function");
    expect(typeof library.workloads.ModuleWorkload).toBe("function");
    expect(typeof library.policy.suppressPolicy).toBe("function");
    expect(typeof library.core.ConstructValidationError).toBe("function");
    // The two log buckets share one base and keep names that say what delivers to them.
    expect(Object.getPrototypeOf(library.edge.CloudFrontLogBucket)).toBe(library.storage.LogBucket);
    expect(Object.getPrototypeOf(library.storage.S3AccessLogBucket)).toBe(library.storage.LogBucket);
  });
});
