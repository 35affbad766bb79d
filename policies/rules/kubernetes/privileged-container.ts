import { helmSettingCheck } from "../../lib/helm";
import { allContainers, containerContext, label } from "../../lib/kubernetes";
import { isExpression, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const helm = helmSettingCheck(
  (s) => (s.leaf === "privileged" && isTrue(s.value) ? "privileged is true" : undefined),
  ["privileged"],
);

/** No container runs privileged (every device and capability of the host), in workloads or Helm values. */
export const privilegedContainer: StackCheck = (stack) => [
  ...allContainers(stack).flatMap((c): Violation[] => {
    const value = containerContext(c)?.privileged;
    return isTrue(value) || isExpression(value)
      ? [{ address: c.workload.resource.address, message: `${label(c)}: privileged is ${show(value)}` }]
      : [];
  }),
  ...helm(stack),
];
