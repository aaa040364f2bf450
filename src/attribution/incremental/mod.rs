//! `incremental`: which creators caused the sales. A conversion model fitted on every journey of
//! the window, converting or not, at event level; credit is what each creator's touches changed.
//!
//! **The model** (the noisy-OR / discrete additive-hazard family: Shao and Li 2011; Dalessandro
//! et al. 2012; Zhang et al. 2014; Ji and Wang 2017). A journey segment (an order's eligible
//! touches, or the touches of a journey that did not convert) converts with probability
//!
//! ```text
//! P = 1 − exp(−Λ),   Λ = b + Σ_touches h,   h = exp(η) · 2^(−age / H)
//! η = v[tier] + e[creator] + a[type] + o[tier]·(opened, of several) + c[tier]·(closed, of several)
//! ```
//!
//! `b` is the baseline no touch explains (organic), `age` a touch's age in days at the segment's
//! decision (its last touch), `H` the half-life learned from the data, `a[view] = 0`. The creator's
//! deviation `e` has a normal prior around its tier, so a creator with few touches is shrunk toward
//! its tier, not left noisy; the prior's spread is learned from the data (empirical Bayes,
//! [`likelihood::creator_spread`]); every other parameter has a weak prior. Fitted by maximum a
//! posteriori: Newton's method on the exact Hessian ([`newton`]) for up to a few hundred creators,
//! L-BFGS ([`lbfgs`]) beyond. Why this family: it is the additive-hazard model in
//! discrete time, each touch adding its own chance to convert, so a touch's effect is separable
//! from the others and from the baseline, which is what "caused" asks; it is convex-like in the
//! log-strengths, fits a million journeys in seconds, and on small hazards its counterfactual is
//! the additive one the attribution literature uses.
//!
//! **Credit is counterfactual.** For an order (a converted segment), `P` with all its touches, `P₀ =
//! 1 − e^(−b)` with none, and `Δ_k = P − P(without creator k's touches) = e^(−Λ)·(e^(H_k) − 1)`, `H_k`
//! creator `k`'s summed hazard. The order's share that would have happened anyway is `P₀ / P`:
//! **organic**, its own row, never pushed onto creators; the rest, `(P − P₀) / P`, goes to the
//! creators in proportion to `Δ_k`. So an order's shares sum to 1 and money reconciles to the fen
//! (credit + organic + unattributed = total). Orders without an eligible touch stay unattributed,
//! as for every model.
//!
//! Worked example: `b = 0.01`, creator A's touch `h = 0.03`, B's `h = 0.02` (both at age 0). `Λ =
//! 0.06`, `P = 0.058235`, `P₀ = 0.009950`, `Δ_A = 0.028681`, `Δ_B = 0.019025`. Organic `P₀ / P =
//! 0.17086`; A `0.82914 × 0.028681 / 0.047706 = 0.49848`, B `0.33066`. A ¥100.00 order, rounded by
//! largest remainder as every credit is: A ¥49.85, B ¥33.06, organic ¥17.09 (the test
//! `the_worked_example_holds` proves it).
//!
//! Deterministic: every exponential goes through `libm` (the same code natively and in wasm) and
//! every sum runs in a fixed order.

mod groups;
mod intervals;
mod lbfgs;
mod likelihood;
mod newton;
mod parameters;
pub(crate) mod segments;

use serde::{Deserialize, Serialize};

use crate::attribution::credit::Credit;
use crate::attribution::journey::Lookback;
use crate::campaign::{Campaign, TouchType};
use likelihood::{Held, Problem, Scratch, creator_spread};
use parameters::{CREATOR_SD, Layout, Tables};
pub(crate) use segments::Segments;

/// A fitted model of one window.
#[derive(Debug, Clone)]
pub(crate) struct Fit {
    theta: Vec<f64>,
    layout: Layout,
    /// Strengths and decays at `theta`.
    tables: Tables,
    /// The spread of creators around their tiers the fit settled on.
    creator_sd: f64,
    /// The experiments it was held to.
    held: Vec<Held>,
    converged: bool,
    iterations: usize,
}

