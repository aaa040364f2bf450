//! A seeded, realistic Xiaohongshu campaign, written as the three inputs users have.
//!
//! Conversions come from an explicit causal model, so every tier's true incremental conversions
//! are known: a journey converts with probability `1 − exp(−h)`, where the hazard
//! `h = BASE + Σ lift(tier) × strength(type) × exp(−age / DECAY_DAYS)` sums over its touches,
//! `age` being the touch's age in days at the purchase decision. A tier's true incremental
//! conversions are `Σ_journeys P(all touches) − P(without that tier's touches)`.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Exp, LogNormal};
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignInputs, TouchType};
use crate::catalogue::settings::{SAMPLE_CREATORS, SAMPLE_JOURNEYS, SAMPLE_SEED};
use crate::error::Error;
use crate::read::time::DAY;

/// Hazard of buying with no touch at all.
const BASE: f64 = 0.003;
/// Days over which a touch's effect falls by a factor e.
const DECAY_DAYS: f64 = 21.0;

/// A tier as the sample draws it.
struct SampleTier {
    name: &'static str,
    /// Share of the roster.
    share: f64,
    /// Follower range, drawn log-uniformly.
    followers: (f64, f64),
    /// Hazard added per touch (before type strength and decay).
    lift: f64,
    /// Preference for early (positive: awareness) or late (negative: closing) positions.
    early: f64,
    /// Commission rate range, percent.
    rate: (u32, u32),
}

const TIERS: [SampleTier; 4] = [
    SampleTier { name: "mega", share: 0.05, followers: (5e5, 6e6), lift: 0.011, early: 3.0, rate: (5, 10) },
    SampleTier { name: "mid-tier", share: 0.15, followers: (5e4, 5e5), lift: 0.015, early: 1.5, rate: (8, 15) },
    SampleTier { name: "micro", share: 0.30, followers: (5e3, 5e4), lift: 0.020, early: -1.0, rate: (10, 20) },
    SampleTier { name: "KOC", share: 0.50, followers: (3e2, 5e3), lift: 0.024, early: -2.5, rate: (15, 25) },
];

/// Campaign days observed by both exports.
const SPAN_DAYS: f64 = 150.0;

/// How much each touch type moves the hazard.
fn strength(kind: TouchType) -> f64 {
    match kind {
        TouchType::View | TouchType::Other => 1.0,
        TouchType::Like => 1.3,
        TouchType::Comment => 1.6,
        TouchType::Save => 2.6,
        TouchType::Click => 3.0,
        TouchType::QrScan => 3.2,
        TouchType::PromoCode => 4.0,
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
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
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            journeys: SAMPLE_JOURNEYS.default_whole() as usize,
            creators: SAMPLE_CREATORS.default_whole() as usize,
            seed: SAMPLE_SEED.default_whole(),
        }
    }
}

/// A tier's known effect in the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierTruth {
    /// Tier name.
    pub tier: String,
    /// Expected conversions that would not happen without this tier's touches.
    pub incremental_conversions: f64,
    /// Touches by creators of this tier.
    pub touches: usize,
}

/// The generated campaign and its ground truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SampleCampaign {
    /// The three inputs, as CSV text.
    pub inputs: CampaignInputs,
    /// Every tier's true incremental conversions.
    pub truth: Vec<TierTruth>,
}

struct SampleCreator {
    tier: usize,
    id: String,
}

const SYLLABLES: [&str; 24] = [
    "小", "美", "阿", "甜", "糖", "橙", "桃", "柚", "可", "乐", "晴", "雪", "安", "然", "若", "溪", "米", "朵", "七",
    "叶", "鹿", "星", "言", "木",
];
const SUFFIXES: [&str; 8] = ["酱", "同学", "的日常", "Lily", "很忙", "测评", "Official", "爱分享"];
const CATEGORIES: [&str; 4] = ["skincare", "beauty", "supplements", "mother_baby"];

/// Generates a campaign.
///
/// # Errors
/// [`Error::InvalidOption`] for zero or too many journeys or creators.
pub fn sample_campaign(options: &SampleOptions) -> Result<SampleCampaign, Error> {
    SAMPLE_JOURNEYS.check(options.journeys as f64)?;
    SAMPLE_CREATORS.check(options.creators as f64)?;
    SAMPLE_SEED.check(options.seed as f64)?;
    let mut rng = Pcg64::seed_from_u64(options.seed);
    let creators = roster(options.creators, &mut rng);
    let creators_csv = roster_csv(&creators, &mut rng);
    let (touchpoints, orders, truth) = journeys(&creators, options.journeys, &mut rng);
    Ok(SampleCampaign { inputs: CampaignInputs { creators: creators_csv, touchpoints, orders }, truth })
}

