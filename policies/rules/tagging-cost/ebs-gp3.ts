import { resourcesOf } from "../../lib/stack";
import { block, blocks } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Volumes use gp3, not gp2 (about 20% cheaper per GB, with baseline IOPS not tied to size). */
export const ebsGp3: StackCheck = (stack) =>
  resourcesOf(stack, "aws_ebs_volume", "aws_launch_template").flatMap((r): Violation[] => {
    const types =
      r.type === "aws_ebs_volume"
        ? [r.values.type]
        : blocks(r.values.block_device_mappings).map((m) => block(m.ebs)?.volume_type);
    return types.includes("gp2") ? [{ address: r.address, message: "uses volume type gp2" }] : [];
  });
