import { cidrsOverlap } from "../../constructs/network/cidr";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";

describe("shipped environments", () => {
  it.each(ENVIRONMENT_NAMES)("%s validates", (name) => {
    expect(loadEnvironment(name).name).toBe(name);
  });

  it("production spans three regions with sa-east-1 primary and us-east-1 DR", () => {
    const env = loadEnvironment("production");
    expect(Object.keys(env.regions).sort()).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
    expect(env.primaryRegion).toBe("sa-east-1");
    expect(env.dr.region).toBe("us-east-1");
    expect(env.regions["us-east-1"].role).toBe("dr");
  });

  it("staging has a primary and a pilot-light DR region; dev has one region", () => {
    const staging = loadEnvironment("staging");
    expect(Object.keys(staging.regions)).toHaveLength(2);
    expect(staging.dr).toMatchObject({ strategy: "pilot-light", rpoMinutes: 15, rtoMinutes: 30 });
    expect(Object.keys(loadEnvironment("dev").regions)).toEqual(["sa-east-1"]);
  });

  it("no two regions of any environments share address space", () => {
    const blocks = ENVIRONMENT_NAMES.flatMap((n) =>
      Object.values(loadEnvironment(n).regions).map((r) => r.network.vpcCidr),
    );
    for (let i = 0; i < blocks.length; i++)
      for (let j = 0; j < i; j++) expect(cidrsOverlap(blocks[i], blocks[j])).toBe(false);
  });

  it("an unknown environment name is a config error naming the choices", () => {
    expect(() => loadEnvironment("prod")).toThrow(/no environment named "prod".*dev, staging, production/);
  });
});
