// Labels in English or Chinese. English text is the key, so a label without a translation still
// reads; `{name}` marks where a value goes. Numbers and money are formatted the same in both
// (¥, thousands separators), as Chinese business documents write them.

import { ZH } from "./zh";

export type Lang = "en" | "zh";

let current: Lang = "en";

/**
 * Sets the language of everything rendered from now on (rendering is synchronous). The page's
 * choice lives in its store, which sets it here before its views draw; the element sets it from
 * its `lang` attribute before each drawing.
 */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language labels are rendered in. */
export function language(): Lang {
  return current;
}

/** `text` in the current language, with `{name}` replaced by `values[name]`. */
export function tr(text: string, values: Record<string, string | number> = {}): string {
  let template = current === "zh" ? (ZH[text] ?? text) : text;
  // A report names the window by category by days 0: every sentence about a window says so instead.
  if (values.days === 0) for (const [days, words] of BY_CATEGORY[current]) template = template.replace(days, words);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** How a sentence about a window reads for the window by category (whose days are 0), most specific first. */
const BY_CATEGORY: Record<Lang, [RegExp, string][]> = {
  en: [
    [/\{days\}-day window/, "window by category"],
    [/ at \{days\} days/, " in the window by category"],
    [/inside \{days\} days/, "inside its category's window"],
    [/\{days\} days?\b|\{days\} d\b/, "By category"],
  ],
  zh: [
    [/\{days\} 天窗口/, "按品类窗口"],
    [/（\{days\} 天）/, "（按品类窗口）"],
    [/在 \{days\} 天内/, "在其品类的窗口内"],
    [/\{days\} 天/, "按品类"],
  ],
};

/** Text already in both languages (a model's name from the engine's catalogue, say). */
export interface Bilingual {
  en: string;
  zh: string;
}

/** A value in a phrase: said as it is, said in its own words, or chosen by language. */
export type Value = string | number | Phrase | Bilingual;

/**
 * Something the page says, kept as said rather than as text, so that a language switch can say
 * it again: an English template with its values (translated when shown), or the engine's own
 * words, shown as they are.
 */
export type Phrase = { text: string; values?: Record<string, Value> } | { verbatim: string } | { list: Phrase[] };

/** A phrase to be said in the current language when shown. */
export function phrase(text: string, values?: Record<string, Value>): Phrase {
  return values ? { text, values } : { text };
}

/** Phrases said as one list: "a, b and c"; "a、b和c". */
export function phraseList(list: Phrase[]): Phrase {
  return { list };
}

/** Words shown as they are (the engine explains in English). */
export function verbatim(text: string): Phrase {
  return { verbatim: text };
}

function valueText(value: Value): string | number {
  if (typeof value !== "object") return value;
  return "en" in value ? value[current] : tell(value);
}

/** `said` in the current language; several phrases are joined by a space. */
export function tell(said: Phrase | readonly Phrase[]): string {
  if (Array.isArray(said)) return said.map((p: Phrase) => tell(p)).join(" ");
  const one = said as Phrase;
  if ("verbatim" in one) return one.verbatim;
  if ("list" in one) {
    const parts = one.list.map((p) => tell(p));
    const [comma, and] = current === "zh" ? ["、", "和"] : [", ", " and "];
    return parts.length < 2 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(comma)}${and}${parts.at(-1)}`;
  }
  const values = Object.fromEntries(Object.entries(one.values ?? {}).map(([name, value]) => [name, valueText(value)]));
  return tr(one.text, values);
}

/** Names listed in a sentence, in both languages: "A, b and c"; "A、B与C". */
export function listed(names: Bilingual[]): Bilingual {
  const join = (parts: string[], comma: string, and: string): string => (parts.length < 2 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(comma)}${and}${parts.at(-1)}`);
  // In an English sentence only its first word keeps its capital.
  const en = names.map((n, i) => (i === 0 ? n.en : n.en.charAt(0).toLowerCase() + n.en.slice(1)));
  return { en: join(en, ", ", " and "), zh: join(names.map((n) => n.zh), "、", "与") };
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
