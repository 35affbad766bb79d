import { Testing } from "cdktf";
import { type ModuleManifestInput, ModuleManifestSchema } from "../../../constructs/workloads/manifest-schema";
import { ModuleWorkload, type ModuleWorkloadProps } from "../../../constructs/workloads/module-workload";
import { type StackJson, valuesOf } from "../../helpers";
import { validationError } from "../fixtures";
import { quietManifest, vendasManifest } from "./fixtures";

const NETWORK = {
  databaseCidrs: ["10.0.108.0/24", "10.0.109.0/24"],
  awsEndpointCidrs: ["10.0.0.0/19", "10.0.32.0/19"],
  loadBalancerCidrs: ["10.0.96.0/22"],
};

function synth(input: ModuleManifestInput, props: Partial<ModuleWorkloadProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope(
      (scope) =>
        new ModuleWorkload(scope, "mod", {
          manifest: ModuleManifestSchema.parse(input),
          cluster: {
            oidcProviderArn: "arn:aws:iam::111111111111:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/X",
            oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/X",
          },
          region: "sa-east-1",
          accountId: "111111111111",
          roleName: "plataforma-dev-sa-east-1-module-vendas",
          bucketNames: { vendas_documents: "plataforma-dev-vendas-documents-111111111111" },
          network: NETWORK,
          ...props,
        }),
    ),
  ) as StackJson;
}

type Policy = { metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };
const policies = (json: StackJson) =>
  Object.fromEntries((valuesOf(json, "kubernetes_network_policy_v1") as Policy[]).map((p) => [p.metadata.name, p]));

