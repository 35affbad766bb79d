export * from "./redis-cache";
