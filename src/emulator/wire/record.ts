// Builds one cgminer API record the way Canaan's api.c print_data() does: JSON `{"Name":value,...}` or text
// `Name=value,...|`. Number formats follow its printf conversions; strings are escaped only where api.c escapes.

/** C's `%.Nf` for the values this emulator prints (finite, well inside double precision). */
export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "0";
}

/** C's `%d` of a truncated number. */
export function int(value: number): string {
  return Number.isFinite(value) ? String(Math.trunc(value)) : "0";
}

function escapeJson(s: string): string {
  return s.includes('"') || s.includes("\\") ? s.replace(/["\\]/g, "\\$&") : s;
}

function escapeText(s: string): string {
  return /[,|=\\]/.test(s) ? s.replace(/[,|=\\]/g, "\\$&") : s;
}

export class ApiRecord {
  private body = "";

  constructor(readonly json: boolean) {}

  private add(name: string, valueText: string): this {
    const sep = this.body === "" ? "" : ",";
    this.body += this.json ? `${sep}"${name}":${valueText}` : `${sep}${name}=${valueText}`;
    return this;
  }

  /** api_add_string/const: printed verbatim, quoted in JSON. */
  str(name: string, value: string): this {
    return this.add(name, this.json ? `"${value}"` : value);
  }

  /** api_add_escape: `"` and `\` escaped in JSON; `,` `|` `=` `\` escaped in text. */
  esc(name: string, value: string): this {
    return this.add(name, this.json ? `"${escapeJson(value)}"` : escapeText(value));
  }

  int(name: string, value: number): this {
    return this.add(name, int(value));
  }

  /** A number printed with a fixed count of decimals (%.2f MHS, %.8f difficulty, %.4f percent, …). */
  fixed(name: string, value: number, digits: number): this {
    return this.add(name, fixed(value, digits));
  }

  bool(name: string, value: boolean): this {
    return this.add(name, value ? "true" : "false");
  }

  /** struct timeval printed as `%ld.%06ld`. */
  timeval(name: string, seconds: number, micros = 0): this {
    return this.add(name, `${Math.trunc(seconds)}.${String(Math.trunc(micros)).padStart(6, "0")}`);
  }

  toString(): string {
    return this.json ? `{${this.body}}` : `${this.body}|`;
  }
}
