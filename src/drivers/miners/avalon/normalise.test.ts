import { describe, expect, it } from "vitest";
import { DriverError } from "../../../domain/errors.js";
import { readFixture, readJsonFixture } from "../../protocols/cgminer/test-fixtures.js";
import { textReplyToObject } from "../../protocols/cgminer/text-reply.js";
import { parseBracketString, parseStatsReply } from "./estats.js";
import { normaliseAvalonStatus } from "./normalise.js";
import { readPower } from "./power.js";

const host = "10.0.0.7:4028";
const json = (name: string) => readJsonFixture("avalon", name);

function unsupported(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DriverError && e.kind === "unsupported") return e;
    throw e;
  }
  throw new Error("expected an unsupported DriverError");
}

describe("A1566 (classic MM ID0, fw 24102401)", () => {
  const status = normaliseAvalonStatus(
    {
      stats: parseStatsReply(json("a1566_fw24102401_estats.json"), host),
      devs: json("a1566_fw24102401_devs.json"),
      pools: json("a1566_fw24102401_pools.json"),
      model: "A1566",
    },
    host,
  );

  it("maps state, power and mode", () => {
    expect(status.state).toBe("hashing");
    expect(status.powerW).toBe(3731);
    expect(status.powerSource).toBe("wall");
    expect(status.modePowerLimitW).toBe(3515);
    expect(status.workMode).toBe(1);
    expect(status.workLevel).toBeUndefined();
    expect(status.calibrating).toBe(false);
    expect(status.psuErrorCode).toBe(0);
    expect(status.psuErrors).toEqual([]);
    expect(status.controlBoardErrorCode).toBe(0);
  });

  it("maps hashrates, temperatures and uptime", () => {
    expect(status.hashrateThs).toBeCloseTo(199.24, 2);
    expect(status.hashrateAvgThs).toBeCloseTo(184.0, 1);
    expect(status.hashrateAvgThs).toBe(184.007);
    expect(status.hashrateNominalThs).toBeCloseTo(201.92, 2);
    expect(status.chipTempMaxC).toBe(78);
    expect(status.chipTempAvgC).toBe(70);
    expect(status.boardTempMaxC).toBe(78);
    expect(status.coolantInletC).toBeUndefined();
    expect(status.uptimeS).toBe(975);
  });

  it("maps three hash boards", () => {
    expect(status.hashBoards).toHaveLength(3);
    expect(status.hashBoards[0]).toEqual({
      index: 0,
      hashrateThs: 59.45952,
      errorCode: 0,
      chipTempMaxC: 77,
      chipTempAvgC: 69,
    });
    expect(status.hashBoards.map((b) => b.chipTempMaxC)).toEqual([77, 78, 77]);
    expect(status.hashBoards[2]?.hashrateThs).toBeCloseTo(63.13966, 5);
  });

  it("maps pools", () => {
    expect(status.pools).toHaveLength(3);
    expect(status.pools[0]).toEqual({
      url: "stratum+tcp://stratum.pool.io:3333",
      user: "pool_username.real_worker",
      alive: true,
      active: true,
      priority: 0,
      acceptedShares: 148,
      rejectedShares: 1,
    });
    expect(status.pools.map((p) => p.active)).toEqual([true, false, false]);
  });
});

