import { effectiveTags, isTaggable } from "../../lib/tags";
import { isExpression } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Cost-allocation tags every taggable resource carries (seed 003). */
const REQUIRED_TAGS = ["Environment", "Service", "Team", "CostCenter"] as const;

/**
 * Every taggable AWS resource carries the required tags, from provider default_tags or its
 * own tags, with literal non-empty values.
 */
export const requiredTags: StackCheck = (stack) =>
  stack.resources.filter(isTaggable).flatMap((r): Violation[] => {
    const tags = effectiveTags(stack, r);
    const missing = REQUIRED_TAGS.filter((key) => typeof tags[key] !== "string" || tags[key] === "");
    const unknown = REQUIRED_TAGS.filter((key) => !missing.includes(key) && isExpression(tags[key]));
    const problems = [
      ...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []),
      ...(unknown.length > 0
        ? [
            `${unknown.join(", ")} ${unknown.length === 1 ? "is an expression" : "are expressions"} unknown at ` +
              `synth time (fails closed)`,
          ]
        : []),
    ];
    return problems.length > 0 ? [{ address: r.address, message: `tags: ${problems.join("; ")}` }] : [];
  });
