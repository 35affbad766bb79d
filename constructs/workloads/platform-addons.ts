import { Construct } from "constructs";
import type { PolicyStatement } from "../iam/policy-document";
import { suppressPolicy } from "../policy/suppress-policy";
import { certManagerStatements, externalDnsStatements, loadBalancerControllerStatements } from "./addon-policies";
import { HelmAddon, type HelmAddonIdentity, type HelmChart } from "./helm-addon";
import type { ModuleCluster } from "./module-workload";

/** Add-ons every cluster runs. */
export const ADDON_NAMES = ["aws-load-balancer-controller", "metrics-server", "cert-manager", "external-dns"] as const;

/** One of {@link ADDON_NAMES}. */
export type AddonName = (typeof ADDON_NAMES)[number];

/**
 * Pinned charts from their projects' own repositories. Versions: AWS Load Balancer
 * Controller chart 1.14.0 (controller v2.14.0, whose IAM policy addon-policies.ts
 * carries), metrics-server 3.13.0 (v0.8.0), cert-manager v1.18.2, ExternalDNS 1.18.0
 * (v0.18.0). Bump them here, one PR each, after reading the release notes.
 */
export const ADDON_CHARTS: Readonly<Record<AddonName, HelmChart>> = {
  "aws-load-balancer-controller": {
    repository: "https://aws.github.io/eks-charts",
    chart: "aws-load-balancer-controller",
    version: "1.14.0",
  },
  "metrics-server": {
    repository: "https://kubernetes-sigs.github.io/metrics-server/",
    chart: "metrics-server",
    version: "3.13.0",
  },
  "cert-manager": { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.18.2" },
  "external-dns": {
    repository: "https://kubernetes-sigs.github.io/external-dns/",
    chart: "external-dns",
    version: "1.18.0",
  },
};

/** Replicas of each controller: two, so a node drain never stops reconciliation or metrics. */
export const DEFAULT_CONTROLLER_REPLICAS = 2;

/** Properties of {@link PlatformAddons}. */
export interface PlatformAddonsProps {
  /** EKS cluster name (LB controller's clusterName, ExternalDNS's TXT owner id). */
  readonly clusterName: string;
  /** The cluster whose OIDC provider the add-on roles trust. */
  readonly cluster: ModuleCluster;
  /** Region of the cluster. */
  readonly region: string;
  /** VPC of the cluster, so the LB controller need not ask the metadata service. */
  readonly vpcId: string;
  /** DNS domain external-dns and cert-manager may write records in. */
  readonly domain: string;
  /** Prefix of the add-ons' IAM role names (`<prefix>-<add-on>`), unique per cluster. */
  readonly roleNamePrefix: string;
  /** Chart overrides by add-on name. @default ADDON_CHARTS */
  readonly charts?: Partial<Readonly<Record<AddonName, HelmChart>>>;
}

/**
 * The cluster's platform add-ons, keyed by name: AWS Load Balancer Controller, metrics-server
 * (the HPA's resource metrics), cert-manager (DNS-01 on Route 53) and ExternalDNS. Each
 * AWS-facing controller gets its own IRSA role with its project's documented policy;
 * metrics-server calls no AWS API and gets no role.
 *
 * @example
 * ```ts
 * import type { EksCluster } from "@plataforma/infra/constructs/cluster";
 * import type { RegionalNetwork } from "@plataforma/infra/constructs/network";
 * import { PlatformAddons } from "@plataforma/infra/constructs/workloads";
 *
 * declare const net: RegionalNetwork;
 * declare const eks: EksCluster; // the stack's helm provider targets it
 *
 * const platform = new PlatformAddons(stack, "addons", {
 *   clusterName: eks.cluster.name,
 *   cluster: { oidcProviderArn: eks.oidcProvider.arn, oidcIssuer: eks.oidcIssuer },
 *   region: "sa-east-1",
 *   vpcId: net.vpc.id,
 *   domain: "aws.example.com",
 *   roleNamePrefix: "orders-production-sa-east-1",
 * });
 * const controller = platform.addons["aws-load-balancer-controller"].release;
 * ```
 */
export class PlatformAddons extends Construct {
  /** Add-ons by name. */
  readonly addons: Readonly<Record<AddonName, HelmAddon>>;

  constructor(scope: Construct, id: string, props: PlatformAddonsProps) {
    super(scope, id);
    const chart = (name: AddonName) => props.charts?.[name] ?? ADDON_CHARTS[name];
    const identity = (
      name: AddonName,
      serviceAccount: string,
      statements: readonly PolicyStatement[],
    ): HelmAddonIdentity => ({
      roleName: `${props.roleNamePrefix}-${name}`,
      serviceAccount,
      statements,
      cluster: props.cluster,
    });
    const replicas = DEFAULT_CONTROLLER_REPLICAS;
    this.addons = {
      "aws-load-balancer-controller": new HelmAddon(this, "aws-load-balancer-controller", {
        chart: chart("aws-load-balancer-controller"),
        namespace: "kube-system",
        values: { clusterName: props.clusterName, region: props.region, vpcId: props.vpcId, replicaCount: replicas },
        identity: identity(
          "aws-load-balancer-controller",
          "aws-load-balancer-controller",
          loadBalancerControllerStatements(),
        ),
      }),
      "metrics-server": new HelmAddon(this, "metrics-server", {
        chart: chart("metrics-server"),
        namespace: "kube-system",
        values: { replicas, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } },
      }),
      "cert-manager": new HelmAddon(this, "cert-manager", {
        chart: chart("cert-manager"),
        namespace: "cert-manager",
        createNamespace: true,
        // fsGroup lets the non-root controller read the projected IRSA token (cert-manager docs).
        values: { crds: { enabled: true }, replicaCount: replicas, securityContext: { fsGroup: 1001 } },
        identity: identity("cert-manager", "cert-manager", certManagerStatements(props.domain)),
      }),
      "external-dns": new HelmAddon(this, "external-dns", {
        chart: chart("external-dns"),
        namespace: "external-dns",
        createNamespace: true,
        values: {
          provider: { name: "aws" },
          domainFilters: [props.domain],
          // upsert-only: ExternalDNS never deletes records it did not create in this run.
          policy: "upsert-only",
          registry: "txt",
          txtOwnerId: props.clusterName,
          env: [{ name: "AWS_DEFAULT_REGION", value: props.region }],
        },
        identity: identity("external-dns", "external-dns", externalDnsStatements(props.domain)),
      }),
    };
    // The controller creates listeners, rules and security groups whose names it picks
    // at run time, so AWS's published policy grants some of those actions on "*"; the
    // rest of that policy is scoped by the elbv2.k8s.aws/cluster tag.
    const lbcPolicy = this.addons["aws-load-balancer-controller"].role?.policy;
    if (lbcPolicy)
      suppressPolicy(lbcPolicy, {
        ruleId: "SEC-IAM-WILDCARD-RESOURCE",
        reason:
          "AWS-published IAM policy of the AWS Load Balancer Controller (chart 1.14.0 / v2.14.0): " +
          "it creates listeners, rules and security groups it cannot name in advance; " +
          "statements AWS scopes by the elbv2.k8s.aws/cluster tag keep their conditions",
      });
  }
}
