import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { DataFileError } from "./data-file-error.js";

const gunzipAsync = promisify(gunzip);

/** Bytes of a data file as text: gunzipped first when the name ends in `.gz`; a leading byte-order mark is dropped. */
export async function decodeDataFile(bytes: Uint8Array, path: string): Promise<string> {
  let raw = bytes;
  if (path.endsWith(".gz")) {
    try {
      raw = await gunzipAsync(bytes);
    } catch (cause) {
      throw new DataFileError("io", "not a valid gzip file", { file: path, cause });
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (cause) {
    throw new DataFileError("format", "not valid UTF-8 text", { file: path, cause });
  }
}

/** Reads a UTF-8 text data file, plain or `.gz`. */
export async function readDataFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new DataFileError("io", `cannot read file${code === undefined ? "" : ` (${code})`}`, {
      file: path,
      cause,
    });
  }
  return decodeDataFile(bytes, path);
}
