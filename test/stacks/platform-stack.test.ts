import { ENVIRONMENT_NAMES } from "../../environments";
import { buildStacks, resourcesOf, type StackJson } from "../helpers";

const ACCOUNT = "333333333333";
const REGION = "sa-east-1";
const secret = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:plataforma/modules/${name}-??????`;
const bucket = (logical: string) => `plataforma-production-${logical}-${ACCOUNT}`;
const secrets = (...names: string[]) => ({
  Sid: "ReadDeclaredSecrets",
  Effect: "Allow",
  Action: ["secretsmanager:GetSecretValue"],
  Resource: names.map(secret),
});
const read = (logical: string) => [
  {
    Sid: "StorageReadObjects",
    Effect: "Allow",
    Action: ["s3:GetObject"],
    Resource: [`arn:aws:s3:::${bucket(logical)}/*`],
  },
  {
    Sid: "StorageListBuckets",
    Effect: "Allow",
    Action: ["s3:ListBucket"],
    Resource: [`arn:aws:s3:::${bucket(logical)}`],
  },
];
const write = (logical: string) => ({
  Sid: "StorageWriteObjects",
  Effect: "Allow",
  Action: ["s3:DeleteObject", "s3:PutObject"],
  Resource: [`arn:aws:s3:::${bucket(logical)}/*`],
});

/** KMS on the bucket's key (read from the primary data stack's outputs), only through S3 for that bucket. */
const key = (logical: string, sid: string, actions: string[]) => ({
  Sid: sid,
  Effect: "Allow",
  Action: actions,
  Resource: [
    expect.stringMatching(
      new RegExp(
        `^\\$\\{data\\.terraform_remote_state\\.upstream-production-sa-east-1-data_state_[0-9A-F]+` +
          `\\.outputs\\.bucket_${logical.replace(/-/g, "_")}_key_arn\\}$`,
      ),
    ),
  ],
  Condition: {
    StringEquals: { "kms:ViaService": "s3.sa-east-1.amazonaws.com" },
    StringLike: {
      "kms:EncryptionContext:aws:s3:arn": [`arn:aws:s3:::${bucket(logical)}`, `arn:aws:s3:::${bucket(logical)}/*`],
    },
  },
});

/** IAM authentication to the region's cache as the module's own RBAC user, for modules with events:*. */
const cache = (module: string) => ({
  Sid: "CacheConnect",
  Effect: "Allow",
  Action: ["elasticache:Connect"],
  Resource: [
    `arn:aws:elasticache:${REGION}:${ACCOUNT}:replicationgroup:plataforma-production-${REGION}`,
    `arn:aws:elasticache:${REGION}:${ACCOUNT}:user:plataforma-production-${REGION}-module-${module}`,
  ],
});

// Every module: deny by default, ingress, DNS, and the monitoring namespace's scrape of its metrics port.
const BASE_POLICIES = ["allow-dns", "allow-ingress", "allow-metrics-scrape", "default-deny"];
const DATA = ["5432", "6379"];

/** What each shipped module gets in production sa-east-1. */
const EXPECTED: Record<
  string,
  { statements: unknown[]; policies: string[]; dataPorts?: string[]; hosts?: string; replicas: [number, number] }
> = {
  auth: {
    statements: [cache("auth"), secrets("auth/database", "auth/jwt-signing-key")],
    policies: [...BASE_POLICIES, "allow-aws-apis", "allow-data"],
    dataPorts: DATA,
    replicas: [3, 50],
  },
  portal: { statements: [], policies: BASE_POLICIES, replicas: [3, 30] },
  vendas: {
    statements: [
      ...read("vendas-documents"),
      key("vendas-documents", "BucketKeyVendasDocuments", ["kms:Decrypt"]),
      cache("vendas"),
      secrets("vendas/crm-api-key", "vendas/database"),
    ],
    policies: [...BASE_POLICIES, "allow-aws-apis", "allow-data", "allow-external-apis"],
    dataPorts: DATA,
    hosts: "crm.example.com",
    replicas: [3, 30],
  },
  estoque: {
    statements: [cache("estoque"), secrets("estoque/database")],
    policies: [...BASE_POLICIES, "allow-aws-apis", "allow-data"],
    dataPorts: DATA,
    replicas: [3, 20],
  },
  financeiro: {
    statements: [
      ...read("reports"),
      write("reports"),
      key("reports", "BucketKeyReports", ["kms:Decrypt", "kms:GenerateDataKey"]),
      cache("financeiro"),
      secrets("financeiro/database", "financeiro/stripe-api-key"),
    ],
    policies: [...BASE_POLICIES, "allow-aws-apis", "allow-data", "allow-external-apis"],
    dataPorts: DATA,
    hosts: "api.stripe.com",
    replicas: [2, 10],
  },
  "admin-usuarios": {
    statements: [cache("admin-usuarios"), secrets("admin-usuarios/database")],
    policies: [...BASE_POLICIES, "allow-aws-apis", "allow-data"],
    dataPorts: DATA,
    replicas: [2, 4],
  },
};