describe("ModuleWorkload", () => {
  const json = synth(vendasManifest());

  it("grants exactly the declared storage and secret permissions", () => {
    const [policy] = valuesOf(json, "aws_iam_role_policy");
    expect(JSON.parse(String(policy.policy)).Statement).toEqual([
      {
        Sid: "StorageReadObjects",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: ["arn:aws:s3:::plataforma-dev-vendas-documents-111111111111/*"],
      },
      {
        Sid: "StorageListBuckets",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: ["arn:aws:s3:::plataforma-dev-vendas-documents-111111111111"],
      },
      {
        Sid: "ReadDeclaredSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["arn:aws:secretsmanager:sa-east-1:111111111111:secret:plataforma/modules/vendas/database-??????"],
      },
    ]);
  });

  it("binds the role to the module's own service account through IRSA, without API token", () => {
    const [sa] = valuesOf(json, "kubernetes_service_account_v1") as {
      metadata: { name: string; annotations: Record<string, string> };
      automount_service_account_token: boolean;
    }[];
    expect(sa.metadata.name).toBe("vendas");
    expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^\$\{aws_iam_role\.mod_role_.*\.arn\}$/);
    expect(sa.automount_service_account_token).toBe(false);
    const [role] = valuesOf(json, "aws_iam_role");
    expect(String(role.assume_role_policy)).toContain("system:serviceaccount:module-vendas:vendas");
  });

  it("labels the namespace to enforce the restricted Pod Security Standard", () => {
    const [ns] = valuesOf(json, "kubernetes_namespace_v1") as {
      metadata: { name: string; labels: Record<string, string> };
    }[];
    expect(ns.metadata.name).toBe("module-vendas");
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it("hardens the pod and pins it to the modules node group across zones", () => {
    const [deployment] = valuesOf(json, "kubernetes_deployment_v1") as {
      spec: { strategy: unknown; replicas: string; template: { spec: Record<string, unknown> } };
      lifecycle: unknown;
    }[];
    const pod = deployment.spec.template.spec as {
      security_context: unknown;
      container: {
        security_context: unknown;
        image: string;
        resources: unknown;
        liveness_probe: { http_get: unknown };
        readiness_probe: { http_get: unknown };
        env: unknown;
      }[];
      volume: unknown;
      toleration: unknown;
      affinity: {
        node_affinity: { required_during_scheduling_ignored_during_execution: { node_selector_term: unknown } };
      };
      topology_spread_constraint: unknown[];
    };
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: "10001",
      run_as_group: "10001",
      fs_group: "10001",
      seccomp_profile: { type: "RuntimeDefault" },
    });
    const container = pod.container[0];
    expect(container.security_context).toEqual({
      run_as_non_root: true,
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(container.image).toBe("ghcr.io/plataforma-app/vendas-module:2.1.0");
    expect(container.resources).toEqual({
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "250m", memory: "256Mi", "ephemeral-storage": "1Gi" },
    });
    expect(container.liveness_probe.http_get).toEqual({ path: "/health", port: "http" });
    expect(container.readiness_probe.http_get).toEqual({ path: "/ready", port: "http" });
    expect(container.env).toEqual([
      { name: "NODE_ENV", value: "production" },
      { name: "DATABASE_URL_SECRET_ID", value: "plataforma/modules/vendas/database" },
    ]);
    expect(pod.volume).toEqual([{ name: "tmp", empty_dir: { size_limit: "1Gi" } }]);
    expect(pod.toleration).toEqual([{ key: "workload", operator: "Equal", value: "modules", effect: "NoSchedule" }]);
    expect(pod.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term).toEqual([
      { match_expressions: [{ key: "role", operator: "In", values: ["modules"] }] },
    ]);
    expect(pod.topology_spread_constraint[0]).toMatchObject({
      topology_key: "topology.kubernetes.io/zone",
      max_skew: 1,
      when_unsatisfiable: "DoNotSchedule",
    });
    expect(deployment.spec.strategy).toEqual({
      type: "RollingUpdate",
      rolling_update: { max_unavailable: "1", max_surge: "2" },
    });
    expect(deployment.spec.replicas).toBe("3");
    expect(deployment.lifecycle).toEqual({ ignore_changes: ["spec[0].replicas"] });
  });

  it("autoscales with the seeds' behaviour and keeps a disruption budget", () => {
    const [hpa] = valuesOf(json, "kubernetes_horizontal_pod_autoscaler_v2") as { spec: Record<string, unknown> }[];
    expect(hpa.spec).toEqual({
      scale_target_ref: { api_version: "apps/v1", kind: "Deployment", name: "vendas" },
      min_replicas: 3,
      max_replicas: 20,
      metric: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 70 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", average_utilization: 80 } } },
      ],
      behavior: {
        scale_up: [
          {
            stabilization_window_seconds: 60,
            select_policy: "Max",
            policy: [
              { type: "Percent", value: 100, period_seconds: 15 },
              { type: "Pods", value: 4, period_seconds: 15 },
            ],
          },
        ],
        scale_down: [
          {
            stabilization_window_seconds: 300,
            select_policy: "Min",
            policy: [{ type: "Percent", value: 50, period_seconds: 60 }],
          },
        ],
      },
    });
    const [pdb] = valuesOf(json, "kubernetes_pod_disruption_budget_v1") as { spec: Record<string, unknown> }[];
    expect(pdb.spec).toEqual({
      max_unavailable: "1",
      selector: { match_labels: { "app.kubernetes.io/name": "vendas" } },
    });
  });

  it("exposes every port on a ClusterIP service carrying the CSP and rate limit", () => {
    const [svc] = valuesOf(json, "kubernetes_service_v1") as {
      metadata: { annotations: Record<string, string> };
      spec: Record<string, unknown>;
    }[];
    expect(svc.spec.type).toBe("ClusterIP");
    expect(svc.spec.port).toEqual([
      { name: "http", port: 3000, target_port: "http", protocol: "TCP" },
      { name: "metrics", port: 3001, target_port: "metrics", protocol: "TCP" },
    ]);
    expect(svc.metadata.annotations).toEqual({
      "platform.example/rate-limit-rpm": "100",
      "platform.example/content-security-policy": "script-src 'self' 'unsafe-inline'",
    });
  });

  it("denies by default and opens only ingress, DNS, data, AWS APIs and the declared hosts", () => {
    const p = policies(json);
    expect(Object.keys(p).sort()).toEqual([
      "allow-aws-apis",
      "allow-data",
      "allow-dns",
      "allow-external-apis",
      "allow-ingress",
      "default-deny",
    ]);
    expect(p["allow-data"].spec.egress).toEqual([
      {
        to: [{ ip_block: { cidr: "10.0.108.0/24" } }, { ip_block: { cidr: "10.0.109.0/24" } }],
        ports: [{ port: "5432", protocol: "TCP" }],
      },
    ]);
    expect(p["default-deny"].spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
    expect(p["allow-ingress"].spec.ingress).toEqual([
      {
        from: [
          { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress" } } },
          { ip_block: { cidr: "10.0.96.0/22" } },
        ],
        ports: [
          { port: "3000", protocol: "TCP" },
          { port: "3001", protocol: "TCP" },
        ],
      },
    ]);
    expect(p["allow-dns"].spec.egress).toEqual([
      {
        to: [
          {
            namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
            pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { port: "53", protocol: "UDP" },
          { port: "53", protocol: "TCP" },
        ],
      },
    ]);
    expect(p["allow-aws-apis"].spec.egress).toEqual([
      {
        to: [{ ip_block: { cidr: "10.0.0.0/19" } }, { ip_block: { cidr: "10.0.32.0/19" } }],
        ports: [{ port: "443", protocol: "TCP" }],
      },
    ]);
    expect(p["allow-aws-apis"].metadata.annotations).toEqual({
      "egress.platform.example/allowed-hosts":
        "s3.sa-east-1.amazonaws.com,secretsmanager.sa-east-1.amazonaws.com,sts.sa-east-1.amazonaws.com",
    });
    expect(p["allow-external-apis"].spec.egress).toEqual([
      {
        to: [
          {
            ip_block: {
              cidr: "0.0.0.0/0",
              except: [
                "10.0.0.0/8",
                "100.64.0.0/10",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.168.0.0/16",
              ],
            },
          },
        ],
        ports: [{ port: "443", protocol: "TCP" }],
      },
    ]);
    expect(p["allow-external-apis"].metadata.annotations).toEqual({
      "egress.platform.example/allowed-hosts": "crm.example.com",
    });
  });

  it("sends AWS calls out through NAT (public 443 only) when a needed service has no endpoint here", () => {
    const publicOnly = [
      {
        to: [
          {
            ip_block: {
              cidr: "0.0.0.0/0",
              except: [
                "10.0.0.0/8",
                "100.64.0.0/10",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.168.0.0/16",
              ],
            },
          },
        ],
        ports: [{ port: "443", protocol: "TCP" }],
      },
    ];
    const noS3 = policies(
      synth(vendasManifest(), { network: { ...NETWORK, privateAwsServices: ["sts", "secretsmanager"] } }),
    );
    expect(noS3["allow-aws-apis"].spec.egress).toEqual(publicOnly);
    const allHere = policies(
      synth(vendasManifest(), { network: { ...NETWORK, privateAwsServices: ["sts", "secretsmanager", "s3"] } }),
    );
    expect(allHere["allow-aws-apis"].spec.egress).toEqual([
      {
        to: [{ ip_block: { cidr: "10.0.0.0/19" } }, { ip_block: { cidr: "10.0.32.0/19" } }],
        ports: [{ port: "443", protocol: "TCP" }],
      },
    ]);
  });

  it("calls S3 in the buckets' region: through NAT, and with the KMS condition naming that region", () => {
    const json2 = synth(vendasManifest(), {
      region: "us-east-1",
      bucketRegion: "sa-east-1",
      bucketKeyArns: { vendas_documents: "arn:aws:kms:sa-east-1:111111111111:key/k" },
    });
    const p = policies(json2);
    expect(p["allow-aws-apis"].metadata.annotations?.["egress.platform.example/allowed-hosts"]).toBe(
      "s3.sa-east-1.amazonaws.com,secretsmanager.us-east-1.amazonaws.com,sts.us-east-1.amazonaws.com",
    );
    expect((p["allow-aws-apis"].spec.egress as { to: { ip_block: { cidr: string } }[] }[])[0].to[0].ip_block.cidr).toBe(
      "0.0.0.0/0",
    );
    const statements = JSON.parse(String(valuesOf(json2, "aws_iam_role_policy")[0].policy)).Statement as {
      Sid: string;
      Condition?: { StringEquals: Record<string, string> };
    }[];
    expect(statements.find((s) => s.Sid === "BucketKeyVendasDocuments")?.Condition?.StringEquals).toEqual({
      "kms:ViaService": "s3.sa-east-1.amazonaws.com",
    });
  });

  it(
    "opens the database port to the database subnets only " + "for database permissions (and the event bus for events)",
    () => {
      const m = vendasManifest();
      m.security = { ...(m.security as object), permissions: ["events:emit"] } as typeof m.security;
      const p = policies(synth(m));
      expect(p["allow-data"].spec.egress).toEqual([
        {
          to: [{ ip_block: { cidr: "10.0.108.0/24" } }, { ip_block: { cidr: "10.0.109.0/24" } }],
          ports: [{ port: "6379", protocol: "TCP" }],
        },
      ]);
      const db = vendasManifest();
      db.security = {
        ...(db.security as object),
        permissions: ["database:read:vendas_schema", "events:subscribe"],
      } as typeof db.security;
      const withDb = policies(synth(db));
      expect(withDb["allow-data"].spec.egress).toEqual([
        {
          to: [{ ip_block: { cidr: "10.0.108.0/24" } }, { ip_block: { cidr: "10.0.109.0/24" } }],
          ports: [
            { port: "5432", protocol: "TCP" },
            { port: "6379", protocol: "TCP" },
          ],
        },
      ]);
    },
  );

  it("a module with no permissions gets a role with no policy and no egress but DNS", () => {
    const quiet = synth(quietManifest(), { roleName: "quiet-role", bucketNames: {} });
    expect(valuesOf(quiet, "aws_iam_role")).toHaveLength(1);
    expect(valuesOf(quiet, "aws_iam_role_policy")).toEqual([]);
    expect(valuesOf(quiet, "aws_iam_role_policy_attachment")).toEqual([]);
    const p = policies(quiet);
    expect(Object.keys(p).sort()).toEqual(["allow-dns", "allow-ingress", "default-deny"]);
    const egress = Object.values(p).flatMap((policy) => (policy.spec.egress as unknown[] | undefined) ?? []);
    expect(egress).toHaveLength(1);
    expect(JSON.stringify(egress)).not.toContain("0.0.0.0/0");
    const [deployment] = valuesOf(quiet, "kubernetes_deployment_v1") as {
      spec: { template: { spec: { container: { image: string; env?: unknown[] }[] } } };
    }[];
    expect(deployment.spec.template.spec.container[0].image).toBe(
      `ghcr.io/plataforma-app/quiet@sha256:${"a".repeat(64)}`,
    );
    expect(deployment.spec.template.spec.container[0].env).toEqual([]);
  });

  it("makes the Deployment and Service wait for what it is told to", () => {
    const json2 = JSON.parse(
      Testing.synthScope((scope) => {
        const other = new ModuleWorkload(scope, "first", {
          manifest: ModuleManifestSchema.parse(quietManifest()),
          cluster: { oidcProviderArn: "a", oidcIssuer: "i" },
          region: "sa-east-1",
          accountId: "111111111111",
          roleName: "first",
          network: NETWORK,
        });
        new ModuleWorkload(scope, "second", {
          manifest: ModuleManifestSchema.parse({ ...quietManifest(), name: "@plataforma/second-module" }),
          cluster: { oidcProviderArn: "a", oidcIssuer: "i" },
          region: "sa-east-1",
          accountId: "111111111111",
          roleName: "second",
          network: NETWORK,
          dependsOn: [other.namespace],
        });
      }),
    ) as StackJson;
    const deployments = valuesOf(json2, "kubernetes_deployment_v1") as {
      metadata: { name: string };
      depends_on?: string[];
    }[];
    expect(deployments.find((d) => d.metadata.name === "second")?.depends_on).toEqual([
      expect.stringMatching(/^kubernetes_namespace_v1\.first_namespace_/),
    ]);
    expect(deployments.find((d) => d.metadata.name === "quiet")?.depends_on).toBeUndefined();
  });

  it("fails naming the construct path when a storage bucket has no real name, and for a bad role name", () => {
    const error = validationError(() => synth(vendasManifest(), { bucketNames: {}, roleName: "bad role" }));
    expect(error.constructPath).toBe("stack/mod");
    expect(error.problems.map((p) => [p.prop, p.received])).toEqual([
      ["roleName", "bad role"],
      ["bucketNames", {}],
    ]);
    expect(error.message).toMatch(/has no entry for bucket vendas_documents.*\. Fix: pass its real bucket name/);
  });

  it("labels with neutral keys by default and with the platform's own when given", () => {
    const [neutral] = valuesOf(json, "kubernetes_namespace_v1") as { metadata: { labels: Record<string, string> } }[];
    expect(neutral.metadata.labels).toMatchObject({
      "app.kubernetes.io/part-of": "platform",
      "platform.example/module-group": "business",
    });
    const own = synth(vendasManifest(), { labelling: { domain: "acme.io", partOf: "acme" } });
    const [ns] = valuesOf(own, "kubernetes_namespace_v1") as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
    }[];
    expect(ns.metadata.labels).toMatchObject({
      "app.kubernetes.io/part-of": "acme",
      "acme.io/module-group": "business",
    });
    expect(Object.keys(ns.metadata.annotations)).toEqual(["egress.acme.io/allowed-hosts"]);
    const [svc] = valuesOf(own, "kubernetes_service_v1") as { metadata: { annotations: Record<string, string> } }[];
    expect(Object.keys(svc.metadata.annotations).sort()).toEqual([
      "acme.io/content-security-policy",
      "acme.io/rate-limit-rpm",
    ]);
    const annotated = Object.values(policies(own)).flatMap((p) => Object.keys(p.metadata.annotations ?? {}));
    expect(new Set(annotated)).toEqual(new Set(["egress.acme.io/allowed-hosts"]));
  });

  it("accepts any module scope unless moduleScope restricts it", () => {
    expect(() => synth(vendasManifest(), { moduleScope: "@plataforma" })).not.toThrow();
    const error = validationError(() => synth(vendasManifest(), { moduleScope: "@acme" }));
    expect(error.problems.map((p) => [p.prop, p.received])).toEqual([["manifest.name", "@plataforma/vendas-module"]]);
    expect(error.message).toMatch(/is not in the module scope @acme.*Fix: name the module @acme\/<name>-module/);
  });

  it("re-validates manifests built by hand (library use)", () => {
    const manifest = { ...ModuleManifestSchema.parse(vendasManifest()), version: "two" };
    const props = {
      cluster: { oidcProviderArn: "a", oidcIssuer: "i" },
      region: "sa-east-1",
      accountId: "111111111111",
      roleName: "r",
    };
    expect(() =>
      Testing.synthScope((scope) => new ModuleWorkload(scope, "lib", { ...props, manifest, network: NETWORK })),
    ).toThrow(/manifest\.version: "two" is not a semantic version \(received: "two"\)\. Fix: use MAJOR/);
  });
});
