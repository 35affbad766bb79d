import { Testing } from "cdktf";
import { EksCluster, type EksClusterProps } from "../../../constructs/cluster/eks-cluster";
import { KUBERNETES_VERSIONS } from "../../../constructs/cluster/kubernetes-versions";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const base: EksClusterProps = {
  name: "acme-test-sa-east-1",
  accountId: "123456789012",
  region: "sa-east-1",
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  admins: { platform: "arn:aws:iam::123456789012:role/platform-admin" },
  nodeGroups: {
    main: { instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 10, labels: { role: "main" } },
    modules: {
      instanceTypes: ["c6i.large"],
      minSize: 2,
      desiredSize: 2,
      maxSize: 20,
      taints: { workload: { value: "modules", effect: "NoSchedule" } },
    },
  },
};

function synth(props: Partial<EksClusterProps> = {}): StackJson {
  return JSON.parse(Testing.synthScope((scope) => new EksCluster(scope, "eks", { ...base, ...props }))) as StackJson;
}

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
};
const statements = (json: StackJson, type: string, field: string): Statement[] =>
  valuesOf(json, type).flatMap((r) => (JSON.parse(String(r[field])) as { Statement: Statement[] }).Statement);
const byName = (json: StackJson, type: string) =>
  Object.fromEntries(valuesOf(json, type).map((r) => [String(r.addon_name ?? r.name), r]));

