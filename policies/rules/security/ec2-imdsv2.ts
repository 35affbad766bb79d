import { resourcesOf } from "../../lib/stack";
import { block, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Launch templates and instances require IMDSv2 session tokens (or turn the metadata endpoint off). */
export const ec2Imdsv2: StackCheck = (stack) =>
  resourcesOf(stack, "aws_launch_template", "aws_instance").flatMap((r): Violation[] => {
    const options = block(r.values.metadata_options);
    if (options?.http_endpoint === "disabled") return [];
    return options?.http_tokens === "required"
      ? []
      : [
          {
            address: r.address,
            message:
              `metadata_options.http_tokens is ${show(options?.http_tokens)}, so IMDSv1 answers unauthenticated ` +
              `requests`,
          },
        ];
  });
