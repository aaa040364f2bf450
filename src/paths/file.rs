//! Reading and writing paths files: one or several lookback windows, every bad row reported with
//! its line, column and value; written back byte-compatible with ChannelAttribution's input.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::channel::{ChannelId, Channels};
use super::events::{self, EventColumns};
use super::table::PathTable;
use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::number::{self, NumberError};
use crate::read::table::{self, Header, Table};
use crate::read::{cell, json_rows};

/// The name this input has in problems and messages.
pub const FILE: &str = "paths";

/// Header names of the paths file; matched ignoring case and spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PathColumns {
    /// Column holding the path (default `path`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub path: String,
    /// Column holding conversions (default `total_conversions`); required.
    #[cfg_attr(test, ts(optional = nullable))]
    pub conversions: String,
    /// Column holding conversion value (default `total_conversion_value`); optional in the file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub value: String,
    /// Column holding non-converting journeys (default `total_null`); optional in the file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub nulls: String,
    /// Column holding value after refunds (default `total_net_value`); optional in the file, and
    /// equal to the value when absent.
    #[cfg_attr(test, ts(optional = nullable))]
    pub net_value: String,
    /// Column holding each row's lookback window in days (default `window_days`), for a file that
    /// holds several windows (as the warehouse SQL writes it); optional in the file.
    #[cfg_attr(test, ts(optional = nullable))]
    pub window: String,
}

impl Default for PathColumns {
    fn default() -> Self {
        Self {
            path: "path".into(),
            conversions: "total_conversions".into(),
            value: "total_conversion_value".into(),
            nulls: "total_null".into(),
            net_value: "total_net_value".into(),
            window: "window_days".into(),
        }
    }
}

/// How to read a paths file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct PathsOptions {
    /// Text between channels in a path (default `" > "`); spaces around channels are trimmed.
    #[cfg_attr(test, ts(optional = nullable))]
    pub separator: String,
    /// Cell delimiter; detected from the header row (comma, tab or semicolon) when absent.
    #[cfg_attr(test, ts(optional))]
    pub delimiter: Option<char>,
    /// Header names.
    #[cfg_attr(test, ts(optional = nullable))]
    pub columns: PathColumns,
}

impl Default for PathsOptions {
    fn default() -> Self {
        Self { separator: " > ".into(), delimiter: None, columns: PathColumns::default() }
    }
}

impl PathsOptions {
    fn validate(&self) -> Result<(), Error> {
        if self.separator.trim().is_empty() {
            return Err(Error::invalid_option("paths.separator", &self.separator, "must contain a visible character"));
        }
        if let Some(d) = self.delimiter
            && (d == '"' || d == '\n' || d == '\r' || !d.is_ascii())
        {
            return Err(Error::invalid_option(
                "paths.delimiter",
                d,
                "must be one ASCII character other than a quote or line break",
            ));
        }
        let c = &self.columns;
        for (option, name) in [
            ("path", &c.path),
            ("conversions", &c.conversions),
            ("value", &c.value),
            ("nulls", &c.nulls),
            ("netValue", &c.net_value),
            ("window", &c.window),
        ] {
            if table::normalize(name).is_empty() {
                return Err(Error::invalid_option(&format!("paths.columns.{option}"), name, "must name a column"));
            }
        }
        Ok(())
    }
}

/// One lookback window's paths, from a file that may hold several.
#[derive(Debug, Clone)]
pub struct PathWindow {
    /// The window in days; `None` for a file without a window column.
    pub days: Option<u32>,
    /// Its paths, over the channels of the whole file.
    pub paths: PathTable,
}

/// Reads a paths file, reporting every bad row at once. A file with a window column (several
/// lookback windows) is refused unless it holds only one: read it with [`read_path_windows`].
///
/// # Errors
/// [`Error::InvalidOption`] for unusable options or several windows; [`Error::Input`] listing
/// every problem found, each with its line, column and value.
pub fn read_paths(text: &str, options: &PathsOptions) -> Result<PathTable, Error> {
    let mut windows = read_path_windows(text, options)?;
    if windows.len() > 1 {
        let days: Vec<String> = windows.iter().filter_map(|w| w.days.map(|d| d.to_string())).collect();
        return Err(Error::invalid_option(
            "paths",
            &options.columns.window,
            format!(
                "the file holds {} lookback windows ({} days): compare them all (comparePathWindows, or the CLI's compare --paths), or keep one window's rows",
                windows.len(),
                days.join(", ")
            ),
        ));
    }
    Ok(windows.pop().map_or_else(|| PathTable::new(Channels::default()), |w| w.paths))
}

