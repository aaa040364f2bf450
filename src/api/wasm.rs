//! The JavaScript binding: the only module with `#[wasm_bindgen]` items. It converts types and
//! errors and nothing else; every capability lives in the plain modules.

use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::api::options::read_options;
use crate::catalogue::Group;
use crate::error::{Error, Problem, ProblemCode};
use crate::report::comparison::Comparison;

/// The catalogue groups of the options most calls take.
const CAMPAIGN: Option<Group> = Some(Group::Campaign);
const REPORT: Option<Group> = Some(Group::Report);
const MONEY: Option<Group> = Some(Group::Money);
use crate::report::paths::CompareOptions;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `CompareOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "CompareOptions")]
    #[derive(Debug)]
    pub type JsCompareOptions;
    /// `CampaignInputs` as a JS object.
    #[wasm_bindgen(typescript_type = "CampaignInputs")]
    #[derive(Debug)]
    pub type JsCampaignInputs;
    /// `ReportOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "ReportOptions")]
    #[derive(Debug)]
    pub type JsReportOptions;
    /// `CampaignReport` as a JS object.
    #[wasm_bindgen(typescript_type = "CampaignReport")]
    #[derive(Debug)]
    pub type JsCampaignReport;
    /// `PathsExport` as a JS object.
    #[wasm_bindgen(typescript_type = "PathsExport")]
    #[derive(Debug)]
    pub type JsPathsExport;
    /// `MarkovExport` as a JS object.
    #[wasm_bindgen(typescript_type = "MarkovExport")]
    #[derive(Debug)]
    pub type JsMarkovExport;
    /// `PathsMarkov` as a JS object.
    #[wasm_bindgen(typescript_type = "PathsMarkov")]
    #[derive(Debug)]
    pub type JsPathsMarkov;
    /// `MarkovChain` as a JS object.
    #[wasm_bindgen(typescript_type = "MarkovChain")]
    #[derive(Debug)]
    pub type JsMarkovChain;
    /// `SampleOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "SampleOptions")]
    #[derive(Debug)]
    pub type JsSampleOptions;
    /// `SampleCampaign` as a JS object.
    #[wasm_bindgen(typescript_type = "SampleCampaign")]
    #[derive(Debug)]
    pub type JsSampleCampaign;
    /// `DecodedText` as a JS object.
    #[wasm_bindgen(typescript_type = "DecodedText")]
    #[derive(Debug)]
    pub type JsDecodedText;
    /// `MoneyOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "MoneyOptions")]
    #[derive(Debug)]
    pub type JsMoneyOptions;
    /// `MoneyReport` as a JS object.
    #[wasm_bindgen(typescript_type = "MoneyReport")]
    #[derive(Debug)]
    pub type JsMoneyReport;
    /// `RoiRow[]` as a JS array.
    #[wasm_bindgen(typescript_type = "Array<RoiRow>")]
    #[derive(Debug)]
    pub type JsRoiRows;
    /// `BudgetOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "BudgetOptions")]
    #[derive(Debug)]
    pub type JsBudgetOptions;
    /// `BudgetReport` as a JS object.
    #[wasm_bindgen(typescript_type = "BudgetReport")]
    #[derive(Debug)]
    pub type JsBudgetReport;
    /// `PathWindows` as a JS object.
    #[wasm_bindgen(typescript_type = "PathWindows")]
    #[derive(Debug)]
    pub type JsPathWindows;
    /// `CampaignOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "CampaignOptions")]
    #[derive(Debug)]
    pub type JsCampaignOptions;
    /// `Summary` as a JS object.
    #[wasm_bindgen(typescript_type = "Summary")]
    #[derive(Debug)]
    pub type JsSummary;
    /// `Comparison` as a JS object.
    #[wasm_bindgen(typescript_type = "Comparison")]
    #[derive(Debug)]
    pub type JsComparison;
    /// `Catalogue` as a JS object.
    #[wasm_bindgen(typescript_type = "Catalogue")]
    #[derive(Debug)]
    pub type JsCatalogue;
    /// `CheckOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "CheckOptions")]
    #[derive(Debug)]
    pub type JsCheckOptions;
    /// `ModelCheck` as a JS object.
    #[wasm_bindgen(typescript_type = "ModelCheck")]
    #[derive(Debug)]
    pub type JsModelCheck;
    /// `LagOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "LagOptions")]
    #[derive(Debug)]
    pub type JsLagOptions;
    /// `TimeLag` as a JS object.
    #[wasm_bindgen(typescript_type = "TimeLag")]
    #[derive(Debug)]
    pub type JsTimeLag;
    /// `ResampleRange` as a JS object.
    #[wasm_bindgen(typescript_type = "ResampleRange")]
    #[derive(Debug)]
    pub type JsResampleRange;
    /// `ResampledShares` as a JS object.
    #[wasm_bindgen(typescript_type = "ResampledShares")]
    #[derive(Debug)]
    pub type JsResampledShares;
    /// `ResampledShares[]` as a JS array.
    #[wasm_bindgen(typescript_type = "Array<ResampledShares>")]
    #[derive(Debug)]
    pub type JsResampledSharesList;
    /// `WindowIntervals` as a JS object.
    #[wasm_bindgen(typescript_type = "WindowIntervals")]
    #[derive(Debug)]
    pub type JsWindowIntervals;
    /// `SqlOptions` as a JS object.
    #[wasm_bindgen(typescript_type = "SqlOptions")]
    #[derive(Debug)]
    pub type JsSqlOptions;
}

