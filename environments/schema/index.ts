import { z } from "zod";
import { cidrsOverlap, parseCidr } from "../../constructs/network/cidr";
import { checkNetworkLayout } from "../../constructs/network/subnet-plan";
import { checkCluster, ClusterSchema } from "./cluster";
import { checkManifestInContext } from "../../constructs/workloads/manifest-schema";
import { smallestNodeCapacity } from "../../constructs/workloads/node-capacity";
import { BUCKET_KIND_DEFAULTS } from "../../constructs/storage/bucket-kinds";
import { DataSchema, refineData } from "./data";
import { EdgeSchema, refineEdge } from "./edge";
import { NetworkSchema } from "./network";
import { PoliciesSchema } from "./policies";
import { AwsRegionSchema, EmailSchema, HostnameSchema, SlugSchema } from "./primitives";
import { WorkloadsSchema } from "./workloads";

export * from "./cluster";
export * from "./data";
export * from "./edge";
export * from "./network";
export * from "./policies";
export * from "./primitives";
export * from "./workloads";

/** What a region does for its environment. */
export const REGION_ROLES = ["primary", "dr", "serving"] as const;

/** An availability zone name: its region followed by one letter (`sa-east-1a`). */
const AvailabilityZoneSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an availability zone name. Fix: use names such as "sa-east-1a"`,
});

/** Number of availability zones every regional VPC spans. */
export const ZONES_PER_REGION = 3;

/** One region of an environment. */
export const RegionSchema = z.strictObject({
  /** `primary` takes writes; `dr` is the failover target; `serving` serves traffic only. */
  role: z.enum(REGION_ROLES),
  /**
   * The zones the VPC spans, from config rather than the `aws_availability_zones` data
   * source so plans work offline and addresses never move when AWS adds a zone.
   */
  availabilityZones: z.array(AvailabilityZoneSchema).length(ZONES_PER_REGION, {
    error: `list exactly ${ZONES_PER_REGION} availability zones (the subnet tiers span three zones)`,
  }),
  network: NetworkSchema,
  /** The region's EKS cluster; a region without one gets no cluster stack. */
  cluster: ClusterSchema.optional(),
});

/**
 * Disaster-recovery strategies, cheapest first (AWS DR whitepaper terms), with the
 * lowest RTO in minutes each can honestly promise, failover drill included.
 */
export const DR_STRATEGY_MIN_RTO_MINUTES = {
  none: Number.POSITIVE_INFINITY,
  "backup-restore": 240,
  "pilot-light": 30,
  "warm-standby": 5,
  "active-active": 1,
} as const;

/** One of the keys of {@link DR_STRATEGY_MIN_RTO_MINUTES}. */
export type DrStrategy = keyof typeof DR_STRATEGY_MIN_RTO_MINUTES;

/**
 * Lowest RPO in minutes a strategy can promise on its own. Backup-restore loses what was
 * written since the last cross-region backup copy (hourly at best); the others depend
 * on their replication, which the data layer validates.
 */
export const DR_STRATEGY_MIN_RPO_MINUTES: Readonly<Record<DrStrategy, number>> = {
  none: Number.POSITIVE_INFINITY,
  "backup-restore": 60,
  "pilot-light": 0,
  "warm-standby": 0,
  "active-active": 0,
};

const DR_STRATEGIES = Object.keys(DR_STRATEGY_MIN_RTO_MINUTES) as [DrStrategy, ...DrStrategy[]];

/** Disaster-recovery targets and the region that meets them. */
export const DrSchema = z.strictObject({
  strategy: z.enum(DR_STRATEGIES),
  /** The failover region; required unless `strategy` is `none` or `backup-restore`. */
  region: AwsRegionSchema.optional(),
  /** Recovery point objective: most data, in minutes, a regional loss may cost. */
  rpoMinutes: z.number().positive(),
  /** Recovery time objective: minutes until service is back in the DR region. */
  rtoMinutes: z.number().positive(),
});

/** Cost-allocation tags every resource carries (seed 003's tag set). */
export const TagsSchema = z.strictObject({
  team: z.string().min(1),
  costCenter: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, { error: "must be 2-32 letters, digits or dashes, e.g. \"CC-1001\"" }),
});

/** The monthly AWS Budget of the environment. */
export const BudgetSchema = z.strictObject({
  monthlyLimitUsd: z.number().positive(),
  /**
   * Percentages of the limit that notify on actual spend (a forecast alert at 100% is
   * added). AWS allows 10 notifications per budget, so at most 9 distinct thresholds.
   */
  alertThresholdsPercent: z
    .array(z.number().int().min(1).max(200))
    .min(1)
    .max(9)
    .refine((t) => new Set(t).size === t.length, { error: "thresholds repeat. Fix: list each percentage once" }),
  /** Who is told; AWS allows 10 e-mail subscribers per notification. */
  notifyEmails: z.array(EmailSchema).min(1).max(10),
});

/** Data residency: where resources holding personal data may live (LGPD). */
export const ResidencySchema = z.strictObject({
  /** Regions allowed to hold personal data; must include the primary region. */
  personalDataRegions: z.array(AwsRegionSchema).min(1),
});

/** The AWS account an environment deploys to. */
export const AccountSchema = z.strictObject({
  id: z.string().regex(/^\d{12}$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a 12-digit AWS account id` }),
  /** Short name; the account's bootstrap stack is `bootstrap-<name>`. */
  name: SlugSchema,
});

