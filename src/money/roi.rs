//! Return on spend per model and window, and the gap between what the commission basis pays and
//! what each model says was earned.

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap;

use super::amount::{fen, half_up};
use super::ledger::{CreatorCost, MoneyReport};
use crate::attribution::models::Model;
use crate::report::campaign::CampaignReport;

/// One channel's return on spend under one model and window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoiRow {
    /// The lookback window, in days.
    pub days: u32,
    /// `note`, `creator`, `tier` or `group`.
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
    let group_of: FxHashMap<&str, &str> = report.creators.iter().map(|c| (c.id.as_str(), c.group.as_str())).collect();
    let mut rows = Vec::new();
    for window in &report.windows {
        // Per model and tier (and group): cost, commission paid, commission the model says was earned.
        let mut tiers: FxHashMap<(Model, &str), (Decimal, Decimal, Decimal)> = FxHashMap::default();
        let mut groups: FxHashMap<(Model, &str), (Decimal, Decimal, Decimal)> = FxHashMap::default();
        let mut of_creator: FxHashMap<(Model, &str), Decimal> = FxHashMap::default();
        if let Some(creators) = &window.creators {
            for credit in &creators.credits {
                let Some(cost) = costs.get(credit.channel.as_str()) else { continue };
                let earned = half_up(cost.rate * credit.net_value);
                of_creator.insert((credit.model, credit.channel.as_str()), credit.net_value);
                for (sums, of) in [(&mut tiers, &tier_of), (&mut groups, &group_of)] {
                    if let Some(&name) = of.get(credit.channel.as_str()) {
                        let sum = sums.entry((credit.model, name)).or_default();
                        sum.0 += cost.total;
                        sum.1 += cost.commission;
                        sum.2 += earned;
                    }
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
        for (level, comparison, sums) in [("tier", &window.tiers, &tiers), ("group", &window.groups, &groups)] {
            let (Some(comparison), Some(_)) = (comparison, &window.creators) else { continue };
            for credit in &comparison.credits {
                let (cost, paid, earned) =
                    sums.get(&(credit.model, credit.channel.as_str())).copied().unwrap_or_default();
                rows.push(row(
                    window.days,
                    level,
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
        if let (Some(notes), Some(_)) = (&window.notes, &window.creators) {
            rows.extend(note_rows(report, window.days, notes, &costs, &of_creator));
        }
    }
    rows
}

/// Note rows, which sum to their creator's: a note costs its fee and boost, and every row of a
/// creator (its notes and its `(no note)` row) takes a part of the rest of the creator's cost (a
/// roster fee not replaced, commission, bonus) and of its paid commission, by the row's share of
/// the net value the model credits the creator (equal parts when it credits none).
fn note_rows(
    report: &CampaignReport,
    days: u32,
    notes: &crate::report::comparison::Comparison,
    costs: &FxHashMap<&str, &CreatorCost>,
    of_creator: &FxHashMap<(Model, &str), Decimal>,
) -> Vec<RoiRow> {
    let info: FxHashMap<&str, &crate::report::campaign::NoteInfo> =
        report.notes.iter().map(|n| (n.id.as_str(), n)).collect();
    let own =
        |note: &crate::report::campaign::NoteInfo| note.fee.unwrap_or_default() + note.boost_spend.unwrap_or_default();
    let mut notes_cost: FxHashMap<&str, Decimal> = FxHashMap::default();
    for note in &report.notes {
        *notes_cost.entry(note.kol_id.as_str()).or_default() += own(note);
    }
    let creator_of = |channel: &str| -> (String, Decimal) {
        match info.get(channel) {
            Some(note) => (note.kol_id.clone(), own(note)),
            None => (channel.strip_suffix(" (no note)").unwrap_or(channel).to_owned(), Decimal::ZERO),
        }
    };
    let mut row_count: FxHashMap<String, usize> = FxHashMap::default();
    for channel in &notes.channels {
        *row_count.entry(creator_of(channel).0).or_default() += 1;
    }
    let mut rows = Vec::with_capacity(notes.credits.len());
    for credit in &notes.credits {
        let (kol_id, own_cost) = creator_of(&credit.channel);
        let Some(creator) = costs.get(kol_id.as_str()) else { continue };
        let whole = of_creator.get(&(credit.model, kol_id.as_str())).copied().unwrap_or_default();
        let share = if whole.is_zero() {
            Decimal::ONE / Decimal::from(row_count.get(&kol_id).copied().unwrap_or(1))
        } else {
            credit.net_value.checked_div(whole).unwrap_or_default()
        };
        let rest = creator.total - notes_cost.get(kol_id.as_str()).copied().unwrap_or_default();
        rows.push(row(
            days,
            "note",
            credit.model,
            &credit.channel,
            own_cost + rest * share,
            credit.net_value,
            credit.conversions,
            creator.commission * share,
            half_up(creator.rate * credit.net_value),
        ));
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
        // Checked: a fractional credit far below a fen would overflow a Decimal's 28 digits.
        roas: (!cost.is_zero()).then(|| net_value.checked_div(cost).and_then(|r| r.to_f64())).flatten(),
        cost_per_order: (conversions > 0.0)
            .then(|| Decimal::from_f64(conversions).and_then(|c| cost.checked_div(c)).map(half_up))
            .flatten(),
        paid_commission: fen(paid),
        earned_commission: fen(earned),
        pay_gap: fen(paid - earned),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::row;
    use crate::attribution::models::Model;

    #[test]
    fn a_credit_far_below_a_fen_gives_no_cost_per_order_instead_of_overflowing() {
        let cost = Decimal::new(4_500, 0);
        let r = row(30, "note", Model::Linear, "a1", cost, Decimal::ZERO, 1e-27, Decimal::ZERO, Decimal::ZERO);
        assert_eq!(r.cost_per_order, None, "4500 / 1e-27 is past a Decimal's range");
        let r = row(30, "note", Model::Linear, "a1", cost, Decimal::new(9_000, 0), 2.0, Decimal::ZERO, Decimal::ZERO);
        assert_eq!((r.cost_per_order, r.roas), (Some(Decimal::new(225_000, 2)), Some(2.0)));
    }
}
