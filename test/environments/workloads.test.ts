import { MODULE_GROUPS, ModuleManifestSchema, moduleShortName } from "../../constructs/workloads/manifest-schema";
import { ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "../../environments";
import { MODULE_CATALOG } from "../../environments/modules";
import type { EnvironmentInput } from "../../environments/schema";
import { cloneInput, problemsOf } from "../helpers";

type Workloads = NonNullable<EnvironmentInput["workloads"]>;

/** The module overrides of one region; the fixtures configure every region a test edits. */
function modulesOf(input: EnvironmentInput, region: keyof NonNullable<Workloads["regions"]>) {
  return input.workloads!.regions![region]!.modules;
}

function dev(change: (input: EnvironmentInput) => void): EnvironmentInput {
  const input = cloneInput("dev");
  change(input);
  return input;
}

const at = (path: string, message: RegExp) =>
  expect.objectContaining({ path, message: expect.stringMatching(message) });

describe("module catalog", () => {
  it.each(Object.entries(MODULE_CATALOG))("%s is a valid manifest keyed by its short name", (key, manifest) => {
    expect(moduleShortName(ModuleManifestSchema.parse(manifest).name)).toBe(key);
  });

  it("covers the core, business and admin groups", () => {
    expect(new Set(Object.values(MODULE_CATALOG).map((m) => m.group))).toEqual(new Set(MODULE_GROUPS));
    expect(Object.keys(MODULE_CATALOG).length).toBeGreaterThanOrEqual(5);
  });
});

describe("workloads config", () => {
  it.each(ENVIRONMENT_NAMES)("%s places modules in configured regions only", (name) => {
    const env = loadEnvironment(name);
    for (const region of Object.keys(env.workloads.regions)) expect(env.regions[region]).toBeDefined();
    for (const region of Object.keys(env.workloads.regions))
      expect(env.regions[region].cluster?.nodeGroups.modules).toBeDefined();
  });

  it("applies overrides on top of the manifest", () => {
    const vendas = loadEnvironment("dev").workloads.regions["sa-east-1"].modules.vendas;
    expect(vendas?.autoscaling).toMatchObject({ minReplicas: 1, maxReplicas: 2, targetCpuUtilizationPercent: 70 });
    expect(vendas?.resources.requests).toEqual({ cpu: "50m", memory: "128Mi" });
    expect(vendas?.security.permissions).toContain("storage:read:vendas_documents");
  });

  it("defaults to no modules", () => {
    const env = parseEnvironment(
      dev((i) => {
        delete i.workloads;
      }),
    );
    expect(env.workloads).toEqual({ regions: {} });
  });

  it("fails for a module not in the catalog", () => {
    expect(
      problemsOf(
        dev((i) => {
          // Not a catalog key: the type forbids it, the test checks the schema does too.
          (modulesOf(i, "sa-east-1") as Record<string, unknown>).contabilidade = {};
        }),
      ),
    ).toEqual([at("workloads.regions.sa-east-1.modules.contabilidade", /"contabilidade"/)]);
  });

  it("fails for a region that is not configured", () => {
    expect(
      problemsOf(
        dev((i) => {
          i.workloads!.regions!["us-east-1"] = { modules: { portal: {} } };
        }),
      ),
    ).toEqual([
      at("workloads.regions.us-east-1", /region us-east-1, which is not configured under regions \[sa-east-1\]\. Fix/),
    ]);
  });

  it("fails for an override above the manifest's reviewed limits", () => {
    const problems = problemsOf(
      dev((i) => {
        modulesOf(i, "sa-east-1").vendas = {
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2", memory: "256Mi" } },
        };
      }),
    );
    expect(problems).toEqual([
      at(
        "workloads.regions.sa-east-1.modules.vendas.resources.limits.cpu",
        /^module vendas: CPU limit 2 exceeds the reviewed ceiling security\.limits\.cpu 250m/,
      ),
    ]);
  });

  it("fails for replica bounds that cross", () => {
    expect(
      problemsOf(
        dev((i) => {
          modulesOf(i, "sa-east-1").auth = { autoscaling: { minReplicas: 4, maxReplicas: 2 } };
        }),
      ),
    ).toEqual([
      at(
        "workloads.regions.sa-east-1.modules.auth.autoscaling.maxReplicas",
        /^module auth: maxReplicas 2 is below minReplicas 4/,
      ),
    ]);
  });

  it("fails when a permission names a schema or bucket the data catalog lacks", () => {
    const problems = problemsOf(
      dev((i) => {
        i.data!.databaseSchemas = i.data!.databaseSchemas!.filter((s) => s !== "estoque_schema");
        delete i.data!.buckets!.reports;
      }),
    );
    expect(problems).toEqual([
      at(
        "workloads.regions.sa-east-1.modules.estoque.security.permissions.0",
        /^module estoque: schema estoque_schema is not in the environment's data\.databaseSchemas/,
      ),
      at("workloads.regions.sa-east-1.modules.estoque.security.permissions.1", /schema estoque_schema/),
      at(
        "workloads.regions.sa-east-1.modules.financeiro.security.permissions.4",
        /^module financeiro: bucket reports is not in the environment's data\.buckets/,
      ),
      at("workloads.regions.sa-east-1.modules.financeiro.security.permissions.5", /bucket reports/),
    ]);
  });

  it("fails when the region's cluster has no modules node group", () => {
    const problems = problemsOf(
      dev((i) => {
        delete i.regions["sa-east-1"]!.cluster!.nodeGroups.modules;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        at(
          "workloads.regions.sa-east-1",
          /its cluster has no "modules" node group.*Fix: add regions.sa-east-1.cluster.nodeGroups.modules/,
        ),
      ]),
    );
  });

  it("fails for a module touching personal data stores outside the residency regions", () => {
    const input = cloneInput("production");
    modulesOf(input, "eu-west-1").vendas = {};
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        at(
          "workloads.regions.eu-west-1.modules.vendas",
          new RegExp(
            /reads or writes personal data stores \(database:read:vendas_schema.*/.source +
              /eu-west-1 is not in residency.personalDataRegions \[sa-east-1, us-east-1\]/.source,
          ),
        ),
      ]),
    );
  });

  it("fails for a module with events in a region without a cache", () => {
    const input = cloneInput("staging");
    modulesOf(input, "us-east-1").auth = {};
    expect(problemsOf(input)).toEqual([
      at(
        "workloads.regions.us-east-1.modules.auth",
        /declares events:emit but us-east-1 has no cache to carry events\. Fix: run it in sa-east-1/,
      ),
    ]);
  });

  it("fails for a replicated bucket whose DR replica name would pass 63 characters", () => {
    const input = cloneInput("production");
    input.data!.buckets!.abcdefghijklmnopqrstuvwx = { kind: "backups" };
    expect(problemsOf(input)).toEqual([
      at(
        "data.buckets.abcdefghijklmnopqrstuvwx",
        /plataforma-production-abcdefghijklmnopqrstuvwx-replica-333333333333" is 67 characters; S3 allows 63/,
      ),
    ]);
  });

  it("does not check replica names when the DR strategy keeps no standby (no replica is created)", () => {
    const input = cloneInput("dev");
    input.dr = { ...input.dr, region: "us-east-1" };
    input.data!.buckets!.abcdefghijklmnopqrstuvwxyzabcd = { kind: "backups" };
    expect(problemsOf(input).filter((p) => p.path.startsWith("data.buckets"))).toEqual([]);
  });

  it("fails for a region holding data without a cluster", () => {
    const input = cloneInput("production");
    delete input.regions["us-east-1"]!.cluster;
    delete input.workloads!.regions!["us-east-1"];
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        at(
          "regions.us-east-1.cluster",
          /region us-east-1 holds data .* but has no cluster\. Fix: add regions\.us-east-1\.cluster/,
        ),
      ]),
    );
  });
});
