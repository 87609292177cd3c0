import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataFileError } from "./data-file-error.js";
import { decodeDataFile, readDataFile } from "./read-data-file.js";

const DATA_DIR = fileURLToPath(new URL("../../../data/bitcoin/", import.meta.url));

describe("reading data files", () => {
  it("gunzips .gz files and drops the byte-order mark", async () => {
    const text = await readDataFile(`${DATA_DIR}hotstopper-blocks/blocks.csv.gz`);
    expect(text.startsWith("DateTime,Blocks Per Day,Height\r\n11/8/2009,70,21108")).toBe(true);
    expect(await decodeDataFile(gzipSync("\uFEFFa,b\n"), "x.csv.gz")).toBe("a,b\n");
  });

  it("reads plain files", async () => {
    const text = await readDataFile(`${DATA_DIR}fred-dexjpus/DEXJPUS.csv`);
    expect(text.split("\n")[1]).toBe("2015-07-13,123.35");
  });

  it("reports a missing file, broken gzip and invalid UTF-8 with the file name", async () => {
    const missing = await readDataFile(`${DATA_DIR}nope.csv`).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DataFileError);
    expect((missing as DataFileError).message).toBe(`${DATA_DIR}nope.csv: cannot read file (ENOENT)`);
    await expect(decodeDataFile(new Uint8Array([1, 2, 3]), "x.csv.gz")).rejects.toThrow(
      "x.csv.gz: not a valid gzip file",
    );
    await expect(decodeDataFile(new Uint8Array([0xff, 0xfe, 0x41]), "x.csv")).rejects.toMatchObject({
      kind: "format",
      file: "x.csv",
    });
  });
});