/// The last panic's message, kept so the caller can report it after the trap.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs a panic hook, so a bug is reported with its message instead of a bare `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(message);
        }
    }));
}

/// The message of the panic that trapped the last call, if any; clears it.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Reads and validates a campaign and says what was read, attributing nothing.
///
/// # Errors
/// A JS `Error` listing every problem in the inputs, or naming a refused option.
#[wasm_bindgen(js_name = campaignSummary)]
pub fn campaign_summary(inputs: &JsCampaignInputs, options: Option<JsCampaignOptions>) -> Result<JsSummary, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options: crate::campaign::CampaignOptions = options_or_default(options.map(Into::into), "options", CAMPAIGN)?;
    let summary = crate::report::campaign::campaign_summary(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&summary).map(JsCast::unchecked_into)
}

/// A campaign read and validated once: reports and money under new settings reuse it instead of
/// reading the files again (the caller reads again when the files or `input` options change).
#[wasm_bindgen]
#[derive(Debug)]
pub struct ReadCampaign {
    campaign: crate::campaign::Campaign,
}

/// Reads and validates a campaign once, for [`ReadCampaign::report`] and [`ReadCampaign::money`].
///
/// # Errors
/// A JS `Error` listing every problem in the inputs, or naming a refused option.
#[wasm_bindgen(js_name = readCampaign)]
pub fn read_campaign(inputs: &JsCampaignInputs, options: Option<JsCampaignOptions>) -> Result<ReadCampaign, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options: crate::campaign::CampaignOptions = options_or_default(options.map(Into::into), "options", CAMPAIGN)?;
    let campaign = crate::campaign::read_campaign(&inputs, &options).map_err(|e| to_js_error(&e))?;
    Ok(ReadCampaign { campaign })
}

#[wasm_bindgen]
impl ReadCampaign {
    /// As `campaignReport`, on the campaign already read (its `input` options are not read again).
    ///
    /// # Errors
    /// A JS `Error` naming a refused option.
    pub fn report(&self, options: Option<JsReportOptions>) -> Result<JsCampaignReport, JsValue> {
        let options: crate::report::campaign::ReportOptions =
            options_or_default(options.map(Into::into), "options", REPORT)?;
        let report = crate::report::campaign::report_of(&self.campaign, &options).map_err(|e| to_js_error(&e))?;
        to_js(&report).map(JsCast::unchecked_into)
    }

