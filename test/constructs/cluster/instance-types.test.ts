import {
  allocatableMemoryMiB,
  INSTANCE_FAMILIES,
  INSTANCE_TYPES,
  instanceType,
  unknownInstanceTypeReason,
} from "../../../constructs/cluster/instance-types";

describe("INSTANCE_TYPES", () => {
  it("knows the seeds' types with their published vCPU and memory", () => {
    expect(INSTANCE_TYPES["m5.xlarge"]).toEqual({
      vcpu: 4,
      memoryMiB: 16384,
      architecture: "x86_64",
      gpus: 0,
      burstable: false,
    });
    expect(INSTANCE_TYPES["c5.large"]).toMatchObject({ vcpu: 2, memoryMiB: 4096 });
    expect(INSTANCE_TYPES["t3.medium"]).toMatchObject({ vcpu: 2, memoryMiB: 4096, burstable: true });
    expect(INSTANCE_TYPES["t3.large"]).toMatchObject({ vcpu: 2, memoryMiB: 8192 });
    expect(INSTANCE_TYPES["g4dn.xlarge"]).toMatchObject({ gpus: 1, architecture: "x86_64" });
    expect(INSTANCE_TYPES["m7g.large"]).toMatchObject({ architecture: "arm64" });
  });

  it("lists families once, sorted", () => {
    expect(INSTANCE_FAMILIES).toEqual([...new Set(INSTANCE_FAMILIES)].sort());
    expect(INSTANCE_FAMILIES).toEqual(expect.arrayContaining(["t3", "m5", "m6i", "c5", "c6i", "g4dn"]));
  });

  it("instanceType returns undefined for unknown names, including prototype keys", () => {
    expect(instanceType("m6i.large")).toBeDefined();
    expect(instanceType("toString")).toBeUndefined();
    expect(instanceType("m5.xlarg")).toBeUndefined();
  });

  it("explains unknown families and unknown sizes differently", () => {
    expect(unknownInstanceTypeReason("m6i.large")).toBeUndefined();
    expect(unknownInstanceTypeReason("x9z.large")).toMatch(/unknown family "x9z".*Fix: use one of the families/);
    expect(unknownInstanceTypeReason("m5.xlarg")).toMatch(
      /not a known size of family m5\. Fix: use one of m5\.large, m5\.xlarge/,
    );
  });

  it("allocatable memory is below the published memory", () => {
    const info = INSTANCE_TYPES["m6i.xlarge"];
    expect(allocatableMemoryMiB(info)).toBeLessThan(info.memoryMiB);
    expect(allocatableMemoryMiB(info)).toBeGreaterThan(info.memoryMiB * 0.8);
  });
});
