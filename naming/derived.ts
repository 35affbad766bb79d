/**
 * Names and sets derived from an environment's config, computed in one place: stack names,
 * resource name prefixes, bucket names, state locations, which stacks belong to an
 * environment, and which regions hold data, a cache or a DR standby. Stacks, the config
 * schema, the policy placement and the CLIs call these instead of re-deriving them, so
 * what a stack builds and what the schema or a policy checks cannot drift apart.
 *
 * Why a top-level folder rather than `environments/`: `policies/` must not import
 * `environments/`, `stacks/` or `constructs/`, yet it needs the bootstrap stack name and
 * stack membership. This module imports config types only (erased at runtime): no zod, no
 * cdktf, no provider binding. Functions take just the fields they read, so the schema
 * (on a config still being validated) and policies (on a structural view) can call them.
 */
import type { CloudflareConfig, EdgeConfig, EdgeEnvironmentView, EnvironmentConfig } from "../environments/schema";

/** Stack layers, in dependency order. */
export const LAYERS = ["network", "cluster", "data", "platform", "edge", "cloudflare"] as const;

/** One of {@link LAYERS}. */
export type Layer = (typeof LAYERS)[number];

/** Scope of the stacks that serve every region of an environment (`<env>-global-<layer>`). */
export const GLOBAL_SCOPE = "global";

/** `<env>-<region>-<layer>` or `<env>-global-<layer>`. */
export function stackName(env: { readonly name: string }, scope: string, layer: Layer): string {
  return `${env.name}-${scope}-${layer}`;
}

/** One bootstrap stack per AWS account: `bootstrap-<account name>`. */
export function bootstrapStackName(env: { readonly account: { readonly name: string } }): string {
  return `bootstrap-${env.account.name}`;
}

/** What {@link belongsToEnvironment} reads of an environment. */
export interface StackOwner {
  readonly name: string;
  readonly account: { readonly name: string };
  /** Configured regions; only the keys are read. */
  readonly regions: Readonly<Record<string, unknown>>;
}

/**
 * True when `stack` is one of the environment's stack names: a layer stack of one of its
 * regions or of the global scope, or its account's bootstrap stack. Exact, so `prod` does
 * not claim the stacks of `prod-eu`.
 */
export function belongsToEnvironment(env: StackOwner, stack: string): boolean {
  if (stack === bootstrapStackName(env)) return true;
  const scopes = [GLOBAL_SCOPE, ...Object.keys(env.regions)];
  return scopes.some((scope) => LAYERS.some((layer) => stack === stackName(env, scope, layer)));
}

/** Name prefix of an environment's global resources: `<project>-<env>`. */
export function environmentPrefix(env: Pick<EnvironmentConfig, "project" | "name">): string {
  return `${env.project}-${env.name}`;
}

/** Name prefix of an environment's regional resources: `<project>-<env>-<region>`. */
export function resourcePrefix(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return `${environmentPrefix(env)}-${region}`;
}

/**
 * Name of the region's EKS cluster. The network stack tags subnets with it (load balancer
 * discovery), the cluster stack creates it, the platform stack plans with it.
 */
export function eksClusterName(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return resourcePrefix(env, region);
}

/**
 * Karpenter's names in a region: controller (IRSA) and node roles, and the interruption queue
 * (named after the cluster, as Karpenter's own templates do). The cluster stack creates them,
 * the platform stack configures the chart with them.
 */
export function karpenterNames(env: Pick<EnvironmentConfig, "project" | "name">, region: string) {
  const prefix = resourcePrefix(env, region);
  return {
    controllerRole: `${prefix}-karpenter`,
    nodeRole: `${prefix}-karpenter-node`,
    interruptionQueue: eksClusterName(env, region),
  } as const;
}

/** Id of the region's cache replication group (data stack) that module IAM policies name. */
export function cacheReplicationGroupId(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return resourcePrefix(env, region);
}

