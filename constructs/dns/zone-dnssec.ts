import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import type { PublicZone } from "./public-zone";

/** Region Route 53 DNSSEC requires the key-signing KMS key in. */
export const DNSSEC_KEY_REGION = "us-east-1";

/** Properties of {@link ZoneDnssec}. */
export interface ZoneDnssecProps {
  /** The zone to sign. */
  readonly zone: PublicZone;
  /** Account owning the zone and the key (key policy conditions). */
  readonly accountId: string;
  /** Name of the key-signing key: 3-128 letters, digits and underscores. */
  readonly keySigningKeyName: string;
  /** A provider for us-east-1: Route 53 only uses KMS keys from there. */
  readonly provider: AwsProvider;
}

/**
 * DNSSEC signing of a public zone: an asymmetric ECC_NIST_P256 KMS key in us-east-1 with the
 * key policy Route 53 needs (its DNSSEC service may read the public key and sign, only for
 * this account's hosted zones), a key-signing key, and signing turned on. Resolvers validate
 * answers once the parent zone publishes {@link ZoneDnssec.dsRecord}; until then signing is
 * harmless. The key refuses destroy: deleting it while the parent holds the DS record makes
 * the zone fail validation everywhere.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { type PublicZone, ZoneDnssec } from "@plataforma/infra/constructs/dns";
 *
 * declare const zone: PublicZone;
 * declare const usEast1: AwsProvider; // Route 53 DNSSEC keys live in us-east-1
 *
 * const dnssec = new ZoneDnssec(stack, "dnssec", {
 *   zone,
 *   accountId: "123456789012",
 *   keySigningKeyName: "orders",
 *   provider: usEast1,
 * });
 * ```
 */
export class ZoneDnssec extends Construct {
  /** The signing key (asymmetric keys do not rotate; rotate by adding a new key-signing key). */
  readonly key: KmsKey;
  /** The key-signing key. */
  readonly keySigningKey: Route53KeySigningKey;
  /** Signing of the zone. */
  readonly dnssec: Route53HostedZoneDnssec;

  constructor(scope: Construct, id: string, props: ZoneDnssecProps) {
    super(scope, id);
    throwIfInvalid(
      this,
      /^\w{3,128}$/.test(props.keySigningKeyName)
        ? []
        : [
            {
              prop: "keySigningKeyName",
              message: "must be 3-128 letters, digits and underscores",
              received: props.keySigningKeyName,
              fix: 'use e.g. "orders_production_ksk"',
            },
          ],
    );
    const account = props.accountId;
    const zoneScope = {
      StringEquals: { "aws:SourceAccount": account },
      ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/*" },
    };
    this.key = new KmsKey(this, "key", {
      description: `DNSSEC key-signing key of ${props.zone.zoneName}`,
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      deletionWindowInDays: 30,
      policy: renderPolicy([
        {
          Sid: "AccountAdministration",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "Route53DnssecSigning",
          Effect: "Allow",
          Principal: { Service: "dnssec-route53.amazonaws.com" },
          Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
          Resource: "*",
          Condition: zoneScope,
        },
        {
          Sid: "Route53DnssecGrants",
          Effect: "Allow",
          Principal: { Service: "dnssec-route53.amazonaws.com" },
          Action: "kms:CreateGrant",
          Resource: "*",
          Condition: { ...zoneScope, Bool: { "kms:GrantIsForAWSResource": true } },
        },
      ]),
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.keySigningKey = new Route53KeySigningKey(this, "ksk", {
      name: props.keySigningKeyName,
      hostedZoneId: props.zone.zone.zoneId,
      keyManagementServiceArn: this.key.arn,
      status: "ACTIVE",
    });
    // The zone's own id (not the key's attribute) so readers of the JSON see which zone is
    // signed; the dependency keeps signing after the key exists.
    this.dnssec = new Route53HostedZoneDnssec(this, "signing", {
      hostedZoneId: props.zone.zone.zoneId,
      signingStatus: "SIGNING",
      dependsOn: [this.keySigningKey],
    });
  }

  /** The DS record to publish in the parent zone (registrar or Cloudflare). */
  get dsRecord(): string {
    return this.keySigningKey.dsRecord;
  }
}
