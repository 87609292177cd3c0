import { DriverError } from "../../../domain/errors.js";
import type { CgminerReply } from "./framing.js";

/** cgminer status letters: S success, I info, W warning, E error, F fatal. */
export type StatusSeverity = "S" | "I" | "W" | "E" | "F";

export interface ReplyStatus {
  severity: StatusSeverity;
  code: number;
  message: string;
  /** `When` as sent: epoch seconds on most firmware, but uptime-like on the A1566 sample; never trust as a clock. */
  when?: number;
  description?: string;
}

// cgminer api.c message codes for `ascset`: the handler wrote text (118), wrote nothing (119) or returned an error (120).
export const CODE_ASCSET_INFO = 118;
export const CODE_ASCSET_OK = 119;
export const CODE_ASCSET_ERROR = 120;

const SEVERITIES: ReadonlySet<string> = new Set(["S", "I", "W", "E", "F"]);

/** Reads the STATUS section; a reply without one is not a cgminer reply this code understands. */
export function replyStatus(reply: CgminerReply, host: string, command?: string): ReplyStatus {
  const raw = reply.STATUS;
  // Whatsminer's btminer puts the status fields at top level with STATUS as a plain letter.
  const entry: unknown = Array.isArray(raw) ? raw[0] : typeof raw === "string" ? reply : undefined;
  if (typeof entry !== "object" || entry === null) {
    throw new DriverError("unsupported", `${host}: ${label(command)} has no STATUS section`, {
      host,
      field: "STATUS",
    });
  }
  const e = entry as Record<string, unknown>;
  const severity = String(e.STATUS ?? "");
  if (!SEVERITIES.has(severity)) {
    throw new DriverError(
      "unsupported",
      `${host}: ${label(command)} has STATUS ${JSON.stringify(e.STATUS)}`,
      {
        host,
        field: "STATUS",
      },
    );
  }
  const code = Number(e.Code);
  const when = Number(e.When);
  const status: ReplyStatus = {
    severity: severity as StatusSeverity,
    code: Number.isFinite(code) ? code : -1,
    message: typeof e.Msg === "string" ? e.Msg : JSON.stringify(e.Msg ?? ""),
  };
  if (Number.isFinite(when)) status.when = when;
  if (typeof e.Description === "string") status.description = e.Description;
  return status;
}

/** Throws "rejected" with the firmware's message when the reply reports an error; returns the status otherwise. */
export function expectSuccess(reply: CgminerReply, host: string, command?: string): ReplyStatus {
  const status = replyStatus(reply, host, command);
  if (status.severity === "E" || status.severity === "F") {
    throw new DriverError(
      "rejected",
      `${host}: ${label(command)} refused: ${status.message} (code ${status.code})`,
      {
        host,
        field: "STATUS",
      },
    );
  }
  return status;
}

export type WriteVerdict =
  | { kind: "acknowledged"; status: ReplyStatus }
  | { kind: "rejected"; status: ReplyStatus }
  /** A reply came back but says neither "done" nor "refused": the effect has to be read back. */
  | { kind: "unclear"; status: ReplyStatus };

/**
 * Verdict on an `ascset` reply. 119 "set OK" and 118 "set info: success …" are acknowledgements; 120 / "E" is a
 * refusal (e.g. "current mode 1 is caling Don't permit switch mode"). Other 118 texts (A10 `WORKMODE[1]`) and
 * unexpected codes are left to the read-back: reply wording differs between firmware generations.
 */
export function interpretWriteReply(reply: CgminerReply, host: string, command?: string): WriteVerdict {
  const status = replyStatus(reply, host, command);
  if (status.severity === "E" || status.severity === "F" || status.code === CODE_ASCSET_ERROR) {
    return { kind: "rejected", status };
  }
  if (status.code === CODE_ASCSET_OK) return { kind: "acknowledged", status };
  if (status.code === CODE_ASCSET_INFO && /success/i.test(status.message))
    return { kind: "acknowledged", status };
  return { kind: "unclear", status };
}

function label(command: string | undefined): string {
  return command === undefined ? "reply" : `reply to ${command}`;
}
