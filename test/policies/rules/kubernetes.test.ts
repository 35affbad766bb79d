import { KUBERNETES_PACK } from "../../../policies/packs/kubernetes";
import { describePack, type Part, tfStack } from "../helpers";

const NS = "${kubernetes_namespace_v1.ns.metadata[0].name}";
const D = "kubernetes_deployment_v1.app";
const H = "helm_release.chart";

const namespace = (labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted" }): Part => [
  "kubernetes_namespace_v1",
  "ns",
  { metadata: { name: "module-vendas", labels } },
];
const denyAll = (namespaceValue: unknown = NS, over: Record<string, unknown> = {}): Part => [
  "kubernetes_network_policy_v1",
  "deny",
  {
    metadata: { name: "default-deny", namespace: namespaceValue },
    spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"], ...over },
  },
];

type Values = Record<string, unknown>;
/** A container as ModuleWorkload renders it, with overrides merged into it and its security context. */
const container = (over: Values = {}, context: Values = {}): Values => ({
  name: "app",
  image: "ghcr.io/plataforma-app/vendas-module:1.4.2",
  liveness_probe: { http_get: { path: "/health", port: "http" } },
  readiness_probe: { http_get: { path: "/ready", port: "http" } },
  resources: { limits: { cpu: "250m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
  security_context: {
    allow_privilege_escalation: false,
    capabilities: { drop: ["ALL"] },
    privileged: false,
    read_only_root_filesystem: true,
    run_as_non_root: true,
    seccomp_profile: { type: "RuntimeDefault" },
    ...context,
  },
  ...over,
});
const deployment = (pod: Values = {}, containers: Values[] = [container()], meta: Values = {}): Part => [
  "kubernetes_deployment_v1",
  "app",
  {
    metadata: { name: "vendas", namespace: NS, ...meta },
    spec: {
      template: {
        metadata: { labels: { app: "vendas" } },
        spec: {
          automount_service_account_token: false,
          security_context: {
            run_as_non_root: true,
            run_as_user: "10001",
            seccomp_profile: { type: "RuntimeDefault" },
          },
          container: containers,
          ...pod,
        },
      },
    },
  },
];
const app = (...parts: Part[]) => tfStack([namespace(), denyAll(), ...parts]);
const withContainer = (over: Values, context: Values = {}) => app(deployment({}, [container(over, context)]));
const withPod = (pod: Values) => app(deployment(pod));
const release = (values: unknown[], over: Values = {}): Part => [
  "helm_release",
  "chart",
  {
    name: "chart",
    chart: "cert-manager",
    repository: "https://charts.jetstack.io",
    version: "v1.18.2",
    namespace: "cert-manager",
    values,
    ...over,
  },
];
const helm = (values: unknown[], over: Values = {}) => tfStack([release(values, over)]);
const yaml = (text: string) => helm([text]);
const service = (annotations: Values, type = "LoadBalancer"): Part => [
  "kubernetes_service_v1",
  "svc",
  { metadata: { name: "api", namespace: NS, annotations }, spec: { type, port: [{ port: 443 }] } },
];
const cronJob = (containers: Values[]): Part => [
  "kubernetes_cron_job_v1",
  "job",
  {
    metadata: { name: "report", namespace: NS },
    spec: {
      schedule: "0 3 * * *",
      job_template: {
        spec: {
          template: {
            spec: {
              automount_service_account_token: false,
              security_context: { run_as_non_root: true, seccomp_profile: { type: "RuntimeDefault" } },
              container: containers,
            },
          },
        },
      },
    },
  },
];

describePack(KUBERNETES_PACK, {
  "KUBE-PRIVILEGED": {
    ok: [
      { name: "module workload", json: app(deployment()) },
      { name: "chart values without privilege", json: helm([JSON.stringify({ replicaCount: 2 })]) },
    ],
    bad: [
      { name: "privileged container", json: withContainer({}, { privileged: true }), address: D },
      {
        name: "privileged in Helm JSON values",
        json: helm([JSON.stringify({ securityContext: { privileged: true } })]),
        address: H,
      },
      {
        name: "privileged via set",
        json: helm([], { set: [{ name: "controller.privileged", value: "true" }] }),
        address: H,
      },
    ],
  },
  "KUBE-PRIVILEGE-ESCALATION": {
    ok: [{ name: "escalation off", json: app(deployment()) }],
    bad: [
      {
        name: "unset (Kubernetes defaults to true)",
        json: withContainer({}, { allow_privilege_escalation: undefined }),
        address: D,
      },
      { name: "Helm YAML allows it", json: yaml("securityContext:\n  allowPrivilegeEscalation: true\n"), address: H },
    ],
  },
  "KUBE-HOST-NAMESPACES": {
    ok: [{ name: "no host namespaces", json: app(deployment()) }],
    bad: [
      { name: "host network", json: withPod({ host_network: true }), address: D },
      { name: "host PID", json: withPod({ host_pid: "true" }), address: D },
      { name: "Helm hostNetwork", json: yaml("controller:\n  hostNetwork: true\n"), address: H },
    ],
  },
  "KUBE-HOST-PATH": {
    ok: [{ name: "emptyDir only", json: withPod({ volume: [{ name: "tmp", empty_dir: { size_limit: "64Mi" } }] }) }],
    bad: [
      {
        name: "hostPath volume",
        json: withPod({ volume: [{ name: "docker", host_path: { path: "/var/run" } }] }),
        address: D,
      },
      {
        name: "Helm extraVolumes hostPath",
        json: yaml("extraVolumes:\n- name: h\n  hostPath:\n    path: /etc\n"),
        address: H,
      },
    ],
  },
  "KUBE-CAPABILITIES": {
    ok: [
      { name: "drop ALL", json: app(deployment()) },
      {
        name: "drop ALL, add NET_BIND_SERVICE",
        json: withContainer({}, { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }),
      },
    ],
    bad: [
      { name: "nothing dropped", json: withContainer({}, { capabilities: undefined }), address: D },
      {
        name: "SYS_ADMIN added",
        json: withContainer({}, { capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } }),
        address: D,
      },
      {
        name: "Helm adds NET_ADMIN (flow list)",
        json: yaml("securityContext:\n  capabilities:\n    add: [NET_ADMIN]\n"),
        address: H,
      },
    ],
  },
  "KUBE-RUN-AS-NON-ROOT": {
    ok: [
      { name: "pod-level non-root", json: app(deployment()) },
      { name: "container-level non-root in a cron job", json: app(cronJob([container()])) },
    ],
    bad: [
      {
        name: "container overrides to root",
        json: withContainer({}, { run_as_non_root: false }),
        address: D,
      },
      { name: "run_as_user 0", json: withContainer({}, { run_as_user: "0" }), address: D },
      {
        name: "no non-root anywhere",
        json: app(deployment({ security_context: undefined }, [container({}, { run_as_non_root: undefined })])),
        address: D,
      },
      { name: "Helm runAsUser 0", json: helm([JSON.stringify({ podSecurityContext: { runAsUser: 0 } })]), address: H },
    ],
  },
  "KUBE-IMAGE-PINNED": {
    ok: [
      { name: "version tag", json: app(deployment()) },
      { name: "digest", json: withContainer({ image: `ghcr.io/x/app@sha256:${"a".repeat(64)}` }) },
      { name: "registry with a port and a tag", json: withContainer({ image: "registry.local:5000/app:2.1.0" }) },
    ],
    bad: [
      { name: "latest", json: withContainer({ image: "ghcr.io/x/app:latest" }), address: D },
      { name: "no tag", json: withContainer({ image: "registry.local:5000/app" }), address: D },
      { name: "Helm image.tag latest", json: yaml("image:\n  repository: x/y\n  tag: latest\n"), address: H },
    ],
  },
  "KUBE-RESOURCES": {
    ok: [{ name: "requests and limits", json: app(deployment()) }],
    bad: [
      { name: "no resources", json: withContainer({ resources: undefined }), address: D },
      {
        name: "no CPU limit",
        json: withContainer({ resources: { limits: { memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } } }),
        address: D,
      },
    ],
  },
  "KUBE-PROBES": {
    ok: [
      { name: "both probes", json: app(deployment()) },
      {
        name: "a cron job needs none",
        json: app(cronJob([container({ liveness_probe: undefined, readiness_probe: undefined })])),
      },
    ],
    bad: [
      { name: "no readiness probe", json: withContainer({ readiness_probe: undefined }), address: D },
      { name: "no liveness probe", json: withContainer({ liveness_probe: undefined }), address: D },
    ],
  },
  "KUBE-SA-TOKEN-AUTOMOUNT": {
    ok: [
      { name: "pod opts out", json: app(deployment()) },
      {
        name: "service account opts out",
        json: tfStack([
          [
            "kubernetes_service_account_v1",
            "sa",
            { metadata: { name: "a", namespace: NS }, automount_service_account_token: false },
          ],
        ]),
      },
    ],
    bad: [
      { name: "pod default (true)", json: withPod({ automount_service_account_token: undefined }), address: D },
      {
        name: "service account default",
        json: tfStack([["kubernetes_service_account_v1", "sa", { metadata: { name: "a", namespace: NS } }]]),
        address: "kubernetes_service_account_v1.sa",
      },
    ],
  },
  "KUBE-DEFAULT-NAMESPACE": {
    ok: [
      { name: "own namespace", json: app(deployment()) },
      { name: "chart in its namespace", json: helm([]) },
    ],
    bad: [
      { name: "namespace unset", json: tfStack([deployment({}, [container()], { namespace: undefined })]), address: D },
      {
        name: "explicit default",
        json: tfStack([deployment({}, [container()], { namespace: "default" })]),
        address: D,
      },
      { name: "chart without namespace", json: helm([], { namespace: undefined }), address: H },
    ],
  },
  "KUBE-LB-INTERNAL": {
    ok: [
      {
        name: "internal scheme",
        json: tfStack([service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })]),
      },
      { name: "ClusterIP service", json: tfStack([service({}, "ClusterIP")]) },
    ],
    bad: [
      { name: "internet-facing", json: tfStack([service({})]), address: "kubernetes_service_v1.svc" },
      {
        name: "explicit internet-facing scheme",
        json: tfStack([service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" })]),
        address: "kubernetes_service_v1.svc",
      },
    ],
  },
  "KUBE-NETWORK-POLICY": {
    ok: [
      { name: "default deny by namespace reference", json: app(deployment()) },
      {
        name: "default deny by literal namespace",
        json: tfStack([
          namespace(),
          denyAll("module-vendas"),
          deployment({}, [container()], { namespace: "module-vendas" }),
        ]),
      },
    ],
    bad: [
      { name: "no policy", json: tfStack([namespace(), deployment()]), address: D },
      {
        name: "ingress-only deny",
        json: tfStack([namespace(), denyAll(NS, { policy_types: ["Ingress"] }), deployment()]),
        address: D,
      },
      {
        name: "policy selecting some pods only",
        json: tfStack([namespace(), denyAll(NS, { pod_selector: { match_labels: { app: "x" } } }), deployment()]),
        address: D,
      },
    ],
  },
  "KUBE-READ-ONLY-ROOT-FS": {
    ok: [{ name: "read-only root", json: app(deployment()) }],
    bad: [{ name: "writable root", json: withContainer({}, { read_only_root_filesystem: undefined }), address: D }],
  },
  "KUBE-SECCOMP": {
    ok: [
      { name: "pod RuntimeDefault", json: app(deployment({}, [container({}, { seccomp_profile: undefined })])) },
      { name: "container Localhost", json: withContainer({}, { seccomp_profile: { type: "Localhost" } }) },
    ],
    bad: [
      {
        name: "Unconfined container",
        json: withContainer({}, { seccomp_profile: { type: "Unconfined" } }),
        address: D,
      },
      {
        name: "unset everywhere",
        json: app(
          deployment({ security_context: { run_as_non_root: true } }, [container({}, { seccomp_profile: undefined })]),
        ),
        address: D,
      },
    ],
  },
  "KUBE-NAMESPACE-PSS": {
    ok: [{ name: "restricted", json: tfStack([namespace()]) }],
    bad: [
      { name: "no label", json: tfStack([namespace({})]), address: "kubernetes_namespace_v1.ns" },
      {
        name: "baseline only",
        json: tfStack([namespace({ "pod-security.kubernetes.io/enforce": "baseline" })]),
        address: "kubernetes_namespace_v1.ns",
      },
    ],
  },
  "KUBE-HELM-VALUES-READABLE": {
    ok: [
      { name: "JSON values", json: helm([JSON.stringify({ replicaCount: 2, clusterName: "${var.cluster}" })]) },
      { name: "YAML values", json: yaml("replicaCount: 2\n") },
    ],
    bad: [
      { name: "values from file()", json: helm(['${file("values.yaml")}']), address: H },
      { name: "values from templatefile()", json: helm(['${templatefile("v.tpl", {})}']), address: H },
    ],
  },
  "KUBE-HELM-CHART-PINNED": {
    ok: [
      { name: "exact version from HTTPS", json: helm([]) },
      {
        name: "OCI chart",
        json: helm([], { repository: undefined, chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.6.0" }),
      },
      {
        name: "local chart shipped as a stack asset",
        json: helm([], {
          repository: undefined,
          chart: "assets/node-pools-chart_4F2966A6/90AD76AE",
          version: undefined,
        }),
      },
    ],
    bad: [
      { name: "no version", json: helm([], { version: undefined }), address: H },
      { name: "version range", json: helm([], { version: "^1.18.0" }), address: H },
      { name: "plain HTTP repository", json: helm([], { repository: "http://charts.example.com" }), address: H },
      {
        name: "local path outside the assets",
        json: helm([], { repository: undefined, chart: "./charts/x" }),
        address: H,
      },
    ],
  },
});