/**
 * Id (and, for IAM authentication, name) of an RBAC user of the region's cache:
 * `<replication group id>-<user key>`. The cache creates it, module IAM policies name it.
 */
export function cacheUserId(env: Pick<EnvironmentConfig, "project" | "name">, region: string, user: string): string {
  return `${cacheReplicationGroupId(env, region)}-${user}`;
}

/** Key of a module's own cache user (`module-<short name>`), among the cache's users. */
export function moduleCacheUserKey(moduleShortName: string): string {
  return `module-${moduleShortName}`;
}

/** Identifier of the Aurora Global Database the primary creates and the DR region joins. */
export function globalDatabaseId(env: Pick<EnvironmentConfig, "project" | "name">): string {
  return environmentPrefix(env);
}

/** IRSA role of a region's CockroachDB service account (data stack creates it, the platform stack's chart uses it). */
export function cockroachBackupRoleName(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return `${resourcePrefix(env, region)}-cockroachdb-backup`;
}

/** Purposes of the data stack's KMS keys, one key per purpose and region. */
export type KeyPurpose = "database" | "cache" | "logs" | "storage" | "bundles" | "cockroach-volumes";

/** Alias (without `alias/`) of a data stack KMS key: `<project>-<env>-<region>-<purpose>`. */
export function keyAlias(
  env: Pick<EnvironmentConfig, "project" | "name">,
  region: string,
  purpose: KeyPurpose,
): string {
  return `${resourcePrefix(env, region)}-${purpose}`;
}

/** SNS topic alarms of `severity` notify (same name in each region the environment alarms in). */
export function alarmTopicName(env: { readonly project: string; readonly name: string }, severity: string): string {
  return `${alarmChannelName(env)}-${severity}`;
}

/** The environment's Chatbot channel configuration (and its role) relaying the alarm topics to Slack. */
export function alarmChannelName(env: { readonly project: string; readonly name: string }): string {
  return `${environmentPrefix(env)}-alarms`;
}

/** Alias (without `alias/`) of the key encrypting an environment's alarm topics in `region`. */
export function alarmTopicKeyAlias(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return `${resourcePrefix(env, region)}-alarms`;
}

/** Name of the account's multi-region CloudTrail trail (and prefix of its bucket and key). */
export function auditTrailName(env: { readonly project: string; readonly account: { readonly name: string } }): string {
  return `${env.account.name}-audit`;
}

/** The environment's monthly budget, created in its account's bootstrap stack. */
export function budgetName(env: { readonly project: string; readonly name: string }): string {
  return `${env.project}-${env.name}-monthly`;
}

/**
 * Globally unique S3 bucket name for a logical bucket:
 * `<project>-<env>-<logical, dashed>-<account id>`.
 */
export function bucketName(env: Pick<EnvironmentConfig, "project" | "name" | "account">, logical: string): string {
  return `${environmentPrefix(env)}-${logical.replace(/_/g, "-")}-${env.account.id}`;
}

/** Logical name of the DR-region replica of a catalog bucket. */
export function replicaBucketLogical(logical: string): string {
  return `${logical}_replica`;
}

/** Logical name of the S3 access-log bucket of a region's data stack. */
export function accessLogBucketLogical(region: string): string {
  return `access_logs_${region.replace(/-/g, "_")}`;
}

/** Logical name of the CockroachDB backup bucket (not in the catalog: the engine owns it). */
export const COCKROACH_BACKUP_BUCKET = "cockroach_backups";

/** Logical name of the edge's CloudFront access-log bucket. */
export const EDGE_ACCESS_LOG_BUCKET = "cdn_access_logs";

/**
 * Bucket kinds whose bucket policy the edge stack owns. `aws_s3_bucket_policy` replaces
 * a bucket's whole policy, so the data stack must not write one for these kinds (the two
 * would flip-flop on every apply). The edge stack owns it because the grant names the
 * distribution ARN, which exists only there: owned by the data stack it would make data
 * depend on edge while edge reads data's bucket, a cycle.
 */
