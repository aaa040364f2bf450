// Generated from the Rust types by `cargo test` (src/api/typescript.rs); do not edit.
// To regenerate: UPDATE_TYPES=1 cargo test --lib typescript

export type Model = "first_touch" | "last_touch" | "linear" | "time_decay" | "position_based" | "touch_weighted" | "platform_last_click" | "markov" | "shapley" | "incremental";

export type TouchWeights = { view?: number, like?: number, comment?: number, save?: number, click?: number, qrScan?: number, promoCode?: number, other?: number, };

export type ModelOptions = { 
/**
 * `time_decay`: days for a touch's weight to halve (default 7, as Google's model).
 */
halfLifeDays?: number, 
/**
 * `position_based`: share of the first touch (default 0.4).
 */
firstShare?: number, 
/**
 * `position_based`: share of the last touch (default 0.4); the middle touches split the rest.
 */
lastShare?: number, 
/**
 * `touch_weighted`: weight per touch type.
 */
touchWeights?: TouchWeights, 
/**
 * `linear`: split equally among the distinct creators of a journey instead of its touches.
 */
uniqueCreators?: boolean, 
/**
 * `platform_last_click`: hours a click counts before the order (default 72, from 1 to 720).
 */
clickWindowHours?: number, 
/**
 * `markov`: how many past channels a state remembers, 1 to 4 (default 1).
 */
markovOrder?: number, 
/**
 * `markov`: read a creator repeated back to back as one touch (default false).
 */
collapseRepeats?: boolean, 
/**
 * `shapley`: random orders drawn for a channel set too large to enumerate (default 2000).
 */
shapleyPermutations?: number, 
/**
 * Seed of every random draw (Shapley's sampled orders, bootstrap resamples); default 7.
 */
seed?: number, };

export type Baseline = { 
/**
 * The baseline model (default `last_touch`).
 */
model: Model, 
/**
 * The baseline lookback window in days (`null`: 30 in options, none for paths results).
 */
days: number | null, };

export type ModelUnattributed = { 
/**
 * The model.
 */
model: Model, 
/**
 * Conversions credited to no one.
 */
conversions: number, 
/**
 * Their value.
 */
value: string, 
/**
 * Their value after refunds.
 */
netValue: string, };

export type Levels = "both" | "creator" | "tier" | "note" | "group" | "all" | "auto";

export type PathColumns = { 
/**
 * Column holding the path (default `path`).
 */
path?: string, 
/**
 * Column holding conversions (default `total_conversions`); required.
 */
conversions?: string, 
/**
 * Column holding conversion value (default `total_conversion_value`); optional in the file.
 */
value?: string, 
/**
 * Column holding non-converting journeys (default `total_null`); optional in the file.
 */
nulls?: string, 
/**
 * Column holding value after refunds (default `total_net_value`); optional in the file, and
 * equal to the value when absent.
 */
netValue?: string, 
/**
 * Column holding each row's lookback window in days (default `window_days`), for a file that
 * holds several windows (as the warehouse SQL writes it); optional in the file.
 */
window?: string, };

export type PathsOptions = { 
/**
 * Text between channels in a path (default `" > "`); spaces around channels are trimmed.
 */
separator?: string, 
/**
 * Cell delimiter; detected from the header row (comma, tab or semicolon) when absent.
 */
delimiter?: string, 
/**
 * Header names.
 */
columns?: PathColumns, };

export type CompareOptions = { 
/**
 * Models to compute, in report order (default: every model the paths support: all nine when
 * they carry touch types and ages, else the six that need neither).
 */
models?: Array<Model>, 
/**
 * The model every cell is compared against (default `last_touch`).
 */
baseline?: Model, 
/**
 * The models' parameters.
 */
modelOptions?: ModelOptions, 
/**
 * How to read the paths file.
 */
paths?: PathsOptions, };

export type Totals = { 
/**
 * Path rows read; for a campaign window, orders plus non-converting journeys.
 */
paths: number, 
/**
 * Conversions (orders).
 */
conversions: number, 
/**
 * Conversion value, exact, as a decimal string.
 */
value: string, 
/**
 * Conversion value after refunds, exact, as a decimal string.
 */
netValue: string, 
/**
 * Non-converting journeys.
 */
nulls: number, 
/**
 * Decimal places every value is given to (at least 2, the fen).
 */
valueScale: number, };

export type ChannelCredit = { 
/**
 * The model.
 */
model: Model, 
/**
 * The channel (creator `kol_id`, tier, or path channel).
 */
channel: string, 
/**
 * Conversions credited (fractional).
 */
conversions: number, 
/**
 * Share of all conversions, 0 to 1.
 */
conversionShare: number, 
/**
 * Value credited, rounded to `totals.valueScale` decimals by largest remainder so that a
 * model's values and its unattributed value sum exactly to `totals.value`.
 */
value: string, 
/**
 * Share of all value, 0 to 1 (of the rounded `value`).
 */
valueShare: number, 
/**
 * Value after refunds credited, rounded like `value`.
 */
netValue: string, 
/**
 * `value` minus the baseline's value for this channel.
 */
valueChange: string, 
/**
 * `valueChange` as a percentage of the baseline's value; `null` when that is zero.
 */
valueChangePercent: number | null, 
/**
 * `conversions` minus the baseline's.
 */
conversionsChange: number, 
/**
 * `valueShare` minus the baseline's, as a fraction (0.05 is five percentage points).
 */
valueShareChange: number, 
/**
 * 90% bootstrap interval of `valueShare` (tiers of a campaign report, when asked for).
 */
interval: [number, number] | null, };

export type RemovalEffect = { 
/**
 * The channel.
 */
channel: string, 
/**
 * `1 − P(conv | removed) / P(conv)`.
 */
conversion: number, 
/**
 * The same for expected conversion value.
 */
value: number, 
/**
 * The same for expected value after refunds.
 */
netValue: number, };

export type Transition = { 
/**
 * From state: `(start)` or channels joined by ` > `, oldest first.
 */
from: string, 
/**
 * To state, or `(conversion)` / `(null)`.
 */
to: string, 
/**
 * Probability, 0 to 1.
 */
probability: number, };

export type MarkovChain = { 
/**
 * How many channels a state remembers.
 */
order: number, 
/**
 * Transient states, `start` included.
 */
states: number, 
/**
 * `P(conv)` from `start`.
 */
conversionProbability: number, 
/**
 * Per channel (input order).
 */
removalEffects: Array<RemovalEffect>, 
/**
 * Every transition with a probability above zero, by from state.
 */
transitions: Array<Transition>, };

