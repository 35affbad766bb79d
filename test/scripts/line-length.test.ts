import { longLines, MAX_LINE_LENGTH, sourceFiles } from "../../scripts/line-length";

describe("longLines", () => {
  it("reports each line over the limit with its 1-based number and length", () => {
    const text = ["short", "x".repeat(MAX_LINE_LENGTH), "y".repeat(MAX_LINE_LENGTH + 1)].join("\n");
    expect(longLines("a.ts", text)).toEqual([{ file: "a.ts", line: 3, length: MAX_LINE_LENGTH + 1 }]);
  });

  it("takes another limit", () => {
    expect(longLines("b.ts", "abcd\nab", 3)).toEqual([{ file: "b.ts", line: 1, length: 4 }]);
  });
});

describe("sourceFiles", () => {
  it("lists the repository's code files and nothing git ignores", () => {
    const files = sourceFiles();
    expect(files).toEqual(expect.arrayContaining(["main.ts", "scripts/line-length.ts"]));
    expect(files.some((f) => f.startsWith("node_modules/") || f.startsWith("cdktf.out/"))).toBe(false);
    expect(files.every((f) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(f))).toBe(true);
  });
});
