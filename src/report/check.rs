//! Which model fits this campaign? Real data has no truth file, but it has journeys that did and
//! did not convert: every model that gives a journey a probability to convert is fitted on part of
//! them and scored on the rest (k-fold cross-validation), by held-out log-loss, Brier score and a
//! calibration table (predicted against observed conversion rate, by decile of the prediction).
//!
//! The units are the window's journeys as the incremental model sees them: each order with its
//! eligible touches (converted) and each path that did not convert. A journey (user) falls in one
//! fold, chosen by a hash of its number, so its orders are never split between fitting and scoring.
//! What each model predicts for a held-out unit:
//! - `incremental`: `1 − exp(−Λ)`, its own probability, fitted on the other folds;
//! - `markov`: the chain's chance to convert from the unit's last state (the last `markovOrder`
//!   creators, repeats merged when asked), its transitions to conversion and to null counted on the
//!   other folds (in an absorbing chain that is what the path's last step decides);
//! - `shapley`: the conversion rate of the unit's set of creators on the other folds (its `v(S)`);
//!
//! a state or set never seen on the other folds gets their overall conversion rate. Rule-based
//! models give no probability (they split an order that happened), so they have no score.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::attribution::incremental::{Fit, Segments};
use crate::attribution::models::{Model, ModelOptions};
use crate::campaign::{Campaign, CampaignInputs, CampaignOptions, read_campaign};
use crate::catalogue::check_window;
use crate::catalogue::settings::{CHECK_DAYS, CHECK_FOLDS, CHECK_MODELS};
use crate::error::Error;

/// What to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckOptions {
    /// The lookback window of the journeys checked, in days.
    #[cfg_attr(test, ts(optional = nullable))]
    pub days: u32,
    /// How many parts the journeys are split into; each is scored by a fit on the others.
    #[cfg_attr(test, ts(optional = nullable))]
    pub folds: u32,
    /// Models to check (default: every model that gives a probability).
    #[cfg_attr(test, ts(optional))]
    pub models: Option<Vec<Model>>,
    /// The models' parameters.
    #[cfg_attr(test, ts(optional = nullable))]
    pub model_options: ModelOptions,
    /// How to read the inputs.
    #[cfg_attr(test, ts(optional = nullable))]
    pub input: CampaignOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            days: CHECK_DAYS.default_whole() as u32,
            folds: CHECK_FOLDS.default_whole() as u32,
            models: None,
            model_options: ModelOptions::default(),
            input: CampaignOptions::default(),
        }
    }
}

/// One decile of a model's predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CalibrationBin {
    /// Mean predicted probability in the decile.
    pub predicted: f64,
    /// Share of its journeys that converted.
    pub observed: f64,
    /// Journeys in it.
    pub journeys: usize,
}

/// One model's held-out scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ModelScore {
    /// The model.
    pub model: Model,
    /// Mean held-out log-loss (lower is better; the base rate's is `baseRateLogLoss`).
    pub log_loss: f64,
    /// Mean squared error of the predicted probability (lower is better).
    pub brier: f64,
    /// Predicted against observed conversion rate, by decile of the prediction.
    pub calibration: Vec<CalibrationBin>,
}

/// The model check of one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ModelCheck {
    /// The lookback window, in days.
    pub days: u32,
    /// Folds.
    pub folds: u32,
    /// Journeys scored (orders with eligible touches and paths that did not convert).
    pub journeys: usize,
    /// Of which converted.
    pub conversions: usize,
    /// Log-loss of predicting every journey the other folds' conversion rate: a model that does
    /// not beat it has learned nothing from the touches.
    pub base_rate_log_loss: f64,
    /// Brier score of the same.
    pub base_rate_brier: f64,
    /// Each model checked, best log-loss first.
    pub models: Vec<ModelScore>,
    /// Models asked for that give no probability (rule-based: they split orders that happened).
    pub without_probability: Vec<Model>,
}

/// A probability is kept this far from 0 and 1, so one confident miss cannot make the loss infinite.
const CLIP: f64 = 1e-6;
/// Deciles.
const BINS: usize = 10;

/// Reads a campaign and checks its models on held-out journeys.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options; [`Error::Input`] listing every problem in the inputs.
pub fn model_check(inputs: &CampaignInputs, options: &CheckOptions) -> Result<ModelCheck, Error> {
    check_options(options)?;
    let campaign = read_campaign(inputs, &options.input)?;
    model_check_of(&campaign, options)
}

fn check_options(options: &CheckOptions) -> Result<(), Error> {
    check_window(CHECK_DAYS.path, options.days)?;
    CHECK_FOLDS.check(options.folds)?;
    if options.models.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::invalid_option(CHECK_MODELS.path, "[]", "choose at least one model"));
    }
    options.model_options.validate()
}

