import { companions, resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/** Every VPC has a flow log in the same stack recording its traffic. */
export const vpcFlowLogs: StackCheck = (stack) =>
  resourcesOf(stack, "aws_vpc").flatMap((vpc): Violation[] =>
    companions(stack, vpc, "aws_flow_log", "vpc_id", "id").length > 0
      ? []
      : [{ address: vpc.address, message: "no aws_flow_log in this stack records the VPC" }],
  );