/** Resources of one type belonging to one module (by construct id prefix). */
function ofModule<T>(json: StackJson, type: string, key: string): T[] {
  return Object.entries(resourcesOf(json, type))
    .filter(([id]) => id.startsWith(`module-${key}_`))
    .map(([, v]) => v as T);
}

/** The fields of the module resources these tests read. */
type Role = { name: string };
type RolePolicy = { policy: string };
type NetworkPolicy = {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { ingress: { from: unknown[] }[]; egress: { to: unknown; ports: unknown }[] };
};
type Autoscaler = {
  spec: {
    min_replicas: number;
    max_replicas: number;
    scale_target_ref: unknown;
    behavior: { scale_up: unknown[]; scale_down: unknown[] };
  };
};
type Deployment = {
  depends_on: unknown;
  spec: { template: { spec: { container: { resources: { requests: unknown } }[] } } };
};

describe("PlatformStack", () => {
  const built = buildStacks([...ENVIRONMENT_NAMES]);
  const platformStacks = built.stacks
    .filter((s) => s.node.id.endsWith("-platform"))
    .map((s) => s.node.id)
    .sort();
  const prod = built.json(`production-${REGION}-platform`);

  it("exists for every region of every environment and synthesizes", () => {
    expect(platformStacks).toEqual([
      "dev-sa-east-1-platform",
      "production-eu-west-1-platform",
      "production-sa-east-1-platform",
      "production-us-east-1-platform",
      "staging-sa-east-1-platform",
      "staging-us-east-1-platform",
    ]);
    for (const name of platformStacks) {
      const json = built.json(name);
      // Four add-ons, Karpenter's CRD, controller and node pools, then kube-prometheus-stack, Loki and Tempo.
      expect(Object.keys(resourcesOf(json, "helm_release"))).toHaveLength(10);
      expect(json.provider?.kubernetes).toHaveLength(1);
    }
  });

  it("installs pinned Karpenter with one pool per node group, bounded by maxNodesPerRegion", () => {
    const releases = Object.entries(resourcesOf(prod, "helm_release"));
    const controller = releases.find(([k]) => k.startsWith("karpenter_controller_"))![1];
    expect(controller).toMatchObject({ chart: "karpenter", version: "1.14.1", skip_crds: true });
    const values = JSON.parse((controller.values as string[])[0]);
    expect(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::333333333333:role/plataforma-production-sa-east-1-karpenter",
    );
    expect(values.settings.interruptionQueue).toBe("plataforma-production-sa-east-1");
    const pools = JSON.parse((releases.find(([k]) => k.startsWith("karpenter_node-pools_"))![1].values as string[])[0])
      .nodePools as { name: string; cpuLimit: string; taints: unknown[] }[];
    // main 3..10 (m6i.xlarge: 4 vCPU) may add 7 nodes; modules 2..20 (c6i.large: 2 vCPU) 18; 40 - 5 = 35 >= both.
    expect(pools.map((p) => [p.name, p.cpuLimit])).toEqual([
      ["main", "28"],
      ["modules", "36"],
    ]);
    expect(pools[1].taints).toEqual([{ key: "workload", value: "modules", effect: "NoSchedule" }]);
    expect(Object.keys(prod.resource ?? {})).not.toContain("kubernetes_manifest");
  });

  it("authenticates kubernetes and helm with aws eks get-token against the cluster outputs", () => {
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: [
        "eks",
        "get-token",
        "--cluster-name",
        expect.stringMatching(
          /^\$\{data\.terraform_remote_state\.upstream-production-sa-east-1-cluster_.*\.outputs\.cluster_name\}$/,
        ),
        "--region",
        REGION,
      ],
    };
    const k8s = prod.provider?.kubernetes[0] as Record<string, unknown>;
    expect(k8s).toEqual({
      host: expect.stringMatching(/outputs\.cluster_endpoint\}$/),
      cluster_ca_certificate: expect.stringMatching(
        /^\$\{base64decode\(data\.terraform_remote_state\..*\.outputs\.cluster_ca_certificate\)\}$/,
      ),
      exec: [exec],
    });
    expect(prod.provider?.helm[0]).toEqual({
      kubernetes: { host: k8s.host, cluster_ca_certificate: k8s.cluster_ca_certificate, exec },
    });
    // Only terraform_remote_state: no data source calling AWS.
    expect(Object.keys(prod.data ?? {})).toEqual(["terraform_remote_state"]);
  });

  it("runs the modules the environment places in each region", () => {
    const namespaces = (name: string) =>
      Object.values(resourcesOf(built.json(name), "kubernetes_namespace_v1"))
        .map((n) => (n as { metadata: { name: string } }).metadata.name)
        .sort();
    expect(namespaces(`production-${REGION}-platform`)).toEqual([
      "module-admin-usuarios",
      "module-auth",
      "module-estoque",
      "module-financeiro",
      "module-portal",
      "module-vendas",
    ]);
    expect(namespaces("production-eu-west-1-platform")).toEqual(["module-portal"]);
    expect(namespaces("staging-us-east-1-platform")).toEqual(["module-portal"]);
    // Stateless regions do not depend on the primary's data state.
    expect(
      Object.keys(built.json("production-eu-west-1-platform").data?.terraform_remote_state ?? {}).some((k) =>
        k.includes("-data_"),
      ),
    ).toBe(false);
  });

  describe.each(Object.entries(EXPECTED))("module %s in production", (key, expected) => {
    it("has an IRSA role granting exactly its storage and secret permissions", () => {
      const [role] = ofModule<Role>(prod, "aws_iam_role", key);
      expect(role.name).toBe(`plataforma-production-${REGION}-module-${key}`);
      const policies = ofModule<RolePolicy>(prod, "aws_iam_role_policy", key);
      if (expected.statements.length === 0) expect(policies).toEqual([]);
      else expect(JSON.parse(policies[0].policy).Statement).toEqual(expected.statements);
    });

    it("has default-deny network policies opening only what it declared", () => {
      const policies = Object.fromEntries(
        ofModule<NetworkPolicy>(prod, "kubernetes_network_policy_v1", key).map((p) => [p.metadata.name, p]),
      );
      expect(Object.keys(policies).sort()).toEqual([...expected.policies].sort());
      expect(policies["allow-ingress"].spec.ingress[0].from[0]).toEqual({
        namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress" } },
      });
      expect(policies["allow-ingress"].spec.ingress[0].from.slice(1)).toEqual([
        { ip_block: { cidr: "10.30.96.0/22" } },
        { ip_block: { cidr: "10.30.100.0/22" } },
        { ip_block: { cidr: "10.30.104.0/22" } },
      ]);
      if (expected.dataPorts) {
        expect(policies["allow-data"].spec.egress).toEqual([
          {
            to: [
              { ip_block: { cidr: "10.30.108.0/24" } },
              { ip_block: { cidr: "10.30.109.0/24" } },
              { ip_block: { cidr: "10.30.110.0/24" } },
            ],
            ports: expected.dataPorts.map((port) => ({ port, protocol: "TCP" })),
          },
        ]);
      }
      if (policies["allow-aws-apis"]) {
        expect(policies["allow-aws-apis"].spec.egress[0].to).toEqual([
          { ip_block: { cidr: "10.30.0.0/19" } },
          { ip_block: { cidr: "10.30.32.0/19" } },
          { ip_block: { cidr: "10.30.64.0/19" } },
        ]);
      }
      if (expected.hosts) {
        expect(policies["allow-external-apis"].metadata.annotations).toEqual({
          "egress.plataforma.app/allowed-hosts": expected.hosts,
        });
        expect(policies["allow-external-apis"].spec.egress[0].ports).toEqual([{ port: "443", protocol: "TCP" }]);
      }
    });

    it("autoscales between its production bounds with the seeds' behaviour", () => {
      const [hpa] = ofModule<Autoscaler>(prod, "kubernetes_horizontal_pod_autoscaler_v2", key);
      expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual(expected.replicas);
      expect(hpa.spec.scale_target_ref).toEqual({ api_version: "apps/v1", kind: "Deployment", name: key });
      expect(hpa.spec.behavior.scale_up[0]).toEqual({
        stabilization_window_seconds: 60,
        select_policy: "Max",
        policy: [
          { type: "Percent", value: 100, period_seconds: 15 },
          { type: "Pods", value: 4, period_seconds: 15 },
        ],
      });
      expect(hpa.spec.behavior.scale_down[0]).toEqual({
        stabilization_window_seconds: 300,
        select_policy: "Min",
        policy: [{ type: "Percent", value: 50, period_seconds: 60 }],
      });
      const [deployment] = ofModule<Deployment>(prod, "kubernetes_deployment_v1", key);
      expect(deployment.depends_on).toEqual([
        expect.stringMatching(/^helm_release\.add-ons_aws-load-balancer-controller_release_/),
        expect.stringMatching(/^helm_release\.add-ons_metrics-server_release_/),
      ]);
    });
  });

  it("sizes modules per environment (dev: one replica, vendas with a smaller request)", () => {
    const dev = built.json("dev-sa-east-1-platform");
    const [hpa] = ofModule<Autoscaler>(dev, "kubernetes_horizontal_pod_autoscaler_v2", "vendas");
    expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([1, 2]);
    const [deployment] = ofModule<Deployment>(dev, "kubernetes_deployment_v1", "vendas");
    expect(deployment.spec.template.spec.container[0].resources.requests).toEqual({ cpu: "50m", memory: "128Mi" });
    const [role] = ofModule<RolePolicy>(dev, "aws_iam_role_policy", "vendas");
    expect(JSON.parse(role.policy).Statement[0].Resource).toEqual([
      "arn:aws:s3:::plataforma-dev-vendas-documents-111111111111/*",
    ]);
  });

  it("exports module role ARNs and namespaces", () => {
    expect(Object.keys(prod.output ?? {}).sort()).toEqual(["module_namespaces", "module_role_arns"]);
    expect(Object.keys(prod.output?.module_role_arns.value as object).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
