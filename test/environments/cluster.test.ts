import { instanceType } from "../../constructs/cluster/instance-types";
import { loadEnvironment, parseEnvironment } from "../../environments";
import type { EnvironmentInput } from "../../environments/schema";
import { cloneInput, problemsOf } from "../helpers";

type Cluster = NonNullable<NonNullable<EnvironmentInput["regions"]["sa-east-1"]>["cluster"]>;

/** A shipped environment with one region's cluster (or network) edited. */
function withCluster(
  env: "dev" | "staging" | "production",
  region: string,
  edit: (cluster: Cluster) => void,
): EnvironmentInput {
  const input = cloneInput(env);
  edit(input.regions[region as "sa-east-1"]!.cluster!);
  return input;
}

const loadEnvironmentFrom = (input: unknown) => parseEnvironment(input, "test");
const paths = (input: unknown) => problemsOf(input).map((p) => p.path);
const messageAt = (input: unknown, path: string) => problemsOf(input).find((p) => p.path === path)?.message ?? "";

describe("cluster config", () => {
  it("every region of every shipped environment has a valid cluster on a supported version", () => {
    for (const name of ["dev", "staging", "production"]) {
      for (const region of Object.values(loadEnvironment(name).regions))
        expect(region.cluster?.kubernetesVersion).toBe("1.36");
    }
  });

  it("applies defaults: all log types, 90 days, 172.20.0.0/16, private endpoint, ON_DEMAND, 50 GiB", () => {
    const cluster = loadEnvironment("staging").regions["sa-east-1"].cluster!;
    expect(cluster.logTypes).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    expect(cluster.logRetentionDays).toBe(90);
    expect(cluster.serviceIpv4Cidr).toBe("172.20.0.0/16");
    expect(cluster.endpoint).toEqual({ publicAccessCidrs: [], privateAccessCidrs: ["10.20.0.0/16"] });
    expect(cluster.nodeGroups.main).toMatchObject({ capacityType: "ON_DEMAND", diskSizeGiB: 50, taints: {} });
  });

  it(
    "sizes follow the seeds: production m5.xlarge-class " + "main 3-10 and c5.large-class modules 2-20 in the primary",
    () => {
      const primary = loadEnvironment("production").regions["sa-east-1"].cluster!.nodeGroups;
      expect(primary.main).toMatchObject({
        minSize: 3,
        desiredSize: 3,
        maxSize: 10,
        instanceTypes: ["m6i.xlarge", "m5.xlarge"],
      });
      expect(primary.modules).toMatchObject({
        minSize: 2,
        maxSize: 20,
        instanceTypes: ["c6i.large", "c5.large"],
        labels: { role: "modules" },
        taints: { workload: { value: "modules", effect: "NoSchedule" } },
      });
      expect(Math.min(...primary.main.instanceTypes.map((t) => instanceType(t)!.vcpu)) * primary.main.minSize).toBe(12);
      const dev = loadEnvironment("dev").regions["sa-east-1"].cluster!.nodeGroups;
      expect(dev.main.instanceTypes).toEqual(["t3.medium"]);
      expect(dev.modules).toMatchObject({ capacityType: "SPOT", instanceTypes: ["t3.large", "t3a.large"] });
    },
  );

  it("the DR region runs smaller than the primary but may grow as large", () => {
    const env = loadEnvironment("production");
    const primary = env.regions["sa-east-1"].cluster!.nodeGroups;
    const dr = env.regions["us-east-1"].cluster!.nodeGroups;
    expect(dr.main.desiredSize).toBeLessThan(primary.main.desiredSize);
    expect(dr.main.maxSize).toBe(primary.main.maxSize);
    expect(dr.modules.maxSize).toBe(primary.modules.maxSize);
  });

  it("fails when a node group's minSize is above its maxSize", () => {
    const input = withCluster("production", "sa-east-1", (c) => {
      c.nodeGroups.main.minSize = 12;
      c.nodeGroups.main.desiredSize = 12;
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups.main.minSize")).toMatch(
      /minSize 12 above maxSize 10\. Fix: make minSize <= maxSize/,
    );
  });

  it("fails when desiredSize is outside [min, max]", () => {
    const input = withCluster("production", "sa-east-1", (c) => {
      c.nodeGroups.modules.desiredSize = 1;
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups.modules.desiredSize")).toMatch(
      /desiredSize 1 outside \[2, 20\]/,
    );
  });

  it("fails when the node groups may outgrow the region's node quota", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.maxNodesPerRegion = 8;
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.maxNodesPerRegion")).toMatch(
      /may grow to 14 nodes \(sum of maxSize\) but maxNodesPerRegion is 8\. Fix:/,
    );
  });

  it("fails for an unknown instance type family, naming the known ones", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.nodeGroups.modules.instanceTypes = ["t3.large", "x7q.large"];
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups.modules.instanceTypes.1")).toMatch(
      /unknown family "x7q"\. Fix: use one of the families .*t3/,
    );
  });

  it("fails when a group lists an instance type twice", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.nodeGroups.main.instanceTypes = ["t3.medium", "t3.medium"];
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups.main.instanceTypes")).toMatch(
      /lists an instance type twice/,
    );
  });

  it("fails for mixed architectures in one group", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.nodeGroups.main.instanceTypes = ["t3.medium", "m7g.large"];
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups.main.instanceTypes")).toMatch(
      /mixes x86_64 and arm64/,
    );
  });

  it("fails when peered regions' VPC blocks overlap", () => {
    const input = cloneInput("staging");
    input.regions["us-east-1"]!.network.vpcCidr = "10.20.0.0/17";
    const problems = problemsOf(input);
    expect(problems.find((p) => p.path === "regions.sa-east-1.network.peerRegions.0")?.message).toMatch(
      /cannot peer sa-east-1 \(10\.20\.0\.0\/16\) with us-east-1 \(10\.20\.0\.0\/17\): the blocks overlap/,
    );
  });

  it(
    "fails when production opens the public endpoint to 0.0.0.0/0; " + "other tiers may (config rule, not construct)",
    () => {
      const prod = withCluster("production", "eu-west-1", (c) => {
        c.endpoint = { publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] };
      });
      expect(messageAt(prod, "regions.eu-west-1.cluster.endpoint.publicAccessCidrs.1")).toMatch(
        /production exposes the Kubernetes API to the whole internet with 0\.0\.0\.0\/0\. Fix:/,
      );
      expect(paths(prod)).toHaveLength(1);
      expect(
        problemsOf(
          withCluster("dev", "sa-east-1", (c) => {
            c.endpoint = { publicAccessCidrs: ["0.0.0.0/0"] };
          }),
        ),
      ).toEqual([]);
    },
  );

  it("fails when the private endpoint admits every address, in any tier", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.endpoint = { privateAccessCidrs: ["10.10.0.0/16", "0.0.0.0/0"] };
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.endpoint.privateAccessCidrs.1")).toMatch(
      /admits every address to the private endpoint/,
    );
  });

  it("fails when production keeps control-plane logs under a year (the gate's SEC-LOG-RETENTION-AUDIT)", () => {
    const input = withCluster("production", "us-east-1", (c) => {
      c.logRetentionDays = 180;
    });
    expect(messageAt(input, "regions.us-east-1.cluster.logRetentionDays")).toMatch(
      /at least 365 days .*got 180. Fix: set logRetentionDays to 365 or more/,
    );
    expect(
      problemsOf(
        withCluster("dev", "sa-east-1", (c) => {
          c.logRetentionDays = 7;
        }),
      ),
    ).toEqual([]);
  });

  it("add-on overrides reach the stack; malformed builds and unknown add-ons are refused", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.addonVersions = { coredns: "v1.14.3-eksbuild.20" };
    });
    expect(loadEnvironmentFrom(input).regions["sa-east-1"].cluster!.addonVersions).toEqual({
      coredns: "v1.14.3-eksbuild.20",
    });
    const bad = withCluster("dev", "sa-east-1", (c) => {
      c.addonVersions = { coredns: "latest", "aws-efs-csi-driver": "v1.0.0-eksbuild.1" } as never;
    });
    expect(paths(bad)).toEqual(
      expect.arrayContaining([
        "regions.sa-east-1.cluster.addonVersions.coredns",
        "regions.sa-east-1.cluster.addonVersions.aws-efs-csi-driver",
      ]),
    );
  });

  it("fails for an unsupported Kubernetes version such as the seeds' 1.28", () => {
    const input = withCluster("staging", "us-east-1", (c) => {
      c.kubernetesVersion = "1.28";
    });
    expect(messageAt(input, "regions.us-east-1.cluster.kubernetesVersion")).toMatch(
      /Kubernetes 1\.28 is out of EKS standard support.*Fix: use one of 1\.35, 1\.36/,
    );
  });

  it("fails when required log types are dropped or no admin is configured", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.logTypes = ["api", "scheduler"];
      c.admins = {};
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.logTypes")).toMatch(/missing audit, authenticator/);
    expect(messageAt(input, "regions.sa-east-1.cluster.admins")).toMatch(/no cluster administrator/);
  });

  it("fails when the service range overlaps a VPC of the environment", () => {
    const input = withCluster("staging", "sa-east-1", (c) => {
      c.serviceIpv4Cidr = "10.21.0.0/16";
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.serviceIpv4Cidr")).toMatch(
      /overlaps the VPC block 10\.21\.0\.0\/16 of us-east-1/,
    );
  });

  it("fails for a service range EKS refuses, saying it cannot be changed later", () => {
    const at = "regions.sa-east-1.cluster.serviceIpv4Cidr";
    const set = (cidr: string) =>
      withCluster("staging", "sa-east-1", (c) => {
        c.serviceIpv4Cidr = cidr;
      });
    expect(messageAt(set("100.64.0.0/16"), at)).toMatch(
      new RegExp(
        "service range 100\\.64\\.0\\.0/16 is not inside 10\\.0\\.0\\.0/8, 172\\.16\\.0\\.0/12, 192\\.168\\.0\\.0/16" +
          ".*Fix: .*cannot change it after creation",
      ),
    );
    expect(messageAt(set("172.20.0.0/25"), at)).toMatch(
      /is a \/25; EKS accepts \/12 to \/24\. Fix: use a \/12 to \/24/,
    );
    expect(messageAt(set("172.0.0.0/11"), at)).toMatch(/is not inside/);
    expect(problemsOf(set("192.168.0.0/24"))).toEqual([]);
    expect(problemsOf(set("172.16.0.0/12"))).toEqual([]);
  });

  it("fails for an access entry role of another account (a dev role as production admin)", () => {
    const input = withCluster("production", "sa-east-1", (c) => {
      c.admins.dev = "arn:aws:iam::111111111111:role/plataforma-platform-admin";
      c.viewers = { ...c.viewers, partner: "arn:aws:iam::444444444444:role/readonly" };
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.admins.dev")).toMatch(
      new RegExp(
        "admins entry dev: role arn:aws:iam::111111111111:role/plataforma-platform-admin belongs to account " +
          "111111111111, not this environment's account 333333333333.*Fix: use a role of account 333333333333",
      ),
    );
    expect(messageAt(input, "regions.sa-east-1.cluster.viewers.partner")).toMatch(/belongs to account 444444444444/);
  });

  it("fails when every node group is tainted", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      c.nodeGroups.main.taints = { dedicated: { value: "x", effect: "NoExecute" } };
    });
    expect(messageAt(input, "regions.sa-east-1.cluster.nodeGroups")).toMatch(/every node group is tainted/);
  });

  it("rejects typos and bad values with paths: unknown keys, role ARNs, taint effects", () => {
    const input = withCluster("dev", "sa-east-1", (c) => {
      (c as Record<string, unknown>).nodegroups = {};
      c.admins = { platform: "arn:aws:iam::111111111111:user/alice" };
      c.nodeGroups.modules.taints = { workload: { value: "modules", effect: "NO_SCHEDULE" as never } };
    });
    expect(paths(input)).toEqual(
      expect.arrayContaining([
        "regions.sa-east-1.cluster.nodegroups",
        "regions.sa-east-1.cluster.admins.platform",
        "regions.sa-east-1.cluster.nodeGroups.modules.taints.workload.effect",
      ]),
    );
  });
});

