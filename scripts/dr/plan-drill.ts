/**
 * Plan-mode drill (offline): builds the failed-over variant of an environment, synthesizes
 * it beside the current estate and checks the invariants a failover must keep. In
 * Terraform a region failover is `dr.failedOverTo`: the primary's Route 53 health check
 * inverted and its Cloudflare pool disabled (what the live drill does through the APIs,
 * kept by later deploys), and the DR region's node groups at the primary's size. Which
 * Aurora member writes is runtime state Terraform does not model, so the plan checks that
 * the estate holds what the live switchover needs.
 */
import { parseEnvironment } from "../../environments";
import type { EnvironmentConfig, EnvironmentInput } from "../../environments/schema";
import { STATEFUL_TYPES } from "../lib/stateful-addresses";
import { directionOf, type Scenario } from "./drill-steps";
import { Estate, type EstateStack } from "./estate";
import { splitByEnvironment } from "./synth";

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
  /** The Terraform plans of the failover and the way back (stacks reviewed like a pull request). */
  readonly plans?: {
    readonly failover: { readonly stacks: readonly PlannedStackSummary[]; readonly skipped: readonly object[] };
    readonly back: { readonly stacks: readonly PlannedStackSummary[]; readonly skipped: readonly object[] };
  };
}

/** What the report shows of one planned stack. */
export interface PlannedStackSummary {
  readonly name: string;
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
  readonly error?: string;
  readonly changes: readonly { readonly address: string; readonly action: string }[];
}

/**
 * The failed-over variant of an environment input: the target region's node groups run at
 * least what the source region runs (minimum and desired), so capacity survives the move;
 * a region failover also sets `dr.failedOverTo`, which drains the source region's traffic.
 */
export function failedOverInput(
  input: EnvironmentInput,
  from: string,
  to: string,
  scenario: Scenario = "region-failover",
): EnvironmentInput {
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
  if (scenario === "region-failover")
    variant.dr = { ...variant.dr, failedOverTo: to as typeof variant.dr.failedOverTo };
  if (scenario === "fail-back") delete (variant.dr as { failedOverTo?: string }).failedOverTo;
  return variant;
}

/** Parses the variant (the schema checks it like any config). */
export function failedOverConfig(
  input: EnvironmentInput,
  env: EnvironmentConfig,
  scenario: Scenario,
): EnvironmentConfig {
  const { from, to } = directionOf(env, scenario);
  return parseEnvironment(failedOverInput(input, from, to, scenario), `failed-over variant of ${env.name}`);
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
  const checks = estate.resources("global", "edge", "aws_route53_health_check");
  const serves =
    pools.some((p) => p.config.enabled !== false && JSON.stringify(p.config.origins ?? []).includes(`-${to}.`)) ||
    records.some((r) => r.config.set_identifier === to && r.config.health_check_id !== undefined) ||
    records.some((r) => String(r.config.set_identifier ?? "").startsWith(`${to}-`));
  // A region failover must move traffic: the source's health check inverted (Route 53) and
  // its pool disabled (Cloudflare, when configured). Other scenarios leave routing alone.
  const regional = (region: string) => `-${region}.`;
  const drainedChecks = checks.filter((c) => c.config.invert_healthcheck === true).map((c) => String(c.config.fqdn));
  const disabledPools = pools.filter((p) => p.config.enabled === false).map((p) => String(p.config.name));
  const drainsFrom =
    drainedChecks.some((fqdn) => fqdn.includes(regional(from))) &&
    (pools.length === 0 || disabledPools.some((name) => name.endsWith(`-${from}`)));
  const drainsNothing = drainedChecks.length === 0 && disabledPools.length === 0;
  const routed = serves && (scenario === "region-failover" ? drainsFrom : drainsNothing);
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
      title:
        scenario === "region-failover"
          ? `every public name resolves to ${to} (${from} drained)`
          : `every public name can resolve to ${to}, no region drained`,
      ok: routed,
      detail: routed
        ? `${pools.length > 0 ? "a Cloudflare pool" : "a health-checked Route 53 record"} serves ${to}` +
          (scenario === "region-failover" ? `; drained: ${[...drainedChecks, ...disabledPools].join(", ")}` : "")
        : !serves
          ? `no routed record or pool points at ${to}`
          : scenario === "region-failover"
            ? `${from} is not drained (health check inverted: ${drainedChecks.join(", ") || "none"}; ` +
              `pools disabled: ${disabledPools.join(", ") || "none"})`
            : `still drained: ${[...drainedChecks, ...disabledPools].join(", ")}`,
    },
  ];
  return { env: env.name, scenario, from, to, ok: invariants.every((i) => i.ok), changedStacks, invariants };
}

/** Splits one synth of [base, variant] configs (their names match, so synth them apart). */
export function stacksOf(configs: readonly EnvironmentConfig[], stacks: readonly EstateStack[]): EstateStack[] {
  return splitByEnvironment(configs, stacks).get(configs[0].name) ?? [];
}
