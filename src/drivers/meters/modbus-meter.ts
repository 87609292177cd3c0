// A meter polled over Modbus TCP, either SunSpec (discovered) or a register map. Polls on its own timer; every
// outcome lands in SignalCells, so the control loop reads a value with its age or an error, never an exception.
import type { Clock } from "../../domain/clock.js";
import { DriverError } from "../../domain/errors.js";
import type { Reading } from "../../domain/reading.js";
import {
  type BackoffPolicy,
  type LinkStatus,
  SignalCell,
  type SignalReader,
  type SignalSource,
  type SignalStatus,
  type TimedValue,
} from "../../signals/source.js";
import { ModbusClient, type RegisterSource } from "../protocols/modbus/client.js";
import type { ModbusEndpoint } from "../protocols/modbus/connection.js";
import { discoverSunSpec, readCommonModel, type SunSpecCommon } from "../protocols/modbus/sunspec.js";
import { type RegisterMap, readRegisterMap, validateRegisterMap } from "./register-map.js";
import {
  type DecodedMeter,
  METER_QUANTITIES,
  type MeterQuantity,
  type MeterSample,
  type PowerSign,
  toImportPositive,
} from "./sample.js";
import { findMeterModel, readSunSpecMeter, type SunSpecMeterContext } from "./sunspec-meter.js";

export type MeterProtocol =
  | { readonly kind: "sunspec"; readonly baseAddresses?: readonly number[] }
  | { readonly kind: "register-map"; readonly map: RegisterMap };

export interface ModbusMeterConfig {
  /** For logs and errors, e.g. "site-import" or "pv-plant". */
  readonly name: string;
  readonly endpoint: ModbusEndpoint;
  /** Default 1. */
  readonly unitId?: number;
  readonly protocol: MeterProtocol;
  /** How the device signs power; default "import-positive". */
  readonly powerSign?: PowerSign;
  readonly pollIntervalMs?: number;
  /** Deadline for connecting and for each read. */
  readonly timeoutMs?: number;
  /** A sample older than this reads as stale. */
  readonly maxAgeMs?: number;
  readonly backoff?: BackoffPolicy;
}

export const METER_DEFAULTS = { unitId: 1, pollIntervalMs: 1000, timeoutMs: 1000, maxAgeMs: 5000 } as const;

/** What the meter reads through: a ModbusClient, or a fake in unit tests. */
export interface MeterTransport extends RegisterSource {
  link(): LinkStatus;
  /** Changes whenever a new connection is made; SunSpec discovery is repeated after a reconnect. */
  readonly connectionGeneration: number;
  close(): Promise<void>;
  reopen(): void;
}

export interface MeterIdentity extends SunSpecCommon {
  readonly sunspecModelId: number;
  readonly baseAddress: number;
}

export class ModbusMeter implements SignalSource<MeterSample> {
  readonly name: string;
  readonly config: ModbusMeterConfig;
  private readonly clock: Clock;
  private readonly transport: MeterTransport;
  private readonly unitId: number;
  private readonly sampleCell: SignalCell<MeterSample>;
  private readonly cells: Readonly<Record<MeterQuantity, SignalCell<number>>>;
  private sunspec: { generation: number; ctx: SunSpecMeterContext; identity: MeterIdentity } | undefined;
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(config: ModbusMeterConfig, deps: { clock: Clock; transport?: MeterTransport }) {
    if (config.protocol.kind === "register-map") validateRegisterMap(config.protocol.map, config.name);
    this.name = config.name;
    this.config = config;
    this.clock = deps.clock;
    this.unitId = config.unitId ?? METER_DEFAULTS.unitId;
    this.transport =
      deps.transport ??
      new ModbusClient({
        endpoint: config.endpoint,
        clock: deps.clock,
        timeoutMs: config.timeoutMs ?? METER_DEFAULTS.timeoutMs,
        ...(config.backoff === undefined ? {} : { backoff: config.backoff }),
      });
    const maxAgeMs = config.maxAgeMs ?? METER_DEFAULTS.maxAgeMs;
    const link = () =>
      this.stopped ? { ...this.transport.link(), state: "stopped" as const } : this.transport.link();
    this.sampleCell = new SignalCell<MeterSample>(config.name, maxAgeMs, link);
    const cells = {} as Record<MeterQuantity, SignalCell<number>>;
    for (const q of METER_QUANTITIES)
      cells[q] = new SignalCell<number>(`${config.name}.${q}`, maxAgeMs, link);
    this.cells = cells;
  }

