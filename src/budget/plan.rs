//! Proposals for every model and window of a report, with the limits resolved per tier and a
//! summary of where the models disagree.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::allocate::{Limits, follow_credit, marginal_return};
use super::curve::{CurveShape, ResponseCurve, Shape};
use super::{BudgetMethod, BudgetOptions, Metric, TierConstraint};
use crate::attribution::models::Model;
use crate::error::Error;
use crate::money::{MoneyReport, fen};
use crate::report::campaign::CampaignReport;

/// A tier's spend today and the limits its proposals must respect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierBudget {
    /// Tier name.
    pub tier: String,
    /// What the tier costs now: fees, commission and bonuses of its creators.
    #[cfg_attr(test, ts(type = "string"))]
    pub current_spend: Decimal,
    /// The least any proposal gives it.
    #[cfg_attr(test, ts(type = "string"))]
    pub min: Decimal,
    /// The most any proposal gives it.
    #[cfg_attr(test, ts(type = "string"))]
    pub max: Decimal,
    /// Held at its current spend.
    pub locked: bool,
    /// Has a response curve: false when it costs nothing now (nothing to calibrate against), and
    /// then it stays at ¥0.
    pub calibrated: bool,
}

/// Why a tier's proposal sits where it does, when a limit decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LimitHit {
    /// Locked at its current spend.
    Locked,
    /// Held at its minimum: the next yuan returns more elsewhere.
    Minimum,
    /// Held at its maximum: it would take more.
    Maximum,
    /// No current spend, so no curve: held at ¥0.
    NoCurve,
}

impl LimitHit {
    /// The name used in exports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Locked => "locked",
            Self::Minimum => "minimum",
            Self::Maximum => "maximum",
            Self::NoCurve => "no_curve",
        }
    }
}

/// One tier in one proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierProposal {
    /// Tier name.
    pub tier: String,
    /// What the tier costs now.
    #[cfg_attr(test, ts(type = "string"))]
    pub current_spend: Decimal,
    /// What it would get.
    #[cfg_attr(test, ts(type = "string"))]
    pub proposed_spend: Decimal,
    /// `proposedSpend − currentSpend`.
    #[cfg_attr(test, ts(type = "string"))]
    pub change: Decimal,
    /// The change in percent of current spend; `null` when it spends nothing now.
    pub change_percent: Option<f64>,
    /// What the model attributes to it now (the metric's unit).
    #[cfg_attr(test, ts(type = "string"))]
    pub current_return: Decimal,
    /// What its response curve expects at the proposed spend.
    #[cfg_attr(test, ts(type = "string"))]
    pub expected_return: Decimal,
    /// Return of the next yuan at the proposed spend; `null` without a curve or where the curve
    /// is vertical (a power curve at ¥0).
    pub marginal_return: Option<f64>,
    /// The limit that decided the proposal, if one did.
    pub limit: Option<LimitHit>,
}

/// One model's and window's proposal under one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BudgetPlan {
    /// Lookback window, in days.
    pub days: u32,
    /// The attribution model whose credit calibrates the curves.
    pub model: Model,
    /// How the proposal was made.
    pub method: BudgetMethod,
    /// Every tier, in the campaign's tier order.
    pub tiers: Vec<TierProposal>,
    /// Σ current returns: what the model attributes to the tiers at today's split.
    #[cfg_attr(test, ts(type = "string"))]
    pub current_return: Decimal,
    /// Σ expected returns at the proposal.
    #[cfg_attr(test, ts(type = "string"))]
    pub expected_return: Decimal,
    /// `expectedReturn − currentReturn`.
    #[cfg_attr(test, ts(type = "string"))]
    pub lift: Decimal,
    /// The lift in percent of the current return; `null` when that is zero.
    pub lift_percent: Option<f64>,
}

/// For one tier, window and method: how far apart the models' proposals are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    /// Lookback window, in days.
    pub days: u32,
    /// How the proposals were made.
    pub method: BudgetMethod,
    /// Tier name.
    pub tier: String,
    /// The model proposing the least.
    pub lowest_model: Model,
    /// Its proposal.
    #[cfg_attr(test, ts(type = "string"))]
    pub lowest: Decimal,
    /// The model proposing the most.
    pub highest_model: Model,
    /// Its proposal.
    #[cfg_attr(test, ts(type = "string"))]
    pub highest: Decimal,
    /// `highest − lowest`.
    #[cfg_attr(test, ts(type = "string"))]
    pub spread: Decimal,
}

