import { resourcesOf } from "../../lib/stack";
import { blocks, isExpression, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Launch templates and instances do not ask for public IP addresses (nodes live in private subnets). */
export const ec2PublicIp: StackCheck = (stack) =>
  resourcesOf(stack, "aws_launch_template", "aws_instance").flatMap((r): Violation[] => {
    const values = [
      r.values.associate_public_ip_address,
      ...blocks(r.values.network_interfaces).map((n) => n.associate_public_ip_address),
    ];
    const bad = values.filter((v) => isTrue(v) || isExpression(v));
    return bad.length === 0
      ? []
      : [{ address: r.address, message: `associate_public_ip_address is ${bad.map((v) => show(v)).join(", ")}` }];
  });
