//! How sure the tier shares are: a bootstrap over the window's journeys.
//!
//! Units are the window's orders and its non-converting journeys. Each resample weighs every
//! unit by how many times it is drawn, an independent Poisson(1) count: the Poisson bootstrap
//! (Hanley 2006; Chamandy et al. 2012), which for more than a few dozen units gives
//! the intervals of drawing as many units as there are with replacement, but lets the journeys
//! that share a path be drawn together (a sum of Poisson counts) in one pass over the paths
//! instead of a million scattered draws. Seeded, so the same input gives the same intervals.
//! Each resample recomputes every model's share of the window's value per tier: rule-based models
//! from each order's fixed split, data-driven models by weighing the states, transitions and
//! channel sets found once on the window's paths with the resampled journeys (what fitting them
//! again on the resampled paths gives, to floating-point rounding). The interval is the 5th to
//! 95th percentile of those shares (90%).

use std::cell::RefCell;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::attribution::journey::{Level, Lookback, channels, fill_path, walk};
use crate::attribution::markov::Refit;
use crate::attribution::models::{Model, ModelOptions};
use crate::attribution::shapley::Sets;
use crate::attribution::window::OrderView;
use crate::campaign::Campaign;
use crate::catalogue::settings::RESAMPLES;
use crate::error::Error;
use crate::paths::{PathTable, PathTableBuilder, RowWeights};

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
        Self { resamples: RESAMPLES.default_whole() as usize }
    }
}

impl Intervals {
    /// Checks the number of resamples.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] outside the catalogue's bounds.
    pub fn validate(self) -> Result<(), Error> {
        RESAMPLES.check(self.resamples as f64)
    }
}

/// `⌊2⁶⁴ · P(X ≤ k)⌋` for `X` ~ Poisson(1), `k` = 0 to 18 (what is left beyond is below 2⁻⁵⁸).
const POISSON_ONE: [u64; 19] = [
    0x5e2d_58d8_b3bc_df1a,
    0xbc5a_b1b1_6779_be35,
    0xeb71_5e1d_c158_2dc2,
    0xfb23_9797_34a2_52f1,
    0xff10_25f5_9174_dc3d,
    0xffd9_0f3b_a405_5e19,
    0xfffa_8b71_fc72_c913,
    0xffff_540c_0914_b3c9,
    0xffff_ed1f_4aa8_f120,
    0xffff_fe21_6e64_1462,
    0xffff_ffd4_d85d_3183,
    0xffff_fffc_6da2_62b4,
    0xffff_ffff_ba12_d178,
    0xffff_ffff_fb07_c64c,
    0xffff_ffff_ffab_8ea5,
    0xffff_ffff_fffa_be22,
    0xffff_ffff_ffff_b11a,
    0xffff_ffff_ffff_fba1,
    0xffff_ffff_ffff_ffc5,
];

/// How many times one unit is drawn in a resample: Poisson(1), by inverting its distribution
/// on one random integer (integer comparisons only, so every platform draws the same).
fn times_drawn(rng: &mut Pcg64) -> u32 {
    let u = rng.next_u64();
    // Without a branch for the counts 0 to 3 (98% of draws): a mispredicted branch per draw
    // cost more than the draw itself, a million times per resample.
    let few = u32::from(u >= POISSON_ONE[0]) + u32::from(u >= POISSON_ONE[1]) + u32::from(u >= POISSON_ONE[2]);
    if u < POISSON_ONE[3] {
        return few;
    }
    // At most 19, so the count fits.
    POISSON_ONE.iter().position(|&below| u < below).unwrap_or(POISSON_ONE.len()) as u32
}

/// One order of the window: its path row (`None` without an eligible touch) and value.
struct WindowOrder {
    row: Option<usize>,
    value: f64,
}

/// The data-driven models found once on the window's distinct paths, and weighed again per
/// resample: states, transitions and channel sets do not change when journeys are redrawn, only
/// how many journeys take each.
struct Refits {
    markov: Option<Refit>,
    shapley: Option<Sets>,
}

/// A window's units as the resamples weigh them.
struct Window {
    /// Every unit's path, once (converting and not): resamples weigh these rows anew.
    table: PathTable,
    /// Per order and rule-based model, the order's value split over tiers (orders only: most
    /// units of a large campaign are journeys that never converted, and they split nothing).
    splits: Vec<f64>,
    orders: Vec<WindowOrder>,
}

