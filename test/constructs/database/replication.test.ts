import { DR_REPLICATION_MIN_RPO_MINUTES } from "../../../constructs/database/replication";

describe("DR_REPLICATION_MIN_RPO_MINUTES", () => {
  it("Global Database promises 1 min, replicated backups 10 min (shipped every 5 min), no replication nothing", () => {
    expect(DR_REPLICATION_MIN_RPO_MINUTES).toEqual({
      none: Number.POSITIVE_INFINITY,
      "automated-backups": 10,
      "global-database": 1,
    });
  });
});
