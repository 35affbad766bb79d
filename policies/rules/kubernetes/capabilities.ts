import { helmSettingCheck } from "../../lib/helm";
import { allContainers, containerContext, label } from "../../lib/kubernetes";
import { block, show, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** The one capability the restricted Pod Security Standard lets a container add back. */
const ALLOWED_ADD = ["NET_BIND_SERVICE"];

const helm = helmSettingCheck(
  (s) =>
    /capabilities\.add(\[\d+\])?$/.test(s.path) && typeof s.value === "string" && !ALLOWED_ADD.includes(s.value)
      ? `adds capability ${s.value}`
      : undefined,
  // The path ends in capabilities.add or capabilities.add[i]: its leaf is "add".
  ["add"],
);

/**
 * Every container drops ALL capabilities and adds back at most NET_BIND_SERVICE (the
 * restricted Pod Security Standard); Helm values add nothing else.
 */
export const capabilities: StackCheck = (stack) => [
  ...allContainers(stack).flatMap((c): Violation[] => {
    const caps = block(containerContext(c)?.capabilities);
    const problems: string[] = [];
    if (!strings(caps?.drop).some((d) => d.toUpperCase() === "ALL"))
      problems.push(`capabilities.drop is ${show(caps?.drop)} (expected ["ALL"])`);
    const added = strings(caps?.add).filter((a) => !ALLOWED_ADD.includes(a.toUpperCase()));
    if (added.length > 0) problems.push(`capabilities.add has ${added.join(", ")}`);
    return problems.length === 0
      ? []
      : [{ address: c.workload.resource.address, message: `${label(c)}: ${problems.join("; ")}` }];
  }),
  ...helm(stack),
];
