// What a command declares: its words, the catalogue groups (and settings) it takes, and the few
// flags only the command line has (files, output format).
import type { Catalogue, SettingGroup } from "../../www/pkg/kol_attribution.js";
import type { Engine } from "./engine.js";
import type { Parsed } from "./args.js";

/** A flag the command line itself owns: an input or output file, the output format. */
export interface LocalFlag {
  name: string;
  metavar: string;
  help: string;
  boolean?: true;
}

/** A catalogue group the command takes, all its settings or `only` these paths. */
export interface Takes {
  group: SettingGroup;
  only?: readonly string[];
}

export interface Command {
  name: string;
  /** One line: what it gives. */
  summary: string;
  usage: readonly string[];
  /** Paragraphs after the usage; may read the catalogue (model lists and the like). */
  about?: (catalogue: Catalogue) => string;
  takes: readonly Takes[];
  /** Files it reads or writes. */
  files: readonly LocalFlag[];
  /** Output formats, the first the default; none for a command that writes one thing. */
  formats?: readonly { name: string; help: string }[];
  /** Other flags of its own (--gross). */
  flags?: readonly LocalFlag[];
  examples?: readonly string[];
  run(parsed: Parsed, engine: Engine): Promise<void>;
}

const campaignFile = (name: string, help: string): LocalFlag => ({ name, metavar: "FILE", help });

export const CAMPAIGN_FLAGS: readonly LocalFlag[] = [
  campaignFile("kols", "creator roster (kol_id, handle, tier, followers, category, flat_fee, commission_rate)"),
  campaignFile("touchpoints", "touch log (journey_id, kol_id, timestamp, touch_type; source for an ad's or search's touch with an empty kol_id; note_id)"),
  campaignFile("orders", "orders (order_id, journey_id, timestamp, value, refunded_amount or returned, channel, promo_code)"),
  campaignFile("notes", "optional: the notes creators published (note_id, kol_id, published_at, format, fee, boost_spend, title); note fees replace roster flat fees"),
  campaignFile("spend", "optional: what ads and search cost (source, date, spend)"),
];

export const PATHS_FLAG: LocalFlag = {
  name: "paths",
  metavar: "FILE",
  help: "aggregated paths instead (path, total_conversions, total_conversion_value, total_null; with a window_days column, as `kol-attribution sql` writes it, every window in it)",
};

export const JSON_FORMAT = { name: "json", help: "the same result object the page gets" };
export const CSV_FORMAT = (what: string) => ({ name: "csv", help: what });
