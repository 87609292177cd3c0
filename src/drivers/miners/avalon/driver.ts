import type { Clock } from "../../../domain/clock.js";
import {
  type CommandOutcome,
  type ConfirmOptions,
  endpointLabel,
  type FullMinerDriver,
  type MinerEndpoint,
  type SleepOptions,
} from "../../../domain/driver.js";
import { DriverError, isDriverError } from "../../../domain/errors.js";
import type { MinerIdentity, MinerStatus } from "../../../domain/miner.js";
import { CgminerClient } from "../../protocols/cgminer/client.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import type { ParamPart } from "../../protocols/cgminer/params.js";
import type { CgminerScheduler } from "../../protocols/cgminer/scheduler.js";
import { sectionEntries } from "../../protocols/cgminer/sections.js";
import { expectSuccess } from "../../protocols/cgminer/status.js";
import { DEFAULT_CONFIRM_INTERVAL_MS, performWrite, type WritePlan } from "./control.js";
import { type AvalonStats, parseStatsReply } from "./estats.js";
import { AVALON_VENDOR, identifyAvalon } from "./identify.js";
import { normaliseAvalonStatus } from "./normalise.js";

export const DEFAULT_SOFT_DELAY_S = 5;
const MAX_SOFT_DELAY_S = 24 * 3600;
// Confirmation window beyond the scheduled moment: stats lag the command by several seconds (FMS reads at +10 s).
const CONFIRM_MARGIN_MS = 15_000;
// A reboot takes the API away for the whole boot; 3 minutes covers a control-board boot plus cgminer start.
const DEFAULT_REBOOT_CONFIRM_MS = 180_000;
// Uptime read back after a reboot may be a couple of seconds older than our send time because of rounding.
const UPTIME_SLACK_S = 5;
const WORK_MODES = [0, 1, 2] as const;

export type AvalonDriverOptions = {
  endpoint: MinerEndpoint;
  clock: Clock;
  /** Per-call deadline; defaults to the client's. */
  timeoutMs?: number;
  /** Waits between read-backs; tests pass one that advances a virtual clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Identity already read during detection, to save one `version` call. */
  identity?: MinerIdentity;
} & ({ client: CgminerClient } | { scheduler: CgminerScheduler });

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Canaan Avalon over the cgminer API (port 4028): telemetry, soft-off/on, work mode, reboot. */
export class AvalonDriver implements FullMinerDriver {
  readonly endpoint: MinerEndpoint;
  readonly vendor = AVALON_VENDOR;
  private readonly host: string;
  private readonly client: CgminerClient;
  private readonly clock: Clock;
  private readonly timeoutMs: number | undefined;
  private readonly wait: (ms: number) => Promise<void>;
  private identity: MinerIdentity | undefined;
  private litestatsRefused = false;
  private joinRefused = false;

  constructor(opts: AvalonDriverOptions) {
    this.endpoint = opts.endpoint;
    this.host = endpointLabel(opts.endpoint);
    this.client =
      "client" in opts
        ? opts.client
        : new CgminerClient({
            scheduler: opts.scheduler,
            ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
          });
    this.clock = opts.clock;
    this.timeoutMs = opts.timeoutMs;
    this.wait = opts.sleep ?? realSleep;
    this.identity = opts.identity;
  }

  async identify(): Promise<MinerIdentity> {
    const reply = await this.call("version");
    expectSuccess(reply, this.host, "version");
    this.identity = identifyAvalon(reply, this.host);
    return this.identity;
  }

  async readStatus(): Promise<MinerStatus> {
    const identity = this.identity ?? (await this.identify());
    const together = await this.readJoined();
    if (together !== undefined) {
      return normaliseAvalonStatus({ ...together, model: identity.model }, this.host);
    }
    const stats = await this.readStats();
    // summary only backs up the stats string (A10-era firmware has no GHSspd), so a unit refusing it is not an error.
    const summary = await this.report("summary").catch((e: unknown) => {
      if (isDriverError(e) && e.kind === "rejected") return undefined;
      throw e;
    });
    const pools = await this.report("pools");
    const needDevs = !statsCarryHashrates(stats) && !summaryCarriesHashrates(summary);
    const devs = needDevs ? await this.report("devs") : undefined;
    return normaliseAvalonStatus(
      {
        stats,
        pools,
        ...(summary === undefined ? {} : { summary }),
        ...(devs === undefined ? {} : { devs }),
        model: identity.model,
      },
      this.host,
    );
  }

  sleep(opts: SleepOptions = {}): Promise<CommandOutcome> {
    return this.softSwitch("softoff", opts, (s) => s.state === "sleeping");
  }

  wake(opts: SleepOptions = {}): Promise<CommandOutcome> {
    return this.softSwitch("softon", opts, (s) => ["hashing", "starting", "calibrating"].includes(s.state));
  }

  setWorkMode(mode: number, opts: ConfirmOptions = {}): Promise<CommandOutcome> {
    if (!(WORK_MODES as readonly number[]).includes(mode)) {
      return Promise.reject(
        new DriverError("invalid-argument", `${this.host}: work mode must be 0, 1 or 2, got ${mode}`, {
          host: this.host,
          field: "mode",
        }),
      );
    }
    return this.write([0, "workmode", "set", mode], {
      action: `workmode ${mode}`,
      isDone: (s) => s.workMode === mode,
      ...confirmSettings(opts, CONFIRM_MARGIN_MS),
    });
  }