impl Window {
    fn new(
        campaign: &Campaign,
        lookback: Lookback<'_>,
        rules: &[Model],
        options: &ModelOptions,
        tier_of: &[usize],
        tiers: usize,
    ) -> Self {
        let (channels, of_creator) = channels(campaign, Level::Creator);
        let mut builder = PathTableBuilder::new(channels);
        let mut path = Vec::new();
        let mut add = |range: std::ops::Range<usize>, conversions: f64, gross: Decimal, net: Decimal| {
            fill_path(&mut path, campaign, &of_creator, range);
            builder.add(&path, conversions, gross, net, 1.0 - conversions)
        };
        let (mut splits, mut window_orders) = (Vec::new(), Vec::new());
        let (mut view, mut weights) = (OrderView::new(), Vec::new());
        let orders = &campaign.orders;
        let walked = RefCell::new(Vec::new());
        walk(
            campaign,
            lookback,
            |order| walked.borrow_mut().push(Ok(order)),
            |tail| walked.borrow_mut().push(Err(tail)),
        );
        for step in walked.into_inner() {
            match step {
                Ok(order) => {
                    view.load(campaign, &order, options.click_window_hours);
                    let (gross, net) = (orders.gross[order.order], orders.net(order.order));
                    let value = gross.to_f64().unwrap_or(0.0);
                    for &model in rules {
                        let at = splits.len();
                        splits.resize(at + tiers, 0.0);
                        let touched = view.weights(campaign, model, options, &mut weights);
                        for (&creator, &weight) in touched.iter().zip(&weights) {
                            splits[at + tier_of[creator as usize]] += weight * value;
                        }
                    }
                    let row = (!order.lookback.is_empty()).then(|| add(order.lookback.clone(), 1.0, gross, net));
                    window_orders.push(WindowOrder { row, value });
                }
                Err(tail) => {
                    add(tail, 0.0, Decimal::ZERO, Decimal::ZERO);
                }
            }
        }
        Self { table: builder.finish(), splits, orders: window_orders }
    }
}

/// Per model (in `models` order) and tier, the 90% interval of the tier's share of the window's
/// value; `tier_of[c]` is creator `c`'s tier.
#[cfg(test)]
pub(crate) fn tier_intervals<'l>(
    campaign: &Campaign,
    lookback: impl Into<Lookback<'l>>,
    models: &[Model],
    options: &ModelOptions,
    tier_of: &[usize],
    tiers: usize,
    resamples: usize,
) -> Vec<Vec<[f64; 2]>> {
    let shares =
        tier_shares(campaign, lookback.into(), models, options, (tier_of, tiers), 0..resamples, &mut |_, _| {});
    intervals_of(shares)
}

/// Per model (in `models` order), tier and resample of `resamples`, the tier's share of the
/// window's value.
pub(crate) type Shares = Vec<Vec<Vec<f64>>>;

