import {
  checkManifestInContext,
  DEFAULT_SCALE_DOWN,
  DEFAULT_SCALE_UP,
  type ManifestContext,
  ModuleManifestSchema,
  moduleShortName,
  parseModuleManifest,
} from "../../../constructs/workloads/manifest-schema";
import { quietManifest, vendasManifest } from "./fixtures";

type Input = ReturnType<typeof vendasManifest>;

/** Issues of a manifest as "path: message" lines. */
function problems(input: unknown): string[] {
  const result = ModuleManifestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

function mutate(change: (m: Input) => void): Input {
  const m = vendasManifest();
  change(m);
  return m;
}

describe("ModuleManifestSchema", () => {
  it("accepts seed 000's vendas manifest and fills the seeds' defaults", () => {
    const m = ModuleManifestSchema.parse(vendasManifest());
    expect(m.autoscaling.behavior).toEqual({ scaleUp: DEFAULT_SCALE_UP, scaleDown: DEFAULT_SCALE_DOWN });
    expect(m.autoscaling.behavior.scaleUp).toEqual({
      stabilizationWindowSeconds: 60,
      policies: [
        { type: "Percent", value: 100, periodSeconds: 15 },
        { type: "Pods", value: 4, periodSeconds: 15 },
      ],
      selectPolicy: "Max",
    });
    expect(m.autoscaling.behavior.scaleDown).toEqual({
      stabilizationWindowSeconds: 300,
      policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
      selectPolicy: "Min",
    });
    expect(m.autoscaling.targetCpuUtilizationPercent).toBe(70);
    expect(m.autoscaling.targetMemoryUtilizationPercent).toBe(80);
    expect(m.rollout).toEqual({ maxUnavailable: 1, maxSurge: 2 });
    expect(m.probes.liveness).toMatchObject({ periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
  });

  it("accepts a digest-pinned manifest without permissions", () => {
    expect(problems(quietManifest())).toEqual([]);
    expect(ModuleManifestSchema.parse(quietManifest()).security.permissions).toEqual([]);
  });

  it("derives the short name from the package name", () => {
    expect(moduleShortName("@plataforma/admin-usuarios-module")).toBe("admin-usuarios");
    // Any npm scope: the library carries no organisation's scope (ModuleWorkload.moduleScope restricts it).
    expect(moduleShortName("@acme/billing-module")).toBe("billing");
  });

  // Each bad manifest fails with the field's path and a message with the fix.
  const bad: [string, (m: Input) => void, string, RegExp][] = [
    [
      "a name outside @<scope>/<x>-module",
      (m) => {
        m.name = "vendas";
      },
      "name",
      /not a module name.*Fix: use @<scope>\/<name>-module/,
    ],
    [
      "a version that is not semver",
      (m) => {
        m.version = "2.1";
      },
      "version",
      /not a semantic version.*Fix/,
    ],
    [
      "the latest tag",
      (m) => {
        m.image = { registry: "ghcr.io", repository: "plataforma-app/vendas", tag: "latest" };
      },
      "image.tag",
      /tag "latest" is mutable.*Fix: pin/,
    ],
    [
      "both a digest and a tag",
      (m) => {
        m.image = { registry: "ghcr.io", repository: "x/y", tag: "1.0.0", digest: `sha256:${"b".repeat(64)}` };
      },
      "image.digest",
      /exactly one of digest or tag/,
    ],
    [
      "a malformed digest",
      (m) => {
        m.image = { registry: "ghcr.io", repository: "x/y", digest: "sha256:abc" };
      },
      "image.digest",
      /not an image digest.*64 lowercase hex/,
    ],
    [
      "a registry with a scheme",
      (m) => {
        m.image = { registry: "https://ghcr.io", repository: "x/y", tag: "1.0.0" };
      },
      "image.registry",
      /not a registry host/,
    ],
    [
      "a privileged port",
      (m) => {
        m.ports = { http: 80 };
      },
      "ports.http",
      /port 80 is privileged.*Fix: listen on 1024-65535/,
    ],
    [
      "a probe on an undeclared port",
      (m) => {
        m.probes = { liveness: { path: "/health", port: "admin" }, readiness: { path: "/ready", port: "http" } };
      },
      "probes.liveness.port",
      /probe port "admin" is not a declared port/,
    ],
    [
      "a memory limit in MB",
      (m) => {
        (m.security as { limits: { memory: string } }).limits.memory = "256MB";
      },
      "security.limits.memory",
      /binary units.*Fix: write Mi or Gi/,
    ],
    [
      "a malformed request rate",
      (m) => {
        (m.security as { limits: { network: string } }).limits.network = "100/min";
      },
      "security.limits.network",
      /not a request rate.*100req\/min/,
    ],
    [
      "an unknown permission kind",
      (m) => {
        (m.security as { permissions: string[] }).permissions = ["filesystem:read:/etc"];
      },
      "security.permissions.0",
      /unknown kind "filesystem".*Fix: use one of database:read:<schema>/,
    ],
    [
      "a malformed external host",
      (m) => {
        (m.security as { permissions: string[] }).permissions = ["api:external:https://crm.example.com/v1"];
      },
      "security.permissions.0",
      /not a host name.*Fix: give a lowercase DNS name without scheme/,
    ],
    [
      "a wildcard external host",
      (m) => {
        (m.security as { permissions: string[] }).permissions = ["api:external:*.example.com"];
      },
      "security.permissions.0",
      /not a host name/,
    ],
    [
      "a database permission without access",
      (m) => {
        (m.security as { permissions: string[] }).permissions = ["database:admin:vendas_schema"];
      },
      "security.permissions.0",
      /access "admin".*Fix: use database:read/,
    ],
    [
      "a repeated permission",
      (m) => {
        (m.security as { permissions: string[] }).permissions = ["events:emit", "events:emit"];
      },
      "security.permissions.1",
      /repeats security.permissions.0/,
    ],
    [
      "minReplicas above maxReplicas",
      (m) => {
        m.autoscaling = { minReplicas: 5, maxReplicas: 2 };
      },
      "autoscaling.maxReplicas",
      /maxReplicas 2 is below minReplicas 5/,
    ],
    [
      "a CPU request above its limit",
      (m) => {
        m.resources = { requests: { cpu: "300m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } };
      },
      "resources.requests.cpu",
      /CPU request 300m exceeds the limit 250m/,
    ],
    [
      "a memory limit above the reviewed ceiling",
      (m) => {
        m.resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "1Gi" } };
      },
      "resources.limits.memory",
      /exceeds the reviewed ceiling security.limits.memory 256Mi/,
    ],
    [
      "a rollout that can never progress",
      (m) => {
        m.rollout = { maxUnavailable: 0, maxSurge: "0%" };
      },
      "rollout",
      /both 0.*Fix: allow a surge/,
    ],
    [
      "a CSP allowing unsafe-eval",
      (m) => {
        (m.security as { csp: Record<string, string> }).csp = { "script-src": "'self' 'unsafe-eval'" };
      },
      "security.csp.script-src",
      /'unsafe-eval'.*Fix: remove/,
    ],
    [
      "an unknown CSP directive",
      (m) => {
        (m.security as { csp: Record<string, string> }).csp = { "script-source": "'self'" };
      },
      "security.csp",
      /Unrecognized key: "script-source"/,
    ],
    [
      "a malformed secret reference",
      (m) => {
        m.secrets = { DATABASE_URL: "arn:aws:s3:::bucket" };
      },
      "secrets.DATABASE_URL",
      /not a Secrets Manager secret name or ARN/,
    ],
    [
      "a variable that is also a secret",
      (m) => {
        m.env = { DATABASE_URL: "postgres://" };
      },
      "env.DATABASE_URL",
      /both a plain variable and a secret/,
    ],
    [
      "a misspelled field",
      (m) => {
        (m as Record<string, unknown>).replicas = 3;
      },
      "",
      /Unrecognized key/,
    ],
  ];

  it.each(bad)("rejects %s, naming the field path in the message", (_, change, path, message) => {
    const found = problems(mutate(change));
    const line = new RegExp(`^${path.replace(/\./g, "\\.")}: .*${message.source}`);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(line)]));
    expect(() => parseModuleManifest(mutate(change))).toThrow(
      new RegExp(
        `Invalid module manifest .*\\n(.*\\n)*  - ${path ? path.replace(/\./g, "\\.") : "<root>"}: .*${message.source}`,
      ),
    );
  });

  it("lists every problem at once, with the value received", () => {
    expect(() =>
      parseModuleManifest(
        mutate((m) => {
          m.version = "x";
          m.ports = { http: 80 };
        }),
      ),
    ).toThrow(
      new RegExp(
        /^Invalid module manifest @plataforma\/vendas-module: 2 problems/.source +
          /\n {2}- version: "x" is not a semantic version.* \(received: "x"\)/.source +
          /\n {2}- ports\.http: port 80 is privileged.* \(received: 80\)$/.source,
      ),
    );
  });
});

