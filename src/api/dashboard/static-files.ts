// The built dashboard held in memory: a few hundred kilobytes, read once and compressed once, so a request never
// touches the disk and no request path is ever joined to a directory (only names found by the scan are served).
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export interface StaticFile {
  readonly body: Buffer;
  readonly br: Buffer | undefined;
  readonly gzip: Buffer | undefined;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".map",
  ".svg",
  ".txt",
  ".webmanifest",
]);

/** Below this, compression costs more in headers and CPU than it saves on the wire. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * index.html must be revalidated on every load, or a browser keeps an old page that names assets a rebuild
 * removed; the assets carry a content hash in their names, so they never change and can be kept for a year.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.endsWith(".html")) return "no-cache";
  if (urlPath.startsWith("/assets/")) return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function prepare(urlPath: string, body: Buffer): StaticFile {
  const ext = extname(urlPath).toLowerCase();
  const compress = COMPRESSIBLE.has(ext) && body.length >= MIN_COMPRESS_BYTES;
  return {
    body,
    br: compress ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : undefined,
    gzip: compress ? gzipSync(body, { level: 9 }) : undefined,
    type: TYPES[ext] ?? "application/octet-stream",
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
    cacheControl: cacheControlFor(urlPath),
  };
}

/** Every file under `dir`, keyed by its URL path ("/index.html", "/assets/index-3f2a.js"); empty when absent. */
export async function loadStaticFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return files;
  for (const full of await walk(dir)) {
    const urlPath = `/${relative(dir, full).split(sep).join("/")}`;
    files.set(urlPath, prepare(urlPath, await readFile(full)));
  }
  return files;
}

/** The smallest encoding the client accepts: brotli, then gzip, then none. */
export function pickEncoding(
  file: StaticFile,
  acceptEncoding: string | undefined,
): { body: Buffer; encoding: "br" | "gzip" | undefined } {
  const accepted = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((s) => s.trim().split(";")[0]?.trim().toLowerCase())
      .filter((s): s is string => s !== undefined && s !== ""),
  );
  if (file.br && accepted.has("br")) return { body: file.br, encoding: "br" };
  if (file.gzip && accepted.has("gzip")) return { body: file.gzip, encoding: "gzip" };
  return { body: file.body, encoding: undefined };
}
