import { cidrContains, cidrsOverlap, defaultSubnetPlan, parseCidr } from "../../../constructs/network/cidr";
import { checkNetworkLayout } from "../../../constructs/network/subnet-plan";

const zones = ["sa-east-1a", "sa-east-1b", "sa-east-1c"];

describe("cidr", () => {
  it("parses canonical blocks and rejects host bits, bad octets and prefixes", () => {
    expect(parseCidr("10.30.0.0/16")).toEqual({ network: 0x0a1e0000, prefix: 16 });
    expect(parseCidr("10.30.0.1/16")).toBeUndefined();
    expect(parseCidr("10.300.0.0/16")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("10.0.0.0")).toBeUndefined();
  });

  it("detects overlap and containment", () => {
    expect(cidrsOverlap("10.0.0.0/16", "10.0.255.0/24")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16")).toBe(false);
    expect(cidrContains("10.0.0.0/16", "10.0.96.0/22")).toBe(true);
    expect(cidrContains("10.0.0.0/16", "10.1.0.0/24")).toBe(false);
  });

  it("carves private /19, public /22 and database /24 subnets from a /16", () => {
    expect(defaultSubnetPlan("10.30.0.0/16", zones)).toEqual({
      private: { "sa-east-1a": "10.30.0.0/19", "sa-east-1b": "10.30.32.0/19", "sa-east-1c": "10.30.64.0/19" },
      public: { "sa-east-1a": "10.30.96.0/22", "sa-east-1b": "10.30.100.0/22", "sa-east-1c": "10.30.104.0/22" },
      database: { "sa-east-1a": "10.30.108.0/24", "sa-east-1b": "10.30.109.0/24", "sa-east-1c": "10.30.110.0/24" },
    });
  });

  it("scales the layout down to a /20 and refuses a VPC too small for it", () => {
    expect(defaultSubnetPlan("10.30.0.0/20", zones)?.database["sa-east-1c"]).toBe("10.30.6.224/28");
    expect(defaultSubnetPlan("10.30.0.0/21", zones)).toBeUndefined();
  });
});

describe("checkNetworkLayout", () => {
  const explicit = defaultSubnetPlan("10.30.0.0/16", zones)!;

  it("accepts the default layout and an explicit valid one", () => {
    expect(checkNetworkLayout("10.30.0.0/16", zones)).toEqual([]);
    expect(checkNetworkLayout("10.30.0.0/16", zones, explicit)).toEqual([]);
  });

  it("fails when a subnet lies outside the VPC", () => {
    const plan = { ...explicit, database: { ...explicit.database, "sa-east-1c": "10.31.0.0/24" } };
    expect(checkNetworkLayout("10.30.0.0/16", zones, plan)).toEqual([
      expect.objectContaining({
        path: ["subnets", "database", "sa-east-1c"],
        message: expect.stringContaining("not inside the VPC block 10.30.0.0/16"),
      }),
    ]);
  });

  it("fails when two subnets overlap", () => {
    const plan = { ...explicit, public: { ...explicit.public, "sa-east-1b": "10.30.0.0/22" } };
    expect(checkNetworkLayout("10.30.0.0/16", zones, plan)[0].message).toMatch(
      /overlaps 10.30.0.0\/19 at subnets.private.sa-east-1a/,
    );
  });

  it("fails when a tier misses a zone", () => {
    const { "sa-east-1c": _dropped, ...two } = explicit.private;
    expect(checkNetworkLayout("10.30.0.0/16", zones, { ...explicit, private: two })[0].path).toEqual([
      "subnets",
      "private",
    ]);
  });

  it("fails for VPC blocks outside /16-/20", () => {
    expect(checkNetworkLayout("10.0.0.0/8", zones)[0].message).toMatch(/is a \/8/);
    expect(checkNetworkLayout("10.0.0.0/24", zones)[0].message).toMatch(/is a \/24/);
  });
});
