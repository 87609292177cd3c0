// The OpenAPI document of one version compiled into validators: component schemas, request bodies, query parameters
// and responses per operation. Both the VEN and the VTN check every message through this one object, so the two sides
// cannot drift apart from the published text. Compiled once per version and process.
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { type FieldError, SCHEMA_OK, type SchemaCheck, toFieldErrors } from "./schema-check.js";
import { loadOpenApiDocument, type OpenApiDocument } from "./spec-document.js";
import type { OadrVersion } from "./version.js";

// ajv-formats is CommonJS; under nodenext the default import is module.exports, whose .default is the plugin.
const addFormats = addFormatsModule.default;

export type HttpMethod = "get" | "post" | "put" | "delete";

export interface QueryParameter {
  readonly name: string;
  readonly in: "query" | "path";
  readonly required: boolean;
  /** The JSON type the string from the URL is coerced to before validation. */
  readonly type: "string" | "integer" | "number" | "boolean" | "array";
}

export interface Operation {
  readonly method: HttpMethod;
  /** Path template as in the document, e.g. /events/{eventID}. */
  readonly path: string;
  readonly operationId: string;
  readonly parameters: readonly QueryParameter[];
  readonly requestContentType: string | undefined;
  /** Scopes listed under oAuth2ClientCredentials; empty for unauthenticated operations (/auth/*). */
  readonly scopes: readonly string[];
  readonly declaredStatuses: readonly number[];
}

export interface MatchedOperation {
  readonly operation: Operation;
  readonly pathParams: Readonly<Record<string, string>>;
}

type Schema = Record<string, unknown>;

const METHODS: readonly HttpMethod[] = ["get", "post", "put", "delete"];

export class OpenApiContract {
  readonly version: OadrVersion;
  readonly operations: readonly Operation[];
  private readonly doc: OpenApiDocument;
  private readonly ajv: Ajv;
  private readonly rootId: string;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly matchers: readonly { re: RegExp; names: string[]; op: Operation }[];

  private constructor(version: OadrVersion, doc: OpenApiDocument) {
    this.version = version;
    this.doc = doc;
    this.rootId = `openadr3-${version}.json`;
    this.ajv = new Ajv({ strict: false, allErrors: false, logger: false });
    addFormats(this.ajv);
    // OpenAPI formats that JSON Schema does not define.
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.ajv.addFormat("float", { type: "number", validate: () => true });
    this.ajv.addSchema({ $id: this.rootId, components: doc.components });
    this.operations = readOperations(doc);
    this.matchers = this.operations.map((op) => {
      const names: string[] = [];
      const pattern = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      return { re: new RegExp(`^${pattern}/?$`), names, op };
    });
    // Compile every component now: a broken document fails at start-up, not on the first odd message.
    for (const name of Object.keys(doc.components.schemas)) this.componentValidator(name);
  }

  private static readonly cache = new Map<string, OpenApiContract>();

  /** The contract of a version; `specDir` overrides where specs/openadr3 is looked up. */
  static of(version: OadrVersion, specDir?: string): OpenApiContract {
    const key = `${version}|${specDir ?? ""}`;
    let c = OpenApiContract.cache.get(key);
    if (!c) {
      c = new OpenApiContract(version, loadOpenApiDocument(version, specDir));
      OpenApiContract.cache.set(key, c);
    }
    return c;
  }

  hasComponent(name: string): boolean {
    return name in this.doc.components.schemas;
  }

  /** Validates a value against components.schemas[name], e.g. "event" or "reportRequest". */
  validateComponent(name: string, value: unknown): SchemaCheck {
    return run(this.componentValidator(name), value);
  }

  /** The operation a method and path (relative to the VTN base URL, no query) address, with its path parameters. */
  match(method: string, path: string): MatchedOperation | undefined {
    const m = method.toLowerCase();
    for (const { re, names, op } of this.matchers) {
      if (op.method !== m) continue;
      const hit = re.exec(path);
      if (!hit) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((n, i) => {
        pathParams[n] = decodeURIComponent(hit[i + 1] ?? "");
      });
      return { operation: op, pathParams };
    }
    return undefined;
  }

  validateRequestBody(op: Operation, body: unknown): SchemaCheck {
    const schema = this.operationSchema(op).requestBody;
    if (schema === undefined) return SCHEMA_OK;
    return run(this.compileInline(`${op.operationId}:request`, schema), body);
  }

  /**
   * Coerces URL strings to the declared parameter types and validates them. Returns the coerced values, which are
   * what a handler should read (skip and limit as numbers, targetValues as an array).
   */
  validateParameters(
    op: Operation,
    raw: Readonly<Record<string, unknown>>,
  ): { check: SchemaCheck; values: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    for (const p of op.parameters) {
      const v = raw[p.name];
      if (v === undefined) {
        if (p.required) errors.push({ field: `${p.in}.${p.name}`, message: "is required" });
        continue;
      }
      const coerced = coerce(p.type, v);
      const check = run(
        this.compileInline(`${op.operationId}:param:${p.name}`, this.paramSchema(op, p.name)),
        coerced,
      );
      if (!check.ok)
        for (const e of check.errors)
          errors.push({ field: `${p.in}.${p.name}${e.field}`, message: e.message });
      values[p.name] = coerced;
    }
    return { check: errors.length === 0 ? SCHEMA_OK : { ok: false, errors }, values };
  }

