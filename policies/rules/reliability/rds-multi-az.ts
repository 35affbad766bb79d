import { resourcesOf } from "../../lib/stack";
import { isBeyondDevelopment } from "../../lib/tier";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * DB instances beyond development (staging and production) run Multi-AZ (a standby in
 * another zone takes over in about a minute). Read replicas are exempt.
 */
export const rdsMultiAz: StackCheck = (stack) =>
  !isBeyondDevelopment(stack)
    ? []
    : resourcesOf(stack, "aws_db_instance")
        .filter((db) => db.values.replicate_source_db === undefined)
        .flatMap((db): Violation[] =>
          isTrue(db.values.multi_az)
            ? []
            : [{ address: db.address, message: `multi_az is ${show(db.values.multi_az)}` }],
        );