/// Reads a paths file that may hold several lookback windows (a `window_days` column, as the
/// warehouse SQL writes it): one table per window, shortest first, all over the same channels.
///
/// # Errors
/// As [`read_paths`], plus a window cell that is not a whole number of days in range.
pub fn read_path_windows(text: &str, options: &PathsOptions) -> Result<Vec<PathWindow>, Error> {
    options.validate()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let converted;
    let text = if json_rows::is_json(text) {
        converted = json_rows::json_to_csv(text, FILE)?;
        converted.as_str()
    } else {
        text
    };
    let Some(mut reader) = Table::new(text, options.delimiter) else {
        return Err(Error::Input(vec![Problem::at_line(FILE, 1, ProblemCode::EmptyInput, "the file is empty")]));
    };
    let c = &options.columns;
    let header = Header::read(&mut reader, FILE)?;
    let mut problems = Problems::default();
    let path_col = header.require(&c.path, &mut problems);
    let conversions_col = header.require(&c.conversions, &mut problems);
    let value_col = header.find(&c.value);
    let window_col = header.find(&c.window);
    let mut header_problems = Problems::default();
    let event_cols = EventColumns::find(&header, &mut header_problems);
    header_problems.into_result(FILE)?;
    let net_col = header.find(&c.net_value);
    let nulls_col = header.find(&c.nulls);
    problems.into_result(FILE)?;
    let (Some(path_col), Some(conversions_col)) = (path_col, conversions_col) else {
        unreachable!("missing required columns were reported above")
    };

    let mut channels = Channels::default();
    let mut tables: BTreeMap<Option<u32>, PathTable> = BTreeMap::new();
    let mut problems = Problems::default();
    let mut path = Vec::new();
    reader.for_each_row(&header, &mut problems, |row, problems| {
        let before = problems.error_count();
        path.clear();
        if let Some(cell) = row.cell(path_col, problems) {
            // A path the engine wrote with a formula's first character is marked (`'=x > y`).
            let cell = cell::unmarked(cell.trim_start());
            split_path(cell, &options.separator, &mut channels, &mut path, row, path_col, problems);
        }
        let days = window_col.map(|col| read_window(row, col, problems));
        // A blank cell in an optional column means the same as the column being absent.
        let mut read = |col: Option<usize>, parse: fn(&str) -> Result<Decimal, NumberError>| match col {
            Some(col) if col == conversions_col || row.optional(Some(col)).is_some() => {
                row.cell(col, problems).and_then(|cell| row.number(col, cell, parse, problems))
            }
            _ => None,
        };
        let conversions = read(Some(conversions_col), number::parse_count).and_then(|d| d.to_f64());
        let value = read(value_col, number::parse_amount).or(Some(Decimal::ZERO));
        let net_value = read(net_col, number::parse_amount).or(value);
        let nulls = read(nulls_col, number::parse_count).and_then(|d| d.to_f64()).or(Some(0.0));
        if problems.error_count() != before {
            return;
        }
        let (Some(conversions), Some(value), Some(net_value), Some(nulls)) = (conversions, value, net_value, nulls)
        else {
            return;
        };
        let events =
            event_cols.and_then(|cols| cols.read(row, path.len(), conversions > 0.0, &options.separator, problems));
        if problems.error_count() != before {
            return;
        }
        let Some(days) = days.map_or(Some(None), |d| d.map(Some)) else { return };
        let table = tables.entry(days).or_insert_with(|| PathTable::new(Channels::default()));
        if net_value > value {
            let col = net_col.unwrap_or(conversions_col);
            problems.push(row.problem(
                col,
                row.raw(col),
                ProblemCode::RefundExceedsValue,
                "the net value is above the value",
            ));
            return;
        }
        if table.total_value().checked_add(value).is_none_or(|total| total > number::max_total()) {
            let col = value_col.unwrap_or(conversions_col);
            problems.push(row.problem(col, row.raw(col), ProblemCode::TooLarge, "the file's total value passes 10^18"));
            return;
        }
        let events = events.as_ref().map(|(kinds, ages)| (kinds.as_slice(), ages.as_slice()));
        table.push_row_with_events(&path, events, conversions, value, net_value, nulls);
    });
    problems.into_result(FILE)?;
    if tables.is_empty() {
        tables.insert(None, PathTable::new(Channels::default()));
    }
    Ok(tables
        .into_iter()
        .map(|(days, mut paths)| {
            paths.set_channels(channels.clone());
            PathWindow { days, paths }
        })
        .collect())
}

