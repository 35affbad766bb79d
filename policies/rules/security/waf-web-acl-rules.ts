import { resourcesOf } from "../../lib/stack";
import { block, isTrue, show } from "../../lib/values";
import { wafRules } from "../../lib/waf";
import type { StackCheck, Violation } from "../../types";

/** Every web ACL runs at least one managed rule group and publishes CloudWatch metrics. */
export const wafWebAclRules: StackCheck = (stack) =>
  resourcesOf(stack, "aws_wafv2_web_acl").flatMap((acl): Violation[] => {
    const problems: string[] = [];
    const read = wafRules(acl);
    if ("unreadable" in read) problems.push(`cannot read the rules: ${read.unreadable}`);
    else if (!read.rules.some((r) => r.managedGroup !== undefined))
      problems.push("no rule runs a managed rule group (an ACL with no rules and default allow blocks nothing)");
    const metrics = block(acl.values.visibility_config)?.cloudwatch_metrics_enabled;
    if (!isTrue(metrics)) problems.push(`visibility_config.cloudwatch_metrics_enabled is ${show(metrics)}`);
    return problems.length > 0 ? [{ address: acl.address, message: problems.join("; ") }] : [];
  });
