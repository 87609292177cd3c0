import type { CgminerReply } from "./framing.js";

// Text-form replies (`STATUS=S,When=..,Msg=..|SECTION=0,key=val,...|`) are what cgminer sends to a request that
// does not start with `{`. Canaan's manuals and many issue reports only show this form, so it is decoded into the
// same object shape as a JSON reply. Values stay strings: the text form has no types (DNA "0000…" is not a number).

export interface TextSection {
  /** Section tag as sent: "STATUS", "SUMMARY", "POOL", "STATS", "VERSION", "ASC", … */
  name: string;
  fields: Record<string, string>;
}

// Text form names each entry by its singular tag; JSON groups entries under a plural key for some commands.
const JSON_KEY_BY_TAG: Readonly<Record<string, string>> = {
  POOL: "POOLS",
  ASC: "DEVS",
  PGA: "DEVS",
};

/**
 * Splits a text reply into sections and fields. Commas inside `[...]` do not separate fields, because the Avalon
 * `MM ID0` value carries `SYSTEMSTATU[Work: In Work, Hash Board: 3 ]`; a fragment without `=` is treated as the
 * continuation of the previous value (a comma inside a message). A `|` inside a value cannot be told apart from a
 * section break: such replies (e.g. `ascset|0,help`) are only readable in JSON form.
 */
export function decodeTextReply(text: string): TextSection[] {
  const sections: TextSection[] = [];
  for (const rawSection of splitOutsideBrackets(stripTerminators(text), "|")) {
    if (rawSection.trim() === "") continue;
    const parts = splitOutsideBrackets(rawSection, ",");
    const head = (parts[0] ?? "").trim();
    const eq = head.indexOf("=");
    const name = eq < 0 ? head : head.slice(0, eq);
    const fields: Record<string, string> = {};
    let lastKey: string | undefined;
    if (eq >= 0) {
      fields[name] = head.slice(eq + 1);
      lastKey = name;
    }
    for (const part of parts.slice(1)) {
      const i = part.indexOf("=");
      const key = i < 0 ? undefined : part.slice(0, i).trim();
      if (key === undefined || key.includes("[")) {
        if (lastKey !== undefined) fields[lastKey] = `${fields[lastKey] ?? ""},${part}`;
        continue;
      }
      lastKey = key;
      fields[key] = part.slice(i + 1);
    }
    sections.push({ name, fields });
  }
  return sections;
}

/** Same shape as the JSON reply: `{ STATUS: [{...}], SUMMARY: [{...}], POOLS: [{...}, ...] }`. */
export function textReplyToObject(text: string): CgminerReply {
  const out: Record<string, Record<string, string>[]> = {};
  for (const section of decodeTextReply(text)) {
    const key = JSON_KEY_BY_TAG[section.name] ?? section.name;
    const list = out[key] ?? [];
    list.push(section.fields);
    out[key] = list;
  }
  return out;
}

export function looksLikeTextReply(text: string): boolean {
  return /^\s*STATUS=[A-Z],/.test(text);
}

function stripTerminators(text: string): string {
  return text.replace(/[\0\r\n]+$/, "");
}

function splitOutsideBrackets(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]" && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
