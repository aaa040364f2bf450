// Long tables a page at a time: "21–40 of 271", with the previous and next pages a click away.
import { h } from "../dom";
import { tr } from "../i18n";

/** The rows of page `page` (0-based) of `size` rows, and the page actually shown (clamped). */
export function pageOf<T>(rows: readonly T[], page: number, size: number): { rows: T[]; page: number } {
  const last = Math.max(0, Math.ceil(rows.length / size) - 1);
  const at = Math.min(Math.max(0, page), last);
  return { rows: rows.slice(at * size, at * size + size), page: at };
}

/** Draws the pager of `total` rows into `host`; nothing when one page holds them all. */
export function renderPager(host: HTMLElement, total: number, page: number, size: number, go: (page: number) => void): void {
  if (total <= size) {
    host.replaceChildren();
    return;
  }
  const pages = Math.ceil(total / size);
  const from = page * size + 1;
  const to = Math.min(total, from + size - 1);
  const button = (text: string, target: number, label: string): HTMLButtonElement => {
    const b = h("button", text, "secondary small");
    b.type = "button";
    b.disabled = target < 0 || target >= pages;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", () => go(target));
    return b;
  };
  const said = h("span", tr("{from}–{to} of {total}", { from: from.toLocaleString("en-US"), to: to.toLocaleString("en-US"), total: total.toLocaleString("en-US") }), "pager-text");
  host.replaceChildren(button("←", page - 1, tr("Previous page")), said, button("→", page + 1, tr("Next page")));
}
