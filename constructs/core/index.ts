export * from "./optional-peer";
export * from "./validation";
