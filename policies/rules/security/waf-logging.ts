import { companions, resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/** Every web ACL has a logging configuration pointing at it (`resource_arn = ${aws_wafv2_web_acl.x.arn}`). */
export const wafLogging: StackCheck = (stack) =>
  resourcesOf(stack, "aws_wafv2_web_acl").flatMap((acl): Violation[] =>
    companions(stack, acl, "aws_wafv2_web_acl_logging_configuration", "resource_arn", "arn").length > 0
      ? []
      : [{ address: acl.address, message: "no aws_wafv2_web_acl_logging_configuration points at this ACL" }],
  );
