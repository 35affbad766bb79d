import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import {
  KARPENTER_CHARTS,
  KARPENTER_NODEPOOLS_CHART_DIR,
  Karpenter,
  type KarpenterProps,
} from "../../../constructs/workloads/karpenter";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const base: KarpenterProps = {
  clusterName: "acme-prod-sa-east-1",
  controllerRoleArn: "arn:aws:iam::123456789012:role/acme-prod-sa-east-1-karpenter",
  nodeRoleName: "acme-prod-sa-east-1-karpenter-node",
  interruptionQueueName: "acme-prod-sa-east-1",
  nodeSecurityGroupIds: ["sg-cluster", "sg-nodes"],
  nodePools: {
    main: { instanceTypes: ["m6i.xlarge", "m5.xlarge"], maxNodes: 7, diskSizeGiB: 50, labels: { role: "main" } },
    modules: {
      instanceTypes: ["c6i.large", "c5.large"],
      capacityType: "SPOT",
      maxNodes: 18,
      taints: { workload: { value: "modules", effect: "NoSchedule" } },
    },
  },
};

function synth(props: Partial<KarpenterProps> = {}): StackJson {
  return JSON.parse(Testing.synthScope((s) => new Karpenter(s, "karpenter", { ...base, ...props }))) as StackJson;
}

const values = (release: Record<string, unknown>) => JSON.parse((release.values as string[])[0]);

describe("Karpenter", () => {
  const json = synth();
  const releases = resourcesOf(json, "helm_release");
  const find = (prefix: string) => Object.entries(releases).find(([k]) => k.startsWith(prefix))!;

  it("installs the pinned CRD chart, then the controller (skipping CRDs), then the node pools chart", () => {
    const [crdId, crd] = find("karpenter_crd_");
    const [controllerId, controller] = find("karpenter_controller_");
    const [, pools] = find("karpenter_node-pools_");
    expect(crd).toMatchObject({
      repository: "oci://public.ecr.aws/karpenter",
      chart: "karpenter-crd",
      version: "1.14.1",
    });
    expect(controller).toMatchObject({
      chart: "karpenter",
      version: KARPENTER_CHARTS.controller.version,
      skip_crds: true,
    });
    expect(controller.depends_on).toEqual([`helm_release.${crdId}`]);
    expect(pools.depends_on).toEqual([`helm_release.${controllerId}`]);
    expect(String(pools.chart)).toMatch(/^assets\/karpenter_node-pools-chart_/);
    expect(valuesOf(json, "kubernetes_manifest")).toEqual([]);
  });

  it("runs the controller with IRSA, the interruption queue, zonal shift, node repair, off Karpenter's nodes", () => {
    const v = values(find("karpenter_controller_")[1]);
    expect(v.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(base.controllerRoleArn);
    expect(v.settings).toEqual({
      clusterName: "acme-prod-sa-east-1",
      interruptionQueue: "acme-prod-sa-east-1",
      enableZonalShift: true,
      featureGates: { nodeRepair: true },
    });
    expect(v.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: "eks.amazonaws.com/nodegroup", operator: "Exists" }] },
    ]);
  });

  it("renders one pool per node group: families, sizes, capacity type, labels, taints, limits from maxNodes", () => {
    const v = values(find("karpenter_node-pools_")[1]);
    expect(v.nodeRole).toBe(base.nodeRoleName);
    expect(v.securityGroupIds).toEqual(["sg-cluster", "sg-nodes"]);
    expect(v.nodePools).toEqual([
      expect.objectContaining({
        name: "main",
        families: ["m6i", "m5"],
        instanceCpus: ["4"],
        capacityTypes: ["on-demand"],
        cpuLimit: "28",
        memoryLimit: `${7 * 16 * 1024}Mi`,
        diskSizeGiB: 50,
        labels: { role: "main" },
        taints: [],
      }),
      expect.objectContaining({
        name: "modules",
        capacityTypes: ["spot"],
        cpuLimit: "36",
        taints: [{ key: "workload", value: "modules", effect: "NoSchedule" }],
      }),
    ]);
  });

  it("ships the local chart whose template reads exactly those values (no kubernetes_manifest)", () => {
    expect(existsSync(join(KARPENTER_NODEPOOLS_CHART_DIR, "Chart.yaml"))).toBe(true);
    const template = readFileSync(join(KARPENTER_NODEPOOLS_CHART_DIR, "templates", "nodepools.yaml"), "utf8");
    for (const key of [
      "families",
      "instanceCpus",
      "capacityTypes",
      "cpuLimit",
      "memoryLimit",
      "diskSizeGiB",
      "amiAlias",
    ]) {
      expect(template).toContain(`.${key}`);
    }
    expect(template).toContain("kind: NodePool");
    expect(template).toContain("kind: EC2NodeClass");
    expect(template).toContain("httpTokens: required");
  });

  it("fails for unknown instance types and negative node budgets", () => {
    expect(reported(() => synth({ nodePools: { main: { instanceTypes: ["m6i.xlarg"], maxNodes: -1 } } }))).toEqual([
      ["nodePools.main.instanceTypes", ["m6i.xlarg"]],
      ["nodePools.main.maxNodes", -1],
    ]);
  });
});
