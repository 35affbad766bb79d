import { DR_REPLICATION_MIN_RPO_MINUTES, replicationMeetsRpo } from "../../../constructs/database/replication";

describe("replicationMeetsRpo", () => {
  it("Global Database meets RPO 1 min; replicated backups meet 15 min but not 1 min; none meets nothing", () => {
    expect(replicationMeetsRpo("global-database", 1)).toBe(true);
    expect(replicationMeetsRpo("automated-backups", 15)).toBe(true);
    expect(replicationMeetsRpo("automated-backups", 1)).toBe(false);
    expect(replicationMeetsRpo("none", 1440)).toBe(false);
    expect(DR_REPLICATION_MIN_RPO_MINUTES["automated-backups"]).toBeGreaterThan(DR_REPLICATION_MIN_RPO_MINUTES["global-database"]);
  });
});
