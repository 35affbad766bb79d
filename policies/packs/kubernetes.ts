import { capabilities } from "../rules/kubernetes/capabilities";
import { defaultNamespace } from "../rules/kubernetes/default-namespace";
import { helmChartPinned } from "../rules/kubernetes/helm-chart-pinned";
import { helmValuesReadable } from "../rules/kubernetes/helm-values-readable";
import { hostNamespaces } from "../rules/kubernetes/host-namespaces";
import { hostPath } from "../rules/kubernetes/host-path";
import { imagePinned } from "../rules/kubernetes/image-pinned";
import { loadBalancerInternal } from "../rules/kubernetes/load-balancer-internal";
import { namespacePodSecurity } from "../rules/kubernetes/namespace-pod-security";
import { networkPolicyCoverage } from "../rules/kubernetes/network-policy-coverage";
import { privilegeEscalation } from "../rules/kubernetes/privilege-escalation";
import { privilegedContainer } from "../rules/kubernetes/privileged-container";
import { probes } from "../rules/kubernetes/probes";
import { readOnlyRootFilesystem } from "../rules/kubernetes/read-only-root-filesystem";
import { resources } from "../rules/kubernetes/resources";
import { runAsNonRoot } from "../rules/kubernetes/run-as-non-root";
import { seccompProfile } from "../rules/kubernetes/seccomp-profile";
import { serviceAccountToken } from "../rules/kubernetes/service-account-token";
import type { Pack } from "../types";

const PSS = "the Pod Security Standards' restricted profile";

/**
 * Kubernetes workloads and Helm values of the platform stacks: the restricted Pod Security
 * Standard and kube-linter's default checks, over synthesized `kubernetes_*` resources and
 * `helm_release` values (the only check they get: no kubernetes provider binary runs here).
 */
