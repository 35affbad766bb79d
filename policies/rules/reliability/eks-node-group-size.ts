import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { block, literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Minimum nodes of a production node group: one node is one zone outage or one drain away from zero. */
const MIN_PRODUCTION_NODES = 2;

/** Production node groups never scale below two nodes. */
export const eksNodeGroupSize: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_eks_node_group").flatMap((group): Violation[] => {
        const min = block(group.values.scaling_config)?.min_size;
        const n = literalNumber(min);
        return n !== undefined && n >= MIN_PRODUCTION_NODES
          ? []
          : [
              {
                address: group.address,
                message: `scaling_config.min_size is ${show(min)}; needs ${MIN_PRODUCTION_NODES} or more`,
              },
            ];
      });