/// The shares of resamples `resamples` (a range of the window's `0..n`), exactly as drawing all
/// `n` in turn gives them, so that parts of a window's resamples computed apart (by the page's
/// workers) put together give the intervals one computation gives, to the bit. Calls
/// `progress(done, resamples.len())` once the window's paths and models are found (`done` 0) and
/// after each resample, so that a caller can say how far it has got: at thousands of creators a
/// window's 200 resamples take seconds.
pub(crate) fn tier_shares(
    campaign: &Campaign,
    lookback: Lookback<'_>,
    models: &[Model],
    options: &ModelOptions,
    (tier_of, tiers): (&[usize], usize),
    resamples: std::ops::Range<usize>,
    progress: &mut dyn FnMut(usize, usize),
) -> Shares {
    if resamples.is_empty() {
        // Nothing to draw: not even the window's paths are needed (a part that only carries the
        // incremental model's interval).
        progress(0, 0);
        return vec![vec![Vec::new(); tiers]; models.len()];
    }
    let rules: Vec<Model> = models.iter().copied().filter(|m| !m.is_data_driven()).collect();
    // Where each rule-based model is among `models`.
    let rule_at: Vec<usize> = rules.iter().filter_map(|rule| models.iter().position(|m| m == rule)).collect();
    let Window { table, splits, orders: window_orders } =
        Window::new(campaign, lookback, &rules, options, tier_of, tiers);
    // Per row, its non-converting journeys: drawn together, as a sum of their counts. Counts of
    // single journeys, so whole numbers.
    #[allow(clippy::cast_sign_loss)]
    let null_journeys: Vec<u32> = (0..table.rows()).map(|row| table.nulls(row) as u32).collect();
    let fits = |model: Model| models.contains(&model) && table.rows() > 0;
    let refits = Refits {
        markov: fits(Model::Markov).then(|| Refit::new(&table, options.markov_order, options.collapse_repeats)),
        shapley: fits(Model::Shapley).then(|| Sets::new(&table)),
    };
    let mut rng = Pcg64::seed_from_u64(options.seed ^ u64::from(lookback.label()).rotate_left(32));
    // Every resample draws once per unit (each order, then each non-converting journey), so
    // resample k starts at draw k × units of the window's one stream.
    let units = window_orders.len() as u128 + null_journeys.iter().map(|&n| u128::from(n)).sum::<u128>();
    rng.advance(resamples.start as u128 * units);
    let count = resamples.len();
    let mut shares: Shares = vec![vec![Vec::with_capacity(count); tiers]; models.len()];
    let mut drawn_orders = vec![0_u32; window_orders.len()];
    let mut weights = RowWeights::new(table.rows());
    let mut rule_sums = vec![0.0; rules.len() * tiers];
    progress(0, count);
    for done in 1..=count {
        weights.clear();
        for drawn in &mut drawn_orders {
            *drawn = times_drawn(&mut rng);
        }
        for (nulls, &journeys) in weights.nulls.iter_mut().zip(&null_journeys) {
            *nulls = f64::from((0..journeys).map(|_| times_drawn(&mut rng)).sum::<u32>());
        }
        // The resampled orders, in window order, with how often each was drawn.
        let drawn: Vec<(usize, u32)> = drawn_orders.iter().copied().enumerate().filter(|&(_, n)| n > 0).collect();
        let total: f64 = drawn.iter().map(|&(o, n)| f64::from(n) * window_orders[o].value).sum();
        let share = |part: f64| if total > 0.0 { part / total } else { 0.0 };
        let mut by_model = vec![vec![0.0; tiers]; models.len()];
        // Per rule-based model and tier (as the splits are laid out), the drawn orders' value:
        // one pass over the splits in the order they are stored.
        rule_sums.fill(0.0);
        let width = rules.len() * tiers;
        for &(o, n) in &drawn {
            for (sum, part) in rule_sums.iter_mut().zip(&splits[o * width..(o + 1) * width]) {
                *sum += f64::from(n) * part;
            }
        }
        for (&m, sums) in rule_at.iter().zip(rule_sums.chunks_exact(tiers)) {
            by_model[m].copy_from_slice(sums);
        }
        for &(o, n) in &drawn {
            let order = &window_orders[o];
            if let Some(row) = order.row {
                weights.conversions[row] += f64::from(n);
                weights.values[row] += f64::from(n) * order.value;
            }
        }
        for (m, &model) in models.iter().enumerate() {
            let values = match model {
                Model::Markov => refits.markov.as_ref().map(|refit| refit.values(&weights)),
                Model::Shapley => refits
                    .shapley
                    .as_ref()
                    .map(|sets| sets.values(&weights, options.shapley_permutations, options.seed)),
                _ => None,
            };
            for (creator, value) in values.iter().flatten().enumerate() {
                by_model[m][tier_of[creator]] += value;
            }
        }
        for (m, sums) in by_model.iter().enumerate() {
            for (t, &sum) in sums.iter().enumerate() {
                shares[m][t].push(share(sum));
            }
        }
        progress(done, count);
    }
    shares
}

/// Per model and tier, the 90% interval (5th to 95th percentile) of the shares of every resample:
/// the one place intervals are taken from resamples. The order of the resamples does not matter.
fn intervals_of(shares: Shares) -> Vec<Vec<[f64; 2]>> {
    shares
        .into_iter()
        .map(|per_tier| {
            per_tier.into_iter().map(|mut s| [percentile(&mut s, 0.05), percentile(&mut s, 0.95)]).collect()
        })
        .collect()
}

