/**
 * The Kubernetes rules over resources built with the real provider classes (deep imports),
 * so the synthesized block shapes the rules read are the ones cdktf actually writes: an
 * insecure DaemonSet, Service and Helm release are each flagged, a compliant Deployment
 * beside them in its own namespace gets no finding.
 */
import { Release } from "@cdktf/provider-helm/lib/release";
import { DaemonSetV1 } from "@cdktf/provider-kubernetes/lib/daemon-set-v1";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { App, TerraformStack, Testing } from "cdktf";
import { evaluate } from "../../policies/engine";
import { KUBERNETES_PACK } from "../../policies/packs/kubernetes";
import { PROD } from "./helpers";

function synth(): unknown {
  const app = new App();
  const stack = new TerraformStack(app, "production-sa-east-1-platform");
  new KubernetesProvider(stack, "kubernetes", {});
  const ns = new NamespaceV1(stack, "ns", {
    metadata: { name: "module-vendas", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
  });
  new NetworkPolicyV1(stack, "deny", {
    metadata: { name: "default-deny", namespace: ns.metadata.name },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  new DeploymentV1(stack, "good", {
    metadata: { name: "vendas", namespace: ns.metadata.name },
    spec: {
      selector: { matchLabels: { app: "vendas" } },
      template: {
        metadata: { labels: { app: "vendas" } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: "10001", seccompProfile: { type: "RuntimeDefault" } },
          container: [
            {
              name: "app",
              image: "ghcr.io/plataforma-app/vendas-module:1.4.2",
              livenessProbe: { httpGet: { path: "/health", port: "3000" } },
              readinessProbe: { httpGet: { path: "/ready", port: "3000" } },
              resources: { limits: { cpu: "250m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
            },
          ],
        },
      },
    },
  });
  new DaemonSetV1(stack, "bad", {
    metadata: { name: "agent" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: {
          hostNetwork: true,
          volume: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }],
          container: [{ name: "agent", image: "agent:latest", securityContext: { privileged: true } }],
        },
      },
    },
  });
  new ServiceV1(stack, "public", {
    metadata: { name: "api", namespace: ns.metadata.name },
    spec: { type: "LoadBalancer", port: [{ port: 443 }], selector: { app: "vendas" } },
  });
  new Release(stack, "chart", {
    name: "agent",
    chart: "agent",
    repository: "https://charts.example.com",
    namespace: "agent",
    values: [JSON.stringify({ securityContext: { runAsUser: 0 }, image: { tag: "latest" } })],
  });
  return JSON.parse(Testing.synth(stack)) as unknown;
}

describe("Kubernetes rules over real provider classes", () => {
  const report = evaluate([{ name: "production-sa-east-1-platform", json: synth(), context: PROD }], {
    packs: [KUBERNETES_PACK],
    today: "2026-11-23",
  });
  const at = (address: string) => new Set(report.findings.filter((f) => f.address === address).map((f) => f.ruleId));

  it("flags each defect of the insecure DaemonSet", () => {
    const found = at("kubernetes_daemon_set_v1.bad");
    for (const id of [
      "KUBE-PRIVILEGED",
      "KUBE-HOST-NAMESPACES",
      "KUBE-HOST-PATH",
      "KUBE-IMAGE-PINNED",
      "KUBE-RESOURCES",
      "KUBE-PROBES",
      "KUBE-RUN-AS-NON-ROOT",
      "KUBE-PRIVILEGE-ESCALATION",
      "KUBE-CAPABILITIES",
      "KUBE-READ-ONLY-ROOT-FS",
      "KUBE-SECCOMP",
      "KUBE-SA-TOKEN-AUTOMOUNT",
      "KUBE-DEFAULT-NAMESPACE",
      "KUBE-NETWORK-POLICY",
    ])
      expect([id, found.has(id)]).toEqual([id, true]);
  });

  it("flags the public Service and the unpinned, root-running Helm release", () => {
    expect([...at("kubernetes_service_v1.public")]).toEqual(["KUBE-LB-INTERNAL"]);
    expect([...at("helm_release.chart")].sort()).toEqual([
      "KUBE-HELM-CHART-PINNED",
      "KUBE-IMAGE-PINNED",
      "KUBE-RUN-AS-NON-ROOT",
    ]);
  });

  it("leaves the compliant Deployment, its namespace and network policy alone", () => {
    expect(at("kubernetes_deployment_v1.good")).toEqual(new Set());
    expect(at("kubernetes_namespace_v1.ns")).toEqual(new Set());
  });
});
