import { primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import { effectiveTags } from "../../lib/tags";
import { isBeyondDevelopment } from "../../lib/tier";
import { asObject, blocks, resourceReference, strings } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** True when a selection names the resource (`${type.name.arn}`) in `resources`. */
function namesResource(selection: Resource, target: Resource): boolean {
  return strings(selection.values.resources).some((arn) => {
    const ref = resourceReference(arn);
    return ref?.type === target.type && ref.name === target.name;
  });
}

/** True when a tag-based selection (`selection_tag`, `condition.string_equals`) matches the resource's tags. */
function selectsByTag(stack: StackView, selection: Resource, target: Resource): boolean {
  const tags = effectiveTags(stack, target);
  const legacy = blocks(selection.values.selection_tag).filter((t) => t.type === "STRINGEQUALS");
  const conditions = blocks(selection.values.condition).flatMap((c) => blocks(c.string_equals));
  const clauses = [
    ...legacy.map((t) => ({ key: t.key, value: t.value })),
    ...conditions.map((c) => ({ key: String(c.key ?? "").replace(/^aws:ResourceTag\//, ""), value: c.value })),
  ];
  return clauses.some((c) => typeof c.key === "string" && asObject(tags)?.[c.key] === c.value);
}

/**
 * A secondary member of an Aurora Global Database: it joins a global cluster and has no
 * master user of its own. Its data is the primary's, whose backup plan copies recovery
 * points into this region's vault.
 */
function isGlobalSecondary(db: Resource): boolean {
  return (
    db.type === "aws_rds_cluster" &&
    db.values.global_cluster_identifier !== undefined &&
    db.values.master_username === undefined
  );
}

/**
 * Beyond development, every database (RDS instance, Aurora cluster) is in an AWS Backup
 * plan: an `aws_backup_selection` of this stack names it or selects it by tag. Backup
 * copies live in a vault outside the database's own lifecycle (deletion, KMS key, account).
 * Global Database secondaries are covered by their primary's plan (its copy action).
 */
export const backupCoverage: StackCheck = (stack) => {
  if (!isBeyondDevelopment(stack)) return [];
  const selections = resourcesOf(stack, "aws_backup_selection");
  const clusters = resourcesOf(stack, "aws_rds_cluster").filter((c) => !isGlobalSecondary(c));
  const databases = [...primaryInstances(stack), ...clusters];
  return databases.flatMap((db): Violation[] =>
    selections.some((s) => namesResource(s, db) || selectsByTag(stack, s, db))
      ? []
      : [{ address: db.address, message: "no aws_backup_selection of this stack covers the database" }],
  );
};