/// Checks a campaign already read.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
pub fn model_check_of(campaign: &Campaign, options: &CheckOptions) -> Result<ModelCheck, Error> {
    check_options(options)?;
    let asked: Vec<Model> = options.models.clone().unwrap_or_else(|| Model::ALL.to_vec());
    let (scored, without_probability): (Vec<Model>, Vec<Model>) =
        asked.into_iter().partition(|m| m.gives_probability());
    let segments = Segments::of_window(campaign, options.days);
    let n = segments.len();
    let folds = options.folds as usize;
    let fold: Vec<usize> = segments.journey.iter().map(|&j| fold_of(j, folds)).collect();
    let converted: Vec<bool> = (0..n).map(|s| segments.converted(s)).collect();
    // The other folds' conversion rate, per fold: the base rate every model must beat.
    let rate_without: Vec<f64> = (0..folds)
        .map(|k| {
            let (yes, all) = (0..n)
                .filter(|&s| fold[s] != k)
                .fold((0_usize, 0_usize), |(y, a), s| (y + usize::from(converted[s]), a + 1));
            if all == 0 { 0.0 } else { yes as f64 / all as f64 }
        })
        .collect();
    let base: Vec<f64> = fold.iter().map(|&k| rate_without[k]).collect();
    let mut models: Vec<ModelScore> = scored
        .iter()
        .map(|&model| {
            let predicted = match model {
                Model::Incremental => incremental(campaign, &segments, &fold, folds),
                Model::Markov => last_state(campaign, &segments, &fold, folds, &base, &options.model_options),
                _ => creator_set(&segments, &fold, folds, &base),
            };
            score(model, &predicted, &converted)
        })
        .collect();
    models.sort_by(|a, b| a.log_loss.total_cmp(&b.log_loss));
    let baseline = score(Model::Incremental, &base, &converted);
    Ok(ModelCheck {
        days: options.days,
        folds: options.folds,
        journeys: n,
        conversions: converted.iter().filter(|&&c| c).count(),
        base_rate_log_loss: baseline.log_loss,
        base_rate_brier: baseline.brier,
        models,
        without_probability,
    })
}

/// A journey's fold: a mix of its number (so folds do not follow the order of the files).
fn fold_of(journey: u32, folds: usize) -> usize {
    let mut x = u64::from(journey).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ((x ^ (x >> 31)) % folds as u64) as usize
}

fn incremental(campaign: &Campaign, segments: &Segments, fold: &[usize], folds: usize) -> Vec<f64> {
    let mut predicted = vec![0.0; segments.len()];
    let mut last: Option<Fit> = None;
    for k in 0..folds {
        let weights: Vec<f64> = fold.iter().map(|&f| if f == k { 0.0 } else { 1.0 }).collect();
        let fit = Fit::new(campaign, segments, Some(&weights), last.as_ref(), Vec::new());
        for s in (0..segments.len()).filter(|&s| fold[s] == k) {
            predicted[s] = fit.probability(segments, s);
        }
        last = Some(fit);
    }
    predicted
}

/// The creators of unit `s`, in touch order.
fn creators(segments: &Segments, s: usize) -> Vec<u32> {
    segments.touches(s).map(|t| segments.kinds[segments.kind[t] as usize].creator).collect()
}

fn last_state(
    campaign: &Campaign,
    segments: &Segments,
    fold: &[usize],
    folds: usize,
    base: &[f64],
    options: &ModelOptions,
) -> Vec<f64> {
    let _ = campaign;
    let state = |s: usize| {
        let mut path = creators(segments, s);
        if options.collapse_repeats {
            path.dedup();
        }
        let from = path.len().saturating_sub(options.markov_order);
        path.split_off(from)
    };
    let states: Vec<Vec<u32>> = (0..segments.len()).map(state).collect();
    by_key(&states, segments, fold, folds, base)
}

