//! Which model is right? On a generated campaign every tier's true incremental conversions are
//! known ([`crate::sample`]), so each model's tier shares can be scored against the truth.
//!
//! The score is the total absolute difference between a model's shares of conversions by tier and
//! the tiers' shares of true incremental conversions: 0 is perfect, 2 is as wrong as possible.
//! It shows which models recover a known causal structure; on real data nobody knows the truth,
//! so it cannot say which model is right there, only which kinds of model mislead when, say,
//! big creators start journeys and small ones close them.

use serde::{Deserialize, Serialize};

use crate::models::Model;
use crate::report::WindowReport;
use crate::sample::TierTruth;

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

/// Every model's score in every window that has tiers; empty when `truth` is.
pub fn score(windows: &[WindowReport], truth: &[TierTruth]) -> Vec<TruthScore> {
    let total: f64 = truth.iter().map(|t| t.incremental_conversions.max(0.0)).sum();
    if truth.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let true_share =
        |tier: &str| truth.iter().find(|t| t.tier == tier).map_or(0.0, |t| t.incremental_conversions.max(0.0) / total);
    let mut scores = Vec::new();
    for window in windows {
        let Some(tiers) = &window.tiers else { continue };
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
            scores.push(TruthScore { days: window.days, model, error });
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ReportOptions, campaign_report};
    use crate::sample::{SampleOptions, sample_campaign};

    #[test]
    fn scores_are_zero_to_two_and_differ_between_models() {
        let sample = sample_campaign(&SampleOptions::default()).unwrap();
        let options =
            ReportOptions { intervals: crate::bootstrap::Intervals { resamples: 0 }, ..ReportOptions::default() };
        let report = campaign_report(&sample.inputs, &options).unwrap();
        let scores = score(&report.windows, &sample.truth);
        assert_eq!(scores.len(), report.windows.len() * Model::ALL.len());
        assert!(scores.iter().all(|s| (0.0..=2.0).contains(&s.error)));
        let best = scores.iter().map(|s| s.error).fold(f64::INFINITY, f64::min);
        let worst = scores.iter().map(|s| s.error).fold(0.0, f64::max);
        assert!(worst > best + 0.1, "models disagree about the tiers: {best}..{worst}");
        assert!(score(&report.windows, &[]).is_empty());
    }
}
