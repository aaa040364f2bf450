//! Any bytes as one of the campaign files (the first byte picks which: creators, touchpoints,
//! orders, notes, spend; the others are fixtures: the warehouse's with notes, ads and search, and a
//! spend file), through encoding detection, reading, the full comparison at every level, the
//! note-level paths export and money.
#![no_main]

use kol_attribution::CampaignInputs;
use kol_attribution::decode;
use kol_attribution::money::{MoneyOptions, money_report};
use kol_attribution::{Intervals, Level, Levels, PathsExport, ReportOptions, campaign_paths_csv, campaign_report};
use libfuzzer_sys::fuzz_target;

const CREATORS: &str = include_str!("../../fixtures/warehouse-notes/creators.csv");
const TOUCHPOINTS: &str = include_str!("../../fixtures/warehouse-notes/touchpoints.csv");
const ORDERS: &str = include_str!("../../fixtures/warehouse-notes/orders.csv");
const NOTES: &str = include_str!("../../fixtures/warehouse-notes/notes.csv");
const SPEND: &str = include_str!("../../fixtures/campaign/spend_basic.csv");

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let mut inputs = CampaignInputs {
        creators: CREATORS.to_owned(),
        touchpoints: TOUCHPOINTS.to_owned(),
        orders: ORDERS.to_owned(),
        notes: NOTES.to_owned(),
        spend: SPEND.to_owned(),
        ..CampaignInputs::default()
    };
    let (name, slot) = match which % 5 {
        0 => ("creators.csv", &mut inputs.creators),
        1 => ("touchpoints.csv", &mut inputs.touchpoints),
        2 => ("orders.csv", &mut inputs.orders),
        3 => ("notes.csv", &mut inputs.notes),
        _ => ("spend.csv", &mut inputs.spend),
    };
    match decode(bytes, name) {
        Ok((text, _)) => *slot = text,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    }
    // Two windows keep each execution short; every model runs, Markov and Shapley included.
    let options = ReportOptions {
        windows: vec![7, 30],
        intervals: Intervals { resamples: 2 },
        level: Levels::All,
        ..ReportOptions::default()
    };
    if let Err(error) = campaign_report(&inputs, &options) {
        assert!(!error.to_string().is_empty());
    }
    let notes = PathsExport { level: Level::Note, ..PathsExport::default() };
    if let Err(error) = campaign_paths_csv(&inputs, &notes) {
        assert!(!error.to_string().is_empty());
    }
    if let Err(error) = money_report(&inputs, &MoneyOptions::default()) {
        assert!(!error.to_string().is_empty());
    }
});
