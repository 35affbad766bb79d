import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { SubnetPlan } from "../constructs/network/cidr";
import { resolveSubnetPlan } from "../constructs/network/subnet-plan";
import { moduleShortName } from "../constructs/workloads/manifest-schema";
import { type ModuleCluster, ModuleWorkload } from "../constructs/workloads/module-workload";
import { PlatformAddons } from "../constructs/workloads/platform-addons";
import { CLUSTER_OUTPUTS, clusterPlaceholders } from "./cluster-outputs";
import { bucketName, resourcePrefix, stackName } from "./naming";
import { NETWORK_OUTPUTS, networkPlaceholders } from "./network-stack";
import { LayerStack, type PlatformStackProps } from "./platform-stack";
import type { RemoteOutputs } from "./remote-outputs";
import type { CockroachDbCluster } from "../constructs/database/cockroachdb-cluster";
import { addCockroachDb } from "./cockroach-platform";
import { bucketKeyPlaceholders, bucketOutputs, cacheRegions } from "./data-stack";

/** The kubeconfig exec plugin API version `aws eks get-token` speaks. */
export const EKS_EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";

/** Output names of the platform stack. */
export const PLATFORM_OUTPUTS = {
  moduleRoleArns: "module_role_arns",
  moduleNamespaces: "module_namespaces",
} as const;

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
export class PlatformLayerStack extends LayerStack {
  /** The cluster stack's outputs. */
  readonly clusterOutputs: RemoteOutputs;
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
  /** Load balancer controller, metrics-server, cert-manager, ExternalDNS. */
  readonly addons: PlatformAddons;
  /** Module workloads by catalog key. */
  readonly modules: Readonly<Record<string, ModuleWorkload>>;
  /** This region's CockroachDB nodes, when the environment's database is CockroachDB here. */
  readonly cockroachDb?: CockroachDbCluster;

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "platform" });
    const env = this.env;
    const region = env.regions[props.region];
    if (!region) throw new Error(`region ${props.region} is not configured for environment ${env.name}`);

    this.clusterOutputs = this.upstream(stackName(env, props.region, "cluster"), clusterPlaceholders(env, props.region));
    const network = this.upstream(stackName(env, props.region, "network"), networkPlaceholders(region));
    this.clusterName = this.clusterOutputs.getString(CLUSTER_OUTPUTS.clusterName);
    this.cluster = {
      oidcProviderArn: this.clusterOutputs.getString(CLUSTER_OUTPUTS.oidcProviderArn),
      oidcIssuer: this.clusterOutputs.getString(CLUSTER_OUTPUTS.oidcIssuer),
    };
    const host = this.clusterOutputs.getString(CLUSTER_OUTPUTS.clusterEndpoint);
    const caCertificate = Fn.base64decode(this.clusterOutputs.getString(CLUSTER_OUTPUTS.clusterCaCertificate));
    const exec = {
      apiVersion: EKS_EXEC_API_VERSION,
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", this.clusterName, "--region", props.region],
    };
    this.kubernetes = new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate: caCertificate, exec: [exec] });
    this.helm = new HelmProvider(this, "helm", { kubernetes: { host, clusterCaCertificate: caCertificate, exec } });

    this.subnets = resolveSubnetPlan(region.network.vpcCidr, region.availabilityZones, region.network.subnets);
    // Zone order, as the network stack lists its subnets.
    const cidrs = (tier: keyof SubnetPlan) => region.availabilityZones.map((zone) => this.subnets[tier][zone]);
    const prefix = resourcePrefix(env, props.region);

    this.addons = new PlatformAddons(this, "add-ons", {
      clusterName: this.clusterName,
      cluster: this.cluster,
      region: props.region,
      vpcId: network.getString(NETWORK_OUTPUTS.vpcId),
      domain: env.domain,
      roleNamePrefix: prefix,
    });

    const bucketNames = Object.fromEntries(Object.keys(env.data.buckets).map((logical) => [logical, bucketName(env, logical)]));
    // Buckets live in the primary region's data stack, encrypted with its KMS keys; read
    // them only where a module here uses storage (eu-west-1 must not depend on data state).
    const placed = Object.values(env.workloads.regions[props.region]?.modules ?? {});
    const usesStorage = placed.some((m) => m?.security.permissions.some((p) => p.startsWith("storage:")));
    const data = usesStorage ? this.upstream(stackName(env, env.primaryRegion, "data"), bucketKeyPlaceholders(env)) : undefined;
    const bucketKeyArns = data ? Object.fromEntries(Object.keys(env.data.buckets).map((logical) => [logical, data.getString(bucketOutputs(logical).keyArn)])) : {};
    // The region's cache: IAM-authenticated as its first RBAC user (names are deterministic).
    const cacheUser = env.data.cache ? Object.keys(env.data.cache.users)[0] : undefined;
    const cache = cacheUser && cacheRegions(env).includes(props.region)
      ? {
          replicationGroupArn: `arn:aws:elasticache:${props.region}:${env.account.id}:replicationgroup:${prefix}`,
          userArn: `arn:aws:elasticache:${props.region}:${env.account.id}:user:${prefix}-${cacheUser}`,
        }
      : undefined;
    const modules: Record<string, ModuleWorkload> = {};
    for (const [key, manifest] of Object.entries(env.workloads.regions[props.region]?.modules ?? {})) {
      if (!manifest) continue;
      const workload = new ModuleWorkload(this, `module-${key}`, {
        manifest,
        cluster: this.cluster,
        region: props.region,
        accountId: env.account.id,
        roleName: `${prefix}-module-${moduleShortName(manifest.name)}`,
        bucketNames,
        bucketKeyArns,
        bucketRegion: env.primaryRegion,
        cache,
        network: {
          databaseCidrs: cidrs("database"),
          awsEndpointCidrs: cidrs("private"),
          privateAwsServices: region.network.interfaceEndpoints,
          loadBalancerCidrs: cidrs("public"),
        },
        // The controller's webhooks intercept Services; metrics-server feeds the HPA.
        dependsOn: [this.addons.addons["aws-load-balancer-controller"].release, this.addons.addons["metrics-server"].release],
      });
      modules[key] = workload;
    }
    this.modules = modules;
    this.cockroachDb = addCockroachDb(this, env, props.region);

    new TerraformOutput(this, PLATFORM_OUTPUTS.moduleRoleArns, {
      value: Object.fromEntries(Object.entries(modules).map(([key, w]) => [key, w.role.role.arn])),
      description: "IAM role ARN of each module's service account, by module",
    });
    new TerraformOutput(this, PLATFORM_OUTPUTS.moduleNamespaces, {
      value: Object.values(modules).map((w) => `module-${w.shortName}`).sort(),
      description: "Namespaces of the modules running in this region",
    });
  }
}