/// Every proposal of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BudgetReport {
    /// The budget split.
    #[cfg_attr(test, ts(type = "string"))]
    pub budget: Decimal,
    /// What the tiers cost now, in total.
    #[cfg_attr(test, ts(type = "string"))]
    pub current_spend: Decimal,
    /// What returns are counted in.
    pub metric: Metric,
    /// The response curve, with its parameters, in words.
    pub curve: String,
    /// Each tier's spend now and its limits.
    pub tiers: Vec<TierBudget>,
    /// One per window, model and method.
    pub plans: Vec<BudgetPlan>,
    /// One per window, method and tier.
    pub disagreements: Vec<Disagreement>,
}

/// Proposes next period's split across tiers for every model and window of `report`, with the
/// costs of `money` (the same campaign) as current spend.
///
/// # Errors
/// [`Error::InvalidOption`] for curve parameters out of range, a constraint naming an unknown
/// tier, a tier's minimum above its maximum, limits the budget cannot meet (named with every
/// tier's part), or a report without the tier level.
pub fn budget_plan(
    report: &CampaignReport,
    money: &MoneyReport,
    options: &BudgetOptions,
) -> Result<BudgetReport, Error> {
    let shape = options.shape()?;
    let mut names: Vec<String> =
        report.summary.tiers.iter().filter(|t| t.creators > 0).map(|t| t.tier.clone()).collect();
    for cost in &money.creators {
        if !names.contains(&cost.tier) {
            names.push(cost.tier.clone());
        }
    }
    let current: Vec<Decimal> = names
        .iter()
        .map(|tier| fen(money.creators.iter().filter(|c| &c.tier == tier).map(|c| c.total).sum()))
        .collect();
    let total_current: Decimal = current.iter().copied().sum();
    let budget = options
        .budget
        .map_or(total_current, |b| fen(b.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)));
    let tiers = resolve_limits(options, &names, &current, budget)?;
    let limits: Vec<Limits> = tiers.iter().map(|t| Limits { lo: t.min, hi: t.max }).collect();
    check_feasible(budget, &tiers)?;

    let mut plans = Vec::new();
    for window in &report.windows {
        let Some(comparison) = &window.tiers else {
            return Err(Error::invalid_option(
                "level",
                "creator",
                "budget reallocation is across tiers: compute the report with level \"tier\" or \"both\"",
            ));
        };
        for &model in &comparison.models {
            let returns: Vec<Decimal> = names
                .iter()
                .map(|tier| {
                    comparison.credits.iter().find(|c| c.model == model && &c.channel == tier).map_or(
                        Decimal::ZERO,
                        |c| match options.metric {
                            Metric::NetValue => c.net_value,
                            Metric::Conversions => to_hundredths(c.conversions),
                        },
                    )
                })
                .collect();
            let curves: Vec<Option<ResponseCurve>> = tiers
                .iter()
                .zip(&returns)
                .map(|(t, r)| {
                    if t.calibrated {
                        ResponseCurve::calibrate(shape, t.current_spend.to_f64()?, r.to_f64()?)
                    } else {
                        None
                    }
                })
                .collect();
            for method in [BudgetMethod::FollowCredit, BudgetMethod::MarginalReturn] {
                let proposal = match method {
                    BudgetMethod::FollowCredit => follow_credit(budget, &returns, &limits),
                    BudgetMethod::MarginalReturn => marginal_return(budget, &curves, &limits),
                };
                plans.push(plan(window.days, model, method, &tiers, &returns, &curves, &proposal, budget));
            }
        }
    }
    let disagreements = disagreements(&plans, &names);
    Ok(BudgetReport {
        budget,
        current_spend: total_current,
        metric: options.metric,
        curve: describe(shape),
        tiers,
        plans,
        disagreements,
    })
}

