/** @type {import('jest').Config} */
const transform = {
  "^.+\\.ts$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
  ],
};

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/integration/", "<rootDir>/test/consumer/"],
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/integration/**/*.test.ts"],
      slowTestThreshold: 120,
    },
    {
      // npm pack + install into a fresh project + terraform validate (about 2 minutes).
      displayName: "consumer",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/consumer/**/*.test.ts"],
      slowTestThreshold: 300,
    },
  ],
};
