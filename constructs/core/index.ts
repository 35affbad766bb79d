export * from "./optional-peer";
export * from "./token-json";
export * from "./validation";
