export * from "./module-cache-users";
export * from "./redis-cache";