export type ShapleySummary = { 
/**
 * Distinct channel sets with conversions.
 */
convertingSets: number, 
/**
 * Of those, sets above [`MAX_EXACT`] channels, estimated by sampling orders.
 */
sampledSets: number, 
/**
 * Random orders asked for per sampled set.
 */
permutations: number, 
/**
 * Sampled sets so large that [`SAMPLING_BUDGET`] gave them fewer orders than asked for.
 */
cappedSets: number, 
/**
 * The fewest orders a sampled set got: `permutations` unless a set was capped (0 when
 * nothing was sampled).
 */
fewestPermutations: number, 
/**
 * [`SAMPLING_BUDGET`]: the most steps (orders × channels) spent on one set.
 */
samplingBudget: number, 
/**
 * The largest standard error of a sampled share `φᵢ / v(S)` (0 when nothing was sampled).
 */
maxStandardError: number, };

export type TypeStrength = { 
/**
 * The touch type.
 */
touchType: string, 
/**
 * Its hazard relative to a view's (a view is 1).
 */
strength: number, };

export type TierEffects = { 
/**
 * The tier.
 */
tier: string, 
/**
 * A view's hazard from this tier's typical creator, at age 0, between other touches.
 */
strength: number, 
/**
 * Multiplier of its touches' hazard when opening a journey of several touches.
 */
opening: number, 
/**
 * Multiplier when closing one.
 */
closing: number, 
/**
 * Expected conversions its touches added over every journey of the window.
 */
expectedIncremental: number, };

export type CreatorLift = { 
/**
 * `kol_id`.
 */
creator: string, 
/**
 * A view's hazard from this creator, relative to its tier's typical creator.
 */
lift: number, 
/**
 * Touches in the window's journeys.
 */
touches: number, 
/**
 * Conversions credited (its incremental share of the orders).
 */
conversions: number, };

export type IncrementalSummary = { 
/**
 * Days for a touch's effect to halve.
 */
halfLifeDays: number, 
/**
 * A journey's chance to buy with no touch at all (the organic baseline).
 */
baselineProbability: number, 
/**
 * Each touch type's strength relative to a view (a view is 1).
 */
touchTypes: Array<TypeStrength>, 
/**
 * Per tier: its strength and how much more (or less) its touches do when they open or
 * close a journey.
 */
tiers: Array<TierEffects>, 
/**
 * Per creator (roster order): its strength and what it caused.
 */
creators: Array<CreatorLift>, 
/**
 * Whether the fit converged, and in how many iterations.
 */
converged: boolean, 
/**
 * Optimizer iterations.
 */
iterations: number, 
/**
 * Journeys (segments) the model was fitted on, converting or not.
 */
journeys: number, };

export type Comparison = { 
/**
 * Models computed, in the order requested.
 */
models: Array<Model>, 
/**
 * Channels in input order (creators: roster order; tiers: largest first).
 */
channels: Array<string>, 
/**
 * Totals of the input.
 */
totals: Totals, 
/**
 * What each model credits to no one, in `models` order.
 */
unattributed: Array<ModelUnattributed>, 
/**
 * What the changes are measured against.
 */
baseline: Baseline, 
/**
 * One entry per model and channel: models in `models` order, channels in `channels` order.
 */
credits: Array<ChannelCredit>, 
/**
 * `markov`'s removal effect per channel, `channels` order; empty unless `markov` was
 * computed at this level (tiers sum their creators' credit, so they have none).
 */
removalEffects: Array<RemovalEffect>, 
/**
 * How `shapley`'s values were found, when it was computed.
 */
shapley: ShapleySummary | null, 
/**
 * What would have happened anyway, per model that estimates it (`incremental`): its own row,
 * never pushed onto channels; a model's credits, organic and unattributed sum to the totals.
 */
organic: Array<ModelUnattributed>, 
/**
 * What `incremental` learned (type strengths, half-life, tier and creator effects), when it
 * was computed.
 */
incremental: IncrementalSummary | null, };

export type WindowComparison = { 
/**
 * The window in days; `null` for a file without a window column.
 */
days: number | null, 
/**
 * Every requested model, against the baseline model in the same window.
 */
comparison: Comparison, };

export type PathWindows = { 
/**
 * One per window, shortest first.
 */
windows: Array<WindowComparison>, 
/**
 * Models these paths cannot give, because they need each touch's time or type and the file has
 * no `touch_types` and `touch_ages_seconds` columns: for those, give the event-level files
 * (creators, touchpoints, orders) or paths with those columns.
 */
needsEvents: Array<Model>, };

export type Severity = "error" | "warning";

export type ProblemCode = "empty_input" | "missing_column" | "duplicate_column" | "malformed_row" | "missing_cell" | "empty_path" | "not_a_number" | "ambiguous_amount" | "negative" | "too_large" | "too_many_decimals" | "too_many_channels" | "too_many_problems" | "invalid_encoding" | "not_a_timestamp" | "invalid_rate" | "unknown_value" | "empty_cell" | "duplicate_id" | "refund_exceeds_value" | "unknown_creator" | "unknown_touch_type" | "order_without_touches" | "touch_after_last_order" | "future_date" | "excel_dates" | "time_out_of_range" | "date_only_orders" | "unused_column" | "header_not_first" | "duplicate_row" | "mangled_id" | "partial_return" | "separator_in_name";

export type Problem = { 
/**
 * Which input it is in (`paths`, `creators`, …).
 */
file: string, 
/**
 * 1-based line in the file where the offending row starts.
 */
line: number, 
/**
 * 1-based column position, when the problem is in one cell.
 */
column: number | null, 
/**
 * The column's header name, when known.
 */
columnName: string | null, 
/**
 * The offending text, exactly as given.
 */
value: string | null, 
/**
 * What kind of problem it is.
 */
code: ProblemCode, 
/**
 * Whether it stops the computation.
 */
severity: Severity, 
/**
 * Plain-language reason, in English; the page translates by `code`.
 */
message: string, };

export type TextEncoding = "utf8" | "utf16le" | "utf16be" | "gb18030";

export type DecodedText = { 
/**
 * The text, without a byte-order mark.
 */
text: string, 
/**
 * The encoding it was read as.
 */
encoding: TextEncoding, };

export type CampaignInputs = { 
/**
 * The creator roster.
 */
creators: string, 
/**
 * The touch log.
 */
touchpoints: string, 
/**
 * The orders.
 */
orders: string, 
/**
 * The notes creators published (optional: empty when not given).
 */
notes?: string, 
/**
 * What each ad or search source cost (optional: empty when not given).
 */
spend?: string, };

export type TierSpec = { 
/**
 * The tier's name as reports show it.
 */
name: string, 
/**
 * Fewest followers a creator of this tier has.
 */
minFollowers: number, 
/**
 * Other spellings accepted in a roster's tier column (matched ignoring case and spaces).
 */
aliases?: Array<string>, };

export type UtcOffset = number;

