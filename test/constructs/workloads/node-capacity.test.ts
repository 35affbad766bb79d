import { allocatableCapacity, INSTANCE_TYPES } from "../../../constructs/workloads/node-capacity";

describe("allocatableCapacity", () => {
  it("subtracts the EKS AMI reservations from a c5.large (seed 001's modules node)", () => {
    // 2000m - (60 + 10); 4096 - (11 x 29 + 255) - 100
    expect(allocatableCapacity("c5.large")).toEqual({ cpuMillicores: 1930, memoryMiB: 3422 });
  });

  it("reserves less per core on larger nodes", () => {
    // 4000m - (60 + 10 + 5 + 5); 16384 - (11 x 58 + 255) - 100
    expect(allocatableCapacity("m5.xlarge")).toEqual({ cpuMillicores: 3920, memoryMiB: 15391 });
  });

  it("leaves every listed type with positive capacity", () => {
    for (const type of INSTANCE_TYPES) {
      const cap = allocatableCapacity(type);
      expect(cap.cpuMillicores).toBeGreaterThan(1000);
      expect(cap.memoryMiB).toBeGreaterThan(3000);
    }
  });
});