describe("Avalon Q in soft-off (summary shape, fw 25052801)", () => {
  const stats = parseStatsReply(json("asicrs_avalonq_litestats.json"), host);
  const status = normaliseAvalonStatus(
    {
      stats,
      summary: json("asicrs_avalonq_summary.json"),
      pools: json("asicrs_avalonq_pools.json"),
      model: "Q",
    },
    host,
  );

  it("is sleeping at standby power", () => {
    expect(stats.fields.number("SoftOFF")).toBe(4);
    expect(status.state).toBe("sleeping");
    expect(status.powerW).toBe(146);
    expect(status.powerSource).toBe("wall");
    expect(status.modePowerLimitW).toBe(800);
    expect(status.workMode).toBe(0);
    expect(status.workLevel).toBe(0);
    expect(status.hashrateThs).toBe(0);
    expect(status.hashrateAvgThs).toBeCloseTo(44.35083, 5);
    expect(status.hashrateNominalThs).toBeCloseTo(55.03279, 5);
    expect(status.uptimeS).toBe(37977);
  });

  it("leaves out chip temperatures the unit reports as 0 and keeps the board inlet", () => {
    expect(status.chipTempMaxC).toBeUndefined();
    expect(status.chipTempAvgC).toBeUndefined();
    expect(status.boardTempMaxC).toBe(27);
    expect(status.coolantInletC).toBeUndefined();
    expect(status.hashBoards).toEqual([{ index: 0, hashrateThs: 44.35083, errorCode: 0 }]);
    expect(status.pools).toEqual([
      {
        url: "stratum+tcp://pool.example.com:4444",
        user: "worker1",
        alive: true,
        active: true,
        priority: 0,
        acceptedShares: 890,
        rejectedShares: 2,
      },
    ]);
  });

  it("takes per-chip temperatures from HBinfo when stats carries it", () => {
    const full = normaliseAvalonStatus(
      { stats: parseStatsReply(json("asicrs_avalonq_stats.json"), host), model: "Q" },
      host,
    );
    expect(full.state).toBe("sleeping");
    expect(full.uptimeS).toBe(37850);
    expect(full.hashBoards[0]?.chipTempMaxC).toBe(71);
    expect(full.hashBoards[0]?.chipTempAvgC).toBe(64);
  });

  it("maps the same fields to coolant temperatures on a hydro model (the emulator's A1566HA shape)", () => {
    const hydro = normaliseAvalonStatus({ stats, model: "A1566HA" }, host);
    expect(hydro.coolantInletC).toBe(26);
    expect(hydro.coolantOutletC).toBe(27);
  });
});

describe("Avalon Q in Super mode (litestats_parsed, pre-parsed by asic-rs)", () => {
  // The file is asic-rs's parsed subset, not a wire reply: the driver rejects the object form (see estats.test.ts).
  // Rebuilt into the firmware's bracket form, the fields it does carry map as follows.
  const parsed = json("asicrs_avalonq_litestats_parsed.json") as {
    STATS: Array<{ "MM ID0:Summary": { STATS: Record<string, number | number[]> } }>;
  };
  const values = parsed.STATS[0]?.["MM ID0:Summary"].STATS ?? {};
  const text = Object.entries(values)
    .map(([k, v]) => `${k}[${Array.isArray(v) ? v.join(" ") : v}]`)
    .join(" ");
  const reply = { STATS: [{ "MM ID0:Summary": `'STATS':{${text}}` }] };

  it("reads wall power from PS[6] and the Super-mode limit", () => {
    const fields = parseStatsReply(reply, host).fields;
    expect(readPower(fields, "hashing", { psLayoutKnown: true })).toEqual({
      powerW: 1670,
      powerSource: "wall",
      psuErrorCode: 0,
    });
    expect(fields.number("MPO")).toBe(1600);
    expect(fields.number("HBOTemp")).toBe(77);
  });

  it("is not a complete status: GHSspd is missing and is named", () => {
    const e = unsupported(() =>
      normaliseAvalonStatus({ stats: parseStatsReply(reply, host), model: "Q" }, host),
    );
    expect(e.field).toBe("GHSspd");
  });
});

describe("A1066 (A10 manual text samples)", () => {
  const stats = parseStatsReply(
    textReplyToObject(readFixture("avalon", "canaan_a10doc_a1066_estats_text.txt")),
    host,
  );
  const summary = textReplyToObject(readFixture("avalon", "canaan_a10doc_summary_text.txt"));
  const pools = textReplyToObject(readFixture("avalon", "canaan_a10doc_pools_text.txt"));
  const status = normaliseAvalonStatus({ stats, summary, pools, model: "A1066" }, host);

  it("estimates wall power from the 6-field PS output power", () => {
    expect(status.powerW).toBe(3015); // 2834 W DC / 0.94
    expect(status.powerSource).toBe("psu-output-estimate");
    expect(status.modePowerLimitW).toBeUndefined();
  });

  it("takes the current hashrate from summary MHS 1m (no GHSspd on A10)", () => {
    expect(status.hashrateThs).toBeCloseTo(51.20933497, 8);
    expect(status.hashrateAvgThs).toBeCloseTo(50.29183, 5);
    expect(status.hashrateNominalThs).toBeCloseTo(51.0624, 4);
  });

  it("keeps hashing with ECHU 512 on every board and describes the code", () => {
    expect(status.state).toBe("hashing");
    expect(status.hashBoards.map((b) => [b.errorCode, b.errorText])).toEqual([
      [512, "code 512"],
      [512, "code 512"],
      [512, "code 512"],
    ]);
    expect(status.hashBoards.map((b) => b.chipTempMaxC)).toEqual([74, 72, 74]);
    expect(status.chipTempMaxC).toBe(74);
    expect(status.uptimeS).toBe(6355);
    expect(status.workMode).toBe(1);
    expect(status.pools[0]).toMatchObject({
      user: "cctrix.001",
      alive: true,
      active: true,
      acceptedShares: 1701,
    });
  });

  it("without a summary the missing GHSspd is named", () => {
    expect(unsupported(() => normaliseAvalonStatus({ stats, model: "A1066" }, host)).field).toBe("GHSspd");
  });
});

