import { median, timed } from "../../scripts/lib/measure";

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
