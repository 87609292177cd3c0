// Minimal inline-SVG charts for the report: time-series lines with one or two y axes, and a binned scatter. Plain
// strings, no library, so the HTML file opens from the file system with nothing to fetch.

export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
  readonly dashed?: boolean;
  /** Plot against the right-hand axis. */
  readonly right?: boolean;
  /** Draw as steps (slot values) instead of a straight line between points. */
  readonly steps?: boolean;
}

export interface LineChartOptions {
  readonly xMs: readonly number[];
  readonly series: readonly LineSeries[];
  readonly yLabel: string;
  readonly y2Label?: string;
  /** UTC offset for the date labels. */
  readonly offsetMs: number;
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 64, right: 64, top: 12, bottom: 44 };

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** Round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Number.POSITIVE_INFINITY) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [Math.min(lo, 0) === 0 && lo >= 0 ? 0 : lo, hi];
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(a >= 1e10 ? 0 : 1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1);
}

function timeTicks(x0: number, x1: number, offsetMs: number): { ms: number; label: string }[] {
  const spanDays = (x1 - x0) / 86_400_000;
  const local = (ms: number) => new Date(ms + offsetMs);
  const out: { ms: number; label: string }[] = [];
  if (spanDays <= 16) {
    const start = Math.ceil((x0 + offsetMs) / 86_400_000) * 86_400_000 - offsetMs;
    const every = spanDays > 8 ? 2 : 1;
    for (let ms = start, k = 0; ms <= x1; ms += 86_400_000, k++) {
      if (k % every === 0) out.push({ ms, label: local(ms).toISOString().slice(5, 10) });
    }
    return out;
  }
  const monthsEvery = spanDays > 900 ? 6 : spanDays > 400 ? 3 : 1;
  const d = local(x0);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + (d.getUTCDate() > 1 ? 1 : 0);
  for (;;) {
    if (m > 11) {
      y += Math.floor(m / 12);
      m %= 12;
    }
    const ms = Date.UTC(y, m, 1) - offsetMs;
    if (ms > x1) break;
    if (m % monthsEvery === 0) out.push({ ms, label: `${y}-${String(m + 1).padStart(2, "0")}` });
    m++;
  }
  if (spanDays <= 100) {
    // Short ranges: weekly marks between the months.
    const start = Math.ceil((x0 + offsetMs) / 86_400_000) * 86_400_000 - offsetMs;
    for (let ms = start; ms <= x1; ms += 7 * 86_400_000)
      out.push({ ms, label: local(ms).toISOString().slice(5, 10) });
    out.sort((a, b) => a.ms - b.ms);
    return out.filter((t, i) => i === 0 || t.ms - (out[i - 1] as { ms: number }).ms > 3 * 86_400_000);
  }
  return out;
}

export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 960;
  const height = o.height ?? 300;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const x0 = o.xMs[0] ?? 0;
  const x1 = o.xMs[o.xMs.length - 1] ?? x0 + 1;
  const sx = (ms: number) => PAD.left + ((ms - x0) / Math.max(1, x1 - x0)) * w;
  const axis = (right: boolean) => {
    const values = o.series.filter((s) => (s.right ?? false) === right).flatMap((s) => [...s.values]);
    const [lo, hi] = extent(values);
    const ticks = niceTicks(lo, hi);
    const top = Math.max(hi, ticks[ticks.length - 1] ?? hi);
    const bottom = Math.min(lo, ticks[0] ?? lo);
    return { ticks, scale: (v: number) => PAD.top + h - ((v - bottom) / Math.max(1e-12, top - bottom)) * h };
  };
  const left = axis(false);
  const right = o.series.some((s) => s.right) ? axis(true) : undefined;
  const parts: string[] = [];
  for (const t of left.ticks) {
    const y = left.scale(t).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + w}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(
      `<text x="${PAD.left - 6}" y="${y}" class="tick" text-anchor="end" dy="0.32em">${formatTick(t)}</text>`,
    );
  }
  if (right !== undefined) {
    for (const t of right.ticks) {
      const y = right.scale(t).toFixed(1);
      parts.push(`<text x="${PAD.left + w + 6}" y="${y}" class="tick" dy="0.32em">${formatTick(t)}</text>`);
    }
  }
  for (const t of timeTicks(x0, x1, o.offsetMs)) {
    const x = sx(t.ms).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + h}" class="grid"/>`);
    parts.push(`<text x="${x}" y="${PAD.top + h + 16}" class="tick" text-anchor="middle">${t.label}</text>`);
  }
  for (const s of o.series) {
    const scale = s.right && right !== undefined ? right.scale : left.scale;
    const pts: string[] = [];
    let prevY: number | undefined;
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const x = sx(o.xMs[i] as number);
      const y = scale(v);
      // Slot values hold until the next slot starts: a horizontal run, then the jump.
      if (s.steps && prevY !== undefined) pts.push(`${x.toFixed(1)},${prevY.toFixed(1)}`);
      pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      prevY = y;
    });
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="1.4"${s.dashed ? ' stroke-dasharray="5 3"' : ""} points="${pts.join(" ")}"><title>${escapeXml(s.name)}</title></polyline>`,
    );
  }
  parts.push(
    `<text x="14" y="${PAD.top + h / 2}" class="label" transform="rotate(-90 14 ${PAD.top + h / 2})" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  if (o.y2Label !== undefined) {
    const x = width - 12;
    parts.push(
      `<text x="${x}" y="${PAD.top + h / 2}" class="label" transform="rotate(90 ${x} ${PAD.top + h / 2})" text-anchor="middle">${escapeXml(o.y2Label)}</text>`,
    );
  }
  const legend = legendRows(
    o.series.map((s) => ({
      name: `${s.name}${s.right ? " (right)" : ""}`,
      color: s.color,
      dashed: s.dashed ?? false,
    })),
    width,
    height,
  );
  return `<svg viewBox="0 0 ${width} ${height + legend.extraHeight}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg"><rect x="${PAD.left}" y="${PAD.top}" width="${w}" height="${h}" class="plot"/>${parts.join("")}${legend.svg}</svg>`;
}

