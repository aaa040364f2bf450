//! Reports: what users read. A comparison of every model's credit per channel with totals and
//! changes against a baseline ([`comparison`]), from a paths file ([`paths`]) or a campaign in
//! every lookback window by creator, by tier and by sales channel ([`campaign`], [`sales`]), with a
//! window by product category beside the fixed ones ([`category_windows`]), scored against a known truth
//! ([`truth`]); how long before an order its journey began, and the window that covers it ([`lag`]).

pub mod campaign;
pub mod category_windows;
pub mod check;
pub mod comparison;
pub mod intervals;
pub mod lag;
pub mod lift;
mod notes;
pub mod paths;
pub(crate) mod sales;
pub mod truth;
