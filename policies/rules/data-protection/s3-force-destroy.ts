import { buckets } from "../../lib/s3";
import { isFalse, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** No bucket sets `force_destroy`, which empties it (every version) on destroy. */
export const s3ForceDestroy: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const value = bucket.values.force_destroy;
    return value === undefined || isFalse(value)
      ? []
      : [{ address: bucket.address, message: `force_destroy is ${show(value)}` }];
  });
