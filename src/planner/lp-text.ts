// CPLEX LP text for HiGHS. The reader's pitfalls shape this writer:
// - lines are kept ≤ 200 characters (continuation lines start with a space);
// - names start with a letter and use only [A-Za-z0-9_], so none reads as a number, an exponent or a keyword;
// - coefficient and name are always separated by a space ("2 e1" versus "2e1");
// - numbers are plain decimals, never "1e+20", NaN or Infinity: a non-finite value is a bug and throws;
// - an infinite upper bound is written by leaving the bound out, an infinite lower bound as "-inf";
// - every column appears in a row, so none is known only from the Bounds or Generals section;
// - HiGHS numbers columns in order of first appearance, so the objective lists every column (zero costs too):
//   column i of the solver is then model.columns[i], and starts and results map by index;
// - integer columns are listed in a "Generals" section (not "Integers"), after "Bounds".
import type { LpColumn, LpModel, LpRow, LpTerm } from "./lp-model.js";

export const LP_MAX_LINE_CHARS = 200;
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** A finite number as a plain decimal with at most 12 significant digits. */
export function formatLpNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`LP number must be finite, got ${x}`);
  if (Math.abs(x) >= 1e15) throw new RangeError(`LP number ${x} is beyond what HiGHS treats as finite`);
  // Fast path: most coefficients are small integers (±1, unit counts).
  if (Number.isInteger(x)) return Object.is(x, -0) ? "0" : String(x);
  const rounded = Number(x.toPrecision(12));
  if (Object.is(rounded, -0) || rounded === 0) return "0";
  const text = String(rounded);
  if (!text.includes("e")) return text;
  // Tiny magnitudes: toFixed keeps them out of exponent notation.
  return rounded.toFixed(20).replace(/0+$/, "");
}

export function assertLpName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw new Error(`invalid LP name "${name}"`);
}

export function writeLp(model: LpModel): string {
  const known = new Set<string>();
  for (const c of model.columns) {
    assertLpName(c.name);
    known.add(c.name);
  }
  const out: string[] = [model.sense === "maximize" ? "Maximize" : "Minimize"];
  const objective = model.columns.map((c): LpTerm => ({ coef: c.cost, name: c.name }));
  wrap(out, " obj:", terms(objective, known));
  out.push("Subject To");
  for (const row of model.rows) writeRow(out, row, known);
  out.push("Bounds");
  for (const c of model.columns) {
    const line = boundLine(c);
    if (line !== undefined) out.push(line);
  }
  const integers = model.columns.filter((c) => c.integer);
  if (integers.length > 0) {
    out.push("Generals");
    wrap(
      out,
      " ",
      integers.map((c) => c.name),
    );
  }
  out.push("End");
  return `${out.join("\n")}\n`;
}

function writeRow(out: string[], row: LpRow, known: ReadonlySet<string>): void {
  assertLpName(row.name);
  if (row.terms.length === 0) throw new Error(`row ${row.name} has no terms`);
  wrap(out, ` ${row.name}:`, [...terms(row.terms, known), `${row.sense} ${formatLpNumber(row.rhs)}`]);
}

/** Terms as "+ 2 x" tokens; a name that is no column would silently become a new free-standing variable. */
function terms(list: readonly LpTerm[], known: ReadonlySet<string>): string[] {
  return list.map((t, i) => {
    if (!known.has(t.name)) throw new Error(`term refers to unknown column ${t.name}`);
    const coef = formatLpNumber(t.coef);
    const negative = coef.startsWith("-");
    const magnitude = negative ? coef.slice(1) : coef;
    const sign = negative ? "-" : "+";
    // The first term may omit "+"; later ones must carry a sign.
    return i === 0 && !negative ? `${magnitude} ${t.name}` : `${sign} ${magnitude} ${t.name}`;
  });
}

function boundLine(c: LpColumn): string | undefined {
  if (Number.isNaN(c.lower) || Number.isNaN(c.upper) || c.lower > c.upper) {
    throw new RangeError(`column ${c.name} has bounds [${c.lower}, ${c.upper}]`);
  }
  if (c.upper === Number.NEGATIVE_INFINITY || c.lower === Number.POSITIVE_INFINITY) {
    throw new RangeError(`column ${c.name} has an empty domain`);
  }
  const lower = c.lower === Number.NEGATIVE_INFINITY ? "-inf" : formatLpNumber(c.lower);
  if (c.upper === Number.POSITIVE_INFINITY) {
    // LP's default bounds are [0, +inf): say nothing when they apply.
    return c.lower === 0 ? undefined : ` ${c.name} >= ${lower}`;
  }
  if (c.lower === c.upper) return ` ${c.name} = ${formatLpNumber(c.upper)}`;
  return ` ${lower} <= ${c.name} <= ${formatLpNumber(c.upper)}`;
}

/** Appends tokens after `head`, starting a continuation line (leading space) before any line would pass the limit. */
function wrap(out: string[], head: string, tokens: readonly string[]): void {
  let line = head;
  for (const token of tokens) {
    const candidate = line.trim().length === 0 ? `${line}${token}` : `${line} ${token}`;
    if (candidate.length <= LP_MAX_LINE_CHARS || line.trim().length === 0) {
      line = candidate;
    } else {
      out.push(line);
      line = `   ${token}`;
    }
  }
  if (line.length > LP_MAX_LINE_CHARS)
    throw new Error(`LP token longer than ${LP_MAX_LINE_CHARS} characters`);
  if (line.length > 0) out.push(line);
}
