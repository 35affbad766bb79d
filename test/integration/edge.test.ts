/**
 * Terraform-level checks of the edge layer: `terraform validate` of every environment's
 * `<env>-global-edge` stack and an offline `terraform plan` of dev's, with assertions on
 * what the plan creates (the ACM validation record's for_each must be known at plan
 * time, offline). Cloudflare stacks are skipped offline (no provider binary) and covered
 * by unit tests.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_NAMES } from "../../environments";
import { runStacks } from "../../scripts/lib/runner";
import { quiet, synthesizeOffline } from "./offline-synth";

const isEdge = (s: { name: string }) => s.name.endsWith("-global-edge") || s.name.endsWith("-global-cloudflare");
const { workDir, stacks } = synthesizeOffline("edge", ENVIRONMENT_NAMES, isEdge);

interface Plan {
  resource_changes: {
    address: string;
    type: string;
    change: { actions: string[]; after: Record<string, unknown> | null };
  }[];
}

describe("edge stacks", () => {
  it("are AWS-only; cloudflare stacks need only the cloudflare provider", () => {
    const edge = stacks.filter((s) => s.name.endsWith("-global-edge"));
    expect(edge.map((s) => s.name).sort()).toEqual([
      "dev-global-edge",
      "production-global-edge",
      "staging-global-edge",
    ]);
    expect(edge.every((s) => s.awsOnly)).toBe(true);
    const cloudflare = stacks.filter((s) => s.name.endsWith("-global-cloudflare"));
    expect(cloudflare.map((s) => s.name)).toEqual(["production-global-cloudflare"]);
    expect(cloudflare[0].providers).toEqual(["cloudflare"]);
  });

  it("terraform validate accepts every environment's edge stack and skips cloudflare offline", async () => {
    const outcomes = await runStacks(stacks, "validate", 2, true, quiet, workDir);
    const byName = Object.fromEntries(outcomes.map((o) => [o.stack, o.status]));
    expect(byName).toEqual({
      "dev-global-edge": "ok",
      "staging-global-edge": "ok",
      "production-global-edge": "ok",
      "production-global-cloudflare": "skipped",
    });
  }, 600_000);

  it("dev's edge stack plans offline: zone, records, health check, certificate, WAF, distribution", async () => {
    const dev = stacks.filter((s) => s.name === "dev-global-edge");
    const [outcome] = await runStacks(dev, "plan", 1, true, quiet, workDir);
    expect(outcome.status).toBe("ok");
    const planPath = join(dev[0].dir, "plan.json");
    expect(existsSync(planPath)).toBe(true);
    const plan = JSON.parse(readFileSync(planPath, "utf8")) as Plan;
    expect(plan.resource_changes.every((c) => c.change.actions.join() === "create")).toBe(true);
    const count = (type: string) => plan.resource_changes.filter((c) => c.type === type).length;
    expect(count("aws_route53_zone")).toBe(1);
    expect(count("aws_route53_hosted_zone_dnssec")).toBe(1);
    expect(count("aws_route53_key_signing_key")).toBe(1);
    expect(count("aws_route53_query_log")).toBe(1);
    expect(count("aws_route53_health_check")).toBe(1);
    expect(count("aws_cloudfront_distribution")).toBe(1);
    expect(count("aws_cloudfront_cache_policy")).toBe(3);
    expect(count("aws_wafv2_web_acl")).toBe(1);
    expect(count("aws_wafv2_web_acl_logging_configuration")).toBe(1);
    expect(count("aws_acm_certificate_validation")).toBe(1);
    // The validation record is keyed by domain name, known at plan time.
    expect(plan.resource_changes.map((c) => c.address)).toContain(
      'aws_route53_record.certificate_validation-record_33B98EBC["modules.dev.plataforma.app"]',
    );
    const distribution = plan.resource_changes.find((c) => c.type === "aws_cloudfront_distribution")!.change.after!;
    expect(distribution).toMatchObject({ http_version: "http2and3", aliases: ["modules.dev.plataforma.app"] });
    const acl = plan.resource_changes.find((c) => c.type === "aws_wafv2_web_acl")!.change.after!;
    expect(acl.scope).toBe("CLOUDFRONT");
  }, 600_000);
});