export const EDGE_OWNED_BUCKET_POLICY_KINDS: readonly string[] = ["module-bundles"];

/** Name of the IAM role S3 assumes to replicate a catalog bucket to the DR region. */
export function bucketReplicationRoleName(env: Pick<EnvironmentConfig, "project" | "name">, logical: string): string {
  return `${environmentPrefix(env)}-${logical.replace(/_/g, "-")}-replication`;
}

/** The account's state bucket: config, or `<project>-tfstate-<account id>`. */
export function stateBucketName(env: {
  readonly project: string;
  readonly account: { readonly id: string };
  readonly state: { readonly bucket?: string };
}): string {
  return env.state.bucket ?? `${env.project}-tfstate-${env.account.id}`;
}

/** Name of the state bucket's replica in the DR region: `<state bucket>-replica`. */
export function stateReplicaBucketName(env: Pick<EnvironmentConfig, "project" | "account" | "state">): string {
  return `${stateBucketName(env)}-replica`;
}

/** Region of the state bucket: config, or the primary region. */
export function stateRegion(env: Pick<EnvironmentConfig, "primaryRegion" | "state">): string {
  return env.state.region ?? env.primaryRegion;
}

/** Object key of a stack's state in the state bucket: `<env>/<stack>.tfstate`. */
export function stateKey(env: { readonly name: string }, stack: string): string {
  return `${env.name}/${stack}.tfstate`;
}

/**
 * Offline state file of a stack, relative to the stack's folder
 * (`<outdir>/stacks/<stack>/`): `<outdir>/../terraform-state/<stack>.tfstate`, beside the
 * synth output rather than inside it, so re-synthesizing (which replaces the output
 * folder) never deletes state.
 */
export function localStatePath(stack: string): string {
  return `../../../terraform-state/${stack}.tfstate`;
}

/**
 * True for DR strategies that keep a standby region (pilot-light and better). `none` has
 * no DR; `backup-restore` restores wherever it must and keeps nothing running.
 */
export function strategyKeepsStandby(strategy: string): boolean {
  return strategy !== "none" && strategy !== "backup-restore";
}

/**
 * The DR region when it is active: the strategy keeps a standby there and one is set.
 * Only then are buckets replicated and databases or caches given a secondary.
 */
export function activeDrRegion(env: {
  readonly dr: { readonly strategy: string; readonly region?: string };
}): string | undefined {
  return strategyKeepsStandby(env.dr.strategy) ? env.dr.region : undefined;
}

/**
 * The DR region when the database or cache keeps a standby there (replicated backups,
 * an Aurora secondary, a Global Datastore secondary): its data stack reads the primary's.
 */
export function drStandbyRegion(env: Pick<EnvironmentConfig, "data" | "dr">): string | undefined {
  const db = env.data.database;
  const replicated =
    (db?.engine === "postgres" && db.drReplication !== "none") || Boolean(env.data.cache?.globalDatastore);
  return env.dr.region && replicated ? env.dr.region : undefined;
}

/**
 * The regions that get a data stack, in config order: the primary (database, cache,
 * buckets and their DR replicas through an aliased provider) when the environment holds
 * any data; the DR region when it keeps a standby ({@link drStandbyRegion}); every
 * CockroachDB region (its backup role and volume key).
 */
export function dataRegions(env: Pick<EnvironmentConfig, "data" | "dr" | "primaryRegion" | "regions">): string[] {
  const data = env.data;
  const regions = new Set<string>();
  if (data.database || data.cache || Object.keys(data.buckets).length > 0) regions.add(env.primaryRegion);
  const standby = drStandbyRegion(env);
  if (standby) regions.add(standby);
  const db = data.database;
  if (db?.engine === "cockroachdb") for (const r of db.regions) regions.add(r);
  return Object.keys(env.regions).filter((r) => regions.has(r));
}

