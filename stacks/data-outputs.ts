import type { EnvironmentConfig } from "../environments/schema";
import {
  bucketName,
  COCKROACH_BACKUP_BUCKET,
  cockroachBackupRoleName,
  globalDatabaseId,
  resourcePrefix,
  stackName,
} from "../naming/derived";
import type { BaseStack } from "./base-stack";
import type { OutputPlaceholders } from "./remote-outputs";

/**
 * Output names of the `<env>-<region>-data` stacks: the contract the DR region's data
 * stack (the primary's database and cache ids) and the platform stack (CockroachDB,
 * bucket keys) read through {@link readDataOutputs} and {@link readBucketKeyArns}.
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

/** Output names of one catalog bucket. */
export interface BucketOutputNames {
  readonly name: string;
  readonly arn: string;
  /** Read by the platform stacks: a module granted `storage:*` needs the key for SSE-KMS objects. */
  readonly keyArn: string;
  /** Module bundles only: CloudFront's origin (the edge stack derives the same name from config). */
  readonly regionalDomainName: string;
}

/** Output names of one catalog bucket: `bucket_<logical>_name|arn|key_arn|regional_domain_name`. */
export function bucketOutputNames(logical: string): BucketOutputNames {
  return {
    name: `bucket_${logical}_name`,
    arn: `bucket_${logical}_arn`,
    keyArn: `bucket_${logical}_key_arn`,
    regionalDomainName: `bucket_${logical}_regional_domain_name`,
  };
}

/** Placeholder key ARNs of the catalog's buckets (created in the primary region's data stack). */
export function bucketKeyPlaceholders(
  env: Pick<EnvironmentConfig, "account" | "primaryRegion" | "data">,
): OutputPlaceholders {
  const keyArn = (i: number) =>
    `arn:aws:kms:${env.primaryRegion}:${env.account.id}:key/00000000-0000-0000-0000-${String(i + 1).padStart(12, "0")}`;
  const buckets = Object.keys(env.data.buckets);
  return Object.fromEntries(buckets.map((logical, i) => [bucketOutputNames(logical).keyArn, keyArn(i)]));
}

/** Placeholder outputs of a data stack (the primary's by default), shaped like real values. */
export function dataPlaceholders(
  env: Pick<EnvironmentConfig, "account" | "project" | "name" | "primaryRegion">,
  region: string = env.primaryRegion,
): OutputPlaceholders {
  const prefix = resourcePrefix(env, region);
  const account = env.account.id;
  // Shaped like the name RDS gives a managed master secret.
  const masterSecret = "rds!db-00000000-0000-0000-0000-000000000000-000000";
  return {
    [DATA_OUTPUTS.databaseEndpoint]: `${prefix}.cluster-000000000000.${region}.rds.amazonaws.com`,
    [DATA_OUTPUTS.databaseReaderEndpoint]: `${prefix}.cluster-ro-000000000000.${region}.rds.amazonaws.com`,
    [DATA_OUTPUTS.databaseArn]: `arn:aws:rds:${region}:${account}:db:${prefix}`,
    [DATA_OUTPUTS.databaseMasterSecretArn]: `arn:aws:secretsmanager:${region}:${account}:secret:${masterSecret}`,
    [DATA_OUTPUTS.databaseGlobalClusterId]: globalDatabaseId(env),
    [DATA_OUTPUTS.databaseSecurityGroupId]: "sg-00000000000000003",
    [DATA_OUTPUTS.cacheConfigurationEndpoint]: `clustercfg.${prefix}.xxxxxx.sae1.cache.amazonaws.com`,
    [DATA_OUTPUTS.cacheGlobalReplicationGroupId]: `ldgnf-${prefix}`,
    [DATA_OUTPUTS.cacheSecurityGroupId]: "sg-00000000000000004",
    [DATA_OUTPUTS.cockroachBackupBucketName]: bucketName(env, COCKROACH_BACKUP_BUCKET),
    [DATA_OUTPUTS.cockroachBackupRoleArn]: `arn:aws:iam::${account}:role/${cockroachBackupRoleName(env, region)}`,
    [DATA_OUTPUTS.cockroachVolumeKeyArn]: `arn:aws:kms:${region}:${account}:key/00000000-0000-0000-0000-000000000000`,
  };
}

/** A region's data stack as downstream stacks see it (references to its state). */
export type DataOutputs = { readonly [K in keyof typeof DATA_OUTPUTS]: string };

/**
 * Reads the outputs of `region`'s data stack (the primary's by default), in `stack`'s
 * environment. Placeholders stand in until that stack is applied. Only the outputs a
 * stack uses end up referenced in its Terraform, so reading the whole contract is free.
 */
export function readDataOutputs(stack: BaseStack, region: string = stack.env.primaryRegion): DataOutputs {
  const remote = stack.upstream(stackName(stack.env, region, "data"), dataPlaceholders(stack.env, region));
  const keys = Object.keys(DATA_OUTPUTS) as (keyof typeof DATA_OUTPUTS)[];
  return Object.fromEntries(keys.map((key) => [key, remote.getString(DATA_OUTPUTS[key])])) as DataOutputs;
}

/**
 * KMS key ARN of every catalog bucket, by logical name, from the primary region's data
 * stack (which creates the buckets).
 */
export function readBucketKeyArns(stack: BaseStack): Readonly<Record<string, string>> {
  const env = stack.env;
  const remote = stack.upstream(stackName(env, env.primaryRegion, "data"), bucketKeyPlaceholders(env));
  const buckets = Object.keys(env.data.buckets);
  return Object.fromEntries(buckets.map((logical) => [logical, remote.getString(bucketOutputNames(logical).keyArn)]));
}
