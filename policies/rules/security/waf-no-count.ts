import { resourcesOf } from "../../lib/stack";
import { wafRules } from "../../lib/waf";
import type { StackCheck, Violation } from "../../types";

/** No web ACL rule only counts: a rule (or rule group override) in count mode blocks nothing. */
export const wafNoCount: StackCheck = (stack) =>
  resourcesOf(stack, "aws_wafv2_web_acl").flatMap((acl): Violation[] => {
    const read = wafRules(acl);
    if ("unreadable" in read) return [{ address: acl.address, message: `cannot read the rules: ${read.unreadable}` }];
    const counting = read.rules.filter((r) => r.action === "count" || r.overrideAction === "count");
    return counting.map((r) => ({ address: acl.address, message: `rule ${r.name} is in count mode (blocks nothing)` }));
  });