fn creator_set(segments: &Segments, fold: &[usize], folds: usize, base: &[f64]) -> Vec<f64> {
    let sets: Vec<Vec<u32>> = (0..segments.len())
        .map(|s| {
            let mut set = creators(segments, s);
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    by_key(&sets, segments, fold, folds, base)
}

/// Per unit, the conversion rate of the other folds' units with the same key (its base rate when
/// the key was not seen there).
fn by_key(keys: &[Vec<u32>], segments: &Segments, fold: &[usize], folds: usize, base: &[f64]) -> Vec<f64> {
    // Per key, conversions and units in each fold: a held-out unit subtracts its own fold.
    let mut counts: FxHashMap<&[u32], Vec<(u32, u32)>> = FxHashMap::default();
    for (s, key) in keys.iter().enumerate() {
        let entry = counts.entry(key.as_slice()).or_insert_with(|| vec![(0, 0); folds]);
        entry[fold[s]].0 += u32::from(segments.converted(s));
        entry[fold[s]].1 += 1;
    }
    keys.iter()
        .enumerate()
        .map(|(s, key)| {
            let per_fold = &counts[key.as_slice()];
            let (yes, all) = per_fold
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != fold[s])
                .fold((0, 0), |(y, a), (_, &(c, n))| (y + c, a + n));
            if all == 0 { base[s] } else { f64::from(yes) / f64::from(all) }
        })
        .collect()
}

fn score(model: Model, predicted: &[f64], converted: &[bool]) -> ModelScore {
    let n = predicted.len().max(1) as f64;
    let (mut log_loss, mut brier) = (0.0, 0.0);
    for (&p, &y) in predicted.iter().zip(converted) {
        let p = p.clamp(CLIP, 1.0 - CLIP);
        let outcome = if y { 1.0 } else { 0.0 };
        log_loss -= if y { libm::log(p) } else { libm::log1p(-p) };
        brier += (p - outcome) * (p - outcome);
    }
    let mut order: Vec<usize> = (0..predicted.len()).collect();
    order.sort_by(|&a, &b| predicted[a].total_cmp(&predicted[b]).then(a.cmp(&b)));
    let calibration = (0..BINS)
        .filter_map(|bin| {
            let range = bin * order.len() / BINS..(bin + 1) * order.len() / BINS;
            (!range.is_empty()).then(|| {
                let members = &order[range];
                let count = members.len() as f64;
                CalibrationBin {
                    predicted: members.iter().map(|&s| predicted[s]).sum::<f64>() / count,
                    observed: members.iter().filter(|&&s| converted[s]).count() as f64 / count,
                    journeys: members.len(),
                }
            })
        })
        .collect();
    ModelScore { model, log_loss: log_loss / n, brier: brier / n, calibration }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::sample::{SampleOptions, sample_campaign};

    #[test]
    fn every_model_with_a_probability_is_scored_on_held_out_journeys() {
        let sample = sample_campaign(&SampleOptions { journeys: 6000, ..SampleOptions::default() }).unwrap();
        let check = model_check(&sample.inputs, &CheckOptions { days: 90, ..CheckOptions::default() }).unwrap();
        let scored: Vec<Model> = check.models.iter().map(|m| m.model).collect();
        assert_eq!(scored.len(), 3, "{scored:?}");
        assert!(
            scored.contains(&Model::Incremental) && scored.contains(&Model::Markov) && scored.contains(&Model::Shapley)
        );
        assert_eq!(check.without_probability.len(), Model::ALL.len() - 3);
        for m in &check.models {
            assert_eq!(m.calibration.iter().map(|b| b.journeys).sum::<usize>(), check.journeys);
            assert!(m.brier > 0.0 && m.brier < 0.25, "{m:?}");
        }
        // On the sample, whose conversions come from the touches, the fitted model beats the base rate.
        let incremental = check.models.iter().find(|m| m.model == Model::Incremental).unwrap();
        assert!(
            incremental.log_loss < check.base_rate_log_loss,
            "{} vs {}",
            incremental.log_loss,
            check.base_rate_log_loss
        );
        // Its calibration follows the diagonal: the top decile converts far more than the bottom one.
        let (first, last) = (&incremental.calibration[0], &incremental.calibration[BINS - 1]);
        assert!(last.observed > 3.0 * first.observed, "{first:?} {last:?}");
        assert!((last.predicted - last.observed).abs() < 0.05, "{last:?}");
    }

    #[test]
    fn scores_are_the_textbook_ones() {
        let score = score(Model::Markov, &[0.5, 0.25, 1.0], &[true, false, true]);
        let expected = -(0.5_f64.ln() + 0.75_f64.ln() + (1.0 - CLIP).ln()) / 3.0;
        assert!((score.log_loss - expected).abs() < 1e-12);
        assert!((score.brier - (0.25 + 0.0625 + 0.0) / 3.0).abs() < 1e-12);
    }

    #[test]
    fn folds_split_journeys_evenly_and_deterministically() {
        let mut sizes = [0; 5];
        for j in 0..10_000 {
            sizes[fold_of(j, 5)] += 1;
        }
        assert!(sizes.iter().all(|&s| (1800..2200).contains(&s)), "{sizes:?}");
        assert_eq!(fold_of(42, 5), fold_of(42, 5));
    }
}