/** Legend entries left to right, wrapping onto further rows below the chart. */
function legendRows(
  items: readonly { name: string; color: string; dashed: boolean }[],
  width: number,
  height: number,
): { svg: string; extraHeight: number } {
  const rowHeight = 18;
  let x = PAD.left + 8;
  let row = 0;
  const out: string[] = [];
  for (const item of items) {
    const itemWidth = 34 + item.name.length * 6.6;
    if (x + itemWidth > width - 8 && x > PAD.left + 8) {
      row++;
      x = PAD.left + 8;
    }
    out.push(
      `<g transform="translate(${x.toFixed(0)},${height - 10 + row * rowHeight})"><line x1="0" x2="18" y1="-4" y2="-4" stroke="${item.color}" stroke-width="2"${item.dashed ? ' stroke-dasharray="5 3"' : ""}/><text x="24" y="0" class="legend">${escapeXml(item.name)}</text></g>`,
    );
    x += itemWidth;
  }
  return { svg: out.join(""), extraHeight: row * rowHeight };
}

export interface BinnedScatterOptions {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xBins?: number;
  readonly yBins?: number;
  readonly width?: number;
  readonly height?: number;
}

/** A scatter of many points as a grid of cells shaded by how many points fall in each. */
export function binnedScatter(o: BinnedScatterOptions): string {
  const width = o.width ?? 960;
  const height = o.height ?? 300;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const nx = o.xBins ?? 60;
  const ny = o.yBins ?? 24;
  const xs = Array.from(o.xs);
  const ys = Array.from(o.ys);
  const sortedX = [...xs].sort((a, b) => a - b);
  // The top 0.5 % of prices would squeeze everything else into a few columns: clip them into the last column.
  const xMax = sortedX[Math.floor(sortedX.length * 0.995)] ?? 1;
  const xMin = Math.min(0, sortedX[0] ?? 0);
  const [, yMaxRaw] = extent(ys);
  const yMax = Math.max(yMaxRaw, 1e-9);
  const counts = new Array<number>(nx * ny).fill(0);
  xs.forEach((x, i) => {
    const bx = Math.min(nx - 1, Math.max(0, Math.floor(((x - xMin) / Math.max(1e-12, xMax - xMin)) * nx)));
    const by = Math.min(ny - 1, Math.max(0, Math.floor(((ys[i] as number) / yMax) * ny)));
    counts[by * nx + bx] = (counts[by * nx + bx] as number) + 1;
  });
  const maxCount = Math.max(1, ...counts);
  const cells: string[] = [];
  counts.forEach((c, k) => {
    if (c === 0) return;
    const bx = k % nx;
    const by = Math.floor(k / nx);
    const shade = 0.15 + 0.85 * (Math.log(1 + c) / Math.log(1 + maxCount));
    cells.push(
      `<rect x="${(PAD.left + (bx * w) / nx).toFixed(1)}" y="${(PAD.top + h - ((by + 1) * h) / ny).toFixed(1)}" width="${(w / nx + 0.3).toFixed(1)}" height="${(h / ny + 0.3).toFixed(1)}" fill="#1f5fa8" fill-opacity="${shade.toFixed(2)}"><title>${c} slots</title></rect>`,
    );
  });
  const parts: string[] = [];
  for (const t of niceTicks(0, yMax)) {
    const y = (PAD.top + h - (t / yMax) * h).toFixed(1);
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + w}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(
      `<text x="${PAD.left - 6}" y="${y}" class="tick" text-anchor="end" dy="0.32em">${formatTick(t)}</text>`,
    );
  }
  for (const t of niceTicks(xMin, xMax, 8)) {
    const x = (PAD.left + ((t - xMin) / Math.max(1e-12, xMax - xMin)) * w).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + h}" class="grid"/>`);
    parts.push(
      `<text x="${x}" y="${PAD.top + h + 16}" class="tick" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + w / 2}" y="${height - 8}" class="label" text-anchor="middle">${escapeXml(o.xLabel)} (top 0.5 % clipped into the last column)</text>`,
    `<text x="14" y="${PAD.top + h / 2}" class="label" transform="rotate(-90 14 ${PAD.top + h / 2})" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg"><rect x="${PAD.left}" y="${PAD.top}" width="${w}" height="${h}" class="plot"/>${cells.join("")}${parts.join("")}</svg>`;
}
