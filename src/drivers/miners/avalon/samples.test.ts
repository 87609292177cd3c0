import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeReply } from "../../protocols/cgminer/framing.js";
import { section } from "../../protocols/cgminer/sections.js";
import { interpretWriteReply, replyStatus } from "../../protocols/cgminer/status.js";
import { readFixture, readJsonFixture } from "../../protocols/cgminer/test-fixtures.js";
import { parseBracketString, parseStatsReply } from "./estats.js";
import { normaliseAvalonStatus } from "./normalise.js";

// Every file in fixtures/miners/avalon/ must have an entry here, so a new sample cannot be added untested. Files with
// a deeper test elsewhere get a spot check here and are named in `coveredIn`.
const host = "10.0.0.7:4028";
const FIXTURE_DIR = fileURLToPath(new URL("../../../../fixtures/miners/avalon/", import.meta.url));

/** The stored files are pretty-printed; send them the way firmware does, compact and NUL-terminated. */
const wire = (name: string) => decodeReply(`${JSON.stringify(readJsonFixture("avalon", name))}\0`, { host });
const first = (name: string, key: string) => section(wire(name), key, host)[0] ?? {};

const checks: Record<string, () => void> = {
  "README.md": () => expect(readFixture("avalon", "README.md")).toContain("| File | Source"),
  "a1566_fw24102401_version.json": () =>
    expect(first("a1566_fw24102401_version.json", "VERSION").MODEL).toBe("15-194"),
  "a1566_fw24102401_devs.json": () =>
    expect(first("a1566_fw24102401_devs.json", "DEVS")["MHS 1m"]).toBe(197266944.16),
  "a1566_fw24102401_pools.json": () =>
    expect(section(wire("a1566_fw24102401_pools.json"), "POOLS", host)).toHaveLength(3),
  "a1566_fw24102401_stats.json": () =>
    expect(parseStatsReply(wire("a1566_fw24102401_stats.json"), host).fields.number("WALLPOWER")).toBe(3731),
  "a1566_fw24102401_estats.json": () =>
    expect(parseStatsReply(wire("a1566_fw24102401_estats.json"), host).fields.number("MPO")).toBe(3515),
  "a1566_fw24102401_estats_MM_ID0.txt": () =>
    expect(
      parseBracketString(readFixture("avalon", "a1566_fw24102401_estats_MM_ID0.txt"), host).number("Elapsed"),
    ).toBe(975),
  "asicrs_avalonq_ascset_help.json": () => {
    const verdict = interpretWriteReply(wire("asicrs_avalonq_ascset_help.json"), host);
    // 118 without "success": a query answer, not an acknowledged change.
    expect(verdict.kind).toBe("unclear");
    expect(verdict.status.message.split(": ")[1]?.split("|")).toEqual(
      expect.arrayContaining(["softon", "softoff", "workmode", "reboot"]),
    );
  },
  "asicrs_avalonq_ascset_softoff.json": () =>
    expect(interpretWriteReply(wire("asicrs_avalonq_ascset_softoff.json"), host).status.when).toBe(
      1753434816,
    ),
  "asicrs_avalonq_ascset_softon.json": () =>
    expect(interpretWriteReply(wire("asicrs_avalonq_ascset_softon.json"), host).kind).toBe("acknowledged"),
  "asicrs_avalonq_ascset_workmode.json": () =>
    expect(interpretWriteReply(wire("asicrs_avalonq_ascset_workmode.json"), host).status.code).toBe(119),
  "asicrs_avalonq_check.json": () => {
    expect(replyStatus(wire("asicrs_avalonq_check.json"), host).code).toBe(72);
    expect(first("asicrs_avalonq_check.json", "CHECK")).toEqual({ Access: "N", Exists: "N" });
  },
  "asicrs_avalonq_coin.json": () =>
    expect(first("asicrs_avalonq_coin.json", "COIN")["Hash Method"]).toBe("sha256"),
  "asicrs_avalonq_config.json": () =>
    expect(first("asicrs_avalonq_config.json", "CONFIG")["Device Code"]).toBe("AVALON"),
  "asicrs_avalonq_devdetails.json": () =>
    expect(first("asicrs_avalonq_devdetails.json", "DEVDETAILS").Driver).toBe("avalon"),
  "asicrs_avalonq_devs.json": () => {
    // devs as the hashrate source when the stats string lacks GHSspd/GHSavg.
    const lite = parseStatsReply(wire("asicrs_avalonq_litestats.json"), host);
    const text = lite.fields
      .keys()
      .filter((k) => k !== "GHSspd" && k !== "GHSavg")
      .map((k) => `${k}[${lite.fields.text(k)}]`)
      .join(" ");
    const stats = { ...lite, fields: parseBracketString(text, host) };
    const status = normaliseAvalonStatus({ stats, devs: wire("asicrs_avalonq_devs.json"), model: "Q" }, host);
    expect(status.hashrateThs).toBe(0);
    expect(status.hashrateAvgThs).toBeCloseTo(44.04677026, 8);
    expect(status.state).toBe("sleeping");
  },
  "asicrs_avalonq_litestats.json": () =>
    expect(parseStatsReply(wire("asicrs_avalonq_litestats.json"), host).fields.number("Elapsed")).toBe(37977),
  "asicrs_avalonq_litestats_parsed.json": () =>
    expect(() => parseStatsReply(wire("asicrs_avalonq_litestats_parsed.json"), host)).toThrow(
      /expected the bracket string/,
    ),
  "asicrs_avalonq_pools.json": () => expect(first("asicrs_avalonq_pools.json", "POOLS").User).toBe("worker1"),
  "asicrs_avalonq_stats.json": () =>
    expect(parseStatsReply(wire("asicrs_avalonq_stats.json"), host).boards).toHaveLength(1),
  "asicrs_avalonq_summary.json": () =>
    expect(first("asicrs_avalonq_summary.json", "SUMMARY")["MHS av"]).toBe(44539601.86),
  "asicrs_avalonq_version.json": () =>
    expect(first("asicrs_avalonq_version.json", "VERSION").HWTYPE).toBe("Q_MM1v1_X1"),
  "canaan_a10_privileged_api_replies.txt": () => {
    const setvolt = readFixture("avalon", "canaan_a10_privileged_api_replies.txt")
      .split("\n")
      .find((l) => l.includes("PS[0 1205"));
    expect(replyStatus(decodeReply(setvolt ?? "", { host }), host).message).toBe(
      "ASC 0 set info: PS[0 1205 1381 166 2201 1260]",
    );
  },
  "canaan_a10doc_a1066_estats_text.txt": () =>
    expect(
      parseStatsReply(
        decodeReply(readFixture("avalon", "canaan_a10doc_a1066_estats_text.txt"), { host }),
        host,
      ).fields.number("TMax"),
    ).toBe(74),
  "canaan_a10doc_ascset_replies.txt": () =>
    expect(
      readFixture("avalon", "canaan_a10doc_ascset_replies.txt")
        .split("\n")
        .filter((l) => l.startsWith("STATUS=")),
    ).toHaveLength(8),
  "canaan_a10doc_pools_text.txt": () =>
    expect(
      section(decodeReply(readFixture("avalon", "canaan_a10doc_pools_text.txt"), { host }), "POOLS", host)[0]
        ?.Accepted,
    ).toBe("1701"),
  // The manual's summary sample has no STATUS section, so only the text decoder (text-reply.test.ts) reads it.
  "canaan_a10doc_summary_text.txt": () =>
    expect(readFixture("avalon", "canaan_a10doc_summary_text.txt")).toMatch(/^SUMMARY,Elapsed=17994,/),
  "canaan_a10doc_version_text.txt": () =>
    expect(
      section(
        decodeReply(readFixture("avalon", "canaan_a10doc_version_text.txt"), { host }),
        "VERSION",
        host,
      )[0]?.SWTYPE,
    ).toBe("MM320"),
  "issue_minersentinel16_nano3_stats_text.txt": () => {
    const text = readFixture("avalon", "issue_minersentinel16_nano3_stats_text.txt")
      .trim()
      .split("\n")
      .join(" ");
    expect(parseStatsReply(decodeReply(text, { host }), host).fields.text("ATA2")).toBe(
      "125-90-344-100:568:588:608",
    );
  },
  "issue_pyasic312_mini3_version_devdetails_text.txt": () => {
    const [version] = readFixture("avalon", "issue_pyasic312_mini3_version_devdetails_text.txt").split("\n");
    expect(section(decodeReply(version ?? "", { host }), "VERSION", host)[0]?.MCUVERSION).toBe(
      "Mini3_hb_v1.0",
    );
  },
  "lw10583_nano3s_version_lcd_summary.json": () => {
    const doc = JSON.parse(readFixture("avalon", "lw10583_nano3s_version_lcd_summary.json")) as Record<
      string,
      unknown
    >;
    const summary = doc.summary_partial as Record<string, unknown>;
    const lcd = doc.lcd as Record<string, unknown>;
    expect(section(summary, "SUMMARY", host)[0]?.["MHS 1m"]).toBe(6649033.64);
    expect(section(lcd, "LCD", host)[0]?.["GHS av"]).toBe(6564.14);
    expect(replyStatus(lcd, host).code).toBe(125);
  },
};

describe("every Avalon sample", () => {
  it("has a check", () => {
    expect(readdirSync(FIXTURE_DIR).sort()).toEqual(Object.keys(checks).sort());
  });

  it.each(Object.entries(checks))("%s", (_file, check) => {
    check();
  });
});
