export * from "./engine";
export * from "./gate";
export * from "./packs";
export * from "./placement";
export * from "./plan";
export * from "./report";
export * from "./suppressions";
export * from "./types";
