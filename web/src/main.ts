// Entry point: who is logged in decides between the login page and the app; a lost session (any 401) comes back
// here.
import { api, whenUnauthorized } from "./api.js";
import { startApp } from "./app.js";
import { clear } from "./dom.js";
import { lang, onLangChange } from "./i18n/index.js";
import "./styles/base.css";
import "./styles/panels.css";
import "./styles/data.css";
import type { Me } from "./types.js";
import { loginPage } from "./views/login.js";

const root = document.getElementById("app") as HTMLElement;
document.documentElement.lang = lang();
let stopApp: (() => void) | undefined;
let offLang: (() => void) | undefined;

function stop(): void {
  stopApp?.();
  stopApp = undefined;
  offLang?.();
  offLang = undefined;
}

async function showLogin(): Promise<void> {
  stop();
  const setup = await api.setupRequired().catch(() => ({ required: false }));
  const render = () => {
    clear(root);
    root.appendChild(loginPage(setup.required, (me) => void enter(me)));
  };
  offLang = onLangChange(render);
  render();
}

async function enter(me: Me): Promise<void> {
  stop();
  if (location.pathname === "/login") history.replaceState(null, "", "/");
  stopApp = await startApp(root, me, () => void showLogin());
}

whenUnauthorized(() => {
  if (stopApp) void showLogin();
});

api.me().then(
  (me) => void enter(me),
  () => void showLogin(),
);