    /// Resamples `range` of the one window `options` name, for `intervalsOf`: the page's workers
    /// each draw a part of a window's resamples, and the parts together give exactly the tier
    /// intervals `report` gives, without computing the window's report again.
    ///
    /// # Errors
    /// A JS `Error` naming a refused option, options naming more than one window, or a range
    /// beyond `intervals.resamples`.
    #[wasm_bindgen(js_name = resampledShares)]
    pub fn resampled_shares(
        &self,
        options: Option<JsReportOptions>,
        range: &JsResampleRange,
    ) -> Result<JsResampledShares, JsValue> {
        let options: crate::report::campaign::ReportOptions =
            options_or_default(options.map(Into::into), "options", REPORT)?;
        let range = from_js(range, "range", None)?;
        let part =
            crate::report::intervals::resampled_shares(&self.campaign, &options, range).map_err(|e| to_js_error(&e))?;
        to_js(&part).map(JsCast::unchecked_into)
    }

    /// As `modelCheck`, on the campaign already read.
    ///
    /// # Errors
    /// A JS `Error` naming a refused option.
    #[wasm_bindgen(js_name = modelCheck)]
    pub fn model_check(&self, options: Option<JsCheckOptions>) -> Result<JsModelCheck, JsValue> {
        let options: crate::report::check::CheckOptions =
            options_or_default(options.map(Into::into), "options", Some(Group::Check))?;
        let check = crate::report::check::model_check_of(&self.campaign, &options).map_err(|e| to_js_error(&e))?;
        to_js(&check).map(JsCast::unchecked_into)
    }

    /// As `timeLag`, on the campaign already read.
    ///
    /// # Errors
    /// A JS `Error` naming a refused option.
    #[wasm_bindgen(js_name = timeLag)]
    pub fn time_lag(&self, options: Option<JsLagOptions>) -> Result<JsTimeLag, JsValue> {
        let options: crate::report::lag::LagOptions =
            options_or_default(options.map(Into::into), "options", Some(Group::Lag))?;
        let lag = crate::report::lag::time_lag_of(&self.campaign, &options).map_err(|e| to_js_error(&e))?;
        to_js(&lag).map(JsCast::unchecked_into)
    }

    /// As `moneyReport`, on the campaign already read.
    ///
    /// # Errors
    /// A JS `Error` naming a refused option.
    pub fn money(&self, options: Option<JsMoneyOptions>) -> Result<JsMoneyReport, JsValue> {
        let options: crate::money::MoneyOptions = options_or_default(options.map(Into::into), "options", MONEY)?;
        let report = crate::money::money_report_of(&self.campaign, &options).map_err(|e| to_js_error(&e))?;
        to_js(&report).map(JsCast::unchecked_into)
    }
}

/// The tier intervals of one window from `resampledShares`' parts (in any order), exactly as
/// one computation of its report gives them.
///
/// # Errors
/// A JS `Error` naming `parts` when they are not every part of one window's resamples, once.
#[wasm_bindgen(js_name = intervalsOf)]
pub fn intervals_of(parts: JsResampledSharesList) -> Result<JsWindowIntervals, JsValue> {
    // Read as they came, not through JSON: the shares must reach the percentiles to the bit, and
    // the JSON reader rounds some decimals to a neighbouring float.
    let parts = serde_wasm_bindgen::from_value(parts.into()).map_err(|_| {
        to_js_error(&Error::invalid_option("parts", "", "must be the results of resampledShares, as it gave them"))
    })?;
    let intervals = crate::report::intervals::intervals_of(parts).map_err(|e| to_js_error(&e))?;
    to_js(&intervals).map(JsCast::unchecked_into)
}

/// Which model fits this campaign: every model that gives a journey a probability to convert,
/// fitted on part of the window's journeys and scored on the rest (held-out log-loss, Brier score,
/// calibration by decile).
///
/// # Errors
/// A JS `Error` for bad options or input problems.
#[wasm_bindgen(js_name = modelCheck)]
pub fn model_check(inputs: &JsCampaignInputs, options: Option<JsCheckOptions>) -> Result<JsModelCheck, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options = options_or_default(options.map(Into::into), "options", Some(Group::Check))?;
    let check = crate::report::check::model_check(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&check).map(JsCast::unchecked_into)
}

/// Time lag and path length of the converting journeys: window days from the first touch, the
/// last touch and each tier's latest touch to the order, touches per journey, as histograms; the
/// window that covers `coveragePercent` of orders, overall and per product category.
///
/// # Errors
/// A JS `Error` for bad options or input problems.
#[wasm_bindgen(js_name = timeLag)]
pub fn time_lag(inputs: &JsCampaignInputs, options: Option<JsLagOptions>) -> Result<JsTimeLag, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options = options_or_default(options.map(Into::into), "options", Some(Group::Lag))?;
    let lag = crate::report::lag::time_lag(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&lag).map(JsCast::unchecked_into)
}