/** Remote state settings; defaults derive from project and account. */
export const StateSchema = z.strictObject({
  /** State bucket name. @default "<project>-tfstate-<account id>" */
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, {
      error: "must be 3-63 lowercase letters, digits and dashes (no dots: the name is also the KMS alias, and dots break TLS to virtual-hosted buckets)",
    })
    .optional(),
  /** Region of the state bucket. @default - the primary region */
  region: AwsRegionSchema.optional(),
  /**
   * Set once the bootstrap stack was applied and its state moved into the bucket it
   * created (`terraform init -migrate-state`); online, it then uses the S3 backend too.
   * @default false
   */
  bootstrapMigrated: z.boolean().default(false),
});

/** How strict the environment is; production turns on the safety rules. */
export const TIERS = ["development", "staging", "production"] as const;

const EnvironmentObjectSchema = z.strictObject({
  /** Environment name, first part of every stack name. */
  name: SlugSchema,
  tier: z.enum(TIERS),
  /** Project slug, prefix of resource names. */
  project: SlugSchema,
  account: AccountSchema,
  /** Apex DNS domain the environment serves. */
  domain: HostnameSchema,
  primaryRegion: AwsRegionSchema,
  dr: DrSchema,
  /** Regions keyed by name; keys are part of stack names and Terraform addresses. */
  regions: z
    .partialRecord(AwsRegionSchema, RegionSchema)
    .transform((regions) => regions as Readonly<Record<string, z.output<typeof RegionSchema>>>),
  tags: TagsSchema,
  budget: BudgetSchema,
  residency: ResidencySchema,
  state: StateSchema.default({ bootstrapMigrated: false }),
  /** Data layer: database schemas, buckets the relational database and the cache. */
  data: DataSchema.default({ databaseSchemas: [], buckets: {} }),
  /** Module workloads: which modules run in which region, with per-environment sizing. */
  workloads: WorkloadsSchema.prefault({}),
  /** Edge and DNS: Route 53, CloudFront, WAF, Cloudflare. @default - none: no edge stacks */
  edge: EdgeSchema.optional(),
  /** Policy-as-code settings: reviewed suppressions of guardrail findings. */
  policies: PoliciesSchema.default({ suppressions: [] }),
});

/** Name of the cluster node group module workloads run on (tainted workload=modules). */
export const MODULES_NODE_GROUP_NAME = "modules";

/** Longest `<project>-<env>-<region>` prefix: IAM role names stop at 64 characters. */
export const MAX_RESOURCE_PREFIX_LENGTH = 40;

/** Minimum flow log retention for production, in days (seed 002: audit logs >= 90 days). */
export const PRODUCTION_MIN_FLOW_LOG_RETENTION_DAYS = 90;

