//! The row loop every campaign input shares: header, column map, then each data row with its
//! cells, all problems collected. A JSON array of objects is read as the same rows.

use std::collections::BTreeMap;

use crate::error::{Error, Problem, ProblemCode, Problems};
use crate::read::json_rows;
use crate::read::schema::{ColumnMap, Schema};
use crate::read::table::{Header, Row, Table};

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
    let converted;
    let text = if json_rows::is_json(text) {
        converted = json_rows::json_to_csv(text, schema.file)?;
        converted.as_str()
    } else {
        text
    };
    let Some(mut table) = Table::new(text, None) else {
        return Err(Error::Input(vec![Problem::at_line(schema.file, 1, ProblemCode::EmptyInput, "the file is empty")]));
    };
    let header = Header::read(&mut table, schema.file)?;
    let mut header_problems = Problems::default();
    let columns = ColumnMap::new(schema, &header, overrides, &mut header_problems)?;
    header_problems.into_result(schema.file)?;
    table.for_each_row(&header, problems, |row, problems| each(row, &columns, problems));
    Ok(header.unclaimed(|i| columns.uses(i)))
}