fn roster_csv(creators: &[SampleCreator], rng: &mut Pcg64) -> String {
    let mut csv = String::from("kol_id,handle,tier,followers,category,flat_fee,commission_rate\n");
    for (i, creator) in creators.iter().enumerate() {
        let tier = &TIERS[creator.tier];
        let (low, high) = tier.followers;
        let followers = (low * (high / low).powf(rng.random::<f64>())).round();
        let handle = format!(
            "{}{}{}",
            SYLLABLES[rng.random_range(0..SYLLABLES.len())],
            SYLLABLES[rng.random_range(0..SYLLABLES.len())],
            SUFFIXES[i % SUFFIXES.len()]
        );
        // An explicit tier for a third of the roster, follower thresholds for the rest.
        let tier_cell = if i % 3 == 0 { tier.name } else { "" };
        let fee = match creator.tier {
            0 | 1 => format!("{:.2}", (followers * rng.random_range(0.06..0.12) / 100.0).round() * 100.0),
            2 if rng.random_bool(0.5) => format!("{:.2}", f64::from(rng.random_range(5..30_u32)) * 100.0),
            _ => String::new(),
        };
        let rate = rng.random_range(tier.rate.0..tier.rate.1);
        let category = CATEGORIES[rng.random_range(0..CATEGORIES.len())];
        let _ = writeln!(csv, "{},{handle},{tier_cell},{followers},{category},{fee},{rate}%", creator.id);
    }
    csv
}

/// Simulates every journey: its touches, whether and when it converts, and each tier's true
/// incremental effect. Returns the touch log, the orders and the truth.
fn journeys(creators: &[SampleCreator], count: usize, rng: &mut Pcg64) -> (String, String, Vec<TierTruth>) {
    let zone = FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("UTC+8 is a valid offset"));
    let start = NaiveDate::from_ymd_opt(2025, 3, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp() - 8 * 3600);
    let mut touches_csv = String::from("journey_id,kol_id,timestamp,touch_type\n");
    let mut orders_csv = String::from("order_id,journey_id,timestamp,value,refunded_amount,channel,promo_code\n");
    let mut incremental = [0.0_f64; 4];
    let mut tier_touches = [0_usize; 4];
    let gap = Exp::new(1.0 / 5.0).unwrap_or_else(|_| unreachable!("a positive rate"));
    let price = LogNormal::new(330.0_f64.ln(), 0.45).unwrap_or_else(|_| unreachable!("a positive spread"));
    let mut order_number = 0;
    let mut touches: Vec<(usize, TouchType, f64)> = Vec::new();
    for journey in 0..count {
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
            touches.push((pick_creator(creators, late, rng), touch_type(late, rng), day));
            day += gap.sample(rng);
        }
        let decision = touches.last().map_or(day, |t| t.2);
        let hazard = |skip: Option<usize>| {
            BASE + touches
                .iter()
                .filter(|(c, _, _)| Some(creators[*c].tier) != skip)
                .map(|&(c, kind, at)| {
                    TIERS[creators[c].tier].lift * strength(kind) * (-(decision - at) / DECAY_DAYS).exp()
                })
                .sum::<f64>()
        };
        let probability = |h: f64| 1.0 - (-h).exp();
        let p_all = probability(hazard(None));
        for (tier, total) in incremental.iter_mut().enumerate() {
            *total += p_all - probability(hazard(Some(tier)));
        }
        let user = format!("u{:07}", journey + 1);
        for &(creator, kind, at) in &touches {
            tier_touches[creators[creator].tier] += 1;
            let when = local(start + (at * DAY as f64) as i64, zone);
            let _ = writeln!(touches_csv, "{user},{},{when},{}", creators[creator].id, kind.name());
        }
        let order_day = decision + rng.random_range(0.02..1.5);
        if rng.random::<f64>() < p_all && order_day <= SPAN_DAYS {
            order_number += 1;
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
            let code = touches
                .iter()
                .rev()
                .find(|(_, kind, _)| *kind == TouchType::PromoCode)
                .map(|(c, _, _)| format!("{}10", creators[*c].id.to_uppercase().replace('_', "")))
                .unwrap_or_default();
            let when = local(start + (order_day * DAY as f64) as i64, zone);
            let _ = writeln!(orders_csv, "XHS{order_number:08},{user},{when},{value:.2},{refund},{channel},{code}");
        }
    }
    let truth = (0..4)
        .map(|tier| TierTruth {
            tier: TIERS[tier].name.to_owned(),
            incremental_conversions: incremental[tier],
            touches: tier_touches[tier],
        })
        .collect();
    (touches_csv, orders_csv, truth)
}