type Ctx = z.core.$RefinementCtx<z.output<typeof EnvironmentObjectSchema>>;

function issue(ctx: Ctx, path: (string | number)[], message: string, input: unknown): void {
  ctx.addIssue({ code: "custom", path, message, input });
}

/** True when both blocks parse: refinements run even after a field failed its own schema. */
function bothCidrs(a: string, b: string): boolean {
  return parseCidr(a) !== undefined && parseCidr(b) !== undefined;
}

/** Cross-field rules: region roles, DR, overlaps, residency, production safety. */
function refineEnvironment(env: z.output<typeof EnvironmentObjectSchema>, ctx: Ctx): void {
  const regionNames = Object.keys(env.regions);
  if (regionNames.length === 0) {
    issue(ctx, ["regions"], "no region is configured. Fix: add the primary region under regions", env.regions);
    return;
  }
  if (!env.regions[env.primaryRegion]) {
    issue(ctx, ["primaryRegion"], `primary region ${env.primaryRegion} is not one of the configured regions [${regionNames.join(", ")}]. Fix: add it under regions or pick a configured one`, env.primaryRegion);
  }
  for (const [name, region] of Object.entries(env.regions)) {
    const base = ["regions", name];
    if (region.role === "primary" && name !== env.primaryRegion) {
      issue(ctx, [...base, "role"], `region ${name} has role "primary" but primaryRegion is ${env.primaryRegion}. Fix: only the primary region takes role "primary"`, region.role);
    }
    if (name === env.primaryRegion && region.role !== "primary") {
      issue(ctx, [...base, "role"], `region ${name} is the primaryRegion but has role "${region.role}". Fix: set its role to "primary"`, region.role);
    }
    if (region.role === "dr" && name !== env.dr.region) {
      issue(ctx, [...base, "role"], `region ${name} has role "dr" but dr.region is ${env.dr.region ?? "unset"}. Fix: set dr.region to ${name} or change the role`, region.role);
    }
    region.availabilityZones.forEach((zone, i) => {
      if (!zone.startsWith(name)) {
        issue(ctx, [...base, "availabilityZones", i], `zone ${zone} is not in region ${name}. Fix: use zones named ${name}a, ${name}b, ...`, zone);
      }
    });
    if (new Set(region.availabilityZones).size !== region.availabilityZones.length) {
      issue(ctx, [...base, "availabilityZones"], `zones repeat in [${region.availabilityZones.join(", ")}]. Fix: list three distinct zones`, region.availabilityZones);
    }
    for (const found of checkNetworkLayout(region.network.vpcCidr, region.availabilityZones, region.network.subnets)) {
      issue(ctx, [...base, "network", ...found.path], `${found.message}. Fix: ${found.fix}`, found.input);
    }
    if (env.tier === "production") {
      if (region.network.natGateways !== "per-az") {
        issue(ctx, [...base, "network", "natGateways"], `production region ${name} uses a single NAT gateway, which fails with its zone. Fix: set natGateways to "per-az"`, region.network.natGateways);
      }
      if (region.network.flowLogs.retentionDays < PRODUCTION_MIN_FLOW_LOG_RETENTION_DAYS) {
        issue(ctx, [...base, "network", "flowLogs", "retentionDays"], `production keeps flow logs at least ${PRODUCTION_MIN_FLOW_LOG_RETENTION_DAYS} days (audit retention), got ${region.network.flowLogs.retentionDays}. Fix: set retentionDays to ${PRODUCTION_MIN_FLOW_LOG_RETENTION_DAYS} or more`, region.network.flowLogs.retentionDays);
      }
    }
  }

  // VPC blocks must not overlap across regions: the regions are linked privately.
  const entries = Object.entries(env.regions);
  for (let i = 0; i < entries.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, ra] = entries[j];
      const [b, rb] = entries[i];
      if (bothCidrs(ra.network.vpcCidr, rb.network.vpcCidr) && cidrsOverlap(ra.network.vpcCidr, rb.network.vpcCidr)) {
        issue(ctx, ["regions", b, "network", "vpcCidr"], `VPC block ${rb.network.vpcCidr} of region ${b} overlaps ${ra.network.vpcCidr} of region ${a}; linked regions need disjoint blocks. Fix: give ${b} a block outside ${ra.network.vpcCidr}`, rb.network.vpcCidr);
      }
    }
  }

  refinePeering(env, ctx);
  const vpcCidrs = Object.fromEntries(entries.map(([name, r]) => [name, r.network.vpcCidr]));
  for (const [name, region] of entries) {
    if (!region.cluster) continue;
    for (const found of checkCluster(region.cluster, { tier: env.tier, region: name, vpcCidrs })) {
      issue(ctx, ["regions", name, "cluster", ...found.path], found.message, found.input);
    }
  }

  refineDr(env, ctx, regionNames);
  (env.policies?.suppressions ?? []).forEach((s, i) => {
    if (s.stack !== undefined && !s.stack.startsWith(`${env.name}-`) && s.stack !== `bootstrap-${env.account.name}`) {
      issue(ctx, ["policies", "suppressions", i, "stack"], `stack ${s.stack} is not a stack of environment ${env.name}. Fix: name one of its stacks (${env.name}-<region>-<layer>, ${env.name}-global-<layer> or bootstrap-${env.account.name})`, s.stack);
    }
  });
  refineData(env, (path, message, input) => issue(ctx, path, message, input));
  refineWorkloads(env, ctx);

  // Resource names embed project, environment and region; IAM role names stop at 64
  // characters and we append suffixes of up to 24 (e.g. "-flow-logs", "-ebs-csi-driver").
  for (const name of regionNames) {
    const prefix = `${env.project}-${env.name}-${name}`;
    if (prefix.length > MAX_RESOURCE_PREFIX_LENGTH) {
      issue(ctx, ["name"], `resource names start with "${prefix}" (${prefix.length} characters), too long for IAM and S3 limits once suffixed. Fix: shorten project or name so that "<project>-<name>-<region>" fits in ${MAX_RESOURCE_PREFIX_LENGTH}`, env.name);
      break;
    }
  }
  for (const [logical, settings] of Object.entries(env.data.buckets)) {
    // A bucket replicated to the DR region also gets a `<logical>_replica` bucket there.
    const replicated = Boolean(env.dr.region) && (settings.replicateToDr ?? BUCKET_KIND_DEFAULTS[settings.kind]?.replicateToDr ?? false);
    for (const name of replicated ? [logical, `${logical}_replica`] : [logical]) {
      const bucket = `${env.project}-${env.name}-${name.replace(/_/g, "-")}-${env.account.id}`;
      if (bucket.length > 63) {
        issue(ctx, ["data", "buckets", logical], `bucket name "${bucket}" is ${bucket.length} characters; S3 allows 63. Fix: shorten the logical name`, logical);
        break;
      }
    }
  }

  // Data stacks admit the region's cluster security groups, so a region holding data
  // (primary; DR with replication or a cache secondary; CockroachDB regions) needs a cluster.
  const db = env.data.database;
  const holdsData = Boolean(db || env.data.cache || Object.keys(env.data.buckets).length > 0);
  const dataRegionNames = new Set<string>([
    ...(holdsData ? [env.primaryRegion] : []),
    ...(env.dr.region && ((db?.engine === "postgres" && db.drReplication !== "none") || env.data.cache?.globalDatastore) ? [env.dr.region] : []),
    ...(db?.engine === "cockroachdb" ? db.regions : []),
  ]);
  for (const name of dataRegionNames) {
    if (env.regions[name] && !env.regions[name].cluster) {
      issue(ctx, ["regions", name, "cluster"], `region ${name} holds data (its data stack admits the cluster's security groups) but has no cluster. Fix: add regions.${name}.cluster`, undefined);
    }
  }
  refineEdge(env, (path, message, input) => issue(ctx, path, message, input));

  const residency = env.residency.personalDataRegions;
  if (!residency.includes(env.primaryRegion)) {
    issue(ctx, ["residency", "personalDataRegions"], `the primary region ${env.primaryRegion} holds personal data but is not in personalDataRegions [${residency.join(", ")}]. Fix: add ${env.primaryRegion} or move the primary region`, residency);
  }
  if (env.dr.region && env.dr.strategy !== "none" && !residency.includes(env.dr.region)) {
    issue(ctx, ["dr", "region"], `DR region ${env.dr.region} receives replicated personal data but is not in residency.personalDataRegions [${residency.join(", ")}]. Fix: allow it there or choose an allowed DR region`, env.dr.region);
  }
}

