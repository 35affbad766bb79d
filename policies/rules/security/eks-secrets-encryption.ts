import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { block, blocks, show, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every EKS cluster envelope-encrypts Kubernetes secrets with a customer-managed key. */
export const eksSecretsEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_eks_cluster").flatMap((cluster): Violation[] => {
    const configs = blocks(cluster.values.encryption_config);
    const secrets = configs.find((c) => strings(c.resources).includes("secrets"));
    if (!secrets) return [{ address: cluster.address, message: 'no encryption_config covers "secrets"' }];
    const keyArn = block(secrets.provider)?.key_arn;
    return isCustomerKey(keyArn)
      ? []
      : [
          {
            address: cluster.address,
            message: `encryption_config.provider.key_arn is ${show(keyArn)}, not a customer-managed key`,
          },
        ];
  });
