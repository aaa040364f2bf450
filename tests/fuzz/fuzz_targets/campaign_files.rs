//! Any bytes as one of the three campaign files (the first byte picks which; the other two are
//! the warehouse fixtures), through encoding detection, reading, the full comparison and money.
#![no_main]

use kol_attribution::CampaignInputs;
use kol_attribution::decode;
use kol_attribution::money::{MoneyOptions, money_report};
use kol_attribution::{Intervals, ReportOptions, campaign_report};
use libfuzzer_sys::fuzz_target;

const CREATORS: &str = include_str!("../../fixtures/warehouse/creators.csv");
const TOUCHPOINTS: &str = include_str!("../../fixtures/warehouse/touchpoints.csv");
const ORDERS: &str = include_str!("../../fixtures/warehouse/orders.csv");

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let mut inputs = CampaignInputs {
        creators: CREATORS.to_owned(),
        touchpoints: TOUCHPOINTS.to_owned(),
        orders: ORDERS.to_owned(),
        ..CampaignInputs::default()
    };
    let (name, slot) = match which % 3 {
        0 => ("creators.csv", &mut inputs.creators),
        1 => ("touchpoints.csv", &mut inputs.touchpoints),
        _ => ("orders.csv", &mut inputs.orders),
    };
    match decode(bytes, name) {
        Ok((text, _)) => *slot = text,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    }
    // Two windows keep each execution short; every model runs, Markov and Shapley included.
    let options =
        ReportOptions { windows: vec![7, 30], intervals: Intervals { resamples: 2 }, ..ReportOptions::default() };
    if let Err(error) = campaign_report(&inputs, &options) {
        assert!(!error.to_string().is_empty());
    }
    if let Err(error) = money_report(&inputs, &MoneyOptions::default()) {
        assert!(!error.to_string().is_empty());
    }
});
