/**
 * How the review walks the stacks with main's scheduler, without Terraform: stacks needing
 * providers with no local binary are reported not planned offline (and their dependants
 * treated as reading changed outputs), unaffected stacks are passed over, and the order
 * follows the manifest's dependencies.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localStatePath } from "../../../naming/derived";
import { type SideStack, upstreamReads } from "../../../scripts/lib/review/changes";
import { planAffected } from "../../../scripts/lib/review/plan-stacks";

describe("planAffected over the scheduler", () => {
  const root = mkdtempSync(join(tmpdir(), "review-plan-stacks-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A helm-only stack (never planned offline) reading `vpc_id` from each dependency. */
  function stack(name: string, dependencies: string[]): SideStack {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const remote = Object.fromEntries(
      dependencies.map((d) => [d.replaceAll("-", "_"), { backend: "local", config: { path: localStatePath(d) } }]),
    );
    const reads = Object.fromEntries(
      dependencies.map((d) => [
        `r_${d}`,
        { v: `\${data.terraform_remote_state.${d.replaceAll("-", "_")}.outputs.vpc_id}` },
      ]),
    );
    const json = {
      terraform: { required_providers: { helm: { source: "helm" } } },
      data: { terraform_remote_state: remote },
      resource: { helm_release: reads },
    };
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
    return { name, dir, json, dependencies, providers: ["helm"], awsOnly: false };
  }

  it("skips what it cannot plan offline, plans its readers after it, passes over the rest", async () => {
    const stacks = [stack("dev-app", ["dev-net"]), stack("dev-net", []), stack("dev-other", [])];
    const byName = new Map(stacks.map((s) => [s.name, s]));
    const lines: string[] = [];
    const outcome = await planAffected({
      base: byName,
      head: byName,
      changed: new Map([["dev-net", "changed" as const]]),
      reads: new Map(stacks.map((s) => [s.name, upstreamReads(s, { name: "dev" })])),
      offline: true,
      cliConfig: undefined,
      concurrency: 2,
      workDir: join(root, "work"),
      log: (line) => lines.push(line),
    });
    expect(outcome.planned).toEqual([]);
    expect(outcome.skipped).toEqual([
      {
        name: "dev-net",
        cause: "its synthesized Terraform changed",
        reason: "needs helm: no local provider binary offline (planned online)",
      },
      {
        name: "dev-app",
        cause: "reads changed outputs of dev-net (vpc_id)",
        reason: "needs helm: no local provider binary offline (planned online)",
      },
    ]);
    expect(lines).toEqual([]);
  });
});
