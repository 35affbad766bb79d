import { resourcesOf } from "../../lib/stack";
import { block, literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Launch templates and instances answer instance metadata one hop away only
 * (`http_put_response_hop_limit = 1`), so pods on the node cannot fetch the node role's
 * credentials (they use IRSA or Pod Identity). Unset fails: EKS AL2023 AMIs default to 2.
 */
export const ec2ImdsHopLimit: StackCheck = (stack) =>
  resourcesOf(stack, "aws_launch_template", "aws_instance").flatMap((r): Violation[] => {
    const hops = block(r.values.metadata_options)?.http_put_response_hop_limit;
    const value = literalNumber(hops);
    return value !== undefined && value <= 1
      ? []
      : [{ address: r.address, message: `metadata_options.http_put_response_hop_limit is ${show(hops)}; expected 1` }];
  });
