import {
  DeploymentV1,
  type DeploymentV1SpecTemplateSpecContainerLivenessProbe,
} from "@cdktf/provider-kubernetes/lib/deployment-v1";
import {
  HorizontalPodAutoscalerV2,
  type HorizontalPodAutoscalerV2SpecBehaviorScaleUp,
} from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { IrsaRole } from "../cluster/irsa-role";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import {
  allowedHostsAnnotation,
  cspAnnotation,
  DEFAULT_LABEL_DOMAIN,
  DEFAULT_PART_OF,
  type ModuleLabelling,
  moduleGroupLabel,
  rateLimitAnnotation,
} from "./labelling";
import { type ModuleManifest, ModuleManifestSchema, moduleShortName } from "./manifest-schema";
import { type DatabaseGrant, databaseGrants, moduleStatements } from "./module-iam";
import { ModuleNetworkPolicies } from "./module-network-policies";
import { mustParsePermissions, type Permission } from "./permissions";

/** The cluster a module runs in, as the cluster stack exports it. */
export interface ModuleCluster {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** OIDC issuer without the scheme. */
  readonly oidcIssuer: string;
}

/** Where the module's traffic may come from and go to. */
export interface ModuleNetwork {
  /** Database subnet CIDRs of the region's VPC (databases and caches). */
  readonly databaseCidrs: readonly string[];
  /** Private subnet CIDRs, where the interface VPC endpoints for AWS APIs live. */
  readonly awsEndpointCidrs: readonly string[];
  /**
   * AWS services with an interface endpoint in the region (`sts`, `s3`,
   * `secretsmanager`, ...). When a module needs one that is missing, or a bucket in
   * another region, its AWS calls leave through NAT: egress 443 to public addresses.
   * @default - every service has an endpoint
   */
  readonly privateAwsServices?: readonly string[];
  /** Public subnet CIDRs (load balancer ENIs in IP target mode). @default - none */
  readonly loadBalancerCidrs?: readonly string[];
  /** @default "ingress" */
  readonly ingressNamespace?: string;
  /**
   * Namespace of the Prometheus that scrapes modules; their metrics port (else `http`)
   * admits it. @default - none: nothing outside the ingress reaches the pods
   */
  readonly scrapeNamespace?: string;
  /** @default [5432] */
  readonly databasePorts?: readonly number[];
  /** @default [6379] */
  readonly eventBusPorts?: readonly number[];
}

/** Node group the module pods must run on. */
export interface ModuleNodeGroup {
  /** Node labels the pods require (node affinity). */
  readonly labels: Readonly<Record<string, string>>;
  /** The group's taint, which the pods tolerate. */
  readonly taint: {
    readonly key: string;
    readonly value: string;
    readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
  };
}

/** Seed 001's modules node group: label `role=modules`, taint `workload=modules:NoSchedule`. */
export const MODULES_NODE_GROUP: ModuleNodeGroup = {
  labels: { role: "modules" },
  taint: { key: "workload", value: "modules", effect: "NoSchedule" },
};

/** UID/GID the module container runs as (non-root, outside the host's system range). */
export const DEFAULT_RUN_AS_USER = 10001;
/** Disruptions a budget allows at once; matches the rollout's maxUnavailable of 1. */
export const DEFAULT_PDB_MAX_UNAVAILABLE = "1";
/** Pod Security Standard every module namespace enforces. */
export const POD_SECURITY_LEVEL = "restricted";

/** Properties of {@link ModuleWorkload}. */
export interface ModuleWorkloadProps {
  /** The validated manifest, environment overrides applied. */
  readonly manifest: ModuleManifest;
  /** The cluster whose OIDC provider the module role trusts. */
  readonly cluster: ModuleCluster;
  /** Region the pods run in (secret names resolve there). */
  readonly region: string;
  /** The module's AWS account (secret ARNs resolve there). */
  readonly accountId: string;
  /** IAM role name; unique in the account, at most 64 characters. */
  readonly roleName: string;
  /** Real bucket name per logical bucket; must cover every storage permission. @default - none */
  readonly bucketNames?: Readonly<Record<string, string>>;
  /** KMS key ARN per logical bucket using a customer managed key. @default - none (SSE-S3) */
  readonly bucketKeyArns?: Readonly<Record<string, string>>;
  /** The region's cache, for modules that declared `events:*`. @default - no cache access */
  readonly cache?: { readonly replicationGroupArn: string; readonly userArn: string };
  /** Region of the catalog's buckets (the environment's primary). @default - `region` */
  readonly bucketRegion?: string;
  /** Address ranges and ports the network policies open. */
  readonly network: ModuleNetwork;
  /** @default MODULES_NODE_GROUP */
  readonly nodeGroup?: ModuleNodeGroup;
  /** @default DEFAULT_RUN_AS_USER */
  readonly runAsUser?: number;
  /**
   * What the Deployment and Service wait for, e.g. the load balancer controller's release
   * (its webhooks reject Services until it runs). @default - nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Label and annotation naming of the platform. @default - DEFAULT_LABEL_DOMAIN and DEFAULT_PART_OF */
  readonly labelling?: ModuleLabelling;
  /**
   * npm scope the manifest's name must be in, e.g. `@example`: a platform that accepts
   * only its own modules says so here. @default - any scope
   */
  readonly moduleScope?: string;
}

