// The settings panel: which models, the baseline, each model's parameters, commission and tier
// thresholds, each with its one-line help. Every field is built from the engine's catalogue (its
// label and help in the language shown, its bounds, step and choices); the page adds only the
// grouping and the tier thresholds. An edit reaches the store at once; the panel is drawn again
// only when the catalogue, the language or the settings change from elsewhere (a restore), so
// typing is never interrupted.
import type { Catalogue, Model } from "../../pkg/kol_attribution.js";
import { type SettingInfo, allows, bound, local, modelNames, setting } from "../catalogue";
import { element, h, markInvalid } from "../dom";
import { tell, tr } from "../i18n";
import { type Field, type ModelSettings, isCategoryDays, panelFields, valueAt, withValue } from "../model-settings";
import { refusalPhrase } from "../refusal";
import { salesChannelLabel } from "../sources";
import { type PageState, type Refusal, editSettings } from "../store";
import type { View } from "./view";

/** A row: its label, the control, its help; the control carries the engine's name for it, which its refusals use. */
function field(label: string, hint: string, control: HTMLElement, option: string): HTMLDivElement {
  const row = h("div", undefined, "setting");
  const id = `setting-${option}`.replace(/[^\w-]/g, "-");
  control.id = id;
  control.dataset.option = option;
  let name: HTMLElement;
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
    const tag = h("label", label, "setting-label");
    tag.htmlFor = id;
    name = tag;
  } else {
    // A group of controls is named by its heading, not by a label element.
    name = h("span", label, "setting-label");
    name.id = `${id}-label`;
    control.setAttribute("aria-labelledby", name.id);
  }
  const note = h("p", hint, "setting-hint");
  note.id = `${id}-hint`;
  control.setAttribute("aria-describedby", note.id);
  const error = h("p", undefined, "field-error");
  error.id = `${id}-error`;
  error.hidden = true;
  error.setAttribute("role", "alert");
  row.append(name, control, error, note);
  return row;
}

