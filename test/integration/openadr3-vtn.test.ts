// The VTN on its own, for both versions: token errors in each version's shape, scopes, conflicts, the 3.1.0 `active`
// filter and object privacy. Every response is checked against the document by the VTN's own hook.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OpenAdr3BlClient } from "../../src/signals/openadr3/bl-client.js";
import type { ContractViolation } from "../../src/signals/openadr3/errors.js";
import { OADR_VERSIONS, type OadrVersion } from "../../src/signals/openadr3/version.js";
import { startVtn, type VtnServer } from "../../src/signals/openadr3/vtn/index.js";
import { startWebhookReceiver } from "../../src/signals/openadr3/webhook-receiver.js";

const CLIENTS = [
  { clientId: "bl_client", clientSecret: "1001", role: "bl" as const },
  { clientId: "ven_client", clientSecret: "999", role: "ven" as const },
  { clientId: "other_ven", clientSecret: "777", role: "ven" as const },
];

describe.each(OADR_VERSIONS)("OpenADR %s: the VTN", (version: OadrVersion) => {
  let vtn: VtnServer;
  let violations: ContractViolation[];
  let bl: OpenAdr3BlClient;

  async function token(clientId: string, secret: string): Promise<Response> {
    return fetch(`${vtn.url}/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: secret,
      }),
    });
  }

  async function call(clientId: string, secret: string, method: string, path: string, body?: unknown) {
    const t = (await (await token(clientId, secret)).json()) as { access_token: string };
    const res = await fetch(`${vtn.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${t.access_token}`, "content-type": "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
  }

  beforeEach(async () => {
    violations = [];
    vtn = await startVtn({ version, clients: CLIENTS, onViolation: (v) => violations.push(v) });
    bl = new OpenAdr3BlClient({
      version,
      vtnUrl: vtn.url,
      credentials: { clientId: "bl_client", clientSecret: "1001" },
    });
  });

  afterEach(async () => {
    await vtn.close();
  });

  it("answers a bad secret in the version's error shape", async () => {
    const res = await token("ven_client", "wrong");
    const body = await res.json();
    if (version === "3.0.1") {
      expect([res.status, body]).toEqual([
        400,
        { error: "invalid_client", error_description: expect.any(String) },
      ]);
    } else {
      expect([res.status, body]).toMatchObject([
        401,
        { status: 401, detail: expect.stringContaining("invalid_client") },
      ]);
    }
    expect(violations).toEqual([]);
  });

  it("issues a bearer token with the role's scopes", async () => {
    const body = (await (await token("ven_client", "999")).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(String(body.scope).split(" ")).toContain(version === "3.0.1" ? "read_all" : "read_targets");
    expect(violations).toEqual([]);
  });

  it("refuses writes outside a client's scopes, and duplicate program names", async () => {
    expect((await call("ven_client", "999", "POST", "/programs", { programName: "x" })).status).toBe(403);
    expect((await call("bl_client", "1001", "POST", "/programs", { programName: "x" })).status).toBe(201);
    expect((await call("bl_client", "1001", "POST", "/programs", { programName: "x" })).status).toBe(409);
    expect(violations).toEqual([]);
  });

  it("filters ended events with active=true (3.1.0)", async () => {
    const p = await bl.createProgram({ programName: "dr" });
    if (!p.ok) throw new Error(p.error.message);
    const simple = [{ id: 0, payloads: [{ type: "SIMPLE", values: [1] }] }];
    const past = {
      programID: p.value.id,
      intervalPeriod: { start: "2020-01-01T00:00:00Z", duration: "PT1H" },
      intervals: simple,
    };
    const open = {
      programID: p.value.id,
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: simple,
    };
    await bl.createEvent(past);
    const live = await bl.createEvent(open);
    if (!live.ok) throw new Error(live.error.message);
    const query = version === "3.1.0" ? "?active=true" : "";
    const listed = await call("ven_client", "999", "GET", `/events${query}`);
    expect(listed.body.map((e) => (e as { id: string }).id)).toEqual(
      version === "3.1.0" ? [live.value.id] : [expect.any(String), live.value.id],
    );
    expect(violations).toEqual([]);
  });

  it("shows a VEN only its own reports in 3.1.0, and notifies business logic of every report", async () => {
    const p = await bl.createProgram({ programName: "dr" });
    if (!p.ok) throw new Error(p.error.message);
    const e = await bl.createEvent({
      programID: p.value.id,
      intervalPeriod: { start: "0001-01-01T00:00:00Z", duration: "P9999Y" },
      intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: [1] }] }],
    });
    if (!e.ok) throw new Error(e.error.message);
    const seen: unknown[] = [];
    const receiver = await startWebhookReceiver({
      bearerToken: "bl-hook",
      handleNotification: (body) => {
        seen.push(body);
        return { accepted: true };
      },
    });
    try {
      const sub = await call("bl_client", "1001", "POST", "/subscriptions", {
        clientName: "utility",
        programID: p.value.id,
        objectOperations: [
          {
            objects: ["REPORT"],
            operations: ["CREATE"],
            callbackUrl: receiver.callbackUrl,
            bearerToken: "bl-hook",
          },
        ],
      });
      expect(sub.status).toBe(201);
      const report = {
        ...(version === "3.0.1" ? { programID: p.value.id } : {}),
        eventID: e.value.id,
        clientName: "site-1",
        resources: [
          {
            resourceName: "AGGREGATED_REPORT",
            intervals: [{ id: 0, payloads: [{ type: "DEMAND", values: [1] }] }],
          },
        ],
      };
      expect((await call("ven_client", "999", "POST", "/reports", report)).status).toBe(201);
      const own = await call("ven_client", "999", "GET", "/reports");
      const others = await call("other_ven", "777", "GET", "/reports");
      expect(own.body).toHaveLength(1);
      expect(others.body).toHaveLength(version === "3.1.0" ? 0 : 1);
      await vtn.notifier.drain();
      expect(seen).toMatchObject([
        { objectType: "REPORT", operation: version === "3.0.1" ? "POST" : "CREATE" },
      ]);
    } finally {
      await receiver.close();
    }
    expect(violations).toEqual([]);
  });

  it("answers unknown paths and bad bodies with problem objects", async () => {
    const unknown = await call("bl_client", "1001", "GET", "/nothing");
    expect(unknown).toMatchObject({ status: 404, body: { status: 404 } });
    const bad = await call("bl_client", "1001", "POST", "/events", {
      programID: "p",
      intervals: [{ id: "zero" }],
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { status: 400, detail: expect.stringContaining("/intervals/0") },
    });
    expect(violations.map((v) => [v.side, v.direction, v.operationId])).toEqual([
      ["vtn", "request", "createEvent"],
    ]);
  });
});