/**
 * Peering links: each names a configured other region, is declared once (on one side),
 * and joins disjoint VPC blocks (peering cannot route overlapping ones).
 */
function refinePeering(env: z.output<typeof EnvironmentObjectSchema>, ctx: Ctx): void {
  const declared = new Map<string, string>();
  for (const [name, region] of Object.entries(env.regions)) {
    region.network.peerRegions.forEach((peer, i) => {
      const path = ["regions", name, "network", "peerRegions", i];
      const peerRegion = env.regions[peer];
      if (peer === name) {
        issue(ctx, path, `region ${name} lists itself as a peer. Fix: list other regions of this environment`, peer);
        return;
      }
      if (!peerRegion) {
        issue(ctx, path, `peer region ${peer} is not configured in this environment [${Object.keys(env.regions).join(", ")}]. Fix: add it under regions or remove the link`, peer);
        return;
      }
      const key = [name, peer].sort().join("~");
      const first = declared.get(key);
      if (first) {
        issue(ctx, path, `the link between ${name} and ${peer} is already declared by ${first}. Fix: declare each link once, on one side`, peer);
        return;
      }
      declared.set(key, name);
      if (bothCidrs(region.network.vpcCidr, peerRegion.network.vpcCidr) && cidrsOverlap(region.network.vpcCidr, peerRegion.network.vpcCidr)) {
        issue(ctx, path, `cannot peer ${name} (${region.network.vpcCidr}) with ${peer} (${peerRegion.network.vpcCidr}): the blocks overlap and peering cannot route between them. Fix: renumber one VPC so the blocks are disjoint`, peer);
      }
    });
  }
}

