import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { RedisCache } from "../constructs/cache/redis-cache";
import { AuroraPostgres } from "../constructs/database/aurora-postgres";
import { CockroachBackupAccess } from "../constructs/database/cockroachdb-backup-access";
import { CrossRegionBackups } from "../constructs/database/cross-region-backups";
import { POSTGRES_PORT } from "../constructs/database/postgres-settings";
import { RdsPostgres } from "../constructs/database/rds-postgres";
import { EncryptionKey, type KeyServiceGrant } from "../constructs/kms/encryption-key";
import { ServiceSecurityGroup } from "../constructs/network/service-security-group";
import { S3AccessLogBucket } from "../constructs/storage/s3-access-log-bucket";
import { BUCKET_KIND_DEFAULTS } from "../constructs/storage/bucket-kinds";
import { DataBucket } from "../constructs/storage/data-bucket";
import { CACHE_PORT } from "../constructs/cache/redis-cache";
import type { BucketConfig, EnvironmentConfig } from "../environments/schema";
import { CLUSTER_OUTPUTS, clusterPlaceholders } from "./cluster-outputs";
import { bucketName, resourcePrefix, stackName } from "./naming";
import { NETWORK_OUTPUTS, networkPlaceholders } from "./network-stack";
import { LayerStack, type PlatformStackProps } from "./platform-stack";
import type { OutputPlaceholders, RemoteOutputs } from "./remote-outputs";

/**
 * Output names of the data stacks: the contract the DR region's data stack, the
 * platform stack (CockroachDB) and the edge stack (module bundles) read.
 */
export const DATA_OUTPUTS = {
  databaseEndpoint: "database_endpoint",
  databaseReaderEndpoint: "database_reader_endpoint",
  /** RDS instance ARN or Aurora cluster ARN. */
  databaseArn: "database_arn",
  /** Secrets Manager secret RDS manages for the master user (standalone RDS/Aurora). */
  databaseMasterSecretArn: "database_master_secret_arn",
  /** Aurora Global Database id, read by the DR region's secondary cluster. */
  databaseGlobalClusterId: "database_global_cluster_id",
  databaseSecurityGroupId: "database_security_group_id",
  cacheConfigurationEndpoint: "cache_configuration_endpoint",
  /** Global Datastore id, read by the DR region's secondary cache. */
  cacheGlobalReplicationGroupId: "cache_global_replication_group_id",
  cacheSecurityGroupId: "cache_security_group_id",
  /** CockroachDB: bucket, IRSA role and EBS key the platform stack's chart needs. */
  cockroachBackupBucketName: "cockroach_backup_bucket_name",
  cockroachBackupRoleArn: "cockroach_backup_role_arn",
  cockroachVolumeKeyArn: "cockroach_volume_key_arn",
} as const;

/**
 * Output names of one catalog bucket: `bucket_<logical>_name|arn|key_arn|regional_domain_name`.
 * The platform stacks read `key_arn`: a module granted `storage:*` needs the bucket's
 * KMS key to read or write SSE-KMS objects.
 * The edge stack reads the module-bundles ones to attach CloudFront (OAC) and the
 * bucket policy, which the data stack deliberately does not create for that kind.
 */
export function bucketOutputs(logical: string): { name: string; arn: string; keyArn: string; regionalDomainName: string } {
  return {
    name: `bucket_${logical}_name`,
    arn: `bucket_${logical}_arn`,
    keyArn: `bucket_${logical}_key_arn`,
    regionalDomainName: `bucket_${logical}_regional_domain_name`,
  };
}

/** Placeholder key ARNs of the catalog's buckets (created in the primary region's data stack). */
export function bucketKeyPlaceholders(env: Pick<EnvironmentConfig, "account" | "primaryRegion" | "data">): OutputPlaceholders {
  return Object.fromEntries(
    Object.keys(env.data.buckets).map((logical, i) => [
      bucketOutputs(logical).keyArn,
      `arn:aws:kms:${env.primaryRegion}:${env.account.id}:key/00000000-0000-0000-0000-${String(i + 1).padStart(12, "0")}`,
    ]),
  );
}