/** The AWS services a module calls (with the region each is called in), given its permissions. */
function awsServices(
  permissions: readonly Permission[],
  secretCount: number,
  region: string,
  bucketRegion: string,
): { service: string; region: string }[] {
  const storage = permissions.some((p) => p.kind === "storage");
  if (!storage && secretCount === 0) return [];
  return [
    { service: "sts", region },
    ...(storage ? [{ service: "s3", region: bucketRegion }] : []),
    ...(secretCount > 0 ? [{ service: "secretsmanager", region }] : []),
  ];
}

function probe(p: ModuleManifest["probes"]["liveness"]): DeploymentV1SpecTemplateSpecContainerLivenessProbe {
  return {
    httpGet: { path: p.path, port: p.port },
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    failureThreshold: p.failureThreshold,
  };
}

function scaling(
  rules: ModuleManifest["autoscaling"]["behavior"]["scaleUp"],
): HorizontalPodAutoscalerV2SpecBehaviorScaleUp {
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds,
    selectPolicy: rules.selectPolicy,
    policy: rules.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })),
  };
}

/** Name, namespace, labels and pod selector every object of a module carries. */
interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector: Readonly<Record<string, string>>;
}

function metadata(meta: ObjectMeta) {
  return { name: meta.name, namespace: meta.namespace, labels: meta.labels };
}

