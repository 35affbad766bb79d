import { allContainers, label } from "../../lib/kubernetes";
import { asObject, block } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every container requests CPU and memory (the scheduler places it) and is limited in CPU
 * and memory (one leaking pod cannot starve the node).
 */
export const resources: StackCheck = (stack) =>
  allContainers(stack).flatMap((c): Violation[] => {
    const r = block(c.values.resources);
    const requests = asObject(block(r?.requests) ?? r?.requests) ?? {};
    const limits = asObject(block(r?.limits) ?? r?.limits) ?? {};
    const missing = [
      ...["cpu", "memory"].filter((k) => requests[k] === undefined).map((k) => `requests.${k}`),
      ...["cpu", "memory"].filter((k) => limits[k] === undefined).map((k) => `limits.${k}`),
    ];
    return missing.length === 0
      ? []
      : [{ address: c.workload.resource.address, message: `${label(c)}: no ${missing.join(", ")}` }];
  });
