import { Testing } from "cdktf";
import { ZoneDelegation } from "../../../constructs/cloudflare/zone-delegation";
import { type StackJson, valuesOf } from "../../helpers";

const zone = { zoneId: "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b" };

describe("ZoneDelegation", () => {
  it("creates four NS records by position for a Route 53 delegation set", () => {
    const json = JSON.parse(
      Testing.synthScope(
        (scope) =>
          new ZoneDelegation(scope, "delegation", {
            zoneId: zone.zoneId,
            subdomain: "aws.plataforma.app",
            nameServers: ["a", "b", "c", "d"],
          }),
      ),
    ) as StackJson;
    const records = valuesOf(json, "cloudflare_dns_record");
    expect(records).toHaveLength(4);
    expect(
      records.every(
        (r) => r.type === "NS" && r.name === "aws.plataforma.app" && r.proxied === false && r.ttl === 86_400,
      ),
    ).toBe(true);
    expect(records.map((r) => r.content)).toEqual([
      '${element(["a", "b", "c", "d"], 0)}',
      '${element(["a", "b", "c", "d"], 1)}',
      '${element(["a", "b", "c", "d"], 2)}',
      '${element(["a", "b", "c", "d"], 3)}',
    ]);
  });

  it("fails on an implausible name server count", () => {
    const props = { zoneId: zone.zoneId, subdomain: "aws.plataforma.app", nameServers: [], count: 1 };
    expect(() => Testing.synthScope((scope) => new ZoneDelegation(scope, "delegation", props))).toThrow(
      /count: must be an integer from 2 to 8 \(received: 1\)\. Fix: use 4 for Route 53/,
    );
  });
});
