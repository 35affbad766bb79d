import { Testing } from "cdktf";
import { KARPENTER_INTERRUPTION_EVENTS, KarpenterAws } from "../../../constructs/cluster/karpenter-aws";
import { type StackJson, valuesOf } from "../../helpers";

const props = {
  clusterName: "acme-prod-sa-east-1",
  clusterArn: "arn:aws:eks:sa-east-1:123456789012:cluster/acme-prod-sa-east-1",
  accountId: "123456789012",
  region: "sa-east-1",
  oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/X",
  oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/X",
  controllerRoleName: "acme-prod-sa-east-1-karpenter",
  nodeRoleName: "acme-prod-sa-east-1-karpenter-node",
};

type Statement = { Sid: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown };

describe("KarpenterAws", () => {
  const json = JSON.parse(Testing.synthScope((s) => new KarpenterAws(s, "karpenter", props))) as StackJson;

  it("creates an SSE interruption queue named after the cluster that refuses plain HTTP", () => {
    const [queue] = valuesOf(json, "aws_sqs_queue");
    expect(queue).toMatchObject({
      name: "acme-prod-sa-east-1",
      message_retention_seconds: 300,
      sqs_managed_sse_enabled: true,
    });
    const policy = JSON.parse(valuesOf(json, "aws_sqs_queue_policy")[0].policy as string);
    expect(policy.Statement.map((s: Statement) => s.Sid)).toEqual(["EventBridgeWrites", "DenyHTTP"]);
  });

  it("routes spot interruptions, rebalance, state changes, scheduled health events and CR interruptions to it", () => {
    const patterns = valuesOf(json, "aws_cloudwatch_event_rule").map((r) => r.event_pattern as string);
    expect(patterns.sort()).toEqual(
      Object.values(KARPENTER_INTERRUPTION_EVENTS)
        .map((e) => JSON.stringify({ source: [e.source], "detail-type": [e.detailType] }))
        .sort(),
    );
    expect(valuesOf(json, "aws_cloudwatch_event_target")).toHaveLength(5);
  });

  it("gives nodes their own role with an EC2_LINUX access entry", () => {
    const role = valuesOf(json, "aws_iam_role").find((r) => r.name === props.nodeRoleName)!;
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Principal).toEqual({
      Service: "ec2.amazonaws.com",
    });
    expect(valuesOf(json, "aws_eks_access_entry")).toEqual([
      expect.objectContaining({ cluster_name: props.clusterName, type: "EC2_LINUX" }),
    ]);
  });

  it("the controller's IRSA role trusts only kube-system/karpenter and launches only tagged, owned resources", () => {
    const role = valuesOf(json, "aws_iam_role").find((r) => r.name === props.controllerRoleName)!;
    const trust = JSON.parse(role.assume_role_policy as string).Statement[0];
    expect(trust.Condition.StringEquals[`${props.oidcIssuer}:sub`]).toBe("system:serviceaccount:kube-system:karpenter");
    const [inline] = valuesOf(json, "aws_iam_role_policy");
    const statements = JSON.parse(inline.policy as string).Statement as Statement[];
    expect(statements).toHaveLength(18);
    const byId = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(byId.AllowScopedDeletion.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/acme-prod-sa-east-1": "owned" },
      StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
    });
    expect(byId.AllowPassingInstanceRole.Resource).toMatch(/aws_iam_role\.karpenter_node-role_/);
    expect(byId.AllowRegionalReadActions.Condition).toEqual({ StringEquals: { "aws:RequestedRegion": "sa-east-1" } });
    expect(byId.AllowZonalShiftRead).toMatchObject({
      Action: "arc-zonal-shift:GetManagedResource",
      Resource: props.clusterArn,
    });
    // The unscoped statements are the ones AWS offers no resource-level permission for; the gate suppression says so.
    const unscoped = statements.filter((s) => s.Resource === "*").map((s) => s.Sid);
    expect(unscoped).toEqual([
      "AllowRegionalReadActions",
      "AllowPricingReadActions",
      "AllowUnscopedInstanceProfileListAction",
    ]);
  });
});
