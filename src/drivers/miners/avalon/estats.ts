import { DriverError } from "../../../domain/errors.js";
import type { CgminerReply } from "../../protocols/cgminer/framing.js";
import { type Entry, fieldNumber, sectionEntries } from "../../protocols/cgminer/sections.js";

// Avalon firmware packs its telemetry into one string of `Key[value]` items inside the `stats`/`estats` reply:
//   classic  STATS[0]["MM ID0"]          = "Ver[15-194-…] … SYSTEMSTATU[Work: In Work, Hash Board: 3 ] … WORKMODE[1]"
//   summary  STATS[0]["MM ID0:Summary"]  = "'STATS':{Ver[Q-…] … Nonce Mask[25]}"      (Avalon Q, A1566HA, fw 2505+)
//            STATS[0]["HBinfo"]          = "'HB0':{PVT_T0[…] PVT_V0[…] MW0[…]}"      (per-chip arrays, one block per board)
// `litestats` returns only the summary block. Keys are matched whole (a `Temp[` search would also hit `ITemp[`),
// and a key may contain a space (`Nonce Mask`).

export const CLASSIC_KEY = "MM ID0";
export const SUMMARY_KEY = "MM ID0:Summary";
export const HBINFO_KEY = "HBinfo";

const WRAPPED_BLOCK_RE = /'([^']+)':\{([^}]*)\}/g;

/** Values of one bracket string, with readers that fail loudly, naming the field, on an unexpected shape. */
export class BracketFields {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    /** Host, for messages. */
    readonly host: string,
  ) {}

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  text(key: string): string | undefined {
    return this.values.get(key);
  }

  /** Whitespace-separated numbers; a trailing `%` is dropped (`DH[1.299%]`, `FanR[49%]`). */
  numbers(key: string): number[] | undefined {
    const raw = this.values.get(key);
    if (raw === undefined) return undefined;
    return raw
      .split(/\s+/)
      .filter((t) => t !== "")
      .map((token) => {
        const n = Number(token.endsWith("%") ? token.slice(0, -1) : token);
        if (!Number.isFinite(n) || token === "%")
          throw this.unsupported(key, `is not numeric: ${key}[${raw}]`);
        return n;
      });
  }

  /** A field that must hold exactly one number. */
  number(key: string): number | undefined {
    const list = this.numbers(key);
    if (list === undefined) return undefined;
    if (list.length !== 1)
      throw this.unsupported(key, `should hold one value: ${key}[${this.values.get(key)}]`);
    return list[0];
  }

  unsupported(key: string, why: string): DriverError {
    return new DriverError("unsupported", `${this.host}: Avalon stats field ${why}`, {
      host: this.host,
      field: key,
    });
  }
}

/** Splits `Key[value] Key 2[value] …` into a map. Text outside brackets after the last item is ignored. */
export function parseBracketString(text: string, host: string): BracketFields {
  const values = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("[", i);
    if (open < 0) break;
    const key = text.slice(i, open).trim();
    const close = text.indexOf("]", open + 1);
    if (close < 0) {
      throw new DriverError(
        "unsupported",
        `${host}: Avalon stats field ${key || "?"} has no closing bracket`,
        {
          host,
          field: key,
        },
      );
    }
    if (key !== "") values.set(key, text.slice(open + 1, close));
    i = close + 1;
  }
  return new BracketFields(values, host);
}

export interface AvalonStats {
  format: "classic" | "summary";
  fields: BracketFields;
  /** Per-board blocks from HBinfo (index = HB<n>); empty for the classic shape and for litestats. */
  boards: BracketFields[];
  /** `Elapsed` of the STATS entry itself, a fallback for uptime. */
  entryElapsedS?: number;
}

/**
 * Reads the Avalon block out of a `stats`, `estats` or `litestats` reply. A reply with no such block, or with an
 * empty one (the Avalon Q sometimes answers `stats` with an empty summary), is "unsupported" naming the field.
 */
export function parseStatsReply(reply: CgminerReply, host: string): AvalonStats {
  const entries = sectionEntries(reply, "STATS");
  if (entries === undefined || entries.length === 0) {
    throw new DriverError("unsupported", `${host}: stats reply has no STATS section`, {
      host,
      field: "STATS",
    });
  }
  const entry = entries.find((e) => CLASSIC_KEY in e || SUMMARY_KEY in e);
  if (entry === undefined) {
    throw new DriverError("unsupported", `${host}: STATS has neither "${CLASSIC_KEY}" nor "${SUMMARY_KEY}"`, {
      host,
      field: CLASSIC_KEY,
    });
  }
  const format = SUMMARY_KEY in entry ? "summary" : "classic";
  const key = format === "summary" ? SUMMARY_KEY : CLASSIC_KEY;
  const raw = stringField(entry, key, host);
  if (raw.trim() === "")
    throw new DriverError("unsupported", `${host}: "${key}" is empty`, { host, field: key });
  const body =
    format === "summary"
      ? unwrapBlocks(raw, key, host)
          .map((b) => b.body)
          .join(" ")
      : raw;
  const fields = parseBracketString(body, host);
  if (fields.keys().length === 0) {
    throw new DriverError("unsupported", `${host}: "${key}" is empty`, { host, field: key });
  }
  const stats: AvalonStats = { format, fields, boards: readBoards(entry, host) };
  const elapsed = fieldNumber(entry, "Elapsed", host);
  if (elapsed !== undefined) stats.entryElapsedS = elapsed;
  return stats;
}

function readBoards(entry: Entry, host: string): BracketFields[] {
  if (!(HBINFO_KEY in entry)) return [];
  const boards: BracketFields[] = [];
  for (const block of unwrapBlocks(stringField(entry, HBINFO_KEY, host), HBINFO_KEY, host)) {
    const index = /^HB(\d+)$/.exec(block.name)?.[1];
    if (index === undefined) {
      throw new DriverError("unsupported", `${host}: HBinfo block '${block.name}' is not HB<n>`, {
        host,
        field: HBINFO_KEY,
      });
    }
    boards[Number(index)] = parseBracketString(block.body, host);
  }
  return boards;
}

function unwrapBlocks(raw: string, key: string, host: string): Array<{ name: string; body: string }> {
  const blocks = [...raw.matchAll(WRAPPED_BLOCK_RE)].map((m) => ({ name: m[1] ?? "", body: m[2] ?? "" }));
  if (blocks.length === 0) {
    throw new DriverError("unsupported", `${host}: "${key}" is not in the 'NAME':{…} form`, {
      host,
      field: key,
    });
  }
  return blocks;
}

function stringField(entry: Entry, key: string, host: string): string {
  const value = entry[key];
  if (typeof value !== "string") {
    throw new DriverError(
      "unsupported",
      `${host}: "${key}" is ${typeof value}, expected the bracket string`,
      {
        host,
        field: key,
      },
    );
  }
  return value;
}
