// A small VTN built from the OpenAPI document of one version: every path and method of the document that this VTN
// implements is a route; each request is authenticated, scope-checked and validated against the document before a
// handler sees it, and each response is checked against the document on its way out. Storage is in memory.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Clock } from "../../../domain/clock.js";
import { OpenApiContract, type Operation } from "../contract.js";
import { describeFailure } from "../schema-check.js";
import { fetchToken, getAuthServerInfo, listAllNotifiers, tokenRequestInvalid } from "./auth-endpoints.js";
import { WebhookNotifier } from "./notifier.js";
import { OBJECT_OPERATIONS, VtnObjects } from "./objects.js";
import type { VtnOptions } from "./options.js";
import { problem, type Reply, type RequestContext } from "./reply.js";
import { VtnStore } from "./store.js";
import { hasScopes, TokenRegistry } from "./tokens.js";

export interface VtnServer {
  /** Base URL of the API, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly options: VtnOptions;
  readonly store: VtnStore;
  readonly tokens: TokenRegistry;
  readonly notifier: WebhookNotifier;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const systemClock: Clock = { nowMs: () => Date.now() };

type RouteConfig = { readonly operation: Operation };

export async function startVtn(options: VtnOptions): Promise<VtnServer> {
  const contract = OpenApiContract.of(options.version, options.specDir);
  const clock = options.clock ?? systemClock;
  const store = new VtnStore(clock);
  const tokens = new TokenRegistry(options.version, options.clients, options.tokenLifetimeS ?? 3600, clock);
  const violation = options.onViolation ? { onViolation: options.onViolation } : {};
  const notifier = new WebhookNotifier({
    contract,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    ...(options.webhookRetry ? { retry: options.webhookRetry } : {}),
    allowHttpLoopback: options.allowHttpLoopbackCallbacks ?? true,
    ...violation,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  const objects = new VtnObjects(store, notifier, options.verifyCallbacks ?? true);
  const app = Fastify({ logger: false });

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    void send(reply, problem(status, error.message));
  });
  app.setNotFoundHandler((request, reply) => {
    void send(
      reply,
      problem(404, `${request.method} ${request.url.split("?")[0]} is not an operation of this VTN`),
    );
  });

  const handlers: Record<string, (ctx: RequestContext) => Reply | Promise<Reply>> = {
    fetchToken: (ctx) => fetchToken(ctx, tokens),
    getAuthServerInfo,
    listAllNotifiers,
  };
  for (const operationId of Object.keys(OBJECT_OPERATIONS))
    handlers[operationId] = (ctx) => objects.handle(ctx);

  for (const operation of contract.operations) {
    const handler = handlers[operation.operationId];
    if (!handler) continue;
    const config: RouteConfig = { operation };
    app.route({
      method: operation.method.toUpperCase() as "GET",
      url: operation.path.replace(/\{([^}]+)\}/g, ":$1"),
      config,
      handler: async (request, reply) => {
        const r = await serve(request, operation, handler);
        options.onLog?.(`${request.method} ${request.url} → ${r.status}`);
        return send(reply, r);
      },
    });
  }

  app.addHook("onSend", async (request, reply, payload) => {
    const operation = (request.routeOptions.config as Partial<RouteConfig>).operation;
    if (!operation || !options.onViolation) return payload;
    const body = typeof payload === "string" && payload !== "" ? (JSON.parse(payload) as unknown) : undefined;
    const check = contract.validateResponse(operation, reply.statusCode, body);
    if (!check.ok) {
      options.onViolation({
        side: "vtn",
        direction: "response",
        operationId: operation.operationId,
        status: reply.statusCode,
        message: describeFailure(`${operation.operationId} response ${reply.statusCode}`, check.errors),
      });
    }
    return payload;
  });

  async function serve(
    request: FastifyRequest,
    operation: Operation,
    handler: (ctx: RequestContext) => Reply | Promise<Reply>,
  ): Promise<Reply> {
    let auth: RequestContext["auth"];
    if (operation.scopes.length > 0) {
      const header = request.headers.authorization;
      const token = header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
      auth = token === undefined ? undefined : tokens.verify(token);
      if (!auth) {
        // RFC 6750 §3.1: a missing, unknown or expired token is 401 with a WWW-Authenticate challenge.
        return problem(401, "missing, unknown or expired bearer token", {
          "www-authenticate": 'Bearer error="invalid_token"',
        });
      }
      if (!hasScopes(auth.scopes, operation.scopes)) {
        return problem(403, `${operation.operationId} needs scope ${operation.scopes.join(" ")}`);
      }
    }
    const params = contract.validateParameters(operation, {
      ...(request.query as Record<string, unknown>),
      ...(request.params as Record<string, unknown>),
    });
    const ctxBase = { version: options.version };
    if (!params.check.ok) return invalidRequest(operation, "parameters", params.check.errors);
    if (operation.requestContentType !== undefined) {
      const check = contract.validateRequestBody(operation, request.body);
      if (!check.ok) {
        if (operation.operationId === "fetchToken") return tokenRequestInvalid(ctxBase, check.errors);
        return invalidRequest(operation, "body", check.errors);
      }
    }
    const pathParams = request.params as Record<string, string>;
    const ctx: RequestContext = {
      ...ctxBase,
      operation,
      ...(auth ? { auth } : {}),
      pathParams,
      query: params.values,
      body: request.body,
      nowMs: clock.nowMs(),
      baseUrl: `${request.protocol}://${request.host}`,
    };
    try {
      return await handler(ctx);
    } catch (e) {
      return problem(500, e instanceof Error ? e.message : String(e));
    }
  }

  function invalidRequest(
    operation: Operation,
    part: string,
    errors: Parameters<typeof describeFailure>[1],
  ): Reply {
    const detail = describeFailure(`${operation.operationId} request ${part}`, errors);
    options.onViolation?.({
      side: "vtn",
      direction: "request",
      operationId: operation.operationId,
      message: detail,
    });
    return problem(400, detail);
  }

  const address = await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
  return {
    url: address,
    options,
    store,
    tokens,
    notifier,
    app,
    close: async () => {
      await notifier.close();
      await app.close();
    },
  };
}

function send(reply: FastifyReply, r: Reply): FastifyReply {
  reply.code(r.status);
  for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
  if (r.body === undefined) return reply.send();
  return reply.type("application/json").send(JSON.stringify(r.body));
}
