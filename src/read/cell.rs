//! Cells in spreadsheets: text that a spreadsheet would run as a formula, made inert for every
//! CSV the engine writes, and the mark read back where a file the engine wrote is read again.

use std::borrow::Cow;

/// The characters that start a formula in Excel, `LibreOffice` and Google Sheets.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a cell inert in spreadsheets: text starting with `=`, `+`, `-`, `@`, tab or carriage
/// return would be read as a formula (CSV injection), so it gets a leading apostrophe. A plain
/// number such as `-10.00` is left alone, so that numeric columns stay numeric. Text that already
/// looks marked (`'=x`) is marked again, so that [`unmarked`] gives back exactly the text.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if is_formula(cell.trim_start_matches('\'')) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

fn is_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell)
}

/// A cell [`spreadsheet_safe`] marked, as it was: the apostrophe is dropped when a formula
/// character follows it (and only then, so a name that starts with one keeps it).
pub(crate) fn unmarked(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// `-12`, `-12.5`: an optional minus, digits, an optional fraction, nothing else.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(integer) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_escaped() {
        assert_eq!(spreadsheet_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("小美"), "小美");
        assert_eq!(spreadsheet_safe("-10.00"), "-10.00");
        assert_eq!(spreadsheet_safe("-2"), "-2");
        assert_eq!(spreadsheet_safe("-1+1"), "'-1+1");
        assert_eq!(spreadsheet_safe("-"), "'-");
        assert_eq!(spreadsheet_safe("+86 138 0000 0000"), "'+86 138 0000 0000");
    }

    #[test]
    fn the_mark_is_read_back_only_before_a_formula() {
        for cell in ["=cmd|' /C calc'!A0", "@SUM(A1)", "-1+1", "-", "小美", "-10.00", "'quoted", "'-5", "'=x", "''=x"]
        {
            assert_eq!(unmarked(&spreadsheet_safe(cell)), cell, "{cell}");
        }
        assert_eq!(unmarked("'it's"), "'it's");
    }
}
