import { publicZones, zoneCompanions } from "../../lib/route53";
import type { StackCheck, Violation } from "../../types";

/**
 * Public hosted zones sign their records with DNSSEC: an `aws_route53_hosted_zone_dnssec`
 * (not set to NOT_SIGNING) and a key-signing key point at the zone, so resolvers can tell
 * a forged answer from ours.
 */
export const route53Dnssec: StackCheck = (stack) =>
  publicZones(stack).flatMap((zone): Violation[] => {
    const dnssec = zoneCompanions(stack, zone, "aws_route53_hosted_zone_dnssec", "hosted_zone_id");
    const ksk = zoneCompanions(stack, zone, "aws_route53_key_signing_key", "hosted_zone_id");
    const problems: string[] = [];
    if (!dnssec.some((d) => d.values.signing_status === undefined || d.values.signing_status === "SIGNING"))
      problems.push("no aws_route53_hosted_zone_dnssec signs the zone");
    if (ksk.length === 0) problems.push("no aws_route53_key_signing_key for the zone");
    return problems.length === 0 ? [] : [{ address: zone.address, message: problems.join("; ") }];
  });
