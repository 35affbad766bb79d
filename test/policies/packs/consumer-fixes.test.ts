/**
 * The packs' texts reach two audiences: this repository's synth and a project calling
 * `checkApp` on its own app, which has neither this repository's stacks nor its config.
 */
import * as monitoring from "../../../constructs/monitoring";
import { ALL_PACKS } from "../../../policies/packs/all";
import type { PackRule } from "../../../policies/types";

/** Things only this repository has: its stack classes and folders, its config and its CLI flag. */
const REPOSITORY_ONLY = /stacks\/|BaseStack|BootstrapStack|--env\b|environments\/|residency\.personalDataRegions/;

const rules: readonly PackRule[] = ALL_PACKS.flatMap((pack) => pack.rules);
const rule = (id: string): PackRule => {
  const found = rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

describe("pack texts a project using the library can act on", () => {
  it("name a repository-only class, path or flag only as this repository's way, beside the library's", () => {
    const texts = rules.flatMap((r) => [r.title, r.why, r.fix].map((text) => ({ id: r.id, text })));
    const offenders = texts.filter(({ text }) => REPOSITORY_ONLY.test(text) && !text.includes("this repository"));
    expect(offenders).toEqual([]);
    expect(ALL_PACKS.filter((pack) => REPOSITORY_ONLY.test(pack.description)).map((p) => p.name)).toEqual([]);
  });

  it.each([
    ["TAG-REQUIRED", ["defaultTags", "AwsProvider"]],
    ["TAG-ENVIRONMENT-MATCH", ["defaultTags", "context.environment"]],
    ["COST-BUDGET", ["MonthlyBudget", "@plataforma/infra/constructs/monitoring", "context.budgetStack"]],
    ["MON-RESOURCE-ALARMED", ["AlarmAspect", "@plataforma/infra/constructs/monitoring", "optOutOfAlarms"]],
    ["MON-ALARM-ACTION-TOPIC", ["AlarmTopics", "AlarmAspect", "context.project", "context.environment"]],
    ["RES-PERSONAL-DATA-REGION", ["context.personalDataRegions"]],
  ])("%s's fix names what a checkApp caller uses: %j", (id, terms) => {
    for (const term of terms) expect(rule(id).fix).toContain(term);
  });

  it("name library exports that exist in @plataforma/infra/constructs/monitoring", () => {
    const named = new Set(
      rules.flatMap((r) => r.fix.match(/\b(AlarmAspect|AlarmTopics|MonthlyBudget|optOutOfAlarms)\b/g) ?? []),
    );
    expect([...named].sort()).toEqual(["AlarmAspect", "AlarmTopics", "MonthlyBudget", "optOutOfAlarms"]);
    for (const name of named) expect(monitoring).toHaveProperty(name);
  });
});
