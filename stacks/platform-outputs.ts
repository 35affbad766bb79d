/**
 * Output names of the `<env>-<region>-platform` stack. No stack reads them (operators and
 * DR drills read them from state), so there are no placeholders and no reader.
 */
export const PLATFORM_OUTPUTS = {
  /** IAM role ARN of each module's service account, by module key. */
  moduleRoleArns: "module_role_arns",
  /** Namespaces of the modules running in the region. */
  moduleNamespaces: "module_namespaces",
} as const;
