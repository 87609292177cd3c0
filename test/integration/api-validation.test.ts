// Bad and hostile input: every refusal is a JSON error that says what was wrong and, for bad input, names the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./api-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.site.tick();
});
afterAll(async () => {
  await h.close();
});

async function bad(method: "POST" | "PATCH" | "GET", url: string, body?: unknown) {
  const r = await h.request(method, url, { as: "admin", ...(body === undefined ? {} : { body }) });
  return { status: r.statusCode, ...(r.json() as { message: string; field?: string; error: string }) };
}

describe("request validation", () => {
  it.each([
    ["a missing field", "/api/overrides", { kind: "shed" }, "body.durationS"],
    ["an unknown override kind", "/api/overrides", { kind: "explode", durationS: 60 }, "body.kind"],
    ["a negative cap", "/api/overrides", { kind: "cap", maxW: -5, durationS: 60 }, "body.maxW"],
    ["a duration beyond 7 days", "/api/overrides", { kind: "hold", durationS: 700_000 }, "body.durationS"],
    ["a fractional duration", "/api/overrides", { kind: "hold", durationS: 1.5 }, "body.durationS"],
    ["an unknown key", "/api/overrides", { kind: "shed", durationS: 60, force: true }, "body.force"],
    [
      "a string where a number belongs",
      "/api/overrides",
      { kind: "cap", maxW: "1e6", durationS: 60 },
      "body.maxW",
    ],
    [
      "a unit id that is not host:port",
      "/api/overrides",
      { kind: "unit-off", unitIds: ["../etc"], durationS: 60 },
      "body.unitIds.0",
    ],
    [
      "a short password",
      "/api/users",
      { username: "newbie", password: "123", role: "viewer" },
      "body.password",
    ],
    [
      "an unknown role",
      "/api/users",
      { username: "newbie", password: "long enough password", role: "root" },
      "body.role",
    ],
    [
      "an upper-case username",
      "/api/users",
      { username: "Robert'); DROP", password: "long enough password", role: "viewer" },
      "body.username",
    ],
    ["a mode out of range", "/api/units/127.0.60.1:4028/mode", { mode: 7 }, "body.mode"],
    ["a JSON array as body", "/api/tokens", [1, 2], "body"],
  ])("400 for %s, naming the field", async (_what, url, body, field) => {
    const r = await bad("POST", url, body);
    expect(r.status).toBe(400);
    expect(r.field).toBe(field);
    expect(r.message).toContain(`${field}:`);
  });

  it("400 for a bad query parameter, naming it", async () => {
    const r = await bad("GET", "/api/decisions?limit=-3");
    expect(r).toMatchObject({ status: 400, field: "query.limit" });
    expect((await bad("GET", "/api/decisions?sinceMs=9&untilMs=3")).field).toBe("query.sinceMs");
    expect((await bad("GET", "/api/history/site?resolution=5s")).field).toBe("query.resolution");
    expect((await bad("GET", "/api/decisions?evil=1")).field).toBe("query.evil");
  });

  it("400 for a PATCH that changes nothing", async () => {
    const r = await bad("PATCH", "/api/users/viewer", {});
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/at least one of role, password, disabled/);
  });

  it("400 for malformed JSON and for an empty JSON body", async () => {
    const r = await h.request("POST", "/api/overrides", {
      as: "operator",
      body: '{"kind": "shed", ',
      headers: { "content-type": "application/json" },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe("body");
    const empty = await h.request("POST", "/api/overrides", {
      as: "operator",
      headers: { "content-type": "application/json" },
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe("hostile requests", () => {
  it("413 for an oversized body, before it is parsed", async () => {
    const r = await h.request("POST", "/api/overrides", {
      as: "operator",
      body: { kind: "shed", durationS: 60, note: "x".repeat(100_000) },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ statusCode: 413, error: "Payload Too Large" });
  });

  it("415 for a form or text body", async () => {
    for (const type of [
      "application/x-www-form-urlencoded",
      "text/plain",
      "multipart/form-data; boundary=x",
    ]) {
      const r = await h.request("POST", "/api/overrides", {
        as: "operator",
        body: "kind=shed&durationS=60",
        headers: { "content-type": type },
      });
      expect(r.statusCode, type).toBe(415);
    }
  });

  it("refuses path traversal and odd characters in ids", async () => {
    for (const url of [
      "/api/units/..%2F..%2Fetc%2Fpasswd",
      "/api/units/..%2F..%2Fetc%2Fpasswd/history",
      "/api/units/127.0.60.1:4028%00",
      "/api/units/%2e%2e:4028",
      "/api/users/..%2Fadmin",
    ]) {
      const r = await h.request(url.startsWith("/api/users") ? "PATCH" : "GET", url, {
        as: "admin",
        body: url.startsWith("/api/users") ? { role: "viewer" } : undefined,
      });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().field, url).toMatch(/^params\./);
    }
    const traversal = await h.request("GET", "/api/../../etc/passwd", { as: "admin" });
    expect(traversal.statusCode).toBe(404);
    const unknown = await h.request("GET", "/api/units/10.0.0.1:4028", { as: "admin" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe("no unit 10.0.0.1:4028 under control");
  });

  it("says which endpoint does not exist, as JSON", async () => {
    const r = await h.request("GET", "/api/nothing?x=1", { as: "viewer" });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "GET /api/nothing is not an endpoint of this API",
    });
  });

  it("sends security headers and no caching on API replies", async () => {
    const r = await h.request("GET", "/api/site", { as: "viewer" });
    expect(r.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    });
  });
});

describe("/openapi.json", () => {
  it("documents every route with its role, parameters and request body", async () => {
    const doc = (await h.request("GET", "/openapi.json")).json() as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            "x-required-role": string;
            parameters: { name: string; in: string }[];
            requestBody?: { content: Record<string, { schema: { anyOf?: unknown[]; oneOf?: unknown[] } }> };
          }
        >
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const r of h.api.routes) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    expect(doc.paths["/api/overrides"]?.post?.["x-required-role"]).toBe("operator");
    expect(doc.paths["/api/units/{id}/mode"]?.post?.parameters).toEqual([
      expect.objectContaining({ name: "id", in: "path" }),
    ]);
    const body = doc.paths["/api/overrides"]?.post?.requestBody?.content["application/json"]?.schema;
    expect((body?.oneOf ?? body?.anyOf)?.length).toBe(5);
    expect(doc.paths["/api/decisions"]?.get?.parameters.map((p) => p.name)).toEqual([
      "sinceMs",
      "untilMs",
      "limit",
    ]);
  });
});
