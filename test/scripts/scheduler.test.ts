import { defaultConcurrency, NOT_ATTEMPTED, schedule, waves } from "../../scripts/lib/scheduler";

interface Item {
  readonly name: string;
  readonly dependencies: readonly string[];
}

const item = (name: string, ...dependencies: string[]): Item => ({ name, dependencies });

/** A diamond with a tail: net -> (cluster, data) -> platform; edge alone. */
const ESTATE = [
  item("platform", "cluster", "data"),
  item("data", "net", "cluster"),
  item("cluster", "net"),
  item("net"),
  item("edge"),
];

/** Runs the items, recording start and end order and the most that ran at once. */
async function run(items: readonly Item[], concurrency: number, fail: readonly string[] = []) {
  const events: string[] = [];
  let running = 0;
  let most = 0;
  const outcomes = await schedule(
    items,
    concurrency,
    async (i) => {
      events.push(`start ${i.name}`);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      events.push(`end ${i.name}`);
      return { name: i.name, status: fail.includes(i.name) ? "failed" : "ok" };
    },
    (i, upstream) => ({ name: i.name, status: NOT_ATTEMPTED, upstream }),
  );
  return { events, most, outcomes };
}

describe("waves", () => {
  it("layers items so each comes after everything it depends on", () => {
    expect(waves(ESTATE).map((w) => w.map((i) => i.name))).toEqual([
      ["net", "edge"],
      ["cluster"],
      ["data"],
      ["platform"],
    ]);
  });

  it("ignores dependencies outside the selection", () => {
    expect(waves([item("data", "net", "cluster")]).map((w) => w.map((i) => i.name))).toEqual([["data"]]);
  });

  it("names the members of a cycle", () => {
    expect(() => waves([item("a", "b"), item("b", "a"), item("c")])).toThrow("dependency cycle between a, b");
  });
});

describe("schedule", () => {
  it("starts every item after all of its dependencies ended", async () => {
    const { events, outcomes } = await run(ESTATE, 4);
    for (const i of ESTATE) {
      for (const d of i.dependencies) {
        expect(events.indexOf(`start ${i.name}`)).toBeGreaterThan(events.indexOf(`end ${d}`));
      }
    }
    expect(outcomes.map((o) => o.name)).toEqual(ESTATE.map((i) => i.name));
    expect(outcomes.every((o) => o.status === "ok")).toBe(true);
  });

  it("never runs more than the concurrency at once, and uses it", async () => {
    const many = Array.from({ length: 8 }, (_, n) => item(`s${n}`));
    expect((await run(many, 3)).most).toBe(3);
    expect((await run(many, 1)).most).toBe(1);
  });

  it("does not attempt the dependants of a failure, transitively, and lets independent items run", async () => {
    const { outcomes, events } = await run(ESTATE, 2, ["cluster"]);
    const status = Object.fromEntries(outcomes.map((o) => [o.name, o.status]));
    expect(status).toEqual({
      net: "ok",
      edge: "ok",
      cluster: "failed",
      data: NOT_ATTEMPTED,
      platform: NOT_ATTEMPTED,
    });
    expect(outcomes.find((o) => o.name === "data")).toMatchObject({ upstream: "cluster" });
    expect(events).not.toContain("start data");
    expect(events).not.toContain("start platform");
  });

  it("lets a running item finish when another fails", async () => {
    const { outcomes, events } = await run([item("slow"), item("bad"), item("after-bad", "bad")], 2, ["bad"]);
    expect(events).toContain("end slow");
    expect(outcomes.map((o) => o.status)).toEqual(["ok", "failed", NOT_ATTEMPTED]);
  });

  it("refuses a cycle before running anything", async () => {
    await expect(run([item("a", "b"), item("b", "a")], 2)).rejects.toThrow("dependency cycle");
  });

  it("defaults to the core count", () => {
    expect(defaultConcurrency()).toBe(require("node:os").availableParallelism());
  });
});
