/**
 * Plan-mode drill (offline): builds the failed-over variant of an environment, synthesizes
 * it beside the current estate and checks the invariants a failover must keep. What the
 * variant changes in Terraform is the DR region's capacity; the database writer, the
 * Route 53 health-check inversion and the Cloudflare pool switch are runtime actions of the
 * live drill (Terraform does not model which Aurora member writes), so the plan checks
 * that the estate holds what those actions need.
 */
import { parseEnvironment } from "../../environments";
import type { EnvironmentConfig, EnvironmentInput } from "../../environments/schema";
import { directionOf, type Scenario } from "./drill-steps";
import { Estate, type EstateStack } from "./estate";
import { splitByEnvironment } from "./synth";

/** Resource types that hold data: a failover may never destroy or replace one. */
export const STATEFUL_TYPES = [
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_rds_global_cluster",
  "aws_elasticache_replication_group",
  "aws_elasticache_global_replication_group",
  "aws_s3_bucket",
  "aws_kms_key",
  "aws_db_instance_automated_backups_replication",
] as const;

/** One invariant and whether it held. */
export interface Invariant {
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What the plan-mode drill found. */
export interface PlanDrill {
  readonly env: string;
  readonly scenario: Scenario;
  readonly from: string;
  readonly to: string;
  readonly ok: boolean;
  /** Stacks whose synthesized Terraform the variant changes. */
  readonly changedStacks: readonly string[];
  readonly invariants: readonly Invariant[];
}

/**
 * The failed-over variant of an environment input: the target region's node groups run at
 * least what the source region runs (minimum and desired), so capacity survives the move.
 */
export function failedOverInput(input: EnvironmentInput, from: string, to: string): EnvironmentInput {
  const variant = structuredClone(input) as EnvironmentInput & {
    regions: Record<
      string,
      { cluster?: { nodeGroups: Record<string, { minSize: number; desiredSize: number; maxSize: number }> } }
    >;
  };
  const source = variant.regions[from]?.cluster?.nodeGroups ?? {};
  for (const [name, group] of Object.entries(variant.regions[to]?.cluster?.nodeGroups ?? {})) {
    const want = source[name]?.desiredSize ?? group.desiredSize;
    group.desiredSize = Math.max(group.desiredSize, want);
    group.minSize = Math.max(group.minSize, want);
    group.maxSize = Math.max(group.maxSize, want);
  }
  return variant;
}

/** Parses the variant (the schema checks it like any config). */
export function failedOverConfig(
  input: EnvironmentInput,
  env: EnvironmentConfig,
  scenario: Scenario,
): EnvironmentConfig {
  const { from, to } = directionOf(env, scenario);
  return parseEnvironment(failedOverInput(input, from, to), `failed-over variant of ${env.name}`);
}

function resourceMap(stacks: readonly EstateStack[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const stack of stacks) {
    const byType = (stack.json as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
    for (const [type, byName] of Object.entries(byType)) {
      for (const [name, config] of Object.entries(byName))
        map.set(`${stack.name}:${type}.${name}`, JSON.stringify(config));
    }
  }
  return map;
}

/** Checks the invariants of a failed-over variant against the current estate. */
export function checkPlanDrill(
  env: EnvironmentConfig,
  variant: EnvironmentConfig,
  scenario: Scenario,
  base: readonly EstateStack[],
  failed: readonly EstateStack[],
): PlanDrill {
  const { from, to } = directionOf(env, scenario);
  const before = resourceMap(base);
  const after = resourceMap(failed);
  const isStateful = (address: string) => STATEFUL_TYPES.some((t) => address.includes(`:${t}.`));
  const touched = [...before.keys()].filter((a) => isStateful(a) && after.get(a) !== before.get(a));
  const changedStacks = base
    .filter((s) => JSON.stringify(s.json) !== JSON.stringify(failed.find((f) => f.name === s.name)?.json))
    .map((s) => s.name);
  const estate = new Estate(variant, failed);
  const groups = (region: string) =>
    new Map(
      estate
        .resources(region, "cluster", "aws_eks_node_group")
        .map((g) => [
          String(g.config.node_group_name_prefix ?? g.name),
          (g.config.scaling_config as { desired_size: number }).desired_size,
        ]),
    );
  const target = groups(to);
  const short = [...groups(from)].filter(([name, size]) => (target.get(name) ?? 0) < size);
  const records = estate.resources("global", "edge", "aws_route53_record");
  const pools = estate.resources("global", "cloudflare", "cloudflare_load_balancer_pool");
  const routed =
    pools.some((p) => JSON.stringify(p.config.origins ?? []).includes(`-${to}.`)) ||
    records.some((r) => r.config.set_identifier === to && r.config.health_check_id !== undefined) ||
    records.some((r) => String(r.config.set_identifier ?? "").startsWith(`${to}-`));
  const invariants: Invariant[] = [
    {
      id: "no-stateful-change",
      title: "no stateful resource destroyed, replaced or changed",
      ok: touched.length === 0,
      detail:
        touched.length === 0
          ? `${[...before.keys()].filter(isStateful).length} stateful resources unchanged`
          : touched.join(", "),
    },
    {
      id: "capacity",
      title: `capacity in ${to} at least ${from}'s`,
      ok: short.length === 0 && target.size > 0,
      detail:
        short.length === 0
          ? `node groups in ${to}: ${[...target].map(([n, s]) => `${n.replace(/-$/, "")}=${s}`).join(", ")}`
          : `short: ${short.map(([n]) => n).join(", ")}`,
    },
    {
      id: "public-names",
      title: `every public name can resolve to ${to}`,
      ok: routed,
      detail: routed
        ? `${pools.length > 0 ? "a Cloudflare pool" : "a health-checked Route 53 record"} serves ${to}`
        : `no routed record or pool points at ${to}`,
    },
  ];
  return { env: env.name, scenario, from, to, ok: invariants.every((i) => i.ok), changedStacks, invariants };
}

/** Splits one synth of [base, variant] configs (their names match, so synth them apart). */
export function stacksOf(configs: readonly EnvironmentConfig[], stacks: readonly EstateStack[]): EstateStack[] {
  return splitByEnvironment(configs, stacks).get(configs[0].name) ?? [];
}
