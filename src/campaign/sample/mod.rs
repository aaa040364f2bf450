//! A seeded, realistic Xiaohongshu campaign, written as the three inputs users have, with the
//! truth every model is scored against.
//!
//! Conversions come from an explicit causal process, so what each tier and each creator really
//! caused is known. By default a journey converts with probability `1 − exp(−h)`, where the
//! hazard `h = organic + Σ lift(tier) × strength(type) × exp(−age / 21)` sums over its touches,
//! `age` being the touch's age in days at the purchase decision (its last touch). Each structure
//! the truth grid varies is an option, off by default (or at today's value), so the default
//! sample stays the same bytes:
//! - `process`: the noisy-OR above, a continuous-time hazard, or a logistic with diminishing
//!   returns ([`SampleProcess`]), so models are also checked on processes their form does not match;
//! - `organic`, `halfLifeDays`, `typeContrast`: the baseline, the decay and how far apart the
//!   touch types' strengths are;
//! - `creatorSpread`: creators of a tier differ, each its tier's lift times a log-normal factor
//!   of mean 1;
//! - `roles`: a tier's touch stronger when it opens or closes a journey of several touches;
//! - `categories`: a journey shops its first creator's category, each with its own baseline and lift;
//! - `repeats`, `repeatReturn`: the same creator again, and what a repeat adds;
//! - `promoCodes`: on every sixth order without a code touch the last creator's code, which the
//!   reader turns into a touch (the truth is unchanged). The roster always gives each creator's
//!   code, so the codes of logged code touches on orders match.
//!
//! The truth is counterfactual under the generator's own process: a tier's (a creator's) true
//! incremental conversions are `Σ_journeys P(all touches) − P(without that tier's (creator's)
//! touches)`.

mod notes;
mod process;
mod roster;
#[cfg(test)]
mod tests;
mod truth;

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Exp, LogNormal};
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

pub use process::SampleProcess;
use process::{Journey, Weighed};
use roster::{
    CATEGORIES, SampleCreator, TIERS, pick_creator, promo_code, roster, roster_csv, spread, strength, touch_type,
};
pub use truth::{CreatorTruth, OracleCredit, ProcessTruth, RoleTruth, TierTruth, TouchTypeTruth};
use truth::{Sums, process_truth, truth_of};

use crate::campaign::{CampaignInputs, TouchType};
use crate::catalogue::settings::{SAMPLE_CATEGORIES, SAMPLE_ROLES};
use crate::catalogue::settings::{
    SAMPLE_CREATOR_SPREAD, SAMPLE_CREATORS, SAMPLE_HALF_LIFE, SAMPLE_JOURNEYS, SAMPLE_ORGANIC, SAMPLE_PROCESS,
    SAMPLE_PROMO_CODES, SAMPLE_REPEAT_RETURN, SAMPLE_REPEATS, SAMPLE_SEED, SAMPLE_TYPE_CONTRAST,
};
use crate::error::Error;
use crate::read::time::DAY;

/// Campaign days observed by both exports.
const SPAN_DAYS: f64 = 150.0;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct SampleOptions {
    /// Journeys (users), converting or not (default 3000).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub journeys: usize,
    /// Creators (default 40).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub creators: usize,
    /// Random seed; the same seed gives the same bytes (default 7).
    #[cfg_attr(test, ts(optional = nullable, type = "number"))]
    pub seed: u64,
    /// How a journey decides to buy (default `noisy_or`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub process: SampleProcess,
    /// Hazard of buying with no touch (default 0.003).
    #[cfg_attr(test, ts(optional = nullable))]
    pub organic: f64,
    /// Days for a touch's effect to halve (default 21 × ln 2).
    #[cfg_attr(test, ts(optional = nullable))]
    pub half_life_days: f64,
    /// Power of the touch types' strengths (default 1).
    #[cfg_attr(test, ts(optional = nullable))]
    pub type_contrast: f64,
    /// Log-normal spread of creators around their tier (default 0).
    #[cfg_attr(test, ts(optional = nullable))]
    pub creator_spread: f64,
    /// Opening and closing roles by tier (default off).
    #[cfg_attr(test, ts(optional = nullable))]
    pub roles: bool,
    /// Category baselines and lifts (default off).
    #[cfg_attr(test, ts(optional = nullable))]
    pub categories: bool,
    /// Chance a touch repeats the creator before it (default 0).
    #[cfg_attr(test, ts(optional = nullable))]
    pub repeats: f64,
    /// What a creator's n-th touch in a journey counts, to the power n − 1 (default 1).
    #[cfg_attr(test, ts(optional = nullable))]
    pub repeat_return: f64,
    /// Promo codes typed on orders the touch log never saw (default off; the roster always gives
    /// each creator's code, and orders after a logged code touch carry it).
    #[cfg_attr(test, ts(optional = nullable))]
    pub promo_codes: bool,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            journeys: SAMPLE_JOURNEYS.default_whole() as usize,
            creators: SAMPLE_CREATORS.default_whole() as usize,
            seed: SAMPLE_SEED.default_whole(),
            process: SampleProcess::named(SAMPLE_PROCESS.default_text()),
            organic: SAMPLE_ORGANIC.default_number(),
            half_life_days: SAMPLE_HALF_LIFE.default_number(),
            type_contrast: SAMPLE_TYPE_CONTRAST.default_number(),
            creator_spread: SAMPLE_CREATOR_SPREAD.default_number(),
            roles: SAMPLE_ROLES.default_flag(),
            categories: SAMPLE_CATEGORIES.default_flag(),
            repeats: SAMPLE_REPEATS.default_number(),
            repeat_return: SAMPLE_REPEAT_RETURN.default_number(),
            promo_codes: SAMPLE_PROMO_CODES.default_flag(),
        }
    }
}