/** Draws the panel's groups from `settings`; `changed` gets the settings after each edit that is a value (a half-typed number waits). */
function draw(host: HTMLElement, catalogue: Catalogue, settings: ModelSettings, changed: (next: ModelSettings) => void): void {
  let s = settings;
  const set = (key: string, value: unknown): void => {
    s = withValue(s, key, value);
    changed(s);
  };
  const modelName = modelNames(catalogue);
  const groups: HTMLElement[] = [];
  const group = (title: string, rows: HTMLElement[]): void => {
    const fieldset = h("fieldset", undefined, "setting-group");
    fieldset.append(h("legend", title), ...rows);
    groups.push(fieldset);
  };

  const numberInput = ({ key, info }: Field): HTMLInputElement => {
    const input = h("input");
    input.type = "number";
    bound(input, info);
    input.value = String(valueAt(s, key));
    input.addEventListener("input", () => {
      if (Number.isFinite(input.valueAsNumber)) set(key, input.valueAsNumber);
    });
    return input;
  };
  const control = (f: Field): HTMLElement => {
    const { key, info } = f;
    switch (info.kind) {
      case "number":
        return numberInput(f);
      case "flag": {
        const box = h("input");
        box.type = "checkbox";
        box.checked = valueAt(s, key) === true;
        box.addEventListener("change", () => set(key, box.checked));
        return box;
      }
      case "rate": {
        // Whatever is typed goes to the engine, which refuses what is not a rate and says why.
        const input = h("input");
        Object.assign(input, { type: "text", value: String(valueAt(s, key)), size: 8, inputMode: "decimal" });
        input.addEventListener("input", () => set(key, input.value.trim()));
        return input;
      }
      case "model": {
        const select = h("select");
        for (const model of info.values as Model[]) {
          const option = h("option", modelName(model));
          option.value = model;
          option.selected = model === valueAt(s, key);
          select.append(option);
        }
        select.addEventListener("change", () => set(key, select.value));
        return select;
      }
      case "models": {
        const models = h("div", undefined, "model-checks");
        models.setAttribute("role", "group");
        const all = info.values as Model[];
        for (const model of all) {
          const label = h("label", undefined, "check");
          const box = h("input");
          box.type = "checkbox";
          box.checked = s.models.includes(model);
          box.value = model;
          box.addEventListener("change", () => {
            const chosen = all.filter((m) => (m === model ? box.checked : s.models.includes(m)));
            // At least one model: the last box cannot be unticked.
            if (chosen.length === 0) box.checked = true;
            else set(key, chosen);
          });
          label.append(box, modelName(model));
          models.append(label);
        }
        return models;
      }
      case "choice": {
        const select = h("select");
        for (const value of info.values) {
          const option = h("option", value);
          option.value = value;
          option.selected = value === valueAt(s, key);
          select.append(option);
        }
        select.addEventListener("change", () => set(key, select.value));
        return select;
      }
      case "structured":
        if (isCategoryDays(info, valueAt(s, key))) return categoryDays(f, valueAt(s, key) as Record<string, number>, (table) => set(key, table));
        if (key === "platformChannels") return trackedChannels(key);
        if (key === "platformFeeChannelRates") return channelRates(f);
        throw new Error(`the settings panel cannot show the structured setting ${info.path}`);
      default:
        throw new Error(`the settings panel cannot show a ${info.kind} setting (${info.path})`);
    }
  };
  const salesChannels = catalogue.channels.salesChannels.map((c) => c.id);
  // The channels the platform's click rule pays on: every one ticked is the engine's default (none named).
  const trackedChannels = (key: string): HTMLElement => {
    const group = h("div", undefined, "model-checks");
    group.setAttribute("role", "group");
    const named = valueAt(s, key) as string[];
    const boxes = salesChannels.map((channel) => {
      const label = h("label", undefined, "check");
      const box = h("input");
      box.type = "checkbox";
      box.value = channel;
      box.checked = named.length === 0 || named.includes(channel);
      label.append(box, salesChannelLabel(channel));
      group.append(label);
      return box;
    });
    for (const box of boxes) {
      box.addEventListener("change", () => {
        const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
        // At least one channel: the last box cannot be unticked.
        if (ticked.length === 0) box.checked = true;
        else set(key, ticked.length === boxes.length ? [] : ticked);
      });
    }
    return group;
  };
  // A rate per sales channel; left empty, the channel's orders pay the category's or the default fee.
  const channelRates = ({ key, info }: Field): HTMLElement => {
    const list = h("div", undefined, "weights");
    for (const channel of salesChannels) {
      const item = h("label", undefined, "weight");
      const input = h("input");
      const rates = valueAt(s, key) as Record<string, string>;
      Object.assign(input, { type: "text", value: rates[channel] ?? "", size: 6, inputMode: "decimal", placeholder: "—" });
      input.dataset.option = `${info.path}.${channel}`;
      input.setAttribute("aria-label", tr("Platform fee on {channel}", { channel: salesChannelLabel(channel) }));
      input.addEventListener("input", () => {
        const { [channel]: _, ...others } = valueAt(s, key) as Record<string, string>;
        const typed = input.value.trim();
        set(key, typed === "" ? others : { ...others, [channel]: typed });
      });
      item.append(salesChannelLabel(channel), input);
      list.append(item);
    }
    return list;
  };
  const row = (f: Field): HTMLDivElement => field(local(f.info.label), local(f.info.help), control(f), f.info.path);

  const fields = panelFields(catalogue);
  const byCategory = (f: Field): boolean => f.info.path.startsWith("categoryWindows.");
  group(tr("Models and baseline"), fields.report.filter((f) => !byCategory(f)).map(row));
  group(local(setting(catalogue, "report", "windows").label), fields.report.filter(byCategory).map(row));

  // A model whose parameters are several of one kind (touch-type weights) gets one row of them, named by the model.
  const rows: HTMLElement[] = [];
  const placed = new Set<string>();
  for (const model of catalogue.models) {
    const own = fields.model.filter((f) => model.settings.includes(f.key) && !placed.has(f.key));
    for (const f of own) placed.add(f.key);
    const prefix = own[0]?.key.split(".")[0] ?? "";
    if (own.length > 1 && own.every((f) => f.key.startsWith(`${prefix}.`))) rows.push(weights(local(model.label), local(model.about), prefix, own, numberInput));
    else rows.push(...own.map(row));
  }
  group(tr("Model parameters"), rows);
  group(tr("Commission"), fields.money.map(row));
  group(tr("Orders across platforms"), fields.orders.map(row));

  const thresholds = s.thresholds.slice(0, -1).map((tier, i) => {
    const input = h("input");
    Object.assign(input, { type: "number", min: "1", step: "1000", value: String(tier.minFollowers) });
    input.addEventListener("input", () => {
      if (!Number.isInteger(input.valueAsNumber) || input.valueAsNumber < 1) return;
      s = { ...s, thresholds: s.thresholds.map((t, j) => (j === i ? { ...t, minFollowers: input.valueAsNumber } : t)) };
      changed(s);
    });
    return field(tr("{tier} from (followers)", { tier: tier.name }), tr("Creators without a tier in the roster are placed by followers."), input, `tiers.${tier.name}`);
  });
  if (thresholds.length) group(local(setting(catalogue, "campaign", "tiers").label), thresholds);
  host.replaceChildren(...groups);
}

