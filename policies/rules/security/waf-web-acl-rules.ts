import { resourcesOf } from "../../lib/stack";
import { block, blocks, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** True when a rule (block list or `rule_json`) runs an AWS managed rule group. */
function hasManagedGroup(rules: unknown, ruleJson: unknown): boolean {
  if (typeof ruleJson === "string" && ruleJson.includes("ManagedRuleGroupStatement")) return true;
  return blocks(rules).some((r) => blocks(r.statement).some((s) => s.managed_rule_group_statement !== undefined));
}

/** Every web ACL runs at least one managed rule group and publishes CloudWatch metrics. */
export const wafWebAclRules: StackCheck = (stack) =>
  resourcesOf(stack, "aws_wafv2_web_acl").flatMap((acl): Violation[] => {
    const problems: string[] = [];
    if (!hasManagedGroup(acl.values.rule, acl.values.rule_json))
      problems.push("no rule runs a managed rule group (an ACL with no rules and default allow blocks nothing)");
    const metrics = block(acl.values.visibility_config)?.cloudwatch_metrics_enabled;
    if (!isTrue(metrics)) problems.push(`visibility_config.cloudwatch_metrics_enabled is ${show(metrics)}`);
    return problems.length > 0 ? [{ address: acl.address, message: problems.join("; ") }] : [];
  });
