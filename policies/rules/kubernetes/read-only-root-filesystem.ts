import { allContainers, containerContext, label } from "../../lib/kubernetes";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every container's root filesystem is read-only (an intruder cannot drop tools; writes go to volumes). */
export const readOnlyRootFilesystem: StackCheck = (stack) =>
  allContainers(stack).flatMap((c): Violation[] => {
    const value = containerContext(c)?.read_only_root_filesystem;
    return isTrue(value)
      ? []
      : [{ address: c.workload.resource.address, message: `${label(c)}: read_only_root_filesystem is ${show(value)}` }];
  });
