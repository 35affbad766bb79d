import { z } from "zod";
import {
  DEFAULT_GAME_DAY_DURATION_MINUTES,
  MAX_GAME_DAY_DURATION_MINUTES,
} from "../../constructs/dr/game-day-settings";
import { cidrsOverlap, parseCidr } from "../../constructs/network/cidr";
import { checkNetworkLayout } from "../../constructs/network/subnet-plan";
import { checkManifestInContext } from "../../constructs/workloads/manifest-schema";
import { smallestNodeCapacity } from "../../constructs/workloads/node-capacity";
import { closest } from "../../contracts/suggest";
import {
  activeDrRegion,
  belongsToEnvironment,
  bootstrapStackName,
  bucketName,
  cacheRegions,
  dataRegions,
  replicaBucketLogical,
  resourcePrefix,
  strategyKeepsStandby,
} from "../../naming/derived";
import { ClusterSchema, checkCluster } from "./cluster";
import { DataSchema, refineData, replicatesToDr } from "./data";
import { EdgeSchema, refineEdge } from "./edge";
import {
  refineDrCapacity,
  refineModuleNames,
  refineRegionEndpoints,
  refineStateBucket,
  refineTierBinding,
  TIERS,
  TierExceptionSchema,
} from "./invariants";
import { MonitoringSchema } from "./monitoring";
import { NetworkSchema } from "./network";
import { PoliciesSchema } from "./policies";
import {
  AWS_REGIONS,
  AwsRegionSchema,
  EmailSchema,
  HostnameSchema,
  SlugSchema,
  shortProductionRetention,
} from "./primitives";
import { issueReporter, type ReportIssue } from "./report-issue";
import { WorkloadsSchema } from "./workloads";

export * from "./cluster";
export * from "./data";
export * from "./edge";
export * from "./invariants";
export * from "./monitoring";
export * from "./network";
export * from "./policies";
export * from "./primitives";
export * from "./report-issue";
export * from "./workloads";

/** What a region does for its environment. */
export const REGION_ROLES = ["primary", "dr", "serving"] as const;

/** An availability zone name: its region followed by one letter (`sa-east-1a`). */
const AvailabilityZoneSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an availability zone name. Fix: use names such as "sa-east-1a"`,
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
    error: (issue) =>
      `list exactly ${ZONES_PER_REGION} availability zones (the subnet tiers span three zones), ` +
      `got ${Array.isArray(issue.input) ? issue.input.length : "another count"}. ` +
      `Fix: list ${ZONES_PER_REGION} zones of the region`,
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

/**
 * FIS game days of the primary region: an AZ power interruption of `availabilityZone`
 * and, when the environment has a DR region, a loss of connectivity to it. Each template
 * stops on the data stack's game-day alarm. Nothing runs until a person starts it.
 */
export const GameDaysSchema = z.strictObject({
  /** The primary region's zone that loses power; one of its `availabilityZones`. */
  availabilityZone: z.string().min(1),
  /** Minutes each fault lasts (FIS allows 1 minute to 12 hours). @default 30 */
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(MAX_GAME_DAY_DURATION_MINUTES)
    .default(DEFAULT_GAME_DAY_DURATION_MINUTES),
});

/** A validated {@link GameDaysSchema}. */
export type GameDaysConfig = z.output<typeof GameDaysSchema>;

/** Disaster-recovery targets and the region that meets them. */
export const DrSchema = z.strictObject({
  strategy: z.enum(DR_STRATEGIES),
  /** The failover region; required unless `strategy` is `none` or `backup-restore`. */
  region: AwsRegionSchema.optional(),
  /** Recovery point objective: most data, in minutes, a regional loss may cost. */
  rpoMinutes: z.number().positive(),
  /** Recovery time objective: minutes until service is back in the DR region. */
  rtoMinutes: z.number().positive(),
  /** AWS FIS experiment templates for game days; staging rehearses with them. @default - none */
  gameDays: GameDaysSchema.optional(),
  /**
   * Set while the DR region serves after a failover (a drill or a real event): the primary
   * region's Route 53 health check stays inverted and its Cloudflare pool disabled, so a
   * deploy keeps traffic where the failover put it instead of moving it back. Must be
   * `region`; remove it to fail back. `npm run dr:drill` plans both directions.
   * @default - the primary region serves
   */
  failedOverTo: AwsRegionSchema.optional(),
});

/** Cost-allocation tags every resource carries (seed 003's tag set). */
export const TagsSchema = z.strictObject({
  team: z.string().min(1),
  costCenter: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,32}$/, { error: 'must be 2-32 letters, digits or dashes, e.g. "CC-1001"' }),
});

/**
 * Highest monthly budget the schema accepts, in USD: far above any environment of this
 * estate (production budgets $2,000), so only a typo (extra digits, cents for dollars)
 * reaches it, and a budget that high would never alert.
 */
export const MAX_MONTHLY_BUDGET_USD = 10_000_000;

/** The monthly AWS Budget of the environment. */
export const BudgetSchema = z.strictObject({
  /** Monthly limit in USD; at most {@link MAX_MONTHLY_BUDGET_USD} (a larger figure is a typo). */
  monthlyLimitUsd: z
    .number()
    .positive()
    .max(MAX_MONTHLY_BUDGET_USD, {
      error: (issue) =>
        `a monthly budget of ${JSON.stringify(issue.input)} USD is above ${MAX_MONTHLY_BUDGET_USD}, ` +
        "more than any environment here spends (an extra digit or a yearly figure?), " +
        "and alerts at a percentage of it would never fire. " +
        "Fix: set monthlyLimitUsd to the expected monthly spend in USD, e.g. 2000",
    }),
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
  id: z.string().regex(/^\d{12}$/, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a 12-digit AWS account id. ` +
      "Fix: use the account's 12 digits as a string, leading zeros kept " +
      '(aws sts get-caller-identity), e.g. "111111111111"',
  }),
  /** Short name; the account's bootstrap stack is `bootstrap-<name>`. */
  name: SlugSchema,
});

