import { afterEach, describe, expect, it } from "vitest";
import type { MinerEndpoint } from "../../../domain/driver.js";
import { CgminerClient } from "./client.js";
import { CgminerScheduler } from "./scheduler.js";
import { replyAndClose, type ScriptedServer, startScriptedServer } from "./test-server.js";

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const a: MinerEndpoint = { host: "10.0.0.1", port: 4028 };
const b: MinerEndpoint = { host: "10.0.0.2", port: 4028 };

describe("CgminerScheduler", () => {
  it("runs requests to one endpoint strictly in order, one at a time", async () => {
    const scheduler = new CgminerScheduler({ maxInFlight: 8 });
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      scheduler.run(a, async () => {
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(["start 0"]);
    expect(scheduler.inFlight).toBe(1);
    expect(scheduler.queued).toBe(2);
    gates[1]?.resolve();
    gates[2]?.resolve();
    gates[0]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(log).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
    expect(scheduler.inFlight).toBe(0);
    expect(scheduler.queued).toBe(0);
  });

  it("does not let a busy endpoint hold a global slot, and frees slots on failure", async () => {
    const scheduler = new CgminerScheduler({ maxInFlight: 1 });
    const gate = deferred();
    const first = scheduler.run(a, () => gate.promise);
    const secondOnA = scheduler.run(a, () => Promise.reject(new Error("boom")));
    const onB = scheduler.run(b, async () => "b");
    await new Promise((r) => setTimeout(r, 5));
    expect(scheduler.inFlight).toBe(1);
    gate.resolve();
    await first;
    await expect(secondOnA).rejects.toThrow("boom");
    expect(await onB).toBe("b");
    expect(scheduler.inFlight).toBe(0);
  });

  it("rejects a non-positive bound", () => {
    expect(() => new CgminerScheduler({ maxInFlight: 0 })).toThrow(RangeError);
  });

  it("over real TCP: at most one request in flight per endpoint and never more than the global bound", async () => {
    const maxInFlight = 3;
    let globalNow = 0;
    let globalMax = 0;
    const perServerMax: number[] = [];
    for (let s = 0; s < 5; s++) {
      let now = 0;
      perServerMax.push(0);
      servers.push(
        await startScriptedServer((_req, socket) => {
          now++;
          globalNow++;
          perServerMax[s] = Math.max(perServerMax[s] ?? 0, now);
          globalMax = Math.max(globalMax, globalNow);
          setTimeout(() => {
            now--;
            globalNow--;
            replyAndClose(socket, '{"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary"}],"id":1}');
          }, 25);
        }),
      );
    }
    const client = new CgminerClient({ scheduler: new CgminerScheduler({ maxInFlight }), timeoutMs: 2000 });
    const calls = servers.flatMap((server) =>
      Array.from({ length: 6 }, () => client.request(server.endpoint, "summary")),
    );
    await Promise.all(calls);
    expect(servers.map((s) => s.requests.length)).toEqual([6, 6, 6, 6, 6]);
    expect(perServerMax).toEqual([1, 1, 1, 1, 1]);
    expect(globalMax).toBeLessThanOrEqual(maxInFlight);
    expect(globalMax).toBe(maxInFlight);
  });
});
