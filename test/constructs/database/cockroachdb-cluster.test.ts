import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import { CockroachBackupAccess } from "../../../constructs/database/cockroachdb-backup-access";
import {
  COCKROACHDB_CHART_VERSION,
  CockroachDbCluster,
  type CockroachDbClusterProps,
} from "../../../constructs/database/cockroachdb-cluster";
import { type StackJson, valuesOf } from "../../helpers";
import { validationError } from "../fixtures";

const base: CockroachDbClusterProps = {
  region: "sa-east-1",
  regions: ["sa-east-1", "us-east-1"],
  allowedRegions: ["sa-east-1", "us-east-1"],
  survivalGoal: "zone",
  clusterName: "plataforma-production",
  volumeKmsKeyArn: "arn:aws:kms:sa-east-1:123456789012:key/abc",
  backupBucketName: "plataforma-production-cockroach-backups-123456789012",
  backupRoleArn: "arn:aws:iam::123456789012:role/crdb-backup",
};

/** The chart values these tests read (the construct exposes them as `Record<string, unknown>`). */
type ChartValues = {
  conf: { join?: string[] };
  storage: { persistentVolume: unknown };
  init: { provisioning: { enabled: boolean; databases: { options: string[]; backup: unknown }[] } };
  serviceAccount: { annotations: unknown };
  tls: { certs: unknown };
};

/** A platform-like stack: kubernetes and helm providers, as the caller provides them. */
function synth(props: Partial<CockroachDbClusterProps> = {}): { json: StackJson; values: ChartValues } {
  const stack = new TerraformStack(new App({ outdir: Testing.app().outdir }), "platform");
  new KubernetesProvider(stack, "kubernetes", { host: "https://example.invalid" });
  new HelmProvider(stack, "helm", { kubernetes: { host: "https://example.invalid" } });
  const crdb = new CockroachDbCluster(stack, "cockroachdb", { ...base, ...props });
  return { json: JSON.parse(Testing.synth(stack)) as StackJson, values: crdb.values as ChartValues };
}

describe("CockroachDbCluster", () => {
  it("deploys the pinned official chart with locality, TLS self-signer, 3 nodes spread over zones", () => {
    const { json } = synth();
    const [release] = valuesOf(json, "helm_release");
    expect(release).toMatchObject({
      chart: "cockroachdb",
      repository: "https://charts.cockroachdb.com/",
      version: COCKROACHDB_CHART_VERSION,
      namespace: "cockroachdb",
    });
    const values = JSON.parse((release.values as string[])[0]);
    expect(values.conf).toMatchObject({ "cluster-name": "plataforma-production", locality: "region=sa-east-1" });
    expect(values.statefulset).toMatchObject({
      replicas: 3,
      topologySpreadConstraints: { topologyKey: "topology.kubernetes.io/zone" },
    });
    expect(values.tls).toEqual({ enabled: true, certs: { selfSigner: { enabled: true }, certManager: false } });
  });

  it("uses an encrypted gp3 storage class that retains volumes", () => {
    const { json, values } = synth({ storageGb: 250 });
    const [sc] = valuesOf(json, "kubernetes_storage_class_v1");
    expect(sc).toMatchObject({
      storage_provisioner: "ebs.csi.aws.com",
      reclaim_policy: "Retain",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: base.volumeKmsKeyArn },
    });
    expect(values.storage.persistentVolume).toEqual({
      enabled: true,
      size: "250Gi",
      storageClass: "cockroachdb-gp3-encrypted",
    });
  });

  it(
    "primary region creates the multi-region database with its survival goal and an S3 backup schedule through " +
      "IRSA",
    () => {
      const { values } = synth({
        regions: ["sa-east-1", "us-east-1", "us-east-2"],
        allowedRegions: ["sa-east-1", "us-east-1", "us-east-2"],
        survivalGoal: "region",
      });
      const [db] = values.init.provisioning.databases;
      expect(values.init.provisioning.enabled).toBe(true);
      expect(db.options).toEqual([
        'PRIMARY REGION "sa-east-1"',
        'REGIONS "us-east-1", "us-east-2"',
        "SURVIVE REGION FAILURE",
      ]);
      expect(db.backup).toMatchObject({
        into: "s3://plataforma-production-cockroach-backups-123456789012/plataforma-production?AUTH=implicit",
        recurring: "@hourly",
        fullBackup: "@daily",
      });
      expect(values.serviceAccount.annotations).toEqual({ "eks.amazonaws.com/role-arn": base.backupRoleArn });
    },
  );

  it("other regions join and do not provision; cert-manager TLS on request", () => {
    const { values } = synth({
      region: "us-east-1",
      joinAddresses: ["cockroachdb-public.sa-east-1.internal:26257"],
      tls: "cert-manager",
    });
    expect(values.init.provisioning.enabled).toBe(false);
    expect(values.conf.join).toEqual(["cockroachdb-public.sa-east-1.internal:26257"]);
    expect(values.tls.certs).toMatchObject({
      certManager: true,
      certManagerIssuer: { kind: "ClusterIssuer", name: "cockroachdb-ca" },
    });
  });

  it("fails for survival goal region with 2 regions, a region outside residency, and 1 node", () => {
    const error = validationError(() =>
      synth({ survivalGoal: "region", allowedRegions: ["sa-east-1"], nodesPerRegion: 1 }),
    );
    expect(error.constructPath).toBe("platform/cockroachdb");
    expect(error.problems.map((p) => p.message)).toEqual([
      'survival goal "region" needs at least 3 regions',
      "[us-east-1] may not hold personal data (allowed: [sa-east-1])",
      "must be 3 or more (quorum through a zone loss)",
    ]);
  });
});

describe("CockroachBackupAccess", () => {
  it("lets only the cockroachdb service account read and write (not delete) backups", () => {
    const json = JSON.parse(
      Testing.synthScope(
        (scope) =>
          new CockroachBackupAccess(scope, "backup", {
            roleName: "crdb-backup",
            oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/X",
            oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/X",
            bucketArn: "arn:aws:s3:::b",
            key: { alias: "plataforma-production-sa-east-1-storage" },
          }),
      ),
    ) as StackJson;
    const trust = JSON.parse(String(valuesOf(json, "aws_iam_role")[0].assume_role_policy));
    expect(trust.Statement[0].Condition.StringEquals["oidc.eks.sa-east-1.amazonaws.com/id/X:sub"]).toBe(
      "system:serviceaccount:cockroachdb:cockroachdb",
    );
    const policy = JSON.parse(String(valuesOf(json, "aws_iam_role_policy")[0].policy));
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain("s3:PutObject");
    expect(actions).not.toContain("s3:DeleteObject");
    expect(policy.Statement[2].Condition).toEqual({
      "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/plataforma-production-sa-east-1-storage" },
    });
  });
});
