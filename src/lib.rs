//! Attribution and commission for Xiaohongshu influencer (KOL/KOC) campaigns.
//!
//! Plain Rust, testable natively; [`wasm`] is the only module that knows about JavaScript.
//! Money is [`rust_decimal::Decimal`] throughout.

// Tests compare against exactly representable expected values on purpose.
#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod allocation;
mod attribution;
pub mod bootstrap;
pub mod budget;
pub mod campaign;
pub mod catalogue;
pub mod channel;
pub mod compare;
pub mod credit;
pub mod decode;
pub mod error;
pub mod export;
pub mod journey;
mod json_rows;
pub mod markov;
pub mod models;
pub mod money;
pub mod number;
mod path_events;
pub mod paths;
pub mod report;
pub mod sample;
mod schema;
pub mod shapley;
pub mod sql;
mod table;
#[cfg(test)]
mod test_support;
pub mod tier;
pub mod time;
pub mod truth;
#[cfg(test)]
mod typescript;
pub mod wasm;
mod window_tables;

pub use compare::{
    Baseline, ChannelCredit, CompareOptions, Comparison, ModelUnattributed, PathWindows, Totals, WindowComparison,
    compare, compare_path_windows, compare_paths,
};
pub use error::{Error, Problem, ProblemCode};
pub use models::Model;
pub use paths::{
    PathColumns, PathTable, PathTableBuilder, PathWindow, PathsOptions, paths_csv, read_path_windows, read_paths,
};
pub use report::{CampaignReport, ReportOptions, campaign_report};
