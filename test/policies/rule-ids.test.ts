/**
 * contracts/rule-ids.ts lets config validation refuse a suppression of an unknown rule
 * without loading the packs; it must list exactly the packs' rules.
 */
import { RULE_IDS } from "../../contracts/rule-ids";
import { ALL_PACKS } from "../../policies/packs/all";

describe("RULE_IDS", () => {
  it("lists every rule of the packs, sorted, once", () => {
    const ids = ALL_PACKS.flatMap((pack) => pack.rules.map((rule) => rule.id)).sort();
    expect(RULE_IDS).toEqual(ids);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });
});
