export * from "./bucket-baseline";
export * from "./bucket-kinds";
export * from "./bucket-name";
export * from "./bucket-replication";
export * from "./data-bucket";
export * from "./log-bucket";
export * from "./s3-access-log-bucket";
export * from "./tls-only";
