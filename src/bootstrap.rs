//! How sure the tier shares are: a bootstrap over the window's journeys.
//!
//! Units are the window's orders and its non-converting journeys. Each resample draws as many
//! units as there are, with replacement (seeded, so the same input gives the same intervals),
//! and recomputes every model's share of the window's value per tier: rule-based models from
//! each order's fixed split, data-driven models by fitting them again on the resampled paths.
//! The interval is the 5th to 95th percentile of those shares (90%).

use std::cell::RefCell;

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::attribution::OrderView;
use crate::campaign::Campaign;
use crate::channel::ChannelId;
use crate::credit::model_credit;
use crate::error::Error;
use crate::journey::{Level, channels, walk};
use crate::models::{Model, ModelOptions};
use crate::paths::PathTableBuilder;

/// The most resamples one report may ask for.
pub const MAX_RESAMPLES: usize = 10_000;

/// Bootstrap intervals of every tier's value share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct Intervals {
    /// Resamples per window (default 200; 0 computes no intervals).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub resamples: usize,
}

impl Default for Intervals {
    fn default() -> Self {
        Self { resamples: 200 }
    }
}

impl Intervals {
    /// Checks the number of resamples.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] above [`MAX_RESAMPLES`].
    pub fn validate(self) -> Result<(), Error> {
        if self.resamples > MAX_RESAMPLES {
            return Err(Error::invalid_option(
                "intervals.resamples",
                self.resamples,
                format!("must be from 0 to {MAX_RESAMPLES}"),
            ));
        }
        Ok(())
    }
}

/// One resampling unit: an order (with its value) or a non-converting journey.
struct Unit {
    /// Index into the distinct paths, `None` for an order without an eligible touch.
    path: Option<usize>,
    /// For an order, its position among the window's orders (where its splits are); `None` for
    /// a non-converting journey, which carries no value for a rule-based model to split.
    order: Option<usize>,
    gross: Decimal,
    net: Decimal,
}

/// Per model (in `models` order) and tier, the 90% interval of the tier's share of the window's
/// value; `tier_of[c]` is creator `c`'s tier.
pub(crate) fn tier_intervals(
    campaign: &Campaign,
    days: u32,
    models: &[Model],
    options: &ModelOptions,
    tier_of: &[usize],
    tiers: usize,
    resamples: usize,
) -> Vec<Vec<[f64; 2]>> {
    let rules: Vec<Model> = models.iter().copied().filter(|m| !m.is_data_driven()).collect();
    let (channels, of_creator) = channels(campaign, Level::Creator);
    let (mut units, mut paths) = (Vec::new(), Vec::<Vec<ChannelId>>::new());
    let mut path_ids: FxHashMap<Vec<ChannelId>, usize> = FxHashMap::default();
    let mut intern = |range: std::ops::Range<usize>| -> Option<usize> {
        if range.is_empty() {
            return None;
        }
        let path: Vec<ChannelId> = campaign.touches.creator[range].iter().map(|&c| of_creator[c as usize]).collect();
        let next = path_ids.len();
        Some(*path_ids.entry(path.clone()).or_insert_with(|| {
            paths.push(path);
            next
        }))
    };
    // Per order and rule-based model, the order's value split over tiers (orders only: most units
    // of a large campaign are journeys that never converted, and they split nothing).
    let mut splits: Vec<f64> = Vec::new();
    let mut gross_of_order: Vec<f64> = Vec::new();
    let (mut view, mut weights) = (OrderView::new(), Vec::new());
    let orders = &campaign.orders;
    let walked = RefCell::new(Vec::new());
    walk(campaign, days, |order| walked.borrow_mut().push(Ok(order)), |tail| walked.borrow_mut().push(Err(tail)));
    for step in walked.into_inner() {
        match step {
            Ok(order) => {
                view.load(campaign, &order, options.click_window_hours);
                let gross = orders.gross[order.order];
                let value = gross.to_f64().unwrap_or(0.0);
                for &model in &rules {
                    let at = splits.len();
                    splits.resize(at + tiers, 0.0);
                    let touched = view.weights(campaign, model, options, &mut weights);
                    for (&creator, &weight) in touched.iter().zip(&weights) {
                        splits[at + tier_of[creator as usize]] += weight * value;
                    }
                }
                let path = intern(order.lookback.clone());
                units.push(Unit { path, order: Some(gross_of_order.len()), gross, net: orders.net(order.order) });
                gross_of_order.push(value);
            }
            Err(tail) => {
                units.push(Unit { path: intern(tail), order: None, gross: Decimal::ZERO, net: Decimal::ZERO });
            }
        }
    }
    let mut rng = Pcg64::seed_from_u64(options.seed ^ u64::from(days).rotate_left(32));
    let mut shares: Vec<Vec<Vec<f64>>> = vec![vec![Vec::with_capacity(resamples); tiers]; models.len()];
    let mut counts = vec![0_u32; units.len()];
    for _ in 0..resamples {
        counts.fill(0);
        for _ in 0..units.len() {
            counts[rng.random_range(0..units.len())] += 1;
        }
        // The resampled orders, in unit order, with how often each was drawn.
        let drawn: Vec<(usize, f64)> =
            units.iter().zip(&counts).filter_map(|(u, &n)| Some((u.order?, f64::from(n))).filter(|_| n > 0)).collect();
        let total: f64 = drawn.iter().map(|&(o, n)| n * gross_of_order[o]).sum();
        let share = |part: f64| if total > 0.0 { part / total } else { 0.0 };
        let mut by_model = vec![vec![0.0; tiers]; models.len()];
        for (r, &model) in rules.iter().enumerate() {
            let sums = &mut by_model[models.iter().position(|&m| m == model).unwrap_or(0)];
            for &(o, n) in &drawn {
                let at = (o * rules.len() + r) * tiers;
                for (sum, part) in sums.iter_mut().zip(&splits[at..at + tiers]) {
                    *sum += n * part;
                }
            }
        }
        if models.iter().any(|m| m.is_data_driven()) {
            let mut builder = PathTableBuilder::new(channels.clone());
            for (unit, &n) in units.iter().zip(&counts) {
                if let (Some(path), true) = (unit.path, n > 0) {
                    let n_dec = Decimal::from(n);
                    let (conversions, nulls) =
                        if unit.order.is_some() { (f64::from(n), 0.0) } else { (0.0, f64::from(n)) };
                    builder.add(&paths[path], conversions, unit.gross * n_dec, unit.net * n_dec, nulls);
                }
            }
            let table = builder.finish();
            for (m, &model) in models.iter().enumerate().filter(|(_, m)| m.is_data_driven()) {
                for (creator, credit) in model_credit(&table, model, options).credits.iter().enumerate() {
                    by_model[m][tier_of[creator]] += credit.value.to_f64().unwrap_or(0.0);
                }
            }
        }
        for (m, sums) in by_model.iter().enumerate() {
            for (t, &sum) in sums.iter().enumerate() {
                shares[m][t].push(share(sum));
            }
        }
    }
    shares
        .into_iter()
        .map(|per_tier| {
            per_tier.into_iter().map(|mut s| [percentile(&mut s, 0.05), percentile(&mut s, 0.95)]).collect()
        })
        .collect()
}

