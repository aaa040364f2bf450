//! Errors and the problems they carry.
//!
//! Reading user input never stops at the first bad cell: every problem found is collected, with
//! the file, line, column and value it came from, so the page and the CLI can list them all.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The most problems one read reports; past this the input is clearly not the expected format and
/// listing more would only bury the first ones.
pub const MAX_PROBLEMS: usize = 500;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The input could not be read; every problem found is listed, in file order.
    Input(Vec<Problem>),
    /// An option is outside its allowed range or names something that does not exist.
    InvalidOption {
        /// The option's name as the user wrote it (e.g. `separator`).
        option: String,
        /// The offending value, as text.
        value: String,
        /// Why it was refused, in plain language.
        reason: String,
    },
}

impl Error {
    /// Shorthand for a refused option.
    pub fn invalid_option(option: &str, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        Self::InvalidOption { option: option.to_owned(), value: value.to_string(), reason: reason.into() }
    }

    /// The input problems, if this is an input error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Input(problems) => problems,
            Self::InvalidOption { .. } => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(problems) => match problems.as_slice() {
                [] => write!(f, "the input could not be read"),
                [only] => write!(f, "{only}"),
                [first, rest @ ..] => write!(f, "{first} (and {} more problems)", rest.len()),
            },
            Self::InvalidOption { option, value, reason } => {
                write!(f, "option {option} = {value:?}: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Whether a problem stops the computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used until this is fixed.
    Error,
    /// The input was used as described in the message; worth a look.
    Warning,
}

/// What kind of problem a [`Problem`] is; stable codes the page translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// The file has no content at all.
    EmptyInput,
    /// The header row lacks a required column.
    MissingColumn,
    /// Two header cells map to the same column.
    DuplicateColumn,
    /// The CSV structure itself is broken (e.g. an unbalanced quote).
    MalformedRow,
    /// A row has fewer cells than the header.
    MissingCell,
    /// A path has no channel, or an empty channel between separators.
    EmptyPath,
    /// A cell that must hold a number does not.
    NotANumber,
    /// A money amount is written in a way that cannot be read without guessing.
    AmbiguousAmount,
    /// A number that must not be negative is.
    Negative,
    /// A number is too large to be represented exactly.
    TooLarge,
    /// An amount has more decimal places than money needs (more than four).
    TooManyDecimals,
    /// A file has more distinct channels than the engine can index.
    TooManyChannels,
    /// More problems were found than are listed.
    TooManyProblems,
    /// The bytes are in no text encoding the calculator reads.
    InvalidEncoding,
    /// A cell that must hold a date and time does not.
    NotATimestamp,
    /// A rate is written in a way that cannot be read without guessing, or is above 100%.
    InvalidRate,
    /// A cell holds a value outside the allowed set (a tier name, a yes/no).
    UnknownValue,
    /// A required cell is empty.
    EmptyCell,
    /// An id appears twice where it must be unique.
    DuplicateId,
    /// A refund is larger than the order's value.
    RefundExceedsValue,
    /// A touch names a creator missing from the roster (kept under the `unknown` tier).
    UnknownCreator,
    /// A touch type is not one of the known ones (kept as `other`).
    UnknownTouchType,
    /// An order has no touch at all (counted as unattributed).
    OrderWithoutTouches,
    /// Touches come after the last order in the file.
    TouchAfterLastOrder,
    /// A date lies in the future.
    FutureDate,
    /// A column of Excel date numbers (`45783`) was read as dates.
    ExcelDates,
    /// A date lies years away from the rest of the campaign: a misread date, most likely.
    TimeOutOfRange,
    /// Orders give a date alone while touches give times of day: which touches of that day
    /// count depends on how such an order is read.
    DateOnlyOrders,
    /// A column the calculator does not read (its data is not used unless it is mapped).
    UnusedColumn,
    /// The header is not on the first line: the lines above it (a title) are skipped.
    HeaderNotFirst,
    /// A row repeats an earlier row exactly.
    DuplicateRow,
    /// An id was turned into a number by a spreadsheet (`1.23457E+17`): its digits are lost.
    MangledId,
    /// An order is marked returned but refunds only part of its value.
    PartialReturn,
    /// A channel name contains the paths separator, so a paths file cannot hold it.
    SeparatorInName,
}

/// One problem in the user's input, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Which input it is in (`paths`, `creators`, …).
    pub file: String,
    /// 1-based line in the file where the offending row starts.
    pub line: usize,
    /// 1-based column position, when the problem is in one cell.
    pub column: Option<usize>,
    /// The column's header name, when known.
    pub column_name: Option<String>,
    /// The offending text, exactly as given.
    pub value: Option<String>,
    /// What kind of problem it is.
    pub code: ProblemCode,
    /// Whether it stops the computation.
    pub severity: Severity,
    /// Plain-language reason, in English; the page translates by `code`.
    pub message: String,
}

