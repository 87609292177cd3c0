// One Modbus TCP connection (modbus-serial underneath). Every failure becomes a DriverError whose kind tells the
// caller whether the connection is still usable: "rejected" (an exception reply) leaves it open, every other kind
// means it is gone or cannot be trusted and has been closed.
import type { EventEmitter } from "node:events";
import ModbusSerial from "modbus-serial";
import { DriverError, type DriverErrorKind } from "../../../domain/errors.js";

type ModbusRtu = InstanceType<typeof ModbusSerial.default>;

// modbus-serial's typings omit that its client is an EventEmitter.
const emitterOf = (rtu: ModbusRtu): EventEmitter => rtu as unknown as EventEmitter;

export interface ModbusEndpoint {
  readonly host: string;
  readonly port: number;
}

export const MODBUS_TCP_PORT = 502;

/** 3 = read holding registers, 4 = read input registers. */
export type ReadFunctionCode = 3 | 4;

export interface ReadRequest {
  readonly unitId: number;
  readonly functionCode: ReadFunctionCode;
  readonly address: number;
  /** 1..125: the protocol's limit for one read. */
  readonly count: number;
}

export const MAX_REGISTERS_PER_READ = 125;

export function modbusEndpointLabel(e: ModbusEndpoint): string {
  return e.host.includes(":") ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}

export function describeRead(r: ReadRequest): string {
  const table = r.functionCode === 3 ? "holding" : "input";
  const span = r.count === 1 ? `${r.address}` : `${r.address}..${r.address + r.count - 1}`;
  return `unit ${r.unitId} ${table} register ${span}`;
}

const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: "illegal function",
  2: "illegal data address",
  3: "illegal data value",
  4: "server device failure",
  5: "acknowledge",
  6: "server device busy",
  10: "gateway path unavailable",
  11: "gateway target device failed to respond",
};

export function validateReadRequest(r: ReadRequest, host: string): void {
  const problems: string[] = [];
  if (!Number.isInteger(r.unitId) || r.unitId < 0 || r.unitId > 255) problems.push(`unit id ${r.unitId}`);
  if (r.functionCode !== 3 && r.functionCode !== 4) problems.push(`function code ${String(r.functionCode)}`);
  if (!Number.isInteger(r.count) || r.count < 1 || r.count > MAX_REGISTERS_PER_READ)
    problems.push(`count ${r.count}`);
  if (!Number.isInteger(r.address) || r.address < 0 || r.address + r.count > 0x10000) {
    problems.push(`address ${r.address}`);
  }
  if (problems.length > 0) {
    throw new DriverError("invalid-argument", `${host}: cannot read: invalid ${problems.join(", ")}`, {
      host,
    });
  }
}

function errorCode(e: unknown): string {
  if (typeof e !== "object" || e === null) return "";
  const code = (e as { code?: unknown; errno?: unknown }).code ?? (e as { errno?: unknown }).errno;
  return typeof code === "string" ? code : "";
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") {
    return (e as { message: string }).message;
  }
  return String(e);
}

export class ModbusTcpConnection {
  readonly endpoint: ModbusEndpoint;
  readonly label: string;
  private readonly rtu: ModbusRtu;
  private open = true;
  private pendingReject: ((e: DriverError) => void) | undefined;
  private readonly closeListeners: Array<(reason: string) => void> = [];

  private constructor(endpoint: ModbusEndpoint, rtu: ModbusRtu) {
    this.endpoint = endpoint;
    this.label = modbusEndpointLabel(endpoint);
    this.rtu = rtu;
    // Without an "error" listener an EventEmitter throws, which would crash the process from a socket callback.
    rtu.on("error", (e) => this.lost(`socket error (${errorMessage(e)})`));
    rtu.on("close", () => this.lost("connection closed by the peer"));
  }

