import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { type BackupCopy, BackupPlan } from "../constructs/backup/backup-plan";
import { BackupVault } from "../constructs/backup/backup-vault";
import { moduleCacheAccessString } from "../constructs/cache/module-cache-users";
import { CACHE_PORT, RedisCache } from "../constructs/cache/redis-cache";
import { AuroraPostgres } from "../constructs/database/aurora-postgres";
import { CockroachBackupAccess } from "../constructs/database/cockroachdb-backup-access";
import { CrossRegionBackups } from "../constructs/database/cross-region-backups";
import { POSTGRES_PORT } from "../constructs/database/postgres-settings";
import { RdsPostgres } from "../constructs/database/rds-postgres";
import { AzPowerInterruptionExperiment, type GameDayDatabase } from "../constructs/dr/az-power-interruption-experiment";
import { CrossRegionConnectivityExperiment } from "../constructs/dr/cross-region-connectivity-experiment";
import { EncryptionKey, type KeyServiceGrant } from "../constructs/kms/encryption-key";
import { ServiceSecurityGroup } from "../constructs/network/service-security-group";
import { DataBucket } from "../constructs/storage/data-bucket";
import { S3AccessLogBucket } from "../constructs/storage/s3-access-log-bucket";
import { moduleShortName } from "../constructs/workloads/manifest-schema";
import {
  type BucketConfig,
  type CacheConfig,
  type GameDaysConfig,
  type PostgresConfig,
  replicatesToDr,
} from "../environments/schema";
import {
  accessLogBucketLogical,
  activeDrRegion,
  bucketName,
  bucketReplicationRoleName,
  COCKROACH_BACKUP_BUCKET,
  cacheRegions,
  cacheReplicationGroupId,
  cockroachBackupRoleName,
  drStandbyRegion,
  EDGE_OWNED_BUCKET_POLICY_KINDS,
  eksClusterName,
  globalDatabaseId,
  type KeyPurpose,
  keyAlias,
  moduleCacheUserKey,
  replicaBucketLogical,
  resourcePrefix,
  stackName,
  stateBucketName,
  stateRegion,
} from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { readClusterOutputs } from "./cluster-outputs";
import { bucketOutputNames, DATA_OUTPUTS, readDataOutputs } from "./data-outputs";
import { LayerStack } from "./layer-stack";
import { readNetworkOutputs } from "./network-outputs";
import { MASTER_USERNAME } from "./organisation";

/** Where the DR replicas of the primary's buckets go: the region, its storage key, its access logs. */
interface ReplicaRegionSide {
  readonly region: string;
  readonly key: EncryptionKey;
  readonly logs: S3AccessLogBucket;
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
 * primary region's API. It reads the primary's outputs through `readDataOutputs`; the
 * primary never reads the DR stack, so there is no cycle.
 */
export class DataStack extends LayerStack {
  /** Whether this is the primary region's stack. */
  readonly isPrimary: boolean;
  private readonly prefix: string;
  private readonly keys = new Map<KeyPurpose, EncryptionKey>();
  /** The DR region's storage key and access-log bucket, created with the first replica. */
  private replicaSide?: ReplicaRegionSide;
  /** The primary database, for AWS Backup: its ARN and AWS Backup resource type. */
  private database?: { readonly arn: string; readonly backupType: "RDS" | "Aurora" };
  /** The primary's writer and cache, which game days interrupt. */
  private gameDayTargets: { database?: GameDayDatabase; cacheArn?: string } = {};

  constructor(scope: Construct, props: BaseStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "data" });
    const env = this.env;
    if (!env.regions[props.region]) {
      throw new Error(`region ${props.region} is not configured for environment ${env.name}`);
    }
    this.isPrimary = props.region === env.primaryRegion;
    this.prefix = resourcePrefix(env, props.region);
    const db = env.data.database;

