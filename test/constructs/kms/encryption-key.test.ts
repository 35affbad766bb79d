import { TerraformStack, Testing } from "cdktf";
import { EncryptionKey, type EncryptionKeyProps } from "../../../constructs/kms/encryption-key";
import { type StackJson, valuesOf } from "../../helpers";
import { reported, validationError } from "../fixtures";

const base: EncryptionKeyProps = { alias: "acme-test", purpose: "tests", accountId: "123456789012" };

function synth(props: Partial<EncryptionKeyProps> = {}): StackJson {
  return JSON.parse(Testing.synthScope((scope) => new EncryptionKey(scope, "key", { ...base, ...props }))) as StackJson;
}

type Statement = { Sid: string; Principal: unknown; Action: unknown; Condition?: unknown };
const policy = (json: StackJson) =>
  (JSON.parse(String(valuesOf(json, "aws_kms_key")[0].policy)) as { Statement: Statement[] }).Statement;

describe("EncryptionKey", () => {
  it("defaults: rotation, 30-day window, prevent_destroy, only the account's IAM in the policy", () => {
    const json = synth();
    expect(valuesOf(json, "aws_kms_key")[0]).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      multi_region: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(policy(json).map((s) => s.Sid)).toEqual(["AccountAdministration"]);
    expect(valuesOf(json, "aws_kms_alias")[0].name).toBe("alias/acme-test");
  });

  it("viaServices: any principal of the account, only through the named service; grants only for AWS resources", () => {
    const statements = policy(
      synth({
        viaServices: [
          { viaService: "ec2.sa-east-1.amazonaws.com", actions: ["kms:Decrypt"], allowGrantsForAwsResources: true },
        ],
      }),
    );
    const scope = { "kms:CallerAccount": "123456789012", "kms:ViaService": "ec2.sa-east-1.amazonaws.com" };
    expect(statements.slice(1)).toEqual([
      {
        Sid: "ViaService0",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: { StringEquals: scope },
      },
      {
        Sid: "ViaService0Grants",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { StringEquals: scope, Bool: { "kms:GrantIsForAWSResource": true } },
      },
    ]);
    expect(
      policy(synth({ viaServices: [{ viaService: "ec2.sa-east-1.amazonaws.com", actions: ["kms:Decrypt"] }] })),
    ).toHaveLength(2);
  });

  it("services get their actions with their conditions", () => {
    const [, grant] = policy(
      synth({
        services: [
          {
            principal: "logs.sa-east-1.amazonaws.com",
            actions: ["kms:Encrypt*"],
            condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:x" } },
          },
        ],
      }),
    );
    expect(grant).toMatchObject({
      Sid: "Service0",
      Principal: { Service: "logs.sa-east-1.amazonaws.com" },
      Action: ["kms:Encrypt*"],
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:x" } },
    });
  });

  it("fails for a deletion window outside 7-30 days", () => {
    expect(() => synth({ deletionWindowDays: 3 })).toThrow(
      /deletionWindowDays: must be an integer from 7 to 30 \(received: 3\)/,
    );
  });

  it("fails for an alias KMS would refuse or mangle", () => {
    const cases: [string, string][] = [
      ["", "must be a non-empty string"],
      ["alias/acme-logs", "must not start with alias/ (the construct adds it)"],
      ["acme logs", "must be 1-250 letters, digits, slashes, underscores or dashes"],
      ["acme.logs", "must be 1-250 letters, digits, slashes, underscores or dashes"],
      ["a".repeat(251), "must be 1-250 letters, digits, slashes, underscores or dashes"],
      ["aws/logs", "must not start with aws/ (reserved for AWS managed keys)"],
    ];
    for (const [alias, message] of cases) {
      const error = validationError(() => synth({ alias }));
      expect(error.problems.map((p) => [p.prop, p.received, p.message])).toEqual([["alias", alias, message]]);
    }
    expect(validationError(() => synth({ alias: "alias/acme-logs" })).problems[0].fix).toBe(
      'drop the prefix: "acme-logs"',
    );
    expect(valuesOf(synth({ alias: "team/acme_logs-1" }), "aws_kms_alias")[0].name).toBe("alias/team/acme_logs-1");
  });

  it("fails for an empty purpose and an account id that is not 12 digits", () => {
    expect(reported(() => synth({ purpose: " ", accountId: "12345" }))).toEqual([
      ["purpose", " "],
      ["accountId", "12345"],
    ]);
  });

  it("reports every missing required prop (plain JavaScript callers)", () => {
    const error = validationError(
      () => new EncryptionKey(new TerraformStack(Testing.app(), "stack"), "key", {} as EncryptionKeyProps),
    );
    expect(error.problems.map((p) => [p.prop, p.message])).toEqual([
      ["alias", "is required"],
      ["purpose", "is required"],
      ["accountId", "is required"],
    ]);
  });
});
