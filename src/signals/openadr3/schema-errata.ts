// Places where an official document contradicts itself so that no object could ever validate. Each patch is applied
// in memory to a copy of the parsed document; the YAML files under specs/ stay as published.
import type { OpenApiDocument } from "./spec-document.js";
import type { OadrVersion } from "./version.js";

export interface SchemaErratum {
  readonly version: OadrVersion;
  readonly schema: string;
  readonly reason: string;
  readonly patch: (schemas: Record<string, unknown>) => void;
}

/**
 * 3.1.0 `ven` is allOf [objectMetadata, BlVenRequest] and `resource` is allOf [objectMetadata, BlResourceRequest].
 * objectMetadata.objectType must be one of objectTypes (VEN, RESOURCE, ...), while the *Request schemas require
 * objectType BL_VEN_REQUEST / BL_RESOURCE_REQUEST: no server response can satisfy both. The request-side
 * discriminator is dropped from the response shape, so a response carries objectType VEN / RESOURCE as every other
 * object does.
 */
function dropRequestDiscriminator(responseName: string, requestName: string): SchemaErratum["patch"] {
  return (schemas) => {
    const request = schemas[requestName] as { properties?: Record<string, unknown>; required?: string[] };
    const { objectType: _dropped, ...properties } = request.properties ?? {};
    const withoutDiscriminator = {
      ...request,
      properties,
      required: (request.required ?? []).filter((r) => r !== "objectType"),
    };
    schemas[responseName] = {
      type: "object",
      description: `${responseName} (erratum: objectType from objectMetadata only)`,
      allOf: [{ $ref: "#/components/schemas/objectMetadata" }, withoutDiscriminator],
    };
  };
}

/**
 * notification.object is oneOf [program, report, event, subscription, ven, resource] with a discriminator on
 * objectType. In 3.1.0 every one of them takes objectType from objectMetadata, which allows any object type, and
 * eventRequest requires nothing but programID: a subscription with a programID is then a valid event as well, and
 * oneOf fails. The object is checked against the one schema its objectType names, as the discriminator intends.
 */
function discriminateNotificationObject(schemas: Record<string, unknown>): void {
  const notification = schemas.notification as { properties: Record<string, unknown> };
  const byType: Record<string, string> = {
    PROGRAM: "program",
    REPORT: "report",
    EVENT: "event",
    SUBSCRIPTION: "subscription",
    VEN: "ven",
    RESOURCE: "resource",
  };
  notification.properties.object = {
    type: "object",
    description: "the object that is the subject of the notification (erratum: chosen by its objectType)",
    required: ["objectType"],
    properties: { objectType: { $ref: "#/components/schemas/objectTypes" } },
    allOf: Object.entries(byType).map(([objectType, schema]) => ({
      if: { properties: { objectType: { const: objectType } }, required: ["objectType"] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema if/then, never awaited
      then: { $ref: `#/components/schemas/${schema}` },
    })),
  };
}

export const SCHEMA_ERRATA: readonly SchemaErratum[] = [
  {
    version: "3.1.0",
    schema: "ven",
    reason: "objectMetadata.objectType (VEN) and BlVenRequest.objectType (BL_VEN_REQUEST) cannot both hold",
    patch: dropRequestDiscriminator("ven", "BlVenRequest"),
  },
  {
    version: "3.1.0",
    schema: "resource",
    reason:
      "objectMetadata.objectType (RESOURCE) and BlResourceRequest.objectType (BL_RESOURCE_REQUEST) conflict",
    patch: dropRequestDiscriminator("resource", "BlResourceRequest"),
  },
  {
    version: "3.1.0",
    schema: "notification",
    reason:
      "oneOf over six objects that 3.1.0 no longer tells apart (a subscription with programID is also an event)",
    patch: discriminateNotificationObject,
  },
];

export function applySchemaErrata(version: OadrVersion, doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc) as OpenApiDocument;
  for (const erratum of SCHEMA_ERRATA) {
    if (erratum.version === version) erratum.patch(copy.components.schemas);
  }
  return copy;
}