    if (this.isPrimary) {
      if (db?.engine === "postgres") this.primaryPostgres(db);
      if (env.data.cache) this.primaryCache(env.data.cache);
      this.buckets();
      this.backups();
      if (env.dr.gameDays) this.gameDays(env.dr.gameDays);
    } else {
      this.standbys();
    }
    if (db?.engine === "cockroachdb" && (db.regions as readonly string[]).includes(props.region)) this.cockroach();
  }

  private output(name: string, value: string, description: string): void {
    new TerraformOutput(this, name, { value, description });
  }

  /** A key per purpose, created once, rotating, with the service grants of {@link DataStack.keyGrants}. */
  private key(purpose: KeyPurpose): EncryptionKey {
    let key = this.keys.get(purpose);
    if (!key) {
      key = new EncryptionKey(this, `key-${purpose}`, {
        alias: keyAlias(this.env, this.region, purpose),
        purpose: `Encrypts ${purpose} of ${this.prefix}`,
        accountId: this.env.account.id,
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
  private keyGrants(purpose: KeyPurpose): KeyServiceGrant[] {
    const account = this.env.account.id;
    if (purpose === "logs") {
      return [
        {
          principal: `logs.${this.region}.amazonaws.com`,
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          condition: {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${this.region}:${account}:log-group:*` },
          },
        },
      ];
    }
    if (purpose === "bundles") {
      return [
        {
          principal: "cloudfront.amazonaws.com",
          actions: ["kms:Decrypt"],
          condition: { StringLike: { "AWS:SourceArn": `arn:aws:cloudfront::${account}:distribution/*` } },
        },
      ];
    }
    return [];
  }

  private securityGroup(kind: "database" | "cache", port: number): ServiceSecurityGroup {
    const cluster = readClusterOutputs(this, this.region);
    return new ServiceSecurityGroup(this, `${kind}-security-group`, {
      name: `${this.prefix}-${kind}`,
      description: `${kind} of ${this.prefix}: port ${port} from the EKS nodes and control plane only`,
      vpcId: readNetworkOutputs(this, this.region).vpcId,
      port,
      clients: { nodes: cluster.nodeSecurityGroupId, cluster: cluster.clusterSecurityGroupId },
    });
  }

  /** What the region's PostgreSQL (RDS or Aurora, primary or secondary) takes from config. */
  private postgresProps(db: PostgresConfig, sg: ServiceSecurityGroup) {
    return {
      name: this.prefix,
      masterUsername: MASTER_USERNAME,
      accountId: this.env.account.id,
      subnetIds: readNetworkOutputs(this, this.region).databaseSubnetIds,
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

  private primaryPostgres(db: PostgresConfig): void {
    const sg = this.securityGroup("database", POSTGRES_PORT);
    const common = this.postgresProps(db, sg);
    const masterSecretDescription = "Secrets Manager secret of the master user, managed and rotated by RDS";
    this.output(DATA_OUTPUTS.databaseSecurityGroupId, sg.securityGroup.id, "Security group of the database");
    if (db.deployment === "rds") {
      const rds = new RdsPostgres(this, "database", {
        ...common,
        allocatedStorageGb: db.allocatedStorageGb,
        maxAllocatedStorageGb: db.maxAllocatedStorageGb,
        multiAz: db.multiAz,
      });
      const instance = rds.instance;
      this.database = { arn: instance.arn, backupType: "RDS" };
      this.gameDayTargets.database = { kind: "instance", arn: instance.arn };
      this.output(DATA_OUTPUTS.databaseEndpoint, instance.address, "Database writer host name");
      this.output(
        DATA_OUTPUTS.databaseReaderEndpoint,
        instance.address,
        "Database reader host name (the writer: RDS has no readers here)",
      );
      const arnDescription = "RDS instance ARN (source of cross-region backup replication)";
      this.output(DATA_OUTPUTS.databaseArn, instance.arn, arnDescription);
      const secretArn = instance.masterUserSecret.get(0).secretArn;
      this.output(DATA_OUTPUTS.databaseMasterSecretArn, secretArn, masterSecretDescription);
      return;
    }
    const global = db.drReplication === "global-database";
    const aurora = new AuroraPostgres(this, "database", {
      ...common,
      readers: db.readReplicas,
      readerAutoscaling: db.readerAutoscaling,
      globalRole: global
        ? { kind: "global-primary", globalClusterIdentifier: globalDatabaseId(this.env) }
        : { kind: "standalone" },
    });
    const cluster = aurora.cluster;
    this.database = { arn: cluster.arn, backupType: "Aurora" };
    this.gameDayTargets.database = { kind: "cluster", arn: cluster.arn };
    this.output(DATA_OUTPUTS.databaseEndpoint, cluster.endpoint, "Aurora writer endpoint");
    const readerDescription = "Aurora reader endpoint (load-balanced over readers)";
    this.output(DATA_OUTPUTS.databaseReaderEndpoint, cluster.readerEndpoint, readerDescription);
    this.output(DATA_OUTPUTS.databaseArn, cluster.arn, "Aurora cluster ARN");
    if (aurora.globalCluster) {
      const description = "Aurora Global Database id (the DR region's secondary joins it)";
      this.output(DATA_OUTPUTS.databaseGlobalClusterId, aurora.globalCluster.id, description);
    } else {
      const secretArn = cluster.masterUserSecret.get(0).secretArn;
      this.output(DATA_OUTPUTS.databaseMasterSecretArn, secretArn, masterSecretDescription);
    }
  }

  private primaryCache(cache: CacheConfig): void {
    const sg = this.securityGroup("cache", CACHE_PORT);
    const redis = new RedisCache(this, "cache", {
      ...this.cacheProps(cache, sg),
      globalRole: cache.globalDatastore ? { kind: "primary" } : { kind: "none" },
    });
    this.gameDayTargets.cacheArn = redis.replicationGroup.arn;
    this.output(DATA_OUTPUTS.cacheSecurityGroupId, sg.securityGroup.id, "Security group of the cache");
    this.output(
      DATA_OUTPUTS.cacheConfigurationEndpoint,
      redis.replicationGroup.configurationEndpointAddress,
      "Cache configuration endpoint (cluster mode, TLS, IAM auth)",
    );
    if (redis.globalReplicationGroup) {
      this.output(
        DATA_OUTPUTS.cacheGlobalReplicationGroupId,
        redis.globalReplicationGroup.globalReplicationGroupId,
        "Global Datastore id (the DR region's secondary joins it)",
      );
    }
  }

  private cacheProps(cache: CacheConfig, sg: ServiceSecurityGroup) {
    return {
      name: cacheReplicationGroupId(this.env, this.region),
      // The database tier: no internet route, and where module network policies send 6379.
      subnetIds: readNetworkOutputs(this, this.region).databaseSubnetIds,
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
      users: { ...cache.users, ...this.moduleCacheUsers() },
    };
  }

  /**
   * One RBAC user per module that declared `events:*` and runs in a region with a cache,
   * confined to its own keys (`~<module>:*`), instead of one user every module shares.
   * The primary and the Global Datastore secondary get the same set, so a module keeps its
   * identity after failover.
   */
  private moduleCacheUsers(): Record<string, string> {
    const env = this.env;
    const subscribes = new Map<string, boolean>();
    for (const region of cacheRegions(env)) {
      for (const manifest of Object.values(env.workloads.regions[region]?.modules ?? {})) {
        const events = manifest?.security.permissions.filter((p) => p.startsWith("events:")) ?? [];
        if (!manifest || events.length === 0) continue;
        const short = moduleShortName(manifest.name);
        const subscriber = events.some((p) => p.startsWith("events:subscribe"));
        subscribes.set(short, (subscribes.get(short) ?? false) || subscriber);
      }
    }
    return Object.fromEntries(
      [...subscribes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([module, subscriber]) => [
          moduleCacheUserKey(module),
          moduleCacheAccessString({ module, subscribes: subscriber }),
        ]),
    );
  }

  /**
   * The catalog's buckets (and CockroachDB's backup bucket): the region's access-log
   * bucket, then per bucket its DR replica (when replicated), the bucket, its outputs.
   */
  private buckets(): void {
    const entries = this.bucketEntries();
    if (entries.length === 0) return;
    const env = this.env;
    const logs = new S3AccessLogBucket(this, "access-logs", {
      bucketName: bucketName(env, accessLogBucketLogical(this.region)),
      accountId: env.account.id,
    });
    for (const [logical, bucket] of entries) {
      const replica = replicatesToDr(env, bucket) ? this.replicaBucket(logical, bucket) : undefined;
      const created = this.catalogBucket(logical, bucket, logs, replica);
      this.bucketOutputs(logical, bucket, created);
    }
  }

  /** The catalog's buckets, then CockroachDB's backup bucket when the database is CockroachDB. */
  private bucketEntries(): [string, BucketConfig][] {
    const cockroach = this.env.data.database?.engine === "cockroachdb";
    const backups: [string, BucketConfig] = [COCKROACH_BACKUP_BUCKET, { kind: "backups" }];
    return [...Object.entries(this.env.data.buckets), ...(cockroach ? [backups] : [])];
  }

  /** What a bucket and its replica share. */
  private bucketSettings(bucket: BucketConfig) {
    return {
      kind: bucket.kind,
      accountId: this.env.account.id,
      versioned: bucket.versioned,
      transitions: bucket.transitions,
      expirationDays: bucket.expirationDays,
      noncurrentVersionExpirationDays: bucket.noncurrentVersionExpirationDays,
    };
  }

  /**
   * The DR region's replica of a bucket, through the aliased provider, with the shared DR key
   * and logs. A module-bundles replica is a CloudFront failover origin: it gets a DR key that
   * CloudFront may decrypt with, and the edge stack owns its policy like the primary's.
   */
  private replicaBucket(logical: string, bucket: BucketConfig): DataBucket {
    const side = this.replicaRegionSide();
    const edgeOwned = EDGE_OWNED_BUCKET_POLICY_KINDS.includes(bucket.kind);
    return new DataBucket(this, `bucket-${logical}-replica`, {
      ...this.bucketSettings(bucket),
      bucketName: bucketName(this.env, replicaBucketLogical(logical)),
      region: side.region,
      key: bucket.kind === "module-bundles" ? this.replicaBundlesKey(side.region) : side.key,
      logBucket: side.logs.bucket,
      managePolicy: !edgeOwned,
      provider: this.awsIn(side.region),
    });
  }

  /** The DR region's key for module-bundle replicas, with the bundles key's CloudFront grant. */
  private replicaBundlesKey(region: string): EncryptionKey {
    return new EncryptionKey(this, "key-bundles-replica", {
      alias: keyAlias(this.env, region, "bundles"),
      purpose: `Encrypts module bundle replicas in ${region}`,
      accountId: this.env.account.id,
      services: this.keyGrants("bundles"),
      provider: this.awsIn(region),
    });
  }

  /** The DR region's storage key and access-log bucket, created once, with the first replica. */
  private replicaRegionSide(): ReplicaRegionSide {
    if (!this.replicaSide) {
      const env = this.env;
      const region = activeDrRegion(env);
      if (!region) throw new Error("unreachable: replication without a DR region passed config validation");
      const provider = this.awsIn(region);
      const key = new EncryptionKey(this, "key-storage-replica", {
        alias: keyAlias(env, region, "storage"),
        purpose: `Encrypts bucket replicas in ${region}`,
        accountId: env.account.id,
        provider,
      });
      const logs = new S3AccessLogBucket(this, "access-logs-replica", {
        bucketName: bucketName(env, accessLogBucketLogical(region)),
        accountId: env.account.id,
        provider,
      });
      this.replicaSide = { region, key, logs };
    }
    return this.replicaSide;
  }

  /** A bucket in this region, replicating to `replica` when given. */
  private catalogBucket(
    logical: string,
    bucket: BucketConfig,
    logs: S3AccessLogBucket,
    replica?: DataBucket,
  ): DataBucket {
    const moduleBundles = bucket.kind === "module-bundles";
    return new DataBucket(this, `bucket-${logical}`, {
      ...this.bucketSettings(bucket),
      bucketName: bucketName(this.env, logical),
      region: this.region,
      // Bundles get their own key: CloudFront may decrypt them, and nothing else.
      key: this.key(moduleBundles ? "bundles" : "storage"),
      logBucket: logs.bucket,
      cors: bucket.cors,
      // The edge stack owns module bundles' policy (CloudFront OAC + TLS only).
      managePolicy: !EDGE_OWNED_BUCKET_POLICY_KINDS.includes(bucket.kind),
      replication: replica
        ? { destination: replica, roleName: bucketReplicationRoleName(this.env, logical) }
        : undefined,
    });
  }

  private bucketOutputs(logical: string, bucket: BucketConfig, created: DataBucket): void {
    const names = bucketOutputNames(logical);
    this.output(names.name, created.bucket.bucket, `Name of bucket ${logical} (${bucket.kind})`);
    this.output(names.arn, created.bucket.arn, `ARN of bucket ${logical} (${bucket.kind})`);
    this.output(names.keyArn, created.key.key.arn, `ARN of the KMS key encrypting bucket ${logical}`);
    if (bucket.kind === "module-bundles") {
      this.output(
        names.regionalDomainName,
        created.bucket.bucketRegionalDomainName,
        `Regional domain name of ${logical}: the CloudFront origin; the edge stack attaches the OAC bucket policy`,
      );
    }
    if (logical === COCKROACH_BACKUP_BUCKET) {
      this.output(DATA_OUTPUTS.cockroachBackupBucketName, created.bucket.bucket, "CockroachDB backup bucket");
    }
  }

  /**
   * AWS Backup: a locked vault here, daily recovery points of the database and (when it lives
   * in this region) the state bucket, copied to a locked vault in the DR region and to the
   * backup account's vault when configured; a weekly restore test when configured.
   */
  private backups(): void {
    const env = this.env;
    const backup = env.data.backup;
    const resources: Record<string, string> = {};
    if (this.database) resources.database = this.database.arn;
    // AWS Backup selects resources of its own region only.
    if (stateRegion(env) === this.region) resources["state-bucket"] = `arn:aws:s3:::${stateBucketName(env)}`;
    if (Object.keys(resources).length === 0) return;
    const vaultProps = {
      accountId: env.account.id,
      lockMode: backup.vaultLock,
      minRetentionDays: backup.retentionDays,
    };
    const vault = new BackupVault(this, "backup-vault", { ...vaultProps, name: this.prefix });
    const copies: Record<string, BackupCopy> = {};
    const dr = activeDrRegion(env);
    if (dr) {
      const drVault = new BackupVault(this, "backup-vault-dr", {
        ...vaultProps,
        name: resourcePrefix(env, dr),
        provider: this.awsIn(dr),
      });
      copies["dr-region"] = { vaultArn: drVault.vault.arn };
    }
    if (backup.copyToAccount) copies["backup-account"] = { vaultArn: backup.copyToAccount.vaultArn };
    new BackupPlan(this, "backup-plan", {
      name: this.prefix,
      accountId: env.account.id,
      vault,
      resources,
      retentionDays: backup.retentionDays,
      copies,
      restoreTesting:
        backup.restoreTesting && this.database
          ? { resourceType: this.database.backupType, resourceArns: [this.database.arn] }
          : undefined,
    });
  }

  /**
   * FIS game days of the primary region (templates only: a person starts them). Both stop
   * on {@link DataStack.gameDayAlarm}. Nodes are found by the tag EKS puts on them and
   * subnets by the network stack's default tags, so this stack reads no other layer here.
   */
  private gameDays(config: GameDaysConfig): void {
    const env = this.env;
    const { database, cacheArn } = this.gameDayTargets;
    if (!database) throw new Error("unreachable: game days without a PostgreSQL database passed config validation");
    const alarm = this.gameDayAlarm(database);
    const common = {
      accountId: env.account.id,
      region: this.region,
      stopConditionAlarmArns: [alarm.arn],
      durationMinutes: config.durationMinutes,
      logKey: this.key("logs"),
    };
    const subnetTags = { Environment: env.name, Stack: stackName(env, this.region, "network") };
    new AzPowerInterruptionExperiment(this, "game-day-az-power", {
      ...common,
      name: `${this.prefix}-az-power`,
      availabilityZone: config.availabilityZone,
      instanceTags: { "eks:cluster-name": eksClusterName(env, this.region) },
      subnetTags,
      database,
      cacheReplicationGroupArn: cacheArn,
    });
    const isolated = activeDrRegion(env);
    if (isolated) {
      new CrossRegionConnectivityExperiment(this, "game-day-cross-region", {
        ...common,
        name: `${this.prefix}-cross-region`,
        isolatedRegion: isolated,
        subnetTags,
      });
    }
  }

  /**
   * The game days' stop condition: the writer has had no client connection for ten
   * minutes. A Multi-AZ failover drops connections for one to two minutes; ten minutes
   * without any means the applications did not come back, so the drill must end.
   * Missing data counts as breaching: a database that reports nothing is down.
   */
  private gameDayAlarm(database: GameDayDatabase): CloudwatchMetricAlarm {
    const dimension = database.kind === "instance" ? "DBInstanceIdentifier" : "DBClusterIdentifier";
    return new CloudwatchMetricAlarm(this, "game-day-stop-alarm", {
      alarmName: `${this.prefix}-game-day-stop`,
      alarmDescription: "Stops FIS game days: the database has had no client for 10 minutes",
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: { [dimension]: this.prefix },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 10,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
  }

  /** The DR region's standbys: replicated backups or Aurora secondary, cache secondary. */
  private standbys(): void {
    const env = this.env;
    if (this.region !== drStandbyRegion(env)) return;
    const db = env.data.database;
    const cache = env.data.cache;
    const primary = readDataOutputs(this);
    if (db?.engine === "postgres" && db.drReplication === "automated-backups") {
      new CrossRegionBackups(this, "database-backups", {
        sourceInstanceArn: primary.databaseArn,
        key: this.key("database"),
        retentionDays: db.backupRetentionDays,
      });
    }
    if (db?.engine === "postgres" && db.drReplication === "global-database") {
      const sg = this.securityGroup("database", POSTGRES_PORT);
      new AuroraPostgres(this, "database", {
        ...this.postgresProps(db, sg),
        readers: db.drInstances - 1,
        globalRole: {
          kind: "global-secondary",
          globalClusterIdentifier: primary.databaseGlobalClusterId,
          sourceRegion: env.primaryRegion,
        },
      });
    }
    if (cache?.globalDatastore) {
      const sg = this.securityGroup("cache", CACHE_PORT);
      new RedisCache(this, "cache", {
        ...this.cacheProps(cache, sg),
        globalRole: { kind: "secondary", globalReplicationGroupId: primary.cacheGlobalReplicationGroupId },
      });
    }
  }

  /** CockroachDB's AWS side in this region: EBS volume key and the backup IRSA role. */
  private cockroach(): void {
    const env = this.env;
    const cluster = readClusterOutputs(this, this.region);
    const backupBucket = bucketName(env, COCKROACH_BACKUP_BUCKET);
    // The bucket and its key live in the primary region; the key ARN is read from there.
    const backupKey = this.isPrimary
      ? { arn: this.key("storage").key.arn }
      : { alias: keyAlias(env, env.primaryRegion, "storage") };
    const access = new CockroachBackupAccess(this, "cockroach-backup", {
      roleName: cockroachBackupRoleName(env, this.region),
      oidcProviderArn: cluster.oidcProviderArn,
      oidcIssuer: cluster.oidcIssuer,
      bucketArn: `arn:aws:s3:::${backupBucket}`,
      key: backupKey,
    });
    this.output(
      DATA_OUTPUTS.cockroachBackupRoleArn,
      access.role.role.arn,
      "IRSA role of the cockroachdb service account (S3 backups)",
    );
    this.output(
      DATA_OUTPUTS.cockroachVolumeKeyArn,
      this.key("cockroach-volumes").key.arn,
      "KMS key encrypting CockroachDB EBS volumes (storage class kmsKeyId)",
    );
    if (!this.isPrimary) {
      const description = "CockroachDB backup bucket (in the primary region)";
      this.output(DATA_OUTPUTS.cockroachBackupBucketName, backupBucket, description);
    }
  }
}