/// The text between channels in the paths files the engine writes.
pub const WRITTEN_SEPARATOR: &str = " > ";

/// The first channel a paths file cannot hold as it is: a name containing the separator would be
/// read back as two channels, and one with spaces at either end (or none at all) as another name.
pub fn unwritable_channel(table: &PathTable) -> Option<&str> {
    let unwritable =
        |name: &&String| name.contains(WRITTEN_SEPARATOR) || name.trim() != name.as_str() || name.is_empty();
    table.channels().names().iter().find(unwritable).map(String::as_str)
}

/// Writes `table` as an aggregated paths file, byte-compatible with ChannelAttribution's input:
/// `path,total_conversions,total_conversion_value,total_null`, channels joined by `" > "`, rows
/// sorted by path, values at the table's scale. `net` chooses value after refunds. A table that
/// carries touch types and ages adds `touch_types` and `touch_ages_seconds` (empty for rows
/// without them), rows then sorted by path, types and ages. A path starting with a formula's
/// character (a creator id `=…`) gets the spreadsheet's text mark, which reading drops again;
/// check [`unwritable_channel`] first, since a name holding the separator cannot be written.
pub fn paths_csv(table: &PathTable, net: bool) -> String {
    let joined = |row: usize| -> (String, String) {
        table.events(row).map_or_else(Default::default, |(kinds, ages)| {
            let kinds: Vec<&str> = kinds.iter().map(|&k| k.name()).collect();
            let ages: Vec<String> = ages.iter().map(ToString::to_string).collect();
            (kinds.join(" > "), ages.join(" > "))
        })
    };
    let mut rows: Vec<(String, String, String, usize)> = (0..table.rows())
        .map(|row| {
            let names: Vec<&str> = table.path(row).iter().map(|&id| table.channels().name(id)).collect();
            let (kinds, ages) = joined(row);
            (names.join(WRITTEN_SEPARATOR), kinds, ages, row)
        })
        .collect();
    rows.sort();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["path", "total_conversions", "total_conversion_value", "total_null"];
    if table.has_events() {
        header.extend(events::WRITTEN_COLUMNS);
    }
    let _ = out.write_record(&header);
    for (path, kinds, ages, row) in rows {
        let mut value = if net { table.net_value(row) } else { table.value(row) };
        value.rescale(table.value_scale());
        let path = cell::spreadsheet_safe(&path).into_owned();
        let mut record =
            vec![path, table.conversions(row).to_string(), value.to_string(), table.nulls(row).to_string()];
        if table.has_events() {
            record.extend([kinds, ages]);
        }
        let _ = out.write_record(&record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A row's lookback window in days, 1 to [`crate::catalogue::MAX_WINDOW_DAYS`]; a problem otherwise.
fn read_window(row: &table::Row<'_>, col: usize, problems: &mut Problems) -> Option<u32> {
    let cell = row.cell(col, problems)?;
    let days = cell.trim().parse::<u32>().ok().filter(|&d| crate::catalogue::is_window(d));
    if days.is_none() {
        problems.push(row.problem(
            col,
            cell,
            ProblemCode::NotANumber,
            &format!("a window is a whole number of days from 1 to {}", crate::catalogue::MAX_WINDOW_DAYS),
        ));
    }
    days
}

fn split_path(
    cell: &str,
    separator: &str,
    channels: &mut Channels,
    path: &mut Vec<ChannelId>,
    row: &table::Row<'_>,
    column: usize,
    problems: &mut Problems,
) {
    for name in cell.split(separator) {
        let name = name.trim();
        if name.is_empty() {
            let reason = if cell.trim().is_empty() {
                "the path is empty"
            } else {
                "the path has an empty step between separators"
            };
            problems.push(row.problem(column, cell, ProblemCode::EmptyPath, reason));
            return;
        }
        let Some(id) = channels.intern(name) else {
            problems.push(row.problem(
                column,
                cell,
                ProblemCode::TooManyChannels,
                "more distinct channels than can be indexed",
            ));
            return;
        };
        path.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::PathTableBuilder;

    fn read(text: &str) -> Result<PathTable, Error> {
        read_paths(text, &PathsOptions::default())
    }

    #[test]
    fn builder_merges_equal_paths_short_and_long_and_keeps_order_apart() {
        let mut channels = Channels::default();
        let ids: Vec<ChannelId> = ["A", "B", "C", "D", "E"].iter().filter_map(|n| channels.intern(n)).collect();
        let [ann, bo, cy, di, ed] = [ids[0], ids[1], ids[2], ids[3], ids[4]];
        let mut builder = PathTableBuilder::new(channels);
        let paths: [&[ChannelId]; 9] = [
            &[ann, bo],
            &[bo, ann],
            &[ann],
            &[ann, ann],
            &[ann, bo],
            &[ann, bo, cy, di],
            &[ann, bo, cy, di, ed],
            &[ann, bo, cy, di],
            &[ann, bo, cy, di, ed],
        ];
        for path in paths {
            builder.add(path, 1.0, Decimal::ONE, Decimal::ONE, 0.0);
        }
        let table = builder.finish();
        let rows: Vec<(Vec<ChannelId>, f64)> =
            (0..table.rows()).map(|r| (table.path(r).to_vec(), table.conversions(r))).collect();
        let expected: Vec<(Vec<ChannelId>, f64)> = vec![
            (vec![ann, bo], 2.0),
            (vec![bo, ann], 1.0),
            (vec![ann], 1.0),
            (vec![ann, ann], 1.0),
            (vec![ann, bo, cy, di], 2.0),
            (vec![ann, bo, cy, di, ed], 2.0),
        ];
        assert_eq!(rows, expected);
    }

    fn names(table: &PathTable, row: usize) -> Vec<&str> {
        table.path(row).iter().map(|&id| table.channels().name(id)).collect()
    }

    #[test]
    fn reads_rows_columnar_with_interned_channels() {
        let table =
            read("path,total_conversions,total_conversion_value,total_null\nA > B > A,2,100.5,3\nB,1,9,0\n").unwrap();
        assert_eq!(table.rows(), 2);
        assert_eq!(names(&table, 0), ["A", "B", "A"]);
        assert_eq!(names(&table, 1), ["B"]);
        assert_eq!(table.channels().len(), 2);
        assert_eq!(table.conversions(0), 2.0);
        assert_eq!(table.value(0), Decimal::new(1005, 1));
        assert_eq!(table.nulls(0), 3.0);
        assert_eq!(table.total_value(), Decimal::new(1095, 1));
        assert_eq!(table.value_scale(), 2);
    }

    #[test]
    fn value_and_null_columns_are_optional_and_headers_loose() {
        // BOM, semicolons, odd case and spacing in the header; "x>y" has no " > " so it is one channel.
        let table = read("\u{feff} PATH ;Total Conversions\nx>y;3\n").unwrap();
        assert_eq!(names(&table, 0), ["x>y"]);
        assert_eq!(table.conversions(0), 3.0);
        assert_eq!(table.value(0), Decimal::ZERO);
        assert_eq!(table.nulls(0), 0.0);
    }

    #[test]
    fn every_bad_row_is_reported_with_line_column_and_value() {
        let text = "path,total_conversions,total_conversion_value\nA,1,10\nB,abc,5\nC > ,1,2\nD,2,-3\n";
        let Err(Error::Input(problems)) = read(text) else { panic!("expected problems") };
        let found: Vec<_> = problems.iter().map(|p| (p.line, p.column, p.value.as_deref(), p.code)).collect();
        assert_eq!(
            found,
            [
                (3, Some(2), Some("abc"), ProblemCode::NotANumber),
                (4, Some(1), Some("C > "), ProblemCode::EmptyPath),
                (5, Some(3), Some("-3"), ProblemCode::Negative),
            ]
        );
    }

    #[test]
    fn missing_required_columns_are_named() {
        let Err(Error::Input(problems)) = read("path,conversions\nA,1\n") else { panic!("expected problems") };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, ProblemCode::MissingColumn);
        assert!(problems[0].message.contains("total_conversions"), "{}", problems[0].message);
    }

    #[test]
    fn empty_input_is_an_error_and_header_only_is_empty() {
        assert_eq!(read("").unwrap_err().problems()[0].code, ProblemCode::EmptyInput);
        assert_eq!(read("  \n").unwrap_err().problems()[0].code, ProblemCode::EmptyInput);
        assert_eq!(read("path,total_conversions\n").unwrap().rows(), 0);
    }

    #[test]
    fn separator_and_delimiter_are_configurable() {
        let options = PathsOptions { separator: "|".into(), delimiter: Some(';'), ..PathsOptions::default() };
        let table = read_paths("path;total_conversions\na|b;1\n", &options).unwrap();
        assert_eq!(names(&table, 0), ["a", "b"]);
        let bad = PathsOptions { separator: " ".into(), ..PathsOptions::default() };
        assert!(matches!(read_paths("", &bad), Err(Error::InvalidOption { .. })));
    }

    #[test]
    fn builder_merges_equal_paths_and_export_round_trips() {
        let mut channels = Channels::default();
        let [a, b] = ["A", "B"].map(|n| channels.intern(n).unwrap());
        let mut builder = PathTableBuilder::new(channels);
        builder.add(&[a, b], 1.0, Decimal::new(10000, 2), Decimal::new(6000, 2), 0.0);
        builder.add(&[b], 0.0, Decimal::ZERO, Decimal::ZERO, 1.0);
        builder.add(&[a, b], 1.0, Decimal::new(5, 0), Decimal::new(5, 0), 2.0);
        let table = builder.finish();
        assert_eq!(table.rows(), 2);
        assert_eq!(
            (table.conversions(0), table.value(0), table.net_value(0), table.nulls(0)),
            (2.0, Decimal::new(105, 0), Decimal::new(65, 0), 2.0)
        );
        assert_eq!(table.total_net_value(), Decimal::new(65, 0));
        let gross = paths_csv(&table, false);
        assert_eq!(gross, "path,total_conversions,total_conversion_value,total_null\nA > B,2,105.00,2\nB,0,0.00,1\n");
        assert!(paths_csv(&table, true).contains("A > B,2,65.00,2"));
        let again = read(&gross).unwrap();
        assert_eq!(paths_csv(&again, false), gross);
    }

    #[test]
    fn net_value_column_is_read_and_checked() {
        let table = read("path,total_conversions,total_conversion_value,total_net_value\nA,1,10,7\n").unwrap();
        assert_eq!(table.net_value(0), Decimal::new(7, 0));
        let error = read("path,total_conversions,total_conversion_value,total_net_value\nA,1,10,12\n").unwrap_err();
        assert_eq!(error.problems()[0].code, ProblemCode::RefundExceedsValue);
    }

    #[test]
    fn paths_can_be_a_json_array() {
        let json = r#"[{"path":"A > B","total_conversions":2,"total_conversion_value":"10.50"},{"path":"B","total_conversions":1}]"#;
        let table = read(json).unwrap();
        assert_eq!(names(&table, 0), ["A", "B"]);
        assert_eq!(table.value(0), Decimal::new(1050, 2));
        assert_eq!(table.value(1), Decimal::ZERO, "a missing key is an empty cell, read as 0 for an optional column");
    }

    #[test]
    fn open_quote_is_reported_not_swallowed() {
        let Err(Error::Input(problems)) = read("path,total_conversions\n\"A > B,1\nC,2\n") else {
            panic!("expected problems")
        };
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].code, ProblemCode::MalformedRow);
    }

    #[test]
    fn a_file_of_several_windows_is_one_table_per_window() {
        let text = "window_days,path,total_conversions,total_conversion_value,total_null\n\
                    30,A > B,2,20.00,1\n7,B,1,10.00,0\n30,C,1,5.00,0\n7,A,0,0.00,3\n";
        let windows = read_path_windows(text, &PathsOptions::default()).unwrap();
        assert_eq!(windows.iter().map(|w| w.days).collect::<Vec<_>>(), [Some(7), Some(30)], "shortest first");
        assert_eq!(windows[0].paths.rows(), 2);
        assert_eq!(windows[1].paths.total_value(), Decimal::new(25, 0));
        // Every window knows every channel of the file, so their comparisons line up.
        assert_eq!(windows[0].paths.channels().len(), 3);
        let error = read(text).unwrap_err().to_string();
        assert!(error.contains("holds 2 lookback windows (7, 30 days)"), "{error}");
        let one = read("window_days,path,total_conversions\n30,A,1\n").unwrap();
        assert_eq!(one.rows(), 1, "a file of one window reads as a plain paths file");
    }

    #[test]
    fn a_bad_window_is_named() {
        let text = "window_days,path,total_conversions\n30,A,1\n0,B,1\nmonth,C,1\n";
        let Err(Error::Input(problems)) = read_path_windows(text, &PathsOptions::default()) else {
            panic!("expected problems")
        };
        assert_eq!(
            problems.iter().map(|p| (p.line, p.column, p.value.clone())).collect::<Vec<_>>(),
            [(3, Some(1), Some("0".to_owned())), (4, Some(1), Some("month".to_owned()))]
        );
        assert!(problems[0].message.contains("whole number of days from 1 to 3650"));
    }
}
