/**
 * One bad config per rule: each must be rejected with a message naming the field path
 * (and, for cross-field rules, the values involved and a fix).
 */
import { parseEnvironment } from "../../environments";
import type { EnvironmentInput } from "../../environments/schema";
import { cloneInput, problemsOf } from "../helpers";

type Mutate = (env: EnvironmentInput & Record<string, unknown>) => void;
const prod = (mutate: Mutate) => {
  const env = cloneInput("production") as EnvironmentInput & Record<string, unknown>;
  mutate(env);
  return env;
};
const region = (env: EnvironmentInput, name: string) => env.regions[name as "sa-east-1"]!;

const cases: [string, Mutate, string, RegExp][] = [
  [
    "an unknown top-level key (typo)",
    (e) => {
      e.primaryRegon = "sa-east-1";
    },
    "primaryRegon",
    /unknown key "primaryRegon". Fix: remove it or correct the spelling/,
  ],
  [
    "a misspelled nested key",
    (e) => {
      (region(e, "sa-east-1").network as Record<string, unknown>).natGateway = "single";
    },
    "regions.sa-east-1.network.natGateway",
    /unknown key "natGateway"/,
  ],
  [
    "an unknown AWS region as a key",
    (e) => {
      (e.regions as Record<string, unknown>)["sa-east1"] = region(e, "eu-west-1");
    },
    "regions.sa-east1",
    /^unknown region "sa-east1", did you mean "sa-east-1"\? Fix: use a region name/,
  ],
  [
    "a VPC block with leading zeros (Terraform rejects them)",
    (e) => {
      region(e, "sa-east-1").network.vpcCidr = "010.30.0.0/16";
    },
    "regions.sa-east-1.network.vpcCidr",
    /not a canonical IPv4 CIDR block/,
  ],
  [
    "an RPO backups cannot meet",
    (e) => {
      e.tier = "staging";
      e.dr = { strategy: "backup-restore", rpoMinutes: 5, rtoMinutes: 480 };
      region(e, "us-east-1").role = "serving";
    },
    "dr.rpoMinutes",
    /RPO of 5 min is not achievable with strategy "backup-restore"/,
  ],
  [
    "a state bucket name with dots",
    (e) => {
      e.state = { bucket: "plataforma.state" };
    },
    "state.bucket",
    /no dots/,
  ],
  [
    "more budget thresholds than AWS notifications allow",
    (e) => {
      e.budget.alertThresholdsPercent = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    },
    "budget.alertThresholdsPercent",
    /at most 9 items/,
  ],
  [
    "repeated budget thresholds",
    (e) => {
      e.budget.alertThresholdsPercent = [80, 80];
    },
    "budget.alertThresholdsPercent",
    /thresholds repeat/,
  ],
  [
    "names too long for IAM",
    (e) => {
      e.project = "plataforma-distribuida-principal";
    },
    "name",
    /too long for IAM and S3 limits/,
  ],
  [
    "a bucket name over 63 characters",
    (e) => {
      e.data = { buckets: { very_long_logical_bucket_name: { kind: "module-data" } } };
    },
    "data.buckets.very_long_logical_bucket_name",
    /S3 allows 63/,
  ],
  [
    "a non-canonical VPC block",
    (e) => {
      region(e, "sa-east-1").network.vpcCidr = "10.30.0.1/16";
    },
    "regions.sa-east-1.network.vpcCidr",
    /not a canonical IPv4 CIDR block/,
  ],
  [
    "a VPC block that is too large",
    (e) => {
      region(e, "sa-east-1").network.vpcCidr = "10.0.0.0/8";
    },
    "regions.sa-east-1.network.vpcCidr",
    /is a \/8.*Fix: use a block from \/16 to \/20/,
  ],
  [
    "VPC blocks overlapping across regions",
    (e) => {
      region(e, "eu-west-1").network.vpcCidr = "10.31.128.0/17";
    },
    "regions.eu-west-1.network.vpcCidr",
    /10.31.128.0\/17 of region eu-west-1 overlaps 10.31.0.0\/16 of region us-east-1/,
  ],
  [
    "a subnet outside its VPC",
    (e) => {
      region(e, "sa-east-1").network.subnets = {
        private: { "sa-east-1a": "10.30.0.0/19", "sa-east-1b": "10.30.32.0/19", "sa-east-1c": "10.99.64.0/19" },
        public: { "sa-east-1a": "10.30.96.0/22", "sa-east-1b": "10.30.100.0/22", "sa-east-1c": "10.30.104.0/22" },
        database: { "sa-east-1a": "10.30.108.0/24", "sa-east-1b": "10.30.109.0/24", "sa-east-1c": "10.30.110.0/24" },
      };
    },
    "regions.sa-east-1.network.subnets.private.sa-east-1c",
    /not inside the VPC block 10.30.0.0\/16/,
  ],
  [
    "two availability zones only",
    (e) => {
      region(e, "sa-east-1").availabilityZones = ["sa-east-1a", "sa-east-1b"];
    },
    "regions.sa-east-1.availabilityZones",
    /exactly 3 availability zones/,
  ],
  [
    "a zone from another region",
    (e) => {
      region(e, "eu-west-1").availabilityZones[2] = "eu-west-2c";
    },
    "regions.eu-west-1.availabilityZones.2",
    /zone eu-west-2c is not in region eu-west-1/,
  ],
  [
    "the DR region equal to the primary",
    (e) => {
      e.dr.region = "sa-east-1";
    },
    "dr.region",
    /DR region sa-east-1 is the primary region/,
  ],
  [
    "a DR region that is not configured",
    (e) => {
      e.dr.region = "us-west-2";
    },
    "dr.region",
    /DR region us-west-2 is not one of the configured regions/,
  ],
  [
    "an RTO the strategy cannot meet",
    (e) => {
      e.dr = { strategy: "pilot-light", region: "us-east-1", rpoMinutes: 15, rtoMinutes: 5 };
    },
    "dr.rtoMinutes",
    /RTO of 5 min is not achievable with strategy "pilot-light".*"warm-standby" or "active-active"/,
  ],
  [
    "production without a standby region",
    (e) => {
      e.dr = { strategy: "backup-restore", rpoMinutes: 1440, rtoMinutes: 480 };
      region(e, "us-east-1").role = "serving";
    },
    "dr.strategy",
    /production needs a standby region/,
  ],
  [
    "a single NAT gateway in production",
    (e) => {
      region(e, "us-east-1").network.natGateways = "single";
    },
    "regions.us-east-1.network.natGateways",
    /single NAT gateway.*Fix: set natGateways to "per-az"/,
  ],
  [
    "short flow log retention in production",
    (e) => {
      region(e, "sa-east-1").network.flowLogs.retentionDays = 180;
    },
    "regions.sa-east-1.network.flowLogs.retentionDays",
    /production keeps flow logs at least 365 days .*got 180/,
  ],
  [
    "a retention CloudWatch does not accept",
    (e) => {
      region(e, "sa-east-1").network.flowLogs.retentionDays = 100;
    },
    "regions.sa-east-1.network.flowLogs.retentionDays",
    /does not accept a retention of 100 days/,
  ],
  [
    "a primary region missing from regions",
    (e) => {
      e.primaryRegion = "us-west-2";
    },
    "primaryRegion",
    /primary region us-west-2 is not one of the configured regions/,
  ],
  [
    "two primary regions",
    (e) => {
      region(e, "eu-west-1").role = "primary";
    },
    "regions.eu-west-1.role",
    /has role "primary" but primaryRegion is sa-east-1/,
  ],
  [
    "personal data outside the allowed regions",
    (e) => {
      e.residency.personalDataRegions = ["us-east-1"];
    },
    "residency.personalDataRegions",
    /primary region sa-east-1 holds personal data but is not in personalDataRegions/,
  ],
  [
    "a state bucket named for another account (a file copied from dev)",
    (e) => {
      e.state = { bucket: "plataforma-tfstate-111111111111" };
    },
    "state.bucket",
    /named for account 111111111111, but this environment deploys to account 333333333333.*Fix: remove state\.bucket/,
  ],
  [
    "a malformed account id",
    (e) => {
      e.account.id = "3333";
    },
    "account.id",
    /"3333" is not a 12-digit AWS account id\. Fix: use the account's 12 digits/,
  ],
  [
    "a budget without recipients",
    (e) => {
      e.budget.notifyEmails = [];
    },
    "budget.notifyEmails",
    /Too small.*Fix: use at least 1 items/,
  ],
  [
    "a malformed e-mail",
    (e) => {
      e.budget.notifyEmails = ["finance-at-plataforma"];
    },
    "budget.notifyEmails.0",
    /"finance-at-plataforma" is not an e-mail address\. Fix: write it as name@domain/,
  ],
  [
    "a monthly budget no environment reaches (an extra digit)",
    (e) => {
      e.budget.monthlyLimitUsd = 20_000_000;
    },
    "budget.monthlyLimitUsd",
    /a monthly budget of 20000000 USD is above 10000000.*Fix: set monthlyLimitUsd to the expected monthly spend/,
  ],
  [
    "a missing required field",
    (e) => {
      delete (e as Partial<EnvironmentInput>).tags;
    },
    "tags",
    /^missing required key "tags"\. Fix: add it \(an object\)$/,
  ],
  [
    "an unknown tier",
    (e) => {
      (e as Record<string, unknown>).tier = "prod";
    },
    "tier",
    /Fix: use one of "development", "staging", "production"/,
  ],
];

