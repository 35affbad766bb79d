import { allocatableCapacity, INSTANCE_TYPES } from "../../../constructs/workloads/node-capacity";
import { cpuMillicores, mebibytes, requestsPerMinute } from "../../../constructs/workloads/quantities";

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

describe("quantities", () => {
  it("parses CPU in millicores or cores", () => {
    expect([cpuMillicores("250m"), cpuMillicores("1"), cpuMillicores("1.5"), cpuMillicores("0.25")]).toEqual([250, 1000, 1500, 250]);
    expect([cpuMillicores("250"), cpuMillicores("1.2345"), cpuMillicores("m")]).toEqual([250000, undefined, undefined]);
  });

  it("parses binary byte units only", () => {
    expect([mebibytes("256Mi"), mebibytes("2Gi")]).toEqual([256, 2048]);
    expect([mebibytes("256MB"), mebibytes("1G"), mebibytes("512")]).toEqual([undefined, undefined, undefined]);
  });

  it("parses request rates", () => {
    expect([requestsPerMinute("100req/min"), requestsPerMinute("100/min")]).toEqual([100, undefined]);
  });
});