export type ColumnOverrides = { 
/**
 * For the roster: `kol_id`, `handle`, `tier`, `followers`, `category`, `flat_fee`, `commission_rate`.
 */
creators?: { [key in string]: string }, 
/**
 * For the touch log: `journey_id`, `kol_id`, `timestamp`, `touch_type`, `source`, `note_id`.
 */
touchpoints?: { [key in string]: string }, 
/**
 * For the orders: `order_id`, `journey_id`, `timestamp`, `value`, `refunded_amount`, `returned`,
 * `channel`, `promo_code`.
 */
orders?: { [key in string]: string }, 
/**
 * For the notes file: `note_id`, `kol_id`, `published_at`, `format`, `fee`, `boost_spend`, `title`.
 */
notes?: { [key in string]: string }, 
/**
 * For the spend file: `source`, `date`, `spend`.
 */
spend?: { [key in string]: string }, };

export type DateOnlyOrders = "end_of_day" | "start_of_day";

export type PromoCodeTouches = "add" | "off";

export type CampaignOptions = { 
/**
 * Tier names and follower thresholds (default: mega, mid-tier, micro, KOC).
 */
tiers?: Array<TierSpec>, 
/**
 * Minutes east of UTC for times written without an offset (default 480, China Standard Time).
 */
utcOffsetMinutes?: UtcOffset, 
/**
 * Where an order written with a date alone is placed in its day, when touches give times
 * (default the end of the day).
 */
dateOnlyOrders?: DateOnlyOrders, 
/**
 * Explicit header names.
 */
columns?: ColumnOverrides, 
/**
 * Whether an order's known promo code or QR id adds a touch where the log has none (default add).
 */
promoCodeTouches?: PromoCodeTouches, 
/**
 * The present, in Unix seconds, to flag future dates; no check when absent.
 */
now?: number, };

export type Level = "creator" | "tier" | "note";

export type Intervals = { 
/**
 * Resamples per window (default 200; 0 computes no intervals).
 */
resamples?: number, };

export type TruthScore = { 
/**
 * The lookback window, in days.
 */
days: number, 
/**
 * The model.
 */
model: Model, 
/**
 * `Σ_tiers |share of conversions − share of true incremental conversions|`, 0 to 2.
 */
error: number, 
/**
 * The same over creators, when the truth has creators and the report creator credit.
 */
creatorError: number | null, };

export type CategoryWindows = { 
/**
 * Whether the report has the window by category beside its fixed windows (default off).
 */
enabled?: boolean, 
/**
 * Lookback days per product category, as the orders' `category` column writes it (default:
 * the catalogue's table, skincare 60, snacks 14, luxury 120); a table given replaces it whole.
 */
days?: { [key in string]: number }, 
/**
 * Days for orders with no category or one the table does not name, and for journeys that
 * never converted (default 30).
 */
otherDays?: number, };

export type ReportOptions = { 
/**
 * Models, in report order (default: every model).
 */
models?: Array<Model>, 
/**
 * Lookback windows in days (bounds and default: the catalogue's `windows` entry).
 */
windows?: Array<number>, 
/**
 * The window by product category, reported after the fixed windows when enabled (off by
 * default): each order looks back its category's days.
 */
categoryWindows?: CategoryWindows, 
/**
 * What every cell is compared against (default: last touch at 30 days); computed even when
 * that model or window is not among those shown.
 */
baseline?: Baseline, 
/**
 * The models' parameters.
 */
modelOptions?: ModelOptions, 
/**
 * Creators, tiers or both (default both).
 */
level?: Levels, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, 
/**
 * Bootstrap intervals of the tier shares (default 200 resamples).
 */
intervals?: Intervals, 
/**
 * Known true incremental conversions per tier (a generated campaign's), to score every
 * model against; empty by default.
 */
truth?: Array<TierTruth>, 
/**
 * Experiments the brand ran (holdouts, paused creators), to hold every model against; the
 * incremental model's fit takes them in.
 */
liftTests?: Array<LiftTest>, };

export type MarkovExport = { 
/**
 * The lookback window, in days (default 30).
 */
days?: number, 
/**
 * Creators, tiers or notes as states (default creators).
 */
level?: Level, 
/**
 * Channels a state remembers, 1 to 4 (default 1).
 */
order?: number, 
/**
 * Read a channel repeated back to back as one (default false).
 */
collapseRepeats?: boolean, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, };

export type PathsMarkov = { 
/**
 * Channels a state remembers, 1 to 4 (default 1).
 */
order?: number, 
/**
 * Read a channel repeated back to back as one (default false).
 */
collapseRepeats?: boolean, 
/**
 * How to read the paths file.
 */
paths?: PathsOptions, };

export type PathsExport = { 
/**
 * The lookback window, in days (default 30).
 */
days?: number, 
/**
 * Creators, tiers or notes (default creators).
 */
level?: Level, 
/**
 * Value after refunds instead of before (default true).
 */
net?: boolean, 
/**
 * Add each converting path's touch types and ages (`touch_types`, `touch_ages_seconds`), so
 * time decay, touch-weighted and the platform's click can run on the paths (default false).
 */
events?: boolean, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, };

export type TierCount = { 
/**
 * Tier name.
 */
tier: string, 
/**
 * Creators in it.
 */
creators: number, };

export type UnmatchedCode = { 
/**
 * The orders' column it is in: `promo_code` or `qr_id`.
 */
column: string, 
/**
 * The code as written on its first order in the file.
 */
code: string, 
/**
 * Orders carrying it.
 */
orders: number, 
/**
 * The line of its first order in the order file.
 */
line: number, };

export type CodeMatch = { 
/**
 * Orders carrying a promo code or a QR id.
 */
ordersWithCode: number, 
/**
 * Of those, the orders with a code (or QR id) some creator in the roster has.
 */
matched: number, 
/**
 * Touches added for them (none with `promoCodeTouches` off, nor where the log had one).
 */
touchesAdded: number, 
/**
 * Codes no creator has, most orders first, then by first line.
 */
unmatched: Array<UnmatchedCode>, };

export type Summary = { 
/**
 * Creators, including those only seen in touches (not the ads and search sources).
 */
creators: number, 
/**
 * Channels that are not creators: the ads and search sources the touch log names.
 */
sources: number, 
/**
 * Creators per tier, largest tier first, then `unknown`.
 */
tiers: Array<TierCount>, 
/**
 * Touches read.
 */
touchpoints: number, 
/**
 * Distinct journeys (users).
 */
journeys: number, 
/**
 * Orders read.
 */
orders: number, 
/**
 * Order value before refunds.
 */
value: string, 
/**
 * Amount refunded.
 */
refunded: string, 
/**
 * Order value after refunds.
 */
netValue: string, 
/**
 * First and last touch, ISO 8601 in the campaign's time zone.
 */
touchRange: [string, string] | null, 
/**
 * First and last order, ISO 8601 in the campaign's time zone.
 */
orderRange: [string, string] | null, 
/**
 * How the orders' promo codes and QR ids matched the roster's, and the touches they added.
 */
promoCodes: CodeMatch, };

