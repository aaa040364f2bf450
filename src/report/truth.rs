//! Which model is right? On a generated campaign every tier's and every creator's true incremental
//! conversions are known ([`crate::campaign::sample`]), so each model's shares can be scored
//! against the truth.
//!
//! The score is the total absolute difference between a model's shares of conversions by tier (by
//! creator) and the tiers' (creators') shares of true incremental conversions: 0 is perfect, 2 is
//! as wrong as possible. It shows which models recover a known causal structure; on real data
//! nobody knows the truth, so it cannot say which model is right there, only which kinds of model
//! mislead when, say, big creators start journeys and small ones close them.

use serde::{Deserialize, Serialize};

use crate::attribution::models::Model;
use crate::campaign::sample::TierTruth;
use crate::error::{Problem, ProblemCode};
use crate::report::comparison::Comparison;

/// How far one model's shares are from the truth in one window.
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
    /// The same over creators, when the truth has creators and the report creator credit.
    pub creator_error: Option<f64>,
}

/// One window's comparisons, as [`score`] reads them: its days, tier and creator credit.
pub type WindowCredit<'a> = (u32, Option<&'a Comparison>, Option<&'a Comparison>);

/// Every model's score in every window that has tier credit; empty when `truth` is.
pub fn score<'a>(windows: impl IntoIterator<Item = WindowCredit<'a>>, truth: &[TierTruth]) -> Vec<TruthScore> {
    let tiers: Vec<(&str, f64)> = truth.iter().map(|t| (t.tier.as_str(), t.incremental_conversions)).collect();
    let creators: Vec<(&str, f64)> =
        truth.iter().flat_map(|t| &t.creators).map(|c| (c.creator.as_str(), c.incremental_conversions)).collect();
    let (Some(tiers), creators) = (Shares::of(&tiers), Shares::of(&creators)) else { return Vec::new() };
    let mut scores = Vec::new();
    for (days, by_tier, by_creator) in windows {
        let Some(by_tier) = by_tier else { continue };
        for &model in &by_tier.models {
            let creator_error = creators.as_ref().zip(by_creator).map(|(c, by)| c.distance(by, model));
            scores.push(TruthScore { days, model, error: tiers.distance(by_tier, model), creator_error });
        }
    }
    scores
}

/// The true shares of incremental conversions, by channel (tier or creator).
struct Shares<'t> {
    shares: Vec<(&'t str, f64)>,
}

impl<'t> Shares<'t> {
    /// Each channel's share of the positive incremental conversions; `None` when there are none.
    fn of(truth: &[(&'t str, f64)]) -> Option<Self> {
        let total: f64 = truth.iter().map(|(_, x)| x.max(0.0)).sum();
        (total > 0.0).then(|| Self { shares: truth.iter().map(|&(name, x)| (name, x.max(0.0) / total)).collect() })
    }

    fn of_channel(&self, channel: &str) -> f64 {
        self.shares.iter().find(|(name, _)| *name == channel).map_or(0.0, |s| s.1)
    }

    /// `Σ |model's share − true share|` over the comparison's channels, plus the true shares of
    /// channels it does not list at all.
    fn distance(&self, comparison: &Comparison, model: Model) -> f64 {
        let cells = comparison.credits.iter().filter(|c| c.model == model);
        // Shares of attributed conversions, so that a model is not scored on what it leaves out.
        let attributed: f64 = cells.clone().map(|c| c.conversions).sum();
        let listed: f64 = cells
            .map(|c| {
                let share = if attributed > 0.0 { c.conversions / attributed } else { 0.0 };
                (share - self.of_channel(&c.channel)).abs()
            })
            .sum();
        let missing: f64 =
            self.shares.iter().filter(|(name, _)| !comparison.channels.iter().any(|c| c == name)).map(|s| s.1).sum();
        listed + missing
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::bootstrap::Intervals;
    use crate::campaign::CampaignInputs;
    use crate::campaign::sample::CreatorTruth;
    use crate::report::campaign::{ReportOptions, campaign_report};

    fn tier(tier: &str, creators: &[(&str, f64)]) -> TierTruth {
        TierTruth {
            tier: tier.into(),
            incremental_conversions: creators.iter().map(|c| c.1).sum(),
            touches: creators.len(),
            creators: creators
                .iter()
                .map(|&(creator, x)| CreatorTruth {
                    creator: creator.into(),
                    incremental_conversions: x,
                    touches: 1,
                    lift: 1.0,
                })
                .collect(),
        }
    }

    /// u1 sees big then koc and buys, u2 sees koc and buys, u3 sees mid and does not.
    fn scores(truth: &[TierTruth]) -> Vec<TruthScore> {
        let inputs = CampaignInputs {
            creators: "kol_id,tier\nbig,mega\nmid,mid-tier\nkoc,KOC\n".into(),
            touchpoints: "journey_id,kol_id,timestamp,touch_type\nu1,big,2025-04-01 10:00,view\n\
                          u1,koc,2025-04-02 10:00,view\nu2,koc,2025-04-02 10:00,view\nu3,mid,2025-04-02 10:00,view\n"
                .into(),
            orders: "order_id,journey_id,timestamp,value\no1,u1,2025-04-03 10:00,100\no2,u2,2025-04-03 10:00,100\n"
                .into(),
            ..CampaignInputs::default()
        };
        let options = ReportOptions {
            models: vec![Model::LastTouch, Model::FirstTouch],
            windows: vec![30],
            intervals: Intervals { resamples: 0 },
            truth: truth.to_vec(),
            ..ReportOptions::default()
        };
        let report = campaign_report(&inputs, &options).unwrap();
        score(report.windows.iter().map(crate::report::campaign::WindowReport::credit), truth)
    }

    #[test]
    fn creators_are_scored_beside_tiers() {
        // Truly big and koc each caused one conversion; mid none.
        let truth = [tier("mega", &[("big", 1.0)]), tier("mid-tier", &[("mid", 0.0)]), tier("KOC", &[("koc", 1.0)])];
        let scores = scores(&truth);
        let of = |model| scores.iter().find(|s| s.model == model).unwrap();
        // Last touch gives koc both: |0 − ½| + |1 − ½|; first touch gives one each, as the truth.
        assert_eq!((of(Model::LastTouch).error, of(Model::LastTouch).creator_error), (1.0, Some(1.0)));
        assert_eq!((of(Model::FirstTouch).error, of(Model::FirstTouch).creator_error), (0.0, Some(0.0)));
    }

    #[test]
    fn a_creator_the_report_does_not_list_counts_as_missed_and_a_truth_without_creators_scores_tiers_only() {
        let truth = [tier("mega", &[("big", 1.0), ("ghost", 2.0)]), tier("KOC", &[("koc", 1.0)])];
        let first = scores(&truth).into_iter().find(|s| s.model == Model::FirstTouch).unwrap();
        // True creator shares ¼, ½ (ghost, never in the report), ¼; first touch gives big and koc ½ each.
        assert_eq!(first.creator_error, Some(0.25 + 0.5 + 0.25));
        let tiers_only: Vec<TierTruth> =
            truth.iter().map(|t| TierTruth { creators: Vec::new(), ..t.clone() }).collect();
        let scored = scores(&tiers_only);
        assert!(scored.iter().all(|s| s.creator_error.is_none()));
        assert_eq!(
            scored.iter().map(|s| s.error).collect::<Vec<_>>(),
            scores(&truth).iter().map(|s| s.error).collect::<Vec<_>>()
        );
    }
}
