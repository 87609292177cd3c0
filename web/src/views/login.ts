// Log in, or create the first administrator with the one-time setup token when the store has none.
import { ApiError, api } from "../api.js";
import { h } from "../dom.js";
import { LANGS, lang, setLang, t } from "../i18n/index.js";
import type { Me } from "../types.js";

function field(label: string, input: HTMLInputElement, hint?: string): HTMLElement {
  return h(
    "label",
    { class: "field" },
    h("span", { text: label }),
    input,
    hint ? h("small", { class: "muted", text: hint }) : null,
  );
}

/** `setupRequired`: no administrator exists; the page offers setup first and login as the alternative. */
export function loginPage(setupRequired: boolean, onDone: (me: Me) => void): HTMLElement {
  let setup = setupRequired;
  const host = h("div", { class: "login" });
  const render = () => {
    host.replaceChildren(
      card(setup, setupRequired, onDone, () => {
        setup = !setup;
        render();
      }),
    );
  };
  render();
  return host;
}

function card(
  setupMode: boolean,
  canSetup: boolean,
  onDone: (me: Me) => void,
  toggle: () => void,
): HTMLElement {
  const error = h("p", { class: "note error", role: "alert", "data-testid": "login-error", hidden: true });
  const username = h("input", {
    name: "username",
    autocomplete: "username",
    required: true,
    "data-testid": "login-username",
  });
  const password = h("input", {
    name: "password",
    type: "password",
    autocomplete: setupMode ? "new-password" : "current-password",
    required: true,
    "data-testid": "login-password",
  });
  const token = h("input", {
    name: "token",
    autocomplete: "off",
    required: true,
    "data-testid": "setup-token",
  });
  const submit = h("button", {
    type: "submit",
    class: "btn primary wide",
    "data-testid": "login-submit",
    text: t(setupMode ? "setup.submit" : "login.submit"),
  });
  const form = h(
    "form",
    { class: "login-form" },
    h("h1", { text: t(setupMode ? "setup.title" : "login.title") }),
    setupMode ? h("p", { class: "muted", text: t("setup.hint") }) : null,
    setupMode ? field(t("setup.token"), token) : null,
    field(t("login.username"), username),
    field(t("login.password"), password, setupMode ? t("setup.passwordHint") : undefined),
    error,
    submit,
    canSetup
      ? h("button", {
          type: "button",
          class: "link-button",
          "data-testid": "login-toggle",
          text: t(setupMode ? "setup.useLogin" : "setup.useSetup"),
          onclick: toggle,
        })
      : null,
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    const attempt = setupMode
      ? api.setup(token.value.trim(), username.value.trim(), password.value)
      : api.login(username.value.trim(), password.value);
    attempt.then(onDone, (e: unknown) => {
      submit.disabled = false;
      error.hidden = false;
      error.textContent =
        e instanceof ApiError && e.status === 401
          ? t("login.failed")
          : e instanceof Error
            ? e.message
            : String(e);
      password.select();
    });
  });
  const langs = h(
    "div",
    { class: "segmented small", role: "group", "aria-label": t("lang.label") },
    ...LANGS.map((l) =>
      h("button", {
        type: "button",
        class: `seg${l === lang() ? " on" : ""}`,
        "data-testid": `lang-${l}`,
        text: l === "ja" ? "日本語" : "EN",
        onclick: () => setLang(l),
      }),
    ),
  );
  window.setTimeout(() => (setupMode ? token : username).focus(), 0);
  return h(
    "div",
    { class: "login-card" },
    h(
      "div",
      { class: "login-head" },
      h(
        "div",
        { class: "brand" },
        h("span", { class: "logo", "aria-hidden": "true" }),
        h("b", { text: "gridminer" }),
      ),
      langs,
    ),
    form,
  );
}