/// Part of a window's resamples, as [`part`] draws it.
pub(crate) struct Part {
    /// Per model and tier, the shares of the part's resamples (none for the incremental model).
    pub shares: Shares,
    /// The incremental model's interval per tier, in the one part of a window asked for it when
    /// that model is chosen: it is not resampled, so it is computed once.
    pub incremental: Option<Vec<[f64; 2]>>,
}

/// Every resampled model's shares in `range` (none for the incremental model) and, when given
/// `incremental` and the model is chosen, its intervals from it.
pub(crate) fn part(
    campaign: &Campaign,
    lookback: Lookback<'_>,
    models: &[Model],
    options: &ModelOptions,
    (tier_of, tiers): (&[usize], usize),
    range: std::ops::Range<usize>,
    incremental: Option<impl FnOnce() -> Vec<[f64; 2]>>,
) -> Part {
    let others: Vec<Model> = models.iter().copied().filter(|&m| m != Model::Incremental).collect();
    let mut drawn =
        tier_shares(campaign, lookback, &others, options, (tier_of, tiers), range, &mut |_, _| {}).into_iter();
    let shares = models.iter().map(|&m| match m {
        Model::Incremental => vec![Vec::new(); tiers],
        _ => drawn.next().unwrap_or_default(),
    });
    let incremental = incremental.filter(|_| models.contains(&Model::Incremental)).map(|interval| interval());
    Part { shares: shares.collect(), incremental }
}

/// Per model (in `models` order) and tier, the interval from the shares of every part: the
/// incremental model's as its part carries it, every other model's from all its resamples.
pub(crate) fn merged(models: &[Model], tiers: usize, parts: Vec<Part>) -> Vec<Vec<[f64; 2]>> {
    let mut incremental = None;
    let mut shares: Shares = vec![vec![Vec::new(); tiers]; models.len()];
    for part in parts {
        incremental = incremental.or(part.incremental);
        for (into, from) in shares.iter_mut().flatten().zip(part.shares.into_iter().flatten()) {
            into.extend(from);
        }
    }
    let mut resampled = intervals_of(shares).into_iter();
    models
        .iter()
        .map(|&model| {
            let interval = resampled.next().unwrap_or_default();
            if model == Model::Incremental { incremental.take().unwrap_or_default() } else { interval }
        })
        .collect()
}