/** Entries sorted by key, so env vars and ports render in a stable order. */
function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** A manifest schema issue as a props problem (the schema's messages end with their fix). */
function manifestProblem(issue: {
  readonly path: PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
}): PropProblem {
  const [message, fix] = issue.message.split(". Fix: ", 2);
  return {
    prop: `manifest.${issue.path.map(String).join(".")}`,
    message,
    received: issue.input,
    fix: fix ?? "correct the manifest; parseModuleManifest checks it with the same rules",
  };
}

/**
 * One application module compiled to least-privilege Kubernetes: a namespace enforcing
 * the `restricted` Pod Security Standard; a service account bound to an IAM role (IRSA)
 * granting exactly the declared storage and secret permissions; a hardened Deployment
 * (non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp) pinned
 * to the modules node group and spread across zones; a Service; an HPA with the seeds'
 * scaling behaviour; a PodDisruptionBudget; and default-deny network policies.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import type { EksCluster } from "@plataforma/infra/constructs/cluster";
 * import type { RegionalNetwork } from "@plataforma/infra/constructs/network";
 * import { ModuleWorkload, parseModuleManifest } from "@plataforma/infra/constructs/workloads";
 *
 * declare const net: RegionalNetwork;
 * declare const eks: EksCluster; // the stack's kubernetes provider targets it
 *
 * const manifest = parseModuleManifest(JSON.parse(readFileSync("modules/vendas/manifest.json", "utf8")));
 * const vendas = new ModuleWorkload(stack, "module-vendas", {
 *   manifest,
 *   cluster: { oidcProviderArn: eks.oidcProvider.arn, oidcIssuer: eks.oidcIssuer },
 *   region: "sa-east-1",
 *   accountId: "123456789012",
 *   roleName: "orders-production-sa-east-1-module-vendas",
 *   bucketNames: { vendas_documents: "orders-production-vendas-documents" },
 *   network: {
 *     databaseCidrs: Object.values(net.subnetPlan.database),
 *     awsEndpointCidrs: Object.values(net.subnetPlan.private),
 *     loadBalancerCidrs: Object.values(net.subnetPlan.public),
 *   },
 *   moduleScope: "@example",
 * });
 * const serviceName = vendas.service.metadata.name;
 * ```
 */
export class ModuleWorkload extends Construct {
  /** Short name (`vendas`). */
  readonly shortName: string;
  /** DNS prefix of the labels and annotations this module's objects carry. */
  readonly labelDomain: string;
  /** `module-<short name>`, enforcing the restricted Pod Security Standard. */
  readonly namespace: NamespaceV1;
  /** The IRSA role of the module's service account. */
  readonly role: IrsaRole;
  /** The module's service account, annotated with the role. */
  readonly serviceAccount: ServiceAccountV1;
  /** The module's hardened Deployment. */
  readonly deployment: DeploymentV1;
  /** ClusterIP Service over every declared port. */
  readonly service: ServiceV1;
  /** autoscaling/v2 HPA with the manifest's behaviour. */
  readonly autoscaler: HorizontalPodAutoscalerV2;
  /** Keeps all but one pod up during voluntary disruptions. */
  readonly disruptionBudget: PodDisruptionBudgetV1;
  /** Default-deny plus one allow policy per declared need. */
  readonly networkPolicies: ModuleNetworkPolicies;
  /** Grants the data layer must create for this module (see {@link databaseGrants}). */
  readonly databaseGrants: readonly DatabaseGrant[];

  constructor(scope: Construct, id: string, props: ModuleWorkloadProps) {
    super(scope, id);
    const permissions = this.validate(props);
    const m = props.manifest;
    const short = moduleShortName(m.name);
    this.shortName = short;
    const selector = { "app.kubernetes.io/name": short };
    this.labelDomain = props.labelling?.domain ?? DEFAULT_LABEL_DOMAIN;
    const labels = {
      ...selector,
      "app.kubernetes.io/part-of": props.labelling?.partOf ?? DEFAULT_PART_OF,
      "app.kubernetes.io/version": m.version,
      [moduleGroupLabel(this.labelDomain)]: m.group,
    };
    const externalHosts = permissions.flatMap((p) => (p.kind === "api-external" ? [p.host] : []));
    this.namespace = this.createNamespace(labels, externalHosts);
    // Referencing the namespace resource (not the literal) orders every object after it.
    const meta: ObjectMeta = { name: short, namespace: this.namespace.metadata.name, labels, selector };
    this.role = this.createRole(props, permissions);
    this.serviceAccount = new ServiceAccountV1(this, "service-account", {
      metadata: { ...metadata(meta), annotations: { "eks.amazonaws.com/role-arn": this.role.role.arn } },
      // Modules never call the Kubernetes API; the IRSA token is projected separately.
      automountServiceAccountToken: false,
    });
    const dependsOn = props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined;
    this.deployment = this.createDeployment(props, meta, dependsOn);
    this.service = this.createService(m, meta, dependsOn);
    this.autoscaler = this.createAutoscaler(m, meta);
    this.disruptionBudget = new PodDisruptionBudgetV1(this, "disruption-budget", {
      metadata: metadata(meta),
      spec: { maxUnavailable: DEFAULT_PDB_MAX_UNAVAILABLE, selector: { matchLabels: selector } },
    });
    this.networkPolicies = this.createNetworkPolicies(props, permissions, meta, externalHosts);
    this.databaseGrants = databaseGrants(short, permissions);
  }

  /** Checks the props and returns the manifest's parsed permissions. */
  private validate(props: ModuleWorkloadProps): Permission[] {
    const parsed = ModuleManifestSchema.safeParse(props.manifest, { reportInput: true });
    const problems: PropProblem[] = parsed.success ? [] : parsed.error.issues.map(manifestProblem);
    if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
      problems.push({
        prop: "roleName",
        message: "is not a valid IAM role name",
        received: props.roleName,
        fix: "use at most 64 letters, digits and +=,.@_-",
      });
    }
    const permissions = parsed.success ? mustParsePermissions(props.manifest.security.permissions) : [];
    for (const p of permissions) {
      if (p.kind === "storage" && !props.bucketNames?.[p.bucket]) {
        problems.push({
          prop: "bucketNames",
          message: `has no entry for bucket ${p.bucket}, which a storage permission names`,
          received: props.bucketNames,
          fix: "pass its real bucket name in bucketNames",
        });
      }
    }
    if (props.moduleScope !== undefined && !props.manifest.name.startsWith(`${props.moduleScope}/`)) {
      problems.push({
        prop: "manifest.name",
        message: `is not in the module scope ${props.moduleScope}`,
        received: props.manifest.name,
        fix: `name the module ${props.moduleScope}/<name>-module, or leave moduleScope unset`,
      });
    }
    throwIfInvalid(this, problems);
    return permissions;
  }

  /** `module-<short name>`, enforcing the restricted Pod Security Standard. */
  private createNamespace(labels: Readonly<Record<string, string>>, externalHosts: readonly string[]): NamespaceV1 {
    return new NamespaceV1(this, "namespace", {
      metadata: {
        name: `module-${this.shortName}`,
        labels: {
          ...labels,
          "pod-security.kubernetes.io/enforce": POD_SECURITY_LEVEL,
          "pod-security.kubernetes.io/audit": POD_SECURITY_LEVEL,
          "pod-security.kubernetes.io/warn": POD_SECURITY_LEVEL,
        },
        annotations:
          externalHosts.length > 0
            ? { [allowedHostsAnnotation(this.labelDomain)]: [...externalHosts].sort().join(",") }
            : undefined,
      },
    });
  }

  /** The IRSA role: exactly the declared storage, secret and cache permissions. */
  private createRole(props: ModuleWorkloadProps, permissions: readonly Permission[]): IrsaRole {
    return new IrsaRole(this, "role", {
      roleName: props.roleName,
      oidcProviderArn: props.cluster.oidcProviderArn,
      oidcIssuer: props.cluster.oidcIssuer,
      namespace: `module-${this.shortName}`,
      serviceAccount: this.shortName,
      statements: moduleStatements({
        permissions,
        secrets: props.manifest.secrets,
        bucketNames: props.bucketNames ?? {},
        bucketKeyArns: props.bucketKeyArns,
        bucketRegion: props.bucketRegion,
        cache: props.cache,
        region: props.region,
        accountId: props.accountId,
      }),
    });
  }

  private createDeployment(
    props: ModuleWorkloadProps,
    meta: ObjectMeta,
    dependsOn?: ITerraformDependable[],
  ): DeploymentV1 {
    const m = props.manifest;
    const short = meta.name;
    const selector = meta.selector;
    const nodeGroup = props.nodeGroup ?? MODULES_NODE_GROUP;
    const uid = String(props.runAsUser ?? DEFAULT_RUN_AS_USER);
    const env = [
      ...sortedEntries(m.env).map(([name, value]) => ({ name, value })),
      ...sortedEntries(m.secrets).map(([name, ref]) => ({ name: `${name}_SECRET_ID`, value: ref })),
    ];
    const reference = m.image.digest ? `@${m.image.digest}` : `:${m.image.tag}`;
    const image = `${m.image.registry}/${m.image.repository}${reference}`;
    const scratch = "tmp";
    return new DeploymentV1(this, "deployment", {
      dependsOn,
      metadata: metadata(meta),
      spec: {
        // The HPA owns the replica count after creation (see lifecycle below).
        replicas: String(m.autoscaling.minReplicas),
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: String(m.rollout.maxUnavailable), maxSurge: String(m.rollout.maxSurge) },
        },
        template: {
          metadata: { labels: meta.labels },
          spec: {
            serviceAccountName: short,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: uid,
              runAsGroup: uid,
              fsGroup: uid,
              seccompProfile: { type: "RuntimeDefault" },
            },
            container: [
              {
                name: short,
                image,
                imagePullPolicy: "IfNotPresent",
                port: sortedEntries(m.ports).map(([name, port]) => ({ name, containerPort: port, protocol: "TCP" })),
                env,
                resources: {
                  requests: { cpu: m.resources.requests.cpu, memory: m.resources.requests.memory },
                  limits: {
                    cpu: m.resources.limits.cpu,
                    memory: m.resources.limits.memory,
                    "ephemeral-storage": m.security.limits.storage,
                  },
                },
                livenessProbe: probe(m.probes.liveness),
                readinessProbe: probe(m.probes.readiness),
                ...(m.probes.startup ? { startupProbe: probe(m.probes.startup) } : {}),
                securityContext: {
                  runAsNonRoot: true,
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                  seccompProfile: { type: "RuntimeDefault" },
                },
                // The root filesystem is read-only; /tmp is the one writable place, capped
                // at the manifest's storage limit.
                volumeMount: [{ name: scratch, mountPath: "/tmp" }],
              },
            ],
            volume: [{ name: scratch, emptyDir: { sizeLimit: m.security.limits.storage } }],
            toleration: [
              {
                key: nodeGroup.taint.key,
                operator: "Equal",
                value: nodeGroup.taint.value,
                effect: nodeGroup.taint.effect,
              },
            ],
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerm: [
                    {
                      matchExpressions: Object.entries(nodeGroup.labels).map(([key, value]) => ({
                        key,
                        operator: "In",
                        values: [value],
                      })),
                    },
                  ],
                },
              },
            },
            topologySpreadConstraint: [
              // Zones are hard: losing a zone must not take every replica.
              {
                maxSkew: 1,
                topologyKey: "topology.kubernetes.io/zone",
                whenUnsatisfiable: "DoNotSchedule",
                labelSelector: [{ matchLabels: selector }],
              },
              {
                maxSkew: 1,
                topologyKey: "kubernetes.io/hostname",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: [{ matchLabels: selector }],
              },
            ],
          },
        },
      },
      lifecycle: { ignoreChanges: ["spec[0].replicas"] },
    });
  }

  /** ClusterIP Service over every declared port, annotated with the edge's CSP and rate limit. */
  private createService(m: ModuleManifest, meta: ObjectMeta, dependsOn?: ITerraformDependable[]): ServiceV1 {
    const csp = Object.entries(m.security.csp)
      .map(([directive, value]) => `${directive} ${value}`)
      .join("; ");
    return new ServiceV1(this, "service", {
      dependsOn,
      metadata: {
        ...metadata(meta),
        annotations: {
          [rateLimitAnnotation(this.labelDomain)]: m.security.limits.network.replace("req/min", ""),
          ...(csp ? { [cspAnnotation(this.labelDomain)]: csp } : {}),
        },
      },
      spec: {
        type: "ClusterIP",
        selector: meta.selector,
        port: sortedEntries(m.ports).map(([name, port]) => ({ name, port, targetPort: name, protocol: "TCP" })),
      },
    });
  }

  private createAutoscaler(m: ModuleManifest, meta: ObjectMeta): HorizontalPodAutoscalerV2 {
    const utilization = (name: string, averageUtilization: number) => ({
      type: "Resource",
      resource: { name, target: { type: "Utilization", averageUtilization } },
    });
    return new HorizontalPodAutoscalerV2(this, "autoscaler", {
      metadata: metadata(meta),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: meta.name },
        minReplicas: m.autoscaling.minReplicas,
        maxReplicas: m.autoscaling.maxReplicas,
        metric: [
          utilization("cpu", m.autoscaling.targetCpuUtilizationPercent),
          utilization("memory", m.autoscaling.targetMemoryUtilizationPercent),
        ],
        behavior: {
          scaleUp: [scaling(m.autoscaling.behavior.scaleUp)],
          scaleDown: [scaling(m.autoscaling.behavior.scaleDown)],
        },
      },
    });
  }

  private createNetworkPolicies(
    props: ModuleWorkloadProps,
    permissions: readonly Permission[],
    meta: ObjectMeta,
    externalHosts: readonly string[],
  ): ModuleNetworkPolicies {
    const m = props.manifest;
    const network = props.network;
    const services = awsServices(
      permissions,
      Object.keys(m.secrets).length,
      props.region,
      props.bucketRegion ?? props.region,
    );
    const hasEndpoint = (service: string) => network.privateAwsServices?.includes(service) ?? true;
    const endpointsOnly = services.every((s) => s.region === props.region && hasEndpoint(s.service));
    return new ModuleNetworkPolicies(this, "network-policies", {
      labelDomain: this.labelDomain,
      namespace: meta.namespace,
      podLabels: meta.selector,
      ports: m.ports,
      ingressNamespace: network.ingressNamespace,
      scrapeNamespace: network.scrapeNamespace,
      loadBalancerCidrs: network.loadBalancerCidrs,
      databaseCidrs: network.databaseCidrs,
      database: permissions.some((p) => p.kind === "database"),
      eventBus: permissions.some((p) => p.kind === "events"),
      databasePorts: network.databasePorts,
      eventBusPorts: network.eventBusPorts,
      awsEndpoints: services.map((s) => `${s.service}.${s.region}.amazonaws.com`),
      awsEndpointCidrs: network.awsEndpointCidrs,
      awsApiEgress: endpointsOnly ? "endpoints" : "internet",
      externalHosts,
    });
  }
}
