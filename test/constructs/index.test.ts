import * as library from "../../constructs";
import * as cloudflare from "../../constructs/cloudflare";
import * as workloads from "../../constructs/workloads";

describe("constructs library", () => {
  it("exposes every AWS domain as a namespace with its constructs", () => {
    expect(Object.keys(library).sort()).toEqual([
      "OPTIONAL_PEER_DOMAINS",
      "backup",
      "cache",
      "cluster",
      "core",
      "database",
      "dns",
      "dr",
      "edge",
      "iam",
      "kms",
      "monitoring",
      "network",
      "policy",
      "state",
      "storage",
    ]);
    expect(typeof library.network.RegionalNetwork).toBe("function");
    expect(typeof library.cluster.EksCluster).toBe("function");
    expect(typeof library.cluster.IrsaRole).toBe("function");
    expect(typeof library.policy.suppressPolicy).toBe("function");
    expect(typeof library.core.ConstructValidationError).toBe("function");
    // The two log buckets share one base and keep names that say what delivers to them.
    expect(Object.getPrototypeOf(library.edge.CloudFrontLogBucket)).toBe(library.storage.LogBucket);
    expect(Object.getPrototypeOf(library.storage.S3AccessLogBucket)).toBe(library.storage.LogBucket);
  });

  it("keeps the optional-peer domains behind their own entry points", () => {
    expect(Object.keys(library.OPTIONAL_PEER_DOMAINS).sort()).toEqual(["cloudflare", "workloads"]);
    expect(typeof workloads.ModuleWorkload).toBe("function");
    expect(typeof cloudflare.ZoneBaseline).toBe("function");
  });
});