describe("Avalon Nano 3 (text stats, line-wrapped in the source)", () => {
  const text = readFixture("avalon", "issue_minersentinel16_nano3_stats_text.txt")
    .trim()
    .split("\n")
    .join(" ");
  const stats = parseStatsReply(textReplyToObject(text), host);

  it("uses MPO for power because its PS layout differs", () => {
    expect(readPower(stats.fields, "hashing", { psLayoutKnown: false })).toEqual({
      powerW: 90,
      powerSource: "mode-limit-estimate",
      psuErrorCode: 0,
    });
    expect(stats.fields.number("WORKLEVEL")).toBe(1);
  });

  it("has no SYSTEMSTATU/STATE, so its state cannot be read and the field is named", () => {
    expect(unsupported(() => normaliseAvalonStatus({ stats, model: "Nano3" }, host)).field).toBe(
      "SYSTEMSTATU",
    );
  });
});

describe("replies in shapes the driver does not know", () => {
  const base =
    "SYSTEMSTATU[Work: In Work, Hash Board: 1] Elapsed[10] GHSspd[1000] GHSavg[900] PS[0 1200 1200 10 100 1200 120]";
  const statusOf = (mm: string) =>
    normaliseAvalonStatus(
      { stats: { format: "classic", fields: parseBracketString(mm, host), boards: [] }, model: "Q" },
      host,
    );

  it("accepts the minimal base", () => {
    expect(statusOf(base)).toMatchObject({ state: "hashing", hashrateThs: 1, powerW: 120, uptimeS: 10 });
  });

  it.each([
    ["PS with 3 values", base.replace("PS[0 1200 1200 10 100 1200 120]", "PS[0 1 2]"), "PS"],
    ["non-numeric GHSspd", base.replace("GHSspd[1000]", "GHSspd[n/a]"), "GHSspd"],
    ["an unknown work state", base.replace("In Work", "Dancing"), "SYSTEMSTATU"],
    ["no power fields at all", base.replace(" PS[0 1200 1200 10 100 1200 120]", ""), "PS"],
    [
      "MPO only while sleeping",
      base.replace(" PS[0 1200 1200 10 100 1200 120]", " MPO[800] SoftOFF[4]").replace("In Work", "In Idle"),
      "PS",
    ],
    ["no uptime", base.replace("Elapsed[10] ", ""), "Elapsed"],
    ["STATE out of range", base.replace("SYSTEMSTATU[Work: In Work, Hash Board: 1]", "STATE[9]"), "STATE"],
  ])("%s → unsupported naming the field", (_what, mm, field) => {
    expect(unsupported(() => statusOf(mm)).field).toBe(field);
  });

  it("falls back to MPO while hashing when PS and WALLPOWER are absent", () => {
    const s = statusOf(base.replace(" PS[0 1200 1200 10 100 1200 120]", " MPO[3515]"));
    expect(s.powerW).toBe(3515);
    expect(s.powerSource).toBe("mode-limit-estimate");
  });

  it("uses WALLPOWER when PS is absent", () => {
    expect(statusOf(base.replace("PS[0 1200 1200 10 100 1200 120]", "WALLPOWER[3731]")).powerW).toBe(3731);
  });

  it("decodes PSU error bits and reports a fault", () => {
    const s = statusOf(base.replace("PS[0 1200", "PS[2066 1200"));
    expect(s.state).toBe("fault");
    expect(s.psuErrorCode).toBe(2066);
    expect(s.psuErrors).toEqual([
      "OT1 (over temperature)",
      "OC_Pri (input over current)",
      "FAN_error (PSU fan failed)",
    ]);
  });
});
