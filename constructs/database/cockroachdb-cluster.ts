import type { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { loadOptionalPeers } from "../core/optional-peer";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Helm repository of the official chart. */
export const COCKROACHDB_CHART_REPOSITORY = "https://charts.cockroachdb.com/";
/**
 * Pinned chart version (13.0.1 ships CockroachDB v24.1.1). Bump deliberately, one chart
 * minor at a time: CockroachDB upgrades must not skip major versions.
 */
export const COCKROACHDB_CHART_VERSION = "13.0.1";
/** Nodes per region: three keep a quorum per region through a zone loss. */
export const DEFAULT_COCKROACH_NODES_PER_REGION = 3;
/** Persistent volume per node, GiB. */
export const DEFAULT_COCKROACH_STORAGE_GB = 100;
/** Database the cluster creates and backs up unless told otherwise (neutral). */
export const DEFAULT_COCKROACH_DATABASE = "app";
/** Regions a `region` survival goal needs. */
export const COCKROACH_REGION_SURVIVAL_MIN_REGIONS = 3;

/** Properties of {@link CockroachDbCluster}. */
export interface CockroachDbClusterProps {
  /** Region of this deployment (the EKS cluster the caller's helm provider targets). */
  readonly region: string;
  /** Every region of the CockroachDB cluster; the first is the databases' primary region. */
  readonly regions: readonly string[];
  /** Regions allowed to hold personal data (residency.personalDataRegions). */
  readonly allowedRegions: readonly string[];
  /** `zone` or `region` (needs 3+ regions). */
  readonly survivalGoal: "zone" | "region";
  /** CockroachDB cluster name, shared by every region. */
  readonly clusterName: string;
  /** KMS key ARN encrypting the EBS volumes (gp3). */
  readonly volumeKmsKeyArn: string;
  /** Backup bucket (S3, in the primary region) and the IRSA role allowed to write it. */
  readonly backupBucketName: string;
  readonly backupRoleArn: string;
  /**
   * Addresses of nodes in other regions to join (cross-cluster DNS or load balancers).
   * @default - none (first region bootstraps)
   */
  readonly joinAddresses?: readonly string[];
  /** @default 3 */
  readonly nodesPerRegion?: number;
  /** @default 100 */
  readonly storageGb?: number;
  /** @default "self-signer" */
  readonly tls?: "self-signer" | "cert-manager";
  /** cert-manager ClusterIssuer when `tls` is `cert-manager`. @default "cockroachdb-ca" */
  readonly certManagerIssuer?: string;
  /** @default "cockroachdb" */
  readonly namespace?: string;
  /** Database created and backed up. @default DEFAULT_COCKROACH_DATABASE */
  readonly databaseName?: string;
  /** Incremental backup cadence. @default "@hourly" */
  readonly backupRecurrence?: string;
  /** Full backup cadence. @default "@daily" */
  readonly fullBackupRecurrence?: string;
  /** @default {@link COCKROACHDB_CHART_VERSION} */
  readonly chartVersion?: string;
}

/**
 * One region's part of a multi-region CockroachDB cluster, deployed with the official
 * Helm chart into the caller's EKS cluster (the caller's stack provides the helm and
 * kubernetes providers): locality `region=<region>`, TLS (chart self-signer or
 * cert-manager), an encrypted gp3 storage class that retains volumes, pods spread
 * across zones, the database created with its regions and survival goal, and a backup
 * schedule to S3 through IRSA (`AUTH=implicit`: no keys).
 *
 * Nodes hold personal data, so every region must be allowed by residency.
 *
 * @example
 * ```ts
 * import { CockroachDbCluster } from "@plataforma/infra/constructs/database";
 *
 * // The stack's helm provider targets this region's EKS cluster.
 * new CockroachDbCluster(stack, "cockroachdb", {
 *   region: "sa-east-1",
 *   regions: ["sa-east-1", "us-east-1", "eu-west-1"],
 *   allowedRegions: ["sa-east-1", "us-east-1", "eu-west-1"],
 *   survivalGoal: "region",
 *   clusterName: "orders-production",
 *   volumeKmsKeyArn: "arn:aws:kms:sa-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
 *   backupBucketName: "orders-production-cockroach-backups",
 *   backupRoleArn: "arn:aws:iam::123456789012:role/orders-production-sa-east-1-cockroach-backup",
 *   storageGb: 200,
 * });
 * ```
 */
export class CockroachDbCluster extends Construct {
  // Typed as the base class so the published declarations name no optional peer (a consumer
  // without helm/kubernetes must still type-check the database domain); they are a helm
  // `Release` and a kubernetes `StorageClassV1`.
  /** The chart's helm `Release`. */
  readonly release: TerraformResource;
  /** The encrypted gp3 kubernetes `StorageClassV1` that retains volumes. */
  readonly storageClass: TerraformResource;
  /** The chart values, as rendered into the release (for review and tests). */
  readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: CockroachDbClusterProps) {
    super(scope, id);
    const nodes = props.nodesPerRegion ?? DEFAULT_COCKROACH_NODES_PER_REGION;
    const storageGb = props.storageGb ?? DEFAULT_COCKROACH_STORAGE_GB;
    const tls = props.tls ?? "self-signer";
    const namespace = props.namespace ?? "cockroachdb";
    const database = props.databaseName ?? DEFAULT_COCKROACH_DATABASE;
    const problems: PropProblem[] = [];
    if (!props.regions.includes(props.region)) {
      problems.push({
        prop: "region",
        message: `is not in regions [${props.regions.join(", ")}]`,
        received: props.region,
        fix: "add it to regions or deploy to a listed region",
      });
    }
    if (props.survivalGoal === "region" && props.regions.length < COCKROACH_REGION_SURVIVAL_MIN_REGIONS) {
      problems.push({
        prop: "regions",
        message: `survival goal "region" needs at least ${COCKROACH_REGION_SURVIVAL_MIN_REGIONS} regions`,
        received: props.regions,
        fix: 'add regions or use survival goal "zone"',
      });
    }
    const disallowed = props.regions.filter((r) => !props.allowedRegions.includes(r));
    const allowed = props.allowedRegions.join(", ");
    if (disallowed.length > 0) {
      problems.push({
        prop: "regions",
        message: `[${disallowed.join(", ")}] may not hold personal data (allowed: [${allowed}])`,
        received: props.regions,
        fix: "remove them or change residency",
      });
    }
    if (!Number.isInteger(nodes) || nodes < 3) {
      problems.push({
        prop: "nodesPerRegion",
        message: "must be 3 or more (quorum through a zone loss)",
        received: nodes,
        fix: `use ${DEFAULT_COCKROACH_NODES_PER_REGION}`,
      });
    }
    throwIfInvalid(this, problems);

    // Loaded here, not at the top: helm and kubernetes are optional peers of the package, and
    // an AWS-only consumer must still be able to import the database domain. Both at once, so
    // a consumer missing both learns it from one error.
    const { StorageClassV1, Release } = loadOptionalPeers(this, {
      StorageClassV1: {
        packageName: "@cdktf/provider-kubernetes",
        load: (): typeof import("@cdktf/provider-kubernetes/lib/storage-class-v1").StorageClassV1 =>
          require("@cdktf/provider-kubernetes/lib/storage-class-v1").StorageClassV1,
      },
      Release: {
        packageName: "@cdktf/provider-helm",
        load: (): typeof import("@cdktf/provider-helm/lib/release").Release =>
          require("@cdktf/provider-helm/lib/release").Release,
      },
    });
    const storageClassName = "cockroachdb-gp3-encrypted";
    this.storageClass = new StorageClassV1(this, "storage-class", {
      metadata: { name: storageClassName },
      storageProvisioner: "ebs.csi.aws.com",
      // Retain: deleting the release or a PVC must never delete the data volume.
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      parameters: {
        type: "gp3",
        encrypted: "true",
        kmsKeyId: props.volumeKmsKeyArn,
        "csi.storage.k8s.io/fstype": "ext4",
      },
    });

    const [primary, ...others] = props.regions;
    const quote = (r: string) => `"${r}"`;
    const databaseOptions = [
      `PRIMARY REGION ${quote(primary)}`,
      ...(others.length > 0 ? [`REGIONS ${others.map(quote).join(", ")}`] : []),
      `SURVIVE ${props.survivalGoal.toUpperCase()} FAILURE`,
    ];
    this.values = {
      clusterDomain: "cluster.local",
      conf: {
        "cluster-name": props.clusterName,
        locality: `region=${props.region}`,
        join: [...(props.joinAddresses ?? [])],
      },
      statefulset: {
        replicas: nodes,
        podAntiAffinity: { type: "hard" },
        topologySpreadConstraints: {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "DoNotSchedule",
        },
        budget: { maxUnavailable: 1 },
      },
      serviceAccount: {
        create: true,
        name: "cockroachdb",
        annotations: { "eks.amazonaws.com/role-arn": props.backupRoleArn },
      },
      storage: { persistentVolume: { enabled: true, size: `${storageGb}Gi`, storageClass: storageClassName } },
      tls: {
        enabled: true,
        certs:
          tls === "self-signer"
            ? { selfSigner: { enabled: true }, certManager: false }
            : {
                selfSigner: { enabled: false },
                certManager: true,
                certManagerIssuer: { kind: "ClusterIssuer", name: props.certManagerIssuer ?? "cockroachdb-ca" },
              },
      },
      init: {
        provisioning: {
          // Only the primary region's release creates the database and its schedule.
          enabled: props.region === primary,
          databases: [
            {
              name: database,
              options: databaseOptions,
              backup: {
                into: `s3://${props.backupBucketName}/${props.clusterName}?AUTH=implicit`,
                recurring: props.backupRecurrence ?? "@hourly",
                fullBackup: props.fullBackupRecurrence ?? "@daily",
                schedule: { options: ["first_run = 'now'"] },
              },
            },
          ],
        },
      },
    };
    this.release = new Release(this, "release", {
      name: "cockroachdb",
      namespace,
      createNamespace: true,
      repository: COCKROACHDB_CHART_REPOSITORY,
      chart: "cockroachdb",
      version: props.chartVersion ?? COCKROACHDB_CHART_VERSION,
      atomic: false,
      wait: true,
      timeout: 900,
      values: [JSON.stringify(this.values)],
      dependsOn: [this.storageClass],
    });
  }
}
