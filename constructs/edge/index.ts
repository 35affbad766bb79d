export * from "./cloudfront-log-bucket";
export * from "./edge-settings";
export * from "./edge-web-acl";
export * from "./geo-codes";
export * from "./module-distribution";
