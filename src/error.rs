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
    /// A file has more distinct channels than the engine can index.
    TooManyChannels,
    /// More problems were found than are listed.
    TooManyProblems,
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
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

/// Collects problems up to [`MAX_PROBLEMS`], then counts the rest.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    overflow: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.overflow += 1;
        }
    }

    /// Every problem pushed so far, listed or not.
    pub(crate) fn len(&self) -> usize {
        self.list.len() + self.overflow
    }

    /// `Ok(())` when nothing was found, else the error listing every problem.
    pub(crate) fn into_result(mut self, file: &str) -> Result<(), Error> {
        if self.list.is_empty() {
            return Ok(());
        }
        if self.overflow > 0 {
            let line = self.list.last().map_or(0, |p| p.line);
            self.list.push(Problem::at_line(
                file,
                line,
                ProblemCode::TooManyProblems,
                format!("{} more problems not listed", self.overflow),
            ));
        }
        Err(Error::Input(self.list))
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
        let Err(Error::Input(list)) = problems.into_result("paths") else { panic!("expected an error") };
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert_eq!(list.last().unwrap().code, ProblemCode::TooManyProblems);
        assert_eq!(list.last().unwrap().message, "7 more problems not listed");
    }
}
