import { loadEnvironment, parseEnvironment } from "../../environments";
import type { EnvironmentInput } from "../../environments/schema";
import { cloneInput, problemsOf } from "../helpers";

type Data = NonNullable<EnvironmentInput["data"]>;

/** A shipped environment with its data section changed. */
function withData(name: "dev" | "staging" | "production", change: (data: Data) => void): EnvironmentInput {
  const input = cloneInput(name);
  change(input.data as Data);
  return input;
}

function postgres(data: Data) {
  if (data.database?.engine !== "postgres") throw new Error("fixture needs postgres");
  return data.database;
}

const paths = (input: unknown) => problemsOf(input).map((p) => p.path);

describe("data config", () => {
  it(
    "shipped values: dev RDS single-AZ, staging RDS with replicated backups, " +
      "production Aurora Global with 2 readers and a 3 x 2 cache",
    () => {
      expect(loadEnvironment("dev").data.database).toMatchObject({
        engine: "postgres",
        deployment: "rds",
        multiAz: false,
        drReplication: "none",
      });
      expect(loadEnvironment("staging").data.database).toMatchObject({
        deployment: "rds",
        multiAz: true,
        drReplication: "automated-backups",
      });
      const production = loadEnvironment("production").data;
      expect(production.database).toMatchObject({
        deployment: "aurora",
        readReplicas: 2,
        backupRetentionDays: 35,
        drReplication: "global-database",
      });
      expect(production.cache).toMatchObject({
        shards: 3,
        replicasPerShard: 2,
        atRestEncryption: true,
        transitEncryption: true,
        globalDatastore: true,
      });
    },
  );

  it("fails when production turns off Multi-AZ and deletion protection", () => {
    const problems = problemsOf(
      withData("production", (d) => Object.assign(postgres(d), { multiAz: false, deletionProtection: false })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "data.database.multiAz",
          message: expect.stringMatching(
            /production databases must survive the loss of a zone.*Fix: set multiAz to true/,
          ),
        }),
        expect.objectContaining({
          path: "data.database.deletionProtection",
          message: expect.stringMatching(/need deletion protection.*Fix/),
        }),
      ]),
    );
  });

  it("fails when backup retention is below the tier's minimum", () => {
    const problems = problemsOf(withData("production", (d) => Object.assign(postgres(d), { backupRetentionDays: 7 })));
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: "data.database.backupRetentionDays",
        message: expect.stringMatching(
          /production keeps database backups at least 30 days.*got 7.*Fix: set backupRetentionDays to 30-35/,
        ),
      }),
    );
  });

  it("keeps production database and cache logs a year, the gate's SEC-LOG-RETENTION-AUDIT minimum", () => {
    // A dropped slowLogRetentionDays (default 30) used to pass the schema and fail the gate.
    const problems = problemsOf(
      withData("production", (d) => {
        Object.assign(postgres(d), { logRetentionDays: 180 });
        delete (d.cache as { slowLogRetentionDays?: number }).slowLogRetentionDays;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "data.database.logRetentionDays",
          message: expect.stringMatching(/production keeps database logs at least 365 days .*got 180/),
        }),
        expect.objectContaining({
          path: "data.cache.slowLogRetentionDays",
          message: expect.stringMatching(
            /production keeps cache slow logs at least 365 days .*got 30. Fix: set slowLogRetentionDays to 365 or more/,
          ),
        }),
      ]),
    );
    expect(paths(withData("staging", (d) => Object.assign(d.cache!, { slowLogRetentionDays: 30 })))).toEqual([]);
  });

  it("fails when the replication cannot meet the RPO (replicated backups for RPO 1 min)", () => {
    const input = withData("staging", () => undefined);
    input.dr = { ...input.dr, rpoMinutes: 1 };
    const problems = problemsOf(input);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: "data.database.drReplication",
        message: expect.stringMatching(
          /"automated-backups" loses up to 10 min.*dr.rpoMinutes is 1.*Fix: use "global-database"/,
        ),
      }),
    );
  });

  it("fails when a DR region exists but the database is not replicated there, or replication has no DR region", () => {
    expect(paths(withData("staging", (d) => Object.assign(postgres(d), { drReplication: "none" })))).toContain(
      "data.database.drReplication",
    );
    expect(
      problemsOf(withData("dev", (d) => Object.assign(postgres(d), { drReplication: "automated-backups" }))),
    ).toContainEqual(
      expect.objectContaining({
        path: "data.database.drReplication",
        message: expect.stringMatching(/needs a DR region/),
      }),
    );
  });

  it("fails for Global Database on RDS, replicated backups on Aurora, and RDS read replicas", () => {
    const messages = problemsOf(
      withData("staging", (d) => Object.assign(postgres(d), { drReplication: "global-database", readReplicas: 2 })),
    )
      .map((p) => p.message)
      .join("\n");
    expect(messages).toMatch(/RDS cannot create read replicas/);
    expect(messages).toMatch(/Global Database is an Aurora feature/);
    expect(
      problemsOf(withData("production", (d) => Object.assign(postgres(d), { drReplication: "automated-backups" })))
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/RDS instance feature/);
  });

  it("fails for a class without Performance Insights, and a burstable class in a global database", () => {
    expect(
      problemsOf(withData("dev", (d) => Object.assign(postgres(d), { instanceClass: "db.t4g.micro" }))),
    ).toContainEqual(
      expect.objectContaining({
        path: "data.database.instanceClass",
        message: expect.stringMatching(/does not support Performance Insights.*Fix: use db.t4g.medium/),
      }),
    );
    expect(
      problemsOf(withData("production", (d) => Object.assign(postgres(d), { instanceClass: "db.t4g.large" }))),
    ).toContainEqual(
      expect.objectContaining({
        path: "data.database.instanceClass",
        message: expect.stringMatching(/Global Database needs a memory-optimized class/),
      }),
    );
  });

  it("fails for an Aurora cluster asked to be Multi-AZ with no reader", () => {
    expect(paths(withData("production", (d) => Object.assign(postgres(d), { readReplicas: 0 })))).toContain(
      "data.database.readReplicas",
    );
  });

  it("fails for a production cache without encryption, and without replicas", () => {
    const problems = problemsOf(
      withData("production", (d) => Object.assign(d.cache!, { atRestEncryption: false, replicasPerShard: 0 })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "data.cache.atRestEncryption",
          message: expect.stringMatching(/must be encrypted at rest and in transit/),
        }),
        expect.objectContaining({ path: "data.cache.replicasPerShard" }),
      ]),
    );
  });

  describe("windows", () => {
    const messageAt = (input: unknown, path: string) => problemsOf(input).find((p) => p.path === path)?.message;

    it("accepts the shipped windows, adjacent ones, and windows that wrap past midnight and Sunday", () => {
      for (const name of ["dev", "staging", "production"] as const) expect(problemsOf(cloneInput(name))).toEqual([]);
      const input = withData("staging", (d) => {
        // Backups end as Sunday's maintenance starts; cache maintenance runs into Monday up to the snapshot.
        Object.assign(postgres(d), { backupWindow: "23:30-00:30", maintenanceWindow: "sun:00:30-sun:01:30" });
        Object.assign(d.cache!, { snapshotWindow: "01:00-02:00", maintenanceWindow: "sun:23:00-mon:01:00" });
      });
      expect(problemsOf(input)).toEqual([]);
    });

    it("fails for a database backup window under 30 minutes and a maintenance window under 30", () => {
      const input = withData("staging", (d) =>
        Object.assign(postgres(d), { backupWindow: "03:00-03:20", maintenanceWindow: "sun:04:00-sun:04:15" }),
      );
      expect(messageAt(input, "data.database.backupWindow")).toMatch(
        /backupWindow 03:00-03:20 of the database lasts 20 minutes; AWS needs at least 30\. Fix: widen it/,
      );
      expect(messageAt(input, "data.database.maintenanceWindow")).toMatch(/lasts 15 minutes; AWS needs at least 30/);
    });

    it("fails when the daily backup window overlaps the weekly maintenance window on its day", () => {
      // 04:30-05:30 every day meets Sunday's 04:00-05:00 maintenance.
      const input = withData("dev", (d) => Object.assign(postgres(d), { backupWindow: "04:30-05:30" }));
      expect(messageAt(input, "data.database.backupWindow")).toMatch(
        new RegExp(
          "backupWindow 04:30-05:30 of the database overlaps maintenanceWindow sun:04:00-sun:05:00 \\(on sun;" +
            ".*Fix: move backupWindow",
        ),
      );
      // A backup window wrapping past midnight into Monday's maintenance overlaps too.
      const wrapped = withData("dev", (d) =>
        Object.assign(postgres(d), { backupWindow: "23:30-00:30", maintenanceWindow: "mon:00:00-mon:01:00" }),
      );
      expect(messageAt(wrapped, "data.database.backupWindow")).toMatch(
        /overlaps maintenanceWindow mon:00:00-mon:01:00/,
      );
    });

    it("fails for a cache snapshot window under 60 minutes or overlapping the cache maintenance window", () => {
      const short = withData("staging", (d) => Object.assign(d.cache!, { snapshotWindow: "03:00-03:30" }));
      expect(messageAt(short, "data.cache.snapshotWindow")).toMatch(
        /snapshotWindow 03:00-03:30 of the cache lasts 30 minutes; AWS needs at least 60/,
      );
      const overlapping = withData("staging", (d) =>
        Object.assign(d.cache!, { snapshotWindow: "05:00-07:00", maintenanceWindow: "wed:06:00-wed:07:00" }),
      );
      expect(messageAt(overlapping, "data.cache.snapshotWindow")).toMatch(
        /overlaps maintenanceWindow wed:06:00-wed:07:00 \(on wed;/,
      );
      const shortMaintenance = withData("staging", (d) =>
        Object.assign(d.cache!, { maintenanceWindow: "sun:05:30-sun:06:00" }),
      );
      expect(messageAt(shortMaintenance, "data.cache.maintenanceWindow")).toMatch(
        /lasts 30 minutes; AWS needs at least 60/,
      );
    });
  });

  it("fails for a cache larger than ElastiCache's 500 nodes, and accepts 83 shards x 6 nodes", () => {
    const sized = (shards: number, replicasPerShard: number) =>
      withData("production", (d) => Object.assign(d.cache!, { shards, replicasPerShard }));
    expect(problemsOf(sized(100, 5))).toContainEqual(
      expect.objectContaining({
        path: "data.cache.shards",
        message: expect.stringMatching(
          /100 shards x \(1 primary \+ 5 replicas\) is 600 nodes; .* at most 500\. Fix: lower shards to 83 or fewer/,
        ),
      }),
    );
    expect(problemsOf(sized(83, 5))).toEqual([]);
  });

  it('refuses a cache user named "default", which the cache construct reserves (it used to crash synth)', () => {
    const input = withData("dev", (d) => Object.assign(d.cache!, { users: { default: "on ~* +@all" } }));
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({
        path: "data.cache.users.default",
        message: expect.stringMatching(/cache user "default" is reserved.*Fix: give the user another name/),
      }),
    ]);
  });

  it("has no shared cache user by default and keeps the module- prefix for per-module users", () => {
    expect(loadEnvironment("production").data.cache?.users).toEqual({});
    const problems = problemsOf(
      withData("dev", (d) => Object.assign(d.cache!, { users: { "module-x": "on ~* +@all" } })),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: "data.cache.users.module-x",
        message: expect.stringMatching(/not starting with "module-"/),
      }),
    );
  });

  it("fails for reader autoscaling on RDS, and for maxReaders below readReplicas", () => {
    expect(
      paths(withData("dev", (d) => Object.assign(postgres(d), { readerAutoscaling: { maxReaders: 2 } }))),
    ).toContain("data.database.readerAutoscaling");
    expect(
      paths(withData("production", (d) => Object.assign(postgres(d), { readerAutoscaling: { maxReaders: 1 } }))),
    ).toEqual(["data.database.readerAutoscaling.maxReaders"]);
  });

  it("backup: 35-day governance default, compliance in production, restore testing in staging", () => {
    expect(loadEnvironment("dev").data.backup).toEqual({
      retentionDays: 35,
      vaultLock: "governance",
      restoreTesting: false,
    });
    expect(loadEnvironment("production").data.backup.vaultLock).toBe("compliance");
    expect(loadEnvironment("staging").data.backup.restoreTesting).toBe(true);
  });

  it("fails when copyToAccount is this account or its vault ARN names another account", () => {
    const problems = problemsOf(
      withData("production", (d) =>
        Object.assign(d, {
          backup: {
            copyToAccount: {
              accountId: "333333333333",
              vaultArn: "arn:aws:backup:sa-east-1:444444444444:backup-vault:vault",
            },
          },
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual([
      "data.backup.copyToAccount.accountId",
      "data.backup.copyToAccount.vaultArn",
    ]);
    expect(problems[0].message).toMatch(/Fix: use a separate backup account/);
  });

  it("fails for a valkey cache, naming the fix", () => {
    expect(problemsOf(withData("dev", (d) => Object.assign(d.cache!, { engine: "valkey" })))).toContainEqual(
      expect.objectContaining({ path: "data.cache.engine", message: expect.stringMatching(/Fix: use engine "redis"/) }),
    );
  });

  it("fails for a Global Datastore without a DR region or on a small node", () => {
    const problems = problemsOf(withData("dev", (d) => Object.assign(d.cache!, { globalDatastore: true })));
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["data.cache.globalDatastore", "data.cache.nodeType"]),
    );
  });

  describe("CockroachDB", () => {
    const cockroach = (regions: string[], survivalGoal: "zone" | "region") =>
      withData("production", (d) => {
        d.database = { engine: "cockroachdb", regions: regions as never, survivalGoal };
      });

    it("accepts zone survival over the residency-allowed regions", () => {
      expect(parseEnvironment(cockroach(["sa-east-1", "us-east-1"], "zone")).data.database).toMatchObject({
        engine: "cockroachdb",
        nodesPerRegion: 3,
        tls: "self-signer",
      });
    });

    it("fails for survival goal region with fewer than 3 regions", () => {
      expect(problemsOf(cockroach(["sa-east-1", "us-east-1"], "region"))).toContainEqual(
        expect.objectContaining({
          path: "data.database.survivalGoal",
          message: expect.stringMatching(/needs at least 3 regions.*got 2.*Fix/),
        }),
      );
    });

    it("fails for a region residency does not allow (eu-west-1 holds no personal data)", () => {
      expect(problemsOf(cockroach(["sa-east-1", "us-east-1", "eu-west-1"], "region"))).toContainEqual(
        expect.objectContaining({
          path: "data.database.regions.2",
          message: expect.stringMatching(/eu-west-1 would hold personal data.*Fix/),
        }),
      );
    });

    it("fails when the first region is not the primary", () => {
      expect(paths(cockroach(["us-east-1", "sa-east-1"], "zone"))).toContain("data.database.regions.0");
    });
  });

  describe("buckets", () => {
    it("fails for replication without a DR region, and replication without versioning", () => {
      const problems = problemsOf(
        withData("dev", (d) =>
          Object.assign(d.buckets!, { reports: { kind: "reports", replicateToDr: true, versioned: false } }),
        ),
      );
      expect(problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(["data.buckets.reports.replicateToDr", "data.buckets.reports.versioned"]),
      );
    });

    it("fails when production turns off versioning of data that must not be lost", () => {
      expect(
        problemsOf(
          withData("production", (d) =>
            Object.assign(d.buckets!, { vendas_documents: { kind: "module-data", versioned: false } }),
          ),
        ),
      ).toContainEqual(
        expect.objectContaining({
          path: "data.buckets.vendas_documents.versioned",
          message: expect.stringMatching(/must keep every version/),
        }),
      );
    });

    it("fails for an expiry before the last transition (found in review: synth crashed), naming a kind default", () => {
      const input = withData("dev", (d) =>
        Object.assign(d.buckets!, {
          uploads: { kind: "uploads", transitions: [{ days: 90, storageClass: "STANDARD_IA" }], expirationDays: 30 },
          reports: { kind: "reports", expirationDays: 200 },
        }),
      );
      const problems = problemsOf(input);
      expect(problems).toContainEqual(
        expect.objectContaining({
          path: "data.buckets.uploads.expirationDays",
          message: expect.stringMatching(
            new RegExp(
              "bucket uploads: expirationDays deletes objects at day 30, " +
                "not after the transition to STANDARD_IA at day 90.*Fix: expire after day 90",
            ),
          ),
        }),
      );
      // reports' default transitions end with GLACIER at day 365.
      expect(problems).toContainEqual(
        expect.objectContaining({
          path: "data.buckets.reports.expirationDays",
          message: expect.stringMatching(/at day 200, not after the transition to GLACIER at day 365/),
        }),
      );
    });

    it("fails for transitions S3 refuses: IA before day 30, days out of order, against the waterfall", () => {
      const transitions = (list: { days: number; storageClass: string }[]) =>
        withData("dev", (d) => Object.assign(d.buckets!, { reports: { kind: "reports", transitions: list } }));
      const base = "data.buckets.reports.transitions";
      expect(problemsOf(transitions([{ days: 7, storageClass: "ONEZONE_IA" }]))).toEqual([
        expect.objectContaining({
          path: `${base}.0.days`,
          message: expect.stringMatching(/moves objects to ONEZONE_IA at day 7; S3 allows it from day 30\. Fix:/),
        }),
      ]);
      expect(
        problemsOf(
          transitions([
            { days: 365, storageClass: "GLACIER" },
            { days: 90, storageClass: "STANDARD_IA" },
          ]),
        ).map((p) => [p.path, p.message]),
      ).toEqual([
        [`${base}.1.days`, expect.stringMatching(/is day 90, not after the previous transition's day 365/)],
        [
          `${base}.1.storageClass`,
          expect.stringMatching(/from GLACIER to STANDARD_IA.*Fix: after GLACIER use one of DEEP_ARCHIVE/),
        ],
      ]);
      expect(
        paths(
          transitions([
            { days: 30, storageClass: "ONEZONE_IA" },
            { days: 60, storageClass: "GLACIER_IR" },
          ]),
        ),
      ).toEqual([`${base}.1.storageClass`]);
      expect(
        problemsOf(
          transitions([
            { days: 30, storageClass: "STANDARD_IA" },
            { days: 60, storageClass: "INTELLIGENT_TIERING" },
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 180, storageClass: "DEEP_ARCHIVE" },
          ]),
        ),
      ).toEqual([]);
    });

    it("rejects unknown keys and a non-https CORS origin", () => {
      const input = withData("production", (d) =>
        Object.assign(d.buckets!, {
          uploads: {
            kind: "uploads",
            cors: { allowedOrigins: ["http://x.app"], allowedMethods: ["GET"] },
            lifecycle: {},
          },
        }),
      );
      expect(paths(input)).toEqual(
        expect.arrayContaining(["data.buckets.uploads.lifecycle", "data.buckets.uploads.cors.allowedOrigins.0"]),
      );
    });
  });
});
