// The control process's handle on the planner worker. Solves are queued one at a time; each has the solver's
// time limit plus a watchdog, after which the worker is presumed stuck, terminated, and started afresh on the
// next request. A failure is always an outcome (never a rejection), so the caller can hand it to a PlanKeeper.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PlanInput } from "../../planner/input.js";
import type { PlanOutcome } from "../../planner/plan.js";
import { DEFAULT_SOLVE_OPTIONS } from "../../planner/solver.js";
import type { SolveRequest, SolveResponse } from "./protocol.js";

export interface PlannerWorkerOptions {
  /** Default solver time limit per run, seconds (10). */
  readonly timeLimitS?: number;
  /** Default relative MIP gap (0.001 = 0.1 %). */
  readonly mipRelGap?: number;
  /** Time beyond the solver budget before the worker is presumed stuck (WASM load, diagnosis, checking). */
  readonly watchdogGraceMs?: number;
  /**
   * An idle worker is stopped after this long (default 20 s): plans come every half hour or so, and the solver's
   * WebAssembly memory never shrinks, so a resident worker would hold ~80 MB for nothing. Infinity keeps it.
   */
  readonly idleStopMs?: number;
}

export interface WorkerSolveOptions {
  readonly nowMs: number;
  readonly timeLimitS?: number;
  readonly mipRelGap?: number;
}

export interface WorkerSolveResult {
  readonly outcome: PlanOutcome;
  /** Wall time in the worker; NaN when the worker did not answer. */
  readonly wallMs: number;
}

/** A solve may run the solver three times: the plan, then two elastic re-solves when it is infeasible. */
const SOLVER_RUNS_PER_REQUEST = 3;
const DEFAULT_GRACE_MS = 15_000;
const DEFAULT_IDLE_STOP_MS = 20_000;
/**
 * The worker builds one model and hands it to the solver, whose memory is WebAssembly's, not the JS heap's: a small
 * young generation is enough and keeps the whole process's footprint down.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

interface Pending {
  readonly resolve: (r: WorkerSolveResult) => void;
  readonly timer: NodeJS.Timeout;
}

export class PlannerWorker {
  readonly #opts: PlannerWorkerOptions;
  #worker: Worker | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #nextId = 1;
  #pending: { id: number; p: Pending } | undefined;
  #closed = false;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(opts: PlannerWorkerOptions = {}) {
    this.#opts = opts;
  }

  /** Queues a solve; resolves with the outcome, never rejects. */
  solve(input: PlanInput, opts: WorkerSolveOptions): Promise<WorkerSolveResult> {
    const run = this.#queue.then(() => this.#run(input, opts));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker; a solve in progress, and any asked for later, resolve as worker failures. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    const w = this.#worker;
    this.#worker = undefined;
    this.#fail("the planner worker was closed");
    if (w !== undefined) await w.terminate();
  }

  #run(input: PlanInput, opts: WorkerSolveOptions): Promise<WorkerSolveResult> {
    const timeLimitS = opts.timeLimitS ?? this.#opts.timeLimitS ?? DEFAULT_SOLVE_OPTIONS.timeLimitS;
    const mipRelGap = opts.mipRelGap ?? this.#opts.mipRelGap ?? DEFAULT_SOLVE_OPTIONS.mipRelGap;
    const watchdogMs =
      SOLVER_RUNS_PER_REQUEST * timeLimitS * 1000 + (this.#opts.watchdogGraceMs ?? DEFAULT_GRACE_MS);
    if (this.#closed) {
      const failure = { kind: "worker-error", message: "the planner worker is closed" } as const;
      return Promise.resolve({ outcome: { ok: false, failure }, wallMs: Number.NaN });
    }
    clearTimeout(this.#idleTimer);
    let worker: Worker;
    try {
      worker = this.#ensureWorker();
    } catch (e) {
      const message = `could not start the planner worker: ${e instanceof Error ? e.message : String(e)}`;
      return Promise.resolve({
        outcome: { ok: false, failure: { kind: "worker-error", message } },
        wallMs: Number.NaN,
      });
    }
    const id = this.#nextId++;
    const request: SolveRequest = { id, input, nowMs: opts.nowMs, timeLimitS, mipRelGap };
    return new Promise<WorkerSolveResult>((resolve) => {
      const timer = setTimeout(() => {
        this.#fail(`the planner worker did not answer within ${Math.round(watchdogMs / 1000)} s; restarted`);
        const stuck = this.#worker;
        this.#worker = undefined;
        void stuck?.terminate();
      }, watchdogMs);
      this.#pending = { id, p: { resolve, timer } };
      worker.ref();
      try {
        worker.postMessage(request);
      } catch (e) {
        this.#fail(
          `could not send the request to the planner worker: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const w = spawnWorker();
    w.on("message", (msg: SolveResponse) => {
      const pending = this.#pending;
      if (pending === undefined || pending.id !== msg.id) return;
      this.#settle({ outcome: msg.outcome, wallMs: msg.wallMs });
    });
    w.on("error", (e) => {
      if (this.#worker === w) this.#worker = undefined;
      this.#fail(`the planner worker failed: ${e.message}`);
    });
    w.on("exit", (code) => {
      if (this.#worker !== w) return;
      this.#worker = undefined;
      this.#fail(`the planner worker exited with code ${code}`);
    });
    w.unref();
    this.#worker = w;
    return w;
  }

  #fail(message: string): void {
    this.#settle({ outcome: { ok: false, failure: { kind: "worker-error", message } }, wallMs: Number.NaN });
  }

  #settle(result: WorkerSolveResult): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    clearTimeout(pending.p.timer);
    // An idle worker must not keep the process alive.
    this.#worker?.unref();
    this.#stopWhenIdle();
    pending.p.resolve(result);
  }

  #stopWhenIdle(): void {
    const idleMs = this.#opts.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
    if (!Number.isFinite(idleMs)) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      const w = this.#worker;
      if (w === undefined || this.#pending !== undefined) return;
      this.#worker = undefined;
      void w.terminate();
    }, idleMs);
    this.#idleTimer.unref();
  }

  /** Whether a worker thread is running now (it starts on demand and stops when idle). */
  get running(): boolean {
    return this.#worker !== undefined;
  }
}

/**
 * Compiled, the worker is worker.js beside this file. Run from TypeScript sources (tests, `node --import tsx`), it
 * is worker.ts; Node 20 applies no ESM loader hooks in worker threads (`--import tsx` in execArgv is ignored
 * there), so the worker loads through tsx's CommonJS hook instead.
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), { resourceLimits: WORKER_LIMITS });
  const tsxCjs = createRequire(import.meta.url).resolve("tsx/cjs");
  const entry = fileURLToPath(new URL("./worker.ts", import.meta.url));
  return new Worker(`require(${JSON.stringify(tsxCjs)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    resourceLimits: WORKER_LIMITS,
  });
}
