import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheGlobalReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-global-replication-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { EncryptionKey } from "../kms/encryption-key";
import { CACHE_MEMBERS_METADATA, clusterModeMembers } from "../monitoring/alarm-catalogue";

/** Redis/Valkey port. */
export const CACHE_PORT = 6379;
/** Default snapshot retention, days (seeds 001/003). */
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 7;
/** Default snapshot window (seeds 001/003). */
export const DEFAULT_SNAPSHOT_WINDOW = "03:00-05:00";
/** Default maintenance window: after the snapshot window. */
export const DEFAULT_CACHE_MAINTENANCE_WINDOW = "sun:05:30-sun:06:30";
/** Default slow-log retention, days. */
export const DEFAULT_SLOW_LOG_RETENTION_DAYS = 30;
/** Default RBAC users: one application user authenticated by IAM. */
export const DEFAULT_CACHE_USERS: Readonly<Record<string, string>> = { app: "on ~* +@all -@dangerous" };

/**
 * Role in a Global Datastore: `primary` creates the global replication group;
 * `secondary` joins `globalReplicationGroupId` (from the primary's stack) and inherits
 * engine, node type, shards and encryption from it.
 */
export type CacheGlobalRole =
  | { readonly kind: "none" }
  | { readonly kind: "primary" }
  | { readonly kind: "secondary"; readonly globalReplicationGroupId: string };

/** Properties of {@link RedisCache}. */
export interface RedisCacheProps {
  /**
   * Replication group id, 1-40 characters, and the prefix of the subnet group, users,
   * user group, slow log and final snapshot, e.g. `orders-prod-sa-east-1`.
   */
  readonly name: string;
  readonly subnetIds: string[];
  readonly securityGroup: SecurityGroup;
  /** Encrypts data at rest and snapshots. */
  readonly key: EncryptionKey;
  /** Encrypts the slow-log group. */
  readonly logKey: EncryptionKey;
  /** @default "redis" */
  readonly engine?: "redis" | "valkey";
  readonly engineVersion: string;
  readonly nodeType: string;
  /** Shards (node groups); cluster mode is always on. */
  readonly shards: number;
  /** Replicas per shard; 1+ turns on Multi-AZ and automatic failover. */
  readonly replicasPerShard: number;
  /** @default true */
  readonly atRestEncryption?: boolean;
  /** @default true */
  readonly transitEncryption?: boolean;
  /** @default 7 */
  readonly snapshotRetentionDays?: number;
  /** @default "03:00-05:00" */
  readonly snapshotWindow?: string;
  /** @default "sun:05:30-sun:06:30" */
  readonly maintenanceWindow?: string;
  /** @default 30 */
  readonly slowLogRetentionDays?: number;
  /** RBAC users (IAM authentication) by name, with access strings. @default { app: "on ~* +@all -@dangerous" } */
  readonly users?: Readonly<Record<string, string>>;
  /** @default { kind: "none" } */
  readonly globalRole?: CacheGlobalRole;
}

/**
 * ElastiCache (Redis OSS or Valkey) replication group in cluster mode: shards and
 * replicas from config, Multi-AZ with automatic failover when there are replicas, KMS
 * encryption at rest, TLS in transit, daily snapshots, slow log to a KMS-encrypted
 * CloudWatch group, `prevent_destroy` and a final snapshot.
 *
 * Authentication is RBAC with IAM: each user authenticates with a short-lived IAM token
 * (`elasticache:Connect`), so no AUTH token or password exists anywhere, Terraform
 * included. The mandatory `default` user is switched off. Optionally the primary or a
 * secondary of a Global Datastore.
 *
 * @example
 * ```ts
 * import { RedisCache } from "@plataforma/infra/constructs/cache";
 * import type { EncryptionKey } from "@plataforma/infra/constructs/kms";
 * import type { RegionalNetwork, ServiceSecurityGroup } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 * declare const cacheClients: ServiceSecurityGroup; // port 6379, open to the cluster nodes
 * declare const dataKey: EncryptionKey;
 * declare const logsKey: EncryptionKey;
 *
 * const cache = new RedisCache(stack, "cache", {
 *   name: "orders-production-sa-east-1",
 *   subnetIds: Object.values(net.subnets.database).map((s) => s.id),
 *   securityGroup: cacheClients.securityGroup,
 *   key: dataKey,
 *   logKey: logsKey,
 *   engineVersion: "7.1",
 *   nodeType: "cache.r7g.large",
 *   shards: 2,
 *   replicasPerShard: 1,
 * });
 * const endpoint = cache.replicationGroup.configurationEndpointAddress;
 * ```
 */