export type CreatorInfo = { 
/**
 * `kol_id`, the channel name at creator level.
 */
id: string, 
/**
 * Display name.
 */
handle: string, 
/**
 * Tier name.
 */
tier: string, 
/**
 * Followers, when the roster gives them.
 */
followers: number | null, 
/**
 * Its channel group: `creators`, or for an ad or search source `paid`, `owned`, `organic`, `other`.
 */
group: string, };

export type NoteInfo = { 
/**
 * `note_id`, the channel name at note level.
 */
id: string, 
/**
 * Its creator's `kol_id`.
 */
kolId: string, 
/**
 * When it was published, ISO 8601 in the campaign's time zone, when the notes file says.
 */
publishedAt: string | null, 
/**
 * Image or video, as written.
 */
format: string | null, 
/**
 * What the brand paid for it.
 */
fee: string | null, 
/**
 * Paid amplification (加热, 薯条).
 */
boostSpend: string | null, 
/**
 * Its title or topic.
 */
title: string | null, };

export type Unattributed = { 
/**
 * How many orders.
 */
orders: number, 
/**
 * Their value before refunds.
 */
value: string, 
/**
 * Their value after refunds.
 */
netValue: string, };

export type CategoryLookback = { 
/**
 * The category, as the orders write it.
 */
category: string, 
/**
 * Its lookback, in days.
 */
days: number, 
/**
 * Its orders.
 */
orders: number, };

export type CategoryWindowReport = { 
/**
 * Every category of the table, by name, with its orders (0 for one no order uses).
 */
categories: Array<CategoryLookback>, 
/**
 * Days for every other order and for journeys that never converted.
 */
otherDays: number, 
/**
 * Orders without a category (on `otherDays`).
 */
uncategorisedOrders: number, 
/**
 * Categories of the orders the table does not name, each on `otherDays`.
 */
unlisted: Array<CategoryLookback>, 
/**
 * Categories of the table no order has.
 */
unused: Array<string>, };

export type WindowReport = { 
/**
 * The window, in days; 0 for the window by category (see `byCategory`).
 */
days: number, 
/**
 * The window by category's table and what it did with the orders' categories; `null` for a
 * fixed window.
 */
byCategory: CategoryWindowReport | null, 
/**
 * Credit per creator (channels are `kol_id`s), unless only tiers were asked for.
 */
creators: Comparison | null, 
/**
 * Credit per tier (each the sum of its creators), unless only creators were asked for.
 */
tiers: Comparison | null, 
/**
 * Credit per note (each creator's split among its notes), when asked for and the campaign
 * names notes.
 */
notes: Comparison | null, 
/**
 * Credit per channel group (creators, paid, owned, organic), when asked for.
 */
groups: Comparison | null, 
/**
 * The creators' credit per sales channel the orders land on (see `report::sales`); no
 * organic rows: a model's channels sum to its creators' credit.
 */
salesChannels: Comparison | null, };

export type CampaignReport = { 
/**
 * What was read.
 */
summary: Summary, 
/**
 * Every creator, roster order, then those only seen in touches, then ads and search sources.
 */
creators: Array<CreatorInfo>, 
/**
 * Every note: the notes file's, then those only seen in touches.
 */
notes: Array<NoteInfo>, 
/**
 * One entry per window, shortest first.
 */
windows: Array<WindowReport>, 
/**
 * What was noticed but did not stop the computation.
 */
warnings: Array<Problem>, 
/**
 * Every model's distance from the known truth per window, when a truth was given.
 */
truthScores: Array<TruthScore>, 
/**
 * Per lift test, window and model: what the model implies against what the test measured.
 */
liftChecks: Array<LiftCheck>, };

export type ResampleRange = { 
/**
 * The first resample drawn, from 0.
 */
from: number, 
/**
 * The resample after the last one drawn.
 */
to: number, 
/**
 * Whether this part gives the incremental model's interval (when the model is chosen):
 * exactly one part of a window does.
 */
incremental: boolean, };

export type ResampledShares = { 
/**
 * The window, as the report names it (0 for the window by category).
 */
days: number, 
/**
 * The window's resamples in all.
 */
resamples: number, 
/**
 * The resamples of this part.
 */
range: ResampleRange, 
/**
 * The models, in the report's order.
 */
models: Array<Model>, 
/**
 * The tiers, in the report's order.
 */
tiers: Array<string>, 
/**
 * Per model and tier, the tier's share in each resample of the part (none for the
 * incremental model, which is not resampled).
 */
shares: Array<Array<Array<number>>>, 
/**
 * The incremental model's interval per tier, in the part asked for it when the model is
 * chosen.
 */
incremental: Array<[number, number]> | null, };

export type TierInterval = { 
/**
 * The model.
 */
model: Model, 
/**
 * The tier, as the report's tier credits name it.
 */
channel: string, 
/**
 * The 5th and 95th percentile.
 */
interval: [number, number], };

export type WindowIntervals = { 
/**
 * The window, as the report names it (0 for the window by category).
 */
days: number, 
/**
 * Every model's interval for every tier.
 */
intervals: Array<TierInterval>, };

export type BonusRule = { 
/**
 * Only creators of this tier; any tier when absent.
 */
tier?: string, 
/**
 * Attributed net value the creator must reach.
 */
threshold: string | number, 
/**
 * The bonus.
 */
amount: string | number, };

export type MoneyOptions = { 
/**
 * Which attribution decides who earns commission (default: the platform's last click; any
 * model shows what a fair scheme would pay) and its lookback window.
 */
basis?: Baseline, 
/**
 * Commission rate when neither the creator nor its category has one (default 10%).
 */
defaultRate?: string | number, 
/**
 * Commission rate per creator category (the roster's `category`).
 */
categoryRates?: Record<string, string | number>, 
/**
 * Days after the order (or its `confirmed_at`) before commission is payable (default 15, 0–90).
 */
holdingDays?: number, 
/**
 * The date statuses are given at, in Unix seconds (default: the latest date in the data).
 */
asOf?: number, 
/**
 * Performance bonuses.
 */
bonuses?: Array<BonusRule>, 
/**
 * The platform's transaction fee on order value, a brand-side cost (default 5%).
 */
platformFeeRate?: string | number, 
/**
 * The platform's fee per product category (the orders' `category`), where it differs.
 */
platformFeeRates?: Record<string, string | number>, 
/**
 * The platform's fee per sales channel of the orders (`xhs_shop`, `tmall`, `jd`, `d2c`,
 * `other`, or a Chinese spelling), where it differs; wins over the category's.
 */
platformFeeChannelRates?: Record<string, string | number>, 
/**
 * The sales channels whose orders the platform tracks, so its click rule (the
 * `platform_last_click` basis) pays commission only on them (default: every channel).
 */
platformChannels?: Array<string>, 
/**
 * The models' parameters (for the basis).
 */
modelOptions?: ModelOptions, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, };

export type LineKind = "commission" | "clawback";

export type LineStatus = "pending" | "payable" | "cancelled" | "clawed_back";

