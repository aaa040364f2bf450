//! Money: commission, costs and payouts, exact to the fen.
//!
//! Every amount is a `Decimal`. One rounding rule: an order's commission (Σ rate × credited
//! value over its creators) is rounded half-up to the fen, then split between its creators by the
//! largest-remainder method, so the parts sum exactly to the whole.

mod amount;
mod ledger;
mod roi;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub(crate) use amount::TextOrNumber;
pub use amount::{Amount, Rate};
pub use ledger::{
    CreatorCost, LedgerLine, LineKind, LineStatus, MoneyReport, MoneyTotals, WeekTotal, money_report, money_report_of,
};
pub use roi::{RoiRow, roi};

use crate::campaign::CampaignOptions;
use crate::compare::Baseline;
use crate::error::Error;
use crate::models::{Model, ModelOptions};

/// The rounding rule's name, as results report it.
pub const ROUNDING: &str = "An order's commission is rounded half-up to the fen (0.005 up), then split between its creators by largest remainder";

/// A performance bonus: `amount` to every creator (of `tier`, or any tier) whose attributed net
/// value under the commission basis reaches `threshold`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct BonusRule {
    /// Only creators of this tier; any tier when absent.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub tier: Option<String>,
    /// Attributed net value the creator must reach.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub threshold: Amount,
    /// The bonus.
    #[cfg_attr(test, ts(type = "string | number"))]
    pub amount: Amount,
}

/// How commission, costs and payouts are computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct MoneyOptions {
    /// Which attribution decides who earns commission (default: the platform's last click; any
    /// model shows what a fair scheme would pay) and its lookback window.
    #[cfg_attr(test, ts(optional = nullable))]
    pub basis: Baseline,
    /// Commission rate when neither the creator nor its category has one (default 10%).
    #[cfg_attr(test, ts(optional = nullable, type = "string | number"))]
    pub default_rate: Rate,
    /// Commission rate per creator category (the roster's `category`).
    #[cfg_attr(test, ts(optional = nullable, type = "Record<string, string | number>"))]
    pub category_rates: BTreeMap<String, Rate>,
    /// Days after the order (or its `confirmed_at`) before commission is payable (default 15, 0–90).
    #[cfg_attr(test, ts(optional = nullable))]
    pub holding_days: u32,
    /// The date statuses are given at, in Unix seconds (default: the latest date in the data).
    #[cfg_attr(test, ts(optional, as = "Option<f64>"))]
    pub as_of: Option<i64>,
    /// Performance bonuses.
    #[cfg_attr(test, ts(optional = nullable))]
    pub bonuses: Vec<BonusRule>,
    /// The platform's transaction fee on order value, a brand-side cost (default 5%).
    #[cfg_attr(test, ts(optional = nullable, type = "string | number"))]
    pub platform_fee_rate: Rate,
    /// The platform's fee per product category (the orders' `category`), where it differs.
    #[cfg_attr(test, ts(optional = nullable, type = "Record<string, string | number>"))]
    pub platform_fee_rates: BTreeMap<String, Rate>,
    /// The models' parameters (for the basis).
    #[cfg_attr(test, ts(optional = nullable))]
    pub model_options: ModelOptions,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
}

impl Default for MoneyOptions {
    fn default() -> Self {
        Self {
            basis: Baseline { model: Model::PlatformLastClick, days: Some(30) },
            default_rate: Rate(Decimal::new(10, 2)),
            category_rates: BTreeMap::new(),
            holding_days: 15,
            as_of: None,
            bonuses: Vec::new(),
            platform_fee_rate: Rate(Decimal::new(5, 2)),
            platform_fee_rates: BTreeMap::new(),
            model_options: ModelOptions::default(),
            input: CampaignOptions::default(),
        }
    }
}

impl MoneyOptions {
    fn validate(&self) -> Result<u32, Error> {
        if self.holding_days > 90 {
            return Err(Error::invalid_option("holdingDays", self.holding_days, "must be from 0 to 90 days"));
        }
        if self.basis.model.is_data_driven() {
            return Err(Error::invalid_option(
                "basis.model",
                self.basis.model.name(),
                "commission is paid order by order; a data-driven model is fitted on all journeys at once and gives no per-order share: choose a rule-based model",
            ));
        }
        let days = self.basis.days.unwrap_or(30);
        if !(1..=crate::journey::MAX_WINDOW_DAYS).contains(&days) {
            return Err(Error::invalid_option("basis.days", days, "a window is 1 to 3650 days"));
        }
        self.model_options.validate()?;
        Ok(days)
    }
}
