import { loadEnvironment, parseEnvironment } from "../../environments";
import { regionLinks } from "../../naming/derived";
import { CLUSTER_OUTPUTS } from "../../stacks/cluster-outputs";
import { buildStacks, cloneInput, resourcesOf, valuesOf } from "../helpers";

describe("ClusterStack", () => {
  const all = buildStacks(["dev", "production"]);
  const prod = all.json("production-sa-east-1-cluster");

  it("exports every output of the cluster contract, each described", () => {
    expect(Object.keys(prod.output ?? {}).sort()).toEqual(Object.values(CLUSTER_OUTPUTS).sort());
    expect(Object.values(prod.output ?? {}).every((o) => (o.description ?? "").length > 0)).toBe(true);
  });

  it("holds Karpenter's AWS side: interruption queue and rules, node role with access entry, controller role", () => {
    expect(valuesOf(prod, "aws_sqs_queue")).toEqual([
      expect.objectContaining({ name: "plataforma-production-sa-east-1", sqs_managed_sse_enabled: true }),
    ]);
    expect(valuesOf(prod, "aws_cloudwatch_event_rule")).toHaveLength(5);
    expect(valuesOf(prod, "aws_eks_access_entry").filter((e) => e.type === "EC2_LINUX")).toHaveLength(1);
    const roles = valuesOf(prod, "aws_iam_role").map((r) => r.name);
    expect(roles).toEqual(
      expect.arrayContaining([
        "plataforma-production-sa-east-1-karpenter",
        "plataforma-production-sa-east-1-karpenter-node",
      ]),
    );
  });

  it("turns on zonal shift on the cluster and node auto-repair on every managed node group", () => {
    expect(valuesOf(prod, "aws_eks_cluster")[0].zonal_shift_config).toEqual({ enabled: true });
    const groups = valuesOf(prod, "aws_eks_node_group");
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.node_repair_config).toEqual({ enabled: true });
  });

  it("nodeAutoscaler none: no Karpenter resources", () => {
    const input = cloneInput("dev");
    const region = (input.regions as Record<string, { cluster: Record<string, unknown> }>)["sa-east-1"];
    region.cluster.nodeAutoscaler = "none";
    const json = buildStacks([parseEnvironment(input)]).json("dev-sa-east-1-cluster");
    expect(valuesOf(json, "aws_sqs_queue")).toEqual([]);
  });

  it("exports the OIDC issuer without its scheme", () => {
    expect(String(prod.output?.[CLUSTER_OUTPUTS.oidcIssuer].value)).toMatch(
      /^\$\{replace\(aws_eks_cluster\.[^)]*issuer, "https:\/\/", ""\)\}$/,
    );
  });

  it("reads the VPC and private subnets from the region's network stack, with placeholders", () => {
    const remote = prod.data?.terraform_remote_state ?? {};
    expect(Object.keys(remote)).toHaveLength(1);
    const [state] = Object.values(remote);
    expect(state).toMatchObject({
      backend: "local",
      config: { path: "../../../terraform-state/production-sa-east-1-network.tfstate" },
    });
    const [cluster] = valuesOf(prod, "aws_eks_cluster");
    const subnets = (cluster.vpc_config as { subnet_ids: string[] }).subnet_ids;
    expect(subnets).toHaveLength(3);
    subnets.forEach((s, i) => {
      expect(s).toMatch(
        new RegExp(`element\\(data\\.terraform_remote_state\\..*\\.outputs\\.private_subnet_ids, ${i}\\)`),
      );
    });
  });

  it("uses only the AWS provider", () => {
    expect(Object.keys(prod.terraform.required_providers ?? {})).toEqual(["aws"]);
  });

  it("names the cluster as the network stack tags the subnets for load balancer discovery", () => {
    expect(valuesOf(prod, "aws_eks_cluster")[0].name).toBe("plataforma-production-sa-east-1");
    const subnets = valuesOf(all.json("production-sa-east-1-network"), "aws_subnet") as {
      tags: Record<string, string>;
    }[];
    expect(subnets.some((s) => s.tags["kubernetes.io/cluster/plataforma-production-sa-east-1"] === "shared")).toBe(
      true,
    );
  });

  it("passes configured add-on overrides to the cluster", () => {
    const input = cloneInput("dev");
    input.regions["sa-east-1"]!.cluster!.addonVersions = { coredns: "v1.14.3-eksbuild.20" };
    const json = buildStacks([parseEnvironment(input)]).json("dev-sa-east-1-cluster");
    expect(valuesOf(json, "aws_eks_addon").find((a) => a.addon_name === "coredns")?.addon_version).toBe(
      "v1.14.3-eksbuild.20",
    );
  });

  it("builds the configured node groups: dev main on-demand, modules Spot and tainted", () => {
    const groups = Object.fromEntries(
      valuesOf(all.json("dev-sa-east-1-cluster"), "aws_eks_node_group").map((g) => [
        String(g.node_group_name_prefix),
        g,
      ]),
    );
    expect(groups["main-"]).toMatchObject({
      capacity_type: "ON_DEMAND",
      instance_types: ["t3.medium"],
      scaling_config: { min_size: 2, desired_size: 2, max_size: 4 },
    });
    expect(groups["modules-"]).toMatchObject({
      capacity_type: "SPOT",
      taint: [{ key: "workload", value: "modules", effect: "NO_SCHEDULE" }],
      labels: { role: "modules" },
    });
  });
});

