export * from "./dns-validated-certificate";
export * from "./public-zone";
export * from "./regional-api-records";
export * from "./zone-dnssec";
export * from "./zone-query-logging";
