import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { decodeReply } from "./framing.js";
import { readFixture, wireJson } from "./test-fixtures.js";

const ctx = { host: "10.0.0.7:4028", command: "summary" };

function decodeError(input: string): DriverError {
  try {
    decodeReply(input, ctx);
  } catch (e) {
    if (e instanceof DriverError) return e;
    throw e;
  }
  throw new Error("expected a DriverError");
}

describe("decodeReply", () => {
  it("strips the trailing NUL of a real A1566 version reply", () => {
    const reply = decodeReply(Buffer.from(`${wireJson("avalon", "a1566_fw24102401_version.json")}\0`), ctx);
    expect((reply.VERSION as Array<Record<string, unknown>>)[0]?.MODEL).toBe("15-194");
  });

  it("strips several trailing NULs and whitespace", () => {
    expect(decodeReply('{"STATUS":[],"id":1}\n\0\0', ctx)).toEqual({ STATUS: [], id: 1 });
  });

  it("turns bare and quoted inf/nan into null, leaving strings that merely contain them alone", () => {
    const reply = decodeReply(
      '{"SUMMARY":[{"MHS av":inf,"Utility":-inf,"Work Utility":nan,"Rej":"inf","Q":"NaN","User":"infantry"}]}\0',
      ctx,
    );
    expect(reply.SUMMARY).toEqual([
      { "MHS av": null, Utility: null, "Work Utility": null, Rej: null, Q: null, User: "infantry" },
    ]);
  });

  it("does not touch inf inside string values or true/false/null literals", () => {
    const reply = decodeReply('{"a":"x inf y","b":true,"c":false,"d":null,"e":-1.5e3}', ctx);
    expect(reply).toEqual({ a: "x inf y", b: true, c: false, d: null, e: -1500 });
  });

  it('repairs a reply that starts with a stray comma (`,"id":1}` garbage)', () => {
    expect(decodeReply(',"id":1}\0', ctx)).toEqual({ id: 1 });
    expect(decodeReply(',"STATUS":[{"STATUS":"S","Code":11}],"id":1}\0', ctx)).toEqual({
      STATUS: [{ STATUS: "S", Code: 11 }],
      id: 1,
    });
  });

  it("repairs trailing commas, `[,{` and `}{` inside arrays", () => {
    const reply = decodeReply('{"STATS":[,{"a":1,}{"b":2},],"id":1,}', ctx);
    expect(reply).toEqual({ STATS: [{ a: 1 }, { b: 2 }], id: 1 });
  });

  it("escapes raw newlines inside strings (Canaan setpool message)", () => {
    const reply = decodeReply('{"STATUS":[{"STATUS":"I","Msg":"ASC 0 set info:\npool success"}]}', ctx);
    expect((reply.STATUS as Array<Record<string, unknown>>)[0]?.Msg).toBe("ASC 0 set info:\npool success");
  });

  it("merges back-to-back objects, first one winning on clashes", () => {
    const reply = decodeReply('{"STATUS":[{"STATUS":"S"}],"id":1}{"id":2,"extra":true}\0', ctx);
    expect(reply).toEqual({ STATUS: [{ STATUS: "S" }], id: 1, extra: true });
    expect(decodeReply('{"a":1}\0{"b":2}\0', ctx)).toEqual({ a: 1, b: 2 });
  });

  it("decodes a text-form reply into the JSON shape", () => {
    const reply = decodeReply(`${readFixture("avalon", "canaan_a10doc_version_text.txt").trim()}\0`, ctx);
    expect((reply.VERSION as Array<Record<string, unknown>>)[0]?.PROD).toBe("AvalonMiner 10xx");
  });

  it("reports truncated JSON as malformed, naming the host", () => {
    const full = wireJson("avalon", "a1566_fw24102401_version.json");
    const e = decodeError(full.slice(0, full.length - 20));
    expect(e.kind).toBe("malformed");
    expect(e.host).toBe("10.0.0.7:4028");
    expect(e.message).toContain("10.0.0.7:4028");
    expect(e.message).toContain("truncated");
  });

  it("reports an unterminated string as truncated", () => {
    expect(decodeError('{"STATUS":[{"Msg":"ASC 0 se').kind).toBe("malformed");
  });

  it("classifies an HTTP peer as unsupported with the first bytes", () => {
    const e = decodeError("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    expect(e.kind).toBe("unsupported");
    expect(e.message).toContain("HTTP server");
    expect(e.message).toContain("HTTP/1.1 400");
  });

  it("classifies HTML and binary garbage", () => {
    expect(decodeError("<html><body>login</body></html>").kind).toBe("unsupported");
    const e = decodeError("\u0016\u0003\u0001\u0002\u0000garbage");
    expect(e.kind).toBe("malformed");
    expect(e.message).toContain("not a cgminer reply");
  });

  it("rejects an empty reply and junk after the object", () => {
    expect(decodeError("\0").message).toContain("empty reply");
    expect(decodeError('{"a":1} trailing').message).toContain("after the JSON object");
  });

  it("rejects JSON that stays invalid after repair", () => {
    expect(decodeError('{"a":1,,"b"}').kind).toBe("malformed");
  });
});
