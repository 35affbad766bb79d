import { databaseGrants, moduleStatements, secretArn } from "../../../constructs/workloads/module-iam";
import { mustParsePermissions } from "../../../constructs/workloads/permissions";

describe("moduleStatements", () => {
  const base = {
    secrets: {},
    bucketNames: { aa: "bucket-a", bb: "bucket-b" },
    region: "us-east-1",
    accountId: "222222222222",
  };

  it("is empty when only database, api and events permissions are declared", () => {
    expect(
      moduleStatements({
        ...base,
        permissions: mustParsePermissions(["database:write:x_schema", "api:external:a.example.com", "events:emit"]),
      }),
    ).toEqual([]);
  });

  it("write grants put and delete only, read grants get and list only", () => {
    expect(
      moduleStatements({ ...base, permissions: mustParsePermissions(["storage:write:aa", "storage:read:bb"]) }),
    ).toEqual([
      { Sid: "StorageReadObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::bucket-b/*"] },
      { Sid: "StorageListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::bucket-b"] },
      {
        Sid: "StorageWriteObjects",
        Effect: "Allow",
        Action: ["s3:DeleteObject", "s3:PutObject"],
        Resource: ["arn:aws:s3:::bucket-a/*"],
      },
    ]);
  });

  it("adds the bucket key's actions, only via S3 and only for that bucket, when the bucket uses a CMK", () => {
    const key = "arn:aws:kms:us-east-1:222222222222:key/1234";
    const statements = moduleStatements({
      ...base,
      bucketKeyArns: { aa: key },
      permissions: mustParsePermissions(["storage:read:aa", "storage:write:aa", "storage:read:bb"]),
    });
    expect(statements.filter((s) => s.Sid?.startsWith("BucketKey"))).toEqual([
      {
        Sid: "BucketKeyAa",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [key],
        Condition: {
          StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*"] },
        },
      },
    ]);
    const readOnly = moduleStatements({
      ...base,
      bucketKeyArns: { bb: key },
      permissions: mustParsePermissions(["storage:read:bb"]),
    });
    expect(readOnly.find((s) => s.Sid === "BucketKeyBb")?.Action).toEqual(["kms:Decrypt"]);
  });

  it("names secrets by the documented ARN wildcard, or by the ARN given", () => {
    expect(secretArn("app/db", "us-east-1", "222222222222")).toBe(
      "arn:aws:secretsmanager:us-east-1:222222222222:secret:app/db-??????",
    );
    const arn = "arn:aws:secretsmanager:us-east-1:222222222222:secret:app/key-AbCdEf";
    expect(moduleStatements({ ...base, permissions: [], secrets: { B: "app/db", A: arn } })).toEqual([
      {
        Sid: "ReadDeclaredSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: ["arn:aws:secretsmanager:us-east-1:222222222222:secret:app/db-??????", arn],
      },
    ]);
  });

  it("fails for a storage permission without a bucket name", () => {
    expect(() => moduleStatements({ ...base, permissions: mustParsePermissions(["storage:read:cc"]) })).toThrow(
      /no bucket name for logical bucket cc/,
    );
  });
});

describe("databaseGrants", () => {
  it("one grant per schema, write winning over read, role named after the module", () => {
    expect(
      databaseGrants(
        "admin-usuarios",
        mustParsePermissions([
          "database:read:core_schema",
          "database:read:admin_schema",
          "database:write:admin_schema",
          "events:emit",
        ]),
      ),
    ).toEqual([
      { role: "admin_usuarios_module", schema: "admin_schema", access: "write" },
      { role: "admin_usuarios_module", schema: "core_schema", access: "read" },
    ]);
  });
});
