//! The tiers' 90% intervals of one window, computed whole or in parts.
//!
//! A window's resamples are drawn from one seeded stream, each resample a fixed number of draws, so
//! any range of them can be drawn on its own: the page's workers each draw a part
//! ([`resampled_shares`]) and the engine puts the parts together ([`intervals_of`]) into exactly
//! the intervals one computation gives (the report's, which is itself one part). The incremental
//! model's interval is not resampled (its fit's curvature gives it): one part of each window is
//! asked for it, perhaps a part of no resamples, so that its fit runs beside the resampling.

use serde::{Deserialize, Serialize};

use crate::attribution::bootstrap::{Part, merged, part};
use crate::attribution::incremental;
use crate::attribution::journey::Lookback;
use crate::attribution::models::Model;
use crate::campaign::Campaign;
use crate::catalogue::settings::{RESAMPLES, WINDOWS};
use crate::error::Error;
use crate::report::campaign::ReportOptions;
use crate::report::lift;

/// Which of a window's resamples to draw: `from` (inclusive) to `to` (exclusive), within the
/// report options' `intervals.resamples`; and whether this part gives the incremental model's
/// interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ResampleRange {
    /// The first resample drawn, from 0.
    #[cfg_attr(test, ts(type = "number"))]
    pub from: usize,
    /// The resample after the last one drawn.
    #[cfg_attr(test, ts(type = "number"))]
    pub to: usize,
    /// Whether this part gives the incremental model's interval (when the model is chosen):
    /// exactly one part of a window does.
    pub incremental: bool,
}

/// Part of one window's resamples: every resampled model's share of the window's value per tier,
/// in each resample of the part. Passed back whole to [`intervals_of`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResampledShares {
    /// The window, as the report names it (0 for the window by category).
    pub days: u32,
    /// The window's resamples in all.
    #[cfg_attr(test, ts(type = "number"))]
    pub resamples: usize,
    /// The resamples of this part.
    pub range: ResampleRange,
    /// The models, in the report's order.
    pub models: Vec<Model>,
    /// The tiers, in the report's order.
    pub tiers: Vec<String>,
    /// Per model and tier, the tier's share in each resample of the part (none for the
    /// incremental model, which is not resampled).
    pub shares: Vec<Vec<Vec<f64>>>,
    /// The incremental model's interval per tier, in the part asked for it when the model is
    /// chosen.
    pub incremental: Option<Vec<[f64; 2]>>,
}

/// One model's 90% interval of one tier's share of the window's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TierInterval {
    /// The model.
    pub model: Model,
    /// The tier, as the report's tier credits name it.
    pub channel: String,
    /// The 5th and 95th percentile.
    pub interval: [f64; 2],
}

/// A window's tier intervals, as the report's tier credits list them (model by model, each
/// model's tiers in order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WindowIntervals {
    /// The window, as the report names it (0 for the window by category).
    pub days: u32,
    /// Every model's interval for every tier.
    pub intervals: Vec<TierInterval>,
}

