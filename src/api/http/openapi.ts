// /openapi.json is generated from the same route declarations that validate requests, so it cannot drift.
import { z } from "zod";
import type { AnyRoute } from "./route.js";

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const s = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  delete s.$schema;
  return s;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema, "input");
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof p.description === "string" ? { description: p.description } : {}),
    schema: p,
  }));
}

const ERROR = {
  type: "object",
  required: ["statusCode", "error", "message"],
  properties: {
    statusCode: { type: "integer" },
    error: { type: "string" },
    message: { type: "string" },
    field: { type: "string", description: "The input that was wrong, e.g. body.password" },
  },
};

function errorResponses(r: AnyRoute): Json {
  const res: Json = {};
  const ref = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  if (r.params || r.query || r.body) res["400"] = { description: "Invalid input; `field` names it", ...ref };
  if (r.access !== "public") {
    res["401"] = { description: "Not logged in, or an invalid API token", ...ref };
    res["403"] = { description: `Needs the ${r.access} role`, ...ref };
  }
  return res;
}

export function openApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      "x-required-role": r.access,
      security: r.access === "public" ? [] : [{ sessionCookie: [] }, { bearerToken: [] }],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      responses: {
        [String(r.status ?? 200)]: {
          description: "Success",
          ...(r.response
            ? {
                content: { [r.produces ?? "application/json"]: { schema: jsonSchema(r.response, "output") } },
              }
            : {}),
        },
        ...errorResponses(r),
      },
    };
    if (r.body)
      op.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(r.body, "input") } },
      };
    paths[path] ??= {};
    (paths[path] as Record<string, Json>)[r.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description:
        "gridminer site controller. Log in with POST /api/login (session cookie) or send an API token as a Bearer token. Roles: viewer < operator < admin.",
    },
    paths,
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: "gm_session" },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "gm_<id>_<secret>, from POST /api/tokens",
        },
      },
    },
  };
}
