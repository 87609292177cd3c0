// Errors in data files point at the exact cell so that a broken download can be fixed by hand.

/** A line of a data file that cannot be read. Line and column are 1-based; column 0 means the whole line. */
export class DataFormatError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Header of the column when known, e.g. "エリアプライス九州(円/kWh)" or "timestamp". */
  readonly columnName: string | undefined;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(file: string, line: number, column: number, detail: string, columnName?: string) {
    const where = columnName === undefined ? `column ${column}` : `column ${column} (${columnName})`;
    super(`${file}: line ${line}, ${where}: ${detail}`);
    this.name = "DataFormatError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.columnName = columnName;
    this.detail = detail;
  }
}

export function isDataFormatError(e: unknown): e is DataFormatError {
  return e instanceof DataFormatError;
}

/**
 * What to do with a malformed line: "fail" throws the first error (for data the controller acts on);
 * "skip" drops the line, keeps the error and goes on (for surveying a whole archive in one pass).
 */
export type ErrorPolicy = "fail" | "skip";

/** Applies an ErrorPolicy while a file is read. */
export class ErrorSink {
  readonly policy: ErrorPolicy;
  readonly errors: DataFormatError[] = [];

  constructor(policy: ErrorPolicy) {
    this.policy = policy;
  }

  report(error: DataFormatError): void {
    if (this.policy === "fail") throw error;
    this.errors.push(error);
  }
}
