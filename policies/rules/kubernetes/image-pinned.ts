import { helmSettingCheck } from "../../lib/helm";
import { allContainers, label } from "../../lib/kubernetes";
import { literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Why an image reference is not pinned, or undefined when it names a digest or a fixed tag. */
export function imageProblem(image: string): string | undefined {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastPart.includes(":") ? lastPart.slice(lastPart.indexOf(":") + 1) : undefined;
  if (tag === undefined) return "has no tag (pulls latest)";
  return tag === "latest" ? "uses the latest tag" : undefined;
}

const helm = helmSettingCheck(
  (s) => {
    if (typeof s.value !== "string") return undefined;
    if (s.leaf === "tag" && /(^|\.)image(s)?(\.|\[)/i.test(s.path) && s.value === "latest") return "tag is latest";
    if (s.leaf === "image" && s.value.includes(":")) {
      const problem = imageProblem(s.value);
      return problem ? `image ${s.value} ${problem}` : undefined;
    }
    return undefined;
  },
  ["tag", "image"],
);

/**
 * Every container image is pinned: a digest (`@sha256:...`) or a fixed tag, never `latest`
 * or no tag, so a deploy runs the build that was reviewed. Helm values never set `latest`.
 */
export const imagePinned: StackCheck = (stack) => [
  ...allContainers(stack).flatMap((c): Violation[] => {
    const image = literalString(c.values.image);
    const problem = image === undefined ? `image is ${show(c.values.image)}` : imageProblem(image);
    return problem
      ? [{ address: c.workload.resource.address, message: `${label(c)}: ${image ?? ""} ${problem}`.trim() }]
      : [];
  }),
  ...helm(stack),
];
