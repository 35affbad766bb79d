/**
 * The plan-mode drill's invariants on real synthesized estates: a region failover must
 * drain the primary (dr.failedOverTo), fail-back must leave nothing drained.
 */
import { ENVIRONMENTS, loadEnvironment, parseEnvironment } from "../../../environments";
import { checkPlanDrill, failedOverConfig, failedOverInput } from "../../../scripts/dr/plan-drill";
import { synthesizeEstates } from "../../../scripts/dr/synth";

const env = loadEnvironment("staging");
const input = ENVIRONMENTS.staging;
const estate = (config: typeof env) => synthesizeEstates([config]).get(config.name) ?? [];
const current = estate(env);
const failedOver = failedOverConfig(input, env, "region-failover");
const failedOverEstate = estate(failedOver);
const invariant = (result: ReturnType<typeof checkPlanDrill>, id: string) => result.invariants.find((i) => i.id === id);

describe("checkPlanDrill", () => {
  it("a region failover drains sa-east-1: health check inverted, traffic on us-east-1", () => {
    expect(failedOver.dr.failedOverTo).toBe("us-east-1");
    const result = checkPlanDrill(env, failedOver, "region-failover", current, failedOverEstate);
    expect(result.ok).toBe(true);
    expect(invariant(result, "public-names")?.detail).toMatch(/drained: api-sa-east-1\.staging\.plataforma\.app$/);
  });

  it("fails public-names when the variant scales capacity but leaves the primary serving", () => {
    const undrained = failedOverInput(input, "sa-east-1", "us-east-1", "db-switchover");
    const variant = parseEnvironment(undrained, "variant without failedOverTo");
    const result = checkPlanDrill(env, variant, "region-failover", current, estate(variant));
    expect(result.ok).toBe(false);
    expect(invariant(result, "public-names")).toMatchObject({
      ok: false,
      detail: "sa-east-1 is not drained (health check inverted: none; pools disabled: none)",
    });
    expect(invariant(result, "capacity")?.ok).toBe(true);
  });

  it("fail-back from the failed-over estate clears the drain and keeps stateful resources", () => {
    const result = checkPlanDrill(env, env, "fail-back", failedOverEstate, current);
    expect(result.invariants.map((i) => [i.id, i.ok])).toEqual([
      ["no-stateful-change", true],
      ["capacity", true],
      ["public-names", true],
    ]);
    expect(result.changedStacks).toContain("staging-global-edge");
  });
});
