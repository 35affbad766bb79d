import { companions, resourcesOf } from "../../lib/stack";
import { blocks } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every VPC owns its default security group with no rules: AWS's default allows all
 * traffic between members, and anything launched without a group lands in it.
 */
export const vpcDefaultSecurityGroup: StackCheck = (stack) =>
  resourcesOf(stack, "aws_vpc").flatMap((vpc): Violation[] => {
    const owned = companions(stack, vpc, "aws_default_security_group", "vpc_id", "id");
    if (owned.length === 0)
      return [
        { address: vpc.address, message: "no aws_default_security_group strips the VPC's default group of its rules" },
      ];
    return owned
      .filter(
        (sg) =>
          blocks(sg.values.ingress).length > 0 ||
          blocks(sg.values.egress).length > 0 ||
          sg.values.ingress === undefined ||
          sg.values.egress === undefined,
      )
      .map((sg) => ({
        address: sg.address,
        message: "the default security group keeps rules (set ingress and egress to [])",
      }));
  });
