//! The row loop every campaign input shares: header (found below a title if need be), column
//! map, then each data row with its cells, all problems collected; every column no field reads is
//! reported. A JSON array of objects is read as the same rows.

use std::collections::BTreeMap;

use csv::StringRecord;

use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::json_rows;
use crate::read::number::parse_amount;
use crate::read::schema::{ColumnMap, Schema, mapping_advice};
use crate::read::table::{Header, Row, Table};

/// A column found in a file: where it is and its header as written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Located {
    /// 0-based position.
    pub position: usize,
    /// The header name.
    pub name: String,
}

/// What reading a file's rows found of its columns.
pub(crate) struct ReadRows {
    header: Header,
    columns: ColumnMap,
}

impl ReadRows {
    /// Where the schema's field `field` (its index in the schema) was read from, if present.
    pub(crate) fn located(&self, field: usize) -> Option<Located> {
        let position = self.columns.get(field)?;
        Some(Located { position, name: self.header.name(position).to_owned() })
    }

    /// Names of the columns no field reads, in header order.
    pub(crate) fn unclaimed(&self) -> Vec<String> {
        self.header.unclaimed(|i| self.columns.uses(i))
    }
}

/// The text as rows: a JSON array of objects becomes the same text as a CSV file; a BOM is dropped.
fn as_delimited<'a>(text: &'a str, file: &str, converted: &'a mut String) -> Result<&'a str, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if json_rows::is_json(text) {
        *converted = json_rows::json_to_csv(text, file)?;
        return Ok(converted.as_str());
    }
    Ok(text)
}

