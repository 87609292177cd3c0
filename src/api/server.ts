// The HTTP API: fastify with one error shape, strict JSON bodies, security headers, and the routes of ./routes.
import type { ServerResponse } from "node:http";
import compress from "@fastify/compress";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { DEFAULT_DR_SETTINGS, type DrSettings } from "../runtime/dr-performance.js";
import type { Store } from "../store/store.js";
import { Auditor } from "./audit.js";
import { authenticate } from "./auth/authenticate.js";
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from "./auth/login-limiter.js";
import { SetupGate } from "./auth/setup-gate.js";
import type { ApiContext } from "./context.js";
import { errorBody, HttpError } from "./http/errors.js";
import { openApiDocument } from "./http/openapi.js";
import { type AnyRoute, registerRoutes } from "./http/route.js";
import { SiteMetrics } from "./metrics/site-metrics.js";
import { adminRoutes } from "./routes/admin-routes.js";
import { authRoutes } from "./routes/auth-routes.js";
import { controlRoutes } from "./routes/control-routes.js";
import { drRoutes } from "./routes/dr-routes.js";
import { liveRoutes } from "./routes/live-routes.js";
import { readRoutes } from "./routes/read-routes.js";
import { OverrideBook } from "./runtime/override-book.js";
import type { SiteRuntime } from "./site-runtime.js";

export interface ApiOptions {
  runtime: SiteRuntime;
  store: Store;
  /** Mark the session cookie Secure: set it whenever the API is reached over HTTPS (directly or via a proxy). */
  secureCookies?: boolean;
  sessionTtlMs?: number;
  loginLimits?: LoginLimits;
  /** Serve /metrics without a token (for a scraper on a trusted network). */
  publicMetrics?: boolean;
  processMetrics?: boolean;
  bodyLimitBytes?: number;
  maxStreams?: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  version?: string;
  /** Demand-response report settings; the defaults are High 4 of 5 in Asia/Tokyo. */
  demandResponse?: DrSettings;
  log?: (line: string) => void;
}

export interface Api {
  app: FastifyInstance;
  metrics: SiteMetrics;
  overrides: OverrideBook;
  /** The one-time setup token when no admin exists (also written to the log). */
  setupToken: string | undefined;
  routes: readonly AnyRoute[];
  listen(host: string, port: number): Promise<string>;
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

export async function buildApi(o: ApiOptions): Promise<Api> {
  const log = o.log ?? ((line: string) => process.stderr.write(`gridminer: ${line}\n`));
  const { runtime, store } = o;
  const clock = runtime.clock;
  const app = Fastify({
    logger: false,
    bodyLimit: o.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: o.trustProxy ?? false,
    return503OnClosing: true,
  });
  // JSON only: a form or text body is refused with 415 before any handler runs.
  app.removeContentTypeParser("text/plain");
  const setup = new SetupGate();
  const auditor = new Auditor(store, clock, (e) => log(`api: audit write failed: ${String(e)}`));
  const ctx: ApiContext = {
    runtime,
    store,
    clock,
    auditor,
    overrides: new OverrideBook(store, runtime.signals, clock),
    setup,
    limiter: new LoginLimiter(o.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    secureCookies: o.secureCookies ?? false,
    sessionTtlMs: o.sessionTtlMs ?? 12 * 3_600_000,
    dr: o.demandResponse ?? DEFAULT_DR_SETTINGS,
  };
  const metrics = new SiteMetrics(runtime, { processMetrics: o.processMetrics ?? true });
  const streams = new Set<ServerResponse>();
  const routes: AnyRoute[] = [];
  const info = { title: `gridminer API (${runtime.siteName})`, version: o.version ?? "0.1.0" };
  let document: unknown;
  routes.push(
    ...authRoutes(ctx),
    ...readRoutes(ctx),
    ...drRoutes(ctx),
    ...controlRoutes(ctx),
    ...adminRoutes(ctx),
    ...liveRoutes(ctx, {
      metrics,
      publicMetrics: o.publicMetrics ?? false,
      maxStreams: o.maxStreams ?? 32,
      streams,
      openapi: () => {
        document ??= openApiDocument(routes, info);
        return document;
      },
    }),
  );

  app.setErrorHandler((error: Error & { statusCode?: number }, req, reply) => {
    if (error instanceof HttpError) {
      void reply
        .code(error.status)
        .headers(error.headers)
        .send(errorBody(error.status, error.message, error.field));
      return;
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // fastify's own refusals: malformed JSON (400), body too large (413), wrong content type (415).
      void reply
        .code(status)
        .send(errorBody(status, error.message, status === 413 || status === 400 ? "body" : undefined));
      return;
    }
    log(`api: ${req.method} ${req.url}: ${error.stack ?? error.message}`);
    void reply.code(500).send(errorBody(500, "internal error; see the server log"));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .code(404)
      .send(errorBody(404, `${req.method} ${req.url.split("?")[0]} is not an endpoint of this API`));
  });
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    if (req.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    return payload;
  });
  app.addHook("preClose", async () => {
    for (const s of streams) s.end();
  });

  const denied = async (req: FastifyRequest, who: { name: string; role: string }, r: AnyRoute) => {
    if (r.method === "GET") return;
    await auditor.record(req, who.name, `${r.method} ${r.url}`, null, "denied", {
      role: who.role,
      needs: r.access,
    });
  };
  // JSON answers compress well (the fleet of 558 units is ~110 kB, ~10 kB gzipped): it matters to an operator on a
  // site's mobile link. The live stream is written raw and the dashboard's files come precompressed, so neither is
  // touched.
  await app.register(compress, {
    global: true,
    threshold: 2048,
    // gzip only: a brotli stream holds a window of several MB until it is collected, which at a few hundred answers
    // a second costs far more memory than its better ratio saves on the wire.
    encodings: ["gzip"],
    zlibOptions: { level: 5 },
  });
  registerRoutes(app, routes, (req) => authenticate(req.headers, store, clock), denied);

  const setupToken = await setup.open(store);
  if (setupToken !== undefined) {
    log(
      `api: no admin yet. Create one with POST /api/setup {"token": "${setupToken}", "username": …, "password": …} ` +
        `or "gridminer users add <name> --role admin". The token works once.`,
    );
  }
  const restored = await ctx.overrides.restore();
  if (restored > 0) log(`api: ${restored} operator override(s) still in force, restored`);
  metrics.start();

  return {
    app,
    metrics,
    overrides: ctx.overrides,
    setupToken,
    routes,
    async listen(host, port) {
      return app.listen({ host, port });
    },
    async close() {
      metrics.stop();
      setup.close();
      await app.close();
    },
  };
}