/// The generated campaign and its ground truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SampleCampaign {
    /// The three inputs, as CSV text.
    pub inputs: CampaignInputs,
    /// Every tier's true incremental conversions, and within it every creator's.
    pub truth: Vec<TierTruth>,
    /// The process's own parameters and totals.
    pub process: ProcessTruth,
}

/// Generates a campaign.
///
/// # Errors
/// [`Error::InvalidOption`] for zero or too many journeys or creators, or a structure's number
/// out of its range.
pub fn sample_campaign(options: &SampleOptions) -> Result<SampleCampaign, Error> {
    SAMPLE_JOURNEYS.check(options.journeys as f64)?;
    SAMPLE_CREATORS.check(options.creators as f64)?;
    SAMPLE_SEED.check(options.seed as f64)?;
    SAMPLE_ORGANIC.check(options.organic)?;
    SAMPLE_HALF_LIFE.check(options.half_life_days)?;
    SAMPLE_TYPE_CONTRAST.check(options.type_contrast)?;
    SAMPLE_CREATOR_SPREAD.check(options.creator_spread)?;
    SAMPLE_REPEATS.check(options.repeats)?;
    SAMPLE_REPEAT_RETURN.check(options.repeat_return)?;
    let mut rng = Pcg64::seed_from_u64(options.seed);
    let mut creators = roster(options.creators, &mut rng);
    let creators_csv = roster_csv(&mut creators, &mut rng);
    spread(&mut creators, options);
    let generated = journeys(&creators, options, &mut rng);
    Ok(SampleCampaign {
        inputs: CampaignInputs {
            creators: creators_csv,
            touchpoints: generated.touches,
            orders: generated.orders,
            notes: generated.notes,
            ..CampaignInputs::default()
        },
        truth: generated.truth,
        process: generated.process,
    })
}

/// The generated files and the truth.
struct Generated {
    touches: String,
    orders: String,
    notes: String,
    truth: Vec<TierTruth>,
    process: ProcessTruth,
}

