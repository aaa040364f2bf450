//! Touch types and ages carried by aggregated paths, so the time- and type-based models (time
//! decay, touch-weighted, the platform's click) work on paths written in a warehouse too.
//!
//! Two columns beside the path, one entry per step joined by the path's separator:
//! `touch_types` (`view > save > click`) and `touch_ages_seconds` (`86400 > 3600 > 0`, each
//! touch's age at the order; `touch_ages_hours` or `touch_ages_days` for coarser buckets, read as
//! the bucket's start). Non-converting rows may leave both empty; converting rows need them.

use crate::campaign::TouchType;
use crate::error::{Problem, ProblemCode, Problems};
use crate::read::table::{Header, Row};

/// The age columns accepted, with the seconds in one unit.
const AGE_COLUMNS: [(&str, i64); 3] =
    [("touch_ages_seconds", 1), ("touch_ages_hours", 3600), ("touch_ages_days", 86_400)];

/// The column holding touch types.
const TYPES_COLUMN: &str = "touch_types";

/// Where a file keeps its touch types and ages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventColumns {
    types: usize,
    ages: usize,
    unit: i64,
}

impl EventColumns {
    /// The columns, when the header has both; a problem when it has only one of them.
    pub(crate) fn find(header: &Header, problems: &mut Problems) -> Option<Self> {
        let types = header.find(TYPES_COLUMN);
        let ages = AGE_COLUMNS.iter().find_map(|&(name, unit)| header.find(name).map(|col| (col, unit)));
        match (types, ages) {
            (Some(types), Some((ages, unit))) => Some(Self { types, ages, unit }),
            (None, None) => None,
            (Some(_), None) => {
                problems.push(Problem::at_line(
                    "paths",
                    header.line(),
                    ProblemCode::MissingColumn,
                    "touch_types needs touch_ages_seconds (or _hours, _days) beside it",
                ));
                None
            }
            (None, Some(_)) => {
                problems.push(Problem::at_line(
                    "paths",
                    header.line(),
                    ProblemCode::MissingColumn,
                    "touch ages need touch_types beside them",
                ));
                None
            }
        }
    }

    /// One row's types and ages in seconds, one per step of a `steps`-touch path; `None` when
    /// both cells are empty (allowed for a row without conversions only) or after a problem.
    pub(crate) fn read(
        self,
        row: &Row<'_>,
        steps: usize,
        converting: bool,
        separator: &str,
        problems: &mut Problems,
    ) -> Option<(Vec<TouchType>, Vec<i64>)> {
        let (types, ages) = (row.optional(Some(self.types)), row.optional(Some(self.ages)));
        let (Some(types), Some(ages)) = (types, ages) else {
            if converting || types.is_some() || ages.is_some() {
                let col = if types.is_none() { self.types } else { self.ages };
                problems.push(row.problem(
                    col,
                    row.raw(col),
                    ProblemCode::EmptyCell,
                    "a row with conversions needs a touch type and an age for every step of its path",
                ));
            }
            return None;
        };
        let before = problems.error_count();
        let kinds: Vec<TouchType> = types
            .split(separator)
            .map(|text| {
                TouchType::parse(text.trim()).unwrap_or_else(|| {
                    problems.push(row.problem(
                        self.types,
                        types,
                        ProblemCode::UnknownValue,
                        "a touch type is view, like, save, comment, click, promo_code, qr_scan or other",
                    ));
                    TouchType::Other
                })
            })
            .collect();
        let seconds: Vec<i64> = ages
            .split(separator)
            .map(|text| {
                text.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|&a| a >= 0)
                    .and_then(|a| a.checked_mul(self.unit))
                    .unwrap_or_else(|| {
                        problems.push(row.problem(
                            self.ages,
                            ages,
                            ProblemCode::NotANumber,
                            "an age is a whole, non-negative number",
                        ));
                        0
                    })
            })
            .collect();
        for (col, count, cell) in [(self.types, kinds.len(), types), (self.ages, seconds.len(), ages)] {
            if count != steps {
                problems.push(row.problem(
                    col,
                    cell,
                    ProblemCode::MalformedRow,
                    "needs one entry per step of the path",
                ));
            }
        }
        (problems.error_count() == before).then_some((kinds, seconds))
    }
}

/// The header names of the event columns as the calculator writes them.
pub(crate) const WRITTEN_COLUMNS: [&str; 2] = [TYPES_COLUMN, AGE_COLUMNS[0].0];

#[cfg(test)]
mod tests {
    use crate::paths::{PathsOptions, read_paths};

    #[test]
    fn converting_rows_need_their_types_and_ages() {
        let text = "path,total_conversions,total_null,touch_types,touch_ages_hours\nA > B,1,0,view > click,\nA,0,2,,\n\
                    B,1,0,view > click,3 > 0\nC,1,0,wink,2\n";
        let problems = read_paths(text, &PathsOptions::default()).unwrap_err();
        let found: Vec<(usize, usize)> = problems.problems().iter().map(|p| (p.line, p.column.unwrap_or(0))).collect();
        assert_eq!(found, [(2, 5), (4, 4), (4, 5), (5, 4)], "{problems}");
        let hours =
            read_paths("path,total_conversions,touch_types,touch_ages_hours\nA,1,save,3\n", &PathsOptions::default())
                .unwrap();
        assert_eq!(hours.events(0).unwrap().1, [10_800], "hours are read as seconds");
        let alone = read_paths("path,total_conversions,touch_types\nA,1,save\n", &PathsOptions::default()).unwrap_err();
        assert!(alone.to_string().contains("touch_types needs touch_ages_seconds"));
    }
}
