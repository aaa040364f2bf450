//! Note age: how old a note is when the orders it touched happen. Xiaohongshu notes keep selling
//! long after they are published (found in search months later); a 30-day cut-off drops that
//! credit. For every order with touches (the journeys of the longest window, as the time lag
//! reads them), each touch on a note with a publish date takes an equal part of the order (the
//! linear model's credit, so every touch counts, not only the last), at the note's age then.
//! Reported: credited conversions by note age, overall and per tier, and per note the share of
//! its credit that arrived more than 30, 60 and 90 days after it was published.

use serde::{Deserialize, Serialize};

use crate::attribution::journey::walk;
use crate::campaign::{Campaign, NO_NOTE};
use crate::catalogue::MAX_WINDOW_DAYS;
use crate::read::time::DAY;

/// Note ages in days: from, to (inclusive; `None` open-ended).
const AGE_BUCKETS: [(u32, Option<u32>); 8] = [
    (0, Some(7)),
    (8, Some(14)),
    (15, Some(30)),
    (31, Some(60)),
    (61, Some(90)),
    (91, Some(120)),
    (121, Some(180)),
    (181, None),
];

/// The ages after which a note's credit is counted as late.
const LATE_AFTER: [u32; 3] = [30, 60, 90];

/// Credit at one range of note ages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AgeBucket {
    /// First day since publishing.
    pub from: u32,
    /// Last day, `null` for the open-ended last bucket.
    pub to: Option<u32>,
    /// Conversions credited to touches on notes of this age.
    pub conversions: f64,
    /// Their share of all credit to dated notes.
    pub share: f64,
}

/// A tier's credit by note age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TierNoteAge {
    /// The tier.
    pub tier: String,
    /// Its notes' credit by age.
    pub buckets: Vec<AgeBucket>,
    /// Shares of that credit more than 30, 60 and 90 days after publishing.
    pub after: [f64; 3],
}

/// One note's credit and how late it came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoteLateness {
    /// `note_id`.
    pub note_id: String,
    /// Its creator's `kol_id`.
    pub kol_id: String,
    /// Conversions credited to its touches.
    pub conversions: f64,
    /// Shares of that credit more than 30, 60 and 90 days after publishing.
    pub after: [f64; 3],
}

/// Credit by note age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoteAge {
    /// Conversions credited to touches on dated notes.
    pub conversions: f64,
    /// By age.
    pub buckets: Vec<AgeBucket>,
    /// Shares of all that credit more than 30, 60 and 90 days after publishing.
    pub after: [f64; 3],
    /// The days `after` counts from: 30, 60, 90.
    pub after_days: [u32; 3],
    /// Per tier, in report order (tiers with no dated note left out).
    pub tiers: Vec<TierNoteAge>,
    /// Every dated note with credit, most credited first.
    pub notes: Vec<NoteLateness>,
}

/// Credit by note age, or `None` when no touched note has a publish date.
pub(crate) fn note_age(campaign: &Campaign) -> Option<NoteAge> {
    let (touches, notes) = (&campaign.touches, campaign.notes.all());
    if notes.iter().all(|n| n.published_at.is_none()) {
        return None;
    }
    let (tier_names, tier_of) = campaign.tier_channels();
    let bucket_of = |age: u32| AGE_BUCKETS.iter().position(|&(_, to)| to.is_none_or(|to| age <= to)).unwrap_or(0);
    let mut overall = [0.0; AGE_BUCKETS.len()];
    let mut per_tier = vec![[0.0; AGE_BUCKETS.len()]; tier_names.len()];
    let mut tier_late = vec![[0.0; 3]; tier_names.len()];
    let mut per_note = vec![(0.0, [0.0; 3]); notes.len()];
    walk(
        campaign,
        MAX_WINDOW_DAYS,
        |order| {
            let range = order.lookback;
            if range.is_empty() {
                return;
            }
            let part = 1.0 / range.len() as f64;
            let at = campaign.orders.at[order.order];
            for t in range {
                let note = touches.note[t];
                let Some(published) = (note != NO_NOTE).then(|| notes[note as usize].published_at).flatten() else {
                    continue;
                };
                // Whole days since publishing; a touch logged before the note's date counts as day 0.
                let age = u32::try_from((at - published).max(0) / DAY).unwrap_or(u32::MAX);
                let bucket = bucket_of(age);
                overall[bucket] += part;
                let tier = tier_of[touches.creator[t] as usize];
                per_tier[tier][bucket] += part;
                let entry = &mut per_note[note as usize];
                entry.0 += part;
                for (k, &days) in LATE_AFTER.iter().enumerate() {
                    if age > days {
                        entry.1[k] += part;
                        tier_late[tier][k] += part;
                    }
                }
            }
        },
        |_| {},
    );
    let total: f64 = overall.iter().sum();
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let buckets = |counts: &[f64; AGE_BUCKETS.len()]| -> Vec<AgeBucket> {
        let whole: f64 = counts.iter().sum();
        AGE_BUCKETS
            .iter()
            .zip(counts)
            .map(|(&(from, to), &conversions)| AgeBucket { from, to, conversions, share: share(conversions, whole) })
            .collect()
    };
    let late_total: Vec<f64> = (0..3).map(|k| per_note.iter().map(|n| n.1[k]).sum::<f64>()).collect();
    let mut lateness: Vec<NoteLateness> = per_note
        .iter()
        .enumerate()
        .filter(|(_, (conversions, _))| *conversions > 0.0)
        .map(|(n, &(conversions, late))| NoteLateness {
            note_id: notes[n].id.clone(),
            kol_id: campaign.roster.get(notes[n].creator).id.clone(),
            conversions,
            after: late.map(|l| share(l, conversions)),
        })
        .collect();
    lateness.sort_by(|a, b| b.conversions.total_cmp(&a.conversions).then_with(|| a.note_id.cmp(&b.note_id)));
    Some(NoteAge {
        conversions: total,
        buckets: buckets(&overall),
        after: [0, 1, 2].map(|k| share(late_total[k], total)),
        after_days: LATE_AFTER,
        tiers: tier_names
            .iter()
            .zip(per_tier.iter().zip(&tier_late))
            .filter(|(_, (counts, _))| counts.iter().sum::<f64>() > 0.0)
            .map(|(tier, (counts, late))| {
                let whole: f64 = counts.iter().sum();
                TierNoteAge { tier: tier.clone(), buckets: buckets(counts), after: late.map(|l| share(l, whole)) }
            })
            .collect(),
        notes: lateness,
    })
}

