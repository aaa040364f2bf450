//! Reading: the first stage. Bytes to text (UTF-8, UTF-16, GBK/GB18030), text to rows (delimiter
//! detection, headers matched by alias), and cells to values (amounts, counts, rates, timestamps),
//! each problem located by file, line, column and value. Knows nothing of campaigns or models.

pub(crate) mod cell;
pub mod decode;
pub(crate) mod json_rows;
pub mod number;
pub(crate) mod schema;
pub(crate) mod table;
pub mod time;
