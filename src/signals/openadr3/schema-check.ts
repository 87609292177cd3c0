// Turns JSON-schema failures into messages that name the object and the field, so an operator reading the log can
// tell the utility which event carried which bad value.
import type { ErrorObject } from "ajv";

export interface FieldError {
  /** JSON pointer into the checked value, "" for the value itself. */
  readonly field: string;
  readonly message: string;
}

export type SchemaCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export const SCHEMA_OK: SchemaCheck = { ok: true };

/** The most specific failures first: branch errors of oneOf/anyOf are many, the deepest ones say most. */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const sorted = [...(errors ?? [])].sort((a, b) => depth(b) - depth(a));
  for (const e of sorted) {
    const fe = toFieldError(e);
    const key = `${fe.field} ${fe.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fe);
  }
  return out;
}

function depth(e: ErrorObject): number {
  const extra = e.keyword === "required" || e.keyword === "additionalProperties" ? 1 : 0;
  return e.instancePath.split("/").length + extra;
}

function toFieldError(e: ErrorObject): FieldError {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "required") {
    return { field: `${e.instancePath}/${String(params.missingProperty)}`, message: "is required" };
  }
  if (e.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(", ");
    return { field: e.instancePath, message: `must be one of ${allowed ?? "the allowed values"}` };
  }
  return { field: e.instancePath, message: e.message ?? e.keyword };
}

/** "event \"e-7\": /intervals/0/payloads/0/values must be array; ..." (at most three failures). */
export function describeFailure(what: string, errors: readonly FieldError[]): string {
  const shown = errors.slice(0, 3).map((e) => `${e.field === "" ? "(whole object)" : e.field} ${e.message}`);
  const more = errors.length > 3 ? ` (+${errors.length - 3} more)` : "";
  return `${what}: ${shown.join("; ")}${more}`;
}

/** A label for an object in messages: its kind and id when it has one, else its name field. */
export function objectLabel(kind: string, value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.id === "string" || typeof v.id === "number") return `${kind} "${String(v.id)}"`;
    for (const nameField of ["eventName", "programName", "reportName", "venName", "clientName"]) {
      if (typeof v[nameField] === "string") return `${kind} (${nameField} "${String(v[nameField])}", no id)`;
    }
  }
  return `${kind} (no id)`;
}
