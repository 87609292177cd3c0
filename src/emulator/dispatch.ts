import { ascset } from "./replies/ascset.js";
import type { CommandHandler, CommandOutput, EmulatorQuirks, ReplyContext } from "./replies/context.js";
import { coin, config, devdetails } from "./replies/misc.js";
import { devs, pools, summary, version } from "./replies/reports.js";
import { estats, litestats, stats } from "./replies/stats.js";
import type { VirtualUnit } from "./unit.js";
import { ApiRecord } from "./wire/record.js";
import { buildReply, CODE, messageReply } from "./wire/reply.js";
import { parseRequest } from "./wire/request.js";

// Routing as in Canaan's api.c: exact command names, `+` joins report commands into one reply whose sections are
// named after the commands, and write commands (ascset, check) are refused inside a join.

interface CommandEntry {
  handler: CommandHandler;
  joinable: boolean;
}

const check: CommandHandler = ({ json, whenS, parameter }) => {
  if (parameter === null || parameter === "") {
    return messageReply(json, whenS, { severity: "E", code: CODE.MISSING_CHECK, msg: "Missing check cmd" });
  }
  // Canaan's fork disabled access groups, so every existing command is also accessible.
  const exists = Object.hasOwn(COMMANDS, parameter);
  const r = new ApiRecord(json).str("Exists", exists ? "Y" : "N").str("Access", exists ? "Y" : "N");
  return buildReply(
    json,
    whenS,
    { severity: "S", code: CODE.CHECK, msg: "Check command" },
    { name: "CHECK", textHeader: true, records: [r] },
  );
};

const COMMANDS: Record<string, CommandEntry> = {
  version: { handler: version, joinable: true },
  config: { handler: config, joinable: true },
  devs: { handler: devs, joinable: true },
  pools: { handler: pools, joinable: true },
  summary: { handler: summary, joinable: true },
  devdetails: { handler: devdetails, joinable: true },
  stats: { handler: stats, joinable: true },
  estats: { handler: estats, joinable: true },
  litestats: { handler: litestats, joinable: true },
  check: { handler: check, joinable: false },
  coin: { handler: coin, joinable: true },
  ascset: { handler: ascset, joinable: false },
};

export const EMULATED_COMMANDS: readonly string[] = Object.keys(COMMANDS);

function invalidCommand(json: boolean, whenS: number): string {
  return messageReply(json, whenS, { severity: "E", code: CODE.INVALID_COMMAND, msg: "Invalid command" });
}

function joined(ctx: Omit<ReplyContext, "parameter">, commandList: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const name of commandList.split("+")) {
    if (name === "" || seen.has(name)) continue;
    seen.add(name);
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    let body: string;
    if (entry === undefined) body = invalidCommand(ctx.json, ctx.whenS);
    else if (!entry.joinable) {
      body = messageReply(ctx.json, ctx.whenS, {
        severity: "E",
        code: CODE.ACCESS_DENIED,
        msg: `Access denied to '${name}' command`,
      });
    } else body = entry.handler({ ...ctx, parameter: null }) ?? "";
    parts.push(ctx.json ? `"${name}":[${body}]` : `CMD=${name}|${body}`);
  }
  // With nothing joined, api.c still appends its JSON tail: the stray `,"id":1}` some clients have to tolerate.
  if (ctx.json) return parts.length > 0 ? `{${parts.join(",")},"id":1}` : ',"id":1}';
  return parts.join("");
}

/** The unit's answer to one request (the first bytes read from a connection), without the NUL terminator. */
export function respond(unit: VirtualUnit, request: Buffer, quirks: EmulatorQuirks): CommandOutput {
  const whenS = unit.nowS();
  const parsed = parseRequest(request);
  if (!parsed.ok) {
    const msg =
      parsed.code === CODE.INVALID_JSON
        ? "Invalid JSON"
        : parsed.code === CODE.MISSING_COMMAND
          ? "Missing JSON 'command'"
          : "Invalid command";
    return messageReply(true, whenS, { severity: "E", code: parsed.code, msg });
  }
  const { json, command, parameter } = parsed;
  if (command.includes("+")) return joined({ unit, json, whenS, quirks }, command);
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (entry === undefined) return invalidCommand(json, whenS);
  return entry.handler({ unit, json, whenS, parameter, quirks });
}
