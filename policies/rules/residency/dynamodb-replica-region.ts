import { resourcesOf } from "../../lib/stack";
import { blocks, literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** DynamoDB global table replicas are only created in allowed regions. */
export const dynamodbReplicaRegion: StackCheck = (stack) =>
  resourcesOf(stack, "aws_dynamodb_table").flatMap((table): Violation[] => {
    const allowed = stack.context?.personalDataRegions ?? [];
    return blocks(table.values.replica).flatMap((replica): Violation[] => {
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