describe("checkManifestInContext", () => {
  const context: ManifestContext = {
    databaseSchemas: ["vendas_schema"],
    buckets: ["vendas_documents"],
    nodeCapacity: { cpuMillicores: 1930, memoryMiB: 3422 },
    accountId: "111111111111",
  };
  const check = (input: Input, ctx: Partial<ManifestContext> = {}) =>
    checkManifestInContext(ModuleManifestSchema.parse(input), { ...context, ...ctx }).map(
      (p) => `${p.path.join(".")}: ${p.message}`,
    );

  it("passes when every name exists and the limits fit a node", () => {
    expect(check(vendasManifest())).toEqual([]);
  });

  it("fails when a database schema is not in the data catalog", () => {
    expect(check(vendasManifest(), { databaseSchemas: ["core_schema"] })).toEqual([
      expect.stringMatching(
        new RegExp(
          /^security\.permissions\.0: schema vendas_schema is not in the environment's /.source +
            /data\.databaseSchemas \[core_schema\]\. Fix/.source,
        ),
      ),
      expect.stringMatching(/^security\.permissions\.1: schema vendas_schema/),
    ]);
  });

  it("fails when a bucket is not in the data catalog", () => {
    expect(check(vendasManifest(), { buckets: ["reports"] })).toEqual([
      expect.stringMatching(
        /^security\.permissions\.3: bucket vendas_documents is not in the environment's data\.buckets \[reports\]/,
      ),
    ]);
  });

  it("fails when the limits exceed one modules node", () => {
    expect(check(vendasManifest(), { nodeCapacity: { cpuMillicores: 200, memoryMiB: 200 } })).toEqual([
      expect.stringMatching(
        /^security\.limits\.cpu: CPU limit 250m exceeds what one modules node can allocate \(200m\).*Fix/,
      ),
      expect.stringMatching(
        /^security\.limits\.memory: memory limit 256Mi exceeds what one modules node can allocate \(200Mi\)/,
      ),
    ]);
  });

  it("fails when a secret ARN belongs to another account", () => {
    const m = mutate((x) => {
      x.secrets = { API_KEY: "arn:aws:secretsmanager:sa-east-1:999999999999:secret:k-AbCdEf" };
    });
    expect(check(m)).toEqual([
      expect.stringMatching(
        /^secrets\.API_KEY: secret ARN is in account 999999999999, not the module's account 111111111111/,
      ),
    ]);
  });
});