impl Problem {
    /// A problem with a whole line (structure, empty file).
    pub fn at_line(file: &str, line: usize, code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            column: None,
            column_name: None,
            value: None,
            code,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A problem with one cell.
    pub fn at_cell(
        file: &str,
        line: usize,
        column: usize,
        column_name: &str,
        value: &str,
        code: ProblemCode,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_owned(),
            line,
            column: Some(column),
            column_name: Some(column_name.to_owned()),
            value: Some(value.to_owned()),
            code,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// The same problem as a warning.
    #[must_use]
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether this problem stops the computation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        write!(f, "{} line {}", self.file, self.line)?;
        if let (Some(column), Some(name)) = (self.column, &self.column_name) {
            write!(f, ", column {column} ({name})")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value:?}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects problems, at most [`MAX_PROBLEMS`] of each severity, then counts the rest, so a flood
/// of warnings never hides an error.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    unlisted_errors: usize,
    unlisted_warnings: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        let (list, unlisted) = match problem.severity {
            Severity::Error => (&mut self.errors, &mut self.unlisted_errors),
            Severity::Warning => (&mut self.warnings, &mut self.unlisted_warnings),
        };
        if list.len() < MAX_PROBLEMS {
            list.push(problem);
        } else {
            *unlisted += 1;
        }
    }

    /// Every error pushed so far, listed or not.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.len() + self.unlisted_errors
    }

    /// The warnings when there is no error; else the error listing every problem, errors first,
    /// each group in the order found.
    pub(crate) fn into_result(self, file: &str) -> Result<Vec<Problem>, Error> {
        let summary = |list: &[Problem], unlisted: usize, severity: Severity| {
            (unlisted > 0).then(|| Problem {
                severity,
                ..Problem::at_line(
                    file,
                    list.last().map_or(0, |p| p.line),
                    ProblemCode::TooManyProblems,
                    format!("{unlisted} more not listed"),
                )
            })
        };
        let warning_summary = summary(&self.warnings, self.unlisted_warnings, Severity::Warning);
        let mut warnings = self.warnings;
        warnings.extend(warning_summary);
        if self.errors.is_empty() {
            return Ok(warnings);
        }
        let error_summary = summary(&self.errors, self.unlisted_errors, Severity::Error);
        let mut all = self.errors;
        all.extend(error_summary);
        all.extend(warnings);
        Err(Error::Input(all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_value() {
        let problem =
            Problem::at_cell("paths", 3, 2, "total_conversions", "abc", ProblemCode::NotANumber, "not a number");
        assert_eq!(problem.to_string(), r#"paths line 3, column 2 (total_conversions), value "abc": not a number"#);
        let error = Error::Input(vec![problem.clone(), problem]);
        assert!(error.to_string().ends_with("(and 1 more problems)"));
    }

    #[test]
    fn problems_cap_and_count_the_rest() {
        let mut problems = Problems::default();
        for line in 0..MAX_PROBLEMS + 7 {
            problems.push(Problem::at_line("paths", line, ProblemCode::MalformedRow, "bad"));
        }
        problems.push(Problem::at_line("paths", 1, ProblemCode::FutureDate, "later").warning());
        let Err(Error::Input(list)) = problems.into_result("paths") else { panic!("expected an error") };
        assert_eq!(list.len(), MAX_PROBLEMS + 2);
        assert_eq!(list[MAX_PROBLEMS].code, ProblemCode::TooManyProblems);
        assert_eq!(list[MAX_PROBLEMS].message, "7 more not listed");
        assert_eq!(list[MAX_PROBLEMS + 1].severity, Severity::Warning);
    }

    #[test]
    fn warnings_alone_are_not_an_error() {
        let mut problems = Problems::default();
        problems.push(Problem::at_line("orders", 2, ProblemCode::OrderWithoutTouches, "no touch").warning());
        let warnings = problems.into_result("orders").unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].to_string().starts_with("warning: orders line 2"));
    }
}
