//! Attribution and commission for Xiaohongshu influencer (KOL/KOC) campaigns.
//!
//! The modules follow the pipeline, and imports run one way, down it:
//!
//! | stage | module | owns |
//! |---|---|---|
//! | 0 | [`error`], [`catalogue`] | errors and problems; every model and option described once |
//! | 1 | `read` | bytes to text, text to rows, cells to amounts, rates and times |
//! | 2 | `campaign` | the roster, touch log and orders read and validated; tiers; the sample |
//! | 3 | `paths` | aggregated journey paths: the table, reading and writing path files |
//! | 4 | `attribution` | journeys and lookback windows, the models, Markov, Shapley, the bootstrap |
//! | 5 | `report` | comparisons, the campaign report in every window, truth scores |
//! | 6 | `money` | commission ledger, payouts, costs, return on spend |
//! | 7 | `budget` | next period's budget across tiers |
//! | 8 | `api` | the JavaScript binding ([`wasm`]), CSV exports, the warehouse SQL |
//!
//! Plain Rust, testable natively; [`wasm`] is the only module that knows about JavaScript. Money
//! is [`rust_decimal::Decimal`] throughout.

// Tests compare against exactly representable expected values on purpose.
#![cfg_attr(test, allow(clippy::float_cmp))]

mod api;
mod attribution;
pub mod budget;
mod campaign;
pub mod catalogue;
pub mod error;
pub mod money;
mod paths;
mod read;
mod report;

pub use api::export::{
    budget_csv, credits_csv, ledger_csv, path_windows_csv, removal_effects_csv, report_csv, roi_csv, spreadsheet_safe,
};
pub use api::options::read_options;
pub use api::sql::{Dialect, SqlOptions, SqlTables, warehouse_sql};
pub use api::wasm;
pub use attribution::bootstrap::Intervals;
pub use attribution::journey::{CATEGORY_WINDOW, Level, Unattributed, window_event_paths, window_paths};
pub use attribution::markov::{MarkovChain, RemovalEffect, Transition, markov_chain};
pub use attribution::models::{Model, ModelOptions, TouchWeights};
pub use attribution::shapley::{SAMPLING_BUDGET as SHAPLEY_SAMPLING_BUDGET, ShapleySummary, shapley_values};
pub use campaign::sample::{
    CreatorTruth, OracleCredit, ProcessTruth, RoleTruth, SampleCampaign, SampleOptions, SampleProcess, TierTruth,
    TouchTypeTruth, sample_campaign,
};
pub use campaign::tier::{TierSpec, default_tiers};
pub use campaign::{
    Campaign, CampaignInputs, CampaignOptions, CodeMatch, ColumnOverrides, DateOnlyOrders, PromoCodeTouches,
    SalesChannel, TouchType, UnmatchedCode, read_campaign,
};
pub use error::{Error, Problem, ProblemCode, Severity};
pub use paths::{
    PathColumns, PathTable, PathTableBuilder, PathWindow, PathsOptions, paths_csv, read_path_windows, read_paths,
};
pub use read::decode::{DecodedText, TextEncoding, decode};
pub use read::time::UtcOffset;
pub use report::campaign::{
    CampaignReport, CreatorInfo, Levels, MarkovExport, NoteInfo, PathsExport, ReportOptions, Summary, TierCount,
    WindowReport, campaign_markov, campaign_paths_csv, campaign_report, campaign_summary, report_of,
};
pub use report::category_windows::{CategoryLookback, CategoryWindowReport, CategoryWindows};
pub use report::check::{CalibrationBin, CheckOptions, ModelCheck, ModelScore, model_check, model_check_of};
pub use report::comparison::{Baseline, ChannelCredit, Comparison, ModelUnattributed, Totals};
pub use report::lag::{
    AgeBucket, CategoryLag, LagBucket, LagHistogram, LagOptions, NoteAge, NoteLateness, TierLag, TierNoteAge, TimeLag,
    time_lag, time_lag_csv, time_lag_of,
};
pub use report::lift::{LiftCheck, LiftTest};
pub use report::paths::{
    CompareOptions, PathWindows, PathsMarkov, WindowComparison, compare, compare_path_windows, compare_paths,
    paths_markov,
};
pub use report::truth::TruthScore;
