/**
 * Offline `terraform plan` of the production primary's cluster stack and of the
 * production links, with placeholder upstream network outputs: proves the EKS cluster,
 * both node groups, the managed add-ons and the OIDC provider plan for real against the
 * hashicorp/aws provider, and that the peering plans across three aliased providers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runStacks } from "../../scripts/lib/runner";
import type { SynthesizedStack } from "../../scripts/lib/terraform";
import { quiet, synthesizeOffline } from "./offline-synth";

const selected = ["production-sa-east-1-cluster", "production-global-network"];
const { workDir, stacks } = synthesizeOffline("cluster", ["production"], (s) => selected.includes(s.name));

interface Change {
  type: string;
  name: string;
  change: { actions: string[]; after: Record<string, unknown> };
}

function planned(stack: SynthesizedStack): Change[] {
  return (JSON.parse(readFileSync(join(stack.dir, "plan.json"), "utf8")) as { resource_changes: Change[] })
    .resource_changes;
}

describe("production cluster and links (offline plan)", () => {
  let changes: Record<string, Change[]> = {};

  beforeAll(async () => {
    expect(stacks.map((s) => s.name).sort()).toEqual(["production-global-network", "production-sa-east-1-cluster"]);
    const outcomes = await runStacks(stacks, "plan", 2, true, quiet, workDir);
    expect(outcomes.filter((o) => o.status !== "ok")).toEqual([]);
    changes = Object.fromEntries(stacks.map((s) => [s.name, planned(s)]));
  }, 900_000);

  it("creates the cluster on the pinned version with encrypted secrets and a private endpoint", () => {
    const clusters = changes["production-sa-east-1-cluster"].filter((c) => c.type === "aws_eks_cluster");
    expect(clusters).toHaveLength(1);
    expect(clusters[0].change.actions).toEqual(["create"]);
    expect(clusters[0].change.after).toMatchObject({ name: "plataforma-production-sa-east-1", version: "1.36" });
    expect(
      (clusters[0].change.after.vpc_config as { endpoint_public_access: boolean }[])[0].endpoint_public_access,
    ).toBe(false);
  });

  it("creates both node groups with IMDSv2 launch templates", () => {
    const cluster = changes["production-sa-east-1-cluster"];
    const groups = cluster.filter((c) => c.type === "aws_eks_node_group");
    expect(groups.map((g) => g.change.after.node_group_name_prefix).sort()).toEqual(["main-", "modules-"]);
    expect(groups.every((g) => g.change.actions.join() === "create")).toBe(true);
    const templates = cluster.filter((c) => c.type === "aws_launch_template");
    expect(templates).toHaveLength(2);
    for (const t of templates)
      expect(t.change.after.metadata_options).toEqual([
        expect.objectContaining({ http_tokens: "required", http_put_response_hop_limit: 1 }),
      ]);
  });

  it("plans Karpenter's interruption queue, five EventBridge rules and the node access entry", () => {
    const cluster = changes["production-sa-east-1-cluster"];
    const count = (type: string) => cluster.filter((c) => c.type === type).length;
    expect(count("aws_sqs_queue")).toBe(1);
    expect(count("aws_cloudwatch_event_rule")).toBe(5);
    expect(
      cluster.filter((c) => c.type === "aws_eks_access_entry" && c.change.after.type === "EC2_LINUX"),
    ).toHaveLength(1);
  });

  it("creates the five managed add-ons and the OIDC provider", () => {
    const cluster = changes["production-sa-east-1-cluster"];
    expect(
      cluster
        .filter((c) => c.type === "aws_eks_addon")
        .map((c) => c.change.after.addon_name)
        .sort(),
    ).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const oidc = cluster.filter((c) => c.type === "aws_iam_openid_connect_provider");
    expect(oidc).toHaveLength(1);
    expect(oidc[0].change.after.client_id_list).toEqual(["sts.amazonaws.com"]);
  });

  it("plans three peering links with routes on both sides", () => {
    const links = changes["production-global-network"];
    expect(links.filter((c) => c.type === "aws_vpc_peering_connection")).toHaveLength(3);
    expect(links.filter((c) => c.type === "aws_vpc_peering_connection_accepter")).toHaveLength(3);
    expect(links.filter((c) => c.type === "aws_route")).toHaveLength(24);
    expect(links.every((c) => c.change.actions.join() === "create")).toBe(true);
  });
});
