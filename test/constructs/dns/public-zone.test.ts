import { Testing } from "cdktf";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { type StackJson, valuesOf } from "../../helpers";

describe("PublicZone", () => {
  it("creates a public zone that refuses destroy and builds names in it", () => {
    let fqdn = "";
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        fqdn = new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" }).fqdn("api");
      }),
    ) as StackJson;
    expect(valuesOf(json, "aws_route53_zone")).toEqual([
      expect.objectContaining({
        name: "aws.plataforma.app",
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      }),
    ]);
    expect(valuesOf(json, "aws_route53_zone")[0].vpc).toBeUndefined();
    expect(fqdn).toBe("api.aws.plataforma.app");
  });

  it("fails on a name that is not a lowercase DNS name", () => {
    expect(() => Testing.synthScope((scope) => new PublicZone(scope, "zone", { zoneName: "Plataforma_App" }))).toThrow(
      /zoneName: is not a lowercase DNS name \(received: "Plataforma_App"\)/,
    );
  });
});
