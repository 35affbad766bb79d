import { metadataMap } from "../../lib/kubernetes";
import { resourcesOf } from "../../lib/stack";
import { block } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** True when the annotations make the AWS load balancer internal (either controller's form). */
function isInternal(annotations: Readonly<Record<string, unknown>>): boolean {
  return (
    annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] === "internal" ||
    String(annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]) === "true"
  );
}

/**
 * Services of type LoadBalancer are internal: public traffic enters through the edge
 * (CloudFront, WAF, Cloudflare) and the ingress, never through a Service that bypasses them.
 */
export const loadBalancerInternal: StackCheck = (stack) =>
  resourcesOf(stack, "kubernetes_service", "kubernetes_service_v1")
    .filter((s) => block(s.values.spec)?.type === "LoadBalancer")
    .flatMap((s): Violation[] =>
      isInternal(metadataMap(s, "annotations"))
        ? []
        : [
            {
              address: s.address,
              message:
                "type LoadBalancer without service.beta.kubernetes.io/aws-load-balancer-scheme: internal " +
                "(an internet-facing load balancer)",
            },
          ],
    );
