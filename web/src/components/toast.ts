// Short confirmations and failures of operator actions, announced to screen readers.
import { h } from "../dom.js";

let host: HTMLElement | undefined;

export function toast(text: string, kind: "ok" | "error" = "ok"): void {
  if (!host?.isConnected) {
    host = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(host);
  }
  const el = h("div", { class: `toast ${kind}`, "data-testid": `toast-${kind}`, text });
  host.appendChild(el);
  window.setTimeout(() => el.remove(), kind === "error" ? 9_000 : 5_000);
}
