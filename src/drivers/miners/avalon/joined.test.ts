import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedSite, startEmulatedSite } from "../../../emulator/index.js";
import { CgminerClient, encodeJoinedRequest, splitJoinedReply } from "../../protocols/cgminer/client.js";
import { CgminerScheduler } from "../../protocols/cgminer/scheduler.js";
import { AvalonDriver } from "./driver.js";

let site: EmulatedSite;
beforeAll(async () => {
  site = await startEmulatedSite({ units: 1, baseAddress: "127.0.81.1", initial: "hashing", seed: null });
});
afterAll(async () => {
  await site?.stop();
});

describe("joined report commands", () => {
  it("encodes one request and refuses a joined command that is not a command name", () => {
    expect(encodeJoinedRequest(["litestats", "summary", "pools"])).toBe(
      '{"command":"litestats+summary+pools"}',
    );
    expect(() => encodeJoinedRequest(["summary", "ascset|0,softoff"])).toThrow(/not a cgminer command name/);
    expect(() => splitJoinedReply({ summary: [{}] }, ["summary", "pools"], "h:4028")).toThrow(
      'h:4028: joined reply has no "pools" section',
    );
  });

  it("reads litestats, summary and pools from a unit in one exchange", async () => {
    const client = new CgminerClient({ scheduler: new CgminerScheduler() });
    const endpoint = { host: "127.0.81.1", port: 4028 };
    const parts = await client.requestJoined(endpoint, ["litestats", "summary", "pools"]);
    expect(Object.keys(parts)).toEqual(["litestats", "summary", "pools"]);
    expect((parts.summary?.STATUS as { Code: number }[] | undefined)?.[0]?.Code).toBe(11);
    expect(Array.isArray(parts.pools?.POOLS)).toBe(true);

    const driver = new AvalonDriver({ endpoint, client, clock: site.clock });
    const status = await driver.readStatus();
    // seed null: every figure is the model's own, mode 1 at 8,064 W and 480 TH/s.
    expect(status.state).toBe("hashing");
    expect(status.powerW).toBe(8064);
    expect(status.hashrateThs).toBeCloseTo(480, 0);
    expect(status.pools).toHaveLength(1);
  });
});
