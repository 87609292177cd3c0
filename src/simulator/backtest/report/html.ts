// The self-contained HTML report: one file with inline CSS and SVG, nothing fetched, opens from the file system.
import { gridPricePerKwh } from "../accounting.js";
import type { BacktestSummary } from "../summary.js";
import { type BacktestResult, STRATEGIES, STRATEGY_LABELS, type StrategyName } from "../types.js";
import { cumulative, dailySeries } from "./daily.js";
import { binnedScatter, escapeXml, lineChart } from "./svg-chart.js";

export const STRATEGY_COLORS: Readonly<Record<StrategyName, string>> = {
  alwaysOn: "#7f7f7f",
  threshold: "#e08a1e",
  green: "#2a9d4b",
  gridminer: "#1f5fa8",
  planned: "#c0392b",
  hindsight: "#8e44ad",
};

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1040px;color:#222;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 10px;border-bottom:1px solid #e4e4e4;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f4f6f8}.muted{color:#666}.swatch{display:inline-block;
width:10px;height:10px;margin-right:6px;border-radius:2px}svg .grid{stroke:#e6e6e6;stroke-width:1}svg .plot{fill:#fcfcfd;
stroke:#ccc}svg .tick{font-size:11px;fill:#555}svg .label{font-size:12px;fill:#333}svg .legend{font-size:12px;fill:#333}
ul{margin-top:4px}code{background:#f3f3f3;padding:0 3px;border-radius:3px}`;

function fmt(v: number | null, digits: number): string {
  if (v === null || !Number.isFinite(v)) return "–";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function strategyTable(summary: BacktestSummary): string {
  const best = summary.strategies.hindsight?.profit;
  const rows = STRATEGIES.flatMap((s) => {
    const t = summary.strategies[s];
    if (t === undefined) return [];
    const share = best === undefined || best === 0 ? null : (t.profit / best) * 100;
    return [
      `<tr><td><span class="swatch" style="background:${STRATEGY_COLORS[s]}"></span>${STRATEGY_LABELS[s]}</td>` +
        `<td>${fmt(t.energyMwh, 1)}</td><td>${fmt(t.surplusAbsorbedMwh, 1)}</td><td>${fmt(t.btc, 4)}</td>` +
        `<td>${fmt(t.revenue, 0)}</td><td>${fmt(t.energyCost, 0)}</td><td>${fmt(t.profit, 0)}</td>` +
        `<td>${fmt(share, 1)}</td></tr>`,
    ];
  });
  const c = escapeXml(summary.currency);
  return `<table><thead><tr><th>Strategy</th><th>Energy (MWh)</th><th>Surplus absorbed (MWh)</th><th>BTC</th>
<th>Revenue (${c})</th><th>Energy cost (${c})</th><th>Profit (${c})</th><th>Profit, % of hindsight</th></tr></thead>
<tbody>${rows.join("")}</tbody></table>`;
}

/** The 7-day window (from a day start) in which gridminer's dispatch moves the most: the detail plot shows it. */
function busiestWeek(result: BacktestResult, mw: Float64Array): { from: number; to: number } {
  const { slots, dayOffsetMs } = result.inputs;
  const n = slots.length;
  const weekMs = 7 * 86_400_000;
  const moved = new Float64Array(n + 1);
  for (let i = 1; i < n; i++)
    moved[i + 1] = (moved[i] as number) + Math.abs((mw[i] as number) - (mw[i - 1] as number));
  let best = 0;
  let bestScore = -1;
  let end = 0;
  for (let i = 0; i < n; i++) {
    const startMs = slots.startMs[i] as number;
    const isDayStart = (startMs + dayOffsetMs) % 86_400_000 === 0;
    if (i > 0 && !isDayStart) continue;
    while (end < n && (slots.startMs[end] as number) < startMs + weekMs) end++;
    const score = (moved[end] as number) - (moved[i + 1] as number);
    if (score > bestScore) [bestScore, best] = [score, i];
  }
  const from = slots.startMs[best] as number;
  return { from, to: from + weekMs };
}

function slotMw(result: BacktestResult, s: StrategyName): Float64Array {
  const { slots } = result.inputs;
  const l = result.ledgers[s];
  const out = new Float64Array(slots.length);
  if (l === undefined) return out;
  for (let i = 0; i < slots.length; i++) {
    out[i] = (l.energyKwh[i] as number) / 1000 / ((slots.durationMs[i] as number) / 3_600_000);
  }
  return out;
}

function charts(result: BacktestResult, summary: BacktestSummary): string {
  const { slots, dayOffsetMs } = result.inputs;
  const cur = summary.currency;
  const present = STRATEGIES.filter((s) => result.ledgers[s] !== undefined);
  const daily = dailySeries(result);
  const gm = slotMw(result, "gridminer");
  const hs = slotMw(result, "hindsight");
  const price = Float64Array.from({ length: slots.length }, (_, i) =>
    gridPricePerKwh(slots, i, result.options.terms),
  );
  const week = busiestWeek(result, gm);
  const idx = [...Array(slots.length).keys()].filter(
    (i) => (slots.startMs[i] as number) >= week.from && (slots.startMs[i] as number) < week.to,
  );
  const weekX = idx.map((i) => slots.startMs[i] as number);
  const detail = lineChart({
    xMs: weekX,
    offsetMs: dayOffsetMs,
    yLabel: "site power (MW)",
    y2Label: `grid price (${cur}/kWh)`,
    series: [
      ...(result.ledgers.gridminer === undefined
        ? []
        : [
            {
              name: "gridminer",
              color: STRATEGY_COLORS.gridminer,
              values: idx.map((i) => gm[i] as number),
              steps: true,
            },
          ]),
      ...(result.ledgers.hindsight === undefined
        ? []
        : [
            {
              name: "hindsight",
              color: STRATEGY_COLORS.hindsight,
              values: idx.map((i) => hs[i] as number),
              steps: true,
              dashed: true,
            },
          ]),
      {
        name: "surplus",
        color: STRATEGY_COLORS.green,
        values: idx.map((i) => (slots.surplusW[i] as number) / 1e6),
        steps: true,
      },
      {
        name: "grid price",
        color: "#c0392b",
        values: idx.map((i) => price[i] as number),
        steps: true,
        right: true,
      },
    ],
  });
  const scatter = result.ledgers.gridminer
    ? binnedScatter({
        xs: price,
        ys: gm,
        xLabel: `delivered grid price of the slot (${cur}/kWh)`,
        yLabel: "gridminer site power (MW)",
      })
    : "";
  const energy = lineChart({
    xMs: daily.dayMs,
    offsetMs: dayOffsetMs,
    yLabel: "energy (MWh per day)",
    series: present.map((s) => ({
      name: STRATEGY_LABELS[s],
      color: STRATEGY_COLORS[s],
      values: daily.energyMwh[s] ?? [],
      ...(s === "hindsight" ? { dashed: true } : {}),
    })),
  });
  const surplus = lineChart({
    xMs: daily.dayMs,
    offsetMs: dayOffsetMs,
    yLabel: "cumulative MWh",
    series: [
      {
        name: "surplus available",
        color: "#111",
        values: cumulative(daily.surplusAvailableMwh),
        dashed: true,
      },
      ...present.map((s) => ({
        name: STRATEGY_LABELS[s],
        color: STRATEGY_COLORS[s],
        values: cumulative(daily.surplusAbsorbedMwh[s] ?? []),
      })),
    ],
  });
  const profit = lineChart({
    xMs: daily.dayMs,
    offsetMs: dayOffsetMs,
    yLabel: `cumulative profit (${cur})`,
    series: present.map((s) => ({
      name: STRATEGY_LABELS[s],
      color: STRATEGY_COLORS[s],
      values: cumulative(daily.profit[s] ?? []),
      ...(s === "hindsight" ? { dashed: true } : {}),
    })),
  });
  const fmtDay = (ms: number) => new Date(ms + dayOffsetMs).toISOString().slice(0, 10);
  return `<h2>Price against dispatch</h2>
<p class="muted">Every slot: its delivered grid price and the power gridminer's policy drew (darker = more slots).</p>${scatter}
<p class="muted">Slot by slot in the week where gridminer's dispatch moves most (${fmtDay(week.from)} – ${fmtDay(week.to - 1)}).</p>${detail}
<h2>Daily energy</h2>${energy}
<h2>Surplus absorbed</h2><p class="muted">Cumulative surplus available (dashed) and absorbed by each strategy.</p>${surplus}
<h2>Cumulative profit</h2>${profit}`;
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeXml(i)}</li>`).join("")}</ul>`;
}

export function renderHtmlReport(result: BacktestResult, summary: BacktestSummary): string {
  const s = summary;
  const title = `gridminer backtest — ${s.market}, ${s.firstDay} to ${s.lastDay}`;
  const gaps =
    s.gaps.length === 0
      ? "<p>No gaps in the data.</p>"
      : list(s.gaps.slice(0, 50).map((g) => `${g.series} ${g.from} – ${g.to}: ${g.treatedAs} (${g.where})`)) +
        (s.gaps.length > 50 ? `<p>… and ${s.gaps.length - 50} more (see summary.json).</p>` : "");
  const sim = STRATEGIES.flatMap((name) => {
    const st = s.simulation[name];
    if (st === undefined) return [];
    return [
      `${STRATEGY_LABELS[name]}: ${st.decisions.toLocaleString("en-US")} decisions` +
        (name === "gridminer"
          ? `, ${st.decideCalls.toLocaleString("en-US")} decide() calls, ${st.memoHits.toLocaleString("en-US")} reused decisions (${st.verifiedReuses} checked against decide())`
          : "") +
        `, ${st.commandsSent.toLocaleString("en-US")} commands` +
        (st.wallMs === null ? "" : `, ${(st.wallMs / 1000).toFixed(1)} s`),
    ];
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${CSS}</style></head><body>
<h1>${escapeXml(title)}</h1>
<p class="muted">${escapeXml(s.site.name)}: ${s.site.units} × ${escapeXml(s.site.model)}, import limit
${fmt(s.site.importLimitW / 1e6, 2)} MW, auxiliaries ${fmt(s.site.auxiliaryW / 1e3, 0)} kW, policy <code>${escapeXml(s.site.policyMode)}</code>.
${s.slots.toLocaleString("en-US")} slots of ${s.slotMinutes} min; gridminer decides every ${s.decisionStepS} s of simulated time.
Money in ${escapeXml(s.currency)}. Gap policy: <b>${s.gapPolicy}</b>.</p>
<h2>Strategies</h2>${strategyTable(s)}
<p><b>Regret of gridminer's policy against the hindsight optimum: ${fmt(s.regretPct, 2)} %</b> of the hindsight profit.
${s.plannedRegretPct === null ? "" : `Regret of the day-ahead plan: <b>${fmt(s.plannedRegretPct, 2)} %</b>.`}
Surplus available: ${fmt(s.surplusAvailableMwh, 1)} MWh.</p>
${charts(result, s)}
<h2>Hindsight optimum: the constraints</h2><p>Honours:</p>${list(s.hindsight.honours)}<p>Leaves out (so it is an upper
bound that gridminer's simulated run, which pays for them, cannot quite reach):</p>${list(s.hindsight.ignores)}
<h2>Assumptions</h2>${list([
    `energy price = spot + network charge ${s.terms.networkChargePerKwh} + taxes ${s.terms.taxPerKwh} ${s.currency}/kWh; absorbed surplus at ${s.terms.surplusPpaPricePerKwh} ${s.currency}/kWh`,
    `pool fee ${(s.terms.poolFeeFraction * 100).toFixed(1)} % of revenue`,
    ...s.notes,
  ])}
<h2>Gaps</h2><p>Policy <b>${s.gapPolicy}</b>: ${
    s.gapPolicy === "fail"
      ? "a stretch without a price stops the run"
      : s.gapPolicy === "skip"
        ? "stretches without a price (or hashprice) are left out of every strategy's figures; the fleet keeps its state through them"
        : "the last price (and hashprice) is carried through stretches without one"
  }; stretches without surplus data count as no surplus.</p>${gaps}
<h2>Data and simulation</h2>${list(s.sources)}${list(sim)}
</body></html>
`;
}
