// The lift tests' editor, in the model check view: a block of fields per test (who was withheld,
// from the roster's tiers and creators; the period; what was measured and its 90% interval), a
// button to add one and one to remove each. What is typed reaches the store at once (the report
// waits for a pause, then sends the tests); the editor is drawn again only when the tests change
// from elsewhere (a restore, a link), the roster or the language changes, so typing is never
// interrupted. A field the engine refuses is outlined with its reason, in the page's language.
import type { CampaignReport } from "../../pkg/kol_attribution.js";
import { element, h, markInvalid } from "../dom";
import { tell, tr } from "../i18n";
import { CREATOR, type LiftDraft, type LiftMeasure, TIER, emptyDraft } from "../lift";
import { liftField, refusalPhrase } from "../refusal";
import { type PageState, editLiftTests } from "../store";
import { tierLabels } from "../tiers";
import type { View } from "./view";

const host = (): HTMLElement => element("lift-editor");

/** What the editor was last drawn from, or last gave the store. */
let shown: { tests: LiftDraft[]; roster: string; lang: string } | null = null;

/** The tests as typed, block by block. */
function typed(): LiftDraft[] {
  return [...host().querySelectorAll<HTMLFieldSetElement>("fieldset.lift-test")].map((block) => {
    const value = (field: string): string => block.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"]`)?.value ?? "";
    const members = [...(block.querySelector<HTMLSelectElement>('[data-field="members"]')?.selectedOptions ?? [])].map((o) => o.value);
    return { name: value("name"), members, from: value("from"), to: value("to"), measure: value("measure") as LiftMeasure, value: value("value"), low: value("low"), high: value("high") };
  });
}

function edited(): void {
  const tests = typed();
  if (shown) shown = { ...shown, tests };
  editLiftTests(tests);
}

/** The roster as the members' menu offers it: tiers with creators, then creators. */
function rosterOf(report: CampaignReport | null): { tiers: string[]; creators: { id: string; handle: string; tier: string }[] } {
  const tiers = (report?.summary.tiers ?? []).filter((t) => t.creators > 0).map((t) => t.tier);
  return { tiers, creators: report?.creators ?? [] };
}

/** One labelled field of a test; its id carries the test's index, which the engine's refusals name. */
function labelled(index: number, field: string, text: string, control: HTMLInputElement | HTMLSelectElement): HTMLLabelElement {
  control.id = `lift-${index}-${field}`;
  control.dataset.field = field;
  const label = h("label", undefined, `lift-field lift-${field}`);
  label.append(h("span", text, "field-name"), control);
  return label;
}

function input(type: string, value: string): HTMLInputElement {
  const node = h("input");
  node.type = type;
  node.value = value;
  if (type === "number") node.step = "any";
  return node;
}

