import { resourcesOf } from "../../lib/stack";
import { block, isFalse } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** HTTP(S) target groups probe an explicit health path, so traffic leaves unhealthy targets. */
export const lbTargetGroupHealthCheck: StackCheck = (stack) =>
  resourcesOf(stack, "aws_lb_target_group", "aws_alb_target_group").flatMap((group): Violation[] => {
    const check = block(group.values.health_check);
    if (isFalse(check?.enabled)) return [{ address: group.address, message: "health_check.enabled is false" }];
    const protocol = String(group.values.protocol ?? "HTTP");
    if (!protocol.startsWith("HTTP")) return [];
    return check?.path !== undefined
      ? []
      : [
          {
            address: group.address,
            message: 'health_check.path is unset (probes "/", which rarely reflects readiness)',
          },
        ];
  });