/// How long a fit may run.
const STOP: lbfgs::Stop = lbfgs::Stop { iterations: 300, relative_change: 1e-10, gradient: 1e-6 };
/// Rounds of learning the creators' spread: each a MAP fit (warm) then the spread it implies.
const SPREAD_ROUNDS: usize = 6;
/// At most this many tightenings of an experiment the data pulls outside its interval.
const TIGHTENINGS: usize = 6;
/// Later rounds start at the last round's optimum, so they need fewer steps.
const REFIT_STOP: lbfgs::Stop = lbfgs::Stop { iterations: 60, relative_change: 1e-8, gradient: 1e-4 };

/// One MAP fit from `theta`: Newton's method where the parameters are few enough to factorise
/// their Hessian ([`newton::DENSE_LIMIT`]), L-BFGS preconditioned by its diagonal beyond.
fn minimise(
    problem: &Problem<'_>,
    theta: &mut [f64],
    stop: lbfgs::Stop,
    tables: &Tables,
    scratch: &mut Scratch,
) -> lbfgs::Outcome {
    if theta.len() <= newton::DENSE_LIMIT {
        return newton::minimise(problem, theta, stop, scratch);
    }
    let curvature = problem.hessian_diagonal(theta, tables);
    lbfgs::minimise(theta, stop, Some(&curvature), |x, g| problem.evaluate(x, g, scratch))
}

impl Fit {
    /// Fits the model to `segments` (each weighted, when given), starting at `start` (another
    /// window's fit) or at the priors.
    pub(crate) fn new(
        campaign: &Campaign,
        segments: &Segments,
        weights: Option<&[f64]>,
        start: Option<&Fit>,
        held: Vec<Held>,
    ) -> Self {
        let layout = Layout { tiers: campaign.tiers.count(), creators: campaign.roster.len() };
        let means = prior_means(segments, layout);
        let mut theta = start.map_or_else(|| means.clone(), |fit| fit.theta.clone());
        let mut problem = Problem {
            segments,
            layout,
            weights,
            prior_means: &means,
            creator_sd: start.map_or(CREATOR_SD, |f| f.creator_sd),
            measurements: &held,
        };
        let mut scratch = Scratch::default();
        let mut tables = Tables::default();
        let (mut iterations, mut converged) = (0, false);
        // The spread of creators is learned, alternating with the MAP; a start (another window's
        // fit) only shortens the way.
        let rounds = SPREAD_ROUNDS;
        for round in 0..rounds {
            let stop = if round > 0 { REFIT_STOP } else { STOP };
            tables.fill(&theta, layout, segments);
            let outcome = minimise(&problem, &mut theta, stop, &tables, &mut scratch);
            iterations += outcome.iterations;
            converged = outcome.converged;
            tables.fill(&theta, layout, segments);
            if round + 1 == rounds {
                break;
            }
            let spread = creator_spread(&problem, &theta, &tables);
            let settled = (spread - problem.creator_sd).abs() < 0.01 * problem.creator_sd;
            problem.creator_sd = spread;
            if settled {
                break;
            }
        }
        // An experiment the data still pulls outside its interval is tightened (its standard error
        // quartered) and the fit resumed, until every one is inside: the experiment wins.
        let creator_sd = problem.creator_sd;
        let mut held = held;
        for _ in 0..TIGHTENINGS {
            let outside: Vec<usize> = (0..held.len())
                .filter(|&i| {
                    let implied = held[i].implied(&theta, layout, &tables, segments);
                    let [low, high] = held[i].interval;
                    !(low..=high).contains(&implied)
                })
                .collect();
            if outside.is_empty() {
                break;
            }
            for &i in &outside {
                held[i].sd /= 4.0;
            }
            let tightened = Problem { segments, layout, weights, prior_means: &means, creator_sd, measurements: &held };
            let outcome = minimise(&tightened, &mut theta, STOP, &tables, &mut scratch);
            iterations += outcome.iterations;
            converged = outcome.converged;
            tables.fill(&theta, layout, segments);
        }
        Self { theta, layout, tables, creator_sd, held, converged, iterations }
    }

