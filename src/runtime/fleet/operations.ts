import type { Clock } from "../../domain/clock.js";
import type { CommandOutcome, FullMinerDriver, MinerEndpoint } from "../../domain/driver.js";
import { DriverError, isDriverError } from "../../domain/errors.js";
import type { MinerIdentity } from "../../domain/miner.js";
import type { CgminerScheduler } from "../../drivers/protocols/cgminer/scheduler.js";
import { detectMiner } from "../../drivers/registry.js";
import { mapBounded } from "./pool.js";
import { errorRow, type FleetStatusRow, statusRow } from "./rows.js";

export interface FleetContext {
  scheduler: CgminerScheduler;
  clock: Clock;
  timeoutMs: number;
  /** Endpoints handled at once; the scheduler still serialises per miner and bounds sockets globally. */
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  host: string;
  port: number;
  kind: "miner" | "other" | "none";
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  description: string;
}

function describeError(e: unknown): { message: string; kind: string } {
  if (isDriverError(e)) return { message: e.message, kind: e.kind };
  return { message: e instanceof Error ? e.message : String(e), kind: "internal" };
}

export async function scanFleet(
  endpoints: readonly MinerEndpoint[],
  ctx: FleetContext,
): Promise<ScanResult[]> {
  return mapBounded(
    endpoints,
    ctx.concurrency,
    async (endpoint): Promise<ScanResult> => {
      const base = { host: endpoint.host, port: endpoint.port };
      try {
        const found = await detectMiner(endpoint, {
          timeoutMs: ctx.timeoutMs,
          scheduler: ctx.scheduler,
          clock: ctx.clock,
        });
        if (found.kind === "miner") {
          const id = found.identity;
          return {
            ...base,
            kind: "miner",
            vendor: id.vendor,
            model: id.model,
            firmware: id.firmware,
            description: `${id.vendor} ${id.model} firmware ${id.firmware}`,
          };
        }
        if (found.kind === "other") {
          return {
            ...base,
            kind: "other",
            vendor: null,
            model: null,
            firmware: null,
            description: found.description,
          };
        }
        return {
          ...base,
          kind: "none",
          vendor: null,
          model: null,
          firmware: null,
          description: found.error.message,
        };
      } catch (e) {
        return {
          ...base,
          kind: "none",
          vendor: null,
          model: null,
          firmware: null,
          description: describeError(e).message,
        };
      }
    },
    ctx.onProgress,
  );
}

interface Connected {
  endpoint: MinerEndpoint;
  driver?: FullMinerDriver;
  identity?: MinerIdentity;
  error?: { message: string; kind: string };
}

/** Identifies each endpoint once; an endpoint that is not a supported miner keeps its reason. */
export async function connectFleet(
  endpoints: readonly MinerEndpoint[],
  ctx: FleetContext,
): Promise<Connected[]> {
  return mapBounded(endpoints, ctx.concurrency, async (endpoint): Promise<Connected> => {
    try {
      const found = await detectMiner(endpoint, {
        timeoutMs: ctx.timeoutMs,
        scheduler: ctx.scheduler,
        clock: ctx.clock,
      });
      if (found.kind === "miner") return { endpoint, driver: found.driver, identity: found.identity };
      if (found.kind === "other")
        return {
          endpoint,
          error: { message: `not a supported miner: ${found.description}`, kind: "unsupported" },
        };
      return { endpoint, error: { message: found.error.message, kind: found.error.kind } };
    } catch (e) {
      return { endpoint, error: describeError(e) };
    }
  });
}

export async function fleetStatus(
  endpoints: readonly MinerEndpoint[],
  ctx: FleetContext,
): Promise<FleetStatusRow[]> {
  const connected = await connectFleet(endpoints, ctx);
  return mapBounded(
    connected,
    ctx.concurrency,
    async (c): Promise<FleetStatusRow> => {
      if (!c.driver || !c.identity)
        return errorRow(c.endpoint, c.error?.message ?? "unknown", c.error?.kind ?? "internal");
      try {
        return statusRow(c.endpoint, c.identity, await c.driver.readStatus());
      } catch (e) {
        const d = describeError(e);
        return errorRow(c.endpoint, d.message, d.kind, c.identity);
      }
    },
    ctx.onProgress,
  );
}

export type FleetAction =
  | { kind: "sleep" }
  | { kind: "wake" }
  | { kind: "mode"; mode: number }
  | { kind: "reboot" };

export interface ActionResult {
  host: string;
  port: number;
  action: string;
  acknowledged: boolean;
  confirmed: boolean;
  detail: string;
  ackMs: number | null;
  confirmMs: number | null;
}

export interface ActionOptions {
  delayS?: number;
  confirmTimeoutMs?: number;
  noConfirm?: boolean;
}

function actionName(a: FleetAction): string {
  return a.kind === "mode" ? `mode ${a.mode}` : a.kind;
}

function runAction(driver: FullMinerDriver, a: FleetAction, opts: ActionOptions): Promise<CommandOutcome> {
  const confirm = {
    ...(opts.confirmTimeoutMs === undefined ? {} : { confirmTimeoutMs: opts.confirmTimeoutMs }),
    ...(opts.noConfirm ? { noConfirm: true } : {}),
  };
  switch (a.kind) {
    case "sleep":
      return driver.sleep({ ...confirm, ...(opts.delayS === undefined ? {} : { delayS: opts.delayS }) });
    case "wake":
      return driver.wake({ ...confirm, ...(opts.delayS === undefined ? {} : { delayS: opts.delayS }) });
    case "mode":
      return driver.setWorkMode(a.mode, confirm);
    case "reboot":
      return driver.reboot(confirm);
  }
}

export async function fleetAction(
  endpoints: readonly MinerEndpoint[],
  action: FleetAction,
  opts: ActionOptions,
  ctx: FleetContext,
): Promise<ActionResult[]> {
  const connected = await connectFleet(endpoints, ctx);
  const name = actionName(action);
  return mapBounded(
    connected,
    ctx.concurrency,
    async (c): Promise<ActionResult> => {
      const base = { host: c.endpoint.host, port: c.endpoint.port, action: name };
      if (!c.driver) {
        return {
          ...base,
          acknowledged: false,
          confirmed: false,
          detail: c.error?.message ?? "unknown",
          ackMs: null,
          confirmMs: null,
        };
      }
      try {
        const out = await runAction(c.driver, action, opts);
        return {
          ...base,
          acknowledged: out.acknowledged,
          confirmed: out.confirmed,
          detail: out.detail,
          ackMs: out.ackMs ?? null,
          confirmMs: out.confirmMs ?? null,
        };
      } catch (e) {
        const d = describeError(e);
        return {
          ...base,
          acknowledged: false,
          confirmed: false,
          detail: d.message,
          ackMs: null,
          confirmMs: null,
        };
      }
    },
    ctx.onProgress,
  );
}

export { DriverError };
