//! Results as CSV that is safe to open in a spreadsheet.

use std::borrow::Cow;

use crate::compare::Comparison;

/// Makes a cell inert in spreadsheets: text starting with `=`, `+`, `-`, `@`, tab or carriage
/// return would be read as a formula (CSV injection), so it gets a leading apostrophe.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The comparison's credits, one row per model and channel.
pub fn credits_csv(comparison: &Comparison) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut write = |row: [&str; 6]| {
        // Writing to a Vec cannot fail.
        let _ = out.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    };
    write(["model", "channel", "conversions", "conversion_share", "value", "value_share"]);
    for credit in &comparison.credits {
        write([
            credit.model.name(),
            &credit.channel,
            &credit.conversions.to_string(),
            &credit.conversion_share.to_string(),
            &credit.value.to_string(),
            &credit.value_share.to_string(),
        ]);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
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
        assert_eq!(lines[0], "model,channel,conversions,conversion_share,value,value_share");
        assert_eq!(lines[1], "first_touch,'=HYPERLINK(1),2,1,10.00,1");
        assert_eq!(lines.len(), 1 + 3 * 2);
    }
}