export type LedgerLine = { 
/**
 * The creator (`kol_id`).
 */
kolId: string, 
/**
 * The order.
 */
orderId: string, 
/**
 * The order's line in the orders file.
 */
orderLine: number, 
/**
 * Commission or clawback.
 */
kind: LineKind, 
/**
 * Status at the report's date.
 */
status: LineStatus, 
/**
 * The creator's commission rate.
 */
rate: string, 
/**
 * The creator's share of the order, under the basis (1 for the platform rule).
 */
share: number, 
/**
 * Commission before any refund.
 */
grossAmount: string, 
/**
 * What the line pays (negative for a clawback; 0 when cancelled).
 */
amount: string, 
/**
 * When it becomes payable (commission) or is taken back (clawback), `YYYY-MM-DD` local.
 */
date: string, };

export type WeekTotal = { 
/**
 * The creator.
 */
kolId: string, 
/**
 * Monday of the week, `YYYY-MM-DD`.
 */
week: string, 
/**
 * Sum of the week's lines (clawbacks negative).
 */
amount: string, };

export type CreatorCost = { 
/**
 * The creator.
 */
kolId: string, 
/**
 * Tier name.
 */
tier: string, 
/**
 * Commission rate used.
 */
rate: string, 
/**
 * Flat fee (roster `flat_fee`, or `note_fee` × `notes`; the notes file's fees and boosts when it
 * gives them); for an ad or search source, its spend.
 */
flatFee: string, 
/**
 * Commission, net of cancellations and clawbacks.
 */
commission: string, 
/**
 * Performance bonuses earned.
 */
bonus: string, 
/**
 * Fee + commission + bonus.
 */
total: string, 
/**
 * Net value attributed under the commission basis, to the fen.
 */
attributedNetValue: string, };

export type MoneyTotals = { 
/**
 * Σ flat fees.
 */
flatFees: string, 
/**
 * Σ ledger amounts.
 */
commission: string, 
/**
 * Σ amounts of payable lines.
 */
payable: string, 
/**
 * Σ amounts of pending lines.
 */
pending: string, 
/**
 * Σ clawbacks (negative).
 */
clawedBack: string, 
/**
 * Σ bonuses.
 */
bonuses: string, 
/**
 * Fees + commission + bonuses.
 */
creatorCosts: string, 
/**
 * The platform's transaction fee on all order value (by category where set), a brand-side
 * cost, rounded half-up once on the total.
 */
platformFee: string, };

export type ChannelMoney = { 
/**
 * The sales channel (`xhs_shop`, `tmall`, `jd`, `d2c`, `other`).
 */
channel: string, 
/**
 * Its orders.
 */
orders: number, 
/**
 * Their value before refunds.
 */
value: string, 
/**
 * Their value after refunds.
 */
netValue: string, 
/**
 * The value after refunds the basis credits to creators here; the channels sum to the
 * creators' `attributedNetValue` exactly.
 */
creditedNetValue: string, 
/**
 * Commission on its orders (the ledger's lines, net of cancellations and clawbacks).
 */
commission: string, 
/**
 * The platform's fee on its orders; the channels sum to the total platform fee exactly.
 */
platformFee: string, 
/**
 * `creditedNetValue ÷ (commission + platformFee)`; `null` when both are zero.
 */
returnOnSpend: number | null, };

export type MoneyReport = { 
/**
 * Which attribution decided who earns commission.
 */
basis: Baseline, 
/**
 * The rounding rule, in words.
 */
rounding: string, 
/**
 * The date statuses are given at, `YYYY-MM-DD`.
 */
asOf: string, 
/**
 * Every line, by date, then order, then creator.
 */
ledger: Array<LedgerLine>, 
/**
 * Payouts per creator per week, by week then creator.
 */
calendar: Array<WeekTotal>, 
/**
 * Every creator's cost, roster order.
 */
creators: Array<CreatorCost>, 
/**
 * Totals.
 */
totals: MoneyTotals, 
/**
 * Per sales channel the orders land on: commission, credited value, platform fee and return.
 */
salesChannels: Array<ChannelMoney>, };

export type RoiRow = { 
/**
 * The lookback window, in days.
 */
days: number, 
/**
 * `note`, `creator`, `tier` or `group`.
 */
level: string, 
/**
 * The model.
 */
model: Model, 
/**
 * The creator's `kol_id` or the tier.
 */
channel: string, 
/**
 * What the channel costs: fees, commission and bonuses (the same under every model).
 */
cost: string, 
/**
 * Net value the model attributes to the channel.
 */
netValue: string, 
/**
 * Return on spend, `netValue / cost`; `null` when nothing was spent.
 */
roas: number | null, 
/**
 * `cost / conversions`; `null` without conversions.
 */
costPerOrder: string | null, 
/**
 * Commission the basis actually pays.
 */
paidCommission: string, 
/**
 * Commission the model says was earned: rate × the net value it credits.
 */
earnedCommission: string, 
/**
 * `paidCommission − earnedCommission`: above 0, paid more than this model says was earned.
 */
payGap: string, };

export type Metric = "net_value" | "conversions";

export type BudgetMethod = "follow_credit" | "marginal_return";

export type CurveShape = "hill" | "power";

export type TierConstraint = { 
/**
 * The tier; absent, the constraint applies to every tier without one of its own.
 */
tier?: string | null, 
/**
 * The least the tier may get: an amount or a multiple of current spend (`"0.5x"`).
 */
min?: string | number | null, 
/**
 * The most the tier may get: an amount or a multiple of current spend (`"2x"`).
 */
max?: string | number | null, 
/**
 * Keep the tier at its current spend (e.g. contracts already signed).
 */
locked?: boolean, };

export type BudgetOptions = { 
/**
 * Next period's budget (default: what the tiers cost now: fees, commission and bonuses).
 */
budget?: string | number | null, 
/**
 * What a tier returns (default net value).
 */
metric?: Metric, 
/**
 * The response curve's family (default Hill).
 */
curve?: CurveShape, 
/**
 * Hill: the spend at which a tier reaches half its ceiling, as a multiple of its current
 * spend (default 1: today's spend is already halfway; larger leaves more room to grow).
 */
halfSaturation?: number, 
/**
 * Hill: steepness, 0.1 to 1 (default 1); lower flattens the curve.
 */
slope?: number, 
/**
 * Power: the exponent, 0.05 to 0.95 (default 0.5: four times the spend, twice the return).
 */
exponent?: number, 
/**
 * Per-tier limits; one without a tier applies to every tier not named.
 */
constraints?: Array<TierConstraint>, };

export type TierBudget = { 
/**
 * Tier name.
 */
tier: string, 
/**
 * What the tier costs now: fees, commission and bonuses of its creators.
 */
currentSpend: string, 
/**
 * The least any proposal gives it.
 */
min: string, 
/**
 * The most any proposal gives it.
 */
max: string, 
/**
 * Held at its current spend.
 */
locked: boolean, 
/**
 * Has a response curve: false when it costs nothing now (nothing to calibrate against), and
 * then it stays at ¥0.
 */
calibrated: boolean, };

