import { afterAll, describe, expect, it } from "vitest";
import { PlanKeeper } from "../../planner/plan-keeper.js";
import { hardInstance } from "../../planner/testing/hard.js";
import { DAY0_MS, twoGroupsFourSlots } from "../../planner/testing/inputs.js";
import { PlannerWorker } from "./planner-worker.js";

const workers: PlannerWorker[] = [];
function worker(opts: ConstructorParameters<typeof PlannerWorker>[0] = {}): PlannerWorker {
  const w = new PlannerWorker(opts);
  workers.push(w);
  return w;
}
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
});

describe("PlannerWorker", () => {
  it("solves in a worker thread and returns the checked plan", async () => {
    const r = await worker().solve(twoGroupsFourSlots(), { nowMs: DAY0_MS, mipRelGap: 0 });
    if (!r.outcome.ok) throw new Error(r.outcome.failure.message);
    expect(r.outcome.plan.totals.profitJpy).toBe(1175);
    expect(r.outcome.plan.createdAtMs).toBe(DAY0_MS);
    expect(r.wallMs).toBeGreaterThan(0);
  }, 30_000);

  it("keeps the control loop's thread free while the solver works", async () => {
    const w = worker();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 10);
    const t0 = performance.now();
    const r = await w.solve(hardInstance(48, 16), { nowMs: DAY0_MS, timeLimitS: 2, mipRelGap: 0 });
    const elapsedMs = performance.now() - t0;
    clearInterval(timer);
    // Under a shared machine's load the time-limited search may or may not hold an incumbent; it must answer.
    expect(r.outcome.ok || r.outcome.failure.kind === "no-solution").toBe(true);
    expect(elapsedMs).toBeGreaterThan(1_000);
    // A blocked event loop would not tick at all during the solve.
    expect(ticks).toBeGreaterThan(elapsedMs / 10 / 4);
  }, 60_000);

  it("restarts a worker that misses its watchdog, answers with a failure, and the keeper keeps the old plan", async () => {
    const keeper = new PlanKeeper();
    const w = worker({ watchdogGraceMs: 0 });
    const first = await w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS, timeLimitS: 10 });
    expect(keeper.offer(first.outcome, DAY0_MS)).toBe(true);
    // A 1 ms budget: the solve cannot answer that fast, so the watchdog fires.
    const stuck = await w.solve(hardInstance(48, 16), { nowMs: DAY0_MS + 1, timeLimitS: 0.001 });
    expect(stuck.outcome.ok).toBe(false);
    if (!stuck.outcome.ok) expect(stuck.outcome.failure).toMatchObject({ kind: "worker-error" });
    expect(keeper.offer(stuck.outcome, DAY0_MS + 1)).toBe(false);
    expect(keeper.status(DAY0_MS + 1)).toMatchObject({ failing: true, plan: { acceptedAtMs: DAY0_MS } });
    // The next request gets a fresh worker.
    const again = await w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS + 2, timeLimitS: 10 });
    expect(again.outcome.ok).toBe(true);
  }, 60_000);

  it("queues requests and answers each with its own outcome", async () => {
    const w = worker();
    const bad = { ...twoGroupsFourSlots(), auxiliaryW: -1 };
    const [a, b] = await Promise.all([
      w.solve(bad, { nowMs: DAY0_MS }),
      w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS }),
    ]);
    expect(a.outcome.ok ? "ok" : a.outcome.failure.kind).toBe("invalid-input");
    expect(b.outcome.ok).toBe(true);
  }, 30_000);

  it("answers requests after close with a failure instead of starting a new worker", async () => {
    const w = worker();
    await w.close();
    const r = await w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS });
    expect(r.outcome).toEqual({
      ok: false,
      failure: { kind: "worker-error", message: "the planner worker is closed" },
    });
  });

  it("stops an idle worker to give its memory back, and starts a new one for the next solve", async () => {
    const w = worker({ idleStopMs: 200 });
    const first = await w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS, mipRelGap: 0 });
    expect(first.outcome.ok).toBe(true);
    expect(w.running).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(w.running).toBe(false);
    const second = await w.solve(twoGroupsFourSlots(), { nowMs: DAY0_MS + 1, mipRelGap: 0 });
    if (!second.outcome.ok) throw new Error(second.outcome.failure.message);
    expect(second.outcome.plan.totals.profitJpy).toBe(1175);
  }, 60_000);
});