describe("environment schema rejects", () => {
  it("at least 15 distinct bad configs", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases)("%s", (_title, mutate, path, message) => {
    const problems = problemsOf(prod(mutate));
    const match = problems.find((p) => p.path === path);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(match?.message).toMatch(message);
  });

  it("lists every problem of a config at once", () => {
    const problems = problemsOf(
      prod((e) => {
        region(e, "eu-west-1").network.vpcCidr = "10.30.0.0/16";
        e.account.id = "1";
        e.dr.region = "sa-east-1";
      }),
    );
    // Each mistake is reported where it is, in one run (moving the DR region also strands
    // the us-east-1 modules that need its cache).
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "account.id",
        "dr.region",
        "regions.eu-west-1.network.vpcCidr",
        "regions.sa-east-1.network.peerRegions.1",
        "regions.us-east-1.role",
      ]),
    );
  });

  it("accepts a state bucket named for the environment's own account, or for no account", () => {
    for (const bucket of ["plataforma-tfstate-333333333333", "plataforma-production-state"]) {
      expect(
        problemsOf(
          prod((e) => {
            e.state = { bucket };
          }),
        ),
      ).toEqual([]);
    }
  });

  it("accepts a valid explicit subnet plan", () => {
    expect(
      problemsOf(
        prod((e) => {
          region(e, "eu-west-1").network.subnets = {
            private: { "eu-west-1a": "10.32.0.0/20", "eu-west-1b": "10.32.16.0/20", "eu-west-1c": "10.32.32.0/20" },
            public: { "eu-west-1a": "10.32.48.0/24", "eu-west-1b": "10.32.49.0/24", "eu-west-1c": "10.32.50.0/24" },
            database: { "eu-west-1a": "10.32.51.0/24", "eu-west-1b": "10.32.52.0/24", "eu-west-1c": "10.32.53.0/24" },
          };
        }),
      ),
    ).toEqual([]);
  });
});