function refineDr(env: z.output<typeof EnvironmentObjectSchema>, ctx: Ctx, regionNames: string[]): void {
  const dr = env.dr;
  const needsRegion = dr.strategy !== "none" && dr.strategy !== "backup-restore";
  if (needsRegion && !dr.region) {
    issue(ctx, ["dr", "region"], `DR strategy "${dr.strategy}" needs a DR region. Fix: set dr.region to a configured region other than ${env.primaryRegion}`, dr.region);
  }
  if (dr.region) {
    if (dr.region === env.primaryRegion) {
      issue(ctx, ["dr", "region"], `DR region ${dr.region} is the primary region; a regional outage would take both. Fix: choose another region, e.g. us-east-1`, dr.region);
    } else if (!env.regions[dr.region]) {
      issue(ctx, ["dr", "region"], `DR region ${dr.region} is not one of the configured regions [${regionNames.join(", ")}]. Fix: add it under regions with role "dr"`, dr.region);
    } else if (env.regions[dr.region].role !== "dr") {
      issue(ctx, ["regions", dr.region, "role"], `region ${dr.region} is dr.region but has role "${env.regions[dr.region].role}". Fix: set its role to "dr"`, env.regions[dr.region].role);
    }
  }
  const minRto = DR_STRATEGY_MIN_RTO_MINUTES[dr.strategy];
  if (dr.rtoMinutes < minRto) {
    const better = DR_STRATEGIES.filter((s) => DR_STRATEGY_MIN_RTO_MINUTES[s] <= dr.rtoMinutes);
    issue(ctx, ["dr", "rtoMinutes"], `an RTO of ${dr.rtoMinutes} min is not achievable with strategy "${dr.strategy}" (at best ${minRto} min). Fix: relax rtoMinutes or use ${better.length ? better.map((s) => `"${s}"`).join(" or ") : "a faster strategy"}`, dr.rtoMinutes);
  }
  if (dr.rpoMinutes < DR_STRATEGY_MIN_RPO_MINUTES[dr.strategy]) {
    issue(ctx, ["dr", "rpoMinutes"], `an RPO of ${dr.rpoMinutes} min is not achievable with strategy "${dr.strategy}" (at best ${DR_STRATEGY_MIN_RPO_MINUTES[dr.strategy]} min between backup copies). Fix: relax rpoMinutes or use a strategy with continuous replication ("pilot-light" or better)`, dr.rpoMinutes);
  }
  if (env.tier === "production" && (dr.strategy === "none" || dr.strategy === "backup-restore")) {
    issue(ctx, ["dr", "strategy"], `production needs a standby region, got strategy "${dr.strategy}". Fix: use "pilot-light", "warm-standby" or "active-active" with a dr.region`, dr.strategy);
  }
}

