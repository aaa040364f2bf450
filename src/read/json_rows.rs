//! Inputs given as JSON: an array of objects, one per row, turned into the same header and rows
//! a pasted table has, so every check and message applies unchanged. Row `n` of the array is
//! reported as line `n + 1`, the header being line 1.

use std::fmt::Write as _;

use serde_json::Value;

use crate::error::{Error, Problem, ProblemCode};

/// Whether `text` is a JSON array rather than delimited text.
pub(crate) fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// The array of objects in `text` as CSV: keys in order of first appearance make the header;
/// strings, numbers and booleans become cells, `null` and missing keys empty cells.
///
/// # Errors
/// [`Error::Input`] naming the line and column of the JSON error, or the first element that is
/// not an object.
pub(crate) fn json_to_csv(text: &str, file: &str) -> Result<String, Error> {
    let rows: Vec<Value> = serde_json::from_str(text).map_err(|e| {
        Error::Input(vec![Problem::at_line(file, e.line(), ProblemCode::MalformedRow, format!("not valid JSON: {e}"))])
    })?;
    let mut header: Vec<&str> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let Value::Object(fields) = row else {
            let message = format!("element {index} of the JSON array is not an object with named fields");
            return Err(Error::Input(vec![Problem::at_line(file, index + 2, ProblemCode::MalformedRow, message)]));
        };
        for key in fields.keys() {
            if !header.contains(&key.as_str()) {
                header.push(key);
            }
        }
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(&header);
    let mut cell = String::new();
    for row in &rows {
        let cells = header.iter().map(|key| {
            cell.clear();
            match row.get(*key) {
                None | Some(Value::Null) => {}
                Some(Value::String(text)) => cell.push_str(text),
                Some(other) => {
                    let _ = write!(cell, "{other}");
                }
            }
            cell.clone()
        });
        let _ = out.write_record(cells.collect::<Vec<_>>());
    }
    Ok(String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_become_rows_under_the_union_of_their_keys() {
        let csv = json_to_csv(
            r#"[{"kol_id":"k1","followers":12000},{"kol_id":"k,2","tier":"mega","x":null,"ok":true}]"#,
            "creators",
        )
        .unwrap();
        assert_eq!(csv, "kol_id,followers,tier,x,ok\nk1,12000,,,\n\"k,2\",,mega,,true\n");
        assert!(is_json("  [") && !is_json("kol_id\n"));
    }

    #[test]
    fn bad_json_names_its_line() {
        let error = json_to_csv("[\n{\"a\":1},\n{\"a\":}\n]", "orders").unwrap_err();
        assert_eq!(error.problems()[0].line, 3);
        let error = json_to_csv("[{\"a\":1}, 5]", "orders").unwrap_err();
        assert_eq!(error.problems()[0].line, 3);
        assert!(error.problems()[0].message.contains("element 1"));
    }
}
