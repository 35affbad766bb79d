import { resourcesOf } from "../../lib/stack";
import { block } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Managed node groups open no SSH access (`remote_access`): nodes are replaced, not logged
 * into; SSM Session Manager covers break-glass access without an open port or a shared key.
 */
export const eksNodeSsh: StackCheck = (stack) =>
  resourcesOf(stack, "aws_eks_node_group").flatMap((group): Violation[] => {
    const remote = block(group.values.remote_access);
    if (!remote) return [];
    const sources = remote.source_security_group_ids === undefined ? " from anywhere" : "";
    return [{ address: group.address, message: `remote_access opens SSH to the nodes${sources}` }];
  });
