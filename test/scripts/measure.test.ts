import { spawn } from "node:child_process";
import { median, processTreeRssKiB, timed } from "../../scripts/lib/measure";

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("timed", () => {
  it("returns the result and a non-negative duration, for sync and async work", async () => {
    const sync = await timed(() => 42);
    expect(sync.result).toBe(42);
    expect(sync.ms).toBeGreaterThanOrEqual(0);
    const later = await timed(() => new Promise<string>((resolve) => setTimeout(() => resolve("done"), 20)));
    expect(later.result).toBe("done");
    expect(later.ms).toBeGreaterThanOrEqual(15);
  });
});

describe("processTreeRssKiB", () => {
  it("adds the memory of child processes to the parent's", async () => {
    const alone = processTreeRssKiB(process.pid);
    expect(alone).toBeGreaterThan(10_000);
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 5000)"]);
    await new Promise((r) => setTimeout(r, 500));
    try {
      expect(processTreeRssKiB(process.pid)).toBeGreaterThan(alone + 10_000);
    } finally {
      child.kill();
    }
  });
});
