//! The commission ledger, the payout calendar and each creator's cost.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::amount::{fen, half_up};
use super::channels::{ChannelMoney, ChannelRules, ChannelSums, platform_fee};
use super::{MoneyOptions, ROUNDING};
use crate::attribution::allocation::largest_remainder;
use crate::attribution::credit::fraction;
use crate::attribution::journey::walk;
use crate::attribution::window::OrderView;
use crate::campaign::{Campaign, CampaignInputs, CreatorId, read_campaign};
use crate::error::Error;
use crate::read::time::DAY;
use crate::report::comparison::Baseline;

/// What a ledger line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Commission on an order.
    Commission,
    /// Commission taken back for a return after it became payable.
    Clawback,
}

/// Where a ledger line stands at the report's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// Still in the holding period.
    Pending,
    /// Past the holding period: owed.
    Payable,
    /// The order was fully returned within the holding period: nothing is owed.
    Cancelled,
    /// Taken back for a return after payment (a negative line on the return date).
    ClawedBack,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LedgerLine {
    /// The creator (`kol_id`).
    pub kol_id: String,
    /// The order.
    pub order_id: String,
    /// The order's line in the orders file.
    pub order_line: u32,
    /// Commission or clawback.
    pub kind: LineKind,
    /// Status at the report's date.
    pub status: LineStatus,
    /// The creator's commission rate.
    #[cfg_attr(test, ts(type = "string"))]
    pub rate: Decimal,
    /// The creator's share of the order, under the basis (1 for the platform rule).
    pub share: f64,
    /// Commission before any refund.
    #[cfg_attr(test, ts(type = "string"))]
    pub gross_amount: Decimal,
    /// What the line pays (negative for a clawback; 0 when cancelled).
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
    /// When it becomes payable (commission) or is taken back (clawback), `YYYY-MM-DD` local.
    pub date: String,
}

/// A creator's payout in one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WeekTotal {
    /// The creator.
    pub kol_id: String,
    /// Monday of the week, `YYYY-MM-DD`.
    pub week: String,
    /// Sum of the week's lines (clawbacks negative).
    #[cfg_attr(test, ts(type = "string"))]
    pub amount: Decimal,
}

/// What a creator costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatorCost {
    /// The creator.
    pub kol_id: String,
    /// Tier name.
    pub tier: String,
    /// Commission rate used.
    #[cfg_attr(test, ts(type = "string"))]
    pub rate: Decimal,
    /// Flat fee (roster `flat_fee`, or `note_fee` × `notes`; the notes file's fees and boosts when it
    /// gives them); for an ad or search source, its spend.
    #[cfg_attr(test, ts(type = "string"))]
    pub flat_fee: Decimal,
    /// Commission, net of cancellations and clawbacks.
    #[cfg_attr(test, ts(type = "string"))]
    pub commission: Decimal,
    /// Performance bonuses earned.
    #[cfg_attr(test, ts(type = "string"))]
    pub bonus: Decimal,
    /// Fee + commission + bonus.
    #[cfg_attr(test, ts(type = "string"))]
    pub total: Decimal,
    /// Net value attributed under the commission basis, to the fen.
    #[cfg_attr(test, ts(type = "string"))]
    pub attributed_net_value: Decimal,
}

/// Totals that reconcile with the lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MoneyTotals {
    /// Σ flat fees.
    #[cfg_attr(test, ts(type = "string"))]
    pub flat_fees: Decimal,
    /// Σ ledger amounts.
    #[cfg_attr(test, ts(type = "string"))]
    pub commission: Decimal,
    /// Σ amounts of payable lines.
    #[cfg_attr(test, ts(type = "string"))]
    pub payable: Decimal,
    /// Σ amounts of pending lines.
    #[cfg_attr(test, ts(type = "string"))]
    pub pending: Decimal,
    /// Σ clawbacks (negative).
    #[cfg_attr(test, ts(type = "string"))]
    pub clawed_back: Decimal,
    /// Σ bonuses.
    #[cfg_attr(test, ts(type = "string"))]
    pub bonuses: Decimal,
    /// Fees + commission + bonuses.
    #[cfg_attr(test, ts(type = "string"))]
    pub creator_costs: Decimal,
    /// The platform's transaction fee on all order value (by category where set), a brand-side
    /// cost, rounded half-up once on the total.
    #[cfg_attr(test, ts(type = "string"))]
    pub platform_fee: Decimal,
}

/// The money side of a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MoneyReport {
    /// Which attribution decided who earns commission.
    pub basis: Baseline,
    /// The rounding rule, in words.
    pub rounding: String,
    /// The date statuses are given at, `YYYY-MM-DD`.
    pub as_of: String,
    /// Every line, by date, then order, then creator.
    pub ledger: Vec<LedgerLine>,
    /// Payouts per creator per week, by week then creator.
    pub calendar: Vec<WeekTotal>,
    /// Every creator's cost, roster order.
    pub creators: Vec<CreatorCost>,
    /// Totals.
    pub totals: MoneyTotals,
    /// Per sales channel the orders land on: commission, credited value, platform fee and return.
    pub sales_channels: Vec<ChannelMoney>,
}

