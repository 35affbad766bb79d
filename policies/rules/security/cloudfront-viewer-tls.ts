import { resourcesOf } from "../../lib/stack";
import { block, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Viewer security policies that refuse anything older than TLS 1.2. */
const CLOUDFRONT_TLS12_POLICIES = ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/** Distributions use their own certificate with a TLS 1.2+ viewer policy (the default certificate allows TLS 1.0). */
export const cloudfrontViewerTls: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] => {
    const cert = block(d.values.viewer_certificate);
    if (!cert || isTrue(cert.cloudfront_default_certificate))
      return [
        {
          address: d.address,
          message: "viewer_certificate uses the CloudFront default certificate, which accepts TLS 1.0",
        },
      ];
    return CLOUDFRONT_TLS12_POLICIES.includes(String(cert.minimum_protocol_version))
      ? []
      : [
          {
            address: d.address,
            message: `viewer_certificate.minimum_protocol_version is ${show(cert.minimum_protocol_version)}`,
          },
        ];
  });
