//! Delimited text as users paste it: delimiter detection, loose header matching, and cells that
//! report their own problems with line, column and value.

use std::borrow::Cow;

use csv::StringRecord;
use rust_decimal::Decimal;

use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::number::NumberError;

/// A header name reduced to what users mean by it: case, spaces, `_` and `-` do not matter.
///
/// Borrowed when the name is already in that form, as nearly every touch-type and channel cell
/// is: normalizing runs once per row of files with millions of rows.
pub(crate) fn normalize(name: &str) -> Cow<'_, str> {
    if name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-' && *c != '\u{feff}')
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// The delimiter the first non-blank line uses most, outside quotes: tab (Excel and Sheets
/// pastes), semicolon (European Excel) or comma. A first line without any (a title typed above
/// the table) leaves it to the next ones.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(HEADER_SEARCH_ROWS);
    lines.find_map(delimiter_of).unwrap_or(b',')
}

fn delimiter_of(line: &str) -> Option<u8> {
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    // Ties go to the comma, the format's own default; max_by_key keeps the last maximum.
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map(|(d, _)| *d)
}

/// A CSV reader that knows the line each record starts on.
///
/// Lines are counted from the record's byte offset, not taken from the csv crate, which counts
/// CRLF files (every Windows Excel export) one line short per row; a lone `\r` (old Mac
/// exports) ends a line too.
pub(crate) struct Table<'a> {
    reader: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> Table<'a> {
    /// A reader over `text`, or `None` when there is nothing but white space.
    pub(crate) fn new(text: &'a str, delimiter: Option<char>) -> Option<Self> {
        if text.trim().is_empty() {
            return None;
        }
        let delimiter = delimiter.map_or_else(|| detect_delimiter(text), |d| d as u8);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        Some(Self { reader, text: text.as_bytes(), counted_to: 0, line: 1 })
    }

    /// The line of the first byte at or after `offset` that is not a line break (the csv crate
    /// places a record after the blank lines it skipped); offsets must not decrease between calls.
    fn line_at(&mut self, offset: u64) -> usize {
        let mut end = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(end), Some(b'\n' | b'\r')) {
            end += 1;
        }
        // One pass counts line feeds and notices carriage returns; only text with a `\r` (CRLF
        // or old Mac files) takes the slower count that pairs them.
        let span = self.text.get(self.counted_to..end).unwrap_or_default();
        let (mut feeds, mut returns) = (0, 0);
        for &byte in span {
            feeds += usize::from(byte == b'\n');
            returns += usize::from(byte == b'\r');
        }
        if returns == 0 {
            self.line += feeds;
        } else {
            for i in self.counted_to..end {
                let byte = self.text[i];
                if byte == b'\n' || (byte == b'\r' && self.text.get(i + 1) != Some(&b'\n')) {
                    self.line += 1;
                }
            }
        }
        self.counted_to = self.counted_to.max(end);
        self.line
    }

    /// Reads the next record into `record`: its line, or the line and message of a broken one;
    /// `None` at the end.
    pub(crate) fn read(&mut self, record: &mut StringRecord) -> Option<Result<usize, (usize, String)>> {
        match self.reader.read_record(record) {
            Ok(false) => None,
            Ok(true) => {
                let offset = record.position().map_or(0, csv::Position::byte);
                Some(Ok(self.line_at(offset)))
            }
            Err(error) => {
                let offset = error.position().map_or(0, csv::Position::byte);
                Some(Err((self.line_at(offset), error.to_string())))
            }
        }
    }

    /// Calls `each` with every non-blank data row after the header, reporting broken rows.
    pub(crate) fn for_each_row(
        &mut self,
        header: &Header,
        problems: &mut Problems,
        mut each: impl FnMut(&Row<'_>, &mut Problems),
    ) {
        let mut record = StringRecord::new();
        while let Some(next) = self.read(&mut record) {
            let line = match next {
                Ok(line) => line,
                Err((line, message)) => {
                    problems.push(Problem::at_line(header.file, line, ProblemCode::MalformedRow, message));
                    continue;
                }
            };
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            if let Some(row) = header.row(&record, line, problems) {
                each(&row, problems);
            }
        }
    }
}

/// The header row of one input file.
pub(crate) struct Header {
    file: &'static str,
    line: usize,
    names: Vec<String>,
    normalized: Vec<String>,
}

/// How many rows a header is looked for in: exports put a title, a date range or a merged group
/// header above the real one, never pages of them.
pub(crate) const HEADER_SEARCH_ROWS: usize = 10;

impl Header {
    /// Reads the first non-blank row as the header.
    pub(crate) fn read(table: &mut Table<'_>, file: &'static str) -> Result<Self, Error> {
        Self::read_after(table, file, 0)
    }

