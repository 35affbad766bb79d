// First, before any re-export loads a provider file: names a missing optional peer.
import "./require-peers";

export * from "./module-cache-rules";
export * from "./proxied-records";
export * from "./regional-load-balancer";
export * from "./security-rules";
export * from "./zone-baseline";
export * from "./zone-delegation";
