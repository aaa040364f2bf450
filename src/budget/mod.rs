//! Next period's budget across tiers, under every model and window.
//!
//! Two methods, side by side:
//! - **follow the credit**: the budget split in proportion to each tier's attributed return (the
//!   rule most teams use; shown so its consequences are visible);
//! - **marginal return**: each tier gets a concave response curve through its current spend and
//!   attributed return, and the budget goes where the next yuan returns most, until every tier's
//!   marginal return is equal or it reaches a limit.
//!
//! Both respect the same per-tier limits, and expected returns of both are read off the same
//! curves, so the lift of one over the other is like for like.

mod allocate;
mod constraint;
mod curve;
mod plan;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use allocate::{Limits, follow_credit, marginal_return, round_to_fen};
pub use constraint::{Bound, TierConstraint};
pub use curve::{CurveShape, ResponseCurve, Shape};
pub use plan::{BudgetPlan, BudgetReport, Disagreement, LimitHit, TierBudget, TierProposal, budget_plan};

use crate::catalogue::settings::{CURVE, EXPONENT, HALF_SATURATION, METRIC, SLOPE};
use crate::error::Error;
use crate::money::Amount;

/// A constraint and its position in the options, for error messages.
type Indexed<'a> = (usize, &'a TierConstraint);

/// What a tier's return is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Attributed value after refunds, in yuan.
    #[default]
    NetValue,
    /// Attributed conversions (orders).
    Conversions,
}

/// How a proposal is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BudgetMethod {
    /// In proportion to each tier's attributed return.
    FollowCredit,
    /// Equal marginal return on calibrated response curves.
    MarginalReturn,
}

impl BudgetMethod {
    /// The name used in options and exports.
    pub fn name(self) -> &'static str {
        match self {
            Self::FollowCredit => "follow_credit",
            Self::MarginalReturn => "marginal_return",
        }
    }
}

/// What to plan and under which assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct BudgetOptions {
    /// Next period's budget (default: what the tiers cost now: fees, commission and bonuses).
    #[cfg_attr(test, ts(optional = nullable, type = "string | number | null"))]
    pub budget: Option<Amount>,
    /// What a tier returns (default net value).
    #[cfg_attr(test, ts(optional = nullable))]
    pub metric: Metric,
    /// The response curve's family (default Hill).
    #[cfg_attr(test, ts(optional = nullable))]
    pub curve: CurveShape,
    /// Hill: the spend at which a tier reaches half its ceiling, as a multiple of its current
    /// spend (default 1: today's spend is already halfway; larger leaves more room to grow).
    #[cfg_attr(test, ts(optional = nullable))]
    pub half_saturation: f64,
    /// Hill: steepness, 0.1 to 1 (default 1); lower flattens the curve.
    #[cfg_attr(test, ts(optional = nullable))]
    pub slope: f64,
    /// Power: the exponent, 0.05 to 0.95 (default 0.5: four times the spend, twice the return).
    #[cfg_attr(test, ts(optional = nullable))]
    pub exponent: f64,
    /// Per-tier limits; one without a tier applies to every tier not named.
    #[cfg_attr(test, ts(optional = nullable))]
    pub constraints: Vec<TierConstraint>,
}

impl Default for BudgetOptions {
    fn default() -> Self {
        Self {
            budget: None,
            metric: if METRIC.default_text() == "conversions" { Metric::Conversions } else { Metric::NetValue },
            curve: if CURVE.default_text() == "power" { CurveShape::Power } else { CurveShape::Hill },
            half_saturation: HALF_SATURATION.default_number(),
            slope: SLOPE.default_number(),
            exponent: EXPONENT.default_number(),
            constraints: Vec::new(),
        }
    }
}

impl BudgetOptions {
    /// The curve shape, once every parameter is in range.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] naming the parameter out of range.
    pub fn shape(&self) -> Result<Shape, Error> {
        HALF_SATURATION.check(self.half_saturation)?;
        SLOPE.check(self.slope)?;
        EXPONENT.check(self.exponent)?;
        Ok(Shape {
            curve: self.curve,
            half_saturation: self.half_saturation,
            slope: self.slope,
            exponent: self.exponent,
        })
    }

    /// Each named tier's constraint and the default one, refusing duplicates and unknown tiers.
    fn constraints_by_tier(
        &self,
        tiers: &[String],
    ) -> Result<(BTreeMap<&str, Indexed<'_>>, Option<Indexed<'_>>), Error> {
        let mut named = BTreeMap::new();
        let mut default = None;
        for (i, constraint) in self.constraints.iter().enumerate() {
            match &constraint.tier {
                None if default.is_some() => {
                    return Err(Error::invalid_option(
                        &format!("constraints[{i}]"),
                        "(no tier)",
                        "only one constraint may leave out its tier (it applies to every other tier)",
                    ));
                }
                None => default = Some((i, constraint)),
                Some(tier) if !tiers.contains(tier) => {
                    return Err(Error::invalid_option(
                        &format!("constraints[{i}].tier"),
                        tier,
                        format!("no such tier in this campaign; its tiers are {}", tiers.join(", ")),
                    ));
                }
                Some(tier) => {
                    if named.insert(tier.as_str(), (i, constraint)).is_some() {
                        return Err(Error::invalid_option(
                            &format!("constraints[{i}].tier"),
                            tier,
                            "this tier already has a constraint",
                        ));
                    }
                }
            }
        }
        Ok((named, default))
    }
}
