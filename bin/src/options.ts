// The options objects a command line builds, one per catalogue group, each value placed by the
// setting's JSON path, plus what the user typed for each (so a refusal can name the flag).
import type {
  BudgetOptions,
  Catalogue,
  CheckOptions,
  CampaignOptions,
  CompareOptions,
  LagOptions,
  MarkovExport,
  ModelOptions,
  MoneyOptions,
  PathsExport,
  ReportOptions,
  SampleOptions,
  SettingGroup,
  SqlOptions,
} from "../../www/pkg/kol_attribution.js";

/** The TypeScript type of each group's options object (the catalogue's `typeName`). */
export interface GroupTypes {
  model: ModelOptions;
  report: ReportOptions;
  campaign: CampaignOptions;
  compare: CompareOptions;
  money: MoneyOptions;
  budget: BudgetOptions;
  pathsExport: PathsExport;
  markovExport: MarkovExport;
  sample: SampleOptions;
  sql: SqlOptions;
  check: CheckOptions;
  lag: LagOptions;
}
// A new group in the engine fails the build here until it has a type above.
type Covers<T extends true> = T;
export type EveryGroupTyped = Covers<SettingGroup extends keyof GroupTypes ? true : false>;

/** A value the user gave: which flag, with what text, set which path (possibly inside a structure). */
export interface Given {
  group: SettingGroup;
  path: string;
  flag: string;
  text: string;
}

type Json = Record<string, unknown>;

export class OptionSet {
  private readonly objects = new Map<SettingGroup, Json>();
  readonly given: Given[] = [];

  constructor(private readonly catalogue: Catalogue) {}

  /** Sets `path` (dotted) of `group`'s object; `from` records what the user typed for it. */
  set(group: SettingGroup, path: string, value: unknown, from?: { flag: string; text: string }): void {
    let object = this.objects.get(group);
    if (!object) this.objects.set(group, (object = {}));
    const keys = path.split(".");
    const last = keys.pop() as string;
    for (const key of keys) {
      const next = object[key];
      object = (object[key] = typeof next === "object" && next !== null ? next : {}) as Json;
    }
    object[last] = value;
    if (from) this.given.push({ group, path, flag: from.flag, text: from.text });
  }

  /** Records what the user typed for a path set as part of a larger value (a list item, a map key). */
  note(group: SettingGroup, path: string, flag: string, text: string): void {
    this.given.push({ group, path, flag, text });
  }

  get(group: SettingGroup, path: string): unknown {
    let value: unknown = this.objects.get(group);
    for (const key of path.split(".")) value = typeof value === "object" && value !== null ? (value as Json)[key] : undefined;
    return value;
  }

  has(group: SettingGroup, path: string): boolean {
    return this.get(group, path) !== undefined;
  }

  /** The flags the user gave for settings of `group` (for refusing those a mode does not use). */
  givenIn(group: SettingGroup, paths?: readonly string[]): Given[] {
    return this.given.filter((g) => g.group === group && (!paths || paths.some((p) => g.path === p || g.path.startsWith(`${p}.`) || g.path.startsWith(`${p}[`))));
  }

  /**
   * `group`'s options object with the groups nested in it (the catalogue's `nestedIn`: the model
   * group under `modelOptions`, the campaign group under `input`, …), leaving out `without`.
   */
  build<G extends SettingGroup>(group: G, without: readonly SettingGroup[] = []): GroupTypes[G] {
    return this.assemble(group, without) as GroupTypes[G];
  }

  private assemble(group: SettingGroup, without: readonly SettingGroup[]): Json {
    const object: Json = structuredClone(this.objects.get(group) ?? {});
    for (const child of this.catalogue.groups) {
      if (without.includes(child.id) || !this.objects.has(child.id)) continue;
      for (const [parent, key] of child.nestedIn) {
        if (parent === group) object[key] = this.assemble(child.id, without);
      }
    }
    return object;
  }
}