/// The window's intervals in one computation, per model (in `models` order) and tier: what the
/// report attaches to its tier credits. `incremental` gives the incremental model's.
pub(crate) fn window_intervals(
    campaign: &Campaign,
    lookback: Lookback<'_>,
    models: &[Model],
    options: &ModelOptions,
    (tier_of, tiers): (&[usize], usize),
    resamples: usize,
    incremental: impl FnOnce() -> Vec<[f64; 2]>,
) -> Vec<Vec<[f64; 2]>> {
    let whole = part(campaign, lookback, models, options, (tier_of, tiers), 0..resamples, Some(incremental));
    merged(models, tiers, vec![whole])
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
    use crate::campaign::test_support::campaign;

    #[test]
    fn percentiles_interpolate() {
        let mut values = vec![3.0, 1.0, 2.0, 4.0, 5.0];
        assert_eq!(percentile(&mut values, 0.5), 3.0);
        assert!((percentile(&mut values, 0.05) - 1.2).abs() < 1e-12);
        assert_eq!(percentile(&mut [], 0.5), 0.0);
    }

    #[test]
    fn units_are_drawn_a_poisson_one_number_of_times() {
        let mut rng = Pcg64::seed_from_u64(7);
        let draws: Vec<u32> = (0..200_000).map(|_| times_drawn(&mut rng)).collect();
        let n = draws.len() as f64;
        let mean = draws.iter().map(|&d| f64::from(d)).sum::<f64>() / n;
        let variance = draws.iter().map(|&d| (f64::from(d) - mean).powi(2)).sum::<f64>() / n;
        let share = |k: u32| draws.iter().filter(|&&d| d == k).count() as f64 / n;
        // Poisson(1): mean and variance 1, P(0) = P(1) = 1/e, P(2) = 1/2e, P(3) = 1/6e.
        assert!((mean - 1.0).abs() < 0.01 && (variance - 1.0).abs() < 0.02, "{mean} {variance}");
        let e = std::f64::consts::E;
        for (k, p) in [(0, 1.0 / e), (1, 1.0 / e), (2, 0.5 / e), (3, 1.0 / (6.0 * e))] {
            assert!((share(k) - p).abs() < 0.005, "P({k}) = {} against {p}", share(k));
        }
        assert!(POISSON_ONE.windows(2).all(|w| w[0] < w[1]));
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

    #[test]
    fn progress_counts_every_resample_and_changes_nothing() {
        let c = campaign("u1,big,2025-04-01,view\nu2,koc,2025-04-01,view\n", "o1,u1,2025-04-03,100\n");
        let tier_of: Vec<usize> = c.roster.creators().iter().map(|c| usize::from(c.tier)).collect();
        let (models, options) = ([Model::Linear, Model::Markov], ModelOptions::default());
        let mut seen = Vec::new();
        let shares =
            tier_shares(&c, Lookback::Days(30), &models, &options, (&tier_of, 4), 0..25, &mut |done, total| {
                seen.push((done, total));
            });
        assert_eq!(seen, (0..=25).map(|done| (done, 25)).collect::<Vec<_>>());
        assert_eq!(intervals_of(shares), tier_intervals(&c, 30, &models, &options, &tier_of, 4, 25));
    }

    /// A sample campaign: orders, journeys that never converted, and every tier.
    fn sample(journeys: usize, creators: usize, seed: u64) -> Campaign {
        use crate::campaign::sample::{SampleOptions, sample_campaign};
        let options = SampleOptions { journeys, creators, seed, ..SampleOptions::default() };
        let sample = sample_campaign(&options).unwrap();
        crate::campaign::read_campaign(&sample.inputs, &crate::campaign::CampaignOptions::default()).unwrap()
    }

    /// Resamples `0..n` in parts cut at `cuts`, put together in turn.
    fn in_parts(c: &Campaign, lookback: Lookback<'_>, models: &[Model], n: usize, cuts: &[usize]) -> Shares {
        let tier_of: Vec<usize> = c.roster.creators().iter().map(|c| usize::from(c.tier)).collect();
        let options = ModelOptions::default();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(n);
        let mut whole: Shares = vec![vec![Vec::new(); 4]; models.len()];
        for range in bounds.windows(2) {
            let part = tier_shares(c, lookback, models, &options, (&tier_of, 4), range[0]..range[1], &mut |_, _| {});
            for (into, from) in whole.iter_mut().flatten().zip(part.into_iter().flatten()) {
                into.extend(from);
            }
        }
        whole
    }

    #[test]
    fn parts_of_the_resamples_put_together_are_the_whole_to_the_bit() {
        let c = sample(800, 40, 11);
        let models = [Model::LastTouch, Model::Linear, Model::PositionBased, Model::Markov, Model::Shapley];
        let n = 13;
        let whole = in_parts(&c, Lookback::Days(30), &models, n, &[]);
        assert!(whole.iter().all(|per_tier| per_tier.iter().all(|s| s.len() == n)));
        // Not all the same: each resample draws anew, so a part that began at the wrong draw shows.
        assert!(whole[3].iter().any(|s| s.iter().any(|&x| x.to_bits() != s[0].to_bits())), "{:?}", whole[3]);
        let bits = |shares: &Shares| shares.iter().flatten().flatten().map(|x| x.to_bits()).collect::<Vec<_>>();
        for cuts in [vec![1], vec![6], vec![12], vec![0, 0, 5, 5, 13], vec![2, 3, 7, 11]] {
            assert_eq!(bits(&in_parts(&c, Lookback::Days(30), &models, n, &cuts)), bits(&whole), "cut at {cuts:?}");
        }
        // Another window draws another stream.
        assert_ne!(bits(&in_parts(&c, Lookback::Days(7), &models, n, &[])), bits(&whole));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 12,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7370_6c69),
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn any_cuts_give_the_whole(seed in 0_u64..1000, mut cuts in proptest::collection::vec(0_usize..=9, 0..4)) {
            let c = sample(120, 12, seed);
            cuts.sort_unstable();
            let models = [Model::FirstTouch, Model::Markov, Model::Shapley];
            let bits = |shares: Shares| shares.into_iter().flatten().flatten().map(f64::to_bits).collect::<Vec<_>>();
            let whole = bits(in_parts(&c, Lookback::Days(30), &models, 9, &[]));
            proptest::prop_assert_eq!(bits(in_parts(&c, Lookback::Days(30), &models, 9, &cuts)), whole);
        }
    }
}
