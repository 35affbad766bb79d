/**
 * Terraform-level checks of the data stacks: `terraform validate` of every data stack of
 * every environment, and offline plans of the dev data stack and of production's
 * primary and DR data stacks (placeholder upstream outputs seeded), with a scan of the
 * plan JSON for anything that looks like a secret value.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_NAMES } from "../../environments";
import { runStacks } from "../../scripts/lib/runner";
import { quiet, synthesizeOffline } from "./offline-synth";

const { workDir, stacks } = synthesizeOffline("data", ENVIRONMENT_NAMES, (s) => s.name.endsWith("-data"));

/** Keys whose value would be a credential if it were a literal string. */
const SECRET_KEY = /(^|_)(password|passwords|auth_token|secret_string|secret_key|access_key|token)$/i;
/** Values shaped like credentials whatever their key. */
const SECRET_VALUE = /(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|postgres(ql)?:\/\/[^:\s]+:[^@\s]+@)/;

/** Paths of literal values that look like secrets. */
function findSecrets(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => {
      const here = `${path}.${key}`;
      // Configuration expressions wrap literals as { constant_value: ... }.
      const inner =
        v && typeof v === "object" && "constant_value" in v ? (v as { constant_value: unknown }).constant_value : v;
      const literal = typeof inner === "string" && inner.length > 0;
      return [...(SECRET_KEY.test(key) && literal ? [here] : []), ...findSecrets(v, here)];
    });
  }
  return typeof value === "string" && SECRET_VALUE.test(value) ? [path] : [];
}

describe("data stacks", () => {
  it("every data stack of every environment passes terraform validate", async () => {
    expect(stacks.map((s) => s.name).sort()).toEqual([
      "dev-sa-east-1-data",
      "production-sa-east-1-data",
      "production-us-east-1-data",
      "staging-sa-east-1-data",
      "staging-us-east-1-data",
    ]);
    expect(stacks.every((s) => s.awsOnly)).toBe(true);
    const outcomes = await runStacks(stacks, "validate", 2, true, quiet, workDir);
    expect(outcomes.filter((o) => o.status !== "ok")).toEqual([]);
  }, 900_000);

  it("dev and production (primary and DR) plan offline, create only, and hold no secret value", async () => {
    const selected = stacks.filter((s) =>
      ["dev-sa-east-1-data", "production-sa-east-1-data", "production-us-east-1-data"].includes(s.name),
    );
    const outcomes = await runStacks(selected, "plan", 2, true, quiet, workDir);
    expect(outcomes.filter((o) => o.status !== "ok")).toEqual([]);
    for (const stack of selected) {
      const text = readFileSync(join(stack.dir, "plan.json"), "utf8");
      const plan = JSON.parse(text) as {
        resource_changes: { type: string; change: { actions: string[] } }[];
        variables?: Record<string, { value: unknown }>;
        configuration: { provider_config?: unknown; root_module: unknown };
      };
      expect(plan.resource_changes.every((c) => c.change.actions.join() === "create")).toBe(true);
      // Everything but the provider block, which carries the offline dummy credentials by design.
      const scanned = { ...plan, configuration: { root_module: plan.configuration.root_module } };
      expect({ stack: stack.name, secrets: findSecrets(scanned) }).toEqual({ stack: stack.name, secrets: [] });
      expect(findSecrets(plan.configuration.provider_config).length).toBeGreaterThan(0);
      const count = (type: string) => plan.resource_changes.filter((c) => c.type === type).length;
      if (stack.name === "dev-sa-east-1-data") {
        expect(count("aws_db_instance")).toBe(1);
        expect(count("aws_elasticache_replication_group")).toBe(1);
      }
      if (stack.name === "production-sa-east-1-data") {
        expect(count("aws_rds_global_cluster")).toBe(1);
        expect(count("aws_rds_cluster_instance")).toBe(3);
        // reports, backups, vendas_documents and the module bundles (CloudFront's failover origin).
        expect(count("aws_s3_bucket_replication_configuration")).toBe(4);
        expect(count("aws_appautoscaling_target")).toBe(1);
        expect(count("aws_backup_plan")).toBe(1);
        expect(count("aws_backup_vault_lock_configuration")).toBe(2);
        // The ephemeral password variable never reaches the plan.
        expect(Object.values(plan.variables ?? {}).every((v) => v.value === null || v.value === undefined)).toBe(true);
      }
      if (stack.name === "production-us-east-1-data") {
        expect(count("aws_rds_cluster")).toBe(1);
        expect(count("aws_elasticache_replication_group")).toBe(1);
      }
    }
  }, 900_000);
});

describe("findSecrets", () => {
  it("flags literal passwords and credential-shaped values, not references or nulls", () => {
    expect(
      findSecrets({
        a: { password: "hunter2", master_password: null, auth_token: "" },
        b: ["postgres://u:p@h/db"],
        c: "AKIAABCDEFGHIJKLMNOP",
        d: { token: { constant_value: "t" } },
      }),
    ).toEqual(["$.a.password", "$.b[0]", "$.c", "$.d.token"]);
    expect(findSecrets({ manage_master_user_password: true, master_user_secret_kms_key_id: "arn:aws:kms:x" })).toEqual(
      [],
    );
  });
});
