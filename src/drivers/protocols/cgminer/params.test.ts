import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { encodeRequest } from "./client.js";
import { joinParams, validateCommand } from "./params.js";

function caught(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DriverError) return e;
    throw e;
  }
  throw new Error("expected a DriverError");
}

describe("parameter validation", () => {
  it("joins validated parts with commas", () => {
    expect(joinParams([0, "softoff", "1:1753434821"])).toBe("0,softoff,1:1753434821");
    expect(joinParams([0, "workmode", "set", 2])).toBe("0,workmode,set,2");
  });

  it.each([
    ["a pipe", "1|reboot"],
    ["a comma", "set,2"],
    ["a plus", "summary+estats"],
    ["a newline", "x\ny"],
    ["a NUL", "x\u0000"],
    ["DEL", "x\u007f"],
    ["nothing", ""],
  ])("rejects a part containing %s, naming the part", (_what, bad) => {
    const e = caught(() => joinParams([0, "workmode", bad], "10.0.0.7:4028"));
    expect(e.kind).toBe("invalid-argument");
    expect(e.field).toBe("parameter[2]");
    expect(e.message).toContain("parameter[2]");
    expect(e.host).toBe("10.0.0.7:4028");
  });

  it("rejects non-finite numbers", () => {
    expect(caught(() => joinParams([Number.NaN])).field).toBe("parameter[0]");
  });

  it.each(["Version", "summary+estats", "ascset|0", "", "9lives", "a b"])("rejects command %j", (cmd) => {
    const e = caught(() => validateCommand(cmd));
    expect(e.kind).toBe("invalid-argument");
    expect(e.field).toBe("command");
  });

  it("encodes JSON-mode requests, omitting an empty parameter", () => {
    expect(encodeRequest("version", [])).toBe('{"command":"version"}');
    expect(encodeRequest("ascset", [0, "reboot", 0])).toBe('{"command":"ascset","parameter":"0,reboot,0"}');
    expect(encodeRequest("work_mode-lvl", [])).toBe('{"command":"work_mode-lvl"}');
  });
});
