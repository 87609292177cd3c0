// A small in-memory linear model: the planner builds one, the elastic variant copies and extends it, and
// lp-text.ts writes it as CPLEX LP text. Keeping rows as data (with their family and slot) is what lets the
// diagnosis name the constraint that failed.
import type { ConstraintFamily } from "./plan.js";

export interface LpTerm {
  readonly coef: number;
  readonly name: string;
}

export type LpSense = "<=" | ">=" | "=";

/** Rows that only define variables (power balance, state transitions) are never relaxed. */
export type RowFamily = ConstraintFamily | "definition";

export interface LpRow {
  readonly name: string;
  readonly terms: readonly LpTerm[];
  readonly sense: LpSense;
  readonly rhs: number;
  readonly family: RowFamily;
  readonly slotIndex: number;
  readonly groupIndex?: number;
  readonly commitmentIndex?: number;
}

export interface LpColumn {
  readonly name: string;
  readonly lower: number;
  /** Number.POSITIVE_INFINITY for no upper bound. */
  readonly upper: number;
  readonly integer: boolean;
  /** Objective coefficient. */
  readonly cost: number;
}

export interface LpModel {
  readonly sense: "maximize" | "minimize";
  readonly columns: readonly LpColumn[];
  readonly rows: readonly LpRow[];
}

/** Collects columns and rows; rejects duplicate names, which the LP text would silently merge. */
export class LpModelBuilder {
  readonly #columns: LpColumn[] = [];
  readonly #rows: LpRow[] = [];
  readonly #names = new Set<string>();

  constructor(readonly sense: "maximize" | "minimize") {}

  column(c: LpColumn): string {
    this.#claim(c.name);
    this.#columns.push(c);
    return c.name;
  }

  row(r: LpRow): void {
    this.#claim(r.name);
    if (r.terms.length === 0) throw new Error(`row ${r.name} has no terms`);
    this.#rows.push(r);
  }

  build(): LpModel {
    return { sense: this.sense, columns: [...this.#columns], rows: [...this.#rows] };
  }

  #claim(name: string): void {
    if (this.#names.has(name)) throw new Error(`duplicate LP name ${name}`);
    this.#names.add(name);
  }
}
