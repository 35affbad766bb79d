import { resourcesOf } from "../../lib/stack";
import { block, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** PRIMARY failover records carry a health check: without one Route 53 never fails over. */
export const route53FailoverHealthCheck: StackCheck = (stack) =>
  resourcesOf(stack, "aws_route53_record").flatMap((record): Violation[] => {
    const policy = block(record.values.failover_routing_policy);
    if (!policy) return [];
    if (policy.type !== "PRIMARY" && policy.type !== "SECONDARY")
      return [{ address: record.address, message: `failover_routing_policy.type is ${show(policy.type)}` }];
    if (policy.type === "SECONDARY") return [];
    const check = record.values.health_check_id;
    return typeof check === "string" && check.length > 0
      ? []
      : [{ address: record.address, message: "PRIMARY failover record has no health_check_id" }];
  });
