export * from "./az-power-interruption-experiment";
export * from "./cross-region-connectivity-experiment";
export * from "./fis-experiment";
export * from "./game-day-settings";