/// A time lag's histograms as spreadsheet-safe CSV, a row per bucket.
///
/// # Errors
/// A JS `Error` when the argument is not a `TimeLag`.
#[wasm_bindgen(js_name = timeLagCsv)]
pub fn time_lag_csv(lag: JsTimeLag) -> Result<String, JsValue> {
    let lag: crate::report::lag::TimeLag = from_js(&lag.into(), "lag", None)?;
    Ok(crate::report::lag::time_lag_csv(&lag))
}

/// Every model and option the engine knows: ids, labels in English and Chinese, traits, JSON
/// paths, CLI flags, bounds, defaults, units and help. Forms, share-link checks and the CLI are
/// built from it.
///
/// # Errors
/// Never in practice; a JS `Error` if the catalogue cannot be converted.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsCatalogue, JsValue> {
    to_js(&crate::catalogue::catalogue()).map(JsCast::unchecked_into)
}

/// The warehouse SQL that writes every window's aggregated paths (`sql/paths.sql` for a dialect).
///
/// # Errors
/// A JS `Error` naming a refused option (a window out of range, a table name that is not one).
#[wasm_bindgen(js_name = warehouseSql)]
pub fn warehouse_sql(options: Option<JsSqlOptions>) -> Result<String, JsValue> {
    let options = options_or_default(options.map(Into::into), "options", Some(Group::Sql))?;
    crate::api::sql::warehouse_sql(&options).map_err(|e| to_js_error(&e))
}

/// A multi-window paths comparison's credits as spreadsheet-safe CSV, the window first.
///
/// # Errors
/// A JS `Error` when the argument is not a `PathWindows`.
#[wasm_bindgen(js_name = pathWindowsCsv)]
pub fn path_windows_csv(windows: JsPathWindows) -> Result<String, JsValue> {
    let windows: crate::report::paths::PathWindows = from_js(&windows.into(), "windows", None)?;
    Ok(crate::api::export::path_windows_csv(&windows))
}

/// A Markov chain's removal effects as spreadsheet-safe CSV.
///
/// # Errors
/// A JS `Error` when the argument is not a `MarkovChain`.
#[wasm_bindgen(js_name = removalEffectsCsv)]
pub fn removal_effects_csv(chain: JsMarkovChain) -> Result<String, JsValue> {
    let chain: crate::attribution::markov::MarkovChain = from_js(&chain.into(), "chain", None)?;
    Ok(crate::api::export::removal_effects_csv(&chain))
}

/// Every report option at its default (models, windows, baseline, model parameters, tiers with
/// their thresholds and other spellings), for a settings form that shows them and changes some.
///
/// # Errors
/// Never in practice; a JS `Error` if the options cannot be converted.
#[wasm_bindgen(js_name = defaultReportOptions)]
pub fn default_report_options() -> Result<JsReportOptions, JsValue> {
    to_js(&crate::report::campaign::ReportOptions::default()).map(JsCast::unchecked_into)
}

/// Every money option at its default (commission basis, rates, holding period).
///
/// # Errors
/// Never in practice; a JS `Error` if the options cannot be converted.
#[wasm_bindgen(js_name = defaultMoneyOptions)]
pub fn default_money_options() -> Result<JsMoneyOptions, JsValue> {
    to_js(&crate::money::MoneyOptions::default()).map(JsCast::unchecked_into)
}

/// Reads a paths file and computes every requested model.
///
/// # Errors
/// A JS `Error` whose `problems` lists every problem in the input.
#[wasm_bindgen(js_name = comparePaths)]
pub fn compare_paths(input: &str, options: Option<JsCompareOptions>) -> Result<JsComparison, JsValue> {
    let options: CompareOptions = options_or_default(options.map(Into::into), "options", Some(Group::Compare))?;
    let comparison = crate::report::paths::compare_paths(input, &options).map_err(|e| to_js_error(&e))?;
    to_js(&comparison).map(JsCast::unchecked_into)
}