/** Remote state settings; defaults derive from project and account. */
export const StateSchema = z.strictObject({
  /** State bucket name. @default "<project>-tfstate-<account id>" */
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, {
      error:
        "must be 3-63 lowercase letters, digits and dashes " +
        "(no dots: the name is also the KMS alias, and dots break TLS to virtual-hosted buckets)",
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

const EnvironmentObjectSchema = z.strictObject({
  /** Environment name, first part of every stack name. */
  name: SlugSchema,
  /**
   * How strict the environment is. Bound to the names: an environment or account named
   * for a tier (`production`, `plataforma-staging`) must use it (see `tierException`).
   */
  tier: z.enum(TIERS),
  /** A reviewed reason to run a tier other than the one the names bind. @default - none */
  tierException: TierExceptionSchema.optional(),
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
  data: DataSchema.prefault({}),
  /** Module workloads: which modules run in which region, with per-environment sizing. */
  workloads: WorkloadsSchema.prefault({}),
  /** Edge and DNS: Route 53, CloudFront, WAF, Cloudflare. @default - none: no edge stacks */
  edge: EdgeSchema.optional(),
  /** Policy-as-code settings: reviewed suppressions of guardrail findings. */
  policies: PoliciesSchema.default({ suppressions: [] }),
  /** Alarms, their routing, Prometheus sizing and module SLOs. @default - alarms on, paging on, seed SLOs */
  monitoring: MonitoringSchema.prefault({}),
});

/** Name of the cluster node group module workloads run on (tainted workload=modules). */
export const MODULES_NODE_GROUP_NAME = "modules";

/**
 * Longest `<project>-<env>-<region>` prefix: IAM role names stop at 64 characters, and the
 * longest suffix appended to the prefix is the load balancer controller's role,
 * "-aws-load-balancer-controller" (29). test/environments/name-limits.test.ts synthesizes an
 * estate at exactly this length and checks every named resource against its AWS limit.
 */
export const MAX_RESOURCE_PREFIX_LENGTH = 35;

type EnvironmentObject = z.output<typeof EnvironmentObjectSchema>;

/** The top-level keys of an environment, in schema order. */
const SECTION_KEYS = Object.keys(EnvironmentObjectSchema.shape) as (keyof EnvironmentObject)[];

/** True when both blocks parse: refinements run even after a field failed its own schema. */
function bothCidrs(a: string, b: string): boolean {
  return parseCidr(a) !== undefined && parseCidr(b) !== undefined;
}

/**
 * Top-level sections a cross-field rule reads. `regions` means every configured region
 * parsed; `regions~` means the rule is sound on whichever regions parsed (it only looks
 * at regions it has, or at pairs of them).
 */
type Needs = readonly (keyof EnvironmentObject | "regions~")[];

/** One cross-field rule and what it reads. */
interface Step {
  readonly needs: Needs;
  readonly run: (env: EnvironmentObject, report: ReportIssue) => void;
}

/**
 * Cross-field rules in the order their problems were historically listed (they are
 * sorted by path afterwards). The one-pass validator runs each whose sections parsed.
 */
const STEPS: readonly Step[] = [
  { needs: ["name", "tier", "account", "tierException"], run: refineTierBinding },
  { needs: ["project", "account", "state"], run: refineStateBucket },
  { needs: ["regions", "primaryRegion"], run: refinePrimaryRegion },
  { needs: ["regions~", "primaryRegion", "dr"], run: refineRegionRoles },
  { needs: ["regions~"], run: refineRegionLayouts },
  { needs: ["regions~", "tier"], run: refineProductionNetworks },
  { needs: ["regions~"], run: refineVpcOverlaps },
  { needs: ["regions"], run: refinePeering },
  { needs: ["regions~", "tier"], run: refineClusters },
  { needs: ["regions", "primaryRegion", "dr", "tier"], run: refineDr },
  { needs: ["regions", "primaryRegion", "dr", "data"], run: refineGameDays },
  { needs: ["regions~", "primaryRegion", "dr"], run: refineDrCapacity },
  { needs: ["name", "account", "regions", "policies"], run: refineSuppressionStacks },
  { needs: ["regions", "tier", "primaryRegion", "dr", "residency", "data"], run: refineData },
  { needs: ["regions", "workloads", "data", "residency", "account", "dr", "primaryRegion"], run: refineWorkloads },
  { needs: ["workloads"], run: refineModuleNames },
  { needs: ["regions~", "project", "name", "account", "data", "dr"], run: refineNameLengths },
  { needs: ["regions", "data", "dr", "primaryRegion"], run: refineDataRegionClusters },
  { needs: ["regions", "edge", "tier", "domain", "primaryRegion", "data", "dr"], run: refineEdge },
  { needs: ["edge", "primaryRegion", "dr"], run: refineRegionEndpoints },
  { needs: ["residency", "primaryRegion", "dr"], run: refineResidency },
];

/**
 * Cross-field rules over a fully parsed environment. Each step reports every problem it
 * finds; none throws.
 */
function refineEnvironment(env: EnvironmentObject, report: ReportIssue): void {
  runSteps(env, new Set<string>([...SECTION_KEYS, "regions~"]), report);
}

/** Runs every step whose sections are in `parsed` (an empty region map counts as none parsed). */
function runSteps(env: EnvironmentObject, parsed: Set<string>, report: ReportIssue): void {
  if (parsed.has("regions") && Object.keys(env.regions).length === 0) {
    report(["regions"], "no region is configured. Fix: add the primary region under regions", env.regions);
    parsed.delete("regions");
    parsed.delete("regions~");
  }
  for (const step of STEPS) if (step.needs.every((section) => parsed.has(section))) step.run(env, report);
}

/** The primary region is one of the configured regions. */
function refinePrimaryRegion(env: EnvironmentObject, report: ReportIssue): void {
  if (env.regions[env.primaryRegion]) return;
  const configured = Object.keys(env.regions).join(", ");
  report(
    ["primaryRegion"],
    `primary region ${env.primaryRegion} is not one of the configured regions [${configured}]. ` +
      "Fix: add it under regions or pick a configured one",
    env.primaryRegion,
  );
}

/** Each region's role agrees with primaryRegion and dr.region. */
function refineRegionRoles(env: EnvironmentObject, report: ReportIssue): void {
  for (const [name, region] of Object.entries(env.regions)) refineRegionRole(env, name, region, report);
}

function refineRegionRole(env: EnvironmentObject, name: string, region: RegionConfig, report: ReportIssue): void {
  const base = ["regions", name];
  if (region.role === "primary" && name !== env.primaryRegion) {
    report(
      [...base, "role"],
      `region ${name} has role "primary" but primaryRegion is ${env.primaryRegion}. ` +
        'Fix: only the primary region takes role "primary"',
      region.role,
    );
  }
  if (name === env.primaryRegion && region.role !== "primary") {
    const message = `region ${name} is the primaryRegion but has role "${region.role}". Fix: set its role to "primary"`;
    report([...base, "role"], message, region.role);
  }
  if (region.role === "dr" && name !== env.dr.region) {
    report(
      [...base, "role"],
      `region ${name} has role "dr" but dr.region is ${env.dr.region ?? "unset"}. ` +
        `Fix: set dr.region to ${name} or change the role`,
      region.role,
    );
  }
}

/** Each region's zones are its own and distinct, and its subnets fit its VPC. */
function refineRegionLayouts(env: EnvironmentObject, report: ReportIssue): void {
  for (const [name, region] of Object.entries(env.regions)) refineRegionLayout(name, region, report);
}

function refineRegionLayout(name: string, region: RegionConfig, report: ReportIssue): void {
  const base = ["regions", name];
  const zones = region.availabilityZones;
  zones.forEach((zone, i) => {
    if (!zone.startsWith(name)) {
      const message = `zone ${zone} is not in region ${name}. Fix: use zones named ${name}a, ${name}b, ...`;
      report([...base, "availabilityZones", i], message, zone);
    }
  });
  if (new Set(zones).size !== zones.length) {
    const message = `zones repeat in [${zones.join(", ")}]. Fix: list three distinct zones`;
    report([...base, "availabilityZones"], message, zones);
  }
  for (const found of checkNetworkLayout(region.network.vpcCidr, zones, region.network.subnets)) {
    report([...base, "network", ...found.path], `${found.message}. Fix: ${found.fix}`, found.input);
  }
}

/** Production regions keep a NAT gateway per zone and audit-length flow logs. */
function refineProductionNetworks(env: EnvironmentObject, report: ReportIssue): void {
  if (env.tier !== "production") return;
  for (const [name, region] of Object.entries(env.regions)) refineProductionNetwork(name, region, report);
}

/** Production regions: a NAT gateway per zone, audit-length flow logs. */
function refineProductionNetwork(name: string, region: RegionConfig, report: ReportIssue): void {
  const base = ["regions", name, "network"];
  const network = region.network;
  if (network.natGateways !== "per-az") {
    report(
      [...base, "natGateways"],
      `production region ${name} uses a single NAT gateway, which fails with its zone. ` +
        'Fix: set natGateways to "per-az"',
      network.natGateways,
    );
  }
  const days = network.flowLogs.retentionDays;
  const short = shortProductionRetention("production", "flow logs", "retentionDays", days);
  if (short) report([...base, "flowLogs", "retentionDays"], short, days);
}

/** VPC blocks must not overlap across regions: the regions are linked privately. */
function refineVpcOverlaps(env: EnvironmentObject, report: ReportIssue): void {
  const entries = Object.entries(env.regions);
  for (let i = 0; i < entries.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, ra] = entries[j];
      const [b, rb] = entries[i];
      const [blockA, blockB] = [ra.network.vpcCidr, rb.network.vpcCidr];
      if (bothCidrs(blockA, blockB) && cidrsOverlap(blockA, blockB)) {
        report(
          ["regions", b, "network", "vpcCidr"],
          `VPC block ${blockB} of region ${b} overlaps ${blockA} of region ${a}; ` +
            `linked regions need disjoint blocks. Fix: give ${b} a block outside ${blockA}`,
          blockB,
        );
      }
    }
  }
}

/** Each region's cluster against the tier and every region's VPC block. */
function refineClusters(env: EnvironmentObject, report: ReportIssue): void {
  const entries = Object.entries(env.regions);
  const vpcCidrs = Object.fromEntries(entries.map(([name, r]) => [name, r.network.vpcCidr]));
  for (const [name, region] of entries) {
    if (!region.cluster) continue;
    // The account is read when it parsed; without it the role ARNs' account goes unchecked.
    const context = { tier: env.tier, region: name, vpcCidrs, accountId: env.account?.id };
    for (const found of checkCluster(region.cluster, context)) {
      report(["regions", name, "cluster", ...found.path], found.message, found.input);
    }
  }
}

/** A suppression scoped to a stack names one of the environment's stacks. */
function refineSuppressionStacks(env: EnvironmentObject, report: ReportIssue): void {
  (env.policies?.suppressions ?? []).forEach((s, i) => {
    if (s.stack !== undefined && !belongsToEnvironment(env, s.stack)) {
      const stacks = `${env.name}-<region>-<layer>, ${env.name}-global-<layer> or ${bootstrapStackName(env)}`;
      const message = `stack ${s.stack} is not a stack of environment ${env.name}. Fix: name one of its stacks`;
      report(["policies", "suppressions", i, "stack"], `${message} (${stacks})`, s.stack);
    }
  });
}

/**
 * Resource names embed project, environment and region; IAM role names stop at 64
 * characters and we append suffixes of up to 29 (see {@link MAX_RESOURCE_PREFIX_LENGTH}).
 * S3 bucket names stop at 63, replicas included.
 */
function refineNameLengths(env: EnvironmentObject, report: ReportIssue): void {
  const max = MAX_RESOURCE_PREFIX_LENGTH;
  const tooLong = Object.keys(env.regions)
    .map((region) => resourcePrefix(env, region))
    .find((prefix) => prefix.length > max);
  if (tooLong) {
    report(
      ["name"],
      `resource names start with "${tooLong}" (${tooLong.length} characters), too long for IAM and S3 limits once ` +
        `suffixed. Fix: shorten project or name so that "<project>-<name>-<region>" fits in ${max}`,
      env.name,
    );
  }
  for (const [logical, settings] of Object.entries(env.data.buckets)) {
    const logicals = replicatesToDr(env, settings) ? [logical, replicaBucketLogical(logical)] : [logical];
    const bucket = logicals.map((name) => bucketName(env, name)).find((name) => name.length > 63);
    if (bucket) {
      report(
        ["data", "buckets", logical],
        `bucket name "${bucket}" is ${bucket.length} characters; S3 allows 63. Fix: shorten the logical name`,
        logical,
      );
    }
  }
}

/**
 * Data stacks admit the region's cluster security groups, so a region holding data
 * (primary; DR with replication or a cache secondary; CockroachDB regions) needs a cluster.
 */
function refineDataRegionClusters(env: EnvironmentObject, report: ReportIssue): void {
  for (const name of dataRegions(env)) {
    if (!env.regions[name].cluster) {
      report(
        ["regions", name, "cluster"],
        `region ${name} holds data (its data stack admits the cluster's security groups) but has no cluster. ` +
          `Fix: add regions.${name}.cluster`,
        undefined,
      );
    }
  }
}

/** Personal data stays in allowed regions: the primary, and the DR region it is replicated to. */
function refineResidency(env: EnvironmentObject, report: ReportIssue): void {
  const residency = env.residency.personalDataRegions;
  const allowed = residency.join(", ");
  if (!residency.includes(env.primaryRegion)) {
    report(
      ["residency", "personalDataRegions"],
      `the primary region ${env.primaryRegion} holds personal data but is not in personalDataRegions [${allowed}]. ` +
        `Fix: add ${env.primaryRegion} or move the primary region`,
      residency,
    );
  }
  if (env.dr.region && env.dr.strategy !== "none" && !residency.includes(env.dr.region)) {
    report(
      ["dr", "region"],
      `DR region ${env.dr.region} receives replicated personal data but is not in residency.personalDataRegions ` +
        `[${allowed}]. Fix: allow it there or choose an allowed DR region`,
      env.dr.region,
    );
  }
}

/**
 * Peering links: each names a configured other region, is declared once (on one side),
 * and joins disjoint VPC blocks (peering cannot route overlapping ones).
 */
function refinePeering(env: EnvironmentObject, report: ReportIssue): void {
  const declared = new Map<string, string>();
  for (const [name, region] of Object.entries(env.regions)) {
    region.network.peerRegions.forEach((peer, i) => {
      const path = ["regions", name, "network", "peerRegions", i];
      const peerRegion = env.regions[peer];
      if (peer === name) {
        report(path, `region ${name} lists itself as a peer. Fix: list other regions of this environment`, peer);
        return;
      }
      if (!peerRegion) {
        report(
          path,
          `peer region ${peer} is not configured in this environment [${Object.keys(env.regions).join(", ")}]. ` +
            `Fix: add it under regions or remove the link`,
          peer,
        );
        return;
      }
      const key = [name, peer].sort().join("~");
      const first = declared.get(key);
      if (first) {
        report(
          path,
          `the link between ${name} and ${peer} is already declared by ${first}. ` +
            `Fix: declare each link once, on one side`,
          peer,
        );
        return;
      }
      declared.set(key, name);
      const [block, peerBlock] = [region.network.vpcCidr, peerRegion.network.vpcCidr];
      if (bothCidrs(block, peerBlock) && cidrsOverlap(block, peerBlock)) {
        report(
          path,
          `cannot peer ${name} (${region.network.vpcCidr}) with ${peer} (${peerRegion.network.vpcCidr}): ` +
            `the blocks overlap and peering cannot route between them. ` +
            `Fix: renumber one VPC so the blocks are disjoint`,
          peer,
        );
      }
    });
  }
}

/** Game days interrupt a zone of the primary region and stop on the database's alarm. */
function refineGameDays(env: EnvironmentObject, report: ReportIssue): void {
  const gameDays = env.dr.gameDays;
  if (!gameDays) return;
  const zones = env.regions[env.primaryRegion]?.availabilityZones ?? [];
  if (!zones.includes(gameDays.availabilityZone)) {
    report(
      ["dr", "gameDays", "availabilityZone"],
      `zone ${gameDays.availabilityZone} is not one of the primary region's zones [${zones.join(", ")}]. ` +
        `Fix: use one of them`,
      gameDays.availabilityZone,
    );
  }
  if (env.data.database?.engine !== "postgres") {
    report(
      ["dr", "gameDays"],
      "game days stop on an alarm of the primary region's PostgreSQL database, and there is none. " +
        "Fix: configure data.database with engine postgres, or remove dr.gameDays",
      env.data.database?.engine,
    );
  }
}

function refineDr(env: EnvironmentObject, report: ReportIssue): void {
  const regionNames = Object.keys(env.regions);
  const dr = env.dr;
  const needsRegion = strategyKeepsStandby(dr.strategy);
  if (needsRegion && !dr.region) {
    report(
      ["dr", "region"],
      `DR strategy "${dr.strategy}" needs a DR region. ` +
        `Fix: set dr.region to a configured region other than ${env.primaryRegion}`,
      dr.region,
    );
  }
  if (dr.region) {
    if (dr.region === env.primaryRegion) {
      report(
        ["dr", "region"],
        `DR region ${dr.region} is the primary region; a regional outage would take both. ` +
          `Fix: choose another region, e.g. us-east-1`,
        dr.region,
      );
    } else if (!env.regions[dr.region]) {
      report(
        ["dr", "region"],
        `DR region ${dr.region} is not one of the configured regions [${regionNames.join(", ")}]. ` +
          `Fix: add it under regions with role "dr"`,
        dr.region,
      );
    } else if (env.regions[dr.region].role !== "dr") {
      report(
        ["regions", dr.region, "role"],
        `region ${dr.region} is dr.region but has role "${env.regions[dr.region].role}". ` +
          `Fix: set its role to "dr"`,
        env.regions[dr.region].role,
      );
    }
  }
  const minRto = DR_STRATEGY_MIN_RTO_MINUTES[dr.strategy];
  if (dr.rtoMinutes < minRto) {
    const better = DR_STRATEGIES.filter((s) => DR_STRATEGY_MIN_RTO_MINUTES[s] <= dr.rtoMinutes);
    report(
      ["dr", "rtoMinutes"],
      `an RTO of ${dr.rtoMinutes} min is not achievable with strategy "${dr.strategy}" (at best ${minRto} min). ` +
        `Fix: ` +
        `relax rtoMinutes or use ${better.length ? better.map((s) => `"${s}"`).join(" or ") : "a faster strategy"}`,
      dr.rtoMinutes,
    );
  }
  if (dr.rpoMinutes < DR_STRATEGY_MIN_RPO_MINUTES[dr.strategy]) {
    report(
      ["dr", "rpoMinutes"],
      `an RPO of ${dr.rpoMinutes} min is not achievable with strategy "${dr.strategy}" ` +
        `(at best ${DR_STRATEGY_MIN_RPO_MINUTES[dr.strategy]} min between backup copies). ` +
        `Fix: relax rpoMinutes or use a strategy with continuous replication ("pilot-light" or better)`,
      dr.rpoMinutes,
    );
  }
  if (dr.failedOverTo !== undefined && dr.failedOverTo !== activeDrRegion(env)) {
    report(
      ["dr", "failedOverTo"],
      `dr.failedOverTo ${dr.failedOverTo} is not the standby region ` +
        `(${activeDrRegion(env) ?? `none: strategy "${dr.strategy}" keeps no standby`}); ` +
        "a failover can only move traffic there. " +
        `Fix: ${activeDrRegion(env) ? `set it to ${activeDrRegion(env)} or remove it` : "remove it"}`,
      dr.failedOverTo,
    );
  }
  if (env.tier === "production" && (dr.strategy === "none" || dr.strategy === "backup-restore")) {
    report(
      ["dr", "strategy"],
      `production needs a standby region, got strategy "${dr.strategy}". ` +
        `Fix: use "pilot-light", "warm-standby" or "active-active" with a dr.region`,
      dr.strategy,
    );
  }
}

/**
 * Module workloads against the rest of the environment: regions must be configured,
 * permissions must name the data catalog, limits must fit a modules node.
 */
function refineWorkloads(env: EnvironmentObject, report: ReportIssue): void {
  // Runs even when parts of the config were invalid: skip what did not parse.
  if (!env.workloads?.regions) return;
  for (const [region, workloads] of Object.entries(env.workloads.regions)) {
    const base = ["workloads", "regions", region];
    const modules = Object.entries(workloads?.modules ?? {});
    if (!env.regions[region]) {
      report(
        base,
        `modules are placed in region ${region}, ` +
          `which is not configured under regions [${Object.keys(env.regions).join(", ")}]. ` +
          `Fix: add the region or move the modules to a configured one`,
        region,
      );
      continue;
    }
    const modulesGroup = env.regions[region].cluster?.nodeGroups?.[MODULES_NODE_GROUP_NAME];
    if (!modulesGroup) {
      if (modules.length > 0) {
        const group = MODULES_NODE_GROUP_NAME;
        report(
          base,
          `modules run in ${region}, but its cluster has no "${group}" node group for them. ` +
            `Fix: add regions.${region}.cluster.nodeGroups.${group} (tainted workload=modules:NoSchedule)`,
          region,
        );
      }
      continue;
    }
    const nodeCapacity = smallestNodeCapacity(modulesGroup.instanceTypes);
    if (!nodeCapacity) continue; // the cluster rules report the unknown instance type
    const context = {
      databaseSchemas: env.data.databaseSchemas,
      buckets: Object.keys(env.data.buckets),
      nodeCapacity,
      accountId: env.account.id,
    };
    const allowedRegions: readonly string[] = env.residency.personalDataRegions;
    const holdsPersonalData = allowedRegions.includes(region);
    for (const [key, manifest] of modules) {
      if (!manifest?.security) continue;
      for (const found of checkManifestInContext(manifest, context)) {
        report([...base, "modules", key, ...found.path], `module ${key}: ${found.message}`, found.input);
      }
      const cacheHere = cacheRegions(env).includes(region);
      const events = manifest.security.permissions.filter((p) => p.startsWith("events:"));
      if (events.length > 0 && !cacheHere) {
        report(
          [...base, "modules", key],
          `module ${key} declares ${events.join(", ")} but ${region} has no cache to carry events. ` +
            `Fix: run it in ${env.primaryRegion}, ` +
            `or give ${region} a cache (data.cache.globalDatastore for the DR region)`,
          key,
        );
      }
      const dataPermissions = manifest.security.permissions.filter(
        (p) => p.startsWith("database:") || p.startsWith("storage:"),
      );
      if (!holdsPersonalData && dataPermissions.length > 0) {
        report(
          [...base, "modules", key],
          `module ${key} reads or writes personal data stores (${dataPermissions.join(", ")}) ` +
            `but ${region} is not in residency.personalDataRegions [${allowedRegions.join(", ")}]. ` +
            `Fix: run it only in an allowed region, or allow ${region} there`,
          key,
        );
      }
    }
  }
}

/** The whole environment config: one object per environment file. */
export const EnvironmentSchema = EnvironmentObjectSchema.superRefine((env, ctx) =>
  refineEnvironment(env, issueReporter(ctx)),
);

/** A validated environment (defaults applied). */
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;

/** What an environment file writes (defaults optional). */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;

/** A validated region. */
export type RegionConfig = z.output<typeof RegionSchema>;

/** What {@link validateEnvironment} found: the config, or every problem as zod issues. */
export type EnvironmentValidation =
  | { readonly success: true; readonly data: EnvironmentConfig }
  | { readonly success: false; readonly issues: readonly z.core.$ZodIssue[] };

type Issue = z.core.$ZodIssue;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function prefixed(issues: readonly Issue[], prefix: readonly PropertyKey[]): Issue[] {
  return issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }) as Issue);
}

