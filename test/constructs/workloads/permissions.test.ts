import { mustParsePermissions, parsePermission } from "../../../constructs/workloads/permissions";

describe("parsePermission", () => {
  it.each([
    ["database:read:vendas_schema", { kind: "database", access: "read", schema: "vendas_schema" }],
    ["database:write:vendas_schema", { kind: "database", access: "write", schema: "vendas_schema" }],
    ["storage:read:vendas_documents", { kind: "storage", access: "read", bucket: "vendas_documents" }],
    ["storage:write:reports", { kind: "storage", access: "write", bucket: "reports" }],
    ["api:external:crm.example.com", { kind: "api-external", host: "crm.example.com" }],
    ["events:emit", { kind: "events", action: "emit" }],
    ["events:subscribe:vendas.pedido_criado", { kind: "events", action: "subscribe", topic: "vendas.pedido_criado" }],
  ])("parses %s", (text, permission) => {
    expect(parsePermission(text)).toEqual({ ok: true, permission });
  });

  it.each([
    ["window:create", /unknown kind "window"/],
    ["storage:delete:reports", /access "delete"/],
    ["database:read:Vendas", /not a schema name/],
    ["storage:read:vendas-documents", /not a logical bucket name/],
    ["api:internal:x.example.com", /not an api permission/],
    ["api:external:crm.example.com:443", /not a host name/],
    ["api:external:localhost", /not a host name/],
    ["events:broadcast", /action "broadcast"/],
  ])("rejects %s", (text, message) => {
    const parsed = parsePermission(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
    expect(!parsed.ok && parsed.error).toMatch(/Fix: /);
  });
});

describe("mustParsePermissions", () => {
  it("parses validated permissions and throws with the reason on a bad one", () => {
    expect(mustParsePermissions(["events:emit"])).toEqual([{ kind: "events", action: "emit" }]);
    expect(() => mustParsePermissions(["events:emit", "cache:read:x"])).toThrow(/unknown kind "cache"/);
  });
});
