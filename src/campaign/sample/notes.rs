//! The sample's notes: each creator publishes one to three, the first before the campaign starts;
//! a touch is on the creator's latest note published by then. Drawn from their own stream of the
//! seed, so the journeys, orders and truth are the same with notes or without.

use std::fmt::Write as _;

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

use super::SPAN_DAYS;
use super::roster::SampleCreator;

/// One creator's notes: publish day (since the campaign's start), id, boost spend.
pub(super) struct Published {
    pub day: f64,
    pub id: String,
    pub boost: Option<u32>,
    pub video: bool,
}

/// Every creator's notes, in publish order.
pub(super) fn publish(creators: &[SampleCreator], seed: u64) -> Vec<Vec<Published>> {
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x000b_07e5_u64);
    creators
        .iter()
        .map(|creator| {
            let count = 1 + rng.random_range(0..3_usize);
            let mut day = -rng.random_range(3.0..40.0);
            (0..count)
                .map(|j| {
                    if j > 0 {
                        day += rng.random_range(10.0..SPAN_DAYS / count as f64);
                    }
                    // A quarter of notes boosted with paid heat (加热/薯条), in hundreds of yuan.
                    let boost = rng.random_bool(0.25).then(|| 100 * rng.random_range(2..30_u32));
                    Published { day, id: format!("{}_n{}", creator.id, j + 1), boost, video: rng.random_bool(0.4) }
                })
                .collect()
        })
        .collect()
}

/// The note a touch of a creator at `day` is on: the latest published by then (the first when
/// none was yet).
pub(super) fn note_at(notes: &[Published], day: f64) -> &str {
    notes.iter().rev().find(|n| n.day <= day).or(notes.first()).map_or("", |n| n.id.as_str())
}

/// The notes file: `note_id,kol_id,published_at,format,boost_spend`.
pub(super) fn notes_csv(creators: &[SampleCreator], notes: &[Vec<Published>], date: impl Fn(f64) -> String) -> String {
    let mut csv = String::from("note_id,kol_id,published_at,format,boost_spend\n");
    for (creator, published) in creators.iter().zip(notes) {
        for note in published {
            let format = if note.video { "video" } else { "image" };
            let boost = note.boost.map(|b| format!("{b}.00")).unwrap_or_default();
            let _ = writeln!(csv, "{},{},{},{format},{boost}", note.id, creator.id, date(note.day));
        }
    }
    csv
}
