//! Who the sample's creators are and how its journeys pick them: tiers, categories, the roster
//! file, and each touch's creator and type.

use std::fmt::Write as _;

use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64;

use super::SampleOptions;
use crate::campaign::TouchType;

/// A tier as the sample draws it.
pub(super) struct SampleTier {
    pub(super) name: &'static str,
    /// Share of the roster.
    pub(super) share: f64,
    /// Follower range, drawn log-uniformly.
    pub(super) followers: (f64, f64),
    /// Hazard added per touch (before type strength and decay).
    pub(super) lift: f64,
    /// Preference for early (positive: awareness) or late (negative: closing) positions.
    pub(super) early: f64,
    /// Commission rate range, percent.
    pub(super) rate: (u32, u32),
    /// With `roles`, the multiplier of a touch that opens, and of one that closes, a journey of
    /// several touches.
    pub(super) opening: f64,
    pub(super) closing: f64,
}

pub(super) const TIERS: [SampleTier; 4] = [
    SampleTier {
        name: "mega",
        share: 0.05,
        followers: (5e5, 6e6),
        lift: 0.011,
        early: 3.0,
        rate: (5, 10),
        opening: 2.0,
        closing: 0.7,
    },
    SampleTier {
        name: "mid-tier",
        share: 0.15,
        followers: (5e4, 5e5),
        lift: 0.015,
        early: 1.5,
        rate: (8, 15),
        opening: 1.5,
        closing: 1.0,
    },
    SampleTier {
        name: "micro",
        share: 0.30,
        followers: (5e3, 5e4),
        lift: 0.020,
        early: -1.0,
        rate: (10, 20),
        opening: 1.0,
        closing: 1.5,
    },
    SampleTier {
        name: "KOC",
        share: 0.50,
        followers: (3e2, 5e3),
        lift: 0.024,
        early: -2.5,
        rate: (15, 25),
        opening: 0.7,
        closing: 2.0,
    },
];

/// How much each touch type moves the hazard (before `typeContrast`).
pub(super) fn strength(kind: TouchType) -> f64 {
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

/// A product category: its name in the roster, and with `categories` the multipliers of a
/// journey's organic baseline and of its touches' lift.
pub(super) struct Category {
    pub(super) name: &'static str,
    pub(super) baseline: f64,
    pub(super) lift: f64,
}

pub(super) const CATEGORIES: [Category; 4] = [
    Category { name: "skincare", baseline: 1.0, lift: 1.0 },
    // Impulse buys: more would happen anyway, a note moves them less.
    Category { name: "beauty", baseline: 1.8, lift: 0.8 },
    // Considered buys: little happens without persuasion.
    Category { name: "supplements", baseline: 0.5, lift: 1.3 },
    // Trust-driven: a creator's word weighs most.
    Category { name: "mother_baby", baseline: 0.7, lift: 1.5 },
];

pub(super) struct SampleCreator {
    pub(super) tier: usize,
    pub(super) id: String,
    /// Its strength relative to its tier's.
    pub(super) lift: f64,
    /// Its category's index in [`CATEGORIES`].
    pub(super) category: usize,
}

const SYLLABLES: [&str; 24] = [
    "小", "美", "阿", "甜", "糖", "橙", "桃", "柚", "可", "乐", "晴", "雪", "安", "然", "若", "溪", "米", "朵", "七",
    "叶", "鹿", "星", "言", "木",
];
const SUFFIXES: [&str; 8] = ["酱", "同学", "的日常", "Lily", "很忙", "测评", "Official", "爱分享"];

/// Each creator's lift around its tier's, from its own stream of the seed (so the roster and the
/// journeys do not change with the spread): log-normal of mean 1.
pub(super) fn spread(creators: &mut [SampleCreator], options: &SampleOptions) {
    let sd = options.creator_spread;
    if sd == 0.0 {
        return;
    }
    let mut rng = Pcg64::seed_from_u64(options.seed ^ 0x5eed_c8ea_7085_u64);
    for creator in creators {
        let z: f64 = StandardNormal.sample(&mut rng);
        creator.lift = (sd * z - 0.5 * sd * sd).exp();
    }
}

pub(super) fn roster_csv(creators: &mut [SampleCreator], rng: &mut Pcg64) -> String {
    let mut csv = String::from("kol_id,handle,tier,followers,category,flat_fee,commission_rate,promo_code\n");
    for (i, creator) in creators.iter_mut().enumerate() {
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
        creator.category = rng.random_range(0..CATEGORIES.len());
        let category = CATEGORIES[creator.category].name;
        let code = promo_code(&creator.id);
        let _ = writeln!(csv, "{},{handle},{tier_cell},{followers},{category},{fee},{rate}%,{code}", creator.id);
    }
    csv
}

/// A creator's promo code, as the roster gives it and buyers type it.
pub(super) fn promo_code(id: &str) -> String {
    format!("{}10", id.to_uppercase().replace('_', ""))
}

/// The roster: tier shares as configured, at least one creator per tier.
pub(super) fn roster(count: usize, rng: &mut Pcg64) -> Vec<SampleCreator> {
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
    tiers
        .into_iter()
        .enumerate()
        .map(|(i, tier)| SampleCreator { tier, id: format!("kol_{:03}", i + 1), lift: 1.0, category: 0 })
        .collect()
}

/// A creator for a touch at relative position `late` (0 first, 1 last): awareness tiers early,
/// closing tiers late.
pub(super) fn pick_creator(creators: &[SampleCreator], late: f64, rng: &mut Pcg64) -> usize {
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
pub(super) fn touch_type(late: f64, rng: &mut Pcg64) -> TouchType {
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