function block(test: LiftDraft, index: number, roster: ReturnType<typeof rosterOf>, tierName: (t: string) => string): HTMLFieldSetElement {
  const fieldset = h("fieldset", undefined, "lift-test");
  fieldset.append(h("legend", tr("Lift test {number}", { number: index + 1 })));
  const members = h("select");
  members.multiple = true;
  members.size = 5;
  const known = new Set<string>();
  const group = (label: string, options: [string, string][]): void => {
    if (options.length === 0) return;
    const optgroup = h("optgroup");
    optgroup.label = label;
    for (const [value, text] of options) {
      const option = h("option", text);
      option.value = value;
      option.selected = test.members.includes(value);
      known.add(value);
      optgroup.append(option);
    }
    members.append(optgroup);
  };
  group(tr("Tiers"), roster.tiers.map((t) => [`${TIER}${t}`, tierName(t)]));
  group(
    tr("Creators"),
    roster.creators.map((c) => [`${CREATOR}${c.id}`, c.handle && c.handle !== c.id ? `${c.handle} (${c.id})` : c.id]),
  );
  // Nothing typed is lost: a member the roster no longer has stays chosen, and the engine says so.
  group(
    tr("Not in the roster"),
    test.members.filter((m) => !known.has(m)).map((m) => [m, m.startsWith(TIER) ? m.slice(TIER.length) : m.slice(CREATOR.length)]),
  );
  const measure = h("select");
  for (const [value, text] of [
    ["incrementalConversions", tr("Incremental conversions")],
    ["relativeLift", tr("Relative lift (0.12 = 12%)")],
  ] as const) {
    const option = h("option", text);
    option.value = value;
    option.selected = test.measure === value;
    measure.append(option);
  }
  const remove = h("button", tr("Remove"), "secondary small lift-remove");
  remove.type = "button";
  remove.setAttribute("aria-label", tr("Remove lift test {number}", { number: index + 1 }));
  remove.addEventListener("click", () => {
    fieldset.remove();
    shown = null;
    editLiftTests(typed());
  });
  const error = h("p", undefined, "field-error");
  error.id = `lift-${index}-error`;
  error.hidden = true;
  error.setAttribute("role", "alert");
  const name = input("text", test.name);
  // Unnamed, a test is called by its number, as the results call it.
  name.placeholder = tr("Lift test {number}", { number: index + 1 });
  fieldset.append(
    labelled(index, "name", tr("Name"), name),
    labelled(index, "members", tr("Withheld"), members),
    labelled(index, "from", tr("From"), input("date", test.from)),
    labelled(index, "to", tr("Until"), input("date", test.to)),
    labelled(index, "measure", tr("Measured as"), measure),
    labelled(index, "value", tr("Measured"), input("number", test.value)),
    labelled(index, "low", tr("90% low"), input("number", test.low)),
    labelled(index, "high", tr("90% high"), input("number", test.high)),
    remove,
    error,
  );
  return fieldset;
}

function draw(state: Readonly<PageState>, roster: ReturnType<typeof rosterOf>, key: string): void {
  const tierName = tierLabels(state.settings);
  const add = h("button", tr("Add a lift test"), "secondary");
  add.id = "lift-add";
  add.type = "button";
  add.addEventListener("click", () => {
    const tests = [...typed(), emptyDraft()];
    shown = null;
    editLiftTests(tests);
    host().querySelector<HTMLElement>("fieldset.lift-test:last-of-type select")?.focus();
  });
  host().replaceChildren(...state.liftTests.map((t, i) => block(t, i, roster, tierName)), add);
  shown = { tests: state.liftTests, roster: key, lang: state.lang };
}

/** Outlines the field of the test the engine refused, with its reason under the test. */
function markRefused(state: Readonly<PageState>): void {
  for (const block of host().querySelectorAll<HTMLFieldSetElement>("fieldset.lift-test")) {
    const note = block.querySelector<HTMLElement>(".field-error");
    if (!note) continue;
    for (const control of block.querySelectorAll<HTMLElement>("[aria-invalid]")) markInvalid(control, note, null);
  }
  const refused = state.refused;
  const lift = liftField(refused?.option ?? null);
  if (!refused || !lift) return;
  const field = lift.field === "tiers" || lift.field === "creators" ? "members" : lift.field === "incrementalConversions" || lift.field === "relativeLift" ? "value" : lift.field;
  const control = document.getElementById(`lift-${lift.test}-${field}`);
  const note = document.getElementById(`lift-${lift.test}-error`);
  if (control && note) markInvalid(control, note, tell(refusalPhrase(state.catalogue, refused)));
}

export const liftEditor: View = {
  id: "lift-editor",
  tab: "check",
  watches: ["liftTests", "report", "refused", "lang", "settings"],
  mount() {
    host().addEventListener("input", (event) => {
      if ((event.target as HTMLElement).closest("fieldset.lift-test")) edited();
    });
  },
  render(state) {
    const roster = rosterOf(state.report);
    const key = JSON.stringify(roster);
    if (!shown || shown.tests !== state.liftTests || shown.roster !== key || shown.lang !== state.lang) draw(state, roster, key);
    markRefused(state);
  },
};
