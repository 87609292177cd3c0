import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { formatSlotJst } from "../../planner/format.js";
import type { Plan } from "../../planner/plan.js";
import { planFile } from "../../runtime/planning.js";
import { resolveDataDir } from "../../store/data-dir.js";
import { renderTable } from "../table.js";

const mw = (w: number) => Number((w / 1e6).toFixed(3));

export function registerPlan(program: Command): void {
  const plan = program.command("plan").description("The day-ahead plan the running site follows");
  plan
    .command("show")
    .description("Print the current plan: units per mode, power, surplus and profit per 30-minute slot")
    .option("--data-dir <dir>", "data directory (default: $GRIDMINER_DATA_DIR or ~/.local/share/gridminer)")
    .option("--json", "the plan as JSON")
    .action((opts: { dataDir?: string; json?: boolean }) => {
      const file = planFile(resolveDataDir(opts.dataDir));
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        process.stderr.write(`no plan yet (${file}): run the site with planner.enabled: true\n`);
        process.exitCode = 1;
        return;
      }
      const p = JSON.parse(text) as Plan;
      if (opts.json) {
        process.stdout.write(`${text}\n`);
        return;
      }
      const rows = p.slots.map((s) => [
        formatSlotJst(s.startMs),
        s.groups.map((g) => g.unitsByMode.map((m) => `${m.units}×m${m.mode}`).join(" ")).join(" | "),
        mw(s.sitePowerW),
        mw(s.surplusUsedW),
        mw(s.gridImportW),
        Math.round(s.revenueJpy),
        Math.round(s.energyCostJpy),
        Math.round(s.profitJpy),
      ]);
      process.stdout.write(
        `${renderTable(["slot (JST)", "units by mode", "site MW", "surplus MW", "grid MW", "revenue", "energy cost", "profit JPY"], rows)}\n\n`,
      );
      process.stdout.write(
        `${p.status} plan made ${new Date(p.createdAtMs).toISOString()}, MIP gap ${p.mipGapPct.toFixed(3)} %, solved in ${p.solverTimeMs.toFixed(0)} ms · ${Math.round(p.totals.energyKwh).toLocaleString("en-US")} kWh (${Math.round(p.totals.surplusUsedKwh).toLocaleString("en-US")} surplus) · profit ${Math.round(p.totals.profitJpy).toLocaleString("en-US")} JPY\n`,
      );
    });
}