#[cfg(test)]
mod tests {
    use crate::campaign::{CampaignInputs, CampaignOptions, read_campaign};

    #[test]
    fn credit_by_the_age_of_the_note_by_hand() {
        // n1 published 04-01, n2 (B's) 03-01. o1 (05-15) has touches on n1 then n2: half each,
        // n1 at 44 days, n2 at 75. o2 (04-05) has one touch on n1: all of it, at 4 days.
        let inputs = CampaignInputs {
            creators: "kol_id,tier\nA,mega\nB,KOC\n".into(),
            touchpoints:
                "journey_id,kol_id,timestamp,note_id\nu1,A,2025-05-01,n1\nu1,B,2025-05-10,n2\nu2,A,2025-04-03,n1\n"
                    .into(),
            orders: "order_id,journey_id,timestamp,value\no1,u1,2025-05-15,100\no2,u2,2025-04-05,50\n".into(),
            notes: "note_id,kol_id,published_at\nn1,A,2025-04-01\nn2,B,2025-03-01\n".into(),
            ..CampaignInputs::default()
        };
        let campaign = read_campaign(&inputs, &CampaignOptions::default()).unwrap();
        let age = super::note_age(&campaign).unwrap();
        assert_eq!(age.conversions, 2.0);
        let at = |from: u32| age.buckets.iter().find(|b| b.from == from).unwrap().conversions;
        assert_eq!((at(0), at(31), at(61)), (1.0, 0.5, 0.5), "4 days; 44 days; 75 days");
        assert_eq!(age.after, [0.5, 0.25, 0.0], "after 30 days: 1 of 2; after 60: 0.5 of 2; none after 90");
        assert_eq!(age.notes[0].note_id, "n1");
        assert_eq!((age.notes[0].conversions, age.notes[0].after), (1.5, [1.0 / 3.0, 0.0, 0.0]));
        assert_eq!(age.notes[1].after, [1.0, 1.0, 0.0]);
        let tiers: Vec<&str> = age.tiers.iter().map(|t| t.tier.as_str()).collect();
        assert_eq!(tiers, ["mega", "KOC"]);
        // mega: n1's 1.5, 0.5 of it at 44 days; KOC: n2's 0.5, all at 75 days.
        assert_eq!((age.tiers[0].after, age.tiers[1].after), ([1.0 / 3.0, 0.0, 0.0], [1.0, 1.0, 0.0]));
        // The same in the lag's CSV: credit by age, all notes then each tier; late shares, all then each note.
        let lag = crate::report::lag::time_lag(&inputs, &crate::report::lag::LagOptions::default()).unwrap();
        let csv = crate::report::lag::time_lag_csv(&lag);
        let lines: Vec<&str> = csv.lines().collect();
        for row in [
            "note_age,,0,7,1,0.5,0.5,",
            "note_age,,61,90,0.5,0.25,1,",
            "note_age,KOC,61,90,0.5,1,1,",
            "note_after,,30,,2,0.5,,",
            "note_after,,90,,2,0,,",
            "note_after,n2,60,,0.5,1,,",
        ] {
            assert!(lines.contains(&row), "{row} in\n{csv}");
        }
        assert_eq!(lines.iter().filter(|l| l.starts_with("note_age,")).count(), 3 * 8, "all, mega, KOC");
        let without = CampaignInputs { notes: String::new(), ..inputs };
        assert!(super::note_age(&read_campaign(&without, &CampaignOptions::default()).unwrap()).is_none());
    }
}
