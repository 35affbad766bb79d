import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Types that probe an endpoint; CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL aggregate others. */
const ENDPOINT_TYPES = ["HTTP", "HTTP_STR_MATCH", "HTTPS", "HTTPS_STR_MATCH", "TCP"];

/** Endpoint health checks probe over HTTPS, on a path, and fail after at most 3 misses. */
export const route53HealthCheckHttps: StackCheck = (stack) =>
  resourcesOf(stack, "aws_route53_health_check").flatMap((check): Violation[] => {
    const type = String(check.values.type);
    if (!ENDPOINT_TYPES.includes(type))
      return check.values.type === undefined ? [{ address: check.address, message: "type is unset" }] : [];
    const problems: string[] = [];
    if (!type.startsWith("HTTPS"))
      problems.push(`type is ${show(check.values.type)} (the check cannot see TLS or certificate failures)`);
    if (type !== "TCP" && check.values.resource_path === undefined)
      problems.push('resource_path is unset (probes "/", not a health endpoint)');
    const threshold = literalNumber(check.values.failure_threshold) ?? 3;
    if (threshold > 3) problems.push(`failure_threshold is ${threshold}; failover waits too long`);
    return problems.length > 0 ? [{ address: check.address, message: problems.join("; ") }] : [];
  });