    fn baseline(&self) -> f64 {
        libm::exp(self.theta[Layout::BASELINE])
    }

    /// Each touch's hazard in segment `s`, into `hazards`; returns `Λ`.
    fn hazards(&self, segments: &Segments, s: usize, hazards: &mut Vec<f64>) -> f64 {
        hazards.clear();
        let mut total = self.baseline();
        for t in segments.touches(s) {
            let h = self.tables.hazard(segments, t);
            hazards.push(h);
            total += h;
        }
        total
    }

    /// Segment `s`'s chance to convert under the fit.
    pub(crate) fn probability(&self, segments: &Segments, s: usize) -> f64 {
        let mut hazards = Vec::new();
        -libm::expm1(-self.hazards(segments, s, &mut hazards))
    }

    /// Segment `s`'s split: the organic share and each creator's, summing to 1 (creators in
    /// first-touch order, each once).
    pub(crate) fn shares(&self, segments: &Segments, s: usize, out: &mut Vec<(u32, f64)>) -> f64 {
        let mut hazards = Vec::new();
        let total = self.hazards(segments, s, &mut hazards);
        out.clear();
        for (t, &h) in segments.touches(s).zip(&hazards) {
            let creator = segments.kinds[segments.kind[t] as usize].creator;
            match out.iter_mut().find(|(c, _)| *c == creator) {
                Some(entry) => entry.1 += h,
                None => out.push((creator, h)),
            }
        }
        let p = -libm::expm1(-total);
        let organic = -libm::expm1(-self.baseline()) / p;
        // Δ_k = e^(−Λ)·(e^(H_k) − 1): the common factor e^(−Λ) cancels in the proportions.
        let mut sum = 0.0;
        for entry in out.iter_mut() {
            entry.1 = libm::expm1(entry.1);
            sum += entry.1;
        }
        let creators = 1.0 - organic;
        for entry in out.iter_mut() {
            entry.1 = if sum > 0.0 { creators * entry.1 / sum } else { 0.0 };
        }
        organic
    }

    /// Expected conversions each tier's touches add over every segment: `Σ P − P(without the
    /// tier)`, the counterfactual a holdout test measures.
    pub(crate) fn expected_incremental(&self, segments: &Segments, tiers: usize) -> Vec<f64> {
        let mut by_tier = vec![0.0; tiers];
        let mut hazards = Vec::new();
        let mut tier_hazard = vec![0.0; tiers];
        for s in 0..segments.len() {
            let total = self.hazards(segments, s, &mut hazards);
            tier_hazard.fill(0.0);
            for (t, &h) in segments.touches(s).zip(&hazards) {
                tier_hazard[usize::from(segments.kinds[segments.kind[t] as usize].tier)] += h;
            }
            for (sum, &h) in by_tier.iter_mut().zip(&tier_hazard) {
                if h > 0.0 {
                    *sum += libm::exp(-total) * libm::expm1(h);
                }
            }
        }
        by_tier
    }
}

/// Where the priors are centred for `segments`: from their conversion rate and touches per segment.
pub(crate) fn prior_means(segments: &Segments, layout: Layout) -> Vec<f64> {
    let converted = segments.order.iter().filter(|o| o.is_some()).count() as f64;
    let rate = converted / segments.len().max(1) as f64;
    let per_segment = segments.kind.len() as f64 / segments.len().max(1) as f64;
    layout.prior_means(rate, per_segment)
}

/// The incremental model's credit in one window, per creator (roster order), its organic part and
/// what no eligible touch explains (orders credited to no one, as by every model).
pub(crate) struct WindowCredit {
    pub credits: Vec<Credit>,
    pub organic: Credit,
    pub unattributed: Credit,
    pub summary: IncrementalSummary,
}

/// The model over a report's windows: the latest window's journeys and fit are kept for its
/// credit, intervals and lift tests.
pub(crate) struct Windows<'c> {
    campaign: &'c Campaign,
    measurements: Vec<Measurement>,
    last: Option<(Lookback<'c>, Segments, Fit)>,
}

