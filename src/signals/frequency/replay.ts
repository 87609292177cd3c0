// A recorded frequency day played back against a clock, as a live source: the sample shown at any moment is the
// latest one recorded at or before the matching recorded time. Gaps in the recording age the value, so a replay goes
// stale exactly where the logger went silent; past the last sample it reports that the recording has ended.
import type { Clock } from "../../domain/clock.js";
import type { Reading } from "../../domain/reading.js";
import {
  type LinkStatus,
  SignalCell,
  type SignalSource,
  type SignalStatus,
  type TimedValue,
} from "../source.js";
import type { FrequencySample } from "./sample.js";

export interface ReplayOptions {
  readonly samples: readonly FrequencySample[];
  readonly clock: Clock;
  readonly name?: string;
  /** Recorded time that plays at the moment of start(). Default: the first sample. */
  readonly fromMs?: number;
  /** Recorded seconds per real second. Default 1. */
  readonly speed?: number;
  /** Default 3 s: three missed 1-second samples. */
  readonly maxAgeMs?: number;
}

/** Index of the last sample at or before tMs, or -1. Samples MUST be sorted by time. */
export function lastSampleIndexAtOrBefore(samples: readonly FrequencySample[], tMs: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((samples[mid]?.atMs ?? Number.POSITIVE_INFINITY) <= tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export class ReplayFrequencySource implements SignalSource<number> {
  readonly name: string;
  private readonly samples: readonly FrequencySample[];
  private readonly clock: Clock;
  private readonly fromMs: number;
  private readonly speed: number;
  private readonly cell: SignalCell<number>;
  private startedAtMs: number | undefined;
  private stoppedAtMs: number | undefined;
  private shownIndex = -1;
  private ended = false;

  constructor(opts: ReplayOptions) {
    const first = opts.samples[0];
    if (first === undefined) throw new RangeError("a replay needs at least one sample");
    if (!((opts.speed ?? 1) > 0)) throw new RangeError(`replay speed must be > 0, got ${opts.speed}`);
    this.name = opts.name ?? "frequency-replay";
    this.samples = opts.samples;
    this.clock = opts.clock;
    this.fromMs = opts.fromMs ?? first.atMs;
    this.speed = opts.speed ?? 1;
    this.cell = new SignalCell<number>(this.name, opts.maxAgeMs ?? 3000, () => this.link());
  }

  start(): void {
    if (this.startedAtMs !== undefined && this.stoppedAtMs === undefined) return;
    this.startedAtMs = this.clock.nowMs();
    this.stoppedAtMs = undefined;
    this.shownIndex = -1;
    this.ended = false;
  }

  stop(): Promise<void> {
    this.refresh(this.clock.nowMs());
    this.stoppedAtMs ??= this.clock.nowMs();
    return Promise.resolve();
  }

  /** Recorded time that plays at nowMs. */
  recordedTimeMs(nowMs: number): number | undefined {
    if (this.startedAtMs === undefined) return undefined;
    const playMs = Math.min(nowMs, this.stoppedAtMs ?? nowMs);
    return this.fromMs + (playMs - this.startedAtMs) * this.speed;
  }

  /** Real time at which a recorded instant plays. */
  liveTimeMs(recordedMs: number): number {
    return (this.startedAtMs ?? 0) + (recordedMs - this.fromMs) / this.speed;
  }

  lastValue(): TimedValue<number> | undefined {
    this.refresh(this.clock.nowMs());
    return this.cell.lastValue();
  }
  ageMs(nowMs: number): number | undefined {
    this.refresh(nowMs);
    return this.cell.ageMs(nowMs);
  }
  isStale(nowMs: number): boolean {
    this.refresh(nowMs);
    return this.cell.isStale(nowMs);
  }
  lastError(): string | undefined {
    this.refresh(this.clock.nowMs());
    return this.cell.lastError();
  }
  reading(): Reading<number> | undefined {
    this.refresh(this.clock.nowMs());
    return this.cell.reading();
  }
  status(nowMs: number): SignalStatus {
    this.refresh(nowMs);
    return this.cell.status(nowMs);
  }

  private link(): LinkStatus {
    const state =
      this.startedAtMs === undefined ? "idle" : this.stoppedAtMs === undefined ? "connected" : "stopped";
    return { state, failedAttempts: 0, nextAttemptAtMs: undefined, linkError: undefined };
  }

  private refresh(nowMs: number): void {
    const recordedMs = this.recordedTimeMs(nowMs);
    if (recordedMs === undefined) return;
    const index = lastSampleIndexAtOrBefore(this.samples, recordedMs);
    if (index > this.shownIndex) {
      const sample = this.samples[index];
      if (sample !== undefined) this.cell.accept(sample.frequencyHz, this.liveTimeMs(sample.atMs));
      this.shownIndex = index;
    }
    const last = this.samples[this.samples.length - 1];
    if (
      !this.ended &&
      last !== undefined &&
      index === this.samples.length - 1 &&
      recordedMs > last.atMs + 1000
    ) {
      this.ended = true;
      this.cell.reject(
        `${this.name}: the recording ended at ${new Date(last.atMs).toISOString()}`,
        this.liveTimeMs(last.atMs + 1000),
      );
    }
  }
}
