import { toStackView } from "../../policies/lib/stack";
import type { Pack, PackRule, StackCheck, StackContext, Violation } from "../../policies/types";

/** One resource of a hand-written fixture: type, logical id, arguments. */
export type Part = readonly [type: string, name: string, values: Record<string, unknown>];

/** Required tags as BaseStack's provider default_tags set them. */
export const DEFAULT_TAGS = {
  Environment: "production",
  Service: "data",
  Team: "platform",
  CostCenter: "CC-PLAT-PRD",
  Project: "plataforma",
};

/** A production stack's context. */
export const PROD: StackContext = {
  environment: "production",
  project: "plataforma",
  tier: "production",
  personalDataRegions: ["sa-east-1", "us-east-1"],
  budgetStack: "bootstrap-plataforma-production",
};

/** A development stack's context (production-only rules stay quiet). */
export const DEV: StackContext = {
  ...PROD,
  environment: "dev",
  tier: "development",
  personalDataRegions: ["sa-east-1"],
  budgetStack: "bootstrap-plataforma-dev",
};

/** Options of {@link tfStack}. */
export interface StackOptions {
  readonly region?: string;
  readonly tags?: Record<string, string>;
  /** Extra aliased AWS providers (`{ alias, region }`). */
  readonly aliases?: readonly { alias: string; region: string }[];
}

/** Hand-written cdktf-shaped JSON: one default AWS provider with default tags, and the parts as resources. */
export function tfStack(parts: readonly Part[], options: StackOptions = {}): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [type, name, values] of parts) resource[type] = { ...(resource[type] ?? {}), [name]: values };
  const tags = options.tags ?? DEFAULT_TAGS;
  return {
    provider: {
      aws: [
        { region: options.region ?? "sa-east-1", default_tags: [{ tags }] },
        ...(options.aliases ?? []).map((a) => ({ ...a, default_tags: [{ tags }] })),
      ],
    },
    resource,
  };
}

/** Runs one check over a fixture. */
export function run(check: StackCheck, json: unknown, context: StackContext | undefined): Violation[] {
  return check(toStackView("fixture-stack", json, context));
}

/** Compliant and non-compliant fixtures of one rule. */
export interface RuleCases {
  /** Fixtures that must produce no violation. */
  readonly ok: readonly { readonly name: string; readonly json: unknown; readonly context?: StackContext }[];
  /** Fixtures that must produce a violation at `address`. */
  readonly bad: readonly {
    readonly name: string;
    readonly json: unknown;
    readonly address: string;
    readonly context?: StackContext;
  }[];
}

/** The stack-scoped rule of a pack with this id. */
function stackRule(pack: Pack, id: string): PackRule & { scope: "stack" } {
  const rule = pack.rules.find((r) => r.id === id);
  if (rule?.scope !== "stack") throw new Error(`no stack rule ${id} in pack ${pack.name}`);
  return rule;
}

/** Declares the compliant/non-compliant tests of every case, and that every stack rule of the pack has cases. */
export function describePack(pack: Pack, cases: Readonly<Record<string, RuleCases>>): void {
  describe(`${pack.name} pack`, () => {
    it("has a compliant and a non-compliant case for every stack rule", () => {
      const stackRules = pack.rules
        .filter((r) => r.scope === "stack")
        .map((r) => r.id)
        .sort();
      expect(Object.keys(cases).sort()).toEqual(stackRules);
      for (const c of Object.values(cases)) {
        expect(c.ok.length).toBeGreaterThan(0);
        expect(c.bad.length).toBeGreaterThan(0);
      }
    });
    for (const [id, c] of Object.entries(cases)) {
      describe(id, () => {
        const rule = stackRule(pack, id);
        it.each(c.ok.map((o) => [o.name, o] as const))("passes: %s", (_name, o) => {
          expect(run(rule.check, o.json, "context" in o ? o.context : PROD)).toEqual([]);
        });
        it.each(c.bad.map((b) => [b.name, b] as const))("fails: %s", (_name, b) => {
          const found = run(rule.check, b.json, "context" in b ? b.context : PROD);
          expect(found.map((v) => v.address)).toContain(b.address);
          expect(found.every((v) => v.message.length > 10)).toBe(true);
        });
      });
    }
  });
}
