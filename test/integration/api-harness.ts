// An API over the in-process fake site and an in-memory SQLite store, with a user of each role.
import type { LightMyRequestResponse } from "fastify";
import { hashPassword } from "../../src/api/auth/passwords.js";
import { type Api, type ApiOptions, buildApi } from "../../src/api/index.js";
import { type FakeSite, fakeSite } from "../../src/api/testing.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Role, Store } from "../../src/store/store.js";

export const PASSWORD = "correct horse battery";

export interface Harness {
  api: Api;
  site: FakeSite;
  store: Store;
  log: string[];
  cookie: Record<Role, string>;
  request(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    opts?: {
      as?: Role | "anonymous";
      body?: unknown;
      headers?: Record<string, string>;
      remoteAddress?: string;
    },
  ): Promise<LightMyRequestResponse>;
  login(username: string, password: string, remoteAddress?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers["set-cookie"];
  const first = Array.isArray(set) ? set[0] : set;
  if (first === undefined) throw new Error(`no cookie in ${res.statusCode} ${res.body}`);
  return first.split(";")[0] ?? "";
}

export async function startHarness(opts: Partial<ApiOptions> = {}, withUsers = true): Promise<Harness> {
  const site = fakeSite();
  const store = new SqliteStore(":memory:");
  const log: string[] = [];
  if (withUsers) {
    const hash = await hashPassword(PASSWORD);
    for (const role of ["viewer", "operator", "admin"] as const)
      await store.users.create({
        username: role,
        role,
        passwordHash: hash,
        createdAtMs: 0,
        disabledAtMs: null,
      });
  }
  const api = await buildApi({
    runtime: site,
    store,
    processMetrics: false,
    log: (l) => log.push(l),
    ...opts,
  });
  const cookie = {} as Record<Role, string>;
  const inject = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    o: {
      as?: Role | "anonymous";
      body?: unknown;
      headers?: Record<string, string>;
      remoteAddress?: string;
    } = {},
  ) =>
    api.app.inject({
      method,
      url,
      ...(o.body === undefined ? {} : { payload: o.body as string | object }),
      remoteAddress: o.remoteAddress ?? "127.0.0.1",
      headers: {
        ...(o.as === undefined || o.as === "anonymous" ? {} : { cookie: cookie[o.as] }),
        ...o.headers,
      },
    });
  const login = (username: string, password: string, remoteAddress = "127.0.0.1") =>
    inject("POST", "/api/login", { body: { username, password }, remoteAddress });
  if (withUsers) {
    const hash = await hashPassword(PASSWORD);
    for (const role of ["viewer", "operator", "admin"] as const) {
      await store.users.create({
        username: role,
        role,
        passwordHash: hash,
        createdAtMs: 0,
        disabledAtMs: null,
      });
      cookie[role] = cookieOf(await login(role, PASSWORD));
    }
  }
  return {
    api,
    site,
    store,
    log,
    cookie,
    request: inject,
    login,
    async close() {
      await api.close();
      await store.close();
    },
  };
}
