// The dashboard plugin on the API's own server: cache headers, compression, the page for client routes, and the
// API's paths left to the API. No browser needed.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/api/auth/passwords.js";
import { DASHBOARD_CSP, registerDashboard } from "../../src/api/dashboard/index.js";
import { type Api, buildApi } from "../../src/api/index.js";
import { fakeSite } from "../../src/api/testing.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";

/** The API over the fake site with the dashboard from `distDir`: routes can only be added before the first request. */
async function start(distDir: string) {
  const store = new SqliteStore(":memory:");
  await store.users.create({
    username: "viewer",
    role: "viewer",
    passwordHash: await hashPassword("correct horse battery"),
    createdAtMs: 0,
    disabledAtMs: null,
  });
  const site = fakeSite();
  const api: Api = await buildApi({ runtime: site, store, processMetrics: false, log: () => {} });
  await registerDashboard(api.app, { distDir });
  site.tick();
  let cookie = "";
  const request = (
    method: "GET" | "POST",
    url: string,
    o: { headers?: Record<string, string>; body?: object; as?: "viewer" } = {},
  ): Promise<LightMyRequestResponse> =>
    api.app.inject({
      method,
      url,
      headers: { ...o.headers, ...(o.as ? { cookie } : {}) },
      ...(o.body ? { payload: o.body } : {}),
    });
  const login = await request("POST", "/api/login", {
    body: { username: "viewer", password: "correct horse battery" },
  });
  cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
  return {
    request,
    close: async () => {
      await api.close();
      await store.close();
    },
  };
}

type Harness = Awaited<ReturnType<typeof start>>;

const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>`;
const SCRIPT = `console.log(${JSON.stringify("x".repeat(4000))});`;

let dir: string;
let h: Harness;
let empty: Harness;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gridminer-dist-"));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), INDEX);
  await writeFile(join(dir, "assets", "index-abc123.js"), SCRIPT);
  await writeFile(join(dir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  h = await start(dir);
  empty = await start(join(dir, "not-there"));
});

afterAll(async () => {
  await h?.close();
  await empty?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("dashboard files", () => {
  it("serves the page revalidated on every load, with a Content-Security-Policy and an ETag", async () => {
    const r = await h.request("GET", "/");
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["cache-control"]).toBe("no-cache");
    expect(r.headers["content-security-policy"]).toBe(DASHBOARD_CSP);
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.body).toBe(INDEX);
    const again = await h.request("GET", "/", { headers: { "if-none-match": String(r.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("keeps hashed assets for a year and sends them compressed when the browser accepts it", async () => {
    const plain = await h.request("GET", "/assets/index-abc123.js");
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(plain.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    const br = await h.request("GET", "/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("accept-encoding");
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    const gzip = await h.request("GET", "/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    const icon = await h.request("GET", "/favicon.svg");
    expect(icon.headers["cache-control"]).toBe("public, max-age=3600");
    expect(icon.headers["content-type"]).toBe("image/svg+xml");
  });

  it("answers client routes with the page, unit ids with dots included", async () => {
    for (const path of [
      "/fleet",
      "/events",
      `/units/${encodeURIComponent("10.0.0.5:4028")}`,
      "/units/miner.local:4028",
    ]) {
      const r = await h.request("GET", path);
      expect([path, r.statusCode, r.body]).toEqual([path, 200, INDEX]);
    }
  });

  it("leaves missing files and every API path to the API's JSON 404", async () => {
    for (const path of ["/assets/index-gone.js", "/api/nope", "/api"]) {
      const r = await h.request("GET", path);
      expect(r.statusCode, path).toBe(404);
      expect(r.json(), path).toMatchObject({ statusCode: 404, error: "Not Found" });
    }
  });

  it("never reads a file named by the request path", async () => {
    for (const path of [
      "/assets/../../etc/passwd",
      "/..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e/%2e%2e/etc/passwd",
    ]) {
      const r = await h.request("GET", path);
      expect(r.body, path).not.toContain("root:");
      expect([200, 404], path).toContain(r.statusCode);
      if (r.statusCode === 200) expect(r.body, path).toBe(INDEX);
    }
  });

  it("does not stand in the way of the API", async () => {
    expect((await h.request("GET", "/api/site")).statusCode).toBe(401);
    expect((await h.request("GET", "/api/site", { as: "viewer" })).statusCode).toBe(200);
    expect((await h.request("GET", "/openapi.json")).statusCode).toBe(200);
    expect((await h.request("POST", "/fleet", { body: {} })).statusCode).toBe(404);
  });

  it("says how to build the dashboard when there is no build", async () => {
    const r = await empty.request("GET", "/fleet");
    expect(r.statusCode).toBe(503);
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.body).toContain("npm run build");
    expect((await empty.request("GET", "/api/health")).statusCode).toBe(200);
  });
});
