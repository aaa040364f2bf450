// Labels in English or Chinese. English text is the key, so a label without a translation still
// reads; `{name}` marks where a value goes. Numbers and money are formatted the same in both
// (¥, thousands separators), as Chinese business documents write them.

import { ZH } from "./zh";

export type Lang = "en" | "zh";

let current: Lang = "en";

/** Sets the language of everything rendered from now on (rendering is synchronous). */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language labels are rendered in. */
export function language(): Lang {
  return current;
}

/** `text` in the current language, with `{name}` replaced by `values[name]`. */
export function tr(text: string, values: Record<string, string | number> = {}): string {
  const template = current === "zh" ? (ZH[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}


/** English originals of the page's static text nodes and attributes, recorded on first use. */
const staticTexts: { node: Text; english: string }[] = [];
const staticAttributes: { element: Element; name: string; english: string }[] = [];
const TRANSLATED_ATTRIBUTES = ["title", "placeholder", "aria-label"];

function recordStatic(root: HTMLElement): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    // Text areas hold the user's data, `data-lang` blocks are written in each language already.
    acceptNode: (node) =>
      node instanceof Element && (node.matches("textarea, script, style, code") || node.hasAttribute("data-lang"))
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text) {
      const english = node.data.trim();
      if (english && ZH[english.replace(/\s+/g, " ")] !== undefined) staticTexts.push({ node, english: node.data });
    } else if (node instanceof Element) {
      for (const name of TRANSLATED_ATTRIBUTES) {
        const english = node.getAttribute(name);
        if (english && ZH[english] !== undefined) staticAttributes.push({ element: node, name, english });
      }
    }
  }
}

/**
 * Puts the page's own (static) text into the current language: text nodes and `title`,
 * `placeholder`, `aria-label` attributes that have a translation, and `data-lang` blocks shown
 * only in their language. What the page renders from results is redrawn by its caller.
 */
export function translateStatic(root: HTMLElement): void {
  if (staticTexts.length === 0 && staticAttributes.length === 0) recordStatic(root);
  for (const { node, english } of staticTexts) {
    const key = english.trim().replace(/\s+/g, " ");
    const leading = /^\s*/.exec(english)?.[0] ?? "";
    const trailing = /\s*$/.exec(english)?.[0] ?? "";
    node.data = current === "zh" ? `${leading}${ZH[key] ?? key}${trailing}` : english;
  }
  for (const { element, name, english } of staticAttributes) element.setAttribute(name, tr(english));
  for (const block of root.querySelectorAll<HTMLElement>("[data-lang]")) block.hidden = block.dataset.lang !== current;
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
}
