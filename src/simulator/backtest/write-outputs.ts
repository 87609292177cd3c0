// Writes a backtest's three outputs into a folder: summary.json, intervals.csv and report.html.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { intervalsCsvChunks } from "./intervals-csv.js";
import { renderHtmlReport } from "./report/html.js";
import { type BacktestSummary, summarise } from "./summary.js";
import type { BacktestResult } from "./types.js";

export interface WrittenOutputs {
  readonly summary: BacktestSummary;
  readonly summaryFile: string;
  readonly intervalsFile: string;
  readonly reportFile: string;
}

export async function writeBacktestOutputs(result: BacktestResult, dir: string): Promise<WrittenOutputs> {
  await mkdir(dir, { recursive: true });
  const summary = summarise(result);
  const summaryFile = join(dir, "summary.json");
  const intervalsFile = join(dir, "intervals.csv");
  const reportFile = join(dir, "report.html");
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  const csv = createWriteStream(intervalsFile);
  for (const chunk of intervalsCsvChunks(result)) {
    if (!csv.write(chunk)) await once(csv, "drain");
  }
  csv.end();
  await once(csv, "finish");
  await writeFile(reportFile, renderHtmlReport(result, summary));
  return { summary, summaryFile, intervalsFile, reportFile };
}
