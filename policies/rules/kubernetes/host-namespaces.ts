import { helmSettingCheck } from "../../lib/helm";
import { workloads } from "../../lib/kubernetes";
import { isExpression, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const FLAGS = { host_network: "hostNetwork", host_pid: "hostPID", host_ipc: "hostIPC" } as const;

const HELM_FLAGS: ReadonlySet<string> = new Set(Object.values(FLAGS));

const helm = helmSettingCheck(
  (s) => (HELM_FLAGS.has(s.leaf) && isTrue(s.value) ? `${s.leaf} is true` : undefined),
  [...HELM_FLAGS],
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
