import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { CockroachDbCluster } from "../constructs/database/cockroachdb-cluster";
import { KubePrometheusStack, MONITORING_NAMESPACE } from "../constructs/monitoring/kube-prometheus-stack";
import type { SubnetPlan } from "../constructs/network/cidr";
import { resolveSubnetPlan } from "../constructs/network/subnet-plan";
import { Karpenter } from "../constructs/workloads/karpenter";
import { type ModuleManifest, moduleShortName } from "../constructs/workloads/manifest-schema";
import {
  type ModuleCluster,
  type ModuleNetwork,
  ModuleWorkload,
  type ModuleWorkloadProps,
} from "../constructs/workloads/module-workload";
import { PlatformAddons } from "../constructs/workloads/platform-addons";
import type { RegionConfig } from "../environments/schema";
import {
  bucketName,
  cacheRegions,
  cacheReplicationGroupId,
  cacheUserId,
  karpenterNames,
  moduleCacheUserKey,
  resourcePrefix,
} from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { type ClusterOutputs, readClusterOutputs } from "./cluster-outputs";
import { addCockroachDb } from "./cockroach-platform";
import { readBucketKeyArns } from "./data-outputs";
import { LayerStack } from "./layer-stack";
import { alarmTopicArn } from "./monitoring";
import { readNetworkOutputs } from "./network-outputs";
import { MODULE_LABELLING, MODULE_SCOPE, MONITORING_NAMING } from "./organisation";
import { PLATFORM_OUTPUTS } from "./platform-outputs";

/** The kubeconfig exec plugin API version `aws eks get-token` speaks. */
const EKS_EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";

/**
 * `<env>-<region>-platform`: what runs inside the region's EKS cluster. Kubernetes and
 * Helm providers authenticate against the cluster stack's outputs (placeholders until it
 * is applied) with `aws eks get-token`, so no token lands in state and no AWS data
 * source is read at plan time. Holds the platform add-ons and the module workloads the
 * environment places in this region.
 *
 * To extend (e.g. a CockroachDB chart): add a construct on this stack using
 * `this.kubernetes`, `this.helm`, `this.cluster` and `this.subnets`; the providers are
 * the stack's defaults, so nothing needs passing.
 */
export class PlatformStack extends LayerStack {
  /** The cluster stack's outputs. */
  readonly clusterOutputs: ClusterOutputs;
  /** The cluster's identity, as constructs take it. */
  readonly cluster: ModuleCluster;
  /** EKS cluster name, from the cluster stack. */
  readonly clusterName: string;
  /** The stack's default kubernetes provider. */
  readonly kubernetes: KubernetesProvider;
  /** The stack's default helm provider. */
  readonly helm: HelmProvider;
  /** The region's subnet CIDRs per tier and zone (the same plan the network stack builds). */
  readonly subnets: SubnetPlan;
  /** Helm add-ons: load balancer controller, metrics-server, cert-manager, ExternalDNS. */
  readonly addons: PlatformAddons;
  /** Module workloads by catalog key. */
  readonly modules: Readonly<Record<string, ModuleWorkload>>;
  /** kube-prometheus-stack, SLO rules, dashboards, Loki and Tempo. */
  readonly monitoring: KubePrometheusStack;
  /** This region's CockroachDB nodes, when the environment's database is CockroachDB here. */
  readonly cockroachDb?: CockroachDbCluster;
  /** Karpenter (controller, CRDs, node pools), when the region's nodes autoscale with it. */
  readonly karpenter?: Karpenter;

