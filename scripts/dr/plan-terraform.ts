/**
 * Terraform plans of a plan-mode drill, offline, with the plan review's machinery
 * (`npm run plan:review`): the current estate's plan becomes the state, the failed-over
 * variant plans against it with `-refresh=false` (only the stacks it changes and the
 * dependants whose upstream outputs change, in dependency order), then the way back: the
 * current config against the variant's state. Stacks needing a provider with no local
 * binary (Cloudflare, Kubernetes/Helm) are listed as not planned.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { EnvironmentConfig } from "../../environments/schema";
import { buildApp } from "../../stacks/app";
import { changedStacks, type SideStack, upstreamReads } from "../lib/review/changes";
import { planAffected, type SkippedStack } from "../lib/review/plan-stacks";
import { reviewStack, type StackReview } from "../lib/review/verdict";
import { cliConfigFor } from "../lib/runner";
import { readPinnedAddresses } from "../lib/stateful-addresses";
import { listStacks } from "../lib/terraform";
import type { Invariant } from "./plan-drill";

/** One direction of a drill: the stacks planned (reviewed like a pull request) and those left out. */
export interface PlannedDirection {
  readonly stacks: readonly StackReview[];
  readonly skipped: readonly SkippedStack[];
}

/** The failover and the way back. */
export interface DrillPlans {
  readonly failover: PlannedDirection;
  readonly back: PlannedDirection;
}

/** What {@link planDrill} needs. */
export interface DrillPlanRequest {
  /** The estate as it is (the state the failover starts from). */
  readonly current: EnvironmentConfig;
  /** The failed-over variant. */
  readonly variant: EnvironmentConfig;
  /** Work folder: synth output, offline states, provider schema cache. */
  readonly work: string;
  readonly concurrency: number;
  readonly log: (line: string) => void;
}

/** Synthesizes both configs and plans the failover, then the way back; see the module comment. */
export async function planDrill(request: DrillPlanRequest): Promise<DrillPlans> {
  const work = resolve(request.work);
  const current = synthesizeInto(request.current, join(work, "current", "cdktf.out"));
  const variant = synthesizeInto(request.variant, join(work, "variant", "cdktf.out"));
  const cliConfig = cliConfigFor(true, work);
  const pinned = readPinnedAddresses();
  const plan = async (from: SideStack[], to: SideStack[]): Promise<PlannedDirection> => {
    const reads = new Map([...from, ...to].map((stack) => [stack.name, upstreamReads(stack, request.current)]));
    const outcome = await planAffected({
      base: new Map(from.map((s) => [s.name, s])),
      head: new Map(to.map((s) => [s.name, s])),
      changed: changedStacks(from, to),
      reads,
      offline: true,
      cliConfig,
      concurrency: request.concurrency,
      workDir: work,
      log: request.log,
    });
    const stacks = outcome.planned.map((p) =>
      reviewStack({
        name: p.name,
        environment: request.current.name,
        cause: p.cause,
        ...(p.plan ? { plan: p.plan } : {}),
        ...(p.error !== undefined ? { error: p.error } : {}),
        pinned: pinned[p.name] ?? [],
        allowDestroy: false,
      }),
    );
    return { stacks, skipped: outcome.skipped };
  };
  const failover = await plan(current, variant);
  const back = await plan(variant, current);
  return { failover, back };
}

function synthesizeInto(config: EnvironmentConfig, outdir: string): SideStack[] {
  rmSync(dirname(outdir), { recursive: true, force: true });
  mkdirSync(dirname(outdir), { recursive: true });
  const { app } = buildApp([config], { mode: "offline", outdir });
  app.synth();
  return listStacks(outdir);
}

/** One line per planned stack: `name +add ~change -destroy ±replace`, or its error. */
export function summarizeDirection(direction: PlannedDirection): string {
  const planned = direction.stacks.map((s) =>
    s.error !== undefined
      ? `${s.name} failed (${s.blocking[0]?.reason ?? "error"})`
      : `${s.name} +${s.add} ~${s.change} -${s.destroy} ±${s.replace}`,
  );
  const skipped = direction.skipped.map((s) => `${s.name} not planned (${s.reason})`);
  return [...planned, ...skipped].join("; ") || "no stack changes";
}

/**
 * The invariants the plans prove: the variant plans against the current estate, nothing
 * stateful is destroyed or replaced either way (stateful types, pinned addresses,
 * `prevent_destroy` refusals), and the way back plans too.
 */
export function planInvariants(plans: DrillPlans): Invariant[] {
  const failed = (d: PlannedDirection) => d.stacks.filter((s) => s.error !== undefined);
  const destroys = [...plans.failover.stacks, ...plans.back.stacks].flatMap((s) =>
    s.blocking.filter((b) => b.action !== "error").map((b) => `${s.name}: ${b.action} ${b.address}`),
  );
  return [
    {
      id: "plans-against-estate",
      title: "the variant plans against the current estate as state",
      ok: failed(plans.failover).length === 0,
      detail: summarizeDirection(plans.failover),
    },
    {
      id: "no-stateful-destroy",
      title: "no stateful resource destroyed or replaced (failover and way back)",
      ok: destroys.length === 0,
      detail: destroys.length === 0 ? "none planned" : [...new Set(destroys)].join(", "),
    },
    {
      id: "way-back-plans",
      title: "the way back plans from the variant's state",
      ok: failed(plans.back).length === 0,
      detail: summarizeDirection(plans.back),
    },
  ];
}
