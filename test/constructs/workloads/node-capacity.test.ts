import { INSTANCE_TYPES } from "../../../constructs/cluster/instance-types";
import { allocatableCapacity, kubeReservedCpuMillicores, smallestNodeCapacity } from "../../../constructs/workloads/node-capacity";

describe("allocatableCapacity", () => {
  it("subtracts the kubelet's CPU reservation and the conservative memory reservation from a c5.large", () => {
    // 2000m - (60 + 10); 4096 x 0.9 - 366
    expect(allocatableCapacity("c5.large")).toEqual({ cpuMillicores: 1930, memoryMiB: 3320 });
  });

  it("reserves less per core on larger nodes", () => {
    expect(kubeReservedCpuMillicores(2)).toBe(70);
    expect(kubeReservedCpuMillicores(4)).toBe(80);
    expect(kubeReservedCpuMillicores(8)).toBe(90);
    expect(allocatableCapacity("m5.xlarge")).toEqual({ cpuMillicores: 3920, memoryMiB: 14379 });
  });

  it("leaves every type of the cluster table with positive capacity", () => {
    for (const type of Object.keys(INSTANCE_TYPES)) {
      const cap = allocatableCapacity(type);
      expect(cap.cpuMillicores).toBeGreaterThan(1000);
      expect(cap.memoryMiB).toBeGreaterThan(1000);
    }
  });

  it("fails for an unknown type, naming the fix", () => {
    expect(() => allocatableCapacity("c5.huge")).toThrow(/not a known size of family c5/);
  });
});

describe("smallestNodeCapacity", () => {
  it("takes the least CPU and memory across a group's types", () => {
    expect(smallestNodeCapacity(["m6i.xlarge", "c6i.large"])).toEqual(allocatableCapacity("c6i.large"));
    expect(smallestNodeCapacity(["t3.large", "c5.large"])).toEqual({ cpuMillicores: 1930, memoryMiB: 3320 });
  });

  it("is undefined for an empty list or an unknown type", () => {
    expect(smallestNodeCapacity([])).toBeUndefined();
    expect(smallestNodeCapacity(["x9.large"])).toBeUndefined();
  });
});
