//! The row loop every campaign input shares: header, column map, then each data row with its
//! cells, all problems collected.

use std::collections::BTreeMap;

use csv::StringRecord;

use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::schema::{ColumnMap, Schema};
use crate::table::{self, Header, Row};

/// Reads `text` as `schema`, calling `each` for every non-blank data row. Header problems (a
/// missing required column) stop before any row is read.
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
) -> Result<Vec<String>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(mut reader) = table::reader(text, None) else {
        return Err(Error::Input(vec![Problem::at_line(schema.file, 1, ProblemCode::EmptyInput, "the file is empty")]));
    };
    let header = Header::read(&mut reader, schema.file)?;
    let mut header_problems = Problems::default();
    let columns = ColumnMap::new(schema, &header, overrides, &mut header_problems)?;
    header_problems.into_result(schema.file)?;
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::at_line(schema.file, line, ProblemCode::MalformedRow, error.to_string()));
                continue;
            }
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if let Some(row) = header.row(&record, problems) {
            each(&row, &columns, problems);
        }
    }
    Ok(header.unclaimed(&columns))
}