/** The window by category's table as one line to edit: `skincare=60, snacks=14`; `edited` gets each table that reads. */
function categoryDays({ info }: Field, table: Record<string, number>, edited: (table: Record<string, number>) => void): HTMLInputElement {
  const input = h("input");
  Object.assign(input, { type: "text", value: Object.entries(table).map(([name, days]) => `${name}=${days}`).join(", "), size: 32, spellcheck: false });
  input.placeholder = Object.entries(info.default as Record<string, number>).map(([name, days]) => `${name}=${days}`).join(", ");
  input.addEventListener("input", () => {
    const read = readCategoryDays(info, input.value);
    const note = input.closest(".setting")?.querySelector<HTMLElement>(".field-error");
    if (note) markInvalid(input, note, typeof read === "string" ? read : null);
    if (typeof read !== "string") edited(read);
  });
  return input;
}

/** `skincare=60, snacks=14` (commas, Chinese commas or new lines between) as a table, or why it does not read. */
export function readCategoryDays(info: SettingInfo, text: string): Record<string, number> | string {
  const table: Record<string, number> = {};
  for (const pair of text.split(/[,，;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const at = pair.search(/[=＝:：]/);
    const [name, days] = at < 0 ? [pair, ""] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    if (name === "" || days === "") return tr("Write each category as name=days, e.g. {example}", { example: "skincare=60" });
    if (Object.hasOwn(table, name)) return tr("{category} is given twice", { category: name });
    const value = Number(days);
    if (!/^\d+$/.test(days) || !allows(info, value)) return tr("{category}: the days must be a whole number from {min} to {max}", { category: name, min: info.min ?? 1, max: info.max ?? "" });
    table[name] = value;
  }
  return table;
}

/** One row of number inputs, one per kind (`touchWeights.save`…), each labelled by the catalogue. */
function weights(label: string, hint: string, prefix: string, own: Field[], numberInput: (f: Field) => HTMLInputElement): HTMLDivElement {
  const list = h("div", undefined, "weights");
  for (const f of own) {
    const item = h("label", undefined, "weight");
    const input = numberInput(f);
    input.dataset.option = f.info.path;
    input.title = local(f.info.help);
    input.setAttribute("aria-label", tr("Weight of a {type}", { type: local(f.info.label) }));
    item.append(local(f.info.label), input);
    list.append(item);
  }
  return field(label, hint, list, prefix);
}

/**
 * Marks the field the engine refused (by its option path, as nested in the options object the
 * engine was given) with the engine's reason under it, clearing any earlier mark.
 */
function markRefused(host: HTMLElement, catalogue: Catalogue | null, refused: Refusal | null): void {
  for (const control of host.querySelectorAll<HTMLElement>("[aria-invalid]")) {
    const note = control.closest(".setting")?.querySelector<HTMLElement>(".field-error");
    if (note) markInvalid(control, note, null);
    else control.removeAttribute("aria-invalid");
  }
  const option = refused?.option;
  if (!refused || !option) return;
  const nestings = (catalogue?.groups ?? []).flatMap((g) => g.nestedIn.map(([, key]) => `${key}.`));
  const paths = [option, ...nestings.filter((prefix) => option.startsWith(prefix)).map((prefix) => option.slice(prefix.length))];
  const control = [...host.querySelectorAll<HTMLElement>("[data-option]")].find((c) => paths.includes(c.dataset.option ?? ""));
  const note = control?.closest(".setting")?.querySelector<HTMLElement>(".field-error");
  if (control && note) markInvalid(control, note, tell(refusalPhrase(catalogue, refused)));
  else control?.setAttribute("aria-invalid", "true");
}

/** What the panel shows: the catalogue, language and settings it was drawn from or last gave the store. */
let shown: { catalogue: Catalogue; lang: string; settings: ModelSettings } | null = null;

export const settings: View = {
  id: "settings",
  tab: "settings",
  watches: ["catalogue", "settings", "lang", "refused"],
  mount() {},
  render(state: Readonly<PageState>) {
    const host = element("settings");
    const { catalogue, settings: values, lang } = state;
    if (!catalogue || !values) return;
    if (shown?.catalogue !== catalogue || shown.lang !== lang || shown.settings !== values) {
      shown = { catalogue, lang, settings: values };
      draw(host, catalogue, values, (next) => {
        if (shown) shown.settings = next;
        editSettings(next);
      });
    }
    markRefused(host, catalogue, state.refused);
  },
};
