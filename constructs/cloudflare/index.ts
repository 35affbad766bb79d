export * from "./module-cache-rules";
export * from "./proxied-records";
export * from "./regional-load-balancer";
export * from "./security-rules";
export * from "./zone-baseline";
export * from "./zone-delegation";
