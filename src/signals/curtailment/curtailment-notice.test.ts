import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CurtailmentNotice,
  loadCurtailmentNotices,
  noticeAt,
  noticesKnownAt,
  parseCurtailmentNoticesCsv,
} from "./curtailment-notice.js";
import { type AreaSupplyDemandHour, loadKyushuAreaFiles } from "./kyushu-area.js";
import { bundledKyushuAreaFiles } from "./kyushu-area-files.js";
import { curtailedHours, deriveNoticesFromActuals } from "./notice-derivation.js";

const jst = (s: string) => Date.parse(`${s}+09:00`);
const formats = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/data/formats/${name}`, import.meta.url));

describe("curtailment notice files", () => {
  it("reads the CSV and JSON examples alike", async () => {
    const csv = await loadCurtailmentNotices(formats("curtailment-notices-2023-04-08_10.csv"));
    const json = await loadCurtailmentNotices(formats("curtailment-notices-2023-04-08_10.json"));
    expect(json.notices).toEqual(csv.notices);
    expect(csv.notices[1]).toEqual({
      startMs: jst("2023-04-09T07:00"),
      endMs: jst("2023-04-09T17:00"),
      expectedCurtailedMw: 5882,
      issuedMs: jst("2023-04-08T17:00"),
    });
  });

  it("reports bad windows by line and column", () => {
    const text = [
      "start,end,expected_curtailed_mw,issued",
      "2023-04-09T07:00+09:00,2023-04-09T17:00+09:00,5882,2023-04-09T18:00+09:00",
      "2023-04-09T07:00+09:00,2023-04-09T17:00+09:00,-1,2023-04-08T17:00+09:00",
      "2023-04-09T07:00,2023-04-09T17:00+09:00,1,2023-04-08T17:00+09:00",
    ].join("\n");
    const r = parseCurtailmentNoticesCsv(text, { file: "n.csv", errorPolicy: "skip" });
    expect(r.errors.map((e) => [e.line, e.column, e.columnName])).toEqual([
      [2, 4, "issued"],
      [3, 3, "expected_curtailed_mw"],
      [4, 1, "start"],
    ]);
    expect(() => parseCurtailmentNoticesCsv(text, { file: "n.csv" })).toThrow(
      "n.csv: line 2, column 4 (issued)",
    );
  });
});

describe("what is known when", () => {
  const notices: CurtailmentNotice[] = [
    {
      startMs: jst("2023-04-08T07:00"),
      endMs: jst("2023-04-08T18:00"),
      expectedCurtailedMw: 5637,
      issuedMs: jst("2023-04-07T17:00"),
    },
    {
      startMs: jst("2023-04-09T07:00"),
      endMs: jst("2023-04-09T17:00"),
      expectedCurtailedMw: 5882,
      issuedMs: jst("2023-04-08T17:00"),
    },
    // An on-the-day update: a narrower, smaller window issued the morning of the 9th.
    {
      startMs: jst("2023-04-09T10:00"),
      endMs: jst("2023-04-09T15:00"),
      expectedCurtailedMw: 4000,
      issuedMs: jst("2023-04-09T08:00"),
    },
  ];

  it("shows a notice from its issue time on (17:00 JST the day before)", () => {
    expect(noticesKnownAt(notices, jst("2023-04-08T16:59"))).toHaveLength(1);
    expect(noticesKnownAt(notices, jst("2023-04-08T17:00")).map((n) => n.expectedCurtailedMw)).toEqual([
      5637, 5882,
    ]);
  });

  it("lets a later notice replace the one it overlaps", () => {
    const now = jst("2023-04-09T09:00");
    expect(noticesKnownAt(notices, now).map((n) => n.expectedCurtailedMw)).toEqual([5637, 4000]);
    expect(noticeAt(notices, jst("2023-04-09T12:00"), now)?.expectedCurtailedMw).toBe(4000);
    expect(noticeAt(notices, jst("2023-04-09T08:00"), now)).toBeUndefined();
    expect(noticeAt(notices, jst("2023-04-09T08:00"), jst("2023-04-09T07:59"))?.expectedCurtailedMw).toBe(
      5882,
    );
  });
});

describe("notices derived from Kyushu actuals", () => {
  let hours: AreaSupplyDemandHour[] = [];
  beforeAll(async () => {
    hours = (await loadKyushuAreaFiles(bundledKyushuAreaFiles(2021, 2023))).hours;
  });

  it("2023-04-08..10 reproduce the example notice file", async () => {
    const derived = deriveNoticesFromActuals(hours).filter(
      (n) => n.startMs >= jst("2023-04-08T00:00") && n.startMs < jst("2023-04-11T00:00"),
    );
    const file = await loadCurtailmentNotices(formats("curtailment-notices-2023-04-08_10.csv"));
    expect(derived).toEqual(file.notices);
  });

  it("2021–2023: 2,741 curtailed hours in 408 windows (108 / 129 / 171 per year)", () => {
    expect(curtailedHours(hours)).toHaveLength(2_741);
    const derived = deriveNoticesFromActuals(hours);
    expect(derived).toHaveLength(408);
    const inYear = (y: number) =>
      derived.filter((n) => n.startMs >= jst(`${y}-01-01T00:00`) && n.startMs < jst(`${y + 1}-01-01T00:00`))
        .length;
    expect([inYear(2021), inYear(2022), inYear(2023)]).toEqual([108, 129, 171]);
    const hoursInWindows = derived.reduce((a, n) => a + (n.endMs - n.startMs) / 3_600_000, 0);
    expect(hoursInWindows).toBe(2_741);
  });

  it("issues each window at 17:00 JST the day before, or at a configured time", () => {
    const may2 = (n: CurtailmentNotice) =>
      n.startMs >= jst("2021-05-02T00:00") && n.startMs < jst("2021-05-03T00:00");
    expect(deriveNoticesFromActuals(hours).filter(may2)).toEqual([
      {
        startMs: jst("2021-05-02T08:00"),
        endMs: jst("2021-05-02T16:00"),
        expectedCurtailedMw: 1022,
        issuedMs: jst("2021-05-01T17:00"),
      },
    ]);
    const at16 = deriveNoticesFromActuals(hours, { issueTimeOfDayMs: 16 * 3_600_000 }).filter(may2);
    expect(at16[0]?.issuedMs).toBe(jst("2021-05-01T16:00"));
  });
});
