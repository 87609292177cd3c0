import { FIRMWARE } from "../firmware.js";
import type { VirtualUnit } from "../unit.js";
import { CODE, messageReply, type StatusMessage } from "../wire/reply.js";
import type { CommandHandler, ReplyContext } from "./context.js";

// `ascset|<id>,<option>[,<setting>]` as Canaan's api.c ascset() and driver-avalon.c set handlers answer it:
// an error text → E/120 "ASC n set failed: …", an info text → I/118 "ASC n set info: …", nothing → S/119.
// softoff/softon handlers are not in the published source; their texts follow the Avalon Q's captured replies.

type Outcome = { error: string } | { info: string } | { ok: true } | { silent: true };

/** C's sscanf("%d") / atoi on a prefix: the leading integer, or null if there is none. */
function leadingInt(text: string): number | null {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m?.[1] === undefined ? null : Number.parseInt(m[1], 10);
}

function int8(n: number): number {
  return ((n & 0xff) << 24) >> 24;
}

/** sscanf(setting, "%[^,],%hhd[,%hhd]"): the word before the first comma, then up to two integers. */
function scanWordInts(setting: string): { word: string | null; ints: number[] } {
  const comma = setting.indexOf(",");
  const word = comma < 0 ? setting : setting.slice(0, comma);
  if (word === "") return { word: null, ints: [] };
  const ints: number[] = [];
  let rest = comma < 0 ? null : setting.slice(comma + 1);
  while (rest !== null && ints.length < 2) {
    const n = leadingInt(rest);
    if (n === null) break;
    ints.push(n);
    const next = rest.indexOf(",");
    rest = next < 0 ? null : rest.slice(next + 1);
  }
  return { word, ints };
}

function maxMode(unit: VirtualUnit): number {
  return Math.max(...unit.physics.spec.modes.map((m) => m.mode));
}

function schedule(unit: VirtualUnit, name: "softoff" | "softon", setting: string): Outcome {
  const m = /^\s*\d+:(\d+)\s*$/.exec(setting);
  if (!m?.[1]) return { error: `${name} unknown argument` };
  const atS = Number(m[1]);
  unit.update((s, p) =>
    name === "softoff" ? p.scheduleSoftOff(s, atS * 1000) : p.scheduleSoftOn(s, atS * 1000),
  );
  return { info: `success ${name}:${atS}` };
}

function workmode(unit: VirtualUnit, setting: string): Outcome {
  const { word, ints } = scanWordInts(setting);
  const s = unit.state();
  if (word === "get" && ints.length === 0) return { info: `workmode ${s.workMode}` };
  if (word !== "set" || ints.length < 1) return { error: "error:2 parameter error" };
  const mode = (ints[0] ?? 0) & 0xff;
  const unsupported = `error:1 not support set workmode max_mode[${maxMode(unit)}]`;
  if (mode > maxMode(unit)) return { error: unsupported };
  const result = unit.physics.setWorkMode(s, mode);
  if (result.ok) {
    unit.update(() => result.state);
    return { ok: true };
  }
  if (result.refused === "calibrating")
    return { error: `current mode ${s.workMode} is caling Don't permit switch mode` };
  return { error: unsupported };
}

function worklevel(unit: VirtualUnit, setting: string): Outcome {
  const { word, ints } = scanWordInts(setting);
  const s = unit.state();
  if (word === "get" && ints.length === 0) return { info: `worklevel ${s.workLevel}` };
  if (word !== "set" || ints.length < 1) return { error: "worklevel unknown argument" };
  const result = unit.physics.setWorkLevel(s, int8(ints[0] ?? 0));
  if (result.ok) {
    unit.update(() => result.state);
    return { ok: true };
  }
  if (result.refused === "calibrating") {
    return { error: `current level ${s.workLevel} is caling,Don't permit switch level` };
  }
  return { error: "worklevel unknown argument" };
}

