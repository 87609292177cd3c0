import { describe, expect, it } from "vitest";
import { OpenApiContract } from "./contract.js";
import { describeFailure, objectLabel } from "./schema-check.js";

const meta = {
  id: "e-7",
  createdDateTime: "2025-01-01T00:00:00Z",
  modificationDateTime: "2025-01-01T00:00:00Z",
};
const v301 = OpenApiContract.of("3.0.1");
const v310 = OpenApiContract.of("3.1.0");

function operation(contract: OpenApiContract, method: string, path: string) {
  const m = contract.match(method, path);
  if (!m) throw new Error(`${method} ${path} is not an operation`);
  return m.operation;
}

describe("the OpenAPI documents compiled", () => {
  it("exposes every operation of each document", () => {
    expect(v301.operations.map((o) => o.operationId)).toContain("searchVenResources");
    expect(v301.match("get", "/vens/v-1/resources")?.operation.operationId).toBe("searchVenResources");
    expect(v310.match("get", "/resources")?.operation.operationId).toBe("searchVenResources");
    expect(v310.match("get", "/auth/server")?.operation.operationId).toBe("getAuthServerInfo");
    expect(v301.match("get", "/auth/server")).toBeUndefined();
    expect(v310.match("put", "/events/e-1")).toMatchObject({ pathParams: { eventID: "e-1" } });
  });

  it("coerces query strings to the declared types and enforces limit ≤ 50", () => {
    const op = operation(v310, "get", "/events");
    const ok = v310.validateParameters(op, { skip: "10", limit: "50", active: "true", targets: "g1" });
    expect(ok).toEqual({
      check: { ok: true },
      values: { skip: 10, limit: 50, active: true, targets: ["g1"] },
    });
    expect(v310.validateParameters(op, { limit: "51" }).check).toEqual({
      ok: false,
      errors: [{ field: "query.limit", message: "must be <= 50" }],
    });
  });

  it("accepts an undeclared error status when it carries a problem (401 in 3.0.1)", () => {
    const op = operation(v301, "get", "/events");
    expect(v301.validateResponse(op, 401, { title: "Unauthorized", status: 401 })).toEqual({ ok: true });
    expect(v301.validateResponse(op, 202, [])).toMatchObject({ ok: false });
  });
});

describe("wire differences between 3.0.1 and 3.1.0", () => {
  const event = (descriptor: object, extra: object = {}) => ({
    ...meta,
    objectType: "EVENT",
    programID: "p-1",
    payloadDescriptors: [descriptor],
    intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: [1] }] }],
    ...extra,
  });

  it("3.1.0 requires objectType on payload descriptors", () => {
    const bare = event({ payloadType: "SIMPLE" });
    expect(v301.validateComponent("event", bare)).toEqual({ ok: true });
    expect(v310.validateComponent("event", bare)).toEqual({
      ok: false,
      errors: [{ field: "/payloadDescriptors/0/objectType", message: "is required" }],
    });
  });

  it("3.0.1 requires intervals on an event; 3.1.0 allows report-only events", () => {
    const { intervals: _i, ...noIntervals } = event({
      objectType: "EVENT_PAYLOAD_DESCRIPTOR",
      payloadType: "SIMPLE",
    });
    expect(v301.validateComponent("event", noIntervals)).toMatchObject({ ok: false });
    expect(v310.validateComponent("event", noIntervals)).toEqual({ ok: true });
  });

  it("targets are valuesMaps in 3.0.1 and strings in 3.1.0", () => {
    const d = { objectType: "EVENT_PAYLOAD_DESCRIPTOR", payloadType: "SIMPLE" };
    const asMap = event(d, { targets: [{ type: "GROUP", values: ["site-1"] }] });
    const asString = event(d, { targets: ["site-1"] });
    expect(v301.validateComponent("event", asMap)).toEqual({ ok: true });
    expect(v301.validateComponent("event", asString)).toMatchObject({ ok: false });
    expect(v310.validateComponent("event", asString)).toEqual({ ok: true });
    expect(v310.validateComponent("event", asMap)).toMatchObject({ ok: false });
  });

  it("notifications name operations as HTTP verbs in 3.0.1 and CRUD words in 3.1.0", () => {
    const object = event({ objectType: "EVENT_PAYLOAD_DESCRIPTOR", payloadType: "SIMPLE" });
    expect(
      v301.validateComponent("notification", { objectType: "EVENT", operation: "POST", object }),
    ).toEqual({ ok: true });
    expect(
      v310.validateComponent("notification", { objectType: "EVENT", operation: "POST", object }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      v310.validateComponent("notification", { objectType: "EVENT", operation: "CREATE", object }),
    ).toEqual({
      ok: true,
    });
  });

  it("a 3.0.1 report needs programID; a 3.1.0 report from the VTN needs clientID", () => {
    const report = { eventID: "e-1", clientName: "site-1", resources: [] };
    expect(v301.validateComponent("report", report)).toMatchObject({ ok: false });
    expect(v310.validateComponent("reportRequest", report)).toEqual({ ok: true });
    expect(v310.validateComponent("report", { ...meta, objectType: "REPORT", ...report })).toEqual({
      ok: false,
      errors: [{ field: "/clientID", message: "is required" }],
    });
  });

  it("validates a 3.1.0 ven response (with the objectType erratum) and a VEN's own ven request", () => {
    const ven = { ...meta, objectType: "VEN", venName: "site-1", clientID: "ven_client" };
    expect(v310.validateComponent("ven", ven)).toEqual({ ok: true });
    expect(
      v310.validateComponent("venRequest", { objectType: "VEN_VEN_REQUEST", venName: "site-1" }),
    ).toEqual({
      ok: true,
    });
    expect(v310.validateComponent("venRequest", { venName: "site-1" })).toMatchObject({ ok: false });
  });
});

describe("errata of the 3.1.0 document", () => {
  it("tells notification objects apart by their objectType", () => {
    const subscription = {
      ...meta,
      objectType: "SUBSCRIPTION",
      clientName: "utility",
      clientID: "bl_client",
      programID: "p-1",
      objectOperations: [
        { objects: ["EVENT"], operations: ["CREATE"], callbackUrl: "https://bl.example/cb" },
      ],
    };
    // Without the erratum this object is both a valid subscription and a valid event, and oneOf fails.
    expect(v310.validateComponent("event", subscription)).toEqual({ ok: true });
    expect(
      v310.validateComponent("notification", {
        objectType: "SUBSCRIPTION",
        operation: "CREATE",
        object: subscription,
      }),
    ).toEqual({ ok: true });
    const { clientID: _c, ...withoutClientId } = subscription;
    expect(
      v310.validateComponent("notification", {
        objectType: "SUBSCRIPTION",
        operation: "CREATE",
        object: withoutClientId,
      }),
    ).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([{ field: "/object/clientID", message: "is required" }]),
    });
  });
});

describe("error messages", () => {
  it("name the object and the field", () => {
    const bad = {
      ...meta,
      programID: "p-1",
      intervals: [{ id: 0, payloads: [{ type: "SIMPLE", values: 1 }] }],
    };
    const check = v301.validateComponent("event", bad);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(describeFailure(objectLabel("event", bad), check.errors)).toBe(
      'event "e-7": /intervals/0/payloads/0/values must be array',
    );
  });
});
