import { describe, expect, it } from "vitest";
import { readFixture } from "./test-fixtures.js";
import { decodeTextReply, textReplyToObject } from "./text-reply.js";

type Entries = Array<Record<string, string>>;

describe("text-form replies (Canaan A10 manual samples)", () => {
  it("decodes version: STATUS section and a VERSION section introduced by a bare tag", () => {
    const reply = textReplyToObject(readFixture("avalon", "canaan_a10doc_version_text.txt"));
    expect(reply.STATUS).toEqual([
      { STATUS: "S", When: "18633", Code: "22", Msg: "CGMiner versions", Description: "cgminer 4.11.1" },
    ]);
    expect(reply.VERSION).toEqual([
      {
        CGMiner: "4.11.1",
        API: "3.7",
        PROD: "AvalonMiner 10xx",
        MODEL: "10xx",
        HWTYPE: "MM3v2",
        SWTYPE: "MM320",
        VERSION: "19090589_789f8e9t_965ebdct",
        DNA: "0000000000000000",
        MAC: "aaa5836a0f14",
        UPAPI: "2",
      },
    ]);
  });

  it("decodes summary values exactly, keeping them as strings", () => {
    const reply = textReplyToObject(readFixture("avalon", "canaan_a10doc_summary_text.txt"));
    const summary = (reply.SUMMARY as Entries)[0];
    expect(summary?.Elapsed).toBe("17994");
    expect(summary?.["MHS av"]).toBe("51278810.20");
    expect(summary?.["MHS 1m"]).toBe("51209334.97");
    expect(summary?.["Last getwork"]).toBe("0");
    expect(Object.keys(summary ?? {})).toHaveLength(29);
  });

  it("maps POOL entries to POOLS and keeps empty values", () => {
    const reply = textReplyToObject(readFixture("avalon", "canaan_a10doc_pools_text.txt"));
    const pools = reply.POOLS as Entries;
    expect(pools).toHaveLength(1);
    expect(pools[0]?.POOL).toBe("0");
    expect(pools[0]?.URL).toBe("stratum+tcp://btc.ss.poolin.com:443");
    expect(pools[0]?.User).toBe("cctrix.001");
    expect(pools[0]?.["Proxy Type"]).toBe("");
    expect(pools[0]?.["Stratum Active"]).toBe("true");
    expect(pools[0]?.["Current Block Version"]).toBe("536870912");
  });

  it("keeps the MM ID0 string whole although SYSTEMSTATU contains a comma", () => {
    const reply = textReplyToObject(readFixture("avalon", "canaan_a10doc_a1066_estats_text.txt"));
    const stats = (reply.STATS as Entries)[0];
    expect(stats?.STATS).toBe("0");
    expect(stats?.ID).toBe("AVA100");
    const mm = stats?.["MM ID0"] ?? "";
    expect(mm.startsWith("Ver[1066-19101244_fe411a8_71edeca] DNA[020100002c2af618]")).toBe(true);
    expect(mm).toContain("SYSTEMSTATU[Work: In Work, Hash Board: 3 ]");
    expect(mm.endsWith("WORKMODE[1]")).toBe(true);
    expect(stats?.["MM Count"]).toBe("1");
    expect(stats?.["Connection Overloaded"]).toBe("false");
    expect(stats?.["Nonce Mask"]).toBe("25");
  });

  it("decodes every ascset reply line of the A10 manual", () => {
    const lines = readFixture("avalon", "canaan_a10doc_ascset_replies.txt")
      .split("\n")
      .filter((l) => l.startsWith("STATUS="));
    const statuses = lines.map((l) => (textReplyToObject(l).STATUS as Entries)[0]);
    expect(statuses.map((s) => `${s?.STATUS}/${s?.Code}`)).toEqual([
      "I/118",
      "S/119",
      "I/118",
      "I/118",
      "I/118",
      "I/118",
      "I/118",
      "I/118",
    ]);
    expect(statuses[0]?.Msg).toBe("ASC 0 set info: LED[0]");
    expect(statuses[4]?.Msg).toBe("ASC 0 set info: Power off hash now ...");
    expect(statuses[5]?.Msg).toBe("ASC 0 set info: PS[0 1220 1314 140 1839 1308]");
  });

  it("decodes the privileged-API samples, including a comma-free message with brackets", () => {
    const lines = readFixture("avalon", "canaan_a10_privileged_api_replies.txt")
      .split("\n")
      .filter((l) => l.startsWith("STATUS="));
    expect(lines).toHaveLength(13);
    const hashComm = textReplyToObject(lines[6] ?? "");
    expect((hashComm.STATUS as Entries)[0]?.Msg).toBe("ASC 0 set info: Hash comm status:[ 0 OK! 1 OK!]");
  });

  it("rejoins a value that contained a plain comma", () => {
    const [section] = decodeTextReply("STATUS=I,When=1,Code=118,Msg=a, b and c,Description=cgminer 4.11.1|");
    expect(section?.fields.Msg).toBe("a, b and c");
    expect(section?.fields.Description).toBe("cgminer 4.11.1");
  });

  it("decodes the Mini 3 version and devdetails lines", () => {
    const [version, devdetails] = readFixture("avalon", "issue_pyasic312_mini3_version_devdetails_text.txt")
      .trim()
      .split("\n")
      .map(textReplyToObject);
    expect((version?.VERSION as Entries | undefined)?.[0]?.MODEL).toBe("Mini3");
    expect((version?.VERSION as Entries | undefined)?.[0]?.LVERSION).toBe("25011701_3f53b19");
    expect((devdetails?.DEVDETAILS as Entries | undefined)?.[0]?.Driver).toBe("avalon");
  });
});
