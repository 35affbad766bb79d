import { Testing } from "cdktf";
import { ManagedNodeGroup, type ManagedNodeGroupProps } from "../../../constructs/cluster/managed-node-group";
import { type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const base: ManagedNodeGroupProps = {
  clusterName: "acme-test",
  name: "main",
  nodeRoleArn: "arn:aws:iam::123456789012:role/node",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  securityGroupIds: ["sg-cluster", "sg-nodes"],
  volumeKmsKeyArn: "arn:aws:kms:sa-east-1:123456789012:key/abc",
  instanceTypes: ["m6i.xlarge", "m5.xlarge"],
  minSize: 3,
  desiredSize: 3,
  maxSize: 10,
};

function synth(props: Partial<ManagedNodeGroupProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new ManagedNodeGroup(scope, "group", { ...base, ...props })),
  ) as StackJson;
}

describe("ManagedNodeGroup", () => {
  describe("defaults", () => {
    const json = synth();
    const [group] = valuesOf(json, "aws_eks_node_group");
    const [template] = valuesOf(json, "aws_launch_template");

    it("enforces IMDSv2 with a hop limit of 1", () => {
      expect(template.metadata_options).toEqual({
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      });
    });

    it("boots from an encrypted 50 GiB gp3 root volume with the given key", () => {
      expect(template.block_device_mappings).toEqual([
        {
          device_name: "/dev/xvda",
          ebs: {
            volume_size: 50,
            volume_type: "gp3",
            encrypted: "true",
            kms_key_id: base.volumeKmsKeyArn,
            delete_on_termination: "true",
          },
        },
      ]);
      expect(template.vpc_security_group_ids).toEqual(["sg-cluster", "sg-nodes"]);
      expect(template.key_name).toBeUndefined();
      expect(template.image_id).toBeUndefined();
    });

    it("is an on-demand AL2023 group sized from props, using its own launch template", () => {
      expect(group).toMatchObject({
        ami_type: "AL2023_x86_64_STANDARD",
        capacity_type: "ON_DEMAND",
        instance_types: ["m6i.xlarge", "m5.xlarge"],
        scaling_config: { min_size: 3, desired_size: 3, max_size: 10 },
        node_group_name_prefix: "main-",
        update_config: { max_unavailable_percentage: 33 },
        taint: [],
        labels: {},
      });
      expect(String((group.launch_template as { id: string }).id)).toMatch(/aws_launch_template\..*\.id/);
      expect(group.disk_size).toBeUndefined();
    });

    it("replaces before destroying and leaves the desired size to the autoscaler", () => {
      expect(group.lifecycle).toEqual({
        create_before_destroy: true,
        ignore_changes: ["scaling_config[0].desired_size"],
      });
      expect(template.name_prefix).toBe("acme-test-main-");
    });
  });

  describe("options", () => {
    it("Spot capacity, disk size, labels and taints mapped to EKS effects", () => {
      const json = synth({
        name: "modules",
        instanceTypes: ["c6i.large"],
        capacityType: "SPOT",
        diskSizeGiB: 30,
        labels: { role: "modules" },
        taints: {
          workload: { value: "modules", effect: "NoSchedule" },
          drain: { value: "soon", effect: "NoExecute" },
          soft: { value: "x", effect: "PreferNoSchedule" },
        },
      });
      const [group] = valuesOf(json, "aws_eks_node_group");
      expect(group).toMatchObject({
        capacity_type: "SPOT",
        labels: { role: "modules" },
        node_group_name_prefix: "modules-",
      });
      expect(group.taint).toEqual([
        { key: "workload", value: "modules", effect: "NO_SCHEDULE" },
        { key: "drain", value: "soon", effect: "NO_EXECUTE" },
        { key: "soft", value: "x", effect: "PREFER_NO_SCHEDULE" },
      ]);
      expect(
        (valuesOf(json, "aws_launch_template")[0].block_device_mappings as { ebs: { volume_size: number } }[])[0].ebs
          .volume_size,
      ).toBe(30);
    });

    it("picks the AMI type from the instance types: Graviton and NVIDIA", () => {
      expect(valuesOf(synth({ instanceTypes: ["m7g.large", "c7g.large"] }), "aws_eks_node_group")[0].ami_type).toBe(
        "AL2023_ARM_64_STANDARD",
      );
      expect(
        valuesOf(
          synth({ instanceTypes: ["g4dn.xlarge", "g5.xlarge"], minSize: 0, desiredSize: 0 }),
          "aws_eks_node_group",
        )[0].ami_type,
      ).toBe("AL2023_x86_64_NVIDIA");
    });
  });

  describe("validation", () => {
    it("fails when minSize is above maxSize", () => {
      expect(() => synth({ minSize: 5, desiredSize: 5, maxSize: 3 })).toThrow(
        /group: invalid ManagedNodeGroup props, 2 problems:\n {2}- minSize: is above maxSize 3 \(received: 5\)/,
      );
    });

    it("fails when desiredSize is outside [min, max]", () => {
      expect(() => synth({ desiredSize: 11 })).toThrow(/desiredSize: is outside \[3, 10\] \(received: 11\)/);
    });

    it("fails for an unknown instance family and lists every problem at once", () => {
      expect(reported(() => synth({ instanceTypes: ["zz9.large"], diskSizeGiB: 10 }))).toEqual([
        ["instanceTypes", "zz9.large"],
        ["diskSizeGiB", 10],
      ]);
    });

    it("fails when instance types need different AMI types", () => {
      expect(() => synth({ instanceTypes: ["m6i.large", "m7g.large"] })).toThrow(
        /need different AMI types.*Fix: split them/,
      );
    });

    it("fails for a group that may never have a node, or fractional sizes", () => {
      expect(() => synth({ minSize: 0, desiredSize: 0, maxSize: 0 })).toThrow(
        /maxSize: allows no node \(received: 0\)/,
      );
      expect(() => synth({ minSize: 1.5 })).toThrow(/minSize: sizes must be whole numbers >= 0/);
    });

    it("fails for a name EKS cannot prefix, and for no subnets", () => {
      expect(() => synth({ name: "Main_Group" })).toThrow(/name: is not 2-32 lowercase.*\(received: "Main_Group"\)/);
      expect(() => synth({ subnetIds: [] })).toThrow(/subnetIds: is empty \(received: \[\]\)/);
    });
  });
});
