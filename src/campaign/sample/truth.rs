//! What the sample's process really caused: per tier, per creator, and the process's own facts.

use serde::{Deserialize, Serialize};

use super::process::{Journey, SampleProcess};
use super::roster::{SampleCreator, TIERS};
use super::{SampleOptions, TouchType, type_strength};

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
    /// The tier's creators (roster order); none in a truth written before creators were.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<CreatorTruth>>", optional))]
    pub creators: Vec<CreatorTruth>,
}

/// A creator's known effect in the sample. A tier's creators' incremental conversions need not
/// sum to the tier's: removing two creators at once is not removing each alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CreatorTruth {
    /// `kol_id`.
    pub creator: String,
    /// Expected conversions that would not happen without this creator's touches.
    pub incremental_conversions: f64,
    /// The creator's touches.
    pub touches: usize,
    /// Its strength relative to its tier's (1 unless `creatorSpread`).
    pub lift: f64,
}

/// What the generator's process was: the answers the incremental model estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProcessTruth {
    /// The process.
    pub process: SampleProcess,
    /// Expected conversions over every journey.
    pub conversions: f64,
    /// Expected conversions had no journey been touched: what happens anyway (organic).
    pub organic_conversions: f64,
    /// Days for a touch's effect to halve.
    pub half_life_days: f64,
    /// Each touch type's strength relative to a view's.
    pub touch_types: Vec<TouchTypeTruth>,
    /// Per tier, the multiplier of a touch opening and of one closing a journey of several
    /// touches (1 and 1 without `roles`).
    pub roles: Vec<RoleTruth>,
    /// What a model knowing this process exactly would credit on the orders drawn: how close any
    /// model can come on this campaign (the orders are one draw of the process, the truth its
    /// expectation).
    pub oracle: OracleCredit,
}

/// The conversions a model knowing the generator's process credits, every touch eligible: under
/// the one-decision processes an order is split as the incremental model splits it (organic
/// `P₀/P`, the rest by each creator's `P − P(without it)`), under the hazard process by each
/// creator's part of the purchase intensity at the moment of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OracleCredit {
    /// Conversions that would have happened anyway.
    pub organic: f64,
    /// Per tier, as `truth` lists them.
    pub tiers: Vec<f64>,
    /// Per creator, in roster order (`kol_001` first).
    pub creators: Vec<f64>,
}

/// A touch type's strength in the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TouchTypeTruth {
    /// The touch type.
    pub touch_type: String,
    /// Its strength relative to a view's.
    pub strength: f64,
}

/// A tier's opening and closing multipliers in the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoleTruth {
    /// The tier.
    pub tier: String,
    /// Multiplier of a touch opening a journey of several touches.
    pub opening: f64,
    /// Multiplier of a touch closing one.
    pub closing: f64,
}

/// Running sums of the truth over the journeys.
pub(super) struct Sums {
    tiers: [f64; 4],
    tier_touches: [usize; 4],
    creators: Vec<f64>,
    creator_touches: Vec<usize>,
    conversions: f64,
    organic: f64,
    /// The oracle's credit: per tier, per creator, organic.
    oracle: ([f64; 4], Vec<f64>, f64),
}

impl Sums {
    /// Nothing summed yet, for `creators` creators.
    pub(super) fn new(creators: usize) -> Self {
        Self {
            tiers: [0.0; 4],
            tier_touches: [0; 4],
            creators: vec![0.0; creators],
            creator_touches: vec![0; creators],
            conversions: 0.0,
            organic: 0.0,
            oracle: ([0.0; 4], vec![0.0; creators], 0.0),
        }
    }

    /// Adds one journey's counterfactuals: without each tier, without each creator, without any touch.
    pub(super) fn add(&mut self, journey: &Journey<'_>) {
        let all = journey.probability(|_| true);
        for (tier, total) in self.tiers.iter_mut().enumerate() {
            *total += all - journey.probability(|t| t.tier != tier);
        }
        for (i, touch) in journey.touches.iter().enumerate() {
            self.tier_touches[touch.tier] += 1;
            self.creator_touches[touch.creator] += 1;
            if journey.touches[..i].iter().all(|t| t.creator != touch.creator) {
                self.creators[touch.creator] += all - journey.probability(|t| t.creator != touch.creator);
            }
        }
        self.conversions += all;
        self.organic += journey.probability(|_| false);
    }

    /// Adds the oracle's split of an order the journey placed on `day`.
    pub(super) fn add_order(
        &mut self,
        journey: &Journey<'_>,
        day: f64,
        creators: &[SampleCreator],
        shares: &mut Vec<(usize, f64)>,
    ) {
        self.oracle.2 += journey.split(day, shares);
        for &(creator, share) in shares.iter() {
            self.oracle.0[creators[creator].tier] += share;
            self.oracle.1[creator] += share;
        }
    }
}

/// The process's own facts, for checking what a model learned.
pub(super) fn process_truth(options: &SampleOptions, sums: &Sums) -> ProcessTruth {
    ProcessTruth {
        process: options.process,
        conversions: sums.conversions,
        organic_conversions: sums.organic,
        half_life_days: options.half_life_days,
        touch_types: TouchType::ALL
            .iter()
            .map(|&kind| TouchTypeTruth {
                touch_type: kind.name().to_owned(),
                strength: type_strength(kind, options) / type_strength(TouchType::View, options),
            })
            .collect(),
        roles: TIERS
            .iter()
            .map(|t| RoleTruth {
                tier: t.name.to_owned(),
                opening: if options.roles { t.opening } else { 1.0 },
                closing: if options.roles { t.closing } else { 1.0 },
            })
            .collect(),
        oracle: OracleCredit { organic: sums.oracle.2, tiers: sums.oracle.0.to_vec(), creators: sums.oracle.1.clone() },
    }
}

/// Every tier's truth, each with its creators'.
pub(super) fn truth_of(creators: &[SampleCreator], sums: &Sums) -> Vec<TierTruth> {
    (0..4)
        .map(|tier| TierTruth {
            tier: TIERS[tier].name.to_owned(),
            incremental_conversions: sums.tiers[tier],
            touches: sums.tier_touches[tier],
            creators: (0..creators.len())
                .filter(|&c| creators[c].tier == tier)
                .map(|c| CreatorTruth {
                    creator: creators[c].id.clone(),
                    incremental_conversions: sums.creators[c],
                    touches: sums.creator_touches[c],
                    lift: creators[c].lift,
                })
                .collect(),
        })
        .collect()
}
