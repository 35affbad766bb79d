import { publicZones, zoneCompanions } from "../../lib/route53";
import type { StackCheck, Violation } from "../../types";

/**
 * Public hosted zones log their DNS queries (`aws_route53_query_log`): reconnaissance and
 * abuse show up there first.
 */
export const route53QueryLogging: StackCheck = (stack) =>
  publicZones(stack).flatMap((zone): Violation[] =>
    zoneCompanions(stack, zone, "aws_route53_query_log", "zone_id").length > 0
      ? []
      : [{ address: zone.address, message: "no aws_route53_query_log points at the zone" }],
  );