export const KUBERNETES_PACK: Pack = {
  name: "kubernetes",
  description:
    "Pod Security Standards (restricted) and kube-linter defaults over kubernetes_* resources and Helm values: " +
    "no privilege, no host access, non-root, pinned images, limits, probes, isolated namespaces",
  rules: [
    {
      scope: "stack",
      check: privilegedContainer,
      id: "KUBE-PRIVILEGED",
      severity: "error",
      title: "No container runs privileged",
      why: "A privileged container has every device and capability of the node: one escape owns every pod there.",
      fix: "Remove privileged (or set false) in security_context; Helm values must not set privileged: true.",
      checkov: ["CKV_K8S_16"],
      trivy: ["KSV017"],
      kubeLinter: ["privileged-container"],
    },
    {
      scope: "stack",
      check: privilegeEscalation,
      id: "KUBE-PRIVILEGE-ESCALATION",
      severity: "error",
      title: "Containers forbid privilege escalation",
      why: `Kubernetes allows escalation by default: a setuid binary gains root. ${PSS} requires false.`,
      fix: "Set security_context.allow_privilege_escalation = false on every container.",
      checkov: ["CKV_K8S_20"],
      trivy: ["KSV001"],
      kubeLinter: ["privilege-escalation-container"],
    },
    {
      scope: "stack",
      check: hostNamespaces,
      id: "KUBE-HOST-NAMESPACES",
      severity: "error",
      title: "Pods share no host namespace (network, PID, IPC)",
      why: "Host namespaces let a pod sniff node traffic, signal node processes and read shared memory.",
      fix: "Remove host_network, host_pid and host_ipc (or set false); Helm values must not set them true.",
      checkov: ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"],
      trivy: ["KSV008", "KSV009", "KSV010"],
      kubeLinter: ["host-network", "host-pid", "host-ipc"],
    },
    {
      scope: "stack",
      check: hostPath,
      id: "KUBE-HOST-PATH",
      severity: "error",
      title: "Pods mount no hostPath volume",
      why: "A hostPath exposes the node's files, container runtime socket and kubelet credentials to the pod.",
      fix: "Use emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret volume instead.",
      trivy: ["KSV023"],
    },
    {
      scope: "stack",
      check: capabilities,
      id: "KUBE-CAPABILITIES",
      severity: "error",
      title: "Containers drop ALL capabilities and add back at most NET_BIND_SERVICE",
      why: `Default capabilities include NET_RAW (spoofing) and others an app never needs. ${PSS} drops them.`,
      fix: 'Set security_context.capabilities { drop = ["ALL"] } and add only NET_BIND_SERVICE when binding < 1024.',
      checkov: ["CKV_K8S_37"],
      trivy: ["KSV003", "KSV022"],
    },
    {
      scope: "stack",
      check: runAsNonRoot,
      id: "KUBE-RUN-AS-NON-ROOT",
      severity: "error",
      title: "Containers run as a non-root user",
      why: "Root in the container is root on the node after any runtime escape.",
      fix:
        "Set run_as_non_root = true and a non-zero run_as_user on the pod or container security_context; Helm " +
        "values must not set runAsUser: 0.",
      checkov: ["CKV_K8S_23"],
      trivy: ["KSV012", "KSV105"],
      kubeLinter: ["run-as-non-root"],
    },
    {
      scope: "stack",
      check: imagePinned,
      id: "KUBE-IMAGE-PINNED",
      severity: "error",
      title: "Container images are pinned (digest or fixed tag, never latest)",
      why: "latest (or no tag) runs whatever was pushed last: unreviewed, and different on every node restart.",
      fix: "Reference images by digest (@sha256:...) or by an immutable version tag (the module's version).",
      checkov: ["CKV_K8S_14"],
      trivy: ["KSV013"],
      kubeLinter: ["latest-tag"],
    },
    {
      scope: "stack",
      check: resources,
      id: "KUBE-RESOURCES",
      severity: "error",
      title: "Containers request and limit CPU and memory",
      why: "Without requests the scheduler overcommits nodes; without limits one leaking pod starves its neighbours.",
      fix: "Set resources { requests = { cpu, memory }, limits = { cpu, memory } } on every container.",
      checkov: ["CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13"],
      trivy: ["KSV011", "KSV015", "KSV016", "KSV018"],
      kubeLinter: ["unset-cpu-requirements", "unset-memory-requirements"],
    },
    {
      scope: "stack",
      check: probes,
      id: "KUBE-PROBES",
      severity: "error",
      title: "Long-running containers declare liveness and readiness probes",
      why: "Without readiness, rollouts send traffic to pods that cannot serve; without liveness, hangs never heal.",
      fix: "Add liveness_probe and readiness_probe (http_get on the module's /health and /ready).",
      checkov: ["CKV_K8S_8", "CKV_K8S_9"],
      kubeLinter: ["no-liveness-probe", "no-readiness-probe"],
    },
    {
      scope: "stack",
      check: serviceAccountToken,
      id: "KUBE-SA-TOKEN-AUTOMOUNT",
      severity: "error",
      title: "Pods and service accounts do not automount API tokens",
      why: "A mounted token lets anyone who runs code in the pod call the Kubernetes API as its service account.",
      fix:
        "Set automount_service_account_token = false on the pod spec and the service account (IRSA's AWS token " +
        "is mounted separately); mount a projected token only where the API is called.",
      checkov: ["CKV_K8S_38"],
      trivy: ["KSV036"],
    },
    {
      scope: "stack",
      check: defaultNamespace,
      id: "KUBE-DEFAULT-NAMESPACE",
      severity: "error",
      title: "Nothing is deployed to the default namespace",
      why: "default has no network policy, quota or Pod Security label of its own, and mixes every owner's objects.",
      fix: "Set metadata.namespace (and helm_release namespace) to the workload's own namespace.",
      checkov: ["CKV_K8S_21"],
      trivy: ["KSV110"],
    },
    {
      scope: "stack",
      check: loadBalancerInternal,
      id: "KUBE-LB-INTERNAL",
      severity: "error",
      title: "LoadBalancer Services are internal",
      why: "An internet-facing Service load balancer bypasses CloudFront, WAF and the ingress's TLS and rate limits.",
      fix:
        'Annotate the Service with service.beta.kubernetes.io/aws-load-balancer-scheme: "internal" or expose it ' +
        "through the ingress.",
    },
    {
      scope: "stack",
      check: networkPolicyCoverage,
      id: "KUBE-NETWORK-POLICY",
      severity: "error",
      title: "Every namespace with workloads has a default-deny NetworkPolicy",
      why: "Without one, every pod accepts traffic from and sends traffic to anything in the cluster and beyond.",
      fix:
        "Add a kubernetes_network_policy_v1 in the namespace with pod_selector {} and policy_types " +
        '["Ingress", "Egress"], then allow what the workload needs (ModuleWorkload does).',
      kubeLinter: ["non-isolated-pod"],
    },
    {
      scope: "stack",
      check: readOnlyRootFilesystem,
      id: "KUBE-READ-ONLY-ROOT-FS",
      severity: "error",
      title: "Containers run with a read-only root filesystem",
      why: "A writable root lets an intruder drop tools and persist; apps write to mounted volumes instead.",
      fix: "Set security_context.read_only_root_filesystem = true and mount an emptyDir where the app writes.",
      checkov: ["CKV_K8S_22"],
      trivy: ["KSV014"],
      kubeLinter: ["no-read-only-root-fs"],
    },
    {
      scope: "stack",
      check: seccompProfile,
      id: "KUBE-SECCOMP",
      severity: "error",
      title: "Containers run under the RuntimeDefault (or a Localhost) seccomp profile",
      why: `Without seccomp every syscall reaches the node's kernel. ${PSS} requires RuntimeDefault or Localhost.`,
      fix: 'Set security_context.seccomp_profile { type = "RuntimeDefault" } on the pod or container.',
      checkov: ["CKV_K8S_31"],
      trivy: ["KSV030"],
    },
    {
      scope: "stack",
      check: namespacePodSecurity,
      id: "KUBE-NAMESPACE-PSS",
      severity: "error",
      title: "Namespaces enforce the restricted Pod Security Standard",
      why: "The label makes the API server refuse non-compliant pods from any source: charts, kubectl, operators.",
      fix: 'Label the namespace pod-security.kubernetes.io/enforce: "restricted" (and audit/warn likewise).',
    },
    {
      scope: "stack",
      check: helmValuesReadable,
      id: "KUBE-HELM-VALUES-READABLE",
      severity: "error",
      title: "Helm values are readable at synth time",
      why: "The Kubernetes rules check chart values; values hidden behind file()/templatefile() cannot be checked.",
      fix: "Pass values as literal documents (JSON.stringify of an object, or YAML text) and set entries.",
    },
    {
      scope: "stack",
      check: helmChartPinned,
      id: "KUBE-HELM-CHART-PINNED",
      severity: "error",
      title: "Helm releases pin an exact chart version from an HTTPS or OCI repository",
      why: "An unpinned chart installs whatever was published last, unreviewed, on the next apply.",
      fix: 'Set version = "x.y.z" and repository = "https://..." (or an oci:// chart).',
    },
  ],
};
