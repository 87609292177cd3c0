import { describe, expect, it } from "vitest";
import { readFixture, readJsonFixture } from "../../protocols/cgminer/test-fixtures.js";
import { textReplyToObject } from "../../protocols/cgminer/text-reply.js";
import {
  avalonModelName,
  identifyAvalon,
  identifyFromVer,
  isAvalonVersion,
  normaliseMac,
} from "./identify.js";

const host = "10.0.0.7:4028";

describe("identifyAvalon", () => {
  it("A1566 (MODEL 15-194)", () => {
    const reply = readJsonFixture("avalon", "a1566_fw24102401_version.json");
    expect(isAvalonVersion(reply)).toBe(true);
    expect(identifyAvalon(reply, host)).toEqual({
      vendor: "canaan",
      model: "A1566",
      firmware: "24102401_25462b2_9ddf522",
      serial: "020100008c699117",
      mac: "12:34:56:78:90:12",
      hashBoardCount: 3,
    });
  });

  it("Avalon Q: firmware from LVERSION", () => {
    expect(identifyAvalon(readJsonFixture("avalon", "asicrs_avalonq_version.json"), host)).toEqual({
      vendor: "canaan",
      model: "Q",
      firmware: "25052801_14a19a2",
      serial: "01234567890123456789012345678901",
      mac: "aa:bb:cc:dd:ee:ff",
      hashBoardCount: 1,
    });
  });

  it("A1566HA as the emulator and asic-rs describe it", () => {
    const reply = {
      STATUS: [
        { STATUS: "S", When: 1760000000, Code: 22, Msg: "CGMiner versions", Description: "cgminer 4.11.1" },
      ],
      VERSION: [
        {
          CGMiner: "4.11.1",
          API: "3.7",
          PROD: "AvalonMiner 1566HA",
          MODEL: "1566HA",
          HWTYPE: "MM4v3_X4",
          SWTYPE: "MM319",
          VERSION: "25061801_a1566ha",
          LVERSION: "25061801_a1566ha",
          BVERSION: "25061801_a1566ha",
          CGVERSION: "25061801_a1566ha",
        },
      ],
      id: 1,
    };
    expect(identifyAvalon(reply, host)).toEqual({
      vendor: "canaan",
      model: "A1566HA",
      firmware: "25061801_a1566ha",
      hashBoardCount: 4,
    });
  });

  it("A10 manual text sample: model 10xx, all-zero DNA dropped", () => {
    const reply = textReplyToObject(readFixture("avalon", "canaan_a10doc_version_text.txt"));
    expect(isAvalonVersion(reply)).toBe(true);
    expect(identifyAvalon(reply, host)).toEqual({
      vendor: "canaan",
      model: "A10xx",
      firmware: "19090589_789f8e9t_965ebdct",
      mac: "aa:a5:83:6a:0f:14",
    });
  });

  it("Nano3s (JSON) and Mini3 (text)", () => {
    const nano = JSON.parse(readFixture("avalon", "lw10583_nano3s_version_lcd_summary.json")) as {
      version: Record<string, unknown>;
    };
    expect(identifyAvalon(nano.version, host)).toMatchObject({
      model: "Nano3s",
      firmware: "25021401_56abae7",
      mac: "e0:e1:a9:3f:30:53",
    });
    const [mini] = readFixture("avalon", "issue_pyasic312_mini3_version_devdetails_text.txt").split("\n");
    expect(identifyAvalon(textReplyToObject(mini ?? ""), host)).toMatchObject({
      model: "Mini3",
      firmware: "25011701_3f53b19",
      serial: "020100008644e532",
    });
  });

  it("Nano 3 from its stats Ver field (no version sample exists)", () => {
    expect(identifyFromVer("nano3-24071801_42c628d")).toEqual({
      model: "Nano3",
      firmware: "24071801_42c628d",
    });
    expect(identifyFromVer("15-194-24102401_25462b2_9ddf522")).toEqual({
      model: "A1566",
      firmware: "24102401_25462b2_9ddf522",
    });
    expect(identifyFromVer("Q-25052801_14a19a2")).toEqual({ model: "Q", firmware: "25052801_14a19a2" });
    expect(identifyFromVer("1066-19101244_fe411a8_71edeca")?.model).toBe("A1066");
    expect(identifyFromVer("garbage")).toBeUndefined();
  });

  it("does not take other firmwares for Avalon", () => {
    expect(isAvalonVersion(readJsonFixture("antminer", "asicrs_v2020_version.json"))).toBe(false);
    expect(isAvalonVersion(readJsonFixture("whatsminer", "asicrs_v1_get_version.json"))).toBe(false);
  });

  it("names the missing field", () => {
    expect(() => identifyAvalon({ STATUS: [] }, host)).toThrow(/no VERSION section/);
    expect(() => identifyAvalon({ VERSION: [{ PROD: "Avalon Q", MODEL: "Q" }] }, host)).toThrow(
      /no VERSION\/LVERSION/,
    );
  });
});

describe("model names", () => {
  it.each([
    ["15-194", "A1566"],
    ["1566HA", "A1566HA"],
    ["1566hu", "A1566HU"],
    ["1066", "A1066"],
    ["10xx", "A10xx"],
    ["1166Pro", "A1166PRO"],
    ["Q", "Q"],
    ["Nano3s", "Nano3s"],
    ["NANO3", "Nano3"],
    ["Mini3", "Mini3"],
    ["16-300", "16-300"],
    ["Something New", "Something New"],
  ])("%s → %s", (raw, name) => {
    expect(avalonModelName(raw)).toBe(name);
  });

  it("normalises MAC spellings", () => {
    expect(normaliseMac("AA-BB-CC-DD-EE-FF")).toBe("aa:bb:cc:dd:ee:ff");
    expect(normaliseMac("not-a-mac")).toBe("not-a-mac");
  });
});
