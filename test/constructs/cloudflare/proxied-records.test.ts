import { Testing } from "cdktf";
import { ProxiedRecords, type ProxiedRecordsProps } from "../../../constructs/cloudflare/proxied-records";
import { type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const zone = { zoneId: "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b", zoneName: "plataforma.app" };

function synth(records: ProxiedRecordsProps["records"]): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new ProxiedRecords(scope, "records", { ...zone, records })),
  ) as StackJson;
}

describe("ProxiedRecords", () => {
  it("writes fully qualified names, proxied with automatic TTL by default, DNS-only with a real TTL when asked", () => {
    const json = synth({
      "@": { type: "A", content: "76.76.21.21" },
      www: { type: "CNAME", content: "plataforma.app" },
      status: { type: "CNAME", content: "status.example.com", proxied: false },
    });
    const byName = Object.fromEntries(valuesOf(json, "cloudflare_dns_record").map((r) => [r.name, r]));
    expect(byName["plataforma.app"]).toMatchObject({ type: "A", content: "76.76.21.21", proxied: true, ttl: 1 });
    expect(byName["www.plataforma.app"]).toMatchObject({ type: "CNAME", proxied: true, ttl: 1 });
    expect(byName["status.plataforma.app"]).toMatchObject({ proxied: false, ttl: 300 });
  });

  it("fails when an A record is not an address or a CNAME not a host name", () => {
    const records = {
      "@": { type: "A", content: "plataforma.app" },
      www: { type: "CNAME", content: "https://x" },
    } as const;
    expect(reported(() => synth(records))).toEqual([
      ["records.@.content", "plataforma.app"],
      ["records.www.content", "https://x"],
    ]);
  });
});