describe("EksCluster", () => {
  describe("defaults", () => {
    const json = synth();
    const [cluster] = valuesOf(json, "aws_eks_cluster");

    it("runs the newest supported version with a private-only endpoint", () => {
      expect(cluster).toMatchObject({
        name: "acme-test-sa-east-1",
        version: "1.36",
        vpc_config: { endpoint_private_access: true, endpoint_public_access: false, subnet_ids: base.subnetIds },
        kubernetes_network_config: { ip_family: "ipv4", service_ipv4_cidr: "172.20.0.0/16" },
        bootstrap_self_managed_addons: false,
        upgrade_policy: { support_type: "STANDARD" },
      });
      expect((cluster.vpc_config as Record<string, unknown>).public_access_cidrs).toBeUndefined();
    });

    it("envelope-encrypts secrets with a rotating customer key the cluster role may use, and nothing more", () => {
      const keys = resourcesOf(json, "aws_kms_key");
      const secretsKey = Object.keys(keys).find((k) => k.includes("secrets-key"))!;
      expect(cluster.encryption_config).toEqual({
        provider: { key_arn: `\${aws_kms_key.${secretsKey}.arn}` },
        resources: ["secrets"],
      });
      expect(Object.values(keys).every((k) => k.enable_key_rotation === true)).toBe(true);
      expect(statements(json, "aws_iam_role_policy", "policy")).toEqual([
        {
          Effect: "Allow",
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
          Resource: `\${aws_kms_key.${secretsKey}.arn}`,
        },
      ]);
    });

    it("ships all five log types to a KMS-encrypted group it creates first, kept 90 days", () => {
      expect(cluster.enabled_cluster_log_types).toEqual([
        "api",
        "audit",
        "authenticator",
        "controllerManager",
        "scheduler",
      ]);
      const [group] = valuesOf(json, "aws_cloudwatch_log_group");
      expect(group).toMatchObject({ name: "/aws/eks/acme-test-sa-east-1/cluster", retention_in_days: 90 });
      expect(String(group.kms_key_id)).toMatch(/aws_kms_key\..*logs-key.*\.arn/);
      expect((cluster.depends_on as string[]).some((d) => d.startsWith("aws_cloudwatch_log_group."))).toBe(true);
    });

    it("uses access entries only: API mode, no implicit creator admin, admins from props", () => {
      expect(cluster.access_config).toEqual({
        authentication_mode: "API",
        bootstrap_cluster_creator_admin_permissions: false,
      });
      expect(valuesOf(json, "aws_eks_access_entry")).toEqual([
        expect.objectContaining({ principal_arn: base.admins.platform, type: "STANDARD" }),
      ]);
      expect(valuesOf(json, "aws_eks_access_policy_association")).toEqual([
        expect.objectContaining({
          policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
          access_scope: { type: "cluster" },
        }),
      ]);
    });

    it("registers the cluster's issuer as an IAM OIDC provider for STS, with no thumbprint pinned", () => {
      const [oidc] = valuesOf(json, "aws_iam_openid_connect_provider");
      expect(oidc.client_id_list).toEqual(["sts.amazonaws.com"]);
      expect(String(oidc.url)).toMatch(/aws_eks_cluster\..*\.identity\[0\]\.oidc\[0\]\.issuer/);
      expect(oidc.thumbprint_list).toBeUndefined();
    });

    it("installs the five managed add-ons at the version's pinned builds", () => {
      const addons = byName(json, "aws_eks_addon");
      expect(Object.keys(addons).sort()).toEqual([
        "aws-ebs-csi-driver",
        "coredns",
        "eks-pod-identity-agent",
        "kube-proxy",
        "vpc-cni",
      ]);
      for (const [name, addon] of Object.entries(addons)) {
        expect(addon.addon_version).toBe(
          KUBERNETES_VERSIONS["1.36"].addons[name as keyof (typeof KUBERNETES_VERSIONS)["1.36"]["addons"]],
        );
        expect(addon).toMatchObject({
          resolve_conflicts_on_create: "OVERWRITE",
          resolve_conflicts_on_update: "OVERWRITE",
        });
      }
      expect(JSON.parse(String(addons["vpc-cni"].configuration_values))).toEqual({ enableNetworkPolicy: "true" });
    });

    it("orders add-ons around the nodes: CNI, kube-proxy, Pod Identity before; CoreDNS and EBS CSI after", () => {
      const addons = byName(json, "aws_eks_addon");
      const groups = valuesOf(json, "aws_eks_node_group");
      for (const group of groups) {
        expect(group.depends_on).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/addon-vpc-cni/),
            expect.stringMatching(/addon-kube-proxy/),
            expect.stringMatching(/addon-eks-pod-identity-agent/),
          ]),
        );
      }
      for (const name of ["coredns", "aws-ebs-csi-driver"]) expect(addons[name].depends_on).toHaveLength(2);
      for (const name of ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"])
        expect(addons[name].depends_on).toBeUndefined();
    });

    it("gives the VPC CNI and EBS CSI driver IRSA roles for exactly their service accounts", () => {
      const addons = byName(json, "aws_eks_addon");
      const roles = resourcesOf(json, "aws_iam_role");
      const trust = (addon: string) => {
        const key = /aws_iam_role\.([^.]+)\.arn/.exec(String(addons[addon].service_account_role_arn))![1];
        return JSON.stringify(roles[key].assume_role_policy);
      };
      expect(trust("vpc-cni")).toContain("system:serviceaccount:kube-system:aws-node");
      expect(trust("aws-ebs-csi-driver")).toContain("system:serviceaccount:kube-system:ebs-csi-controller-sa");
      // The issuer without its scheme, as IAM condition keys name it.
      expect(trust("vpc-cni")).toMatch(
        /\$\{replace\(aws_eks_cluster\.[^)]*\.identity\[0\]\.oidc\[0\]\.issuer, [^)]*https:\/\/[^)]*\)\}:sub/,
      );
    });

    it("attaches only the managed policies EKS requires; the CNI policy is not on the node role", () => {
      const attachments = valuesOf(json, "aws_iam_role_policy_attachment").map((a) => {
        const role = String(a.role).replace(/.*aws_iam_role\.eks_([a-z-]+?)(_role)?_[0-9A-F]{8}.*/, "$1");
        return `${role}:${String(a.policy_arn).split("/").pop()}`;
      });
      expect(attachments.sort()).toEqual([
        "cluster-role:AmazonEKSClusterPolicy",
        "ebs-csi:AmazonEBSCSIDriverPolicy",
        "node-role:AmazonEC2ContainerRegistryPullOnly",
        "node-role:AmazonEKSWorkerNodePolicy",
        "vpc-cni:AmazonEKS_CNI_Policy",
      ]);
    });

    it("has no wildcard action or resource in any identity policy", () => {
      for (const s of statements(json, "aws_iam_role_policy", "policy")) {
        expect([s.Action].flat().some((a) => a.includes("*"))).toBe(false);
        expect([s.Resource].flat()).not.toContain("*");
      }
    });

    it("adds a rule-less node security group and puts the nodes in it and the cluster group", () => {
      const [sg] = valuesOf(json, "aws_security_group");
      expect(sg).toMatchObject({ name: "acme-test-sa-east-1-nodes", vpc_id: "vpc-1" });
      expect(sg.ingress).toBeUndefined();
      expect(valuesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual([]);
      for (const template of valuesOf(json, "aws_launch_template")) {
        expect(template.vpc_security_group_ids).toEqual([
          expect.stringMatching(/vpc_config\[0\]\.cluster_security_group_id/),
          expect.stringMatching(/aws_security_group\./),
        ]);
      }
    });

    it("encrypts node volumes with a key usable only through EC2 of its region and account", () => {
      const keys = resourcesOf(json, "aws_kms_key");
      const volumeKey = Object.entries(keys).find(([k]) => k.includes("volume-key"))![1];
      const policy = JSON.parse(String(volumeKey.policy)) as { Statement: Statement[] };
      const via = policy.Statement.filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: "*" }));
      expect(via).toHaveLength(2);
      for (const s of via)
        expect(s.Condition).toMatchObject({
          StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "ec2.sa-east-1.amazonaws.com" },
        });
      expect(via[1]).toMatchObject({
        Action: "kms:CreateGrant",
        Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
      });
    });

    it("keys node groups by name", () => {
      expect(
        Object.keys(resourcesOf(json, "aws_eks_node_group"))
          .map((k) => k.replace(/_node-group_[0-9A-F]{8}$/, ""))
          .sort(),
      ).toEqual(["eks_node-group-main", "eks_node-group-modules"]);
    });
  });

  describe("options", () => {
    it("public endpoint restricted to the given CIDRs", () => {
      const [cluster] = valuesOf(synth({ publicAccessCidrs: ["203.0.113.0/24"] }), "aws_eks_cluster");
      expect(cluster.vpc_config).toMatchObject({
        endpoint_private_access: true,
        endpoint_public_access: true,
        public_access_cidrs: ["203.0.113.0/24"],
      });
    });

    it("version 1.35 with its own pins, and per-add-on overrides", () => {
      const json = synth({ kubernetesVersion: "1.35", addonVersions: { coredns: "v1.13.2-eksbuild.40" } });
      expect(valuesOf(json, "aws_eks_cluster")[0].version).toBe("1.35");
      const addons = byName(json, "aws_eks_addon");
      expect(addons["kube-proxy"].addon_version).toBe(KUBERNETES_VERSIONS["1.35"].addons["kube-proxy"]);
      expect(addons.coredns.addon_version).toBe("v1.13.2-eksbuild.40");
    });

    it("log types, retention and service range", () => {
      const json = synth({
        logTypes: ["api", "audit", "authenticator"],
        logRetentionDays: 365,
        serviceIpv4Cidr: "172.21.0.0/16",
      });
      const [cluster] = valuesOf(json, "aws_eks_cluster");
      expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator"]);
      expect(cluster.kubernetes_network_config).toMatchObject({ service_ipv4_cidr: "172.21.0.0/16" });
      expect(valuesOf(json, "aws_cloudwatch_log_group")[0].retention_in_days).toBe(365);
    });

    it("private endpoint reachable over HTTPS from the listed private CIDRs only", () => {
      const rules = valuesOf(
        synth({ privateAccessCidrs: ["10.30.0.0/16", "10.31.0.0/16"] }),
        "aws_vpc_security_group_ingress_rule",
      );
      expect(rules.map((r) => r.cidr_ipv4)).toEqual(["10.30.0.0/16", "10.31.0.0/16"]);
      for (const r of rules) {
        expect(r).toMatchObject({ ip_protocol: "tcp", from_port: 443, to_port: 443 });
        expect(String(r.security_group_id)).toMatch(/vpc_config\[0\]\.cluster_security_group_id/);
      }
    });

    it("fails when the private endpoint would admit every address", () => {
      expect(() => synth({ privateAccessCidrs: ["0.0.0.0/0"] })).toThrow(
        /privateAccessCidrs: admits every address \(received: "0\.0\.0\.0\/0"\)/,
      );
    });

    it("viewers get the view policy", () => {
      const json = synth({ viewers: { oncall: "arn:aws:iam::123456789012:role/oncall" } });
      expect(valuesOf(json, "aws_eks_access_entry")).toHaveLength(2);
      expect(valuesOf(json, "aws_eks_access_policy_association").map((a) => a.policy_arn)).toContain(
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
      );
    });
  });

  describe("validation", () => {
    it("fails for an unsupported Kubernetes version", () => {
      expect(() => synth({ kubernetesVersion: "1.28" })).toThrow(
        /eks: invalid EksCluster props, 1 problem:\n {2}- kubernetesVersion: Kubernetes 1\.28 is out of EKS standard/,
      );
    });

    it("fails when api, audit or authenticator logs are left out", () => {
      expect(() => synth({ logTypes: ["api", "scheduler"] })).toThrow(/logTypes: leaves out audit, authenticator/);
    });

    it("fails with no administrator", () => {
      expect(() => synth({ admins: {} })).toThrow(/admins: is empty/);
    });

    it("fails for malformed CIDRs and fewer than two subnets", () => {
      expect(
        reported(() =>
          synth({ serviceIpv4Cidr: "172.20.0.1/16", publicAccessCidrs: ["10.0.0.0/33"], subnetIds: ["subnet-a"] }),
        ),
      ).toEqual([
        ["serviceIpv4Cidr", "172.20.0.1/16"],
        ["publicAccessCidrs", "10.0.0.0/33"],
        ["subnetIds", ["subnet-a"]],
      ]);
    });

    it("fails for a service range EKS refuses: public, larger than /12 or smaller than /24", () => {
      expect(() => synth({ serviceIpv4Cidr: "100.64.0.0/16" })).toThrow(
        /serviceIpv4Cidr: is not inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16.*Fix: .*cannot change it/,
      );
      expect(() => synth({ serviceIpv4Cidr: "172.20.0.0/25" })).toThrow(
        /serviceIpv4Cidr: is a \/25; EKS accepts \/12 to \/24/,
      );
      expect(() => synth({ serviceIpv4Cidr: "10.0.0.0/8" })).toThrow(/serviceIpv4Cidr: is a \/8/);
    });

    it("reports every node group problem in the one error, by group", () => {
      const nodeGroups = {
        main: { instanceTypes: ["m6i.large"], minSize: 4, desiredSize: 4, maxSize: 2 },
        modules: { instanceTypes: ["c9.large"], minSize: 1, desiredSize: 1, maxSize: 2 },
      };
      expect(reported(() => synth({ nodeGroups }))).toEqual([
        ["nodeGroups.main.minSize", 4],
        ["nodeGroups.main.desiredSize", 4],
        ["nodeGroups.modules.instanceTypes", "c9.large"],
      ]);
    });

    it("fails for an add-on it does not manage", () => {
      const addonVersions = { "aws-efs-csi-driver": "v2.1.0-eksbuild.1" } as never;
      expect(() => synth({ addonVersions })).toThrow(/addonVersions: names an unknown add-on aws-efs-csi-driver/);
    });

    it("fails for no node group and for a malformed add-on version", () => {
      expect(reported(() => synth({ nodeGroups: {}, addonVersions: { coredns: "latest" } }))).toEqual([
        ["nodeGroups", {}],
        ["addonVersions.coredns", "latest"],
      ]);
    });
  });
});
