import { allContainers, containerContext, label, podContext } from "../../lib/kubernetes";
import { block, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every container runs under a seccomp profile (`RuntimeDefault` or `Localhost`), set on the
 * container or its pod: the restricted Pod Security Standard refuses `Unconfined` and unset.
 */
export const seccompProfile: StackCheck = (stack) =>
  allContainers(stack).flatMap((c): Violation[] => {
    const own = block(containerContext(c)?.seccomp_profile)?.type;
    const type = own ?? block(podContext(c.workload)?.seccomp_profile)?.type;
    return type === "RuntimeDefault" || type === "Localhost"
      ? []
      : [{ address: c.workload.resource.address, message: `${label(c)}: seccomp_profile.type is ${show(type)}` }];
  });