/// Reads a campaign and computes its commission ledger, payout calendar and costs.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options (a bonus for a tier that does not exist, a holding
/// period over 90 days); [`Error::Input`] listing every input problem.
pub fn money_report(inputs: &CampaignInputs, options: &MoneyOptions) -> Result<MoneyReport, Error> {
    options.validate()?;
    let campaign = read_campaign(inputs, &options.input)?;
    money_report_of(&campaign, options)
}

/// The ledger, calendar and costs of a campaign already read (with `options.input`).
///
/// # Errors
/// [`Error::InvalidOption`] for bad options, as [`money_report`].
pub fn money_report_of(campaign: &Campaign, options: &MoneyOptions) -> Result<MoneyReport, Error> {
    let days = options.validate()?;
    options.input.utc_offset_minutes.fixed().ok_or_else(|| {
        Error::invalid_option(
            "utcOffsetMinutes",
            options.input.utc_offset_minutes.0,
            "must be within ±18 hours (±1080)",
        )
    })?;
    for rule in &options.bonuses {
        if let Some(tier) = &rule.tier
            && campaign.tiers.by_name(tier).is_none()
        {
            return Err(Error::invalid_option(
                "bonuses.tier",
                tier,
                format!("no such tier; the tiers are {}", campaign.tiers.names()),
            ));
        }
    }
    let zone = options.input.utc_offset_minutes.fixed().unwrap_or_else(|| unreachable!("checked above"));
    let rules = ChannelRules::new(options)?;
    Ok(ledger(campaign, options, (days, &rules), zone))
}

/// An order's commission per creator: the whole rounded half-up to the fen, split by largest remainder.
fn split(rates_times_shares: &[Decimal], value: Decimal) -> Vec<Decimal> {
    let parts: Vec<Decimal> = rates_times_shares.iter().map(|r| r * value).collect();
    largest_remainder(half_up(parts.iter().sum()), &parts, 2)
}

fn date(at: i64, zone: FixedOffset) -> NaiveDate {
    DateTime::from_timestamp(at, 0).map_or(NaiveDate::MIN, |t| t.with_timezone(&zone).date_naive())
}

