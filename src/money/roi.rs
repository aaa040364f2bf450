//! Return on spend per model and window, and the gap between what the commission basis pays and
//! what each model says was earned.

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap;

use super::ledger::{CreatorCost, MoneyReport, fen, half_up};
use crate::attribution::models::Model;
use crate::report::campaign::CampaignReport;

/// One channel's return on spend under one model and window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoiRow {
    /// The lookback window, in days.
    pub days: u32,
    /// `creator` or `tier`.
    pub level: String,
    /// The model.
    pub model: Model,
    /// The creator's `kol_id` or the tier.
    pub channel: String,
    /// What the channel costs: fees, commission and bonuses (the same under every model).
    #[cfg_attr(test, ts(type = "string"))]
    pub cost: Decimal,
    /// Net value the model attributes to the channel.
    #[cfg_attr(test, ts(type = "string"))]
    pub net_value: Decimal,
    /// Return on spend, `netValue / cost`; `null` when nothing was spent.
    pub roas: Option<f64>,
    /// `cost / conversions`; `null` without conversions.
    #[cfg_attr(test, ts(type = "string | null"))]
    pub cost_per_order: Option<Decimal>,
    /// Commission the basis actually pays.
    #[cfg_attr(test, ts(type = "string"))]
    pub paid_commission: Decimal,
    /// Commission the model says was earned: rate × the net value it credits.
    #[cfg_attr(test, ts(type = "string"))]
    pub earned_commission: Decimal,
    /// `paidCommission − earnedCommission`: above 0, paid more than this model says was earned.
    #[cfg_attr(test, ts(type = "string"))]
    pub pay_gap: Decimal,
}

/// Every window's, level's, model's and channel's return on spend.
pub fn roi(report: &CampaignReport, money: &MoneyReport) -> Vec<RoiRow> {
    // Maps, not scans: ten thousand creators times every model and window must stay linear.
    let costs: FxHashMap<&str, &CreatorCost> = money.creators.iter().map(|c| (c.kol_id.as_str(), c)).collect();
    let tier_of: FxHashMap<&str, &str> = report.creators.iter().map(|c| (c.id.as_str(), c.tier.as_str())).collect();
    let mut rows = Vec::new();
    for window in &report.windows {
        // Per model and tier: cost, commission paid, commission the model says was earned.
        let mut tiers: FxHashMap<(Model, &str), (Decimal, Decimal, Decimal)> = FxHashMap::default();
        if let Some(creators) = &window.creators {
            for credit in &creators.credits {
                let Some(cost) = costs.get(credit.channel.as_str()) else { continue };
                let earned = half_up(cost.rate * credit.net_value);
                if let Some(&tier) = tier_of.get(credit.channel.as_str()) {
                    let sum = tiers.entry((credit.model, tier)).or_default();
                    sum.0 += cost.total;
                    sum.1 += cost.commission;
                    sum.2 += earned;
                }
                rows.push(row(
                    window.days,
                    "creator",
                    credit.model,
                    &credit.channel,
                    cost.total,
                    credit.net_value,
                    credit.conversions,
                    cost.commission,
                    earned,
                ));
            }
        }
        if let (Some(tier_credits), Some(_)) = (&window.tiers, &window.creators) {
            for credit in &tier_credits.credits {
                let (cost, paid, earned) =
                    tiers.get(&(credit.model, credit.channel.as_str())).copied().unwrap_or_default();
                rows.push(row(
                    window.days,
                    "tier",
                    credit.model,
                    &credit.channel,
                    cost,
                    credit.net_value,
                    credit.conversions,
                    paid,
                    earned,
                ));
            }
        }
    }
    rows
}

#[allow(clippy::too_many_arguments)] // One row's fields, named at the single call site.
fn row(
    days: u32,
    level: &str,
    model: Model,
    channel: &str,
    cost: Decimal,
    net_value: Decimal,
    conversions: f64,
    paid: Decimal,
    earned: Decimal,
) -> RoiRow {
    RoiRow {
        days,
        level: level.to_owned(),
        model,
        channel: channel.to_owned(),
        cost: fen(cost),
        net_value,
        roas: (!cost.is_zero()).then(|| (net_value / cost).to_f64()).flatten(),
        cost_per_order: (conversions > 0.0)
            .then(|| Decimal::from_f64(conversions).map(|c| half_up(cost / c)))
            .flatten(),
        paid_commission: fen(paid),
        earned_commission: fen(earned),
        pay_gap: fen(paid - earned),
    }
}