/// Each tier's limits in whole fen: its own constraint, else the default one, else ¥0 to the budget.
fn resolve_limits(
    options: &BudgetOptions,
    names: &[String],
    current: &[Decimal],
    budget: Decimal,
) -> Result<Vec<TierBudget>, Error> {
    let (by_tier, default) = options.constraints_by_tier(names)?;
    let none = TierConstraint::default();
    names
        .iter()
        .zip(current)
        .map(|(tier, &current_spend)| {
            let own = by_tier.get(tier.as_str()).copied();
            let (index, constraint) = own.or(default).unwrap_or((usize::MAX, &none));
            let option = |field: &str| format!("constraints[{index}]{field}");
            let min = constraint.min.map(|b| b.resolve(current_spend).round_dp_with_strategy(2, RoundingStrategy::AwayFromZero));
            let max = constraint.max.map(|b| b.resolve(current_spend).round_dp_with_strategy(2, RoundingStrategy::ToZero));
            let calibrated = current_spend > Decimal::ZERO;
            let (lo, hi) = if constraint.locked {
                if min.is_some_and(|m| m > current_spend) || max.is_some_and(|m| m < current_spend) {
                    return Err(Error::invalid_option(
                        &option(""),
                        tier,
                        format!("{tier} is locked at its current spend {}, outside its own minimum or maximum", yuan(current_spend)),
                    ));
                }
                (current_spend, current_spend)
            } else if !calibrated {
                if own.is_some() && min.is_some_and(|m| m > Decimal::ZERO) {
                    return Err(Error::invalid_option(
                        &option(".min"),
                        constraint.min.map(|b| b.to_string()).unwrap_or_default(),
                        format!("{tier} costs nothing now, so no response curve can be calibrated for it and it stays at ¥0: remove its minimum"),
                    ));
                }
                (Decimal::ZERO, Decimal::ZERO)
            } else {
                let lo = min.unwrap_or(Decimal::ZERO);
                if let Some(hi) = max.filter(|&hi| lo > hi) {
                    return Err(Error::invalid_option(
                        &option(""),
                        tier,
                        format!("{tier}'s minimum {} is above its maximum {}", yuan(lo), yuan(hi)),
                    ));
                }
                let hi = max.unwrap_or(budget);
                // Above the budget a maximum binds nothing; a minimum above it fails the feasibility check.
                (lo, hi.min(budget).max(lo))
            };
            Ok(TierBudget { tier: tier.clone(), current_spend, min: fen(lo), max: fen(hi), locked: constraint.locked, calibrated })
        })
        .collect()
}

/// Refuses limits that no split of the budget can meet, naming each tier's part.
fn check_feasible(budget: Decimal, tiers: &[TierBudget]) -> Result<(), Error> {
    let part = |t: &TierBudget, amount: Decimal| {
        let why = if t.locked {
            " locked"
        } else if !t.calibrated {
            " (no current spend)"
        } else {
            ""
        };
        format!("{} {}{why}", t.tier, yuan(amount))
    };
    let lows: Decimal = tiers.iter().map(|t| t.min).sum();
    if lows > budget {
        let parts: Vec<String> = tiers.iter().filter(|t| t.min > Decimal::ZERO).map(|t| part(t, t.min)).collect();
        return Err(Error::invalid_option(
            "budget",
            yuan(budget),
            format!(
                "the tiers' minimums add up to {} ({}), more than the budget: raise the budget, or lower a minimum or unlock a tier",
                yuan(lows),
                parts.join(", ")
            ),
        ));
    }
    let highs: Decimal = tiers.iter().map(|t| t.max).sum();
    if highs < budget {
        let parts: Vec<String> = tiers.iter().map(|t| part(t, t.max)).collect();
        return Err(Error::invalid_option(
            "budget",
            yuan(budget),
            format!(
                "the tiers' maximums add up to {} ({}), less than the budget: lower the budget, or raise a maximum or unlock a tier",
                yuan(highs),
                parts.join(", ")
            ),
        ));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)] // One plan's inputs, named at the single call site.