describe("GPU node group (seed 004)", () => {
  it("is accepted when configured: NVIDIA types, tainted, scaled from zero, counted in the quota", () => {
    const input = withCluster("production", "sa-east-1", (c) => {
      c.nodeGroups.gpu = {
        instanceTypes: ["g4dn.xlarge", "g5.xlarge"],
        minSize: 0,
        desiredSize: 0,
        maxSize: 2,
        labels: { role: "gpu" },
        taints: { "nvidia.com/gpu": { value: "true", effect: "NoSchedule" } },
      };
    });
    // Warm standby: the DR region carries every node group of the primary, GPUs included.
    input.regions["us-east-1"]!.cluster!.nodeGroups.gpu = structuredClone(
      input.regions["sa-east-1"]!.cluster!.nodeGroups.gpu!,
    );
    expect(problemsOf(input)).toEqual([]);
    const over = withCluster("production", "sa-east-1", (c) => {
      c.nodeGroups.gpu = { instanceTypes: ["g5.xlarge"], minSize: 0, desiredSize: 0, maxSize: 12 };
    });
    // The quota is the finding here; the DR region's missing gpu group is the warm-standby invariant's.
    expect(paths(over)).toEqual([
      "regions.sa-east-1.cluster.maxNodesPerRegion",
      "regions.us-east-1.cluster.nodeGroups",
    ]);
  });
});

