import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { DnsValidatedCertificate } from "../../../constructs/dns/dns-validated-certificate";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { type StackJson, valuesOf } from "../../helpers";

function synth(domainName: string, sans?: string[]): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
      const zone = new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" });
      new DnsValidatedCertificate(scope, "certificate", { domainName, subjectAlternativeNames: sans, zone, provider });
    }),
  ) as StackJson;
}

describe("DnsValidatedCertificate", () => {
  const json = synth("modules.aws.plataforma.app");

  it("requests a DNS-validated certificate in the given provider's region, replaced before destroy", () => {
    expect(valuesOf(json, "aws_acm_certificate")[0]).toMatchObject({
      domain_name: "modules.aws.plataforma.app",
      validation_method: "DNS",
      provider: "aws.us-east-1",
      lifecycle: { create_before_destroy: true },
    });
  });

  it(
    "creates validation records from domain_validation_options keyed by domain name, " +
      "and waits for issuance after them",
    () => {
      const [record] = valuesOf(json, "aws_route53_record");
      expect(record.for_each).toMatch(
        /for key, val in tolist\(aws_acm_certificate\.\w+\.domain_validation_options\): val\.domain_name => val/,
      );
      expect(record).toMatchObject({
        name: "${each.value.resource_record_name}",
        type: "${each.value.resource_record_type}",
        allow_overwrite: true,
        ttl: 60,
      });
      const [validation] = valuesOf(json, "aws_acm_certificate_validation");
      expect(validation).toMatchObject({ provider: "aws.us-east-1" });
      expect(validation.depends_on).toEqual([
        expect.stringMatching(/^aws_route53_record\.certificate_validation-record_\w+$/),
      ]);
    },
  );

  it("passes subject alternative names through", () => {
    expect(
      valuesOf(synth("modules.aws.plataforma.app", ["*.aws.plataforma.app"]), "aws_acm_certificate")[0]
        .subject_alternative_names,
    ).toEqual(["*.aws.plataforma.app"]);
  });

  it("fails when a name is outside the zone", () => {
    expect(() => synth("modules.aws.plataforma.app", ["cdn.example.com"])).toThrow(
      /subjectAlternativeNames: is not in zone aws.plataforma.app.*\(received: \["cdn.example.com"\]\)/,
    );
  });
});