  /** Manufacturer, model and serial from the SunSpec common model, once discovered. */
  identity(): MeterIdentity | undefined {
    return this.sunspec?.identity;
  }

  /** One quantity on its own, e.g. `reader("frequencyHz")` as a frequency source. */
  reader(quantity: MeterQuantity): SignalReader<number> {
    return this.cells[quantity];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.transport.reopen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    await this.transport.close();
  }

  /** One poll; resolves when its outcome is recorded. Never rejects. Concurrent calls share the poll in flight. */
  pollOnce(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  lastValue(): TimedValue<MeterSample> | undefined {
    return this.sampleCell.lastValue();
  }
  ageMs(nowMs: number): number | undefined {
    return this.sampleCell.ageMs(nowMs);
  }
  isStale(nowMs: number): boolean {
    return this.sampleCell.isStale(nowMs);
  }
  lastError(): string | undefined {
    return this.sampleCell.lastError();
  }
  reading(): Reading<MeterSample> | undefined {
    return this.sampleCell.reading();
  }
  status(nowMs: number): SignalStatus {
    return this.sampleCell.status(nowMs);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      const startedMs = performance.now();
      void this.pollOnce().then(() => {
        const elapsedMs = performance.now() - startedMs;
        this.schedule(Math.max(0, (this.config.pollIntervalMs ?? METER_DEFAULTS.pollIntervalMs) - elapsedMs));
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let decoded: DecodedMeter;
    try {
      decoded = await this.readDevice();
    } catch (e) {
      const atMs = this.clock.nowMs();
      const message = e instanceof Error ? e.message : `${this.name}: ${String(e)}`;
      this.sampleCell.reject(message, atMs);
      for (const q of METER_QUANTITIES) this.cells[q].reject(message, atMs);
      return;
    }
    const atMs = this.clock.nowMs();
    const sign = this.config.powerSign ?? "import-positive";
    const sample = toImportPositive(decoded.sample, sign);
    this.sampleCell.accept(sample, atMs);
    for (const q of METER_QUANTITIES) {
      const value = sample[q];
      const problem = decoded.problems[sign === "import-positive" ? q : swapEnergy(q)];
      if (value !== undefined) this.cells[q].accept(value, atMs);
      else if (problem !== undefined) this.cells[q].reject(problem.message, atMs);
      else
        this.cells[q].reject(
          `${this.transport.label} unit ${this.unitId}: ${q} is not provided by this meter`,
          atMs,
        );
    }
  }

  private async readDevice(): Promise<DecodedMeter> {
    const protocol = this.config.protocol;
    if (protocol.kind === "register-map") return readRegisterMap(this.transport, protocol.map, this.unitId);
    const meter = await this.discovered(protocol.baseAddresses);
    try {
      return await readSunSpecMeter(this.readHolding, meter.ctx);
    } catch (e) {
      // A device that now refuses the model's registers may have been reconfigured: discover again next time.
      if (e instanceof DriverError && e.kind === "rejected") this.sunspec = undefined;
      throw e;
    }
  }

  private readonly readHolding = (address: number, count: number): Promise<number[]> =>
    this.transport.read({ unitId: this.unitId, functionCode: 3, address, count });

  private async discovered(
    baseAddresses: readonly number[] | undefined,
  ): Promise<NonNullable<ModbusMeter["sunspec"]>> {
    const known = this.sunspec;
    if (known !== undefined && known.generation === this.transport.connectionGeneration) return known;
    const host = `${this.transport.label} unit ${this.unitId}`;
    const layout =
      baseAddresses === undefined
        ? await discoverSunSpec(this.readHolding, host)
        : await discoverSunSpec(this.readHolding, host, baseAddresses);
    const common = await readCommonModel(this.readHolding, layout, host);
    const model = findMeterModel(layout, host);
    const found = {
      generation: this.transport.connectionGeneration,
      ctx: { host: this.transport.label, unitId: this.unitId, model },
      identity: { ...common, sunspecModelId: model.id, baseAddress: layout.baseAddress },
    };
    this.sunspec = found;
    return found;
  }
}

function swapEnergy(q: MeterQuantity): MeterQuantity {
  if (q === "energyImportWh") return "energyExportWh";
  if (q === "energyExportWh") return "energyImportWh";
  return q;
}