    /// Reads the header after skipping `skip` non-blank rows (a title above it).
    pub(crate) fn read_after(table: &mut Table<'_>, file: &'static str, mut skip: usize) -> Result<Self, Error> {
        let mut record = StringRecord::new();
        while let Some(next) = table.read(&mut record) {
            if skip > 0 {
                skip -= usize::from(next.is_err() || !record.iter().all(|cell| cell.trim().is_empty()));
                continue;
            }
            let line = next.map_err(|(line, message)| {
                Error::Input(vec![Problem::at_line(file, line, ProblemCode::MalformedRow, message)])
            })?;
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let names: Vec<String> = record.iter().map(|n| n.trim().to_owned()).collect();
            let normalized = names.iter().map(|n| normalize(n).into_owned()).collect();
            return Ok(Self { file, line, names, normalized });
        }
        Err(Error::Input(vec![Problem::at_line(file, 1, ProblemCode::EmptyInput, "the file is empty")]))
    }

    /// The first non-blank rows of `text` (at most [`HEADER_SEARCH_ROWS`]): each row's line and
    /// its cells, trimmed (`None` for a broken row), to find which one is the header.
    pub(crate) fn candidates(text: &str) -> Vec<(usize, Option<Vec<String>>)> {
        let mut rows = Vec::new();
        let Some(mut table) = Table::new(text, None) else { return rows };
        let mut record = StringRecord::new();
        while rows.len() < HEADER_SEARCH_ROWS {
            let Some(next) = table.read(&mut record) else { break };
            match next {
                Ok(_) if record.iter().all(|cell| cell.trim().is_empty()) => {}
                Ok(line) => rows.push((line, Some(record.iter().map(|n| n.trim().to_owned()).collect()))),
                Err((line, _)) => rows.push((line, None)),
            }
        }
        rows
    }

    /// The normalized name of column `column`.
    pub(crate) fn normalized(&self, column: usize) -> &str {
        self.normalized.get(column).map_or("", String::as_str)
    }

    /// Position of the column called `name`, if present.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let wanted = normalize(name);
        self.normalized.iter().position(|n| *n == wanted)
    }

    /// Position of the required column `name`; a problem naming what was found when absent or
    /// ambiguous.
    pub(crate) fn require(&self, name: &str, problems: &mut Problems) -> Option<usize> {
        let wanted = normalize(name);
        let matches: Vec<usize> = (0..self.normalized.len()).filter(|&i| self.normalized[i] == wanted).collect();
        match matches.as_slice() {
            [only] => Some(*only),
            [] => {
                problems.push(Problem::at_line(
                    self.file,
                    self.line,
                    ProblemCode::MissingColumn,
                    format!("no column named {name:?}; the header has: {}", self.names.join(", ")),
                ));
                None
            }
            [first, ..] => {
                problems.push(Problem::at_cell(
                    self.file,
                    self.line,
                    first + 1,
                    name,
                    &self.names[*first],
                    ProblemCode::DuplicateColumn,
                    format!("{} columns are named {name:?}; keep one", matches.len()),
                ));
                None
            }
        }
    }

    /// How many columns the header has.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The line the header is on.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// The name of column `column` as written.
    pub(crate) fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }

    /// The first unclaimed column whose normalized name is `normalized`.
    pub(crate) fn position(&self, normalized: &str, claimed: &[bool]) -> Option<usize> {
        (0..self.normalized.len()).find(|&i| !claimed[i] && self.normalized[i] == normalized)
    }

    /// Another unclaimed column with the same normalized name as `column`.
    pub(crate) fn twin(&self, column: usize, claimed: &[bool]) -> Option<usize> {
        (0..self.normalized.len())
            .find(|&i| i != column && !claimed[i] && self.normalized[i] == self.normalized[column])
    }

    /// Names of the columns for which `used` is false, in header order.
    pub(crate) fn unclaimed(&self, used: impl Fn(usize) -> bool) -> Vec<String> {
        (0..self.names.len()).filter(|&i| !used(i)).map(|i| self.names[i].clone()).collect()
    }

    /// The problem of a missing column described by `what`.
    pub(crate) fn missing(&self, what: &str) -> Problem {
        Problem::at_line(
            self.file,
            self.line,
            ProblemCode::MissingColumn,
            format!("no column {what}; the header has: {}", self.names.join(", ")),
        )
    }

    /// A data row, or `None` (with a problem) when its quoting is broken.
    pub(crate) fn row<'a>(&'a self, record: &'a StringRecord, line: usize, problems: &mut Problems) -> Option<Row<'a>> {
        // An open quote swallows the rest of the file into one cell: say so once, not per column.
        if record.len() < self.names.len() && record.iter().next_back().is_some_and(|cell| cell.contains('\n')) {
            problems.push(Problem::at_line(
                self.file,
                line,
                ProblemCode::MalformedRow,
                "a quote (\") opened on this line is never closed",
            ));
            return None;
        }
        Some(Row { header: self, record, line })
    }
}

/// One data row with its line number, for reading cells and reporting their problems.
pub(crate) struct Row<'a> {
    header: &'a Header,
    record: &'a StringRecord,
    line: usize,
}

