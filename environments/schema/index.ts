import { z } from "zod";
import { cidrsOverlap } from "../../constructs/network/cidr";
import { checkNetworkLayout } from "../../constructs/network/subnet-plan";
import { DataSchema } from "./data";
import { NetworkSchema } from "./network";
import { PoliciesSchema } from "./policies";
import { AwsRegionSchema, EmailSchema, HostnameSchema, SlugSchema } from "./primitives";

export * from "./data";
export * from "./network";
export * from "./policies";
export * from "./primitives";

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
  /** Percentages of the limit that notify, actual or forecast. */
  alertThresholdsPercent: z.array(z.number().int().min(1).max(200)).min(1),
  notifyEmails: z.array(EmailSchema).min(1),
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
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
  /** Region of the state bucket. @default - the primary region */
  region: AwsRegionSchema.optional(),
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
  state: StateSchema.default({}),
  /** Data layer: database schemas, buckets (and, as the data layer grows, databases and caches). */
  data: DataSchema.default({ databaseSchemas: [], buckets: {} }),
  /** Policy-as-code settings: reviewed suppressions of guardrail findings. */
  policies: PoliciesSchema.default({ suppressions: [] }),
});

/** Minimum flow log retention for production, in days (seed 002: audit logs >= 90 days). */
export const PRODUCTION_MIN_FLOW_LOG_RETENTION_DAYS = 90;

type Ctx = z.core.$RefinementCtx<z.output<typeof EnvironmentObjectSchema>>;

function issue(ctx: Ctx, path: (string | number)[], message: string, input: unknown): void {
  ctx.addIssue({ code: "custom", path, message, input });
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
      issue(ctx, [...base, "network", ...found.path], found.message, found.input);
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
      if (cidrsOverlap(ra.network.vpcCidr, rb.network.vpcCidr)) {
        issue(ctx, ["regions", b, "network", "vpcCidr"], `VPC block ${rb.network.vpcCidr} of region ${b} overlaps ${ra.network.vpcCidr} of region ${a}; linked regions need disjoint blocks. Fix: give ${b} a block outside ${ra.network.vpcCidr}`, rb.network.vpcCidr);
      }
    }
  }

  refineDr(env, ctx, regionNames);

  const residency = env.residency.personalDataRegions;
  if (!residency.includes(env.primaryRegion)) {
    issue(ctx, ["residency", "personalDataRegions"], `the primary region ${env.primaryRegion} holds personal data but is not in personalDataRegions [${residency.join(", ")}]. Fix: add ${env.primaryRegion} or move the primary region`, residency);
  }
  if (env.dr.region && env.dr.strategy !== "none" && !residency.includes(env.dr.region)) {
    issue(ctx, ["dr", "region"], `DR region ${env.dr.region} receives replicated personal data but is not in residency.personalDataRegions [${residency.join(", ")}]. Fix: allow it there or choose an allowed DR region`, env.dr.region);
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
  if (env.tier === "production" && (dr.strategy === "none" || dr.strategy === "backup-restore")) {
    issue(ctx, ["dr", "strategy"], `production needs a standby region, got strategy "${dr.strategy}". Fix: use "pilot-light", "warm-standby" or "active-active" with a dr.region`, dr.strategy);
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
