// Serves the built operator dashboard (web/, built by Vite into dist/web) from the API's own port, so the browser
// talks to one origin: the session cookie (SameSite=Strict) and the live stream need nothing more.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { loadStaticFiles, pickEncoding, type StaticFile } from "./static-files.js";

export interface DashboardOptions {
  /** The folder `vite build` wrote (index.html and assets/). */
  distDir: string;
  log?: (line: string) => void;
}

/**
 * The page may load scripts, styles and data only from this origin: no inline script, no CDN, nothing framed.
 * Inline style attributes stay forbidden too; the app sets styles through the CSSOM, which CSP does not govern.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Paths the API owns: an unknown one there must stay the API's JSON 404, never the dashboard page. */
function belongsToApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path === "/metrics" || path === "/openapi.json";
}

/**
 * A last segment ending in an extension (".js", ".woff2") names a file, which is a 404 when missing; anything else is
 * a dashboard route (/fleet, /units/10.0.0.5:4028), answered with the page.
 */
function looksLikeFile(path: string): boolean {
  return /\.[a-z][a-z0-9]{0,7}$/i.test(path.slice(path.lastIndexOf("/") + 1));
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gridminer</title></head>
<body><h1>The dashboard has not been built</h1><p>Run <code>npm run build</code> (or <code>npm run build:web</code>)
and restart. The API itself works: see <a href="/openapi.json">/openapi.json</a>.</p></body></html>`;

/** The package's dist/web, wherever this file runs from (dist/src/api/dashboard or src/api/dashboard via tsx). */
export function defaultDashboardDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", "web");
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(process.cwd(), "dist", "web");
}

/** A rebuild while the server runs gives assets new names; look again, but not on every miss. */
const RESCAN_AFTER_MS = 5_000;

export async function registerDashboard(app: FastifyInstance, o: DashboardOptions): Promise<void> {
  let files = await loadStaticFiles(o.distDir);
  let scannedAtMs = Date.now();
  if (!files.has("/index.html"))
    o.log?.(`dashboard: no build in ${o.distDir}; "/" explains how to build it (npm run build:web)`);

  const lookup = async (path: string): Promise<StaticFile | undefined> => {
    const hit = files.get(path);
    if (hit || Date.now() - scannedAtMs < RESCAN_AFTER_MS) return hit;
    scannedAtMs = Date.now();
    files = await loadStaticFiles(o.distDir);
    return files.get(path);
  };

  const send = (req: FastifyRequest, reply: FastifyReply, file: StaticFile) => {
    reply.header("cache-control", file.cacheControl);
    reply.header("etag", file.etag);
    if (file.type.startsWith("text/html")) reply.header("content-security-policy", DASHBOARD_CSP);
    if (file.br || file.gzip) reply.header("vary", "accept-encoding");
    if (req.headers["if-none-match"] === file.etag) return reply.code(304).send();
    const { body, encoding } = pickEncoding(file, req.headers["accept-encoding"]);
    if (encoding) reply.header("content-encoding", encoding);
    return reply.type(file.type).send(body);
  };

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    const index = await lookup("/index.html");
    if (index) return send(req, reply, index);
    return reply
      .code(503)
      .header("cache-control", "no-store")
      .header("content-security-policy", DASHBOARD_CSP)
      .type("text/html; charset=utf-8")
      .send(NOT_BUILT);
  };

  app.get("/", page);
  app.get("/*", async (req, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(req.url.split("?")[0] ?? "/");
    } catch {
      return reply.callNotFound();
    }
    // Nothing is ever read by path (only names the scan found are served), but a ".." route is no page either.
    if (belongsToApi(path) || path.includes("\0") || path.split("/").includes(".."))
      return reply.callNotFound();
    const file = await lookup(path);
    if (file) return send(req, reply, file);
    if (looksLikeFile(path)) return reply.callNotFound();
    return page(req, reply);
  });
}