/** Placeholder outputs of a data stack (the primary's by default), shaped like real values. */
export function dataPlaceholders(env: Pick<EnvironmentConfig, "account" | "project" | "name" | "primaryRegion">, region: string = env.primaryRegion): OutputPlaceholders {
  const prefix = resourcePrefix(env, region);
  return {
    [DATA_OUTPUTS.databaseEndpoint]: `${prefix}.cluster-000000000000.${region}.rds.amazonaws.com`,
    [DATA_OUTPUTS.databaseReaderEndpoint]: `${prefix}.cluster-ro-000000000000.${region}.rds.amazonaws.com`,
    [DATA_OUTPUTS.databaseArn]: `arn:aws:rds:${region}:${env.account.id}:db:${prefix}`,
    [DATA_OUTPUTS.databaseMasterSecretArn]: `arn:aws:secretsmanager:${region}:${env.account.id}:secret:rds!db-00000000-0000-0000-0000-000000000000-000000`,
    [DATA_OUTPUTS.databaseGlobalClusterId]: `${env.project}-${env.name}`,
    [DATA_OUTPUTS.databaseSecurityGroupId]: "sg-00000000000000003",
    [DATA_OUTPUTS.cacheConfigurationEndpoint]: `clustercfg.${prefix}.xxxxxx.sae1.cache.amazonaws.com`,
    [DATA_OUTPUTS.cacheGlobalReplicationGroupId]: `ldgnf-${prefix}`,
    [DATA_OUTPUTS.cacheSecurityGroupId]: "sg-00000000000000004",
    [DATA_OUTPUTS.cockroachBackupBucketName]: bucketName(env, "cockroach_backups"),
    [DATA_OUTPUTS.cockroachBackupRoleArn]: `arn:aws:iam::${env.account.id}:role/${prefix}-cockroachdb-backup`,
    [DATA_OUTPUTS.cockroachVolumeKeyArn]: `arn:aws:kms:${region}:${env.account.id}:key/00000000-0000-0000-0000-000000000000`,
  };
}

/** Logical name of the CockroachDB backup bucket (not in the catalog: the engine owns it). */
export const COCKROACH_BACKUP_BUCKET = "cockroach_backups";

/**
 * The regions of an environment that get a data stack: the primary (database, cache,
 * buckets and their DR replicas through an aliased provider); the DR region when the
 * database or cache keeps a standby there; every CockroachDB region (its backup role
 * and volume key).
 */
/** Regions with a cache: the primary, and the DR region when it holds a Global Datastore secondary. */
export function cacheRegions(env: Pick<EnvironmentConfig, "data" | "primaryRegion" | "dr">): string[] {
  const cache = env.data.cache;
  if (!cache) return [];
  return [env.primaryRegion, ...(cache.globalDatastore && env.dr.region ? [env.dr.region] : [])];
}

export function dataRegions(env: EnvironmentConfig): string[] {
  const data = env.data;
  const regions = new Set<string>();
  const hasAnything = Boolean(data.database || data.cache || Object.keys(data.buckets).length > 0);
  if (hasAnything) regions.add(env.primaryRegion);
  const db = data.database;
  if (env.dr.region && ((db?.engine === "postgres" && db.drReplication !== "none") || data.cache?.globalDatastore)) regions.add(env.dr.region);
  if (db?.engine === "cockroachdb") db.regions.forEach((r) => regions.add(r));
  return Object.keys(env.regions).filter((r) => regions.has(r));
}

/**
 * `<env>-<region>-data`: KMS keys per purpose, the relational database, the cache, the
 * catalog's buckets, and the security groups that let only the region's EKS nodes in.
 *
 * The primary region's stack holds the writers, the buckets and their DR replicas (S3
 * replication needs both ends in one graph, and replicas need no action on failover).
 * The DR region's stack holds the database and cache standbys: failover (promoting the
 * Aurora secondary, the cache secondary, or restoring replicated backups) is applied
 * from that stack while the primary region may be down, so it must not depend on the
 * primary region's API. It reads the primary's outputs through `upstream()`; the
 * primary never reads the DR stack, so there is no cycle.
 */