function workModeLevel(unit: VirtualUnit, setting: string): Outcome {
  const { word, ints } = scanWordInts(setting);
  const s = unit.state();
  if (word === "get" && ints.length === 0) return { info: `workmode ${s.workMode} worklevel ${s.workLevel}` };
  if (word !== "set" || ints.length < 2) return { error: "error:2 parameter error" };
  if (unit.physics.isCalibrating(s))
    return { error: `current mode ${s.workMode} is caling. Don't permit switch mode` };
  const mode = (ints[0] ?? 0) & 0xff;
  const level = int8(ints[1] ?? 0);
  const { workLevelMin, workLevelMax } = unit.physics.params;
  if (mode > maxMode(unit)) return { error: `error:1 not support set workmode max_mode[${maxMode(unit)}]` };
  if (level < workLevelMin || level > workLevelMax) {
    return { error: `worklevel unknown argument level range:${workLevelMin} ~ ${workLevelMax}` };
  }
  const byMode = unit.physics.setWorkMode(s, mode);
  if (!byMode.ok) return { error: `error:1 not support set workmode max_mode[${maxMode(unit)}]` };
  const byLevel = unit.physics.setWorkLevel(byMode.state, level);
  unit.update(() => byLevel.state);
  return { ok: true };
}

function reboot(unit: VirtualUnit, setting: string): Outcome {
  const delay = leadingInt(setting);
  if (delay === null) return { error: "reboot value not number" };
  const delayS = delay & 0xffff;
  if (delayS > 300) return { error: "reboot value should be 0~300 seconds" };
  unit.update((s, p) => p.reboot(s, delayS * 1000));
  return { ok: true };
}

const OPTIONS: Record<
  string,
  { needsSetting: boolean; run: (ctx: ReplyContext, setting: string) => Outcome }
> = {
  help: { needsSetting: false, run: () => ({ info: FIRMWARE.ascsetHelp }) },
  softoff: { needsSetting: true, run: ({ unit }, setting) => schedule(unit, "softoff", setting) },
  softon: {
    needsSetting: true,
    run: (ctx, setting) => {
      const outcome = schedule(ctx.unit, "softon", setting);
      return ctx.quirks.softonNoReply && "info" in outcome ? { silent: true } : outcome;
    },
  },
  workmode: { needsSetting: true, run: ({ unit }, setting) => workmode(unit, setting) },
  worklevel: { needsSetting: true, run: ({ unit }, setting) => worklevel(unit, setting) },
  work_mode_lvl: { needsSetting: true, run: ({ unit }, setting) => workModeLevel(unit, setting) },
  reboot: { needsSetting: true, run: ({ unit }, setting) => reboot(unit, setting) },
};

function message(id: number, outcome: Exclude<Outcome, { silent: true }>): StatusMessage {
  if ("error" in outcome)
    return { severity: "E", code: CODE.ASC_SET_ERROR, msg: `ASC ${id} set failed: ${outcome.error}` };
  if ("info" in outcome)
    return { severity: "I", code: CODE.ASC_SET_INFO, msg: `ASC ${id} set info: ${outcome.info}` };
  return { severity: "S", code: CODE.ASC_SET_OK, msg: `ASC ${id} set OK` };
}

export const ascset: CommandHandler = (ctx) => {
  const { json, whenS, parameter } = ctx;
  const reply = (m: StatusMessage) => messageReply(json, whenS, m);
  if (parameter === null || parameter === "") {
    return reply({ severity: "E", code: CODE.MISSING_ID, msg: "Missing device id parameter" });
  }
  const comma = parameter.indexOf(",");
  const optAndSetting = comma < 0 ? "" : parameter.slice(comma + 1);
  if (optAndSetting === "") {
    return reply({ severity: "E", code: CODE.MISSING_ASC_OPTION, msg: "Missing option after ASC number" });
  }
  const id = leadingInt(parameter.slice(0, comma < 0 ? undefined : comma)) ?? 0;
  if (id !== 0) {
    return reply({ severity: "E", code: CODE.INVALID_ASC, msg: `Invalid ASC id ${id} - range is 0 - 0` });
  }
  const setComma = optAndSetting.indexOf(",");
  const option = setComma < 0 ? optAndSetting : optAndSetting.slice(0, setComma);
  const setting = setComma < 0 ? "" : optAndSetting.slice(setComma + 1);
  const name = option.toLowerCase();
  const handler = Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
  if (handler === undefined) return reply(message(id, { error: `Unknown option: ${option}` }));
  if (handler.needsSetting && setting === "") return reply(message(id, { error: `missing ${name} setting` }));
  const outcome = handler.run(ctx, setting);
  if ("silent" in outcome) return null;
  return reply(message(id, outcome));
};
