/**
 * The one stack scheduler behind plan, validate and deploy: dependency order over the
 * stacks `manifest.json` records, bounded concurrency, dependants of a failure stopped.
 */
import { availableParallelism } from "node:os";

/** Something to schedule: a stack name and the stacks it must come after. */
export interface Schedulable {
  readonly name: string;
  /** Names of the stacks this one depends on; names outside the selection are ignored. */
  readonly dependencies: readonly string[];
}

/** What the work for one item reports; `failed` stops its dependants. */
export interface ScheduledOutcome {
  readonly status: string;
}

/** The status of an item that never ran because an upstream failed or was itself not attempted. */
export const NOT_ATTEMPTED = "not attempted";

/** Statuses that stop every dependant. */
const STOPPING = new Set(["failed", NOT_ATTEMPTED]);

/** The core count, the default concurrency of every command that runs terraform. */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The items in topological waves: wave 0 depends on nothing selected, wave n only on
 * waves before it. Dependencies on unselected items are ignored (planning one stack alone
 * reads its upstreams' placeholders or real state). Throws on a cycle, naming its members.
 */
export function waves<T extends Schedulable>(items: readonly T[]): T[][] {
  const selected = new Set(items.map((item) => item.name));
  const placed = new Set<string>();
  const result: T[][] = [];
  let remaining = [...items];
  while (remaining.length > 0) {
    const wave = remaining.filter((item) => item.dependencies.every((d) => !selected.has(d) || placed.has(d)));
    if (wave.length === 0) {
      throw new Error(`dependency cycle between ${remaining.map((item) => item.name).join(", ")}`);
    }
    for (const item of wave) placed.add(item.name);
    result.push(wave);
    remaining = remaining.filter((item) => !placed.has(item.name));
  }
  return result;
}

/**
 * Runs `work` over the items, each after every selected item it depends on, at most
 * `concurrency` at once. An item starts as soon as its dependencies are done (not wave by
 * wave, so one slow stack holds back only its dependants). When an item fails, its
 * dependants get `notAttempted(item, upstream)` instead of running; items already
 * running finish. Results are in item order.
 */
export async function schedule<T extends Schedulable, R extends ScheduledOutcome>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  notAttempted: (item: T, upstream: string) => R,
): Promise<R[]> {
  waves(items); // fail on a cycle before running anything
  const selected = new Set(items.map((item) => item.name));
  const outcomes = new Map<string, R>();
  const results: R[] = new Array(items.length);
  const pending = new Set(items.map((_, i) => i));
  let running = 0;
  return new Promise<R[]>((resolveAll, rejectAll) => {
    const finish = (i: number, outcome: R) => {
      outcomes.set(items[i].name, outcome);
      results[i] = outcome;
    };
    const pump = () => {
      for (const i of [...pending]) {
        const deps = items[i].dependencies.filter((d) => selected.has(d));
        const stopped = deps.find((d) => STOPPING.has(outcomes.get(d)?.status ?? ""));
        if (stopped !== undefined) {
          pending.delete(i);
          finish(i, notAttempted(items[i], stopped));
          continue;
        }
        if (running >= concurrency || !deps.every((d) => outcomes.has(d))) continue;
        pending.delete(i);
        running++;
        work(items[i]).then(
          (outcome) => {
            running--;
            finish(i, outcome);
            pump();
          },
          (error: unknown) => rejectAll(error),
        );
      }
      // A not-attempted item may unblock (stop) others: loop until nothing changes.
      if (pending.size > 0 && [...pending].some((i) => isStopped(i))) pump();
      else if (pending.size === 0 && running === 0) resolveAll(results);
    };
    const isStopped = (i: number) =>
      items[i].dependencies.some((d) => selected.has(d) && STOPPING.has(outcomes.get(d)?.status ?? ""));
    pump();
  });
}