  constructor(scope: Construct, props: BaseStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "platform" });
    const region = this.env.regions[props.region];
    if (!region) throw new Error(`region ${props.region} is not configured for environment ${this.env.name}`);
    this.clusterOutputs = readClusterOutputs(this, props.region);
    const network = readNetworkOutputs(this, props.region);
    this.clusterName = this.clusterOutputs.clusterName;
    this.cluster = { oidcProviderArn: this.clusterOutputs.oidcProviderArn, oidcIssuer: this.clusterOutputs.oidcIssuer };
    const auth = this.clusterAuth();
    this.kubernetes = new KubernetesProvider(this, "kubernetes", { ...auth, exec: [auth.exec] });
    this.helm = new HelmProvider(this, "helm", { kubernetes: auth });
    this.subnets = resolveSubnetPlan(region.network.vpcCidr, region.availabilityZones, region.network.subnets);
    this.addons = this.addPlatformAddons(network.vpcId);
    this.karpenter = this.addKarpenter(region);
    this.modules = this.addModules(region);
    this.monitoring = this.addMonitoring();
    this.cockroachDb = addCockroachDb(this, this.env, props.region);
    this.addOutputs();
  }

  /**
   * How the kubernetes and helm providers reach the cluster: its endpoint and CA from the
   * cluster stack, a token from `aws eks get-token` at plan and apply time.
   */
  private clusterAuth() {
    return {
      host: this.clusterOutputs.clusterEndpoint,
      clusterCaCertificate: Fn.base64decode(this.clusterOutputs.clusterCaCertificate),
      exec: {
        apiVersion: EKS_EXEC_API_VERSION,
        command: "aws",
        args: ["eks", "get-token", "--cluster-name", this.clusterName, "--region", this.region],
      },
    };
  }

  /**
   * Karpenter with one node pool per managed node group (same instance families and sizes,
   * labels, taints, capacity type). Each pool may add up to its group's maxSize minus its
   * desired size, and all pools together at most maxNodesPerRegion minus the groups' desired
   * sizes, so the region never exceeds maxNodesPerRegion.
   */
  private addKarpenter(region: RegionConfig): Karpenter | undefined {
    const cluster = region.cluster;
    if (cluster?.nodeAutoscaler !== "karpenter") return undefined;
    const groups = Object.entries(cluster.nodeGroups);
    const headroom = cluster.maxNodesPerRegion - groups.reduce((sum, [, g]) => sum + g.desiredSize, 0);
    const names = karpenterNames(this.env, this.region);
    return new Karpenter(this, "karpenter", {
      clusterName: this.clusterName,
      controllerRoleArn: `arn:aws:iam::${this.env.account.id}:role/${names.controllerRole}`,
      nodeRoleName: names.nodeRole,
      interruptionQueueName: names.interruptionQueue,
      nodeSecurityGroupIds: [this.clusterOutputs.clusterSecurityGroupId, this.clusterOutputs.nodeSecurityGroupId],
      nodePools: Object.fromEntries(
        groups.map(([name, g]) => [
          name,
          {
            instanceTypes: g.instanceTypes,
            capacityType: g.capacityType,
            maxNodes: Math.max(0, Math.min(g.maxSize - g.desiredSize, headroom)),
            diskSizeGiB: g.diskSizeGiB,
            labels: g.labels,
            taints: g.taints,
          },
        ]),
      ),
    });
  }

  private addPlatformAddons(vpcId: string): PlatformAddons {
    return new PlatformAddons(this, "add-ons", {
      clusterName: this.clusterName,
      cluster: this.cluster,
      region: this.region,
      vpcId,
      domain: this.env.domain,
      roleNamePrefix: resourcePrefix(this.env, this.region),
    });
  }

  /** The module workloads the environment places in this region, by catalog key. */
  private addModules(region: RegionConfig): Record<string, ModuleWorkload> {
    const env = this.env;
    const placed = Object.entries(env.workloads.regions[this.region]?.modules ?? {});
    const storage = this.moduleStorage(placed.map(([, manifest]) => manifest));
    const network = this.moduleNetwork(region);
    const addons = this.addons.addons;
    const modules: Record<string, ModuleWorkload> = {};
    for (const [key, manifest] of placed) {
      if (!manifest) continue;
      modules[key] = new ModuleWorkload(this, `module-${key}`, {
        manifest,
        cluster: this.cluster,
        region: this.region,
        accountId: env.account.id,
        roleName: `${resourcePrefix(env, this.region)}-module-${moduleShortName(manifest.name)}`,
        ...storage,
        bucketRegion: env.primaryRegion,
        cache: this.moduleCache(moduleShortName(manifest.name)),
        network,
        labelling: MODULE_LABELLING,
        moduleScope: MODULE_SCOPE,
        // The controller's webhooks intercept Services; metrics-server feeds the HPA.
        dependsOn: [addons["aws-load-balancer-controller"].release, addons["metrics-server"].release],
      });
    }
    return modules;
  }

  /**
   * Names and KMS keys of the catalog's buckets. Buckets live in the primary region's data
   * stack, encrypted with its KMS keys; read the keys only where a module here uses
   * storage (eu-west-1 must not depend on data state).
   */
  private moduleStorage(placed: readonly (ModuleManifest | undefined)[]) {
    const env = this.env;
    const logicals = Object.keys(env.data.buckets);
    const bucketNames = Object.fromEntries(logicals.map((logical) => [logical, bucketName(env, logical)]));
    const usesStorage = placed.some((m) => m?.security.permissions.some((p) => p.startsWith("storage:")));
    return { bucketNames, bucketKeyArns: usesStorage ? readBucketKeyArns(this) : {} };
  }

  /**
   * The region's cache, IAM-authenticated as the module's own RBAC user (the data stack
   * creates one per module with `events:*`; names are deterministic), when the region has one.
   */
  private moduleCache(module: string): ModuleWorkloadProps["cache"] {
    const env = this.env;
    if (!env.data.cache || !cacheRegions(env).includes(this.region)) return undefined;
    const group = cacheReplicationGroupId(env, this.region);
    const arn = `arn:aws:elasticache:${this.region}:${env.account.id}`;
    const user = cacheUserId(env, this.region, moduleCacheUserKey(module));
    return { replicationGroupArn: `${arn}:replicationgroup:${group}`, userArn: `${arn}:user:${user}` };
  }

  /** Where module network policies may send traffic: the region's subnet CIDRs, in zone order. */
  private moduleNetwork(region: RegionConfig): ModuleNetwork {
    const cidrs = (tier: keyof SubnetPlan) => region.availabilityZones.map((zone) => this.subnets[tier][zone]);
    return {
      databaseCidrs: cidrs("database"),
      awsEndpointCidrs: cidrs("private"),
      privateAwsServices: region.network.interfaceEndpoints,
      loadBalancerCidrs: cidrs("public"),
      scrapeNamespace: MONITORING_NAMESPACE,
    };
  }

  /**
   * Monitoring of the cluster: every placed module scraped on its `metrics` port (else
   * `http`) and held to its SLO (the environment's default, overridden per module), core
   * modules watched by CorePlatformDown, alerts to the environment's topics here.
   */
  private addMonitoring(): KubePrometheusStack {
    const env = this.env;
    const config = env.monitoring;
    const placed = Object.entries(env.workloads.regions[this.region]?.modules ?? {});
    const modules = placed.flatMap(([key, manifest]) => {
      if (!manifest) return [];
      const short = moduleShortName(manifest.name);
      return [
        {
          ...config.defaultSlo,
          ...(config.slos[key] ?? {}),
          module: short,
          namespace: `module-${short}`,
          metricsPort: "metrics" in manifest.ports ? "metrics" : "http",
        },
      ];
    });
    const core = placed.filter(([, m]) => m?.group === "core").map(([, m]) => `module-${moduleShortName(m!.name)}`);
    const addons = this.addons.addons;
    return new KubePrometheusStack(this, MONITORING_NAMESPACE, {
      modules,
      coreNamespaces: core,
      retentionDays: config.prometheus.retentionDays,
      storageGiB: config.prometheus.storageGiB,
      replicas: config.prometheus.replicas,
      region: this.region,
      topicArns: {
        warning: alarmTopicArn(env, "warning", this.region),
        critical: alarmTopicArn(env, "critical", this.region),
      },
      identity: { roleName: `${resourcePrefix(env, this.region)}-alertmanager`, ...this.cluster },
      dependsOn: [addons["aws-load-balancer-controller"].release],
      ...MONITORING_NAMING,
    });
  }

  private addOutputs(): void {
    const modules = Object.entries(this.modules);
    new TerraformOutput(this, PLATFORM_OUTPUTS.moduleRoleArns, {
      value: Object.fromEntries(modules.map(([key, w]) => [key, w.role.role.arn])),
      description: "IAM role ARN of each module's service account, by module",
    });
    new TerraformOutput(this, PLATFORM_OUTPUTS.moduleNamespaces, {
      value: modules.map(([, w]) => `module-${w.shortName}`).sort(),
      description: "Namespaces of the modules running in this region",
    });
  }
}
