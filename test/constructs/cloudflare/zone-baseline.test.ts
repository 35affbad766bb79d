import { Testing } from "cdktf";
import { ZoneBaseline } from "../../../constructs/cloudflare/zone-baseline";
import { type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const zoneId = "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b";

function synth(settings?: Record<string, string>): StackJson {
  return JSON.parse(Testing.synthScope((scope) => new ZoneBaseline(scope, "zone", { zoneId, settings }))) as StackJson;
}

function values(json: StackJson): Record<string, unknown> {
  return Object.fromEntries(valuesOf(json, "cloudflare_zone_setting").map((s) => [s.setting_id, s.value]));
}

describe("ZoneBaseline", () => {
  it(
    "strict SSL, TLS 1.2 minimum, always HTTPS, " + "TLS 1.3 and HTTP/3, one resource per setting with a plain value",
    () => {
      expect(values(synth())).toEqual({
        ssl: "strict",
        min_tls_version: "1.2",
        always_use_https: "on",
        automatic_https_rewrites: "on",
        tls_1_3: "on",
        http3: "on",
      });
      expect(valuesOf(synth(), "cloudflare_zone_setting").every((s) => s.zone_id === zoneId)).toBe(true);
    },
  );

  it("merges extra settings and may raise the TLS minimum", () => {
    expect(values(synth({ min_tls_version: "1.3", brotli: "on" }))).toMatchObject({
      min_tls_version: "1.3",
      brotli: "on",
      ssl: "strict",
    });
  });

  it("fails when an override lowers the security floor", () => {
    expect(reported(() => synth({ ssl: "flexible", min_tls_version: "1.0", always_use_https: "off" }))).toEqual([
      ["settings.ssl", "flexible"],
      ["settings.min_tls_version", "1.0"],
      ["settings.always_use_https", "off"],
    ]);
  });
});
