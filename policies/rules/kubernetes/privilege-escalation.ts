import { helmSettingCheck } from "../../lib/helm";
import { allContainers, containerContext, label } from "../../lib/kubernetes";
import { isFalse, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const helm = helmSettingCheck(
  (s) => (s.leaf === "allowPrivilegeEscalation" && isTrue(s.value) ? "allowPrivilegeEscalation is true" : undefined),
  ["allowPrivilegeEscalation"],
);

/**
 * Every container sets `allow_privilege_escalation = false` (Kubernetes defaults it to true:
 * setuid binaries can gain root); Helm values never set it true.
 */
export const privilegeEscalation: StackCheck = (stack) => [
  ...allContainers(stack).flatMap((c): Violation[] => {
    const value = containerContext(c)?.allow_privilege_escalation;
    return isFalse(value)
      ? []
      : [
          {
            address: c.workload.resource.address,
            message: `${label(c)}: allow_privilege_escalation is ${show(value)}`,
          },
        ];
  }),
  ...helm(stack),
];
