//! Any JSON as the report's options (as the page and the CLI pass them), on the warehouse
//! fixtures: whatever deserializes must either be refused with a message or produce a report.
#![no_main]

use kol_attribution::CampaignInputs;
use kol_attribution::{ReportOptions, campaign_report};
use libfuzzer_sys::fuzz_target;

const CREATORS: &str = include_str!("../../fixtures/warehouse/creators.csv");
const TOUCHPOINTS: &str = include_str!("../../fixtures/warehouse/touchpoints.csv");
const ORDERS: &str = include_str!("../../fixtures/warehouse/orders.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(mut options) = serde_json::from_slice::<ReportOptions>(data) else { return };
    // Allowed but slow settings (thousands of resamples or windows) are the user's choice, not a
    // fault; capping them keeps each execution under the fuzzer's timeout.
    options.intervals.resamples = options.intervals.resamples.min(4);
    options.windows.truncate(4);
    let inputs = CampaignInputs {
        creators: CREATORS.to_owned(),
        touchpoints: TOUCHPOINTS.to_owned(),
        orders: ORDERS.to_owned(),
    };
    if let Err(error) = campaign_report(&inputs, &options) {
        assert!(!error.to_string().is_empty());
    }
});
