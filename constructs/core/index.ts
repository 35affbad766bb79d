export * from "./validation";