export type LimitHit = "locked" | "minimum" | "maximum" | "no_curve";

export type TierProposal = { 
/**
 * Tier name.
 */
tier: string, 
/**
 * What the tier costs now.
 */
currentSpend: string, 
/**
 * What it would get.
 */
proposedSpend: string, 
/**
 * `proposedSpend − currentSpend`.
 */
change: string, 
/**
 * The change in percent of current spend; `null` when it spends nothing now.
 */
changePercent: number | null, 
/**
 * What the model attributes to it now (the metric's unit).
 */
currentReturn: string, 
/**
 * What its response curve expects at the proposed spend.
 */
expectedReturn: string, 
/**
 * Return of the next yuan at the proposed spend; `null` without a curve or where the curve
 * is vertical (a power curve at ¥0).
 */
marginalReturn: number | null, 
/**
 * The limit that decided the proposal, if one did.
 */
limit: LimitHit | null, };

export type BudgetPlan = { 
/**
 * Lookback window, in days.
 */
days: number, 
/**
 * The attribution model whose credit calibrates the curves.
 */
model: Model, 
/**
 * How the proposal was made.
 */
method: BudgetMethod, 
/**
 * Every tier, in the campaign's tier order.
 */
tiers: Array<TierProposal>, 
/**
 * Σ current returns: what the model attributes to the tiers at today's split.
 */
currentReturn: string, 
/**
 * Σ expected returns at the proposal.
 */
expectedReturn: string, 
/**
 * `expectedReturn − currentReturn`.
 */
lift: string, 
/**
 * The lift in percent of the current return; `null` when that is zero.
 */
liftPercent: number | null, };

export type Disagreement = { 
/**
 * Lookback window, in days.
 */
days: number, 
/**
 * How the proposals were made.
 */
method: BudgetMethod, 
/**
 * Tier name.
 */
tier: string, 
/**
 * The model proposing the least.
 */
lowestModel: Model, 
/**
 * Its proposal.
 */
lowest: string, 
/**
 * The model proposing the most.
 */
highestModel: Model, 
/**
 * Its proposal.
 */
highest: string, 
/**
 * `highest − lowest`.
 */
spread: string, };

export type BudgetReport = { 
/**
 * The budget split.
 */
budget: string, 
/**
 * What the tiers cost now, in total.
 */
currentSpend: string, 
/**
 * What returns are counted in.
 */
metric: Metric, 
/**
 * The response curve, with its parameters, in words.
 */
curve: string, 
/**
 * Each tier's spend now and its limits.
 */
tiers: Array<TierBudget>, 
/**
 * One per window, model and method.
 */
plans: Array<BudgetPlan>, 
/**
 * One per window, method and tier.
 */
disagreements: Array<Disagreement>, };

export type SampleProcess = "noisy_or" | "hazard" | "logistic";

export type SampleOptions = { 
/**
 * Journeys (users), converting or not (default 3000).
 */
journeys?: number, 
/**
 * Creators (default 40).
 */
creators?: number, 
/**
 * Random seed; the same seed gives the same bytes (default 7).
 */
seed?: number, 
/**
 * How a journey decides to buy (default `noisy_or`).
 */
process?: SampleProcess, 
/**
 * Hazard of buying with no touch (default 0.003).
 */
organic?: number, 
/**
 * Days for a touch's effect to halve (default 21 × ln 2).
 */
halfLifeDays?: number, 
/**
 * Power of the touch types' strengths (default 1).
 */
typeContrast?: number, 
/**
 * Log-normal spread of creators around their tier (default 0).
 */
creatorSpread?: number, 
/**
 * Opening and closing roles by tier (default off).
 */
roles?: boolean, 
/**
 * Category baselines and lifts (default off).
 */
categories?: boolean, 
/**
 * Chance a touch repeats the creator before it (default 0).
 */
repeats?: number, 
/**
 * What a creator's n-th touch in a journey counts, to the power n − 1 (default 1).
 */
repeatReturn?: number, 
/**
 * Promo codes typed on orders the touch log never saw (default off; the roster always gives
 * each creator's code, and orders after a logged code touch carry it).
 */
promoCodes?: boolean, };

export type CreatorTruth = { 
/**
 * `kol_id`.
 */
creator: string, 
/**
 * Expected conversions that would not happen without this creator's touches.
 */
incrementalConversions: number, 
/**
 * The creator's touches.
 */
touches: number, 
/**
 * Its strength relative to its tier's (1 unless `creatorSpread`).
 */
lift: number, };

export type TierTruth = { 
/**
 * Tier name.
 */
tier: string, 
/**
 * Expected conversions that would not happen without this tier's touches.
 */
incrementalConversions: number, 
/**
 * Touches by creators of this tier.
 */
touches: number, 
/**
 * The tier's creators (roster order); none in a truth written before creators were.
 */
creators?: Array<CreatorTruth>, };

export type TouchTypeTruth = { 
/**
 * The touch type.
 */
touchType: string, 
/**
 * Its strength relative to a view's.
 */
strength: number, };

export type RoleTruth = { 
/**
 * The tier.
 */
tier: string, 
/**
 * Multiplier of a touch opening a journey of several touches.
 */
opening: number, 
/**
 * Multiplier of a touch closing one.
 */
closing: number, };

export type OracleCredit = { 
/**
 * Conversions that would have happened anyway.
 */
organic: number, 
/**
 * Per tier, as `truth` lists them.
 */
tiers: Array<number>, 
/**
 * Per creator, in roster order (`kol_001` first).
 */
creators: Array<number>, };

export type ProcessTruth = { 
/**
 * The process.
 */
process: SampleProcess, 
/**
 * Expected conversions over every journey.
 */
conversions: number, 
/**
 * Expected conversions had no journey been touched: what happens anyway (organic).
 */
organicConversions: number, 
/**
 * Days for a touch's effect to halve.
 */
halfLifeDays: number, 
/**
 * Each touch type's strength relative to a view's.
 */
touchTypes: Array<TouchTypeTruth>, 
/**
 * Per tier, the multiplier of a touch opening and of one closing a journey of several
 * touches (1 and 1 without `roles`).
 */
roles: Array<RoleTruth>, 
/**
 * What a model knowing this process exactly would credit on the orders drawn: how close any
 * model can come on this campaign (the orders are one draw of the process, the truth its
 * expectation).
 */
oracle: OracleCredit, };

export type SampleCampaign = { 
/**
 * The three inputs, as CSV text.
 */
inputs: CampaignInputs, 
/**
 * Every tier's true incremental conversions, and within it every creator's.
 */
truth: Array<TierTruth>, 
/**
 * The process's own parameters and totals.
 */
process: ProcessTruth, };