/// Reads a paths file holding one or several lookback windows (a `window_days` column, as the
/// warehouse SQL writes it) and computes every requested model in each window.
///
/// # Errors
/// A JS `Error` whose `problems` lists every problem in the input.
#[wasm_bindgen(js_name = comparePathWindows)]
pub fn compare_path_windows(input: &str, options: Option<JsCompareOptions>) -> Result<JsPathWindows, JsValue> {
    let options: CompareOptions = options_or_default(options.map(Into::into), "options", Some(Group::Compare))?;
    let windows = crate::report::paths::compare_path_windows(input, &options).map_err(|e| to_js_error(&e))?;
    to_js(&windows).map(JsCast::unchecked_into)
}

/// Fits the Markov chain of a paths file: transitions and every channel's removal effects.
///
/// # Errors
/// A JS `Error` for a bad order or problems in the file.
#[wasm_bindgen(js_name = pathsMarkov)]
pub fn paths_markov(input: &str, options: Option<JsPathsMarkov>) -> Result<JsMarkovChain, JsValue> {
    let options = options_or_default(options.map(Into::into), "options", None)?;
    let chain = crate::report::paths::paths_markov(input, &options).map_err(|e| to_js_error(&e))?;
    to_js(&chain).map(JsCast::unchecked_into)
}

/// Fits a campaign's Markov chain in one window: transitions and every channel's removal effects.
///
/// # Errors
/// A JS `Error` for bad options or input problems.
#[wasm_bindgen(js_name = campaignMarkov)]
pub fn campaign_markov(inputs: &JsCampaignInputs, options: Option<JsMarkovExport>) -> Result<JsMarkovChain, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options = options_or_default(options.map(Into::into), "options", Some(Group::MarkovExport))?;
    let chain = crate::report::campaign::campaign_markov(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&chain).map(JsCast::unchecked_into)
}

/// A comparison's credits as spreadsheet-safe CSV.
///
/// # Errors
/// A JS `Error` when the argument is not a `Comparison`.
#[wasm_bindgen(js_name = creditsCsv)]
pub fn credits_csv(comparison: JsComparison) -> Result<String, JsValue> {
    let comparison: Comparison = from_js(&comparison.into(), "comparison", None)?;
    Ok(crate::api::export::credits_csv(&comparison))
}

/// Options from JS, or their defaults when none are given; `group` is their catalogue group.
fn options_or_default<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    name: &str,
    group: Option<Group>,
) -> Result<T, JsValue> {
    value.map_or_else(|| Ok(T::default()), |value| from_js(&value, name, group))
}

/// Decodes a file's bytes (UTF-8, UTF-16 with a BOM, or GBK/GB18030) for the input `file`.
/// (Not `decodeText`: wasm-bindgen's generated glue has an internal function of that name.)
///
/// # Errors
/// A JS `Error` whose `problems` names the line of the first undecodable byte.
#[wasm_bindgen(js_name = decodeFile)]
pub fn decode_file(bytes: &[u8], file: &str) -> Result<JsDecodedText, JsValue> {
    let gb18030 = |body: &[u8]| runtime_gb18030(body, file);
    let (text, encoding) = crate::read::decode::decode_with(bytes, file, gb18030).map_err(|e| to_js_error(&e))?;
    to_js(&crate::read::decode::DecodedText { text, encoding }).map(JsCast::unchecked_into)
}

#[wasm_bindgen]
extern "C" {
    /// The runtime's WHATWG `TextDecoder`.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// GB18030 decoded by the runtime's `TextDecoder` rather than `encoding_rs`, whose decoders and
/// tables were 123 KB of the module's gzip size (docs/performance.md, "Size"): both follow the
/// Encoding Standard, and tests/wasm.rs checks they agree on every sequence, in Node and Chromium.
fn runtime_gb18030(bytes: &[u8], file: &str) -> Result<Option<String>, Error> {
    let options = js_sys::Object::new();
    for key in ["fatal", "ignoreBOM"] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::TRUE);
    }
    let Ok(decoder) = TextDecoder::new("gb18030", &options) else {
        let reason = "this JavaScript runtime's TextDecoder cannot read GBK/GB18030 (Node built without full ICU?): \
                      save the file as CSV UTF-8 and try again";
        return Err(Error::Input(vec![Problem::at_line(file, 1, ProblemCode::InvalidEncoding, reason)]));
    };
    // A fatal decoder throws on the first sequence that is not GB18030.
    Ok(decoder.decode(bytes).ok())
}