/** The object at `path` inside a value, when there is one. */
function objectAt(value: unknown, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  const current = containerAt(value, path);
  return isPlainObject(current) ? current : undefined;
}

/** The value a probe saw, set by the probe's refinement during one parse. */
let captured: { readonly value: unknown } | undefined;
const probes = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema plus a refinement that records the parsed value. Zod runs refinements only
 * when every earlier issue was a failed check (the value kept its shape), which is
 * exactly when cross-field rules can read it, as the whole-environment schema does.
 */
function probeOf(schema: z.ZodType): z.ZodType {
  let probe = probes.get(schema);
  if (!probe) {
    probe = schema.superRefine((value) => {
      captured = { value };
    });
    probes.set(schema, probe);
  }
  return probe;
}

/**
 * Parses a section; when it fails, retries on a copy with its unknown keys removed (or
 * renamed to the missing key they misspell), so the cross-field rules still see the
 * section. The issues are always those of the first parse: a repair reports nothing.
 */
function parseRepairing(schema: z.ZodType, value: unknown): { ok: boolean; data?: unknown; issues: Issue[] } {
  const probe = probeOf(schema);
  captured = undefined;
  const first = probe.safeParse(value, { reportInput: true });
  if (first.success) return { ok: true, data: first.data, issues: [] };
  const issues = first.error.issues;
  // Only failed checks (a regex, a range): the value has its shape, the rules can read it.
  const seen = captured as { readonly value: unknown } | undefined;
  if (seen) return { ok: true, data: seen.value, issues };
  const unknown = issues.filter((issue) => issue.code === "unrecognized_keys");
  const retyped = issues.flatMap((issue) => {
    const value = issue.code === "invalid_type" ? coerced(issue.expected, issue.input) : undefined;
    return value === undefined ? [] : [{ path: issue.path, value }];
  });
  if (unknown.length === 0 && retyped.length === 0) return { ok: false, issues };
  let repaired: unknown;
  try {
    repaired = structuredClone(value);
  } catch {
    return { ok: false, issues };
  }
  for (const issue of unknown) {
    const target = objectAt(repaired, issue.path);
    if (!target || issue.code !== "unrecognized_keys") continue;
    const depth = issue.path.length;
    const missing = issues
      .filter((i) => i.code !== "unrecognized_keys" && i.input === undefined && i.path.length === depth + 1)
      .filter((i) => issue.path.every((part, n) => i.path[n] === part))
      .map((i) => String(i.path[depth]))
      .filter((key) => !Object.hasOwn(target, key));
    for (const key of issue.keys) {
      const meant = closest(key, missing);
      if (meant !== undefined && !Object.hasOwn(target, meant)) target[meant] = target[key];
      delete target[key];
    }
  }
  for (const { path, value } of retyped) {
    const parent = containerAt(repaired, path.slice(0, -1));
    if (parent) parent[path[path.length - 1] as never] = value as never;
  }
  const second = schema.safeParse(repaired);
  return second.success ? { ok: true, data: second.data, issues } : { ok: false, issues };
}