/// Simulates every journey: its touches, whether and when it converts, and every tier's and
/// creator's true incremental effect.
fn journeys(creators: &[SampleCreator], options: &SampleOptions, rng: &mut Pcg64) -> Generated {
    let zone = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("UTC+8 is a valid offset"));
    let start = NaiveDate::from_ymd_opt(2025, 3, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp() - 8 * 3600);
    let published = notes::publish(creators, options.seed);
    let mut touches_csv = String::from("journey_id,kol_id,timestamp,touch_type,note_id\n");
    let mut orders_csv = String::from("order_id,journey_id,timestamp,value,refunded_amount,channel,promo_code\n");
    let mut sums = Sums::new(creators.len());
    let mut shares = Vec::new();
    let gap = Exp::new(1.0 / 5.0).unwrap_or_else(|_| unreachable!("a positive rate"));
    let price = LogNormal::new(330.0_f64.ln(), 0.45).unwrap_or_else(|_| unreachable!("a positive spread"));
    // The decay's e-folding; 21 days exactly at the default half-life.
    let decay_days = options.half_life_days / std::f64::consts::LN_2;
    let mut order_number = 0;
    let mut touches: Vec<(usize, TouchType, f64)> = Vec::new();
    let mut weighed: Vec<Weighed> = Vec::new();
    for journey in 0..options.journeys {
        touches.clear();
        // The shorter of two uniform draws: most journeys are short, some run to eight touches.
        let length = 1 + usize::from(rng.random_range(0..8_u8).min(rng.random_range(0..8_u8)));
        let mut day = rng.random::<f64>() * (SPAN_DAYS - 30.0);
        for position in 0..length {
            // Both exports end on the campaign's last day: later touches are not observed.
            if day > SPAN_DAYS {
                break;
            }
            let late = if length == 1 { 0.5 } else { position as f64 / (length - 1) as f64 };
            let repeat = options.repeats > 0.0 && position > 0 && rng.random::<f64>() < options.repeats;
            let creator = match touches.last() {
                Some(&(previous, _, _)) if repeat => previous,
                _ => pick_creator(creators, late, rng),
            };
            touches.push((creator, touch_type(late, rng), day));
            day += gap.sample(rng);
        }
        let decision = touches.last().map_or(day, |t| t.2);
        weigh(&touches, creators, options, (decision, decay_days), &mut weighed);
        let category = &CATEGORIES[creators[touches[0].0].category];
        let baseline = if options.categories { options.organic * category.baseline } else { options.organic };
        let journey_model = Journey {
            process: options.process,
            touches: &weighed,
            baseline,
            decay_days,
            start: touches[0].2,
            horizon: SPAN_DAYS,
        };
        sums.add(&journey_model);
        let p_all = journey_model.probability(|_| true);
        let user = format!("u{:07}", journey + 1);
        for &(creator, kind, at) in &touches {
            let when = local(start + (at * DAY as f64) as i64, zone);
            let note = notes::note_at(&published[creator], at);
            let _ = writeln!(touches_csv, "{user},{},{when},{},{note}", creators[creator].id, kind.name());
        }
        let order_day = if options.process == SampleProcess::Hazard {
            let u = rng.random::<f64>();
            (u < p_all).then(|| journey_model.purchase_day(u))
        } else {
            let order_day = decision + rng.random_range(0.02..1.5);
            (rng.random::<f64>() < p_all && order_day <= SPAN_DAYS).then_some(order_day)
        };
        if let Some(order_day) = order_day {
            sums.add_order(&journey_model, order_day, creators, &mut shares);
            order_number += 1;
            // The code of the creator whose code touch the log has; with `promoCodes`, on every
            // sixth other order the last creator's, typed at checkout though the log never saw it
            // (the reader adds that touch, as code-based tracking does).
            let logged = touches.iter().rev().find(|(_, kind, at)| *kind == TouchType::PromoCode && *at <= order_day);
            let unlogged = touches.last().filter(|_| options.promo_codes && order_number % 6 == 0);
            let code = logged.or(unlogged).map(|(c, _, _)| promo_code(&creators[*c].id)).unwrap_or_default();
            let when = local(start + (order_day * DAY as f64) as i64, zone);
            let order = Order { number: order_number, user: &user, when: &when, code: &code };
            write_order(&mut orders_csv, &order, &price, rng);
        }
    }
    let truth = truth_of(creators, &sums);
    let process = process_truth(options, &sums);
    let day = |at: f64| local(start + (at * DAY as f64) as i64, zone).chars().take(10).collect();
    let notes = notes::notes_csv(creators, &published, day);
    Generated { touches: touches_csv, orders: orders_csv, notes, truth, process }
}

/// An order as the orders file writes it, before its drawn value, refund and channel.
struct Order<'a> {
    number: usize,
    user: &'a str,
    when: &'a str,
    code: &'a str,
}

/// Draws the order's value, refund and channel and writes its row.
fn write_order(csv: &mut String, order: &Order<'_>, price: &LogNormal<f64>, rng: &mut Pcg64) {
    let value = ((price.sample(rng) / 10.0).round() * 10.0 - 1.0).max(29.0);
    let roll = rng.random::<f64>();
    let refund = if roll < 0.07 {
        format!("{value:.2}")
    } else if roll < 0.10 {
        format!("{:.2}", (value * rng.random_range(0.2..0.6)).round())
    } else {
        String::new()
    };
    let channel = ["xhs_shop", "xhs_shop", "tmall", "tmall", "jd", "d2c"][rng.random_range(0..6)];
    let Order { number, user, when, code } = order;
    let _ = writeln!(csv, "XHS{number:08},{user},{when},{value:.2},{refund},{channel},{code}");
}

/// A touch type's strength with the contrast applied.
pub(super) fn type_strength(kind: TouchType, options: &SampleOptions) -> f64 {
    strength(kind).powf(options.type_contrast)
}

/// Each touch's strength, before and after decay to the `decision` (falling by e every
/// `decay_days`), into `out`.
fn weigh(
    touches: &[(usize, TouchType, f64)],
    creators: &[SampleCreator],
    options: &SampleOptions,
    (decision, decay_days): (f64, f64),
    out: &mut Vec<Weighed>,
) {
    out.clear();
    let several = touches.len() > 1;
    let category = &CATEGORIES[creators[touches[0].0].category];
    for (position, &(c, kind, day)) in touches.iter().enumerate() {
        let creator = &creators[c];
        let tier = &TIERS[creator.tier];
        let role = match position {
            0 if several && options.roles => tier.opening,
            p if several && options.roles && p + 1 == touches.len() => tier.closing,
            _ => 1.0,
        };
        let lift = if options.categories { category.lift } else { 1.0 };
        let earlier = touches[..position].iter().filter(|t| t.0 == c).count();
        let repeat = options.repeat_return.powi(i32::try_from(earlier).unwrap_or(i32::MAX));
        let strength = tier.lift * type_strength(kind, options) * creator.lift * role * lift * repeat;
        let decayed = strength * (-(decision - day) / decay_days).exp();
        out.push(Weighed { creator: c, tier: creator.tier, day, strength, decayed });
    }
}

fn local(at: i64, zone: FixedOffset) -> String {
    DateTime::from_timestamp(at, 0)
        .map_or_else(String::new, |t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S").to_string())
}
