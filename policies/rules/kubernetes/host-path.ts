import { helmSettingCheck } from "../../lib/helm";
import { workloads } from "../../lib/kubernetes";
import { blocks } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const helm = helmSettingCheck((s) =>
  /(^|\.)hostPath(\.|$)/.test(s.path) ? `mounts a hostPath (${String(s.value)})` : undefined,
);

/** No pod mounts a path of the node (`host_path` volumes): the node's files, sockets and credentials. */
export const hostPath: StackCheck = (stack) => [
  ...workloads(stack).flatMap((w): Violation[] =>
    blocks(w.pod.volume)
      .filter((v) => v.host_path !== undefined)
      .map((v) => ({ address: w.resource.address, message: `volume ${String(v.name ?? "?")} is a host_path` })),
  ),
  ...helm(stack),
];