export type LiftTest = { 
/**
 * What to call it in results (default: "test 1", "test 2", …).
 */
name?: string, 
/**
 * Tiers whose creators' touches were withheld.
 */
tiers?: Array<string>, 
/**
 * Creators (`kol_id`) whose touches were withheld.
 */
creators?: Array<string>, 
/**
 * The period's first day, `YYYY-MM-DD`.
 */
from: string, 
/**
 * The period's last day (included), `YYYY-MM-DD`.
 */
to: string, 
/**
 * What it measured as incremental conversions (or give `relativeLift`).
 */
incrementalConversions?: number, 
/**
 * What it measured as the relative lift, `0.12` for 12% (or give `incrementalConversions`).
 */
relativeLift?: number, 
/**
 * The 90% interval's low end, in the same measure.
 */
low: number, 
/**
 * Its high end.
 */
high: number, };

export type LiftCheck = { 
/**
 * The test's name.
 */
test: string, 
/**
 * The lookback window, in days.
 */
days: number, 
/**
 * The model.
 */
model: Model, 
/**
 * What the model implies, in the test's measure.
 */
implied: number, 
/**
 * What the test measured.
 */
measured: number, 
/**
 * Its 90% interval.
 */
low: number, 
/**
 * Its 90% interval's high end.
 */
high: number, 
/**
 * Whether the model's number is inside the interval.
 */
inside: boolean, };

export type CheckOptions = { 
/**
 * The lookback window of the journeys checked, in days.
 */
days?: number, 
/**
 * How many parts the journeys are split into; each is scored by a fit on the others.
 */
folds?: number, 
/**
 * Models to check (default: every model that gives a probability).
 */
models?: Array<Model>, 
/**
 * The models' parameters.
 */
modelOptions?: ModelOptions, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, };

export type CalibrationBin = { 
/**
 * Mean predicted probability in the decile.
 */
predicted: number, 
/**
 * Share of its journeys that converted.
 */
observed: number, 
/**
 * Journeys in it.
 */
journeys: number, };

export type ModelScore = { 
/**
 * The model.
 */
model: Model, 
/**
 * Mean held-out log-loss (lower is better; the base rate's is `baseRateLogLoss`).
 */
logLoss: number, 
/**
 * Mean squared error of the predicted probability (lower is better).
 */
brier: number, 
/**
 * Predicted against observed conversion rate, by decile of the prediction.
 */
calibration: Array<CalibrationBin>, };

export type ModelCheck = { 
/**
 * The lookback window, in days.
 */
days: number, 
/**
 * Folds.
 */
folds: number, 
/**
 * Journeys scored (orders with eligible touches and paths that did not convert).
 */
journeys: number, 
/**
 * Of which converted.
 */
conversions: number, 
/**
 * Log-loss of predicting every journey the other folds' conversion rate: a model that does
 * not beat it has learned nothing from the touches.
 */
baseRateLogLoss: number, 
/**
 * Brier score of the same.
 */
baseRateBrier: number, 
/**
 * Each model checked, best log-loss first.
 */
models: Array<ModelScore>, 
/**
 * Models asked for that give no probability (rule-based: they split orders that happened).
 */
withoutProbability: Array<Model>, };

export type LagOptions = { 
/**
 * The share of orders, in percent, the suggested window must cover (default 90).
 */
coveragePercent?: number, 
/**
 * How to read the inputs.
 */
input?: CampaignOptions, };

export type LagBucket = { 
/**
 * Its first value (window days, or touches).
 */
from: number, 
/**
 * Its last value; `null` for the last, open bucket.
 */
to: number | null, 
/**
 * Orders in it.
 */
orders: number, 
/**
 * Their share of the histogram's orders (0 when it has none).
 */
share: number, 
/**
 * Share of the histogram's orders in this bucket and every one before it: for window days,
 * the share a window of `to` days keeps.
 */
cumulativeShare: number, };

export type LagHistogram = { 
/**
 * Orders counted; the buckets' orders sum to it.
 */
orders: number, 
/**
 * The bars, in order.
 */
buckets: Array<LagBucket>, 
/**
 * The least whole number of days (or touches) that covers the options' share of these
 * orders; `null` when there are none.
 */
covering: number | null, };

export type TierLag = { 
/**
 * The tier.
 */
tier: string, 
/**
 * Window days from the tier's latest touch to each order it touched.
 */
fromLatestTouch: LagHistogram, };

export type CategoryLag = { 
/**
 * The orders' `category`, as written.
 */
category: string, 
/**
 * Window days from the journey's first touch; its `covering` is the category's suggested window.
 */
fromFirstTouch: LagHistogram, };

export type AgeBucket = { 
/**
 * First day since publishing.
 */
from: number, 
/**
 * Last day, `null` for the open-ended last bucket.
 */
to: number | null, 
/**
 * Conversions credited to touches on notes of this age.
 */
conversions: number, 
/**
 * Their share of all credit to dated notes.
 */
share: number, };

export type TierNoteAge = { 
/**
 * The tier.
 */
tier: string, 
/**
 * Its notes' credit by age.
 */
buckets: Array<AgeBucket>, 
/**
 * Shares of that credit more than 30, 60 and 90 days after publishing.
 */
after: [number, number, number], };

export type NoteLateness = { 
/**
 * `note_id`.
 */
noteId: string, 
/**
 * Its creator's `kol_id`.
 */
kolId: string, 
/**
 * Conversions credited to its touches.
 */
conversions: number, 
/**
 * Shares of that credit more than 30, 60 and 90 days after publishing.
 */
after: [number, number, number], };

export type NoteAge = { 
/**
 * Conversions credited to touches on dated notes.
 */
conversions: number, 
/**
 * By age.
 */
buckets: Array<AgeBucket>, 
/**
 * Shares of all that credit more than 30, 60 and 90 days after publishing.
 */
after: [number, number, number], 
/**
 * The days `after` counts from: 30, 60, 90.
 */
afterDays: [number, number, number], 
/**
 * Per tier, in report order (tiers with no dated note left out).
 */
tiers: Array<TierNoteAge>, 
/**
 * Every dated note with credit, most credited first.
 */
notes: Array<NoteLateness>, };

export type TimeLag = { 
/**
 * The share of orders, in percent, each `covering` covers.
 */
coveragePercent: number, 
/**
 * The longest lookback window, in days: touches older than this before an order are not counted.
 */
maxWindowDays: number, 
/**
 * Every order.
 */
orders: number, 
/**
 * Orders with at least one touch before them (since the user's previous order): the ones measured.
 */
converting: number, 
/**
 * Orders with none.
 */
withoutTouches: number, 
/**
 * Window days from the journey's first touch: its `covering` is the window that keeps every
 * touch of the share of orders (the suggested window).
 */
fromFirstTouch: LagHistogram, 
/**
 * Window days from the journey's latest touch: its `covering` is the window that leaves the
 * share of orders with at least one touch to credit.
 */
fromLastTouch: LagHistogram, 
/**
 * Touches per converting journey (the path length).
 */
touches: LagHistogram, 
/**
 * Every touch counted, over all converting journeys.
 */
touchesTotal: number, 
/**
 * Per tier (the campaign's tiers, largest first, then `unknown` when a creator is unknown),
 * from that tier's latest touch, over the orders it touched.
 */
tiers: Array<TierLag>, 
/**
 * Per product category (the orders' `category`, by name), when orders carry one.
 */
categories: Array<CategoryLag>, 
/**
 * Converting orders without a category (counted overall, in no category).
 */
withoutCategory: number, 
/**
 * Said when nothing could be measured, and why.
 */
note: string | null, 
/**
 * What reading the campaign noticed (orders without touches, unknown creators…).
 */
warnings: Array<Problem>, 
/**
 * Credit by the age of the notes touched, when the notes file gives publish dates.
 */
noteAge: NoteAge | null, };

