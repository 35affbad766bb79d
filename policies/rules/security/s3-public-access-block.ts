import { bucketCompanions, buckets } from "../../lib/s3";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** Every bucket has a public access block with all four flags literally true. */
export const s3PublicAccessBlock: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const blocks = bucketCompanions(stack, bucket, "aws_s3_bucket_public_access_block");
    if (blocks.length === 0)
      return [
        { address: bucket.address, message: "no aws_s3_bucket_public_access_block in this stack points at the bucket" },
      ];
    return blocks.flatMap((pab) => {
      const off = FLAGS.filter((flag) => !isTrue(pab.values[flag]));
      return off.length === 0
        ? []
        : [
            {
              address: bucket.address,
              message:
                `${pab.address} does not block everything: ` +
                `${off.map((f) => `${f}=${show(pab.values[f])}`).join(", ")}`,
            },
          ];
    });
  });
