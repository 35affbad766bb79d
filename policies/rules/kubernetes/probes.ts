import { containers, workloads } from "../../lib/kubernetes";
import type { StackCheck, Violation } from "../../types";

/**
 * Containers of long-running workloads (Deployment, StatefulSet, DaemonSet, Pod) declare
 * liveness and readiness probes: without readiness, traffic reaches pods that cannot serve;
 * without liveness, a hung process is never restarted. Init containers and jobs are exempt.
 */
export const probes: StackCheck = (stack) =>
  workloads(stack)
    .filter((w) => w.longRunning)
    .flatMap(containers)
    .filter((c) => !c.init)
    .flatMap((c): Violation[] => {
      const missing = ["liveness_probe", "readiness_probe"].filter((k) => c.values[k] === undefined);
      return missing.length === 0
        ? []
        : [{ address: c.workload.resource.address, message: `container ${c.name}: no ${missing.join(", ")}` }];
    });