/// Reads a campaign (creators, touchpoints, orders) and reports every model in every window.
///
/// # Errors
/// A JS `Error` whose `problems` lists every problem in every input file.
#[wasm_bindgen(js_name = campaignReport)]
pub fn campaign_report(
    inputs: &JsCampaignInputs,
    options: Option<JsReportOptions>,
) -> Result<JsCampaignReport, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options = options_or_default(options.map(Into::into), "options", REPORT)?;
    let report = crate::report::campaign::campaign_report(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&report).map(JsCast::unchecked_into)
}

/// A campaign report's credits as spreadsheet-safe CSV, one row per window, level, model and
/// channel.
///
/// # Errors
/// A JS `Error` when the argument is not a `CampaignReport`.
#[wasm_bindgen(js_name = reportCsv)]
pub fn report_csv(report: JsCampaignReport) -> Result<String, JsValue> {
    let report: crate::report::campaign::CampaignReport = from_js(&report.into(), "report", None)?;
    Ok(crate::api::export::report_csv(&report))
}

/// Reads a campaign and computes its commission ledger, payout calendar and costs.
///
/// # Errors
/// A JS `Error` for bad options or input problems.
#[wasm_bindgen(js_name = moneyReport)]
pub fn money_report(inputs: &JsCampaignInputs, options: Option<JsMoneyOptions>) -> Result<JsMoneyReport, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let options = options_or_default(options.map(Into::into), "options", MONEY)?;
    let report = crate::money::money_report(&inputs, &options).map_err(|e| to_js_error(&e))?;
    to_js(&report).map(JsCast::unchecked_into)
}

/// A money report's ledger as spreadsheet-safe CSV.
///
/// # Errors
/// A JS `Error` when the argument is not a `MoneyReport`.
#[wasm_bindgen(js_name = ledgerCsv)]
pub fn ledger_csv(report: JsMoneyReport) -> Result<String, JsValue> {
    let report: crate::money::MoneyReport = from_js(&report.into(), "report", None)?;
    Ok(crate::api::export::ledger_csv(&report))
}

/// Return on spend and the pay gap per window, level, model and channel, from a campaign report
/// and a money report of the same campaign.
///
/// # Errors
/// A JS `Error` when the arguments are not a `CampaignReport` and a `MoneyReport`.
#[wasm_bindgen(js_name = roiRows)]
pub fn roi_rows(report: JsCampaignReport, money: JsMoneyReport) -> Result<JsRoiRows, JsValue> {
    let report: crate::report::campaign::CampaignReport = from_js(&report.into(), "report", None)?;
    let money: crate::money::MoneyReport = from_js(&money.into(), "money", None)?;
    to_js(&crate::money::roi(&report, &money)).map(JsCast::unchecked_into)
}

/// Return-on-spend rows as spreadsheet-safe CSV.
///
/// # Errors
/// A JS `Error` when the argument is not an array of `RoiRow`s.
#[wasm_bindgen(js_name = roiCsv)]
pub fn roi_csv(rows: JsRoiRows) -> Result<String, JsValue> {
    let rows: Vec<crate::money::RoiRow> = from_js(&rows.into(), "rows", None)?;
    Ok(crate::api::export::roi_csv(&rows))
}

/// Next period's budget across tiers for every model and window, from a campaign report (with
/// the tier level) and a money report of the same campaign.
///
/// # Errors
/// A JS `Error` for bad options, limits the budget cannot meet, or arguments of the wrong shape.
#[wasm_bindgen(js_name = budgetPlan)]
pub fn budget_plan(
    report: JsCampaignReport,
    money: JsMoneyReport,
    options: Option<JsBudgetOptions>,
) -> Result<JsBudgetReport, JsValue> {
    let report: crate::report::campaign::CampaignReport = from_js(&report.into(), "report", None)?;
    let money: crate::money::MoneyReport = from_js(&money.into(), "money", None)?;
    let options = options_or_default(options.map(Into::into), "options", Some(Group::Budget))?;
    let plan = crate::budget::budget_plan(&report, &money, &options).map_err(|e| to_js_error(&e))?;
    to_js(&plan).map(JsCast::unchecked_into)
}

