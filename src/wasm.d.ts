// Generated from the Rust types by `cargo test` (src/typescript.rs); do not edit.
// To regenerate: UPDATE_TYPES=1 cargo test --lib typescript

export type Model = "first_touch" | "last_touch" | "linear";

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
nulls?: string, };

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
 * Models to compute, in report order (default: every model).
 */
models?: Array<Model>, 
/**
 * How to read the paths file.
 */
paths?: PathsOptions, };

export type Totals = { 
/**
 * Path rows read.
 */
paths: number, 
/**
 * Conversions over all paths.
 */
conversions: number, 
/**
 * Conversion value over all paths, exact, as a decimal string.
 */
value: string, 
/**
 * Non-converting journeys over all paths.
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
 * The channel (creator or tier) as named in the input.
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
 * model's values sum exactly to `totals.value`.
 */
value: string, 
/**
 * Share of all value, 0 to 1 (of the rounded `value`).
 */
valueShare: number, };

export type Comparison = { 
/**
 * Models computed, in the order requested.
 */
models: Array<Model>, 
/**
 * Channels in the order first seen in the input.
 */
channels: Array<string>, 
/**
 * Totals of the input.
 */
totals: Totals, 
/**
 * One entry per model and channel: models in `models` order, channels in `channels` order.
 */
credits: Array<ChannelCredit>, };

export type ProblemCode = "empty_input" | "missing_column" | "duplicate_column" | "malformed_row" | "missing_cell" | "empty_path" | "not_a_number" | "ambiguous_amount" | "negative" | "too_large" | "too_many_channels" | "too_many_problems" | "invalid_encoding" | "not_a_timestamp" | "invalid_rate" | "unknown_value" | "empty_cell" | "duplicate_id" | "refund_exceeds_value" | "unknown_creator" | "unknown_touch_type" | "order_without_touches" | "touch_after_last_order" | "future_date";

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
