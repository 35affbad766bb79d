import { resourcesOf } from "../../lib/stack";
import { wafRules } from "../../lib/waf";
import type { StackCheck, Violation } from "../../types";

const KNOWN_BAD_INPUTS = "AWS/AWSManagedRulesKnownBadInputsRuleSet";

/**
 * Every web ACL runs AWS's Known Bad Inputs group (which carries the Log4Shell rules,
 * `Log4JRCE_*`) in blocking mode: the group's override is not count and none of its
 * Log4J rules is overridden to count.
 */
export const wafLog4j: StackCheck = (stack) =>
  resourcesOf(stack, "aws_wafv2_web_acl").flatMap((acl): Violation[] => {
    const read = wafRules(acl);
    if ("unreadable" in read) return [{ address: acl.address, message: `cannot read the rules: ${read.unreadable}` }];
    const group = read.rules.find((r) => r.managedGroup === KNOWN_BAD_INPUTS);
    if (!group) return [{ address: acl.address, message: "no rule runs AWSManagedRulesKnownBadInputsRuleSet" }];
    if (group.overrideAction === "count")
      return [{ address: acl.address, message: `rule ${group.name} runs the group in count mode (nothing blocked)` }];
    const counted = group.countedInGroup.filter((name) => /^Log4JRCE/i.test(name));
    return counted.length === 0
      ? []
      : [{ address: acl.address, message: `rule ${group.name} overrides ${counted.join(", ")} to count` }];
  });
