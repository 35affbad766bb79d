import { cpuMillicores, mebibytes, requestsPerMinute } from "../../../constructs/workloads/quantities";

describe("quantities", () => {
  it("parses CPU in millicores or cores", () => {
    expect([cpuMillicores("250m"), cpuMillicores("1"), cpuMillicores("1.5"), cpuMillicores("0.25")]).toEqual([
      250, 1000, 1500, 250,
    ]);
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
