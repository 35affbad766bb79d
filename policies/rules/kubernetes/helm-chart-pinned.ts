import { resourcesOf } from "../../lib/stack";
import { literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * A chart shipped with the stack itself (a cdktf asset under `assets/`): its version is
 * the reviewed copy in this repository, not something a registry can change.
 */
const LOCAL_ASSET_CHART = /^assets\/[^/]+\/[0-9A-F]+$/;

/**
 * Helm releases pin an exact chart version from an HTTPS (or OCI) repository: an unpinned
 * chart installs whatever was published last, unreviewed, on the next apply. Charts shipped
 * as assets of the stack are pinned by their content.
 */
export const helmChartPinned: StackCheck = (stack) =>
  resourcesOf(stack, "helm_release").flatMap((release): Violation[] => {
    const problems: string[] = [];
    const localChart = literalString(release.values.chart);
    if (release.values.repository === undefined && localChart && LOCAL_ASSET_CHART.test(localChart)) return [];
    const version = literalString(release.values.version);
    if (version === undefined || !/^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(version))
      problems.push(`version is ${show(release.values.version)} (expected an exact x.y.z)`);
    const repository = literalString(release.values.repository);
    const chart = literalString(release.values.chart) ?? "";
    const source = repository ?? chart;
    if (!/^(https|oci):\/\//.test(source) && !/^(https|oci):\/\//.test(chart))
      problems.push(`repository is ${show(release.values.repository)} (expected https:// or oci://)`);
    return problems.length === 0 ? [] : [{ address: release.address, message: problems.join("; ") }];
  });
