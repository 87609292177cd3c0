// Operator overrides: issue shed, hold, cap or release with an expiry, each after a confirmation that says what
// will happen and until when; lift one in force. A viewer sees what is in force and no controls at all.
import { ApiError, api, type OverrideRequest } from "../api.js";
import type { App } from "../app.js";
import { clear, type Disposer, h, note } from "../dom.js";
import { dateTime, duration, power } from "../format.js";
import { type MessageKey, t } from "../i18n/index.js";
import type { Override } from "../types.js";
import { confirmAction } from "./dialog.js";
import { toast } from "./toast.js";

type IssuableKind = "shed" | "hold" | "cap" | "release";
const KINDS: readonly IssuableKind[] = ["shed", "hold", "cap", "release"];
const DURATIONS_S = [900, 1800, 3600, 7200, 14_400, 28_800, 86_400];

export function kindLabel(kind: string): string {
  return t(`override.kind.${kind}` as MessageKey);
}

export function failureText(e: unknown): string {
  if (e instanceof ApiError && e.status === 403) return t("common.forbidden");
  return t("common.failed", { msg: e instanceof Error ? e.message : String(e) });
}

function describe(req: OverrideRequest, app: App): string {
  const floorW = app.config.site?.floorPowerW ?? 0;
  const now = app.live.site.site.last;
  const currentW = now?.measuredPowerW ?? now?.reportedPowerW ?? null;
  if (req.kind === "shed")
    return t("override.desc.shed", { floor: power(Math.min(floorW, currentW ?? floorW)) });
  if (req.kind === "hold") return t("override.desc.hold", { power: power(currentW) });
  if (req.kind === "cap") return t("override.desc.cap", { max: power(req.maxW) });
  return t("override.desc.release");
}

export function overridePanel(app: App, d: Disposer): HTMLElement {
  const list = h("ul", { class: "override-list", "data-testid": "override-list" });
  const body = h("div", { class: "panel-body" });
  const panel = h(
    "section",
    { class: "panel", "data-testid": "override-panel" },
    h("h2", { text: t("override.title") }),
    body,
  );

  if (app.canOperate) body.appendChild(form(app));
  else body.appendChild(note(t("override.viewOnly", { role: t(`role.${app.me.role}`) })));
  body.appendChild(h("h3", { text: t("override.active") }));
  body.appendChild(list);

  const render = (active: readonly Override[]) => {
    clear(list);
    const shown = active.filter((o) => o.kind !== "release");
    if (shown.length === 0) list.appendChild(h("li", { class: "muted", text: t("override.none") }));
    const nowMs = Date.now();
    for (const o of shown) {
      const left = duration((o.expiresAtMs - nowMs) / 1000);
      const what =
        o.kind === "cap"
          ? `${kindLabel(o.kind)} ${power(o.maxW)}`
          : o.kind === "unit-off"
            ? `${kindLabel(o.kind)} (${o.unitIds?.length ?? 0})`
            : kindLabel(o.kind);
      const lift = app.canOperate
        ? h("button", {
            class: "btn small",
            "data-testid": "override-lift",
            text: t("override.lift"),
            onclick: () => void liftOne(app, o),
          })
        : null;
      list.appendChild(
        h(
          "li",
          { "data-testid": `override-${o.kind}` },
          h("span", { class: `badge kind-${o.kind}`, text: what }),
          h("span", {
            class: "muted",
            text: `${t("override.until", { time: dateTime(o.expiresAtMs), left })} · ${o.by}`,
          }),
          o.note ? h("span", { class: "override-note", text: o.note }) : null,
          lift,
        ),
      );
    }
  };
  d.add(app.live.overrides.on(render));
  return panel;
}

async function liftOne(app: App, o: Override): Promise<void> {
  const ok = await confirmAction({
    title: t("override.confirmTitle"),
    lines: [t("override.confirmLift", { kind: kindLabel(o.kind), who: o.by })],
  });
  if (!ok) return;
  try {
    await api.liftOverride(o.id);
    toast(t("override.lifted", { kind: kindLabel(o.kind) }));
  } catch (e) {
    toast(failureText(e), "error");
  }
  app.live.overrides.refresh();
  app.live.signals.refresh();
}

function form(app: App): HTMLElement {
  let kind: IssuableKind = "shed";
  const kindButtons = KINDS.map((k) =>
    h("button", {
      type: "button",
      class: `seg${k === kind ? " on" : ""}`,
      "aria-pressed": String(k === kind),
      "data-testid": `override-kind-${k}`,
      text: kindLabel(k),
      onclick: () => {
        kind = k;
        for (const [i, b] of kindButtons.entries()) {
          b.classList.toggle("on", KINDS[i] === k);
          b.setAttribute("aria-pressed", String(KINDS[i] === k));
        }
        capRow.hidden = k !== "cap";
        describeLine.textContent = describe(request(), app);
      },
    }),
  );
  const capInput = h("input", {
    type: "number",
    min: 0,
    step: 0.1,
    value: "2.0",
    "data-testid": "override-cap-mw",
  });
  const capRow = h(
    "label",
    { class: "field", hidden: true },
    h("span", { text: t("override.capMw") }),
    capInput,
  );
  const select = h(
    "select",
    { "data-testid": "override-duration" },
    ...DURATIONS_S.map((s) => h("option", { value: s, text: duration(s), selected: s === 3600 })),
  );
  const noteInput = h("input", {
    type: "text",
    maxlength: 200,
    placeholder: t("override.notePlaceholder"),
    "data-testid": "override-note",
  });
  const describeLine = h("p", { class: "override-desc" });
  const request = (): OverrideRequest => {
    const durationS = Number(select.value);
    const noteText = noteInput.value.trim();
    const extra = noteText === "" ? {} : { note: noteText };
    if (kind === "cap") return { kind, maxW: Math.round(Number(capInput.value) * 1e6), durationS, ...extra };
    return { kind, durationS, ...extra };
  };
  describeLine.textContent = describe(request(), app);
  const apply = h("button", {
    type: "submit",
    class: "btn primary",
    "data-testid": "override-apply",
    text: t("override.apply"),
  });
  const el = h(
    "form",
    { class: "override-form" },
    h("div", { class: "segmented", role: "group" }, ...kindButtons),
    capRow,
    h("label", { class: "field" }, h("span", { text: t("override.duration") }), select),
    h("label", { class: "field" }, h("span", { text: t("override.note") }), noteInput),
    describeLine,
    h("div", { class: "actions" }, apply),
  );
  el.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void issue(app, request(), apply);
  });
  return el;
}

async function issue(app: App, req: OverrideRequest, button: HTMLButtonElement): Promise<void> {
  if (req.kind === "cap" && !(req.maxW >= 0)) return;
  const untilMs = Date.now() + req.durationS * 1000;
  const ok = await confirmAction({
    title: t("override.confirmTitle"),
    lines: [
      `${kindLabel(req.kind)}: ${describe(req, app)}`,
      t("override.confirmUntil", { time: dateTime(untilMs), duration: duration(req.durationS) }),
      t("override.confirmNote"),
    ],
    danger: req.kind === "shed",
  });
  if (!ok) return;
  button.disabled = true;
  try {
    const o = await api.issueOverride(req);
    toast(t("override.issued", { kind: kindLabel(o.kind), time: dateTime(o.expiresAtMs) }));
  } catch (e) {
    toast(failureText(e), "error");
  } finally {
    button.disabled = false;
  }
  app.live.overrides.refresh();
  app.live.signals.refresh();
}
