import { type PolicyEnvironment, placeStacks } from "../../policies/placement";

const env = (name: string, over: Partial<PolicyEnvironment> = {}): PolicyEnvironment => ({
  name,
  project: "plataforma",
  tier: name === "production" ? "production" : "development",
  account: { name: `plataforma-${name}` },
  regions: { "sa-east-1": {} },
  residency: { personalDataRegions: ["sa-east-1", "us-east-1"] },
  ...over,
});

describe("placeStacks", () => {
  it("places layer stacks in their environment and bootstrap stacks in their account", () => {
    const { contexts } = placeStacks(
      [env("dev"), env("production")],
      ["dev-sa-east-1-network", "bootstrap-plataforma-production", "stray"],
    );
    expect(contexts.get("dev-sa-east-1-network")).toEqual({
      environment: "dev",
      project: "plataforma",
      tier: "development",
      personalDataRegions: ["sa-east-1", "us-east-1"],
      budgetStack: "bootstrap-plataforma-dev",
    });
    expect(contexts.get("bootstrap-plataforma-production")?.environment).toBe("production");
    expect(contexts.has("stray")).toBe(false);
  });

  it("a shared bootstrap stack takes the strictest tier and only regions every environment allows", () => {
    const shared = { account: { name: "shared" } };
    const { contexts } = placeStacks(
      [env("dev", { ...shared, residency: { personalDataRegions: ["sa-east-1"] } }), env("production", shared)],
      ["bootstrap-shared"],
    );
    expect(contexts.get("bootstrap-shared")).toMatchObject({ tier: "production", personalDataRegions: ["sa-east-1"] });
  });

  it("places a stack in the environment it is named after when names share a prefix", () => {
    const { contexts } = placeStacks([env("prod"), env("prod-eu")], ["prod-eu-sa-east-1-data"]);
    expect(contexts.get("prod-eu-sa-east-1-data")?.environment).toBe("prod-eu");
  });

  it("leaves unplaced a stack that starts with an environment's name but is none of its stacks", () => {
    const stray = ["prod-eu-sa-east-1-data", "prod-us-east-1-network", "prod-sa-east-1-extra"];
    const { contexts } = placeStacks([env("prod")], stray);
    expect([...contexts.keys()]).toEqual([]);
  });

  it("scopes config suppressions to the environment's stacks and its bootstrap", () => {
    const s = { ruleId: "DP-S3-ACCESS-LOGGING", resource: "aws_s3_bucket.x", reason: "because of a good reason" };
    const { suppressions } = placeStacks(
      [env("dev", { policies: { suppressions: [s] } }), env("production")],
      ["dev-sa-east-1-data", "production-sa-east-1-data", "bootstrap-plataforma-dev"],
    );
    expect(suppressions).toEqual([
      { ...s, source: "config dev", stacks: ["dev-sa-east-1-data", "bootstrap-plataforma-dev"] },
    ]);
  });
});
