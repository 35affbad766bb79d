export * from "./access-log-bucket";
export * from "./bucket-baseline";
export * from "./bucket-kinds";
export * from "./data-bucket";
export * from "./tls-only";
