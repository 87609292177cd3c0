// /auth/token (client credentials, RFC 6749 §4.4) and /auth/server (3.1.0 token endpoint discovery), plus /notifiers.
// Error shapes differ by version: 3.0.1 answers a bad token request with an RFC 6749 authError (400); 3.1.0 with a
// problem object (400, or 401 for unknown clients).
import { describeFailure, type FieldError } from "../schema-check.js";
import { problem, type Reply, type RequestContext } from "./reply.js";
import type { TokenRegistry } from "./tokens.js";

type AuthErrorCode = "invalid_request" | "invalid_client" | "unsupported_grant_type";

export function tokenError(
  ctx: Pick<RequestContext, "version">,
  code: AuthErrorCode,
  description: string,
): Reply {
  if (ctx.version === "3.0.1") return { status: 400, body: { error: code, error_description: description } };
  return problem(code === "invalid_client" ? 401 : 400, `${code}: ${description}`);
}

/** A request body that failed the schema, answered in the version's error shape for /auth/token. */
export function tokenRequestInvalid(
  ctx: Pick<RequestContext, "version">,
  errors: readonly FieldError[],
): Reply {
  return tokenError(ctx, "invalid_request", describeFailure("token request", errors));
}

export function fetchToken(ctx: RequestContext, tokens: TokenRegistry): Reply {
  const form = ctx.body as Record<string, string>;
  const client = tokens.authenticate(form.client_id ?? "", form.client_secret ?? "");
  if (!client) return tokenError(ctx, "invalid_client", "unknown client_id or wrong client_secret");
  const t = tokens.issue(client);
  return {
    status: 200,
    body: {
      access_token: t.accessToken,
      token_type: "Bearer",
      expires_in: t.expiresInS,
      scope: t.scopes.join(" "),
    },
    headers: { "cache-control": "no-store" },
  };
}

export function getAuthServerInfo(ctx: RequestContext): Reply {
  return { status: 200, body: { tokenURL: `${ctx.baseUrl}/auth/token` } };
}

/** This VTN notifies by webhook only (the 3.1.0 document requires WEBHOOK: true). */
export function listAllNotifiers(): Reply {
  return { status: 200, body: { WEBHOOK: true } };
}