/**
 * The value a wrongly typed one most likely meant, for the repair parse only: a quoted number
 * (`"4"` for 4), a quoted boolean, a number where a string belongs. The issue itself is still
 * reported; the repair only lets the cross-field rules read the rest of the section.
 */
function coerced(expected: string, input: unknown): unknown {
  if (expected === "number" && typeof input === "string" && /^-?\d+(\.\d+)?$/.test(input.trim())) {
    return Number(input);
  }
  if (expected === "boolean" && (input === "true" || input === "false")) return input === "true";
  if (expected === "string" && typeof input === "number") return String(input);
  return undefined;
}

/** The object or array at `path` of `value`, if there is one. */
function containerAt(value: unknown, path: readonly PropertyKey[]): Record<PropertyKey, unknown> | undefined {
  let current = value;
  for (const key of path) {
    current = isPlainObject(current) || Array.isArray(current) ? current[key as never] : undefined;
  }
  return isPlainObject(current) || Array.isArray(current) ? (current as Record<PropertyKey, unknown>) : undefined;
}

/**
 * Parses the regions one by one, so one broken region leaves the others to the
 * cross-field rules. An unknown region key that misspells a region (`sa-east1`) is
 * reported and parsed under the region it spells.
 */
function parseRegions(input: Record<string, unknown>): {
  regions: Record<string, RegionConfig>;
  complete: boolean;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const regions: Record<string, RegionConfig> = {};
  let complete = true;
  const known = AWS_REGIONS as readonly string[];
  const unknownKeys = Object.keys(input).filter((key) => !known.includes(key));
  if (unknownKeys.length > 0) {
    issues.push({ code: "unrecognized_keys", keys: unknownKeys, path: ["regions"], input, message: "" } as Issue);
  }
  for (const [key, value] of Object.entries(input)) {
    const name = known.includes(key)
      ? key
      : closest(
          key,
          known.filter((r) => !Object.hasOwn(input, r)),
        );
    if (name === undefined || Object.hasOwn(regions, name)) {
      complete = false;
      continue;
    }
    const result = parseRepairing(RegionSchema, value);
    issues.push(...prefixed(result.issues, ["regions", key]));
    if (result.ok) regions[name] = result.data as RegionConfig;
    else complete = false;
  }
  return { regions, complete, issues };
}

