// A modal confirmation for every write: what will happen, until when, and an explicit button to do it. The
// native <dialog> traps focus and closes on Escape (which counts as cancel).
import { h } from "../dom.js";
import { t } from "../i18n/index.js";

export interface ConfirmOptions {
  title: string;
  lines: readonly string[];
  okLabel?: string;
  danger?: boolean;
}

export function confirmAction(o: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = h("button", {
      type: "submit",
      value: "ok",
      class: o.danger ? "btn danger" : "btn primary",
      "data-testid": "confirm-ok",
      text: o.okLabel ?? t("confirm.ok"),
    });
    const cancel = h("button", {
      type: "submit",
      value: "cancel",
      class: "btn",
      "data-testid": "confirm-cancel",
      text: t("confirm.cancel"),
    });
    const dialog = h(
      "dialog",
      { class: "confirm", "data-testid": "confirm-dialog", "aria-labelledby": "confirm-title" },
      h(
        "form",
        { method: "dialog" },
        h("h2", { id: "confirm-title", text: o.title }),
        ...o.lines.map((line) => h("p", { text: line })),
        h("div", { class: "actions" }, cancel, ok),
      ),
    );
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "ok");
      dialog.remove();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    // Cancel has the focus: Enter on a stray keypress must not shed a site.
    cancel.focus();
  });
}