/**
 * Module workloads against the rest of the environment: regions must be configured,
 * permissions must name the data catalog, limits must fit a modules node.
 */
function refineWorkloads(env: z.output<typeof EnvironmentObjectSchema>, ctx: Ctx): void {
  // Runs even when parts of the config were invalid: skip what did not parse.
  if (!env.workloads?.regions) return;
  for (const [region, workloads] of Object.entries(env.workloads.regions)) {
    const base = ["workloads", "regions", region];
    const modules = Object.entries(workloads?.modules ?? {});
    if (!env.regions[region]) {
      issue(ctx, base, `modules are placed in region ${region}, which is not configured under regions [${Object.keys(env.regions).join(", ")}]. Fix: add the region or move the modules to a configured one`, region);
      continue;
    }
    const modulesGroup = env.regions[region].cluster?.nodeGroups?.[MODULES_NODE_GROUP_NAME];
    if (!modulesGroup) {
      if (modules.length > 0) issue(ctx, base, `modules run in ${region}, but its cluster has no "${MODULES_NODE_GROUP_NAME}" node group for them. Fix: add regions.${region}.cluster.nodeGroups.${MODULES_NODE_GROUP_NAME} (tainted workload=modules:NoSchedule)`, region);
      continue;
    }
    const nodeCapacity = smallestNodeCapacity(modulesGroup.instanceTypes);
    if (!nodeCapacity) continue; // the cluster rules report the unknown instance type
    const context = { databaseSchemas: env.data.databaseSchemas, buckets: Object.keys(env.data.buckets), nodeCapacity, accountId: env.account.id };
    const holdsPersonalData = env.residency.personalDataRegions.includes(region as (typeof env.residency.personalDataRegions)[number]);
    for (const [key, manifest] of modules) {
      if (!manifest?.security) continue;
      for (const found of checkManifestInContext(manifest, context)) {
        issue(ctx, [...base, "modules", key, ...found.path], `module ${key}: ${found.message}`, found.input);
      }
      const cacheHere = Boolean(env.data.cache) && (region === env.primaryRegion || (region === env.dr.region && Boolean(env.data.cache?.globalDatastore)));
      const events = manifest.security.permissions.filter((p) => p.startsWith("events:"));
      if (events.length > 0 && !cacheHere) {
        issue(ctx, [...base, "modules", key], `module ${key} declares ${events.join(", ")} but ${region} has no cache to carry events. Fix: run it in ${env.primaryRegion}, or give ${region} a cache (data.cache.globalDatastore for the DR region)`, key);
      }
      const dataPermissions = manifest.security.permissions.filter((p) => p.startsWith("database:") || p.startsWith("storage:"));
      if (!holdsPersonalData && dataPermissions.length > 0) {
        issue(ctx, [...base, "modules", key], `module ${key} reads or writes personal data stores (${dataPermissions.join(", ")}) but ${region} is not in residency.personalDataRegions [${env.residency.personalDataRegions.join(", ")}]. Fix: run it only in an allowed region, or allow ${region} there`, key);
      }
    }
  }
}

/** The whole environment config: one object per environment file. */
export const EnvironmentSchema = EnvironmentObjectSchema.superRefine(refineEnvironment);

/** A validated environment (defaults applied). */
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;

/** What an environment file writes (defaults optional). */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

/** A validated region. */
export type RegionConfig = z.output<typeof RegionSchema>;
