// Loads the official OpenAPI document of a version from specs/openadr3/ so that validation follows the published text,
// not a hand copy of it. The directory is found by walking up from this module, which works from src/ (tsx, vitest)
// and from dist/src/ (the compiled CLI) alike.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { applySchemaErrata } from "./schema-errata.js";
import type { OadrVersion } from "./version.js";

/** The parts of an OpenAPI 3.0 document the contract reads. Everything else is kept but not typed. */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: { readonly schemas: Record<string, unknown> } & Record<string, unknown>;
}

const SPEC_DIR_FROM_ROOT = join("specs", "openadr3");

/** Directory holding <version>/openadr3.yaml: the first ancestor of this module that has specs/openadr3. */
export function findSpecDirectory(startDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, SPEC_DIR_FROM_ROOT);
    if (existsSync(join(candidate, "3.1.0", "openadr3.yaml"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`OpenADR 3 specs not found: no ${SPEC_DIR_FROM_ROOT} above ${startDir}`);
    dir = parent;
  }
}

export function specFilePath(version: OadrVersion, specDir: string = findSpecDirectory()): string {
  return join(specDir, version, "openadr3.yaml");
}

const cache = new Map<string, OpenApiDocument>();

/** The parsed document with the errata applied. Parsed once per file and process; callers must not mutate it. */
export function loadOpenApiDocument(version: OadrVersion, specDir?: string): OpenApiDocument {
  const file = specFilePath(version, specDir);
  const hit = cache.get(file);
  if (hit) return hit;
  const parsed: unknown = parse(readFileSync(file, "utf8"));
  if (!isDocument(parsed))
    throw new Error(`${file}: not an OpenAPI document with paths and components.schemas`);
  const doc = applySchemaErrata(version, toJsonSchemaDialect(parsed) as OpenApiDocument);
  cache.set(file, doc);
  return doc;
}

function isDocument(value: unknown): value is OpenApiDocument {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { paths?: unknown; components?: { schemas?: unknown } };
  return typeof v.paths === "object" && typeof v.components?.schemas === "object";
}

/**
 * OpenAPI 3.0 schemas use draft-04 booleans for exclusiveMinimum/exclusiveMaximum; ajv speaks draft-07, where they are
 * numbers. Rewrites `{maximum: 600, exclusiveMaximum: true}` as `{exclusiveMaximum: 600}`. `nullable` is understood by
 * ajv as is.
 */
export function toJsonSchemaDialect(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchemaDialect);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonSchemaDialect(v);
  for (const [flag, bound] of [
    ["exclusiveMaximum", "maximum"],
    ["exclusiveMinimum", "minimum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  return out;
}
