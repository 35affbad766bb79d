import { INSTANCE_TYPES } from "../../../constructs/cluster/instance-types";
import { smallestNodeCapacity } from "../../../constructs/workloads/node-capacity";

describe("smallestNodeCapacity", () => {
  it("subtracts the kubelet's CPU reservation and the conservative memory reservation from a c5.large", () => {
    // 2000m - (60 + 10); 4096 x 0.9 - 366
    expect(smallestNodeCapacity(["c5.large"])).toEqual({ cpuMillicores: 1930, memoryMiB: 3320 });
  });

  it("reserves less per core on larger nodes", () => {
    expect(smallestNodeCapacity(["m5.xlarge"])).toEqual({ cpuMillicores: 3920, memoryMiB: 14379 });
    expect(smallestNodeCapacity(["m5.2xlarge"])?.cpuMillicores).toBe(8000 - 90);
  });

  it("leaves every type of the cluster table with positive capacity", () => {
    for (const type of Object.keys(INSTANCE_TYPES)) {
      const cap = smallestNodeCapacity([type])!;
      expect(cap.cpuMillicores).toBeGreaterThan(1000);
      expect(cap.memoryMiB).toBeGreaterThan(1000);
    }
  });

  it("takes the least CPU and memory across a group's types", () => {
    expect(smallestNodeCapacity(["m6i.xlarge", "c6i.large"])).toEqual(smallestNodeCapacity(["c6i.large"]));
    expect(smallestNodeCapacity(["t3.large", "c5.large"])).toEqual({ cpuMillicores: 1930, memoryMiB: 3320 });
  });

  it("is undefined for an empty list or an unknown type", () => {
    expect(smallestNodeCapacity([])).toBeUndefined();
    expect(smallestNodeCapacity(["x9.large"])).toBeUndefined();
    expect(smallestNodeCapacity(["c5.huge", "c5.large"])).toBeUndefined();
  });
});