/**
 * Validates an environment in one pass: each top-level section (and each region) is
 * parsed on its own, then every cross-field rule whose sections parsed runs, so a typo,
 * an overlapping block and an unknown instance type are reported together. Returns the
 * parsed config (identical to {@link EnvironmentSchema}'s output) or every issue.
 */
export function validateEnvironment(input: unknown): EnvironmentValidation {
  if (!isPlainObject(input)) {
    const result = EnvironmentSchema.safeParse(input, { reportInput: true });
    return result.success ? { success: true, data: result.data } : { success: false, issues: result.error.issues };
  }
  const issues: Issue[] = [];
  const shape = EnvironmentObjectSchema.shape;
  const unknownKeys = Object.keys(input).filter((key) => !Object.hasOwn(shape, key));
  if (unknownKeys.length > 0) {
    issues.push({ code: "unrecognized_keys", keys: unknownKeys, path: [], input, message: "" } as Issue);
  }
  // A misspelled section is read under the name it spells, so its contents are checked too.
  const sections: Record<string, unknown> = { ...input };
  for (const key of unknownKeys) {
    const meant = closest(
      key,
      SECTION_KEYS.filter((section) => !Object.hasOwn(input, section)),
    );
    if (meant !== undefined && !Object.hasOwn(sections, meant)) sections[meant] = input[key];
  }
  const parsed: Record<string, unknown> = {};
  const ok = new Set<string>();
  for (const key of SECTION_KEYS) {
    const value = sections[key];
    if (key === "regions" && isPlainObject(value)) {
      const result = parseRegions(value);
      issues.push(...result.issues);
      parsed.regions = result.regions;
      ok.add("regions~");
      if (result.complete) ok.add("regions");
      continue;
    }
    const result = parseRepairing(shape[key] as z.ZodType, value);
    issues.push(...prefixed(result.issues, [key]));
    if (!result.ok) continue;
    ok.add(key);
    if (result.data !== undefined) parsed[key] = result.data;
  }
  const report: ReportIssue = (path, message, value) =>
    issues.push({ code: "custom", path, message, input: value } as Issue);
  runSteps(parsed as EnvironmentObject, ok, report);
  if (issues.length > 0) return { success: false, issues };
  const data: Record<string, unknown> = {};
  for (const key of SECTION_KEYS) if (parsed[key] !== undefined) data[key] = parsed[key];
  return { success: true, data: data as EnvironmentConfig };
}
