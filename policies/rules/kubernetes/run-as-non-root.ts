import { helmSettingCheck } from "../../lib/helm";
import { allContainers, containerContext, label, podContext } from "../../lib/kubernetes";
import { isFalse, isTrue, literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const helm = helmSettingCheck(
  (s) => {
    if (s.leaf === "runAsUser" && literalNumber(s.value) === 0) return "runAsUser is 0 (root)";
    if (s.leaf === "runAsNonRoot" && isFalse(s.value)) return "runAsNonRoot is false";
    return undefined;
  },
  ["runAsUser", "runAsNonRoot"],
);

/**
 * Every container must run as non-root: `run_as_non_root = true` on the container or its
 * pod (the container wins), and no `run_as_user = 0` on either. Helm values never ask for root.
 */
export const runAsNonRoot: StackCheck = (stack) => [
  ...allContainers(stack).flatMap((c): Violation[] => {
    const own = containerContext(c);
    const pod = podContext(c.workload);
    const nonRoot = own?.run_as_non_root ?? pod?.run_as_non_root;
    const user = own?.run_as_user ?? pod?.run_as_user;
    const problems: string[] = [];
    if (!isTrue(nonRoot)) problems.push(`run_as_non_root is ${show(nonRoot)}`);
    if (user !== undefined && literalNumber(user) === 0) problems.push("run_as_user is 0 (root)");
    return problems.length === 0
      ? []
      : [{ address: c.workload.resource.address, message: `${label(c)}: ${problems.join("; ")}` }];
  }),
  ...helm(stack),
];
