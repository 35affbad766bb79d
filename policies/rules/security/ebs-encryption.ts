import { providerConfig, resourcesOf } from "../../lib/stack";
import { block, blocks, isTrue, show } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** The stack turns on EBS encryption by default for the resource's provider (region). */
function encryptedByDefault(stack: StackView, resource: Resource): boolean {
  const config = providerConfig(stack, resource);
  return resourcesOf(stack, "aws_ebs_encryption_by_default").some(
    (d) => isTrue(d.values.enabled) && providerConfig(stack, d) === config,
  );
}

/**
 * EBS volumes are encrypted: `aws_ebs_volume.encrypted`, every launch template block
 * device and instance root device. A launch template with no block device mappings
 * uses the AMI's, so it passes only when the region encrypts EBS by default.
 */
export const ebsEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_ebs_volume", "aws_launch_template", "aws_instance").flatMap((r): Violation[] => {
    if (r.type === "aws_ebs_volume")
      return isTrue(r.values.encrypted)
        ? []
        : [{ address: r.address, message: `encrypted is ${show(r.values.encrypted)}` }];
    const devices =
      r.type === "aws_launch_template"
        ? blocks(r.values.block_device_mappings).map((m) => block(m.ebs))
        : [block(r.values.root_block_device), ...blocks(r.values.ebs_block_device)];
    const present = devices.filter((d) => d !== undefined);
    if (present.length === 0) {
      return encryptedByDefault(stack, r)
        ? []
        : [
            {
              address: r.address,
              message:
                "no EBS block device is declared (the AMI's unencrypted defaults apply) and the stack does " +
                "not enable aws_ebs_encryption_by_default",
            },
          ];
    }
    const plain = present.filter((d) => !isTrue(d?.encrypted));
    return plain.length === 0 || encryptedByDefault(stack, r)
      ? []
      : [
          {
            address: r.address,
            message: `${plain.length} block device(s) have encrypted=${show(plain[0]?.encrypted)}`,
          },
        ];
  });
