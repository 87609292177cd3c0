// Every route is declared once with zod schemas for its params, query and body and the least role it needs. The same
// declaration validates requests (400 naming the field), checks the role, and feeds /openapi.json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Role } from "../../store/records.js";
import { allows, type Principal } from "../auth/principal.js";
import { HttpError } from "./errors.js";

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  params: P;
  query: Q;
  body: B;
  /** Set on every route except public ones. */
  principal: Principal;
}

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  summary: string;
  tag: string;
  /** "public": no login; otherwise the least role. */
  access: Role | "public";
  params?: P;
  query?: Q;
  body?: B;
  /** The 2xx body, for the OpenAPI document. */
  response?: z.ZodType;
  status?: number;
  /** Content type of the reply when it is not JSON. */
  produces?: string;
  handler: (ctx: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>;
}

export interface AnyRoute {
  method: RouteSpec<Schema, Schema, Schema>["method"];
  url: string;
  summary: string;
  tag: string;
  access: Role | "public";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  produces?: string;
  handler: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<unknown>;
}

export function route<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: RouteSpec<P, Q, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** "body.password: at least 10 characters"; the field of the first problem is returned for the error body. */
export function describeIssues(part: string, error: z.ZodError): { message: string; field: string } {
  const issues = error.issues.map((i) => {
    const keys = i.code === "unrecognized_keys" ? (i as { keys: string[] }).keys : [];
    const path = [part, ...i.path.map(String), ...(keys.length === 1 ? keys : [])].join(".");
    const text = i.code === "invalid_type" && /received undefined$/.test(i.message) ? "required" : i.message;
    return { path, text: `${path}: ${text}` };
  });
  // A value can fail two checks with one message (a regex and a refinement): say it once.
  const texts = [...new Set(issues.map((i) => i.text))];
  return { message: texts.join("; "), field: issues[0]?.path ?? part };
}

function parse(part: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (part === "body" ? undefined : {}));
  if (!r.success) {
    const d = describeIssues(part, r.error);
    throw new HttpError(400, d.message, { field: d.field });
  }
  return r.data;
}

export type Authenticator = (req: FastifyRequest) => Promise<Principal | undefined>;
export type DeniedHook = (req: FastifyRequest, principal: Principal, route: AnyRoute) => Promise<void>;

export function registerRoutes(
  app: FastifyInstance,
  routes: readonly AnyRoute[],
  authenticate: Authenticator,
  onDenied: DeniedHook,
): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (req, reply) => {
        let principal: Principal | undefined;
        if (r.access !== "public") {
          principal = await authenticate(req);
          if (!principal)
            throw new HttpError(401, "log in, or send an API token as 'Authorization: Bearer …'");
          if (!allows(principal.role, r.access)) {
            await onDenied(req, principal, r);
            throw new HttpError(
              403,
              `${r.method} ${r.url} needs the ${r.access} role; ${principal.name} is ${principal.role}`,
            );
          }
        }
        const params = parse("params", r.params, req.params);
        const query = parse("query", r.query, req.query);
        const body = parse("body", r.body, req.body);
        const result = await r.handler({
          req,
          reply,
          params,
          query,
          body,
          principal: principal ?? { kind: "user", name: "anonymous", role: "viewer" },
        });
        if (r.status !== undefined && reply.statusCode === 200) reply.code(r.status);
        if (r.produces !== undefined) reply.type(r.produces);
        return result;
      },
    });
  }
}
