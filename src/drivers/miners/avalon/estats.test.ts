import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { readFixture, readJsonFixture } from "../../protocols/cgminer/test-fixtures.js";
import { textReplyToObject } from "../../protocols/cgminer/text-reply.js";
import { parseBracketString, parseStatsReply } from "./estats.js";

const host = "10.0.0.7:4028";

function unsupported(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DriverError && e.kind === "unsupported") return e;
    throw e;
  }
  throw new Error("expected an unsupported DriverError");
}

describe("bracket string", () => {
  const mm = parseBracketString(readFixture("avalon", "a1566_fw24102401_estats_MM_ID0.txt"), host);

  it("reads every item of the A1566 MM ID0 string", () => {
    expect(mm.keys()).toHaveLength(74);
    expect(mm.text("Ver")).toBe("15-194-24102401_25462b2_9ddf522");
    expect(mm.text("SYSTEMSTATU")).toBe("Work: In Work, Hash Board: 3 ");
    expect(mm.numbers("PS")).toEqual([0, 1209, 1187, 297, 3526, 1188, 3731]);
    expect(mm.number("GHSspd")).toBe(199241.07);
    expect(mm.numbers("MTmax")).toEqual([77, 78, 77]);
    expect(mm.numbers("PVT_T1")).toHaveLength(160);
    expect(mm.text("FACOPTS0")).toBe("");
    expect(mm.text("ATAOPTS1")).toBe(
      "--avalon10-freq 300:318:339:360 --avalon10-voltage-level 1188 --hash-asic 160",
    );
  });

  it("strips % from values", () => {
    expect(mm.number("DH")).toBe(1.299);
    expect(mm.number("FanR")).toBe(49);
  });

  it("matches keys whole: Temp is not found inside ITemp", () => {
    const q = parseBracketString("ITemp[26] HBITemp[27] HBOTemp[28] TMax[0]", host);
    expect(q.has("Temp")).toBe(false);
    expect(q.number("ITemp")).toBe(26);
    expect(mm.number("Temp")).toBe(31);
    expect(mm.has("ITemp")).toBe(false);
  });

  it("keeps a key with a space", () => {
    expect(parseBracketString("ADJ[1] Nonce Mask[25]", host).number("Nonce Mask")).toBe(25);
  });

  it("names the field when a value is not numeric or has the wrong count", () => {
    const f = parseBracketString("GHSspd[fast] MPO[800 900]", host);
    const e = unsupported(() => f.number("GHSspd"));
    expect(e.field).toBe("GHSspd");
    expect(e.message).toContain("GHSspd[fast]");
    expect(unsupported(() => f.number("MPO")).field).toBe("MPO");
  });

  it("rejects an unterminated item", () => {
    expect(unsupported(() => parseBracketString("PS[0 1 2", host)).field).toBe("PS");
  });
});

describe("stats replies", () => {
  it("classic shape (A1566 estats and stats are the same reply)", () => {
    for (const file of ["a1566_fw24102401_estats.json", "a1566_fw24102401_stats.json"]) {
      const stats = parseStatsReply(readJsonFixture("avalon", file), host);
      expect(stats.format).toBe("classic");
      expect(stats.boards).toEqual([]);
      expect(stats.entryElapsedS).toBe(975);
      expect(stats.fields.number("WORKMODE")).toBe(1);
    }
  });

  it("summary shape: Avalon Q litestats", () => {
    const stats = parseStatsReply(readJsonFixture("avalon", "asicrs_avalonq_litestats.json"), host);
    expect(stats.format).toBe("summary");
    expect(stats.boards).toEqual([]);
    expect(stats.fields.text("SYSTEMSTATU")).toBe("Work: In Idle, Hash Board: 1");
    expect(stats.fields.number("STATE")).toBe(2);
    expect(stats.fields.number("SoftOFF")).toBe(4);
    expect(stats.fields.numbers("PS")).toEqual([0, 1221, 4, 0, 0, 2245, 146]);
    expect(stats.fields.number("Nonce Mask")).toBe(25);
    expect(stats.fields.text("ATA0")).toBe("800-65-2264-258-20");
  });

  it("summary shape with HBinfo: Avalon Q stats", () => {
    const stats = parseStatsReply(readJsonFixture("avalon", "asicrs_avalonq_stats.json"), host);
    expect(stats.format).toBe("summary");
    expect(stats.entryElapsedS).toBe(37819);
    expect(stats.fields.number("Elapsed")).toBe(37850);
    expect(stats.boards).toHaveLength(1);
    const t0 = stats.boards[0]?.numbers("PVT_T0") ?? [];
    expect(t0).toHaveLength(160);
    expect(Math.max(...t0)).toBe(71);
    expect(stats.boards[0]?.numbers("MW0")).toHaveLength(160);
  });

  it("A10 text-form estats through the text decoder", () => {
    const stats = parseStatsReply(
      textReplyToObject(readFixture("avalon", "canaan_a10doc_a1066_estats_text.txt")),
      host,
    );
    expect(stats.format).toBe("classic");
    expect(stats.entryElapsedS).toBe(6354);
    expect(stats.fields.numbers("PS")).toEqual([0, 1217, 1279, 221, 2834, 1280]);
    expect(stats.fields.numbers("ECHU")).toEqual([512, 512, 512]);
    expect(stats.fields.text("HS_RCD4")).toBe(
      "Tenv:24 Tavg:66 Fan1:3448 Fan2:3340 V12:1217 Vout:1279 P_I:221 P_P:2834",
    );
    expect(stats.fields.text("MEMFREE")).toBe("269880 B");
  });

  it.each([
    ["no STATS section", { STATUS: [{ STATUS: "S" }] }, "STATS"],
    ["neither MM ID0 key", { STATS: [{ STATS: 0, ID: "AVA100", Elapsed: 5 }] }, "MM ID0"],
    ["an empty summary", { STATS: [{ "MM ID0:Summary": "" }] }, "MM ID0:Summary"],
    ["an empty wrapped summary", { STATS: [{ "MM ID0:Summary": "'STATS':{}" }] }, "MM ID0:Summary"],
    ["an unwrapped summary", { STATS: [{ "MM ID0:Summary": "Ver[Q-1]" }] }, "MM ID0:Summary"],
    [
      "a pre-parsed summary object",
      readJsonFixture("avalon", "asicrs_avalonq_litestats_parsed.json"),
      "MM ID0:Summary",
    ],
    [
      "a bad HBinfo block",
      { STATS: [{ "MM ID0:Summary": "'STATS':{Elapsed[1]}", HBinfo: "'XX':{PVT_T0[1]}" }] },
      "HBinfo",
    ],
  ])("rejects %s naming the field", (_what, reply, field) => {
    expect(unsupported(() => parseStatsReply(reply, host)).field).toBe(field);
  });
});
