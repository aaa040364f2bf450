//! Results as CSV that is safe to open in a spreadsheet.

use std::borrow::Cow;

use crate::compare::{ChannelCredit, Comparison};
use crate::report::CampaignReport;

/// Makes a cell inert in spreadsheets: text starting with `=`, `+`, `-`, `@`, tab or carriage
/// return would be read as a formula (CSV injection), so it gets a leading apostrophe.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

const CREDIT_COLUMNS: [&str; 7] =
    ["model", "channel", "conversions", "conversion_share", "value", "value_share", "net_value"];

fn credit_cells(credit: &ChannelCredit) -> [String; 7] {
    [
        credit.model.name().to_owned(),
        credit.channel.clone(),
        credit.conversions.to_string(),
        credit.conversion_share.to_string(),
        credit.value.to_string(),
        credit.value_share.to_string(),
        credit.net_value.to_string(),
    ]
}

fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The comparison's credits, one row per model and channel.
pub fn credits_csv(comparison: &Comparison) -> String {
    write_csv(&CREDIT_COLUMNS, comparison.credits.iter().map(|c| credit_cells(c).to_vec()))
}

/// A campaign report's credits, one row per window, level, model and channel.
pub fn report_csv(report: &CampaignReport) -> String {
    let header: Vec<&str> = ["window_days", "level"].into_iter().chain(CREDIT_COLUMNS).collect();
    let rows = report.windows.iter().flat_map(|window| {
        [("creator", &window.creators), ("tier", &window.tiers)].into_iter().flat_map(move |(level, comparison)| {
            comparison.credits.iter().map(move |credit| {
                let mut row = vec![window.days.to_string(), level.to_owned()];
                row.extend(credit_cells(credit));
                row
            })
        })
    });
    write_csv(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{CompareOptions, compare_paths};

    #[test]
    fn formulas_are_escaped() {
        assert_eq!(spreadsheet_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("小美"), "小美");
    }

    #[test]
    fn one_row_per_model_and_channel() {
        let text = "path,total_conversions,total_conversion_value\n\"=HYPERLINK(1) > B\",2,10\n";
        let csv = credits_csv(&compare_paths(text, &CompareOptions::default()).unwrap());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "model,channel,conversions,conversion_share,value,value_share,net_value");
        assert_eq!(lines[1], "first_touch,'=HYPERLINK(1),2,1,10.00,1,10.00");
        assert_eq!(lines.len(), 1 + 3 * 2);
    }
}
