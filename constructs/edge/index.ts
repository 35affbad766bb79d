export * from "./cloudfront-log-bucket";
export * from "./edge-web-acl";
export * from "./geo-codes";
export * from "./module-distribution";