/// An experiment's result as the fit takes it in: the creators whose touches were withheld, the
/// period of the orders (Unix seconds, `from` inclusive, `until` exclusive), the incremental
/// conversions it measured and their standard error.
#[derive(Debug, Clone)]
pub(crate) struct Measurement {
    pub members: Vec<bool>,
    pub from: i64,
    pub until: i64,
    pub conversions: f64,
    /// Its 90% interval, in conversions.
    pub interval: [f64; 2],
    pub sd: f64,
}

impl Measurement {
    /// The measurement over one window's segments.
    fn held(&self, campaign: &Campaign, segments: &Segments) -> Held {
        let at = &campaign.orders.at;
        let weight = segments
            .order
            .iter()
            .map(|o| o.map_or(0.0, |o| if (self.from..self.until).contains(&at[o as usize]) { 1.0 } else { 0.0 }))
            .collect();
        let members = self.members.iter().map(|&m| m.then_some(0)).collect();
        Held { members, weight, conversions: self.conversions, interval: self.interval, sd: self.sd }
    }
}

impl<'c> Windows<'c> {
    /// The model over `campaign`'s windows, held to `measurements` (lift tests) in each.
    pub(crate) fn new(campaign: &'c Campaign, measurements: Vec<Measurement>) -> Self {
        Self { campaign, measurements, last: None }
    }

    /// What the window's fit implies for each measurement: the withheld creators' credited
    /// conversions of its period's orders.
    pub(crate) fn implied(&mut self, lookback: Lookback<'c>) -> Vec<f64> {
        let (segments, fit) = self.fitted(lookback);
        fit.held.iter().map(|held| held.implied(&fit.theta, fit.layout, &fit.tables, segments)).collect()
    }

    /// The window's journeys and fit, fitted unless it is the last one asked for.
    fn fitted(&mut self, lookback: Lookback<'c>) -> (&Segments, &Fit) {
        if self.last.as_ref().is_none_or(|(l, _, _)| *l != lookback) {
            let segments = Segments::of_window(self.campaign, lookback);
            // Every window fitted from the priors, never from another window's fit: a window's
            // numbers must not depend on which other windows were asked for alongside it.
            let held = self.measurements.iter().map(|m| m.held(self.campaign, &segments)).collect();
            let fit = Fit::new(self.campaign, &segments, None, None, held);
            self.last = Some((lookback, segments, fit));
        }
        let (_, segments, fit) = self.last.as_ref().unwrap_or_else(|| unreachable!("fitted just above"));
        (segments, fit)
    }

    /// Fits the window (or reuses its fit) and splits every order.
    pub(crate) fn credit(&mut self, lookback: Lookback<'c>) -> WindowCredit {
        let campaign = self.campaign;
        let (segments, fit) = self.fitted(lookback);
        let orders = &campaign.orders;
        let mut credits = vec![Credit::default(); campaign.roster.len()];
        let (mut organic, mut unattributed) = (Credit::default(), Credit::default());
        let mut credited = vec![false; orders.len()];
        let mut shares = Vec::new();
        for s in 0..segments.len() {
            let Some(order) = segments.order[s] else { continue };
            let order = order as usize;
            credited[order] = true;
            let (gross, net) = (orders.gross[order], orders.net(order));
            organic.add(fit.shares(segments, s, &mut shares), 1.0, gross, net);
            for &(creator, share) in &shares {
                credits[creator as usize].add(share, 1.0, gross, net);
            }
        }
        for (order, _) in credited.iter().enumerate().filter(|(_, c)| !**c) {
            unattributed.add(1.0, 1.0, orders.gross[order], orders.net(order));
        }
        let summary = IncrementalSummary::of(campaign, segments, fit, &credits);
        WindowCredit { credits, organic, unattributed, summary }
    }

    /// Per tier, the 90% interval of the model's share of the window's value.
    pub(crate) fn tier_intervals(&mut self, lookback: Lookback<'c>, tiers: usize) -> Vec<[f64; 2]> {
        let campaign = self.campaign;
        let (segments, fit) = self.fitted(lookback);
        intervals::tier_intervals(campaign, segments, fit, tiers)
    }
}

