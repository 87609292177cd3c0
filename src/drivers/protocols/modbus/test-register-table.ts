// Test scaffolding: an in-memory register image that behaves like a device (an address outside the image gets
// exception 2), loaded from the same fixtures/modbus/*.json the pymodbus peer serves in integration tests.
import { readFileSync } from "node:fs";
import { DriverError } from "../../../domain/errors.js";
import type { RegisterSource } from "./client.js";
import { describeRead, type ReadRequest } from "./connection.js";

export interface RegisterImageBlock {
  readonly address: number;
  readonly values: readonly number[];
  readonly note?: string;
}

/** The JSON layout of fixtures/modbus/*.json, shared with the pymodbus peer used in integration tests. */
export interface RegisterImage {
  readonly description?: string;
  readonly units: Readonly<
    Record<
      string,
      { readonly holding?: readonly RegisterImageBlock[]; readonly input?: readonly RegisterImageBlock[] }
    >
  >;
}

export function loadRegisterImage(path: string): RegisterImage {
  return JSON.parse(readFileSync(path, "utf8")) as RegisterImage;
}

export class RegisterTable implements RegisterSource {
  readonly label: string;
  /** Every request, in order, for tests that check what was read. */
  readonly requests: ReadRequest[] = [];
  private readonly tables = new Map<string, Map<number, number>>();

  constructor(image: RegisterImage, label = "table") {
    this.label = label;
    for (const [unit, t] of Object.entries(image.units)) {
      for (const [fc, blocks] of [
        [3, t.holding ?? []],
        [4, t.input ?? []],
      ] as const) {
        const table = new Map<number, number>();
        for (const b of blocks) {
          for (const [i, v] of b.values.entries()) table.set(b.address + i, v);
        }
        this.tables.set(`${unit}/${fc}`, table);
      }
    }
  }

  /** Overwrites registers of one unit's holding (3) or input (4) table. */
  set(unitId: number, functionCode: 3 | 4, address: number, values: readonly number[]): void {
    const key = `${unitId}/${functionCode}`;
    const table = this.tables.get(key) ?? new Map<number, number>();
    for (const [i, v] of values.entries()) table.set(address + i, v);
    this.tables.set(key, table);
  }

  read(request: ReadRequest): Promise<number[]> {
    this.requests.push(request);
    const table = this.tables.get(`${request.unitId}/${request.functionCode}`);
    const words: number[] = [];
    for (let a = request.address; a < request.address + request.count; a++) {
      const w = table?.get(a);
      if (w === undefined) {
        return Promise.reject(
          new DriverError(
            "rejected",
            `${this.label}: ${describeRead(request)}: Modbus exception 2 (illegal data address)`,
            {
              host: this.label,
            },
          ),
        );
      }
      words.push(w);
    }
    return Promise.resolve(words);
  }
}