describe("GlobalNetworkStack", () => {
  const all = buildStacks(["dev", "staging", "production"]);
  const json = all.json("production-global-network");

  it("exists only for environments with links", () => {
    const names = all.stacks.map((s) => s.node.id);
    expect(names).toEqual(expect.arrayContaining(["production-global-network", "staging-global-network"]));
    expect(names).not.toContain("dev-global-network");
    expect(regionLinks(loadEnvironment("dev"))).toEqual([]);
  });

  it("is registered after the environment's network stacks and before its cluster stacks", () => {
    const names = all.stacks.map((s) => s.node.id).filter((n) => n.startsWith("production-"));
    const global = names.indexOf("production-global-network");
    expect(names.slice(0, global).every((n) => n.endsWith("-network"))).toBe(true);
    const clusters = names.filter((n) => n.endsWith("-cluster")).map((n) => names.indexOf(n));
    expect(clusters.length).toBe(3);
    expect(clusters.every((i) => i > global)).toBe(true);
  });

  it("peers the three production regions in a full mesh, with the primary's provider as default", () => {
    const connections = valuesOf(json, "aws_vpc_peering_connection").map(
      (c) => `${String(c.provider)}->${String(c.peer_region)}`,
    );
    expect(connections.sort()).toEqual(["aws->eu-west-1", "aws->us-east-1", "aws.us-east-1->eu-west-1"]);
    expect(json.provider?.aws.map((p) => p.alias ?? p.region)).toEqual(["sa-east-1", "us-east-1", "eu-west-1"]);
  });

  it("routes only private and database tables (3 zones + 1 per side) and only to the peer VPC block", () => {
    const routes = valuesOf(json, "aws_route");
    expect(routes).toHaveLength(3 * 2 * 4);
    const blocks = new Set(["10.30.0.0/16", "10.31.0.0/16", "10.32.0.0/16"]);
    expect(routes.every((r) => blocks.has(String(r.destination_cidr_block)))).toBe(true);
    expect(routes.some((r) => String(r.route_table_id).includes("public"))).toBe(false);
    expect(routes.filter((r) => String(r.route_table_id).includes("database_route_table_id"))).toHaveLength(6);
  });

  it("reads each region's network outputs once", () => {
    expect(Object.keys(json.data?.terraform_remote_state ?? {})).toHaveLength(3);
  });

  it("exports one peering connection id per link", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      "peering_sa_east_1__eu_west_1",
      "peering_sa_east_1__us_east_1",
      "peering_us_east_1__eu_west_1",
    ]);
    expect(Object.keys(resourcesOf(json, "aws_vpc_peering_connection_accepter"))).toHaveLength(3);
  });
});