#[allow(clippy::too_many_lines)] // One pass over the orders, kept together so the rules read in order.
fn ledger(
    campaign: &Campaign,
    options: &MoneyOptions,
    (days, rules): (u32, &ChannelRules),
    zone: FixedOffset,
) -> MoneyReport {
    let (orders, roster) = (&campaign.orders, campaign.roster.creators());
    let rates: Vec<Decimal> = roster
        .iter()
        .map(|c| {
            // Ads and search earn credit, never commission.
            if c.source.is_some() {
                return Decimal::ZERO;
            }
            c.commission_rate
                .or_else(|| c.category.as_ref().and_then(|k| options.category_rates.get(k)).map(|r| r.0))
                .unwrap_or(options.default_rate.0)
        })
        .collect();
    let holding = i64::from(options.holding_days) * DAY;
    let latest =
        orders.at.iter().chain(orders.refunded_at.iter().flatten()).chain(orders.confirmed_at.iter().flatten());
    let as_of = options.as_of.unwrap_or_else(|| latest.copied().max().unwrap_or(0));
    let basis = options.basis.model;
    let mut lines = Vec::new();
    let mut attributed = vec![Decimal::ZERO; roster.len()];
    let (mut view, mut weights) = (OrderView::new(), Vec::new());
    let mut shares: Vec<(CreatorId, f64)> = Vec::new();
    let mut per_channel = ChannelSums::default();
    walk(
        campaign,
        days,
        |order| {
            let channel = orders.channel[order.order];
            if !rules.pays(basis, channel) {
                return;
            }
            view.load(campaign, &order, options.model_options.click_window_hours);
            let touched = view.weights(campaign, basis, &options.model_options, &mut weights);
            // One line per creator, however many of its touches the order has.
            shares.clear();
            for (&creator, &weight) in touched.iter().zip(&weights) {
                match shares.iter_mut().find(|(c, _)| *c == creator) {
                    Some(share) => share.1 += weight,
                    None if weight > 0.0 && roster[creator as usize].source.is_none() => shares.push((creator, weight)),
                    None => {}
                }
            }
            if shares.is_empty() {
                return;
            }
            let i = order.order;
            let (gross, net, refunded) = (orders.gross[i], orders.net(i), orders.refunded[i]);
            let weighted: Vec<Decimal> = shares.iter().map(|&(c, w)| rates[c as usize] * fraction(w)).collect();
            for &(c, w) in &shares {
                attributed[c as usize] += net * fraction(w);
                per_channel.credit(channel, net * fraction(w));
            }
            let (on_gross, on_net) = (split(&weighted, gross), split(&weighted, net));
            let payable_at = orders.confirmed_at[i].unwrap_or(orders.at[i]) + holding;
            let due = |at: i64| if as_of >= at { LineStatus::Payable } else { LineStatus::Pending };
            for (k, &(creator, share)) in shares.iter().enumerate() {
                let mut line = |kind, status, amount: Decimal, at| {
                    per_channel.commission(channel, fen(amount));
                    LedgerLine {
                        kol_id: roster[creator as usize].id.clone(),
                        order_id: orders.id[i].clone(),
                        order_line: orders.line[i],
                        kind,
                        status,
                        rate: rates[creator as usize],
                        share,
                        gross_amount: fen(on_gross[k]),
                        amount: fen(amount),
                        date: date(at, zone).to_string(),
                    }
                };
                let refund_at = orders.refunded_at[i];
                if refunded.is_zero() {
                    lines.push(line(LineKind::Commission, due(payable_at), on_gross[k], payable_at));
                } else if refund_at.is_none_or(|at| at < payable_at) {
                    // Returned within the holding period (or at an unknown date): only the net earns.
                    let status = if net.is_zero() { LineStatus::Cancelled } else { due(payable_at) };
                    lines.push(line(LineKind::Commission, status, on_net[k], payable_at));
                } else if let Some(at) = refund_at {
                    lines.push(line(LineKind::Commission, due(payable_at), on_gross[k], payable_at));
                    lines.push(line(LineKind::Clawback, LineStatus::ClawedBack, on_net[k] - on_gross[k], at));
                }
            }
        },
        |_| {},
    );
    lines.sort_by(|a, b| {
        (&a.date, &a.order_id, &a.kol_id, a.kind as u8).cmp(&(&b.date, &b.order_id, &b.kol_id, b.kind as u8))
    });

    // Keyed maps, not scans: a campaign can have ten thousand creators and a million lines.
    let mut weeks: BTreeMap<(String, &str), Decimal> = BTreeMap::new();
    let mut commission_of: FxHashMap<&str, Decimal> = FxHashMap::default();
    for l in &lines {
        *commission_of.entry(l.kol_id.as_str()).or_default() += l.amount;
        if l.status == LineStatus::Cancelled {
            continue;
        }
        let day = NaiveDate::parse_from_str(&l.date, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
        let week = (day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))).to_string();
        *weeks.entry((week, l.kol_id.as_str())).or_default() += l.amount;
    }
    let calendar: Vec<WeekTotal> = weeks
        .into_iter()
        .map(|((week, kol_id), amount)| WeekTotal { kol_id: kol_id.to_owned(), week, amount: fen(amount) })
        .collect();

    let tiers = &campaign.tiers;
    let creators: Vec<CreatorCost> = roster
        .iter()
        .enumerate()
        .map(|(c, creator)| {
            let commission = commission_of.get(creator.id.as_str()).copied().unwrap_or_default();
            let earned = half_up(attributed[c]);
            let bonus: Decimal = options
                .bonuses
                .iter()
                .filter(|_| creator.source.is_none())
                .filter(|rule| rule.tier.as_ref().is_none_or(|t| tiers.by_name(t) == Some(creator.tier)))
                .filter(|rule| earned >= rule.threshold.0)
                .map(|rule| rule.amount.0)
                .sum();
            let flat_fee = creator.flat_fee.unwrap_or_default();
            CreatorCost {
                kol_id: creator.id.clone(),
                tier: tiers.name(creator.tier).to_owned(),
                rate: rates[c],
                flat_fee: fen(flat_fee),
                commission: fen(commission),
                bonus: fen(bonus),
                total: fen(flat_fee + commission + bonus),
                attributed_net_value: earned,
            }
        })
        .collect();
    let sum = |status: LineStatus| fen(lines.iter().filter(|l| l.status == status).map(|l| l.amount).sum());
    let totals = MoneyTotals {
        flat_fees: fen(creators.iter().map(|c| c.flat_fee).sum()),
        commission: fen(lines.iter().map(|l| l.amount).sum()),
        payable: sum(LineStatus::Payable),
        pending: sum(LineStatus::Pending),
        clawed_back: sum(LineStatus::ClawedBack),
        bonuses: fen(creators.iter().map(|c| c.bonus).sum()),
        creator_costs: fen(creators.iter().map(|c| c.total).sum()),
        platform_fee: platform_fee(options, rules, orders),
    };
    let credited = creators.iter().map(|c| c.attributed_net_value).sum();
    let sales_channels = per_channel.finish(options, rules, orders, (credited, totals.platform_fee));
    MoneyReport {
        basis: Baseline { model: basis, days: Some(days) },
        rounding: ROUNDING.to_owned(),
        as_of: date(as_of, zone).to_string(),
        ledger: lines,
        calendar,
        creators,
        totals,
        sales_channels,
    }
}