/// A budget report's proposals as spreadsheet-safe CSV.
///
/// # Errors
/// A JS `Error` when the argument is not a `BudgetReport`.
#[wasm_bindgen(js_name = budgetCsv)]
pub fn budget_csv(report: JsBudgetReport) -> Result<String, JsValue> {
    let report: crate::budget::BudgetReport = from_js(&report.into(), "report", None)?;
    Ok(crate::api::export::budget_csv(&report))
}

/// A campaign's journeys in one window as an aggregated paths file (ChannelAttribution's input).
///
/// # Errors
/// A JS `Error` for bad options or input problems.
#[wasm_bindgen(js_name = campaignPathsCsv)]
pub fn campaign_paths_csv(inputs: &JsCampaignInputs, export: Option<JsPathsExport>) -> Result<String, JsValue> {
    let inputs = campaign_inputs(inputs)?;
    let export = options_or_default(export.map(Into::into), "export", Some(Group::PathsExport))?;
    crate::report::campaign::campaign_paths_csv(&inputs, &export).map_err(|e| to_js_error(&e))
}

/// A seeded sample campaign and its true incremental conversions per tier.
///
/// # Errors
/// A JS `Error` for options out of range.
#[wasm_bindgen(js_name = sampleCampaign)]
pub fn sample_campaign(options: Option<JsSampleOptions>) -> Result<JsSampleCampaign, JsValue> {
    let options = options_or_default(options.map(Into::into), "options", Some(Group::Sample))?;
    let sample = crate::campaign::sample::sample_campaign(&options).map_err(|e| to_js_error(&e))?;
    to_js(&sample).map(JsCast::unchecked_into)
}

/// The three input texts, read straight off the object: they can be hundreds of megabytes, too
/// large to copy through JSON.
fn campaign_inputs(inputs: &JsValue) -> Result<crate::campaign::CampaignInputs, JsValue> {
    let text = |key: &str| {
        js_sys::Reflect::get(inputs, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).ok_or_else(|| {
            to_js_error(&Error::invalid_option(&format!("inputs.{key}"), "(missing)", "must be the file's text"))
        })
    };
    // The notes and spend files are optional: absent (or null) reads as not given.
    let optional = |key: &str| match js_sys::Reflect::get(inputs, &JsValue::from_str(key)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(String::new()),
        _ => text(key),
    };
    Ok(crate::campaign::CampaignInputs {
        creators: text("creators")?,
        touchpoints: text("touchpoints")?,
        orders: text("orders")?,
        notes: optional("notes")?,
        spend: optional("spend")?,
    })
}

/// Reads a JS object through JSON, because serde-wasm-bindgen reads only the fields a struct
/// declares and so would silently ignore a misspelt option; a refusal names the option's path
/// and the catalogue's rule for `group`'s settings ([`read_options`]).
fn from_js<T: DeserializeOwned>(value: &JsValue, name: &str, group: Option<Group>) -> Result<T, JsValue> {
    let refuse = |reason: &str| to_js_error(&Error::invalid_option(name, "", reason));
    let json = js_sys::JSON::stringify(value)
        .map_err(|_| refuse("cannot be written as JSON (it holds a BigInt or refers to itself)"))?
        .as_string()
        .ok_or_else(|| refuse("must be an object with named fields"))?;
    read_options(&json, name, group).map_err(|e| to_js_error(&e))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(&Error::invalid_option("result", "(object)", e.to_string())))
}

/// The one place errors cross to JS: an `Error` named `KolAttributionError` with the message,
/// plus `problems` (every input problem) and `option` (the refused option, if that was it).
fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("KolAttributionError");
    let problems = to_js(&error.problems()).unwrap_or(JsValue::UNDEFINED);
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &problems);
    if let Error::InvalidOption { option, .. } = error {
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("option"), &JsValue::from_str(option));
    }
    js.into()
}
