import { describe, expect, it } from "vitest";
import { describeBoardError } from "./board-errors.js";
import { parseBracketString } from "./estats.js";
import { decodePsuErrors } from "./psu-errors.js";
import { classifyState, readWorkPhase, type StateInputs } from "./state.js";

const hashing: StateInputs = {
  phase: "work",
  stateIndex: 1,
  softOff: 0,
  hashrateThs: 199,
  adj: 1,
  controlBoardErrorCode: 0,
  boardErrorCodes: [0, 0, 0],
  psuErrorCode: 0,
};

describe("state rules", () => {
  it.each<[string, Partial<StateInputs>, string]>([
    ["In Work with hashrate", {}, "hashing"],
    ["In Work at 0 GH/s", { hashrateThs: 0 }, "starting"],
    ["In Init", { phase: "init", hashrateThs: 0 }, "starting"],
    ["calibrating (ADJ 0)", { adj: 0 }, "calibrating"],
    ["no ADJ field", { adj: undefined }, "hashing"],
    ["soft-off idle", { phase: "idle", softOff: 4, hashrateThs: 0 }, "sleeping"],
    ["soft-off with hashing stopped, still In Work", { softOff: 5, hashrateThs: 0 }, "sleeping"],
    ["soft-off scheduled but still hashing", { softOff: 5 }, "hashing"],
    ["SoftOFF 6 = booting", { phase: "idle", softOff: 6, hashrateThs: 0 }, "starting"],
    ["idle without soft-off (hash power cut)", { phase: "idle", hashrateThs: 0 }, "sleeping"],
    ["In Fault", { phase: "fault" }, "fault"],
    ["STATE 3", { stateIndex: 3 }, "fault"],
    ["control board error", { controlBoardErrorCode: 1 }, "fault"],
    ["board 513", { boardErrorCodes: [0, 513, 0] }, "fault"],
    ["board 128", { boardErrorCodes: [128] }, "fault"],
    ["board 512 is not fatal", { boardErrorCodes: [512, 512, 512] }, "hashing"],
    ["PSU error", { psuErrorCode: 1 }, "fault"],
    [
      "fault wins over sleep",
      { phase: "idle", softOff: 4, hashrateThs: 0, controlBoardErrorCode: 1 },
      "fault",
    ],
  ])("%s → %s", (_what, change, expected) => {
    expect(classifyState({ ...hashing, ...change })).toBe(expected);
  });

  it.each([
    ["Work: In Work, Hash Board: 3 ", "work"],
    ["Work: In Idle, Hash Board: 1", "idle"],
    ["Work: In Init, Hash Board: 4", "init"],
    ["Work: In Fault, Hash Board: 4", "fault"],
    ["Work: Out Over Hot, Hash Board: 3", "fault"],
  ])("SYSTEMSTATU %j → %s", (text, phase) => {
    expect(readWorkPhase(parseBracketString(`SYSTEMSTATU[${text}]`, "h"))).toBe(phase);
  });

  it("falls back to STATE when SYSTEMSTATU is absent", () => {
    expect(readWorkPhase(parseBracketString("STATE[2]", "h"))).toBe("idle");
  });
});

describe("error codes", () => {
  it("names every PSU error bit of the A10 manual", () => {
    expect(decodePsuErrors(0)).toEqual([]);
    expect(decodePsuErrors(4095)).toEqual([
      "Input_UV (input voltage low)",
      "OT1 (over temperature)",
      "OT2 (over temperature)",
      "OT3 (over temperature)",
      "OC_Pri (input over current)",
      "UV_out (output voltage low)",
      "OC_out (output over current)",
      "CS_error",
      "OC_IOSA",
      "OC_IOSB",
      "OC_IOSC",
      "FAN_error (PSU fan failed)",
    ]);
    expect(decodePsuErrors(4096 + 32)).toEqual(["UV_out (output voltage low)", "unknown bits 0x1000"]);
  });

  it("describes hash-board codes", () => {
    expect(describeBoardError(0)).toBeUndefined();
    expect(describeBoardError(513)).toBe("Hash board is in abnormal state");
    expect(describeBoardError(128)).toBe("Hash board temperature is too high");
    expect(describeBoardError(7)).toBe("code 7");
  });
});