/// The `q` quantile by linear interpolation between order statistics (0 for no values).
fn percentile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let at = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    // `at` is within 0..len − 1, so the casts cannot lose a sign or overflow.
    #[allow(clippy::cast_sign_loss)]
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    values[low] + (values[high] - values[low]) * (at - low as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::campaign;

    #[test]
    fn percentiles_interpolate() {
        let mut values = vec![3.0, 1.0, 2.0, 4.0, 5.0];
        assert_eq!(percentile(&mut values, 0.5), 3.0);
        assert!((percentile(&mut values, 0.05) - 1.2).abs() < 1e-12);
        assert_eq!(percentile(&mut [], 0.5), 0.0);
    }

    #[test]
    fn a_campaign_with_one_creator_per_order_has_intervals_around_the_shares() {
        let c = campaign(
            "u1,big,2025-04-01,view\nu2,koc,2025-04-01,view\nu3,koc,2025-04-02,view\nu4,mid,2025-04-02,view\n",
            "o1,u1,2025-04-03,100\no2,u2,2025-04-03,100\no3,u3,2025-04-03,100\no4,u4,2025-04-03,100\n",
        );
        let tier_of: Vec<usize> = c.roster.creators().iter().map(|c| usize::from(c.tier)).collect();
        let models = [Model::LastTouch, Model::Markov];
        let intervals = tier_intervals(&c, 30, &models, &ModelOptions::default(), &tier_of, 4, 400);
        let koc = tier_of[c.roster.creators().iter().position(|c| c.id == "koc").unwrap()];
        for per_model in &intervals {
            let [low, high] = per_model[koc];
            // Half of the value; with four orders resampled the share ranges widely around it.
            assert!(low < 0.5 && high > 0.5 && low >= 0.0 && high <= 1.0, "{per_model:?}");
            assert!(high - low > 0.2, "{low}..{high}");
        }
        let again = tier_intervals(&c, 30, &models, &ModelOptions::default(), &tier_of, 4, 400);
        assert_eq!(again, intervals, "seeded");
    }
}
