import { helmSettingCheck, leaf } from "../../lib/helm";
import { workloads } from "../../lib/kubernetes";
import { isExpression, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const FLAGS = { host_network: "hostNetwork", host_pid: "hostPID", host_ipc: "hostIPC" } as const;

const helm = helmSettingCheck((s) =>
  (Object.values(FLAGS) as string[]).includes(leaf(s.path)) && isTrue(s.value) ? `${leaf(s.path)} is true` : undefined,
);

/** No pod shares the node's network, PID or IPC namespace, in workloads or Helm values. */
export const hostNamespaces: StackCheck = (stack) => [
  ...workloads(stack).flatMap((w): Violation[] => {
    const shared = Object.keys(FLAGS).filter((key) => isTrue(w.pod[key]) || isExpression(w.pod[key]));
    return shared.length === 0
      ? []
      : [{ address: w.resource.address, message: shared.map((k) => `${k} is ${show(w.pod[k])}`).join("; ") }];
  }),
  ...helm(stack),
];
