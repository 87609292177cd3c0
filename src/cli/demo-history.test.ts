import { describe, expect, it } from "vitest";
import { loadConfigFile } from "../config/load.js";
import { configSchema } from "../config/schema.js";
import { SqliteStore } from "../store/sqlite/sqlite-store.js";
import { fillDemoHistory } from "./demo-history.js";

const at = (local: string) => Date.parse(`${local}+09:00`);

describe("the demo's simulated history", () => {
  it("fills nine days before the replay and its morning once, one row a minute, from the bundled Kyushu records", async () => {
    const cfg = loadConfigFile(
      configSchema,
      new URL("../../examples/demo-site.yaml", import.meta.url).pathname,
    );
    const store = new SqliteStore(":memory:");
    const replayFromMs = Date.parse(cfg.signals.replayFrom ?? "");
    expect(await fillDemoHistory(store, cfg, replayFromMs, 9)).toEqual({
      from: "2023-03-31",
      to: "2023-04-09",
      // Nine days, and the replayed day up to 08:00.
      rows: 9 * 1440 + 8 * 60,
    });
    const noon = await store.telemetry.site({
      resolution: "1m",
      sinceMs: at("2023-04-08T12:00:00"),
      untilMs: at("2023-04-08T12:59:59"),
    });
    const night = await store.telemetry.site({
      resolution: "1m",
      sinceMs: at("2023-04-08T02:00:00"),
      untilMs: at("2023-04-08T02:59:59"),
    });
    // A curtailment Saturday: at noon the whole 4.5 MW site runs on surplus; at night only standby draws (green-only).
    expect(noon).toHaveLength(60);
    expect(Math.round((noon[0]?.reportedPowerW ?? 0) / 1000)).toBe(4489);
    expect(Math.round((night[0]?.reportedPowerW ?? 0) / 1000)).toBe(67);
    expect(await fillDemoHistory(store, cfg, replayFromMs, 9)).toBeUndefined();
    await store.close();
  }, 60_000);
});
