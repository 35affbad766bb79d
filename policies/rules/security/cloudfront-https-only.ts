import { resourcesOf } from "../../lib/stack";
import { block, blocks, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const SECURE = ["redirect-to-https", "https-only"];

/** Every cache behavior sends viewers to HTTPS. */
export const cloudfrontHttpsOnly: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] => {
    const behaviors = [
      { name: "default_cache_behavior", b: block(d.values.default_cache_behavior) },
      ...blocks(d.values.ordered_cache_behavior).map((b) => ({
        name: `ordered_cache_behavior ${String(b.path_pattern)}`,
        b,
      })),
    ];
    return behaviors
      .filter(({ b }) => !SECURE.includes(String(b?.viewer_protocol_policy)))
      .map(({ name, b }) => ({
        address: d.address,
        message: `${name} has viewer_protocol_policy ${show(b?.viewer_protocol_policy)}`,
      }));
  });
