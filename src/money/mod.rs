//! Money: commission, costs and payouts, exact to the fen.
//!
//! Every amount is a `Decimal`. One rounding rule: an order's commission (Σ rate × credited
//! value over its creators) is rounded half-up to the fen, then split between its creators by the
//! largest-remainder method, so the parts sum exactly to the whole.

mod amount;
mod channels;
mod ledger;
mod roi;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub(crate) use amount::TextOrNumber;
pub(crate) use amount::fen;
pub use amount::{Amount, Rate};
pub use channels::ChannelMoney;
pub use ledger::{
    CreatorCost, LedgerLine, LineKind, LineStatus, MoneyReport, MoneyTotals, WeekTotal, money_report, money_report_of,
};
pub use roi::{RoiRow, roi};

use crate::attribution::models::{Model, ModelOptions};
use crate::campaign::CampaignOptions;
use crate::catalogue::settings::{BASIS_DAYS, BASIS_MODEL, DEFAULT_RATE, HOLDING_DAYS, PLATFORM_FEE_RATE};
use crate::catalogue::{Setting, check_window};
use crate::error::Error;
use crate::report::comparison::Baseline;

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
    /// The platform's fee per sales channel of the orders (`xhs_shop`, `tmall`, `jd`, `d2c`,
    /// `other`, or a Chinese spelling), where it differs; wins over the category's.
    #[cfg_attr(test, ts(optional = nullable, type = "Record<string, string | number>"))]
    pub platform_fee_channel_rates: BTreeMap<String, Rate>,
    /// The sales channels whose orders the platform tracks, so its click rule (the
    /// `platform_last_click` basis) pays commission only on them (default: every channel).
    #[cfg_attr(test, ts(optional = nullable))]
    pub platform_channels: Vec<String>,
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
            basis: Baseline {
                model: Model::from_id(BASIS_MODEL.default_text()).unwrap_or(Model::PlatformLastClick),
                days: Some(BASIS_DAYS.default_whole() as u32),
            },
            default_rate: catalogue_rate(&DEFAULT_RATE),
            category_rates: BTreeMap::new(),
            holding_days: HOLDING_DAYS.default_whole() as u32,
            as_of: None,
            bonuses: Vec::new(),
            platform_fee_rate: catalogue_rate(&PLATFORM_FEE_RATE),
            platform_fee_rates: BTreeMap::new(),
            platform_fee_channel_rates: BTreeMap::new(),
            platform_channels: Vec::new(),
            model_options: ModelOptions::default(),
            input: CampaignOptions::default(),
        }
    }
}

/// A rate setting's default, which the catalogue's tests read as a valid decimal.
fn catalogue_rate(setting: &Setting) -> Rate {
    Rate(setting.default_text().parse().unwrap_or(Decimal::ZERO))
}

impl MoneyOptions {
    fn validate(&self) -> Result<u32, Error> {
        HOLDING_DAYS.check(self.holding_days)?;
        if !self.basis.model.is_commission_basis() {
            return Err(Error::invalid_option(
                "basis.model",
                self.basis.model.name(),
                "commission is paid order by order; a data-driven model is fitted on all journeys at once and gives no per-order share: choose a rule-based model",
            ));
        }
        let days = self.basis.days.unwrap_or(BASIS_DAYS.default_whole() as u32);
        check_window(BASIS_DAYS.path, days)?;
        self.model_options.validate()?;
        Ok(days)
    }
}
