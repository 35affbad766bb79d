import {
  companions,
  providerConfig,
  referenced,
  regionOf,
  resourceAt,
  resourcesOf,
  toStackView,
} from "../../../policies/lib/stack";
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

  it("reads a resource's tags again in a view with other providers (the merge is memoized per providers)", () => {
    const bucket = get("aws_s3_bucket.b");
    const staging = { aws: [{ region: "sa-east-1", default_tags: [{ tags: { Environment: "staging" } }] }] };
    expect(effectiveTags({ ...view, providers: staging }, bucket)).toEqual({ Environment: "staging" });
    expect(effectiveTags(view, bucket)).toEqual({ Environment: "production", Team: "platform" });
  });
});

describe("resource index", () => {
  // A view built by hand may interleave types and repeat an address; the index must read it as the scans did.
  const a1 = { type: "aws_a", name: "one", address: "aws_a.one", values: { n: 1 } };
  const b1 = { type: "aws_b", name: "one", address: "aws_b.one", values: {} };
  const a2 = { type: "aws_a", name: "two", address: "aws_a.two", values: {} };
  const a1Again = { type: "aws_a", name: "one", address: "aws_a.one", values: { n: 2 } };
  const mixed = { name: "m", providers: {}, resources: [a1, b1, a2, a1Again] };

  it("returns resources of several types in document order, not grouped by type", () => {
    expect(resourcesOf(mixed, "aws_b", "aws_a")).toEqual([a1, b1, a2, a1Again]);
    expect(resourcesOf(mixed, "aws_a")).toEqual([a1, a2, a1Again]);
    expect(resourcesOf(mixed, "aws_c")).toEqual([]);
  });

  it("finds the first resource of an address or reference, as a scan would", () => {
    expect(resourceAt(mixed, "aws_a.one")).toBe(a1);
    expect(referenced(mixed, "${aws_a.one.arn}")).toBe(a1);
    expect(referenced(mixed, "${aws_a.three.arn}")).toBeUndefined();
    expect(resourceAt(mixed, "aws_c.one")).toBeUndefined();
  });

  it("indexes a copy of a view with other resources afresh", () => {
    expect(resourcesOf(mixed, "aws_a")).toHaveLength(3);
    const copy = { ...mixed, resources: [b1, a2] };
    expect(resourcesOf(copy, "aws_a")).toEqual([a2]);
    expect(resourceAt(copy, "aws_a.one")).toBeUndefined();
  });

  it("hands out a list the caller may change without changing the index", () => {
    resourcesOf(mixed, "aws_a").pop();
    expect(resourcesOf(mixed, "aws_a")).toHaveLength(3);
  });
});
