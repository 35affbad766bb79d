import { missingContext } from "../../lib/context";
import { referenced, regionOf, resourcesOf } from "../../lib/stack";
import { block, blocks, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * S3 replication sends objects only to buckets in allowed regions. S3 ARNs carry no
 * region, so the destination must be a bucket of this stack (`${aws_s3_bucket.b.arn}`)
 * whose provider region can be read; anything else fails closed.
 */
export const s3ReplicationRegion: StackCheck = (stack) =>
  resourcesOf(stack, "aws_s3_bucket_replication_configuration").flatMap((config): Violation[] => {
    const allowed = stack.context?.personalDataRegions;
    return blocks(config.values.rule).flatMap((rule): Violation[] => {
      const destination = block(rule.destination)?.bucket;
      const target = referenced(stack, destination);
      if (!target)
        return [
          {
            address: config.address,
            message:
              `replication destination ${show(destination)} is not a bucket of this ` +
              `stack, so its region is unknown`,
          },
        ];
      const region = regionOf(stack, target);
      if ("unknown" in region)
        return [
          {
            address: config.address,
            message: `cannot tell where destination ${target.address} lives: ${region.unknown}`,
          },
        ];
      if (!allowed)
        return [
          {
            address: config.address,
            message: missingContext(["personalDataRegions"], "the regions allowed to hold replicas are unknown"),
          },
        ];
      return allowed.includes(region.region)
        ? []
        : [
            {
              address: config.address,
              message: `replicates to ${target.address} in ${region.region}, outside [${allowed.join(", ")}]`,
            },
          ];
    });
  });