  reboot(opts: ConfirmOptions = {}): Promise<CommandOutcome> {
    return this.write([0, "reboot", 0], {
      action: "reboot",
      isDone: (s, sentAtMs, nowMs) => s.uptimeS <= (nowMs - sentAtMs) / 1000 + UPTIME_SLACK_S,
      ...confirmSettings(opts, DEFAULT_REBOOT_CONFIRM_MS),
    });
  }

  /** Telemetry without pools: enough for confirming a write, and cheaper. */
  async readBack(): Promise<MinerStatus> {
    const identity = this.identity ?? (await this.identify());
    const stats = await this.readStats();
    const summary = statsCarryHashrates(stats) ? undefined : await this.report("summary");
    return normaliseAvalonStatus(
      { stats, ...(summary === undefined ? {} : { summary }), model: identity.model },
      this.host,
    );
  }

  private softSwitch(
    option: "softoff" | "softon",
    opts: SleepOptions,
    isDone: (s: MinerStatus) => boolean,
  ): Promise<CommandOutcome> {
    const delayS = opts.delayS ?? DEFAULT_SOFT_DELAY_S;
    if (!Number.isInteger(delayS) || delayS < 0 || delayS > MAX_SOFT_DELAY_S) {
      return Promise.reject(
        new DriverError(
          "invalid-argument",
          `${this.host}: delayS must be an integer 0..${MAX_SOFT_DELAY_S}`,
          {
            host: this.host,
            field: "delayS",
          },
        ),
      );
    }
    // The firmware acts at an epoch second it is given, so the controller's clock must be in step with the unit's.
    const atS = Math.floor(this.clock.nowMs() / 1000) + delayS;
    return this.write([0, option, `1:${atS}`], {
      action: `${option} at ${atS}`,
      isDone,
      ...confirmSettings(opts, delayS * 1000 + CONFIRM_MARGIN_MS),
    });
  }

  private write(params: readonly ParamPart[], plan: WritePlan): Promise<CommandOutcome> {
    return performWrite(
      {
        host: this.host,
        clock: this.clock,
        sleep: this.wait,
        send: () => this.call("ascset", params),
        readBack: () => this.readBack(),
      },
      plan,
    );
  }

  // One connection for litestats, summary and pools where the firmware joins commands; undefined means "ask one by
  // one" (joining refused, an empty or missing stats summary, or A10-era stats without hashrates).
  private async readJoined(): Promise<
    { stats: AvalonStats; summary: CgminerReply; pools: CgminerReply } | undefined
  > {
    if (this.joinRefused || this.litestatsRefused) return undefined;
    let parts: Record<string, CgminerReply>;
    try {
      parts = await this.client.requestJoined(
        this.endpoint,
        ["litestats", "summary", "pools"],
        this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs },
      );
    } catch (e) {
      if (!isDriverError(e) || (e.kind !== "rejected" && e.kind !== "unsupported")) throw e;
      this.joinRefused = true;
      return undefined;
    }
    const lite = parts.litestats as CgminerReply;
    const summary = parts.summary as CgminerReply;
    const pools = parts.pools as CgminerReply;
    try {
      expectSuccess(lite, this.host, "litestats");
      expectSuccess(summary, this.host, "summary");
      expectSuccess(pools, this.host, "pools");
      const stats = parseStatsReply(lite, this.host);
      return statsCarryHashrates(stats) ? { stats, summary, pools } : undefined;
    } catch (e) {
      if (!isDriverError(e) || (e.kind !== "rejected" && e.kind !== "unsupported")) throw e;
      return undefined;
    }
  }

  // litestats is the cheap summary-only form; firmware without it refuses the command, and the Avalon Q sometimes
  // answers with an empty summary, so estats is the fallback for both.
  private async readStats(): Promise<AvalonStats> {
    if (!this.litestatsRefused) {
      try {
        const reply = await this.call("litestats");
        expectSuccess(reply, this.host, "litestats");
        return parseStatsReply(reply, this.host);
      } catch (e) {
        if (!isDriverError(e) || (e.kind !== "rejected" && e.kind !== "unsupported")) throw e;
        // A refusal is the firmware's answer for good; an empty summary is intermittent and litestats is retried.
        if (e.kind === "rejected") this.litestatsRefused = true;
      }
    }
    const reply = await this.call("estats");
    expectSuccess(reply, this.host, "estats");
    return parseStatsReply(reply, this.host);
  }

  private async report(command: "summary" | "pools" | "devs"): Promise<CgminerReply> {
    const reply = await this.call(command);
    expectSuccess(reply, this.host, command);
    return reply;
  }

  private call(command: string, params: readonly ParamPart[] = []): Promise<CgminerReply> {
    return this.client.request(
      this.endpoint,
      command,
      params,
      this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs },
    );
  }
}

// Current firmware carries both hashrates in the stats string; A10-era firmware needs summary (or devs) for them.
function statsCarryHashrates(stats: AvalonStats): boolean {
  return stats.fields.has("GHSspd") && stats.fields.has("GHSavg");
}

function summaryCarriesHashrates(summary: CgminerReply | undefined): boolean {
  const s = summary === undefined ? undefined : sectionEntries(summary, "SUMMARY")?.[0];
  return s !== undefined && "MHS 1m" in s && "MHS av" in s;
}

function confirmSettings(
  opts: ConfirmOptions,
  defaultTimeoutMs: number,
): Omit<WritePlan, "action" | "isDone"> {
  return {
    confirmTimeoutMs: opts.confirmTimeoutMs ?? defaultTimeoutMs,
    confirmIntervalMs: opts.confirmIntervalMs ?? DEFAULT_CONFIRM_INTERVAL_MS,
    noConfirm: opts.noConfirm === true,
  };
}
