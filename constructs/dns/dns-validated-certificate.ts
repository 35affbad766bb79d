import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";
import type { PublicZone } from "./public-zone";

/** TTL of the validation CNAMEs: ACM polls them, nobody else reads them. */
export const VALIDATION_RECORD_TTL_SECONDS = 60;

/** Properties of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateProps {
  /** The certificate's primary name; must sit in `zone`. */
  readonly domainName: string;
  /** More names, each in `zone`. @default [] */
  readonly subjectAlternativeNames?: readonly string[];
  /** The hosted zone that receives the validation records. */
  readonly zone: PublicZone;
  /**
   * Provider of the region the certificate lives in (us-east-1 for CloudFront).
   * @default - the scope's default provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An ACM certificate validated by DNS in a Route 53 zone: the validation records are
 * created from the certificate's own `domain_validation_options` (keyed by domain name,
 * so adding a name adds a record rather than shifting indexes) and
 * `aws_acm_certificate_validation` waits for issuance. Renewals reuse the records.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { DnsValidatedCertificate, type PublicZone } from "@plataforma/infra/constructs/dns";
 *
 * declare const zone: PublicZone; // aws.example.com
 * declare const usEast1: AwsProvider;
 *
 * const certificate = new DnsValidatedCertificate(stack, "modules-certificate", {
 *   domainName: "modules.aws.example.com",
 *   subjectAlternativeNames: ["static.aws.example.com"],
 *   zone,
 *   provider: usEast1, // CloudFront takes certificates from us-east-1 only
 * });
 * ```
 */
export class DnsValidatedCertificate extends Construct {
  /** The certificate. */
  readonly certificate: AcmCertificate;
  /** Completes when ACM issued the certificate; use `validation.certificateArn` downstream. */
  readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const zoneName = props.zone.zoneName;
    const outside = (name: string) => name !== zoneName && !name.endsWith(`.${zoneName}`);
    const sans = props.subjectAlternativeNames ?? [];
    throwIfInvalid(
      this,
      [
        ...(outside(props.domainName) ? [{ prop: "domainName", received: props.domainName }] : []),
        ...(sans.some(outside) ? [{ prop: "subjectAlternativeNames", received: sans.filter(outside) }] : []),
      ].map((p) => ({
        ...p,
        message: `is not in zone ${zoneName}, so DNS validation records cannot be created there`,
        fix: `use names under ${zoneName}`,
      })),
    );
    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames ? [...props.subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      provider: props.provider,
      // A replacement certificate must be issued before the old one is detached.
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: props.zone.zone.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: VALIDATION_RECORD_TTL_SECONDS,
      // A name and its wildcard share one validation record.
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: this.certificate.arn,
      provider: props.provider,
      dependsOn: [records],
    });
  }
}
