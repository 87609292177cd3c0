// A few lines instead of a framework: views build their DOM once and then change only the text and classes that
// live data touches, so a tick never re-renders a page.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "class") el.className = String(value);
    else if (key === "text") el.textContent = String(value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Sets text only when it changed: assigning the same text still costs a layout in some browsers. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** A live view's teardown: timers, subscriptions and charts it must release when the page changes. */
export class Disposer {
  private readonly fns: (() => void)[] = [];
  add(fn: () => void): void {
    this.fns.push(fn);
  }
  every(ms: number, fn: () => void): void {
    const t = window.setInterval(fn, ms);
    this.add(() => window.clearInterval(t));
  }
  dispose(): void {
    for (const fn of this.fns.splice(0).reverse()) {
      try {
        fn();
      } catch {
        // A failing teardown must not keep the next page from showing.
      }
    }
  }
}

/** An empty, loading or error line inside a panel. */
export function note(text: string, kind: "muted" | "error" = "muted"): HTMLElement {
  return h("p", { class: `note ${kind}`, text });
}
