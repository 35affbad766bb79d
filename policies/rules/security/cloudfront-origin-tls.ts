import { resourcesOf } from "../../lib/stack";
import { block, blocks, literalString, show, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const OUTDATED = ["SSLv3", "TLSv1", "TLSv1.1"];

/**
 * Custom origins are reached over HTTPS only with TLS 1.2 (`origin_protocol_policy =
 * "https-only"`, `origin_ssl_protocols = ["TLSv1.2"]`): the edge-to-origin leg carries
 * the same cookies and tokens as the viewer leg. S3 origins (OAC) are always HTTPS.
 */
export const cloudfrontOriginTls: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] =>
    blocks(d.values.origin).flatMap((origin): Violation[] => {
      const custom = block(origin.custom_origin_config);
      if (!custom) return [];
      const id = String(origin.origin_id ?? "?");
      const problems: string[] = [];
      if (literalString(custom.origin_protocol_policy) !== "https-only")
        problems.push(`origin_protocol_policy is ${show(custom.origin_protocol_policy)}`);
      const protocols = strings(custom.origin_ssl_protocols);
      if (protocols.length === 0 || protocols.some((p) => OUTDATED.includes(p)))
        problems.push(`origin_ssl_protocols is ${show(custom.origin_ssl_protocols)}`);
      return problems.length === 0 ? [] : [{ address: d.address, message: `origin ${id}: ${problems.join("; ")}` }];
    }),
  );
