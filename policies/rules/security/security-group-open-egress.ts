import { groupRules } from "../../lib/security-groups";
import type { StackCheck, Violation } from "../../types";

const WORLD = ["0.0.0.0/0", "::/0"];

/**
 * No security group lets everything out to the internet (all protocols, all ports, to
 * 0.0.0.0/0 or ::/0): egress is scoped to the ports and destinations a workload uses, so a
 * compromised host cannot exfiltrate over any port.
 */
export const securityGroupOpenEgress: StackCheck = (stack) =>
  groupRules(stack)
    .filter((r) => r.direction === "egress" && ["-1", "all"].includes(String(r.protocol)))
    .flatMap((r): Violation[] => {
      const open = r.cidrs.filter((c) => typeof c === "string" && WORLD.includes(c));
      return open.length === 0
        ? []
        : [{ address: r.address, message: `egress allows every protocol and port to ${open.join(", ")}` }];
    });
