// Small DOM helpers. User text only ever reaches the page through textContent, never as HTML.

export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
}

/** An element with text content only. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Offset of the first character of line `line` (1-based) in `text`. */
export function lineStart(text: string, line: number): number {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const newline = text.indexOf("\n", start);
    if (newline === -1) break;
    start = newline + 1;
  }
  return start;
}

/** Selects line `line` of a text area and scrolls it into view. */
export function selectLine(area: HTMLTextAreaElement, line: number): void {
  const text = area.value;
  const start = lineStart(text, line);
  const end = text.indexOf("\n", start);
  area.focus();
  area.setSelectionRange(start, end === -1 ? text.length : end);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

/** Offers `blob` as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const link = h("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * Marks `control` as refused with `message` shown under it (in `note`, which the control is
 * described by), or clears the mark when `message` is null.
 */
export function markInvalid(control: HTMLElement, note: HTMLElement, message: string | null): void {
  if (!note.id) note.id = `${control.id || "field"}-error`;
  const described = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== note.id);
  if (message === null) {
    control.removeAttribute("aria-invalid");
    note.hidden = true;
    note.textContent = "";
  } else {
    control.setAttribute("aria-invalid", "true");
    note.hidden = false;
    note.textContent = message;
    described.push(note.id);
  }
  if (described.length) control.setAttribute("aria-describedby", described.join(" "));
  else control.removeAttribute("aria-describedby");
}