/// Resamples `range` of the one window `options` name (one fixed window, or the window by
/// category alone), on a campaign already read.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options, options naming more or fewer than one window, or a
/// range that is empty the wrong way round or beyond `intervals.resamples`.
pub fn resampled_shares(
    campaign: &Campaign,
    options: &ReportOptions,
    range: ResampleRange,
) -> Result<ResampledShares, Error> {
    let (windows, _) = options.windows()?;
    let resamples = options.intervals.resamples;
    if range.from > range.to {
        return Err(Error::invalid_option(
            "range.from",
            range.from,
            format!("must not be after range.to ({})", range.to),
        ));
    }
    if range.to > resamples {
        let reason = format!("must be at most {} ({resamples}), the window's resamples", RESAMPLES.path);
        return Err(Error::invalid_option("range.to", range.to, reason));
    }
    let by_category = options.category_windows.enabled.then(|| options.category_windows.resolve(campaign));
    let lookback = match (windows.as_slice(), &by_category) {
        (&[days], None) => Lookback::Days(days),
        ([], Some((lookbacks, _, _))) => Lookback::PerOrder(lookbacks),
        _ => {
            let reason = "name one window (or the window by category alone): its resamples are drawn apart";
            return Err(Error::invalid_option(WINDOWS.path, format!("{windows:?}"), reason));
        }
    };
    let offset = options.input.utc_offset_minutes.0;
    let tests = lift::resolve(campaign, &options.lift_tests, offset)?;
    let (tiers, tier_of) = campaign.tier_channels();
    let mut fits = incremental::Windows::new(campaign, tests.iter().map(lift::Resolved::measurement).collect());
    let range_of = range.from..range.to;
    let incremental = range.incremental.then_some(|| fits.tier_intervals(lookback, tiers.len()));
    let part = part(
        campaign,
        lookback,
        &options.models,
        &options.model_options,
        (&tier_of, tiers.len()),
        range_of,
        incremental,
    );
    Ok(ResampledShares {
        days: lookback.label(),
        resamples,
        range,
        models: options.models.clone(),
        tiers,
        shares: part.shares,
        incremental: part.incremental,
    })
}

/// The intervals of a window from its resamples' parts, exactly as one computation gives them.
///
/// # Errors
/// [`Error::InvalidOption`] naming `parts` when they are not of one window, or do not cover its
/// resamples exactly once.
pub fn intervals_of(mut parts: Vec<ResampledShares>) -> Result<WindowIntervals, Error> {
    let refuse = |reason: String| Error::invalid_option("parts", "", reason);
    let Some(first) = parts.first() else {
        return Err(refuse("give at least one part of a window's resamples".to_owned()));
    };
    let (days, resamples, models, tiers) = (first.days, first.resamples, first.models.clone(), first.tiers.clone());
    if parts.iter().any(|p| p.days != days || p.resamples != resamples || p.models != models || p.tiers != tiers) {
        return Err(refuse("must all be parts of one window's resamples, with the same models and tiers".to_owned()));
    }
    let chosen = models.contains(&Model::Incremental);
    parts.sort_by_key(|p| (p.range.from, p.range.to));
    let mut next = 0;
    for part in &parts {
        let ResampleRange { from, to, incremental } = part.range;
        if from < next {
            return Err(refuse(format!("resamples {from} to {next} are given twice")));
        }
        if from > next {
            return Err(refuse(format!("resamples {next} to {from} are missing")));
        }
        let shaped = to >= from
            && part.shares.len() == models.len()
            && part.shares.iter().zip(&models).all(|(per_tier, &m)| {
                let count = if m == Model::Incremental { 0 } else { to - from };
                per_tier.len() == tiers.len() && per_tier.iter().all(|s| s.len() == count)
            });
        let carries = chosen && incremental;
        let analytic = part.incremental.as_ref().map_or(!carries, |i| carries && i.len() == tiers.len());
        if !shaped || !analytic {
            return Err(refuse(format!("resamples {from} to {to}: not what resampledShares gave")));
        }
        next = to;
    }
    if next != resamples {
        return Err(refuse(format!("resamples {next} to {resamples} are missing")));
    }
    let carriers = parts.iter().filter(|p| p.range.incremental).count();
    if chosen && carriers != 1 {
        return Err(refuse(format!("exactly one must give the incremental model's interval, not {carriers}")));
    }
    let parts = parts.into_iter().map(|p| Part { shares: p.shares, incremental: p.incremental }).collect();
    let intervals = merged(&models, tiers.len(), parts)
        .into_iter()
        .zip(&models)
        .flat_map(|(per_tier, &model)| {
            per_tier.into_iter().zip(&tiers).map(move |(interval, channel)| TierInterval {
                model,
                channel: channel.clone(),
                interval,
            })
        })
        .collect();
    Ok(WindowIntervals { days, intervals })
}

#[cfg(test)]
#[path = "intervals_tests.rs"]
mod tests;