describe("peering config", () => {
  it("production links its three regions in a full mesh, staging its two, dev none", () => {
    const links = (name: string) =>
      Object.entries(loadEnvironment(name).regions).flatMap(([r, c]) => c.network.peerRegions.map((p) => `${r}->${p}`));
    expect(links("production")).toEqual(["sa-east-1->us-east-1", "sa-east-1->eu-west-1", "us-east-1->eu-west-1"]);
    expect(links("staging")).toEqual(["sa-east-1->us-east-1"]);
    expect(links("dev")).toEqual([]);
  });

  it("fails for a peer that is not configured, the region itself, or a link declared on both sides", () => {
    const input = cloneInput("staging");
    input.regions["us-east-1"]!.network.peerRegions = ["sa-east-1", "us-east-1", "eu-west-1"];
    const problems = problemsOf(input);
    expect(problems.map((p) => p.path)).toEqual([
      "regions.us-east-1.network.peerRegions.0",
      "regions.us-east-1.network.peerRegions.1",
      "regions.us-east-1.network.peerRegions.2",
    ]);
    expect(problems[0].message).toMatch(/already declared by sa-east-1/);
    expect(problems[1].message).toMatch(/lists itself/);
    expect(problems[2].message).toMatch(/peer region eu-west-1 is not configured/);
  });

  it("interface endpoints default to the six services and accept only known ones", () => {
    expect(loadEnvironment("production").regions["sa-east-1"].network.interfaceEndpoints).toEqual([
      "ecr.api",
      "ecr.dkr",
      "sts",
      "secretsmanager",
      "logs",
      "s3",
    ]);
    expect(loadEnvironment("dev").regions["sa-east-1"].network.interfaceEndpoints).toEqual([]);
    const input = cloneInput("dev");
    input.regions["sa-east-1"]!.network.interfaceEndpoints = ["ec2" as never];
    expect(paths(input)).toEqual(["regions.sa-east-1.network.interfaceEndpoints.0"]);
  });

  it("fails for an interface endpoint listed twice, at the duplicate (found in review: synth crashed)", () => {
    const input = cloneInput("staging");
    input.regions["sa-east-1"]!.network.interfaceEndpoints = ["sts", "logs", "sts"];
    expect(problemsOf(input)).toEqual([
      {
        path: "regions.sa-east-1.network.interfaceEndpoints.2",
        message:
          'interface endpoint "sts" is already listed at index 0. Fix: list each service once (remove this entry)',
        received: "sts",
      },
    ]);
  });
});

describe("malformed blocks", () => {
  it("are reported by their own schema, never crash the cross-field rules", () => {
    const input = withCluster("production", "sa-east-1", (c) => {
      c.endpoint = { publicAccessCidrs: ["bad"] };
      c.serviceIpv4Cidr = "nope";
    });
    input.regions["us-east-1"]!.network.vpcCidr = "10.31.0.1/16";
    expect(paths(input)).toEqual(
      expect.arrayContaining([
        "regions.sa-east-1.cluster.endpoint.publicAccessCidrs.0",
        "regions.sa-east-1.cluster.serviceIpv4Cidr",
        "regions.us-east-1.network.vpcCidr",
      ]),
    );
  });
});