export type Dialect = "duckdb" | "bigquery" | "spark";

export type SqlTables = { 
/**
 * The roster's table (default `creators`).
 */
creators?: string, 
/**
 * The touch log's table (default `touchpoints`).
 */
touchpoints?: string, 
/**
 * The orders' table (default `orders`).
 */
orders?: string, };

export type SqlOptions = { 
/**
 * The dialect (default `DuckDB`).
 */
dialect?: Dialect, 
/**
 * Lookback windows in days (default 7, 14, 30, 60, 90, 120).
 */
windows?: Array<number>, 
/**
 * Creator, tier or note paths (default creator); notes read the touch log's `note_id`.
 */
level?: Level, 
/**
 * The input tables' names.
 */
tables?: SqlTables, 
/**
 * Add each converting path's `touch_types` and `touch_ages_seconds` (default false).
 */
events?: boolean, 
/**
 * Read the touch log's `source` column: ads and search as channels (default false).
 */
sources?: boolean, 
/**
 * Read the roster's and the orders' `promo_code`: an order carrying a creator's code adds
 * that creator's promo-code touch, as the calculator does (default false).
 */
promoCodes?: boolean, };

export type SettingGroup = "model" | "report" | "campaign" | "compare" | "money" | "budget" | "pathsExport" | "markovExport" | "sample" | "sql" | "check" | "lag";

export type CatalogueText = { 
/**
 * English.
 */
en: string, 
/**
 * Simplified Chinese.
 */
zh: string, };

export type ModelInfo = { 
/**
 * The id the API, files and CLI use.
 */
id: Model, 
/**
 * Its name in a table or chart.
 */
label: CatalogueText, 
/**
 * One line on what it credits.
 */
about: CatalogueText, 
/**
 * Needs each touch's time or type (not available on plain aggregated paths).
 */
needsEvents: boolean, 
/**
 * Fitted on every journey at once rather than applied order by order.
 */
dataDriven: boolean, 
/**
 * Can decide who earns commission.
 */
commissionBasis: boolean, 
/**
 * Part of the default model list.
 */
inDefault: boolean, 
/**
 * Runs on a campaign's files only, never on an aggregated paths file.
 */
campaignOnly: boolean, 
/**
 * Gives each journey a probability to convert, so the model check can score it.
 */
givesProbability: boolean, 
/**
 * Paths of its parameters among the `model` group's settings.
 */
settings: Array<string>, };

export type SettingInfo = { 
/**
 * The options object it belongs to (see `groups`).
 */
group: SettingGroup, 
/**
 * Its JSON path in that object, as errors name it.
 */
path: string, 
/**
 * Its CLI flag without dashes, if the CLI takes it on its own.
 */
flag: string | null, 
/**
 * What the flag's value is called in `--help` (empty for a switch).
 */
metavar: string, 
/**
 * `number`, `flag`, `choice`, `model`, `models`, `windows`, `rate`, `amount`, `text`, `date`
 * or `structured`.
 */
kind: string, 
/**
 * A number's least value.
 */
min: number | null, 
/**
 * A number's greatest value.
 */
max: number | null, 
/**
 * The number must be strictly above `min`.
 */
aboveMin: boolean, 
/**
 * The number must be whole.
 */
whole: boolean, 
/**
 * The step a form's arrows move by.
 */
step: number | null, 
/**
 * A choice's names, or the models a `model` setting allows.
 */
values: Array<string>, 
/**
 * The default: a number, boolean, text, list, table of days per category, or `null` when
 * computed from the data.
 */
default: number | boolean | string | Array<string> | Array<number> | { [category: string]: number } | null, 
/**
 * The unit its numbers are in, or empty.
 */
unit: string, 
/**
 * The model it parameterises.
 */
model: Model | null, 
/**
 * How a structured value's item is written on the command line.
 */
syntax: string | null, 
/**
 * Why a value out of range is refused, in the engine's words (numbers only).
 */
rule: string | null, 
/**
 * A short label.
 */
label: CatalogueText, 
/**
 * One line of help.
 */
help: CatalogueText, };

export type ShorthandInfo = { 
/**
 * The flag, without dashes.
 */
flag: string, 
/**
 * What its value looks like.
 */
metavar: string, 
/**
 * The group of the settings it sets.
 */
group: SettingGroup, 
/**
 * Text between its parts, in order; `null`: `NAME=VALUE` pairs separated by commas.
 */
separator: string | null, 
/**
 * Each part's name and the path of the setting it sets.
 */
parts: Array<[string, string]>, 
/**
 * One line of help.
 */
help: CatalogueText, };

export type GroupInfo = { 
/**
 * The group's name, as settings name it.
 */
id: SettingGroup, 
/**
 * The TypeScript type of its options object.
 */
typeName: string, 
/**
 * (group, key): it sits under `key` in that group's options object.
 */
nestedIn: Array<[SettingGroup, string]>, };

export type ChannelInfo = { 
/**
 * The id in files, reports and options.
 */
id: string, 
/**
 * Its name in a table or chart.
 */
label: CatalogueText, 
/**
 * A source's channel group (`null` for a group or a sales channel).
 */
group: string | null, };

export type ChannelsInfo = { 
/**
 * The channel groups: `creators`, then the groups of sources (each a tier after the creator tiers).
 */
groups: Array<ChannelInfo>, 
/**
 * The sources a touch log's `source` column may name (`other` for any other).
 */
sources: Array<ChannelInfo>, 
/**
 * The sales channels orders land on (the orders' `channel` column).
 */
salesChannels: Array<ChannelInfo>, };

export type Catalogue = { 
/**
 * The engine's version.
 */
version: string, 
/**
 * The longest lookback window, in days (the shortest is 1).
 */
maxWindowDays: number, 
/**
 * Every model, in report order.
 */
models: Array<ModelInfo>, 
/**
 * Every options object.
 */
groups: Array<GroupInfo>, 
/**
 * Every option.
 */
settings: Array<SettingInfo>, 
/**
 * CLI flags that set several options at once.
 */
shorthands: Array<ShorthandInfo>, 
/**
 * The channels that are not creators: their ids and labels.
 */
channels: ChannelsInfo, };
