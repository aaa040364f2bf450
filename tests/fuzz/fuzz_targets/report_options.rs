//! Any bytes as the report's options (as the page and the CLI pass them), on the warehouse
//! fixtures: refused naming an option and saying why, or read and then refused or reported.
#![no_main]

use kol_attribution::CampaignInputs;
use kol_attribution::catalogue::Group;
use kol_attribution::{Error, ReportOptions, campaign_report, read_options};
use libfuzzer_sys::fuzz_target;

const CREATORS: &str = include_str!("../../fixtures/warehouse/creators.csv");
const TOUCHPOINTS: &str = include_str!("../../fixtures/warehouse/touchpoints.csv");
const ORDERS: &str = include_str!("../../fixtures/warehouse/orders.csv");

fuzz_target!(|data: &[u8]| {
    // Read as the page and the CLI have it read: a refusal names an option and says why, in words.
    let text = String::from_utf8_lossy(data);
    let mut options = match read_options::<ReportOptions>(&text, "options", Some(Group::Report)) {
        Ok(options) => options,
        Err(Error::InvalidOption { option, reason, .. }) => {
            // The JSON reader's own words never reach the user, unless the user typed them.
            let reader = ["(object)", " at line ", "invalid type", "`"];
            let leaked = reader.iter().find(|words| reason.contains(**words) && !text.contains(**words));
            assert!(!option.is_empty() && !reason.is_empty() && leaked.is_none(), "{option}: {reason}");
            return;
        }
        Err(other) => panic!("options are refused as options, not input: {other}"),
    };
    // Allowed but slow settings (thousands of resamples or windows) are the user's choice, not a
    // fault; capping them keeps each execution under the fuzzer's timeout.
    options.intervals.resamples = options.intervals.resamples.min(4);
    options.windows.truncate(4);
    let inputs = CampaignInputs {
        creators: CREATORS.to_owned(),
        touchpoints: TOUCHPOINTS.to_owned(),
        orders: ORDERS.to_owned(),
        ..CampaignInputs::default()
    };
    if let Err(error) = campaign_report(&inputs, &options) {
        assert!(!error.to_string().is_empty());
    }
});
