import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Production load balancers refuse deletion (their DNS names are what CloudFront and Route 53 point at). */
export const lbDeletionProtection: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_lb", "aws_alb").flatMap((lb): Violation[] =>
        isTrue(lb.values.enable_deletion_protection)
          ? []
          : [
              {
                address: lb.address,
                message: `enable_deletion_protection is ${show(lb.values.enable_deletion_protection)}`,
              },
            ],
      );