/// Reads `text` as `schema`, calling `each` for every non-blank data row. Header problems (a
/// missing required column, two columns for one field) stop before any row is read.
///
/// # Errors
/// [`Error::InvalidOption`] for a bad column override; [`Error::Input`] for an empty file or a
/// header without the required columns.
pub(crate) fn read_rows(
    text: &str,
    schema: &Schema,
    overrides: &BTreeMap<String, String>,
    problems: &mut Problems,
    mut each: impl FnMut(&Row<'_>, &ColumnMap, &mut Problems),
) -> Result<ReadRows, Error> {
    let json = json_rows::is_json(text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut converted = String::new();
    let text = as_delimited(text, schema.file, &mut converted)?;
    let Some(mut table) = Table::new(text, None) else {
        return Err(Error::Input(vec![Problem::at_line(schema.file, 1, ProblemCode::EmptyInput, "the file is empty")]));
    };
    // A JSON array's header is its keys: only a spreadsheet's file has rows above its header.
    let candidates = Header::candidates(text);
    let skipped = if json { 0 } else { schema.header_row(&candidates, overrides) };
    let header = Header::read_after(&mut table, schema.file, skipped)?;
    let mut header_problems = Problems::default();
    if skipped > 0 {
        header_problems.push(title_skipped(schema, &candidates, skipped));
    }
    let columns = ColumnMap::new(schema, &header, overrides, &mut header_problems)?;
    for warning in header_problems.into_result(schema.file)? {
        problems.push(warning);
    }
    let mut unused = Unused::new(&header, &columns);
    table.for_each_row(&header, problems, |row, problems| {
        unused.look_at(row);
        each(row, &columns, problems);
    });
    unused.report(schema, &header, &columns, problems);
    Ok(ReadRows { header, columns })
}

/// The warning that the header is below the first row(s), which are skipped.
fn title_skipped(schema: &Schema, candidates: &[(usize, Option<Vec<String>>)], skipped: usize) -> Problem {
    let (first_line, first) = &candidates[0];
    let title = first.iter().flatten().find(|cell| !cell.is_empty()).cloned().unwrap_or_default();
    let line = candidates[skipped].0;
    let message = format!(
        "line {line} looks like the header (it names this file's columns): the {skipped} row(s) above it are \
         skipped as a title"
    );
    Problem { value: Some(title), ..Problem::at_line(schema.file, *first_line, ProblemCode::HeaderNotFirst, message) }
        .warning()
}

/// How many data rows are looked at to tell whether an unused column holds amounts of money.
const ROWS_LOOKED_AT: usize = 100;

/// How many unused columns are looked at and named; past these (a row of a million cells) they
/// are counted.
const COLUMNS_NAMED: usize = 50;

/// The columns no field reads, and whether each holds amounts of money, for the report of them.
struct Unused {
    /// Per unused column: its position, amounts seen, amounts written as money (a currency mark,
    /// or fen), other cells seen.
    columns: Vec<(usize, usize, usize, usize)>,
    /// Unused columns past [`COLUMNS_NAMED`].
    more: usize,
    rows: usize,
}

impl Unused {
    fn new(header: &Header, columns: &ColumnMap) -> Self {
        let unused: Vec<usize> =
            (0..header.len()).filter(|&c| !columns.uses(c) && !header.name(c).is_empty()).collect();
        let more = unused.len().saturating_sub(COLUMNS_NAMED);
        Self { columns: unused.into_iter().take(COLUMNS_NAMED).map(|c| (c, 0, 0, 0)).collect(), more, rows: 0 }
    }

    fn look_at(&mut self, row: &Row<'_>) {
        if self.rows >= ROWS_LOOKED_AT || self.columns.is_empty() {
            return;
        }
        self.rows += 1;
        for (column, amounts, money, others) in &mut self.columns {
            let cell = row.raw(*column).trim();
            if cell.is_empty() {
                continue;
            }
            if parse_amount(cell).is_ok() {
                *amounts += 1;
                let fen = cell.rsplit_once('.').is_some_and(|(_, fraction)| fraction.len() == 2);
                *money +=
                    usize::from(fen || cell.contains(['¥', '￥', '元']) || cell.to_ascii_uppercase().contains("RMB"));
            } else {
                *others += 1;
            }
        }
    }

    /// A warning per unused column that looks like a field no column gives (by its name, or by
    /// holding amounts when a money field is missing), suggesting the mapping; one warning naming
    /// the others. Nothing is read from any of them without a mapping.
    fn report(&self, schema: &Schema, header: &Header, columns: &ColumnMap, problems: &mut Problems) {
        let read = |field: usize| columns.get(field).is_some();
        let money_field = schema
            .money
            .iter()
            .copied()
            .find(|name| schema.fields.iter().position(|f| f.name == *name).is_some_and(|i| !read(i)));
        let mut plain = Vec::new();
        for &(column, amounts, money, others) in &self.columns {
            let name = header.name(column);
            let by_name = schema.suggest(header.normalized(column), read).map(|f| f.name);
            let holds_money = amounts > 0 && others == 0 && money > 0;
            let Some(field) = by_name.or(money_field.filter(|_| holds_money)) else {
                plain.push(format!("{name:?}"));
                continue;
            };
            let why = if by_name.is_some() {
                format!("whose name looks like {field}")
            } else {
                format!("which holds amounts of money while no column gives {field}")
            };
            let advice = mapping_advice(schema.file, field, name);
            let message =
                format!("not used: {name:?}, {why}: use it as {field}? Nothing is read from it until you {advice}");
            let problem = Problem::at_cell(
                schema.file,
                header.line(),
                column + 1,
                name,
                name,
                ProblemCode::UnusedColumn,
                message,
            );
            problems.push(problem.warning());
        }
        if self.more > 0 {
            plain.push(format!("and {} more", self.more));
        }
        if !plain.is_empty() {
            let message = format!(
                "not used: {} (the calculator reads no other column of this file; one holding a field under \
                 another name can be mapped with columns.{} or the CLI's --map)",
                plain.join(", "),
                schema.file
            );
            problems.push(Problem::at_line(schema.file, header.line(), ProblemCode::UnusedColumn, message).warning());
        }
    }
}

/// The cells of column `column` on each of `lines` (ascending), as written; `""` for a line
/// without one. A second pass over the file, for the few problems found after reading it.
pub(crate) fn cells_on_lines(text: &str, column: usize, lines: &[usize]) -> Vec<String> {
    let mut cells = Vec::with_capacity(lines.len());
    let mut converted = String::new();
    let table = as_delimited(text, "", &mut converted).ok().and_then(|text| Table::new(text, None));
    if let Some(mut table) = table {
        let mut record = StringRecord::new();
        let mut wanted = lines.iter().copied().peekable();
        while let Some(next) = table.read(&mut record) {
            let (at, cell) = match next {
                Ok(at) => (at, record.get(column).unwrap_or("")),
                Err((at, _)) => (at, ""),
            };
            while wanted.next_if(|&line| line < at).is_some() {
                cells.push(String::new());
            }
            if wanted.next_if_eq(&at).is_some() {
                cells.push(cell.trim().to_owned());
            }
            if wanted.peek().is_none() {
                break;
            }
        }
    }
    cells.resize(lines.len(), String::new());
    cells
}
