// A campaign from the command line: its three files read once, its reading options, and the
// engine's ReadCampaign that reports and money reports reuse.
import type { CampaignInputs, CodeMatch, ReadCampaign } from "../../www/pkg/kol_attribution.js";
import type { Parsed } from "./args.js";
import type { Engine } from "./engine.js";
import { UsageError } from "./errors.js";
import { CAMPAIGN_FILES, type CampaignFlag, OPTIONAL_FILES, type OptionalFlag, readCampaignFiles } from "./files.js";
import { attempt, type Call } from "./refusal.js";

export interface Campaign {
  inputs: CampaignInputs;
  /** The engine's file names → the names the user gave. */
  files: Record<string, string>;
  /** A call on this campaign's options, for `attempt`. */
  call(group: Call["group"], passed: unknown, extra?: Partial<Call>): Call;
}

const FLAGS = Object.keys(CAMPAIGN_FILES) as CampaignFlag[];

export function campaignGiven(parsed: Parsed): boolean {
  return FLAGS.some((flag) => parsed.local[flag] !== undefined);
}

/** Reads the three files (all three are needed); `orPaths` when the command also takes --paths. */
export function readCampaign(engine: Engine, parsed: Parsed, orPaths = false): Campaign {
  const paths = Object.fromEntries(FLAGS.map((flag) => [flag, parsed.local[flag]])) as Record<CampaignFlag, string | undefined>;
  if (FLAGS.some((flag) => typeof paths[flag] !== "string")) {
    throw new UsageError(`a campaign needs all of --kols, --touchpoints and --orders${orPaths ? " (or use --paths)" : ""}`);
  }
  const optional: Partial<Record<OptionalFlag, string>> = {};
  for (const flag of Object.keys(OPTIONAL_FILES) as OptionalFlag[]) {
    const path = parsed.local[flag];
    if (typeof path === "string") optional[flag] = path;
  }
  // The present, so dates in the future are flagged.
  parsed.options.set("campaign", "now", Math.floor(Date.now() / 1000));
  const { inputs, files } = readCampaignFiles(engine, { ...(paths as Record<CampaignFlag, string>), ...optional });
  return {
    inputs,
    files,
    call: (group, passed, extra = {}) => ({ catalogue: parsed.catalogue, group, passed, options: parsed.options, files, ...extra }),
  };
}

/** The campaign read and checked once; `use` gets the engine's ReadCampaign, freed afterwards. */
export function withReadCampaign<T>(engine: Engine, parsed: Parsed, campaign: Campaign, use: (read: ReadCampaign) => T): T {
  const options = parsed.options.build("campaign");
  const read = attempt(campaign.call("campaign", options), () => engine.readCampaign(campaign.inputs, options));
  try {
    return use(read);
  } finally {
    read.free();
  }
}

/** A line on standard error while the engine works, so a long run is never silent. */
export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** JSON as the page gets it, two-space indented. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** How the orders' promo codes matched the roster's, one line for standard error; null when no order carries a code. */
export function codeMatchLine(codes: CodeMatch): string | null {
  if (codes.ordersWithCode === 0) return null;
  const percent = ((100 * codes.matched) / codes.ordersWithCode).toFixed(1);
  const added = `${codes.touchesAdded} touch${codes.touchesAdded === 1 ? "" : "es"} added`;
  const listed = codes.unmatched.slice(0, 10).map((u) => `${JSON.stringify(u.code)} (${u.orders})`);
  const more = codes.unmatched.length > 10 ? `, and ${codes.unmatched.length - 10} more` : "";
  const unmatched = listed.length ? `; no creator's: ${listed.join(", ")}${more}` : "";
  return `promo codes: ${codes.ordersWithCode} orders carry a code, ${codes.matched} (${percent}%) a creator's; ${added}${unmatched}`;
}
