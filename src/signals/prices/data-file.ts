// Reading data files from disk: gzip is detected by its magic bytes, not the name, so a renamed file still reads.
// Japanese publishers (JEPX, the TSOs) ship CP932 (Windows Shift_JIS); everything we define ourselves is UTF-8.

import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import iconv from "iconv-lite";

const gunzipAsync = promisify(gunzip);

export type TextEncodingName = "cp932" | "utf-8";

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** File contents, decompressed when gzip-compressed. */
export async function readDataBytes(path: string): Promise<Buffer> {
  const raw = await readFile(path);
  return isGzip(raw) ? gunzipAsync(raw) : raw;
}

export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === "cp932") return iconv.decode(bytes, "cp932");
  // fatal: a CP932 file handed to a UTF-8 reader must fail loudly instead of turning into replacement characters.
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Reads, decompresses and decodes a text data file. */
export async function readDataText(path: string, encoding: TextEncodingName): Promise<string> {
  return decodeText(await readDataBytes(path), encoding);
}

/** Lines without terminators; CRLF and LF both accepted. A final terminator does not make an extra line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines whose cells are all empty: JEPX pads some yearly files with thousands of `,,,,` lines. */
export function isBlankCsvLine(line: string): boolean {
  return /^[,\s]*$/.test(line);
}
