/**
 * Invariants no field can switch off (issue 15): the tier follows the environment's
 * account and name, DR endpoints and capacity really are the DR region's, and module
 * manifest names are unique. Each rule reads only the sections it names, so the one-pass
 * validator can run it whenever those sections parsed.
 */
import { z } from "zod";
import { moduleShortName } from "../../constructs/workloads/manifest-schema";
import { stateBucketName } from "../../naming/derived";
import { AWS_REGIONS } from "./primitives";
import type { ReportIssue } from "./report-issue";

/** How strict the environment is; production turns on the safety rules. */
export const TIERS = ["development", "staging", "production"] as const;

/** One of {@link TIERS}. */
export type Tier = (typeof TIERS)[number];

/** Shortest reason a tier exception may give: a sentence, not "temp" or "ok". */
export const MIN_TIER_EXCEPTION_REASON_LENGTH = 20;

/**
 * A reviewed exception to the tier binding, e.g. a production-named account that holds a
 * load-test environment on purpose. Without it a tier that disagrees with the names is refused.
 */
export const TierExceptionSchema = z.strictObject({
  /** Why this environment's tier differs from the one its names imply. */
  reason: z
    .string()
    .trim()
    .min(MIN_TIER_EXCEPTION_REASON_LENGTH, {
      error:
        `say why the tier differs from the one the names imply in at least ${MIN_TIER_EXCEPTION_REASON_LENGTH} ` +
        "characters. Fix: write the reason a reviewer would accept",
    }),
});

/**
 * Name parts that bind a tier. A name binds the tier of the one group its dash-separated
 * parts hit (`plataforma-production` -> production); a name that hits none binds nothing.
 */
export const TIER_NAME_PARTS: Readonly<Record<Tier, readonly string[]>> = {
  production: ["production", "prod", "prd", "live"],
  staging: ["staging", "stage", "stg", "preprod", "uat"],
  development: ["development", "dev", "sandbox"],
};