/// The credit of one window fitted on its own (no report around it).
#[cfg(test)]
pub(crate) fn credit_window(campaign: &Campaign, days: u32) -> WindowCredit {
    Windows::new(campaign, Vec::new()).credit(Lookback::Days(days))
}

/// What the fit learned: answers practitioners guess today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IncrementalSummary {
    /// Days for a touch's effect to halve.
    pub half_life_days: f64,
    /// A journey's chance to buy with no touch at all (the organic baseline).
    pub baseline_probability: f64,
    /// Each touch type's strength relative to a view (a view is 1).
    pub touch_types: Vec<TypeStrength>,
    /// Per tier: its strength and how much more (or less) its touches do when they open or
    /// close a journey.
    pub tiers: Vec<TierEffects>,
    /// Per creator (roster order): its strength and what it caused.
    pub creators: Vec<CreatorLift>,
    /// Whether the fit converged, and in how many iterations.
    pub converged: bool,
    /// Optimizer iterations.
    pub iterations: usize,
    /// Journeys (segments) the model was fitted on, converting or not.
    pub journeys: usize,
}

/// A touch type's learned strength.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TypeStrength {
    /// The touch type.
    pub touch_type: String,
    /// Its hazard relative to a view's (a view is 1).
    pub strength: f64,
}

/// A tier's learned effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierEffects {
    /// The tier.
    pub tier: String,
    /// A view's hazard from this tier's typical creator, at age 0, between other touches.
    pub strength: f64,
    /// Multiplier of its touches' hazard when opening a journey of several touches.
    pub opening: f64,
    /// Multiplier when closing one.
    pub closing: f64,
    /// Expected conversions its touches added over every journey of the window.
    pub expected_incremental: f64,
}

/// A creator's learned lift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatorLift {
    /// `kol_id`.
    pub creator: String,
    /// A view's hazard from this creator, relative to its tier's typical creator.
    pub lift: f64,
    /// Touches in the window's journeys.
    pub touches: usize,
    /// Conversions credited (its incremental share of the orders).
    pub conversions: f64,
}

impl IncrementalSummary {
    fn of(campaign: &Campaign, segments: &Segments, fit: &Fit, credits: &[Credit]) -> Self {
        let (theta, layout) = (&fit.theta, fit.layout);
        let tiers = &campaign.tiers;
        let incremental = fit.expected_incremental(segments, layout.tiers);
        let mut touches = vec![0_usize; layout.creators];
        for &k in &segments.kind {
            touches[segments.kinds[k as usize].creator as usize] += 1;
        }
        Self {
            half_life_days: libm::exp(theta[Layout::HALF_LIFE]),
            baseline_probability: -libm::expm1(-fit.baseline()),
            touch_types: TouchType::ALL
                .iter()
                .enumerate()
                .map(|(k, kind)| TypeStrength {
                    touch_type: kind.name().to_owned(),
                    strength: layout.kind(k).map_or(1.0, |i| libm::exp(theta[i])),
                })
                .collect(),
            tiers: (0..layout.tiers)
                .filter(|&t| t < tiers.specs().len() || incremental[t] > 0.0)
                .map(|t| TierEffects {
                    tier: tiers.name(t as u16).to_owned(),
                    strength: libm::exp(theta[layout.tier(t)]),
                    opening: libm::exp(theta[layout.opening(t)]),
                    closing: libm::exp(theta[layout.closing(t)]),
                    expected_incremental: incremental[t],
                })
                .collect(),
            creators: campaign
                .roster
                .creators()
                .iter()
                .enumerate()
                .map(|(c, creator)| CreatorLift {
                    creator: creator.id.clone(),
                    lift: libm::exp(theta[layout.creator(c)]),
                    touches: touches[c],
                    conversions: credits[c].conversions,
                })
                .collect(),
            converged: fit.converged,
            iterations: fit.iterations,
            journeys: segments.len(),
        }
    }
}

#[cfg(test)]
mod tests;