describe("dr.gameDays", () => {
  const staging = (mutate: (env: EnvironmentInput) => void) => {
    const env = cloneInput("staging");
    mutate(env);
    return env;
  };
  const gameDays = (env: EnvironmentInput) => env.dr.gameDays as Record<string, unknown>;

  it("accepts staging's game days, defaulting each fault to 30 minutes", () => {
    const env = parseEnvironment(cloneInput("staging"));
    expect(env.dr.gameDays).toEqual({ availabilityZone: "sa-east-1a", durationMinutes: 30 });
  });

  it("rejects a zone outside the primary region's zones, naming them", () => {
    const problems = problemsOf(staging((e) => (gameDays(e).availabilityZone = "us-east-1a")));
    expect(problems).toEqual([
      {
        path: "dr.gameDays.availabilityZone",
        message: expect.stringMatching(/zone us-east-1a is not one of the primary region's zones \[sa-east-1a, .*Fix:/),
        received: "us-east-1a",
      },
    ]);
  });

  it("rejects a duration FIS cannot run and an unknown key", () => {
    expect(problemsOf(staging((e) => (gameDays(e).durationMinutes = 721))).map((p) => p.path)).toEqual([
      "dr.gameDays.durationMinutes",
    ]);
    expect(problemsOf(staging((e) => (gameDays(e).zone = "sa-east-1a"))).map((p) => p.path)).toEqual([
      "dr.gameDays.zone",
    ]);
  });

  it("rejects game days without a PostgreSQL database to stop on", () => {
    const problems = problemsOf(
      staging((e) => {
        if (e.data) e.data.database = undefined;
      }),
    );
    expect(problems).toContainEqual({
      path: "dr.gameDays",
      received: undefined,
      message: expect.stringMatching(
        /no(ne)?.*Fix: configure data.database with engine postgres, or remove dr.gameDays/,
      ),
    });
  });
});

describe("dr.failedOverTo", () => {
  const staging = (mutate: (env: EnvironmentInput) => void) => {
    const env = cloneInput("staging");
    mutate(env);
    return env;
  };

  it("accepts the standby region and refuses any other, naming the standby", () => {
    expect(problemsOf(staging((e) => Object.assign(e.dr, { failedOverTo: "us-east-1" })))).toEqual([]);
    expect(problemsOf(staging((e) => Object.assign(e.dr, { failedOverTo: "sa-east-1" })))).toEqual([
      expect.objectContaining({
        path: "dr.failedOverTo",
        message: expect.stringMatching(/not the standby region \(us-east-1\).*Fix: set it to us-east-1 or remove it/),
      }),
    ]);
    const dev = cloneInput("dev");
    Object.assign(dev.dr, { failedOverTo: "us-east-1" });
    expect(problemsOf(dev).map((p) => p.path)).toContain("dr.failedOverTo");
  });

  it("needs the primary's Route 53 health check, which the failover inverts", () => {
    const input = staging((e) => {
      Object.assign(e.dr, { failedOverTo: "us-east-1" });
      Object.assign(e.edge!.regions!["sa-east-1" as "us-east-1"]!, { healthCheck: false });
    });
    expect(problemsOf(input)).toContainEqual(
      expect.objectContaining({
        path: "edge.regions.sa-east-1.healthCheck",
        message: expect.stringMatching(/dr.failedOverTo drains sa-east-1 .*Fix: set healthCheck to true/),
      }),
    );
  });
});

describe("monitoring.subscribers", () => {
  it("refuses an e-mail address listed twice for one severity (found by the fuzz test: synth crashed)", () => {
    const dev = cloneInput("dev");
    const monitoring = dev.monitoring as { subscribers: { warning: { emails: string[] } } };
    monitoring.subscribers.warning.emails = ["platform@plataforma.app", "Platform@plataforma.app"];
    expect(problemsOf(dev)).toEqual([
      expect.objectContaining({
        path: "monitoring.subscribers.warning.emails",
        message: expect.stringMatching(/repeats platform@plataforma\.app: each address subscribes once\. Fix/),
      }),
    ]);
  });
});
