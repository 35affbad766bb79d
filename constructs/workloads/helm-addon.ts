import { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { IrsaRole } from "../cluster/irsa-role";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { PolicyStatement } from "../iam/policy-document";
import type { ModuleCluster } from "./module-workload";

/** A chart pinned to an exact version of its upstream repository. */
export interface HelmChart {
  /** Chart repository URL. */
  readonly repository: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact chart version; never a range, so plans are reproducible. */
  readonly version: string;
}

/** The add-on's AWS identity. */
export interface HelmAddonIdentity {
  /** IAM role name; unique in the account, at most 64 characters. */
  readonly roleName: string;
  /** Service account the chart creates and the role trusts. */
  readonly serviceAccount: string;
  /** The role's inline policy. */
  readonly statements: readonly PolicyStatement[];
  /** The cluster whose OIDC provider the role trusts. */
  readonly cluster: ModuleCluster;
}

/** Properties of {@link HelmAddon}. */
export interface HelmAddonProps {
  /** The pinned chart. */
  readonly chart: HelmChart;
  /** Release name. @default - the chart name */
  readonly releaseName?: string;
  /** Namespace of the release (and of the service account the role trusts). */
  readonly namespace: string;
  /** Let Helm create the namespace. @default false */
  readonly createNamespace?: boolean;
  /** Chart values, rendered as one JSON document (JSON is YAML) visible in the synth output. */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * IRSA role for the chart's service account; its ARN is set as the
   * `eks.amazonaws.com/role-arn` annotation through `serviceAccount.annotations`, the
   * value path every chart used here shares. @default - no AWS identity
   */
  readonly identity?: HelmAddonIdentity;
  /** Seconds Helm waits for the release to be ready. @default DEFAULT_HELM_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
}

/** Helm's wait timeout for add-ons: CRD installs and webhooks take minutes on a new cluster. */
export const DEFAULT_HELM_TIMEOUT_SECONDS = 600;

const VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * One platform add-on: a pinned `helm_release`, optionally with its own IRSA role.
 * Atomic with cleanup on failure, so a failed upgrade rolls back instead of leaving a
 * half-applied release.
 *
 * @example
 * ```ts
 * import type { EksCluster } from "@plataforma/infra/constructs/cluster";
 * import { HelmAddon } from "@plataforma/infra/constructs/workloads";
 *
 * declare const eks: EksCluster; // the stack's helm provider targets it
 *
 * new HelmAddon(stack, "external-secrets", {
 *   chart: { repository: "https://charts.external-secrets.io", chart: "external-secrets", version: "0.19.2" },
 *   namespace: "external-secrets",
 *   createNamespace: true,
 *   values: { installCRDs: true, replicaCount: 2 },
 *   identity: {
 *     roleName: "orders-production-sa-east-1-external-secrets",
 *     serviceAccount: "external-secrets",
 *     statements: [
 *       {
 *         Effect: "Allow",
 *         Action: ["secretsmanager:GetSecretValue"],
 *         Resource: "arn:aws:secretsmanager:sa-east-1:123456789012:secret:orders/*",
 *       },
 *     ],
 *     cluster: { oidcProviderArn: eks.oidcProvider.arn, oidcIssuer: eks.oidcIssuer },
 *   },
 * });
 * ```
 */
export class HelmAddon extends Construct {
  /** The `helm_release`. */
  readonly release: Release;
  /** The add-on's role, when it has an AWS identity. */
  readonly role?: IrsaRole;

  constructor(scope: Construct, id: string, props: HelmAddonProps) {
    super(scope, id);
    const problems: PropProblem[] = [];
    if (!VERSION.test(props.chart.version)) {
      problems.push({
        prop: "chart.version",
        message: `of chart ${props.chart.chart} is not an exact version`,
        received: props.chart.version,
        fix: "pin an exact chart version such as 1.14.0",
      });
    }
    if (props.identity && !/^[\w+=,.@-]{1,64}$/.test(props.identity.roleName)) {
      problems.push({
        prop: "identity.roleName",
        message: "is not a valid IAM role name (at most 64 of letters, digits and +=,.@_-)",
        received: props.identity.roleName,
        fix: "shorten the role name prefix",
      });
    }
    throwIfInvalid(this, problems);
    let values: Record<string, unknown> = { ...(props.values ?? {}) };
    if (props.identity) {
      this.role = new IrsaRole(this, "role", {
        roleName: props.identity.roleName,
        oidcProviderArn: props.identity.cluster.oidcProviderArn,
        oidcIssuer: props.identity.cluster.oidcIssuer,
        namespace: props.namespace,
        serviceAccount: props.identity.serviceAccount,
        statements: props.identity.statements,
      });
      const serviceAccount = (values.serviceAccount ?? {}) as Record<string, unknown>;
      values = {
        ...values,
        serviceAccount: {
          ...serviceAccount,
          create: true,
          name: props.identity.serviceAccount,
          annotations: {
            ...((serviceAccount.annotations as Record<string, string>) ?? {}),
            "eks.amazonaws.com/role-arn": this.role.role.arn,
          },
        },
      };
    }
    this.release = new Release(this, "release", {
      name: props.releaseName ?? props.chart.chart,
      repository: props.chart.repository,
      chart: props.chart.chart,
      version: props.chart.version,
      namespace: props.namespace,
      createNamespace: props.createNamespace ?? false,
      atomic: true,
      cleanupOnFail: true,
      timeout: props.timeoutSeconds ?? DEFAULT_HELM_TIMEOUT_SECONDS,
      values: [JSON.stringify(values)],
    });
  }
}
