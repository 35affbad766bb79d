/**
 * Resource names embed `<project>-<env>-<region>`; the schema caps that prefix at
 * MAX_RESOURCE_PREFIX_LENGTH. This builds production with a prefix of exactly that length (and
 * one character more) and checks every named resource against the AWS limit of its name, so a
 * new suffix longer than the schema assumes fails here, not at apply.
 */
import { parseEnvironment } from "../../environments";
import { MAX_RESOURCE_PREFIX_LENGTH } from "../../environments/schema";
import { buildStacks, cloneInput, problemsOf, synthJson } from "../helpers";

/** Name fields and their AWS limits (characters), from each service's API reference. */
const NAME_LIMITS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  aws_iam_role: [["name", 64]],
  aws_iam_policy: [["name", 128]],
  aws_iam_role_policy: [["name", 128]],
  aws_iam_instance_profile: [["name", 128]],
  aws_cloudwatch_event_rule: [["name", 64]],
  aws_sqs_queue: [["name", 80]],
  aws_elasticache_replication_group: [["replication_group_id", 40]],
  aws_db_instance: [["identifier", 63]],
  aws_rds_cluster: [["cluster_identifier", 63]],
  aws_rds_cluster_instance: [["identifier", 63]],
  aws_rds_global_cluster: [["global_cluster_identifier", 63]],
  aws_eks_cluster: [["name", 100]],
  aws_eks_node_group: [["node_group_name", 63]],
  aws_s3_bucket: [["bucket", 63]],
  aws_sns_topic: [["name", 256]],
  aws_backup_vault: [["name", 50]],
  aws_backup_plan: [["name", 50]],
  aws_backup_selection: [["name", 50]],
  aws_budgets_budget: [["name", 100]],
  aws_cloudtrail: [["name", 128]],
  aws_wafv2_web_acl: [["name", 128]],
};

/** Production's input with the project name padded so its longest prefix has `length` characters. */
function productionWithPrefix(length: number) {
  const input = cloneInput("production");
  const longestRest = Math.max(...Object.keys(input.regions).map((r) => `-${input.name}-${r}`.length));
  input.project = "p".repeat(length - longestRest);
  return input;
}

describe("resource names at the longest prefix the schema allows", () => {
  it(`fit every AWS name limit with a ${MAX_RESOURCE_PREFIX_LENGTH}-character prefix`, () => {
    const env = parseEnvironment(productionWithPrefix(MAX_RESOURCE_PREFIX_LENGTH), "name-limits");
    const { stacks } = buildStacks([env]);
    const tooLong: string[] = [];
    let checked = 0;
    for (const stack of stacks) {
      for (const [type, resources] of Object.entries(synthJson(stack).resource ?? {})) {
        for (const [field, max] of NAME_LIMITS[type] ?? []) {
          for (const [id, resource] of Object.entries(resources)) {
            const name = resource[field];
            if (typeof name !== "string" || name.includes("${")) continue;
            checked++;
            if (name.length > max)
              tooLong.push(`${stack.node.id} ${type}.${id}.${field}: ${name} (${name.length} > ${max})`);
          }
        }
      }
    }
    expect(tooLong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  it("are refused one character longer, at `name`, with the limit in the fix", () => {
    const problems = problemsOf(productionWithPrefix(MAX_RESOURCE_PREFIX_LENGTH + 1));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "name",
          message: expect.stringMatching(new RegExp(`fits in ${MAX_RESOURCE_PREFIX_LENGTH}$`)),
        }),
      ]),
    );
  });
});