/** The tier a name implies, or `undefined` when it names none (or several). */
export function tierImpliedBy(name: string): Tier | undefined {
  const parts = name.toLowerCase().split(/[-_.]/);
  const hits = TIERS.filter((tier) => TIER_NAME_PARTS[tier].some((part) => parts.includes(part)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** What {@link refineTierBinding} reads. */
export interface TierBindingView {
  readonly name: string;
  readonly tier: Tier;
  readonly account: { readonly name: string };
  readonly tierException?: { readonly reason: string };
}

/**
 * The tier follows the names: an environment or account named for production holds the
 * production tier (Multi-AZ, per-zone NAT, 30+ day backups, 90-day logs), and a
 * production tier lives only where the names say production, unless a reasoned
 * `tierException` is written; so are names that disagree with each other.
 */
export function refineTierBinding(env: TierBindingView, report: ReportIssue): void {
  const byName = tierImpliedBy(env.name);
  const byAccount = tierImpliedBy(env.account.name);
  if (byName && byAccount && byName !== byAccount) {
    if (env.tierException) return;
    report(
      ["account", "name"],
      `environment "${env.name}" (a ${byName} name) is bound to account "${env.account.name}" ` +
        `(a ${byAccount} name); one account must not hold the other tier's estate. ` +
        `Fix: use the ${byName} account, rename the environment, or write tierException: { reason: "..." } ` +
        `(${MIN_TIER_EXCEPTION_REASON_LENGTH}+ characters) if the account really is shared`,
      env.account.name,
    );
    return;
  }
  const bound = byName ?? byAccount;
  const why = byName ? `environment name "${env.name}"` : `account "${env.account.name}"`;
  if (bound && bound !== env.tier) {
    if (env.tierException) return;
    const consequence =
      bound === "production"
        ? " (a lower tier switches off Multi-AZ, per-zone NAT, 30-day backups and 90-day logs)"
        : " (production safety rules in a non-production account would give a false sense of a production estate)";
    report(
      ["tier"],
      `tier "${env.tier}" contradicts the ${why}, which binds tier "${bound}"${consequence}. ` +
        `Fix: set tier to "${bound}", or write tierException: { reason: "..." } ` +
        `(${MIN_TIER_EXCEPTION_REASON_LENGTH}+ characters) if this really is intended`,
      env.tier,
    );
    return;
  }
  if (env.tierException) {
    report(
      ["tierException"],
      bound
        ? `tier "${env.tier}" already matches the ${why}; the exception excuses nothing. Fix: remove tierException`
        : `the names "${env.name}" and "${env.account.name}" bind no tier, so there is nothing to except. ` +
            "Fix: remove tierException",
      env.tierException,
    );
  }
}

/** What the DR rules read. */
export interface DrInvariantView {
  readonly primaryRegion: string;
  readonly dr: { readonly strategy: string; readonly region?: string };
  readonly regions: Readonly<
    Record<
      string,
      { readonly cluster?: { readonly nodeGroups: Readonly<Record<string, { readonly maxSize: number }>> } }
    >
  >;
  readonly edge?: { readonly regions: Readonly<Record<string, { readonly ingressHostname: string }>> };
}

/** The region an ELB host name names (`...elb.us-east-1.amazonaws.com`, `...us-east-1.elb.amazonaws.com`). */
function regionOfLoadBalancer(hostname: string): string | undefined {
  const match =
    /\.elb\.([a-z0-9-]+)\.amazonaws\.com$/.exec(hostname) ?? /\.([a-z0-9-]+)\.elb\.amazonaws\.com$/.exec(hostname);
  const region = match?.[1];
  return region && (AWS_REGIONS as readonly string[]).includes(region) ? region : undefined;
}

/**
 * Every region's endpoint is its own: no two regions share an ingress host name (a DR
 * record copied from the primary routes "failover" traffic back to the failed region),
 * and a load balancer host name names the region it is configured for.
 */
export function refineRegionEndpoints(env: DrInvariantView, report: ReportIssue): void {
  const endpoints = env.edge?.regions;
  if (!endpoints) return;
  const owner = new Map<string, string>();
  // The primary first, so a copy is reported on the region that copied it.
  const names = Object.keys(endpoints).sort(
    (a, b) => Number(b === env.primaryRegion) - Number(a === env.primaryRegion),
  );
  for (const name of names) {
    const host = endpoints[name].ingressHostname;
    const path = ["edge", "regions", name, "ingressHostname"];
    const first = owner.get(host);
    if (first !== undefined) {
      const role = name === env.dr.region && first === env.primaryRegion ? "the DR region" : "region";
      report(
        path,
        `${role} ${name} has the same ingress host name as ${first} (${host}): the failover record and the ` +
          `Cloudflare pool would send ${name}'s traffic to ${first}. ` +
          `Fix: set it to ${name}'s own ingress load balancer host name`,
        host,
      );
      continue;
    }
    owner.set(host, name);
    const named = regionOfLoadBalancer(host);
    if (named !== undefined && named !== name) {
      report(
        path,
        `the ingress host name of ${name} is a load balancer in ${named} (${host}). ` +
          `Fix: use the host name of ${name}'s own ingress load balancer`,
        host,
      );
    }
  }
}

/** Strategies whose standby must carry the primary's full load at once (no scale-up step). */
export const FULL_CAPACITY_STRATEGIES: readonly string[] = ["warm-standby", "active-active"];

/**
 * Warm standby and active-active promise the DR region can take all traffic: each of the
 * primary's node groups exists there with a maxSize at least the primary's. Pilot light
 * scales up during failover (issue 10's failover timeline), so it is not checked here.
 */
export function refineDrCapacity(env: DrInvariantView, report: ReportIssue): void {
  const drName = env.dr.region;
  if (!drName || !FULL_CAPACITY_STRATEGIES.includes(env.dr.strategy) || drName === env.primaryRegion) return;
  const primary = env.regions[env.primaryRegion]?.cluster;
  const standby = env.regions[drName]?.cluster;
  if (!primary || !standby) return; // a region without a cluster is reported by the data-region rule
  for (const [group, { maxSize }] of Object.entries(primary.nodeGroups)) {
    const mirror = standby.nodeGroups[group];
    if (!mirror) {
      report(
        ["regions", drName, "cluster", "nodeGroups"],
        `strategy "${env.dr.strategy}" needs node group ${group} in DR region ${drName} ` +
          `(the primary's has maxSize ${maxSize}). Fix: add nodeGroups.${group} with maxSize ${maxSize} or more`,
        Object.keys(standby.nodeGroups),
      );
    } else if (mirror.maxSize < maxSize) {
      report(
        ["regions", drName, "cluster", "nodeGroups", group, "maxSize"],
        `strategy "${env.dr.strategy}" promises DR region ${drName} can take all traffic, but node group ${group} ` +
          `may grow to ${mirror.maxSize} nodes against the primary's ${maxSize}. ` +
          `Fix: set maxSize to ${maxSize} or more (or use strategy "pilot-light")`,
        mirror.maxSize,
      );
    }
  }
}

/** What {@link refineModuleNames} reads: the validated manifests per region. */
export interface WorkloadNamesView {
  readonly workloads: {
    readonly regions: Readonly<
      Record<string, { readonly modules: Readonly<Record<string, { readonly name: string }>> }>
    >;
  };
}

/**
 * Two modules in one region with one manifest name would get one namespace and one IAM
 * role name (`module-<name>`): apply fails half way. Report every later holder of a name.
 */
export function refineModuleNames(env: WorkloadNamesView, report: ReportIssue): void {
  for (const [region, placed] of Object.entries(env.workloads.regions)) {
    for (const found of duplicateManifestNames(placed?.modules ?? {})) {
      report(["workloads", "regions", region, "modules", found.key, "name"], found.message, found.name);
    }
  }
}

/** One module whose manifest name (or the namespace it derives) another module already uses. */
export interface DuplicateManifestName {
  readonly key: string;
  readonly name: string;
  readonly message: string;
}

/** Modules of a catalog (or of one region) whose manifest names collide, in key order. */
export function duplicateManifestNames(
  modules: Readonly<Record<string, { readonly name: string }>>,
): DuplicateManifestName[] {
  const seen = new Map<string, string>();
  const found: DuplicateManifestName[] = [];
  for (const [key, manifest] of Object.entries(modules)) {
    if (!manifest || typeof manifest.name !== "string") continue;
    let short: string;
    try {
      short = moduleShortName(manifest.name);
    } catch {
      continue; // the manifest schema reports a malformed name
    }
    const first = seen.get(short);
    if (first !== undefined) {
      found.push({
        key,
        name: manifest.name,
        message:
          `module ${key} has manifest name ${manifest.name}, already used by module ${first}: both would create ` +
          `namespace module-${short} and one IAM role name. Fix: give ${key} its own @plataforma/<name>-module name`,
      });
      continue;
    }
    seen.set(short, key);
  }
  return found;
}

/** What {@link refineStateBucket} reads. */
export interface StateBucketView {
  readonly project: string;
  readonly account: { readonly id: string };
  readonly state: { readonly bucket?: string };
}

/** A state bucket named for an account, as the default name is: `<project>-tfstate-<account id>`. */
const ACCOUNT_STATE_BUCKET = /-tfstate-(\d{12})$/;

/**
 * A state bucket named for an account (`<project>-tfstate-<12 digits>`, the default's
 * shape) must name this environment's account: every backend of the environment points
 * at it, so another account's digits mean another account's state (a copied file).
 */
export function refineStateBucket(env: StateBucketView, report: ReportIssue): void {
  const bucket = env.state.bucket;
  const named = bucket === undefined ? undefined : ACCOUNT_STATE_BUCKET.exec(bucket)?.[1];
  // A malformed account id was reported by its own field; comparing with it says nothing.
  if (named === undefined || !/^\d{12}$/.test(env.account.id) || named === env.account.id) return;
  report(
    ["state", "bucket"],
    `state bucket ${bucket} is named for account ${named}, but this environment deploys to account ` +
      `${env.account.id}; every stack's backend would read and write that other account's state. ` +
      `Fix: remove state.bucket to use the default "${stateBucketName({ ...env, state: {} })}", ` +
      "or name this account's own state bucket",
    bucket,
  );
}