/** Regions with a cache: the primary, and the DR region when it holds a Global Datastore secondary. */
export function cacheRegions(env: Pick<EnvironmentConfig, "data" | "primaryRegion" | "dr">): string[] {
  const cache = env.data.cache;
  if (!cache) return [];
  return [env.primaryRegion, ...(cache.globalDatastore && env.dr.region ? [env.dr.region] : [])];
}

/** Regions with an EKS cluster (and so a cluster and a platform stack), in config order. */
export function clusterRegions(env: Pick<EnvironmentConfig, "regions">): string[] {
  return Object.entries(env.regions)
    .filter(([, region]) => region.cluster)
    .map(([name]) => name);
}

/** One private link between two regions of an environment. */
export interface RegionLink {
  /** Region that declared the link (`regions.<requester>.network.peerRegions`). */
  readonly requester: string;
  readonly accepter: string;
}

/**
 * Every link of an environment, in config order (each declared once, on one side). An
 * environment with links gets a `<env>-global-network` stack.
 */
export function regionLinks(env: Pick<EnvironmentConfig, "regions">): RegionLink[] {
  return Object.entries(env.regions).flatMap(([requester, region]) =>
    region.network.peerRegions.map((accepter) => ({ requester, accepter })),
  );
}

/** The Route 53 zone name: config, or the environment's domain. */
export function route53ZoneName(env: {
  readonly domain: string;
  readonly edge?: { readonly route53: Pick<EdgeConfig["route53"], "zoneName"> };
}): string {
  return env.edge?.route53.zoneName ?? env.domain;
}

/**
 * The region failover (Route 53 secondary, CloudFront origin-group member) goes to:
 * the `dr` region when it has an edge endpoint, else the first `serving` one.
 */
export function secondaryRegion(
  env: Pick<EdgeEnvironmentView, "primaryRegion" | "regions" | "edge">,
): string | undefined {
  const candidates = Object.keys(env.edge?.regions ?? {}).filter((r) => r !== env.primaryRegion && env.regions[r]);
  const withRole = (role: string) => candidates.find((r) => env.regions[r].role === role);
  return withRole("dr") ?? withRole("serving");
}

/** Host name of the Cloudflare API load balancer: the API record's label in the Cloudflare zone. */
export function cloudflareApiHostname(
  edge: Pick<EdgeConfig, "route53">,
  cloudflare: Pick<CloudflareConfig, "zoneName">,
): string {
  return `${edge.route53.apiRecordName}.${cloudflare.zoneName}`;
}

/**
 * The API host name users resolve: the Cloudflare load balancer's name when Cloudflare
 * is the primary edge, else Route 53's routed record.
 */
export function publicApiHostname(env: Pick<EdgeEnvironmentView, "domain" | "edge">): string | undefined {
  const edge = env.edge;
  if (!edge) return undefined;
  if (edge.primary === "cloudflare" && edge.cloudflare) return cloudflareApiHostname(edge, edge.cloudflare);
  return `${edge.route53.apiRecordName}.${route53ZoneName(env)}`;
}

/**
 * Route 53 name of one region's API endpoint, `<label>-<region>.<zone>`, as the edge
 * stack's `RegionalApiRecords` creates it; Cloudflare pools reach their region through it.
 */
export function regionalApiHostname(
  env: Pick<EdgeEnvironmentView, "domain">,
  edge: Pick<EdgeConfig, "route53">,
  region: string,
): string {
  return `${edge.route53.apiRecordName}-${region}.${route53ZoneName({ domain: env.domain, edge })}`;
}

/** Logical name of the data catalog's module-bundles bucket (CloudFront's origin). */
export function moduleBundleBucket(env: Pick<EdgeEnvironmentView, "data">): string | undefined {
  return Object.entries(env.data?.buckets ?? {}).find(([, bucket]) => bucket.kind === "module-bundles")?.[0];
}