/// The roster: tier shares as configured, at least one creator per tier.
fn roster(count: usize, rng: &mut Pcg64) -> Vec<SampleCreator> {
    let mut tiers: Vec<usize> = (0..4).collect();
    while tiers.len() < count {
        let roll = rng.random::<f64>();
        let mut cumulative = 0.0;
        let tier = TIERS.iter().position(|t| {
            cumulative += t.share;
            roll < cumulative
        });
        tiers.push(tier.unwrap_or(3));
    }
    tiers.sort_unstable();
    tiers.into_iter().enumerate().map(|(i, tier)| SampleCreator { tier, id: format!("kol_{:03}", i + 1) }).collect()
}

/// A creator for a touch at relative position `late` (0 first, 1 last): awareness tiers early,
/// closing tiers late.
fn pick_creator(creators: &[SampleCreator], late: f64, rng: &mut Pcg64) -> usize {
    let weights: Vec<f64> = TIERS.iter().map(|t| (t.early * (0.5 - late)).exp() * t.share).collect();
    let roll = rng.random::<f64>() * weights.iter().sum::<f64>();
    let mut cumulative = 0.0;
    let tier = weights
        .iter()
        .position(|w| {
            cumulative += w;
            roll < cumulative
        })
        .unwrap_or(3);
    let members: Vec<usize> = (0..creators.len()).filter(|&i| creators[i].tier == tier).collect();
    members[rng.random_range(0..members.len())]
}

/// Early touches are mostly views and likes; late ones more often saves, clicks and codes.
fn touch_type(late: f64, rng: &mut Pcg64) -> TouchType {
    let table = [
        (TouchType::View, 0.50 - 0.25 * late),
        (TouchType::Like, 0.18),
        (TouchType::Save, 0.10 + 0.05 * late),
        (TouchType::Comment, 0.05),
        (TouchType::Click, 0.08 + 0.10 * late),
        (TouchType::PromoCode, 0.03 + 0.07 * late),
        (TouchType::QrScan, 0.02 + 0.03 * late),
    ];
    let roll = rng.random::<f64>() * table.iter().map(|t| t.1).sum::<f64>();
    let mut cumulative = 0.0;
    table
        .iter()
        .find(|t| {
            cumulative += t.1;
            roll < cumulative
        })
        .map_or(TouchType::View, |t| t.0)
}

fn local(at: i64, zone: FixedOffset) -> String {
    DateTime::from_timestamp(at, 0)
        .map_or_else(String::new, |t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{CampaignOptions, read_campaign};

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let options = SampleOptions { journeys: 300, ..SampleOptions::default() };
        let a = sample_campaign(&options).unwrap();
        assert_eq!(a, sample_campaign(&options).unwrap());
        assert_ne!(a.inputs, sample_campaign(&SampleOptions { seed: 8, ..options }).unwrap().inputs);
    }

    #[test]
    fn the_sample_reads_cleanly_with_every_tier_and_returns() {
        let sample = sample_campaign(&SampleOptions::default()).unwrap();
        let campaign = read_campaign(&sample.inputs, &CampaignOptions::default()).unwrap();
        assert!(campaign.warnings.is_empty(), "{:?}", campaign.warnings.first());
        let mut tiers: Vec<_> = campaign.roster.creators().iter().map(|c| campaign.tiers.name(c.tier)).collect();
        tiers.dedup();
        assert_eq!(tiers, ["mega", "mid-tier", "micro", "KOC"]);
        assert_eq!(campaign.journeys.len(), 3000);
        let orders = campaign.orders.len();
        // About 8% of journeys convert, as the benchmark's campaigns are specified.
        assert!((180..=330).contains(&orders), "{orders} orders from 3000 journeys");
        assert!(campaign.orders.refunded.iter().any(|r| !r.is_zero()), "some orders are returned");
        let longest = (0..campaign.journeys.len() as u32)
            .map(|j| campaign.touches.journey.iter().filter(|&&x| x == j).count())
            .max();
        assert!(longest >= Some(6), "long journeys exist");
        assert!(sample.truth.iter().all(|t| t.incremental_conversions > 0.0));
    }
}