fn plan(
    days: u32,
    model: Model,
    method: BudgetMethod,
    tiers: &[TierBudget],
    returns: &[Decimal],
    curves: &[Option<ResponseCurve>],
    proposal: &[Decimal],
    budget: Decimal,
) -> BudgetPlan {
    let proposals: Vec<TierProposal> = tiers
        .iter()
        .zip(returns)
        .zip(curves)
        .zip(proposal)
        .map(|(((t, &current_return), curve), &proposed)| {
            let spend = proposed.to_f64().unwrap_or(0.0);
            // At today's spend the curve returns today's credit by construction; say so exactly.
            let expected_return = match curve {
                Some(curve) if proposed != t.current_spend => to_hundredths(curve.value(spend)),
                _ => current_return,
            };
            let limit = if t.locked {
                Some(LimitHit::Locked)
            } else if !t.calibrated {
                Some(LimitHit::NoCurve)
            } else if proposed == t.max && t.max < budget {
                Some(LimitHit::Maximum)
            } else if proposed == t.min && t.min < t.max {
                Some(LimitHit::Minimum)
            } else {
                None
            };
            TierProposal {
                tier: t.tier.clone(),
                current_spend: t.current_spend,
                proposed_spend: proposed,
                change: fen(proposed - t.current_spend),
                change_percent: percent(proposed - t.current_spend, t.current_spend),
                current_return,
                expected_return,
                marginal_return: curve.map(|c| c.marginal(spend)).filter(|m| m.is_finite()),
                limit,
            }
        })
        .collect();
    let current_return: Decimal = proposals.iter().map(|p| p.current_return).sum();
    let expected_return: Decimal = proposals.iter().map(|p| p.expected_return).sum();
    BudgetPlan {
        days,
        model,
        method,
        tiers: proposals,
        current_return,
        expected_return,
        lift: fen(expected_return - current_return),
        lift_percent: percent(expected_return - current_return, current_return),
    }
}

fn disagreements(plans: &[BudgetPlan], names: &[String]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut keys: Vec<(u32, BudgetMethod)> = plans.iter().map(|p| (p.days, p.method)).collect();
    keys.dedup();
    keys.sort_unstable();
    keys.dedup();
    for (days, method) in keys {
        let group: Vec<&BudgetPlan> = plans.iter().filter(|p| p.days == days && p.method == method).collect();
        for (t, tier) in names.iter().enumerate() {
            let spend = |p: &&BudgetPlan| p.tiers[t].proposed_spend;
            // The first model in report order wins a tie, so the summary does not flicker.
            let (Some(low), Some(high)) = (
                group.iter().copied().reduce(|a, b| if spend(&b) < spend(&a) { b } else { a }),
                group.iter().copied().reduce(|a, b| if spend(&b) > spend(&a) { b } else { a }),
            ) else {
                continue;
            };
            out.push(Disagreement {
                days,
                method,
                tier: tier.clone(),
                lowest_model: low.model,
                lowest: spend(&low),
                highest_model: high.model,
                highest: spend(&high),
                spread: fen(spend(&high) - spend(&low)),
            });
        }
    }
    out
}

fn describe(shape: Shape) -> String {
    match shape.curve {
        CurveShape::Hill => format!(
            "Hill: R(s) = c·s^{k} / (s^{k} + h^{k}), h = {m} × current spend, c so that R(current spend) = attributed return",
            k = shape.slope,
            m = shape.half_saturation
        ),
        CurveShape::Power => {
            format!("Power: R(s) = c·s^{b}, c so that R(current spend) = attributed return", b = shape.exponent)
        }
    }
}

/// `¥1,234,567.80`: amounts in messages as people read them.
fn yuan(amount: Decimal) -> String {
    let text = fen(amount).to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}¥{grouped}.{cents}")
}

fn percent(part: Decimal, whole: Decimal) -> Option<f64> {
    (!whole.is_zero()).then(|| (part / whole * Decimal::ONE_HUNDRED).to_f64()).flatten()
}

fn to_hundredths(value: f64) -> Decimal {
    fen(Decimal::from_f64(value).unwrap_or_default().round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_messages_are_grouped() {
        let d = |text: &str| text.parse::<Decimal>().unwrap();
        assert_eq!(yuan(d("701849.41")), "¥701,849.41");
        assert_eq!(yuan(d("1000")), "¥1,000.00");
        assert_eq!(yuan(d("5")), "¥5.00");
        assert_eq!(yuan(d("-1234.5")), "-¥1,234.50");
        assert_eq!(yuan(d("100000")), "¥100,000.00");
    }
}
