//! Which model is right? On a generated campaign every tier's true incremental conversions are
//! known ([`crate::campaign::sample`]), so each model's tier shares can be scored against the truth.
//!
//! The score is the total absolute difference between a model's shares of conversions by tier and
//! the tiers' shares of true incremental conversions: 0 is perfect, 2 is as wrong as possible.
//! It shows which models recover a known causal structure; on real data nobody knows the truth,
//! so it cannot say which model is right there, only which kinds of model mislead when, say,
//! big creators start journeys and small ones close them.

use serde::{Deserialize, Serialize};

use crate::attribution::models::Model;
use crate::campaign::sample::TierTruth;
use crate::error::{Problem, ProblemCode};
use crate::report::comparison::Comparison;

/// How far one model's tier shares are from the truth in one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TruthScore {
    /// The lookback window, in days.
    pub days: u32,
    /// The model.
    pub model: Model,
    /// `Σ_tiers |share of conversions − share of true incremental conversions|`, 0 to 2.
    pub error: f64,
}

/// Every model's score in every window, given as (days, the window's tier comparison); empty
/// when `truth` is.
pub fn score<'a>(windows: impl IntoIterator<Item = (u32, &'a Comparison)>, truth: &[TierTruth]) -> Vec<TruthScore> {
    let total: f64 = truth.iter().map(|t| t.incremental_conversions.max(0.0)).sum();
    if truth.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let true_share =
        |tier: &str| truth.iter().find(|t| t.tier == tier).map_or(0.0, |t| t.incremental_conversions.max(0.0) / total);
    let mut scores = Vec::new();
    for (days, tiers) in windows {
        for &model in &tiers.models {
            let cells = tiers.credits.iter().filter(|c| c.model == model);
            // Shares of attributed conversions, so that a model is not scored on what it leaves out.
            let attributed: f64 = cells.clone().map(|c| c.conversions).sum();
            let mut error: f64 = cells
                .map(|c| {
                    (if attributed > 0.0 { c.conversions / attributed } else { 0.0 } - true_share(&c.channel)).abs()
                })
                .sum();
            // Tiers in the truth that the report does not list at all.
            error +=
                truth.iter().filter(|t| !tiers.channels.contains(&t.tier)).map(|t| true_share(&t.tier)).sum::<f64>();
            scores.push(TruthScore { days, model, error });
        }
    }
    scores
}

/// A warning for each tier the truth names that the campaign does not have (`tiers`): no model's
/// credit can match it, so every score counts its conversions as missed. Entry `n` of the truth's
/// array is line `n + 1`, as for any JSON input.
pub fn unknown_tiers(truth: &[TierTruth], tiers: &[String]) -> Vec<Problem> {
    truth
        .iter()
        .enumerate()
        .filter(|(_, t)| !tiers.contains(&t.tier))
        .map(|(index, t)| {
            let message = format!(
                "the truth names tier {:?}, which this campaign does not have (its tiers: {}): no model's credit can \
                 match its conversions, so every score counts them as missed; name the tiers as the campaign does",
                t.tier,
                tiers.join(", ")
            );
            let problem = Problem::at_line("truth", index + 2, ProblemCode::UnknownValue, message);
            Problem { value: Some(t.tier.clone()), ..problem }.warning()
        })
        .collect()
}
