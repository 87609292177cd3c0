import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { expectSuccess, interpretWriteReply, replyStatus } from "./status.js";
import { readFixture, readJsonFixture } from "./test-fixtures.js";
import { textReplyToObject } from "./text-reply.js";

const host = "10.0.0.7:4028";

describe("STATUS section", () => {
  it("reads severity, code, message and When", () => {
    const s = replyStatus(readJsonFixture("avalon", "asicrs_avalonq_version.json"), host);
    expect(s).toEqual({
      severity: "S",
      code: 22,
      message: "CGMiner versions",
      when: 1753432244,
      description: "cgminer 4.11.1",
    });
  });

  it("turns an error status into a rejected DriverError with the firmware message", () => {
    const reply = { STATUS: [{ STATUS: "E", When: 1, Code: 14, Msg: "Invalid command" }], id: 1 };
    let err: unknown;
    try {
      expectSuccess(reply, host, "minerstats");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).kind).toBe("rejected");
    expect((err as DriverError).message).toContain("Invalid command");
  });

  it("reports a reply without STATUS as unsupported", () => {
    expect(() => replyStatus({ id: 1 }, host)).toThrow(/no STATUS section/);
  });
});

describe("write verdicts", () => {
  it.each([
    ["asicrs_avalonq_ascset_softoff.json", "acknowledged", "ASC 0 set info: success softoff:1753434821"],
    ["asicrs_avalonq_ascset_softon.json", "acknowledged", "ASC 0 set info: success softon:1753434757"],
    ["asicrs_avalonq_ascset_workmode.json", "acknowledged", "ASC 0 set OK"],
  ])("%s is %s", (file, kind, message) => {
    const verdict = interpretWriteReply(readJsonFixture("avalon", file), host);
    expect(verdict.kind).toBe(kind);
    expect(verdict.status.message).toBe(message);
  });

  it("treats the calibration refusal as rejected", () => {
    const reply = {
      STATUS: [
        {
          STATUS: "E",
          When: 1760000000,
          Code: 120,
          Msg: "ASC 0 set failed: current mode 1 is caling Don't permit switch mode",
          Description: "cgminer 4.11.1",
        },
      ],
      id: 1,
    };
    const verdict = interpretWriteReply(reply, host);
    expect(verdict.kind).toBe("rejected");
    expect(verdict.status.message).toContain("is caling");
  });

  it("leaves a 118 reply without 'success' (A10 WORKMODE[1]) to the read-back", () => {
    const lines = readFixture("avalon", "canaan_a10doc_ascset_replies.txt")
      .split("\n")
      .filter((l) => l.startsWith("STATUS="));
    expect(interpretWriteReply(textReplyToObject(lines[2] ?? ""), host).kind).toBe("unclear");
    expect(interpretWriteReply(textReplyToObject(lines[1] ?? ""), host).kind).toBe("acknowledged");
  });
});
