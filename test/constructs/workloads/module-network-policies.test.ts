import { Testing } from "cdktf";
import {
  ModuleNetworkPolicies,
  type ModuleNetworkPoliciesProps,
} from "../../../constructs/workloads/module-network-policies";
import { valuesOf } from "../../helpers";

const base: ModuleNetworkPoliciesProps = {
  namespace: "module-x",
  podLabels: { "app.kubernetes.io/name": "x" },
  ports: { metrics: 9090, http: 8080 },
  databaseCidrs: ["10.0.108.0/24"],
  database: false,
  eventBus: false,
  awsEndpoints: [],
  awsEndpointCidrs: ["10.0.0.0/19"],
  externalHosts: [],
};

type Policy = {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: {
    policy_types: string[];
    ingress: { from: unknown }[];
    egress: { to: { ip_block: { cidr: string; except?: string[] } }[] }[];
  };
};

function synth(props: Partial<ModuleNetworkPoliciesProps> = {}): Record<string, Policy> {
  const json = JSON.parse(Testing.synthScope((scope) => new ModuleNetworkPolicies(scope, "np", { ...base, ...props })));
  return Object.fromEntries(
    (valuesOf(json, "kubernetes_network_policy_v1") as Policy[]).map((p) => [p.metadata.name, p]),
  );
}

describe("ModuleNetworkPolicies", () => {
  it("defaults: deny all, ingress from the ingress namespace on the declared ports, DNS egress only", () => {
    const p = synth();
    expect(Object.keys(p).sort()).toEqual(["allow-dns", "allow-ingress", "default-deny"]);
    expect(Object.values(p).every((policy) => policy.metadata.namespace === "module-x")).toBe(true);
    expect(p["allow-ingress"].spec).toEqual({
      pod_selector: { match_labels: { "app.kubernetes.io/name": "x" } },
      policy_types: ["Ingress"],
      ingress: [
        {
          from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress" } } }],
          ports: [
            { port: "8080", protocol: "TCP" },
            { port: "9090", protocol: "TCP" },
          ],
        },
      ],
    });
    expect(p["allow-dns"].spec.policy_types).toEqual(["Egress"]);
  });

  it("admits the scraping Prometheus on the metrics port only (else http) when a scrape namespace is given", () => {
    const p = synth({ scrapeNamespace: "monitoring" });
    expect(p["allow-metrics-scrape"].spec).toMatchObject({
      policy_types: ["Ingress"],
      ingress: [
        {
          from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "monitoring" } } }],
          ports: [{ port: "9090", protocol: "TCP" }],
        },
      ],
    });
    const httpOnly = synth({ scrapeNamespace: "monitoring", ports: { http: 8080 } });
    expect(httpOnly["allow-metrics-scrape"].spec).toMatchObject({ ingress: [{ ports: [{ port: "8080" }] }] });
  });

  it("takes the ingress namespace, load balancer CIDRs and database ports as options", () => {
    const p = synth({
      ingressNamespace: "gateway",
      loadBalancerCidrs: ["10.0.96.0/22"],
      database: true,
      databasePorts: [26257],
    });
    expect(p["allow-ingress"].spec.ingress[0].from).toEqual([
      { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "gateway" } } },
      { ip_block: { cidr: "10.0.96.0/22" } },
    ]);
    expect(p["allow-data"].spec.egress).toEqual([
      { to: [{ ip_block: { cidr: "10.0.108.0/24" } }], ports: [{ port: "26257", protocol: "TCP" }] },
    ]);
  });

  it("opens AWS endpoints only inside the VPC and external hosts only on public addresses", () => {
    const p = synth({
      awsEndpoints: ["sts.sa-east-1.amazonaws.com"],
      externalHosts: ["b.example.com", "a.example.com"],
    });
    expect(p["allow-aws-apis"].spec.egress[0].to).toEqual([{ ip_block: { cidr: "10.0.0.0/19" } }]);
    expect(p["allow-external-apis"].spec.egress[0].to[0].ip_block.except).toContain("169.254.0.0/16");
    expect(p["allow-external-apis"].metadata.annotations).toEqual({
      "egress.platform.example/allowed-hosts": "a.example.com,b.example.com",
    });
  });
});
