import { absentFields, missingContext } from "../../../policies/lib/context";

describe("missing-context findings", () => {
  it("name the missing context fields, what goes unchecked, and a fix for checkApp and for this repository", () => {
    expect(missingContext(["personalDataRegions"], "the allowed regions are unknown")).toBe(
      "the stack's context.personalDataRegions is not set, so the allowed regions are unknown (fails closed). " +
        "Fix: pass context.personalDataRegions in checkApp's options.context; this repository's gate sets it " +
        "from the stack's environment config (npm run policy -- --env <name>)",
    );
    expect(missingContext(["project", "budgetStack"], "x")).toMatch(
      /^the stack's context\.project and context\.budgetStack are not set, .*Fix: pass context\.project and /,
    );
  });

  it("finds the absent fields in the order asked, with or without a context", () => {
    expect(absentFields({ environment: "dev" }, ["project", "environment", "budgetStack"])).toEqual([
      "project",
      "budgetStack",
    ]);
    expect(absentFields(undefined, ["environment"])).toEqual(["environment"]);
    expect(absentFields({ environment: "dev", project: "acme" }, ["project", "environment"])).toEqual([]);
  });
});
