import { missingContext } from "../../lib/context";
import { resourcesOf } from "../../lib/stack";
import { blocks, literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** DynamoDB global table replicas are only created in allowed regions. */
export const dynamodbReplicaRegion: StackCheck = (stack) =>
  resourcesOf(stack, "aws_dynamodb_table").flatMap((table): Violation[] => {
    const allowed = stack.context?.personalDataRegions;
    const replicas = blocks(table.values.replica);
    if (allowed === undefined) {
      const unchecked = "the regions allowed to hold replicas are unknown";
      const message = missingContext(["personalDataRegions"], unchecked);
      return replicas.length === 0 ? [] : [{ address: table.address, message }];
    }
    return replicas.flatMap((replica): Violation[] => {
      const region = literalString(replica.region_name);
      return region !== undefined && allowed.includes(region)
        ? []
        : [
            {
              address: table.address,
              message: `replica in ${show(replica.region_name)}, outside [${allowed.join(", ")}]`,
            },
          ];
    });
  });