export class DataStack extends LayerStack {
  /** Whether this is the primary region's stack. */
  readonly isPrimary: boolean;
  private readonly prefix: string;
  private network?: RemoteOutputs;
  private cluster?: RemoteOutputs;
  private readonly keys = new Map<string, EncryptionKey>();

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "data" });
    const env = this.env;
    if (!env.regions[props.region]) throw new Error(`region ${props.region} is not configured for environment ${env.name}`);
    this.isPrimary = props.region === env.primaryRegion;
    this.prefix = resourcePrefix(env, props.region);
    const db = env.data.database;
    const out = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description });

    if (this.isPrimary) {
      if (db?.engine === "postgres") this.primaryPostgres(out);
      if (env.data.cache) this.primaryCache(out);
      this.buckets(out);
    } else {
      this.standbys();
    }
    if (db?.engine === "cockroachdb" && (db.regions as readonly string[]).includes(props.region)) this.cockroach(out);
  }

  private net(): RemoteOutputs {
    this.network ??= this.upstream(stackName(this.env, this.region, "network"), networkPlaceholders(this.env.regions[this.region]));
    return this.network;
  }

  private clusterOutputs(): RemoteOutputs {
    this.cluster ??= this.upstream(stackName(this.env, this.region, "cluster"), clusterPlaceholders(this.env, this.region));
    return this.cluster;
  }

  /** A key per purpose, created once, rotating, with the service grants of {@link DataStack.keyGrants}. */
  private key(purpose: "database" | "cache" | "logs" | "storage" | "bundles" | "cockroach-volumes"): EncryptionKey {
    let key = this.keys.get(purpose);
    if (!key) {
      const account = this.env.account.id;
      key = new EncryptionKey(this, `key-${purpose}`, {
        alias: `${this.prefix}-${purpose}`,
        purpose: `Encrypts ${purpose} of ${this.prefix}`,
        accountId: account,
        services: this.keyGrants(purpose),
      });
      this.keys.set(purpose, key);
    }
    return key;
  }

  /**
   * Service principals a key admits, each scoped by condition to this account: CloudWatch
   * Logs for log groups of this region; CloudFront (OAC) to decrypt module bundles, from
   * this account's distributions only. Everything else uses keys through IAM.
   */
  private keyGrants(purpose: string): KeyServiceGrant[] {
    const account = this.env.account.id;
    if (purpose === "logs") {
      return [{
        principal: `logs.${this.region}.amazonaws.com`,
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${this.region}:${account}:log-group:*` } },
      }];
    }
    if (purpose === "bundles") {
      return [{
        principal: "cloudfront.amazonaws.com",
        actions: ["kms:Decrypt"],
        condition: { StringLike: { "AWS:SourceArn": `arn:aws:cloudfront::${account}:distribution/*` } },
      }];
    }
    return [];
  }

  private securityGroup(kind: "database" | "cache", port: number): ServiceSecurityGroup {
    const cluster = this.clusterOutputs();
    return new ServiceSecurityGroup(this, `${kind}-security-group`, {
      name: `${this.prefix}-${kind}`,
      description: `${kind} of ${this.prefix}: port ${port} from the EKS nodes and control plane only`,
      vpcId: this.net().getString(NETWORK_OUTPUTS.vpcId),
      port,
      clients: {
        nodes: cluster.getString(CLUSTER_OUTPUTS.nodeSecurityGroupId),
        cluster: cluster.getString(CLUSTER_OUTPUTS.clusterSecurityGroupId),
      },
    });
  }

  /** What the region's PostgreSQL (RDS or Aurora, primary or secondary) takes from config. */
  private postgresProps(db: Extract<NonNullable<EnvironmentConfig["data"]["database"]>, { engine: "postgres" }>, sg: ServiceSecurityGroup) {
    return {
      name: this.prefix,
      accountId: this.env.account.id,
      subnetIds: this.net().getList(NETWORK_OUTPUTS.databaseSubnetIds),
      securityGroup: sg.securityGroup,
      key: this.key("database"),
      logKey: this.key("logs"),
      instanceClass: db.instanceClass,
      engineVersion: db.engineVersion,
      backupRetentionDays: db.backupRetentionDays,
      backupWindow: db.backupWindow,
      maintenanceWindow: db.maintenanceWindow,
      deletionProtection: db.deletionProtection,
      performanceInsightsRetentionDays: db.performanceInsightsRetentionDays,
      monitoringIntervalSeconds: db.monitoringIntervalSeconds,
      logExports: db.logExports,
      logRetentionDays: db.logRetentionDays,
    };
  }

  private primaryPostgres(out: (name: string, value: string, description: string) => void): void {
    const db = this.env.data.database;
    if (db?.engine !== "postgres") return;
    const sg = this.securityGroup("database", POSTGRES_PORT);
    const common = this.postgresProps(db, sg);
    out(DATA_OUTPUTS.databaseSecurityGroupId, sg.securityGroup.id, "Security group of the database");
    if (db.deployment === "rds") {
      const rds = new RdsPostgres(this, "database", {
        ...common,
        allocatedStorageGb: db.allocatedStorageGb,
        maxAllocatedStorageGb: db.maxAllocatedStorageGb,
        multiAz: db.multiAz,
      });
      out(DATA_OUTPUTS.databaseEndpoint, rds.instance.address, "Database writer host name");
      out(DATA_OUTPUTS.databaseReaderEndpoint, rds.instance.address, "Database reader host name (the writer: RDS has no readers here)");
      out(DATA_OUTPUTS.databaseArn, rds.instance.arn, "RDS instance ARN (source of cross-region backup replication)");
      out(DATA_OUTPUTS.databaseMasterSecretArn, rds.instance.masterUserSecret.get(0).secretArn, "Secrets Manager secret of the master user, managed and rotated by RDS");
      return;
    }
    const global = db.drReplication === "global-database";
    const aurora = new AuroraPostgres(this, "database", {
      ...common,
      readers: db.readReplicas,
      globalRole: global ? { kind: "global-primary", globalClusterIdentifier: `${this.env.project}-${this.env.name}` } : { kind: "standalone" },
    });
    out(DATA_OUTPUTS.databaseEndpoint, aurora.cluster.endpoint, "Aurora writer endpoint");
    out(DATA_OUTPUTS.databaseReaderEndpoint, aurora.cluster.readerEndpoint, "Aurora reader endpoint (load-balanced over readers)");
    out(DATA_OUTPUTS.databaseArn, aurora.cluster.arn, "Aurora cluster ARN");
    if (aurora.globalCluster) out(DATA_OUTPUTS.databaseGlobalClusterId, aurora.globalCluster.id, "Aurora Global Database id (the DR region's secondary joins it)");
    else out(DATA_OUTPUTS.databaseMasterSecretArn, aurora.cluster.masterUserSecret.get(0).secretArn, "Secrets Manager secret of the master user, managed and rotated by RDS");
  }

  private primaryCache(out: (name: string, value: string, description: string) => void): void {
    const cache = this.env.data.cache;
    if (!cache) return;
    const sg = this.securityGroup("cache", CACHE_PORT);
    const redis = new RedisCache(this, "cache", {
      ...this.cacheProps(sg),
      globalRole: cache.globalDatastore ? { kind: "primary" } : { kind: "none" },
    });
    out(DATA_OUTPUTS.cacheSecurityGroupId, sg.securityGroup.id, "Security group of the cache");
    out(DATA_OUTPUTS.cacheConfigurationEndpoint, redis.replicationGroup.configurationEndpointAddress, "Cache configuration endpoint (cluster mode, TLS, IAM auth)");
    if (redis.globalReplicationGroup) {
      out(DATA_OUTPUTS.cacheGlobalReplicationGroupId, redis.globalReplicationGroup.globalReplicationGroupId, "Global Datastore id (the DR region's secondary joins it)");
    }
  }

  private cacheProps(sg: ServiceSecurityGroup) {
    const cache = this.env.data.cache!;
    return {
      name: this.prefix,
      // The database tier: no internet route, and where module network policies send 6379.
      subnetIds: this.net().getList(NETWORK_OUTPUTS.databaseSubnetIds),
      securityGroup: sg.securityGroup,
      key: this.key("cache"),
      logKey: this.key("logs"),
      engine: cache.engine,
      engineVersion: cache.engineVersion,
      nodeType: cache.nodeType,
      shards: cache.shards,
      replicasPerShard: cache.replicasPerShard,
      atRestEncryption: cache.atRestEncryption,
      transitEncryption: cache.transitEncryption,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      maintenanceWindow: cache.maintenanceWindow,
      slowLogRetentionDays: cache.slowLogRetentionDays,
      users: cache.users,
    };
  }

  /** Catalog buckets, their access-log bucket, and DR replicas through the aliased provider. */
  private buckets(out: (name: string, value: string, description: string) => void): void {
    const env = this.env;
    const entries = Object.entries(env.data.buckets);
    const cockroach = env.data.database?.engine === "cockroachdb";
    if (entries.length === 0 && !cockroach) return;
    const drRegion = env.dr.strategy !== "none" && env.dr.strategy !== "backup-restore" ? env.dr.region : undefined;
    const logs = new S3AccessLogBucket(this, "access-logs", { bucketName: bucketName(env, `access_logs_${this.region.replace(/-/g, "_")}`), accountId: env.account.id });
    let drSide: { logs: S3AccessLogBucket; key: EncryptionKey } | undefined;
    const replicaSide = () => {
      if (!drRegion) throw new Error("unreachable: replication without a DR region passed config validation");
      if (!drSide) {
        const provider = this.awsIn(drRegion);
        const drPrefix = resourcePrefix(env, drRegion);
        drSide = {
          key: new EncryptionKey(this, "key-storage-replica", { alias: `${drPrefix}-storage`, purpose: `Encrypts bucket replicas in ${drRegion}`, accountId: env.account.id, provider }),
          logs: new S3AccessLogBucket(this, "access-logs-replica", { bucketName: bucketName(env, `access_logs_${drRegion.replace(/-/g, "_")}`), accountId: env.account.id, provider }),
        };
      }
      return drSide;
    };
    const backupEntry: [string, BucketConfig] = [COCKROACH_BACKUP_BUCKET, { kind: "backups" }];
    for (const [logical, bucket] of [...entries, ...(cockroach ? [backupEntry] : [])]) {
      const settings = {
        kind: bucket.kind,
        accountId: env.account.id,
        versioned: bucket.versioned,
        transitions: bucket.transitions,
        expirationDays: bucket.expirationDays,
        noncurrentVersionExpirationDays: bucket.noncurrentVersionExpirationDays,
      };
      const replicate = drRegion !== undefined && (bucket.replicateToDr ?? BUCKET_KIND_DEFAULTS[bucket.kind].replicateToDr);
      let replica: DataBucket | undefined;
      if (replicate) {
        const side = replicaSide();
        replica = new DataBucket(this, `bucket-${logical}-replica`, {
          ...settings,
          bucketName: bucketName(env, `${logical}_replica`),
          region: drRegion,
          key: side.key,
          logBucket: side.logs.bucket,
          provider: this.awsIn(drRegion),
        });
      }
      const moduleBundles = bucket.kind === "module-bundles";
      const created = new DataBucket(this, `bucket-${logical}`, {
        ...settings,
        bucketName: bucketName(env, logical),
        region: this.region,
        // Bundles get their own key: CloudFront may decrypt them, and nothing else.
        key: this.key(moduleBundles ? "bundles" : "storage"),
        logBucket: logs.bucket,
        cors: bucket.cors,
        // The edge stack owns this bucket's policy (CloudFront OAC + TLS only).
        managePolicy: !moduleBundles,
        replication: replica ? { destination: replica, roleName: `${env.project}-${env.name}-${logical.replace(/_/g, "-")}-replication` } : undefined,
      });
      const names = bucketOutputs(logical);
      out(names.name, created.bucket.bucket, `Name of bucket ${logical} (${bucket.kind})`);
      out(names.arn, created.bucket.arn, `ARN of bucket ${logical} (${bucket.kind})`);
      out(names.keyArn, created.key.key.arn, `ARN of the KMS key encrypting bucket ${logical}`);
      if (moduleBundles) {
        out(names.regionalDomainName, created.bucket.bucketRegionalDomainName, `Regional domain name of ${logical}: the CloudFront origin; the edge stack attaches the OAC bucket policy`);
      }
      if (logical === COCKROACH_BACKUP_BUCKET) out(DATA_OUTPUTS.cockroachBackupBucketName, created.bucket.bucket, "CockroachDB backup bucket");
    }
  }

  /** The DR region's standbys: replicated backups or Aurora secondary, cache secondary. */
  private standbys(): void {
    const env = this.env;
    if (this.region !== env.dr.region) return;
    const db = env.data.database;
    const cache = env.data.cache;
    const needsPrimary = (db?.engine === "postgres" && db.drReplication !== "none") || cache?.globalDatastore;
    if (!needsPrimary) return;
    const primary = this.upstream(stackName(env, env.primaryRegion, "data"), dataPlaceholders(env));
    if (db?.engine === "postgres" && db.drReplication === "automated-backups") {
      new CrossRegionBackups(this, "database-backups", {
        sourceInstanceArn: primary.getString(DATA_OUTPUTS.databaseArn),
        key: this.key("database"),
        retentionDays: db.backupRetentionDays,
      });
    }
    if (db?.engine === "postgres" && db.drReplication === "global-database") {
      const sg = this.securityGroup("database", POSTGRES_PORT);
      new AuroraPostgres(this, "database", {
        ...this.postgresProps(db, sg),
        readers: db.drInstances - 1,
        globalRole: { kind: "global-secondary", globalClusterIdentifier: primary.getString(DATA_OUTPUTS.databaseGlobalClusterId), sourceRegion: env.primaryRegion },
      });
    }
    if (cache?.globalDatastore) {
      const sg = this.securityGroup("cache", CACHE_PORT);
      new RedisCache(this, "cache", {
        ...this.cacheProps(sg),
        globalRole: { kind: "secondary", globalReplicationGroupId: primary.getString(DATA_OUTPUTS.cacheGlobalReplicationGroupId) },
      });
    }
  }

  /** CockroachDB's AWS side in this region: EBS volume key and the backup IRSA role. */
  private cockroach(out: (name: string, value: string, description: string) => void): void {
    const env = this.env;
    const cluster = this.clusterOutputs();
    const backupBucket = bucketName(env, COCKROACH_BACKUP_BUCKET);
    // The bucket and its key live in the primary region; the key ARN is read from there.
    const backupKey = this.isPrimary ? { arn: this.key("storage").key.arn } : { alias: `${resourcePrefix(env, env.primaryRegion)}-storage` };
    const access = new CockroachBackupAccess(this, "cockroach-backup", {
      roleName: `${this.prefix}-cockroachdb-backup`,
      oidcProviderArn: cluster.getString(CLUSTER_OUTPUTS.oidcProviderArn),
      oidcIssuer: cluster.getString(CLUSTER_OUTPUTS.oidcIssuer),
      bucketArn: `arn:aws:s3:::${backupBucket}`,
      key: backupKey,
    });
    out(DATA_OUTPUTS.cockroachBackupRoleArn, access.role.role.arn, "IRSA role of the cockroachdb service account (S3 backups)");
    out(DATA_OUTPUTS.cockroachVolumeKeyArn, this.key("cockroach-volumes").key.arn, "KMS key encrypting CockroachDB EBS volumes (storage class kmsKeyId)");
    if (!this.isPrimary) out(DATA_OUTPUTS.cockroachBackupBucketName, backupBucket, "CockroachDB backup bucket (in the primary region)");
  }
}