export class RedisCache extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  /** The Global Datastore, on a primary. */
  readonly globalReplicationGroup?: ElasticacheGlobalReplicationGroup;
  readonly userGroup: ElasticacheUserGroup;
  /** RBAC users by name (the disabled default user excluded). */
  readonly users: Readonly<Record<string, ElasticacheUser>>;
  readonly slowLog: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const engine = props.engine ?? "redis";
    const atRest = props.atRestEncryption ?? true;
    const transit = props.transitEncryption ?? true;
    const retention = props.snapshotRetentionDays ?? DEFAULT_SNAPSHOT_RETENTION_DAYS;
    const role = props.globalRole ?? { kind: "none" };
    const userMap = props.users ?? DEFAULT_CACHE_USERS;
    const problems: PropProblem[] = [];
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(props.name)) {
      problems.push({
        prop: "name",
        message: "must be 1-40 lowercase letters, digits and dashes, starting with a letter",
        received: props.name,
        fix: "use a name such as orders-prod-sa-east-1",
      });
    }
    if (!Number.isInteger(props.shards) || props.shards < 1 || props.shards > 500) {
      problems.push({
        prop: "shards",
        message: "must be 1-500",
        received: props.shards,
        fix: "use 1 shard unless one node cannot hold the data",
      });
    }
    if (!Number.isInteger(props.replicasPerShard) || props.replicasPerShard < 0 || props.replicasPerShard > 5) {
      problems.push({
        prop: "replicasPerShard",
        message: "must be 0-5",
        received: props.replicasPerShard,
        fix: "use 1 or more for Multi-AZ failover, 0 for none",
      });
    }
    if (!transit) {
      problems.push({
        prop: "transitEncryption",
        message: "must stay on: IAM-authenticated RBAC users need TLS",
        received: transit,
        fix: "keep transitEncryption true",
      });
    }
    if (role.kind !== "none" && !atRest) {
      problems.push({
        prop: "atRestEncryption",
        message: "must be on for a Global Datastore member",
        received: atRest,
        fix: "set atRestEncryption true",
      });
    }
    if (retention < 0 || retention > 35) {
      problems.push({
        prop: "snapshotRetentionDays",
        message: "must be 0-35",
        received: retention,
        fix: `use ${DEFAULT_SNAPSHOT_RETENTION_DAYS}`,
      });
    }
    // Valkey has no password-free users, so the mandatory "default" user could only be
    // switched off with a password, which this construct never creates.
    if (engine === "valkey") {
      problems.push({
        prop: "engine",
        message: "is not supported yet: Valkey's mandatory default user needs a password",
        received: engine,
        fix: 'use engine "redis"',
      });
    }
    if (Object.hasOwn(userMap, "default")) {
      problems.push({
        prop: "users.default",
        message: 'uses the reserved user name "default" (it is created disabled)',
        received: userMap.default,
        fix: "rename the user",
      });
    }
    throwIfInvalid(this, problems);
    const name = props.name;

    const subnets = new ElasticacheSubnetGroup(this, "subnets", {
      name,
      description: `Cache subnets of ${name}`,
      subnetIds: props.subnetIds,
    });
    this.slowLog = new CloudwatchLogGroup(this, "slow-log", {
      name: `/aws/elasticache/${name}/slow-log`,
      retentionInDays: props.slowLogRetentionDays ?? DEFAULT_SLOW_LOG_RETENTION_DAYS,
      kmsKeyId: props.logKey.key.arn,
    });

    // Every user group must contain a user named "default"; this one can do nothing.
    const defaultUser = new ElasticacheUser(this, "user-default", {
      userId: `${name}-default`,
      userName: "default",
      engine,
      accessString: "off -@all",
      authenticationMode: { type: "no-password-required" },
    });
    const users: Record<string, ElasticacheUser> = {};
    for (const [userName, access] of Object.entries(userMap)) {
      // IAM authentication requires user id == user name.
      users[userName] = new ElasticacheUser(this, `user-${userName}`, {
        userId: `${name}-${userName}`,
        userName: `${name}-${userName}`,
        engine,
        accessString: access,
        authenticationMode: { type: "iam" },
      });
    }
    this.users = users;
    this.userGroup = new ElasticacheUserGroup(this, "user-group", {
      userGroupId: name,
      engine,
      userIds: [defaultUser.userId, ...Object.values(users).map((u) => u.userId)],
    });

    const multiAz = props.replicasPerShard >= 1;
    const shape =
      role.kind === "secondary"
        ? { globalReplicationGroupId: role.globalReplicationGroupId, replicasPerNodeGroup: props.replicasPerShard }
        : {
            engine,
            engineVersion: props.engineVersion,
            nodeType: props.nodeType,
            numNodeGroups: props.shards,
            replicasPerNodeGroup: props.replicasPerShard,
            parameterGroupName: `default.${engine}${props.engineVersion.split(".")[0]}.cluster.on`,
            atRestEncryptionEnabled: String(atRest),
            transitEncryptionEnabled: transit,
          };
    this.replicationGroup = new ElasticacheReplicationGroup(this, "replication-group", {
      replicationGroupId: name,
      description: `Cache ${name} (cluster mode, ${props.shards} x ${props.replicasPerShard})`,
      ...shape,
      clusterMode: "enabled",
      port: CACHE_PORT,
      kmsKeyId: atRest ? props.key.key.arn : undefined,
      automaticFailoverEnabled: multiAz,
      multiAzEnabled: multiAz,
      subnetGroupName: subnets.name,
      securityGroupIds: [props.securityGroup.id],
      userGroupIds: [this.userGroup.userGroupId],
      snapshotRetentionLimit: retention,
      snapshotWindow: props.snapshotWindow ?? DEFAULT_SNAPSHOT_WINDOW,
      maintenanceWindow: props.maintenanceWindow ?? DEFAULT_CACHE_MAINTENANCE_WINDOW,
      finalSnapshotIdentifier: `${name}-final`,
      autoMinorVersionUpgrade: "true",
      logDeliveryConfiguration: [
        { destination: this.slowLog.name, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
      ],
      lifecycle: { preventDestroy: true },
    });
    // Member ids are computed by AWS; the alarm catalogue needs them at synth (a Global
    // Datastore secondary inherits its shard count, so its resource cannot tell).
    this.replicationGroup.node.addMetadata(
      CACHE_MEMBERS_METADATA,
      clusterModeMembers(name, props.shards, props.replicasPerShard),
    );
    if (role.kind === "primary") {
      this.globalReplicationGroup = new ElasticacheGlobalReplicationGroup(this, "global", {
        globalReplicationGroupIdSuffix: name,
        primaryReplicationGroupId: this.replicationGroup.id,
        globalReplicationGroupDescription: `Global Datastore of ${name}`,
        lifecycle: { preventDestroy: true },
      });
    }
  }
}
