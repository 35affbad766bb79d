import { resourcesOf } from "../../lib/stack";
import { blocks, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** ELB security policies that negotiate TLS 1.2 or newer only. */
function isModernSslPolicy(policy: unknown): boolean {
  return typeof policy === "string" && /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/.test(policy);
}

/**
 * Listeners speak TLS 1.2+: HTTPS/TLS listeners name a modern `ssl_policy` (the default
 * allows TLS 1.0); HTTP listeners only redirect to HTTPS.
 */
export const lbListenerTls: StackCheck = (stack) =>
  resourcesOf(stack, "aws_lb_listener", "aws_alb_listener").flatMap((listener): Violation[] => {
    const protocol = listener.values.protocol;
    if (protocol === "HTTPS" || protocol === "TLS") {
      return isModernSslPolicy(listener.values.ssl_policy)
        ? []
        : [
            {
              address: listener.address,
              message:
                `${String(protocol)} listener has ssl_policy ${show(listener.values.ssl_policy)}, not a TLS 1.2+ ` +
                `policy`,
            },
          ];
    }
    if (protocol === "HTTP") {
      const actions = blocks(listener.values.default_action);
      const redirects =
        actions.length > 0 &&
        actions.every((a) => a.type === "redirect" && blocks(a.redirect).some((r) => r.protocol === "HTTPS"));
      return redirects
        ? []
        : [{ address: listener.address, message: "HTTP listener serves content instead of redirecting to HTTPS" }];
    }
    // TCP/UDP pass-through listeners carry whatever the target speaks; anything else is unknown.
    return protocol === "TCP" || protocol === "UDP" || protocol === "TCP_UDP"
      ? []
      : [{ address: listener.address, message: `protocol is ${show(protocol)}` }];
  });
