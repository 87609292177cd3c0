// A data file that cannot be read or does not say what its format promises. The message starts with
// file:line:column, the form editors and terminals turn into a link.
export type DataFileErrorKind =
  | "io" // the file is missing, unreadable, or not valid gzip
  | "format" // header, quoting or column count is not what the format needs
  | "value" // a cell is present but not a valid value (not a number, out of range, bad date)
  | "order"; // dates are not strictly increasing

export class DataFileError extends Error {
  readonly kind: DataFileErrorKind;
  readonly file: string;
  /** 1-based line number, when the error is about a line. */
  readonly line: number | undefined;
  /** 1-based character column where the offending cell starts. */
  readonly column: number | undefined;
  /** Header name of the offending column. */
  readonly field: string | undefined;
  readonly detail: string;

  constructor(
    kind: DataFileErrorKind,
    detail: string,
    at: { file: string; line?: number; column?: number; field?: string; cause?: unknown },
  ) {
    const where = [at.file, at.line, at.line === undefined ? undefined : at.column]
      .filter((p) => p !== undefined)
      .join(":");
    super(
      `${where}: ${at.field === undefined ? "" : `${at.field}: `}${detail}`,
      at.cause === undefined ? undefined : { cause: at.cause },
    );
    this.name = "DataFileError";
    this.kind = kind;
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
    this.field = at.field;
    this.detail = detail;
  }
}

export function isDataFileError(e: unknown): e is DataFileError {
  return e instanceof DataFileError;
}
