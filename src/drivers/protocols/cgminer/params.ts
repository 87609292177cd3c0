import { DriverError } from "../../../domain/errors.js";

// cgminer splits text requests at `|`, joins report commands with `+` and the Avalon handlers split arguments at `,`;
// any of these inside a caller value would change which command runs. Canaan firmware does no access control,
// so this check is the only thing between a caller value and e.g. `ascset|0,reboot`.
const COMMAND_RE = /^[a-z][a-z0-9_-]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_IN_PART_RE = /[|,+\u0000-\u001f\u007f]/;

export type ParamPart = string | number;

export function validateCommand(command: string, host?: string): string {
  if (!COMMAND_RE.test(command)) {
    throw new DriverError(
      "invalid-argument",
      `command ${JSON.stringify(command)} is not a cgminer command name`,
      {
        ...(host === undefined ? {} : { host }),
        field: "command",
      },
    );
  }
  return command;
}

/** Validates each part and joins them with `,`, the separator every Avalon `ascset` handler expects. */
export function joinParams(parts: readonly ParamPart[], host?: string): string {
  return parts.map((part, i) => validatePart(part, i, host)).join(",");
}

function validatePart(part: ParamPart, index: number, host: string | undefined): string {
  const field = `parameter[${index}]`;
  const fail = (why: string): never => {
    throw new DriverError("invalid-argument", `${field} ${JSON.stringify(String(part))} ${why}`, {
      ...(host === undefined ? {} : { host }),
      field,
    });
  };
  if (typeof part === "number") {
    if (!Number.isFinite(part)) fail("is not a finite number");
    return String(part);
  }
  if (part.length === 0) fail("is empty");
  if (FORBIDDEN_IN_PART_RE.test(part)) fail("contains a separator (| , +) or a control character");
  return part;
}
