import { checkBucketName } from "../../../constructs/storage/bucket-name";

const messageFor = (name: unknown) => checkBucketName("bucketName", name).map((p) => p.message);

describe("checkBucketName", () => {
  it.each(["abc", "a".repeat(63), "orders-production-reports", "logs.example.com", "1-2-3", "192.168.5.4x"])(
    "accepts %s",
    (name) => {
      expect(checkBucketName("bucketName", name)).toEqual([]);
    },
  );

  const shape = "must be 3-63 lowercase letters, digits, dots or dashes, starting and ending with a letter or digit";
  it.each<[unknown, string]>([
    ["ab", shape],
    ["a".repeat(64), shape],
    ["Orders", shape],
    ["orders_reports", shape],
    ["-orders", shape],
    ["orders.", shape],
    ["", shape],
    [42, shape],
    ["orders..reports", "must not contain two adjacent dots"],
    ["192.168.5.4", "must not be formatted as an IP address"],
    ["xn--orders", "must not start with xn-- (reserved by S3)"],
    ["sthree-orders", "must not start with sthree- (reserved by S3)"],
    ["amzn-s3-demo-orders", "must not start with amzn-s3-demo- (reserved by S3)"],
    ["orders-s3alias", "must not end with -s3alias (reserved by S3)"],
    ["orders--ol-s3", "must not end with --ol-s3 (reserved by S3)"],
    ["orders.mrap", "must not end with .mrap (reserved by S3)"],
    ["orders--x-s3", "must not end with --x-s3 (reserved by S3)"],
    ["orders--table-s3", "must not end with --table-s3 (reserved by S3)"],
    [undefined, "is required"],
  ])("refuses %s: %s", (name, message) => {
    expect(messageFor(name)).toEqual([message]);
  });

  it("names the prop, the value and the fix", () => {
    expect(checkBucketName("logs.bucketName", "Bad_Name")).toEqual([
      {
        prop: "logs.bucketName",
        message: shape,
        received: "Bad_Name",
        fix: "use 3-63 lowercase letters, digits and dashes, starting and ending with a letter or digit",
      },
    ]);
  });
});