  /** Connects within timeoutMs. Rejects with an "unreachable" DriverError. */
  static async connect(endpoint: ModbusEndpoint, timeoutMs: number): Promise<ModbusTcpConnection> {
    const label = modbusEndpointLabel(endpoint);
    const rtu: ModbusRtu = new ModbusSerial.default();
    // Registered before connecting: a refused connection can emit "error" before connectTCP settles.
    const swallow = (): void => {};
    rtu.on("error", swallow);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        rtu.connectTCP(endpoint.host, { port: endpoint.port }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: "ETIMEDOUT" }),
              ),
            timeoutMs,
          );
        }),
      ]);
    } catch (e) {
      destroyQuietly(rtu);
      const code = errorCode(e);
      throw new DriverError("unreachable", `${label}: cannot connect (${code || errorMessage(e)})`, {
        host: label,
        cause: e,
      });
    } finally {
      clearTimeout(timer);
      emitterOf(rtu).removeListener("error", swallow);
    }
    return new ModbusTcpConnection(endpoint, rtu);
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Called once when the connection goes away, whatever the reason (peer, error, timeout, close()). */
  onClose(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * Reads `count` registers. MUST NOT be called while another read on this connection is pending (ModbusClient
   * serialises). A timeout closes the connection: a late reply could otherwise be taken for the next request's.
   */
  read(request: ReadRequest, timeoutMs: number): Promise<number[]> {
    try {
      validateReadRequest(request, this.label);
    } catch (e) {
      return Promise.reject(e);
    }
    const what = describeRead(request);
    if (!this.open) {
      return Promise.reject(
        new DriverError("reset", `${this.label}: ${what}: connection is closed`, {
          host: this.label,
          field: what,
        }),
      );
    }
    return new Promise<number[]>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingReject = undefined;
        fn();
      };
      const fail = (kind: DriverErrorKind, why: string, cause?: unknown): void =>
        settle(() =>
          reject(
            new DriverError(kind, `${this.label}: ${what}: ${why}`, {
              host: this.label,
              field: what,
              ...(cause === undefined ? {} : { cause }),
            }),
          ),
        );
      const timer = setTimeout(() => {
        fail("timeout", `no reply within ${timeoutMs} ms`);
        this.close("read timed out");
      }, timeoutMs);
      this.pendingReject = (e) => settle(() => reject(e));

      this.rtu.setID(request.unitId);
      // modbus-serial's own timer is a backstop only: ours fires first and closes the connection.
      this.rtu.setTimeout(timeoutMs + 1000);
      const call =
        request.functionCode === 3
          ? this.rtu.readHoldingRegisters(request.address, request.count)
          : this.rtu.readInputRegisters(request.address, request.count);
      call.then(
        (result) => {
          const data = result.data;
          if (data.length !== request.count) {
            fail("malformed", `reply holds ${data.length} registers, asked for ${request.count}`);
            this.close("malformed reply");
            return;
          }
          settle(() => resolve(data));
        },
        (e: unknown) => {
          const modbusCode = (e as { modbusCode?: unknown }).modbusCode;
          if (typeof modbusCode === "number") {
            const name = EXCEPTION_NAMES[modbusCode] ?? "unknown exception";
            fail("rejected", `Modbus exception ${modbusCode} (${name})`, e);
            return;
          }
          const code = errorCode(e);
          const message = errorMessage(e) || code;
          // modbus-serial reports frames it cannot parse as "CRC error" or "Data length error".
          const kind: DriverErrorKind =
            code === "ETIMEDOUT" ? "timeout" : /crc|length/i.test(message) ? "malformed" : "reset";
          fail(kind, message, e);
          this.close(`read failed (${message})`);
        },
      );
    });
  }

  /** Closes at once; a pending read fails with "reset". Safe to call more than once. */
  close(reason = "closed by the client"): void {
    this.lost(reason);
  }

  private lost(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.pendingReject?.(
      new DriverError("reset", `${this.label}: connection lost (${reason})`, { host: this.label }),
    );
    destroyQuietly(this.rtu);
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}

function destroyQuietly(rtu: ModbusRtu): void {
  try {
    rtu.destroy(() => {});
  } catch {
    // Already torn down: nothing left to release.
  }
  // modbus-serial removes its listeners on destroy; keep one so a late socket error cannot become an uncaught throw.
  if (emitterOf(rtu).listenerCount("error") === 0) rtu.on("error", () => {});
}
