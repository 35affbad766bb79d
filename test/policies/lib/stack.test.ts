import { companions, providerConfig, regionOf, toStackView } from "../../../policies/lib/stack";
import { effectiveTags } from "../../../policies/lib/tags";

const json = {
  provider: {
    aws: [
      { region: "sa-east-1", default_tags: [{ tags: { Environment: "production", Team: "platform" } }] },
      { alias: "us-east-1", region: "us-east-1", default_tags: [{ tags: { Environment: "production", Team: "dr" } }] },
    ],
  },
  resource: {
    aws_s3_bucket: {
      b: { bucket: "named" },
      dr: { provider: "aws.us-east-1", region: undefined, tags: { Team: "storage" } },
    },
    aws_s3_bucket_versioning: {
      by_ref: { bucket: "${aws_s3_bucket.b.id}" },
      by_name: { bucket: "named" },
      other: { bucket: "${aws_s3_bucket.dr.id}" },
    },
    aws_db_instance: { own_region: { region: "eu-west-1" }, token_region: { region: "${var.r}" } },
  },
};
const view = toStackView("s", json);
const get = (address: string) => view.resources.find((r) => r.address === address)!;

describe("stack lookups", () => {
  it("finds companions by reference or by literal bucket name", () => {
    expect(
      companions(view, get("aws_s3_bucket.b"), "aws_s3_bucket_versioning")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["by_name", "by_ref"]);
  });

  it("resolves the provider configuration and region of aliased resources", () => {
    expect(providerConfig(view, get("aws_s3_bucket.dr"))?.alias).toBe("us-east-1");
    expect(regionOf(view, get("aws_s3_bucket.dr"))).toEqual({ region: "us-east-1" });
    expect(regionOf(view, get("aws_s3_bucket.b"))).toEqual({ region: "sa-east-1" });
  });

  it("a resource's own region argument wins; an expression is unknown", () => {
    expect(regionOf(view, get("aws_db_instance.own_region"))).toEqual({ region: "eu-west-1" });
    expect(regionOf(view, get("aws_db_instance.token_region"))).toEqual({
      unknown: expect.stringContaining("expression"),
    });
  });

  it("merges the resource's provider default tags with its own tags", () => {
    expect(effectiveTags(view, get("aws_s3_bucket.dr"))).toEqual({ Environment: "production", Team: "storage" });
    expect(effectiveTags(view, get("aws_s3_bucket.b"))).toEqual({ Environment: "production", Team: "platform" });
  });
});