impl Row<'_> {
    /// The line the row starts on.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Positions of the columns for which `used` is false.
    pub(crate) fn unclaimed_positions(&self, used: impl Fn(usize) -> bool) -> Vec<usize> {
        (0..self.header.names.len()).filter(|&i| !used(i)).collect()
    }

    /// The trimmed cell of an optional column; `None` when the column is absent or the cell blank.
    pub(crate) fn optional(&self, column: Option<usize>) -> Option<&str> {
        let cell = self.record.get(column?)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// The trimmed cell of a required column, or a problem when it is missing or blank.
    pub(crate) fn required(&self, column: Option<usize>, problems: &mut Problems) -> Option<&str> {
        let column = column?;
        let cell = self.cell(column, problems)?.trim();
        if cell.is_empty() {
            problems.push(self.problem(column, "", ProblemCode::EmptyCell, "this cell must not be empty"));
            return None;
        }
        Some(cell)
    }

    /// The trimmed cell of a required id column, as [`Row::required`]; refused when a spreadsheet
    /// turned a long number into scientific notation (`1.23457E+17`): its digits are lost, and
    /// it would match no other file's id, or the wrong one.
    pub(crate) fn required_id(&self, column: Option<usize>, problems: &mut Problems) -> Option<&str> {
        let cell = self.required(column, problems)?;
        if is_scientific(cell) {
            let reason = "a spreadsheet turned this id into a number in scientific notation and its last digits \
                          are lost: format the column as text in Excel (or export from the source again)";
            problems.push(self.problem(column?, cell, ProblemCode::MangledId, reason));
            return None;
        }
        Some(cell)
    }

    /// The cell in `column`, or a problem if the row is too short.
    pub(crate) fn cell(&self, column: usize, problems: &mut Problems) -> Option<&str> {
        let cell = self.record.get(column);
        if cell.is_none() {
            problems.push(self.problem(column, "", ProblemCode::MissingCell, "the row ends before this column"));
        }
        cell
    }

    /// The cell in `column`, or `""` when the row is too short.
    pub(crate) fn raw(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("")
    }

    /// `cell` parsed by `parse`, or a problem saying why it is not a number.
    pub(crate) fn number(
        &self,
        column: usize,
        cell: &str,
        parse: fn(&str) -> Result<Decimal, NumberError>,
        problems: &mut Problems,
    ) -> Option<Decimal> {
        parse(cell).map_err(|e| problems.push(self.problem(column, cell, e.code, e.reason))).ok()
    }

    /// A problem with the cell in `column`.
    pub(crate) fn problem(&self, column: usize, value: &str, code: ProblemCode, reason: &str) -> Problem {
        let name = self.header.names.get(column).map_or("", String::as_str);
        Problem::at_cell(self.header.file, self.line, column + 1, name, value, code, reason)
    }
}

/// `1.23457E+17`, `1E+15`: how Excel shows a number too long for its cell, digits lost.
fn is_scientific(cell: &str) -> bool {
    let Some((mantissa, exponent)) = cell.split_once(['E', 'e']) else { return false };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(whole) && digits(fraction) && exponent.strip_prefix('+').is_some_and(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_scientific_notation_are_told_apart() {
        for cell in ["1.23457E+17", "1E+15", "9.9e+20"] {
            assert!(is_scientific(cell), "{cell}");
        }
        for cell in ["u1", "123457000000000000", "3e10", "E+5", "1.2E+", "kol_1E+5", "1.2.3E+4"] {
            assert!(!is_scientific(cell), "{cell}");
        }
    }

    #[test]
    fn header_names_match_loosely() {
        assert_eq!(normalize(" Total_Conversions "), "totalconversions");
        assert_eq!(normalize("total conversions"), "totalconversions");
        assert_eq!(normalize("达人 ID"), "达人id");
    }

    #[test]
    fn lines_are_right_for_lf_crlf_and_cr_files() {
        for text in ["h,x\na,1\n\nb,2\n", "h,x\r\na,1\r\n\r\nb,2\r\n", "h,x\ra,1\r\rb,2\r"] {
            let mut table = Table::new(text, None).unwrap();
            let mut record = StringRecord::new();
            let mut lines = Vec::new();
            while let Some(Ok(line)) = table.read(&mut record) {
                lines.push(line);
            }
            assert_eq!(lines, [1, 2, 4], "{text:?}");
        }
    }

    #[test]
    fn delimiter_is_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a\tb\tc\n1,2\t3"), b'\t');
        assert_eq!(detect_delimiter("a;b;c\n"), b';');
        assert_eq!(detect_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(detect_delimiter("path\n"), b',');
        assert_eq!(detect_delimiter("\n\na;b,c;d\n"), b';');
        assert_eq!(detect_delimiter("五月订单\na;b,c;d\n"), b';', "a title without delimiters");
    }
}