  /**
   * Validates a response body against the schema declared for its status. A 4xx/5xx status the document does not
   * list (e.g. 401 in 3.0.1, which RFC 6750 requires for a bad token) must still carry a problem object: the
   * Definition says servers may use other codes and that every 40x/500 carries a problem.
   */
  validateResponse(op: Operation, status: number, body: unknown): SchemaCheck {
    const responses = this.operationSchema(op).responses;
    const declared = responses.get(status);
    if (declared !== undefined) {
      return declared === null
        ? SCHEMA_OK
        : run(this.compileInline(`${op.operationId}:${status}`, declared), body);
    }
    if (status >= 400) return this.validateComponent("problem", body);
    return {
      ok: false,
      errors: [{ field: "", message: `status ${status} is not declared for ${op.operationId}` }],
    };
  }

  private componentValidator(name: string): ValidateFunction {
    const key = `component:${name}`;
    let v = this.validators.get(key);
    if (!v) {
      if (!this.hasComponent(name)) throw new Error(`OpenADR ${this.version}: no component schema "${name}"`);
      v = this.ajv.compile({ $ref: `${this.rootId}#/components/schemas/${name}` });
      this.validators.set(key, v);
    }
    return v;
  }

  private compileInline(key: string, schema: Schema): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(absolutizeRefs(schema, this.rootId) as Schema);
      this.validators.set(key, v);
    }
    return v;
  }

  private rawOperation(op: Operation): Schema {
    return (this.doc.paths[op.path] as Record<string, Schema>)[op.method] as Schema;
  }

  private paramSchema(op: Operation, name: string): Schema {
    const item = this.doc.paths[op.path] as { parameters?: Schema[] };
    const all = [
      ...(item.parameters ?? []),
      ...((this.rawOperation(op).parameters as Schema[] | undefined) ?? []),
    ];
    const p = all.find((x) => x.name === name);
    return (p?.schema as Schema | undefined) ?? {};
  }

  private operationSchema(op: Operation): {
    requestBody: Schema | undefined;
    responses: Map<number, Schema | null>;
  } {
    const raw = this.rawOperation(op);
    const content = (raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
      ?.content;
    const requestBody = content ? Object.values(content)[0]?.schema : undefined;
    const responses = new Map<number, Schema | null>();
    for (const [code, r] of Object.entries((raw.responses as Record<string, Schema>) ?? {})) {
      const resolved = this.resolveResponse(r);
      const json = (resolved.content as Record<string, { schema?: Schema }> | undefined)?.[
        "application/json"
      ];
      responses.set(Number(code), json?.schema ?? null);
    }
    return { requestBody, responses };
  }

  private resolveResponse(r: Schema): Schema {
    const ref = r.$ref;
    if (typeof ref !== "string") return r;
    const name = ref.split("/").pop() ?? "";
    return ((this.doc.components.responses as Record<string, Schema> | undefined)?.[name] ?? {}) as Schema;
  }

  /** Resolves a $ref to a component schema (one level), for parameter typing. */
  resolveSchema(schema: Schema): Schema {
    const ref = schema.$ref;
    if (typeof ref !== "string") return schema;
    const name = ref.split("/").pop() ?? "";
    return (this.doc.components.schemas[name] as Schema | undefined) ?? schema;
  }
}

function run(v: ValidateFunction, value: unknown): SchemaCheck {
  return v(value) ? SCHEMA_OK : { ok: false, errors: toFieldErrors(v.errors) };
}

function readOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as Schema[] | undefined) ?? [];
    for (const method of METHODS) {
      const raw = item[method] as Schema | undefined;
      if (!raw) continue;
      const params = [...shared, ...((raw.parameters as Schema[] | undefined) ?? [])].map((p) =>
        toParameter(doc, p),
      );
      const security = (raw.security as Record<string, string[]>[] | undefined) ?? [];
      const oauth = security.find((s) => "oAuth2ClientCredentials" in s)?.oAuth2ClientCredentials ?? [];
      const content = (raw.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
      ops.push({
        method,
        path,
        operationId: String(raw.operationId),
        parameters: params,
        requestContentType: content ? Object.keys(content)[0] : undefined,
        scopes: oauth,
        declaredStatuses: Object.keys((raw.responses as Schema | undefined) ?? {}).map(Number),
      });
    }
  }
  return ops;
}

function toParameter(doc: OpenApiDocument, p: Schema): QueryParameter {
  let schema = (p.schema as Schema | undefined) ?? {};
  if (typeof schema.$ref === "string") {
    schema = (doc.components.schemas[schema.$ref.split("/").pop() ?? ""] as Schema | undefined) ?? {};
  }
  const t = schema.type;
  const type = t === "integer" || t === "number" || t === "boolean" || t === "array" ? t : "string";
  return {
    name: String(p.name),
    in: p.in === "path" ? "path" : "query",
    required: p.required === true,
    type,
  };
}

function coerce(type: QueryParameter["type"], v: unknown): unknown {
  const first = Array.isArray(v) ? v[0] : v;
  switch (type) {
    case "array":
      return Array.isArray(v) ? v : [v];
    case "integer":
    case "number":
      return typeof first === "string" && first.trim() !== "" && Number.isFinite(Number(first))
        ? Number(first)
        : first;
    case "boolean":
      return first === "true" ? true : first === "false" ? false : first;
    default:
      return first;
  }
}

function absolutizeRefs(value: unknown, rootId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => absolutizeRefs(v, rootId));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === "$ref" && typeof v === "string" && v.startsWith("#")
        ? `${rootId}${v}`
        : absolutizeRefs(v, rootId);
  }
  return out;
}
